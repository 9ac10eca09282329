# SPDX-License-Identifier: GPL-2.0-or-later
# Lazy tapset loading (issue 4): a script parses only the library files that
# define what it uses, transitively.
#   testsuite/semantic/lazy/NAME.stp   run from its directory as
#                                      stap -p2 -vv -r 6.1.0-semantic-test OPTS NAME.stp
#                                      (OPTS from NAME.opts); it must exit 0, and
#                                      the "Parsing library script" lines of its
#                                      stderr, ctap's tapset directory written as
#                                      TAPSETS, must equal NAME.loaded (empty
#                                      when absent), and -v's count must agree.
# With the plain and the sanitized stap. Then: a tapset's parse error
# names the tapset file, line and column (semantic/fail/tapset_parse_error
# checks only the first line).

tapset_loading_case() {
	local stap=$1 dir=$2 name=$3 label=$4 opts="" rc count
	[[ -f $dir/$name.opts ]] && opts=$(<"$dir/$name.opts")
	# shellcheck disable=SC2086  # opts is a word list
	(cd "$dir" && "$stap" -p2 -vv -r 6.1.0-semantic-test $opts "$name.stp") \
		>"$WORK/l.out" 2>"$WORK/l.err"
	rc=$?
	grep '^Parsing library script ' "$WORK/l.err" |
		sed "s|$SRCDIR/tapsets/|TAPSETS/|" >"$WORK/l.loaded"
	count=$(sed -n 's/^Pass 2: analyzed script and \([0-9]*\) library script.*/\1/p' "$WORK/l.err")
	if [[ $rc != 0 ]]; then
		fail "$label: $name: exit $rc" "$(head -20 "$WORK/l.err")"
	elif grep -q 'Sanitizer\|runtime error' "$WORK/l.err"; then
		fail "$label: $name: sanitizer report" "$(head -20 "$WORK/l.err")"
	elif ! diff -u "${dir}/$name.loaded" "$WORK/l.loaded" >"$WORK/l.diff" 2>&1 &&
	     ! { [[ ! -f $dir/$name.loaded ]] && [[ ! -s $WORK/l.loaded ]]; }; then
		fail "$label: $name: library files parsed differ" "$(head -30 "$WORK/l.diff")"
	elif [[ $count != "$(wc -l <"$WORK/l.loaded")" ]]; then
		fail "$label: $name: -v counts '$count' library scripts" "$(cat "$WORK/l.err")"
	else
		pass "$label: $name"
	fi
}

run_tapset_loading_tests() {
	local dir=$SRCDIR/testsuite/semantic/lazy file stap label
	[[ -d $dir ]] || return 0
	for stap in "$STAP" "$STAP_SANITIZED"; do
		label=tapset-loading
		[[ $stap == "$STAP_SANITIZED" ]] && label=tapset-loading-sanitized
		if [[ ! -x $stap ]]; then
			fail "$label: $stap not built (make check builds it)"
			continue
		fi
		for file in "$dir"/*.stp; do
			[[ -e $file ]] || continue
			tapset_loading_case "$stap" "$dir" "$(basename "$file" .stp)" "$label"
		done
	done
	run_tapset_parse_error_test
	run_tapset_install_list_test
}

# Every library file is in Makefile.am's install lists (make install and
# make dist would otherwise leave it out), and every listed file exists.
run_tapset_install_list_test() {
	local listed present
	listed=$(sed -n '/^dist_tapset\(linux\)\?_DATA *=/,/[^\\]$/p' "$SRCDIR/Makefile.am" |
		grep -o 'tapsets/[^ \\]*' | sort)
	present=$(cd "$SRCDIR" && find tapsets -type f \( -name '*.stp' -o -name '*.stpm' \) | sort)
	if [[ $listed == "$present" ]]; then
		pass "tapset-install: Makefile.am lists every tapset file"
	else
		fail "tapset-install: Makefile.am's tapset lists differ from tapsets/" \
			"$(diff <(echo "$listed") <(echo "$present"))"
	fi
}

# The whole report of a tapset that fails to parse, loaded for a call.
run_tapset_parse_error_test() {
	local dir=$SRCDIR/testsuite/semantic/fail
	(cd "$dir" && "$STAP" -p2 -r 6.1.0-semantic-test -I ../tapset_inc/broken \
		tapset_parse_error.stp) >"$WORK/b.out" 2>"$WORK/b.err"
	if grep -q "^        saw: operator '}' at ../tapset_inc/broken/broken.stp:3:46$" "$WORK/b.err" &&
	   grep -q '^Pass 2: analysis failed' "$WORK/b.err"; then
		pass "tapset-loading: a tapset's parse error names its file"
	else
		fail "tapset-loading: a tapset's parse error names its file" "$(cat "$WORK/b.err")"
	fi
}
