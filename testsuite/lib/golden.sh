# SPDX-License-Identifier: GPL-2.0-or-later
# Expected-output files may say @RELEASE@ for the kernel release a test ran
# against: the test kernels are named by series (6.1, 6.12) and Debian moves
# a series to a new ABI release (6.1.0-56 -> 6.1.0-57) without changing what
# the goldens pin.

# golden_text EXPECTED RELEASE: print EXPECTED with @RELEASE@ replaced (an
# absent file is empty).
golden_text() {
	[[ -f $1 ]] || return 0
	local text
	text=$(cat "$1"; echo x)
	text=${text%x}
	printf '%s' "${text//@RELEASE@/$2}"
}

# golden_matches EXPECTED ACTUAL RELEASE: ACTUAL is EXPECTED, byte for byte.
golden_matches() {
	if [[ ! -f $1 ]]; then
		[[ ! -s $2 ]]
	elif grep -q @RELEASE@ "$1"; then
		cmp -s <(golden_text "$1" "$3") "$2"
	else
		cmp -s "$1" "$2"
	fi
}

# golden_diff EXPECTED ACTUAL RELEASE: the start of a unified diff.
golden_diff() {
	diff -u --label "$1" --label "$2" <(golden_text "$1" "$3") "$2" 2>&1 | head -40
}

# golden_release: the release of the 6.1 series, which front-end cases that
# need a real kernel's headers, BTF or modules name as @RELEASE@ in NAME.opts.
golden_release() {
	"$KERNELS_TOOL" release 6.1 2>/dev/null || echo 6.1-series-not-fetched
}
