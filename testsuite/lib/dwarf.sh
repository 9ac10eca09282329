# SPDX-License-Identifier: GPL-2.0-or-later
# Golden tests of the kernel DWARF layer (-l, -L, -p2, errors) against the
# cached debuginfo of one test kernel: testsuite/dwarf/SERIES names its
# series (the goldens hold its line numbers, which stay put across Debian's
# ABI bumps of one upstream release; the release itself is whatever
# ctap-kernels resolved the series to, and expected text says @RELEASE@ for
# it). Each case NAME has NAME.args (stap's arguments after -r RELEASE, one
# a line), NAME.out, optional NAME.err, NAME.rc (default 0) and NAME.env
# (VAR=value lines). The index cache starts empty, so the first case builds
# the index and the rest read it.

dwarf_case() {
	local stap=$1 dir=$2 name=$3 label=$4 release=$5 want_rc=0 rc
	local -a args env=()
	mapfile -t args <"$dir/$name.args"
	[[ -f $dir/$name.rc ]] && want_rc=$(<"$dir/$name.rc")
	[[ -f $dir/$name.env ]] && mapfile -t env <"$dir/$name.env"
	(cd "$dir" && env CTAP_DIR="$WORK/dwarf-ctap" "${env[@]}" \
		"$stap" -r "$release" "${args[@]}") >"$WORK/dw.out" 2>"$WORK/dw.err"
	rc=$?
	if [[ $rc != "$want_rc" ]]; then
		fail "$label: $name: exit status $rc, expected $want_rc" "$(head -20 "$WORK/dw.err")"
	elif ! golden_matches "$dir/$name.out" "$WORK/dw.out" "$release"; then
		fail "$label: $name: stdout differs" "$(golden_diff "$dir/$name.out" "$WORK/dw.out" "$release")"
	elif ! golden_matches "$dir/$name.err" "$WORK/dw.err" "$release"; then
		fail "$label: $name: stderr differs" "$(golden_diff "$dir/$name.err" "$WORK/dw.err" "$release")"
	else
		pass "$label: $name"
	fi
}

run_dwarf_tests() {
	local dir=$SRCDIR/testsuite/dwarf release series file name
	local cache=${CTAP_CACHE:-/var/cache/ctap}
	series=$(<"$dir/SERIES")
	if ! release=$("$KERNELS_TOOL" release "$series" 2>&1); then
		fail "dwarf: no $series test kernel (run scripts/setup)" "$release"
		return
	fi
	if [[ ! -s $cache/kernels/$release/usr/lib/debug/boot/vmlinux-$release ]]; then
		fail "dwarf: no debuginfo of $release in $cache (run scripts/setup)"
		return
	fi
	for file in "$dir"/*.args; do
		name=$(basename "$file" .args)
		dwarf_case "$STAP" "$dir" "$name" dwarf "$release"
		[[ -x $STAP_SANITIZED ]] &&
			dwarf_case "$STAP_SANITIZED" "$dir" "$name" dwarf-sanitized "$release"
	done
}
