# SPDX-License-Identifier: GPL-2.0-or-later
# The pass-2 corpus (issue 4): resolution, tapsets, aliases, types, checks.
#   testsuite/semantic/ok/NAME.stp    must elaborate: stap OPTS NAME.stp ARGS
#                                     exits 0; stdout must equal NAME.p2 and
#                                     stderr NAME.err (empty when absent).
#   testsuite/semantic/fail/NAME.stp  must be rejected in pass 2 (status 1,
#                                     no stdout, "Pass 2: analysis failed"),
#                                     with NAME.msg as stderr's first line.
# OPTS come from NAME.opts (default "-p2"), ARGS from NAME.args (one script
# argument a line). Every case runs from its own directory, against the
# target release 6.1.0-semantic-test unless OPTS name another (-r), with
# ctap's tapset library; cases that need tapsets of their own add -I DIR to
# OPTS. Every case runs with the plain and the sanitized stap.

semantic_case_setup() {
	local dir=$1 name=$2
	opts=-p2
	[[ -f $dir/$name.opts ]] && opts=$(<"$dir/$name.opts")
	[[ $opts == *-r\ * ]] || opts="$opts -r 6.1.0-semantic-test"
	# Split into words without globbing: '-l e*' is a probe pattern, not
	# the case files beginning with e.
	read -ra opts <<<"$opts"
	args=()
	[[ -f $dir/$name.args ]] && mapfile -t args <"$dir/$name.args"
	return 0
}

semantic_ok_case() {
	local stap=$1 dir=$2 name=$3 label=$4 opts rc args
	semantic_case_setup "$dir" "$name"
	(cd "$dir" && "$stap" "${opts[@]}" "$name.stp" "${args[@]}") >"$WORK/s.out" 2>"$WORK/s.err"
	rc=$?
	if [[ $rc != 0 ]]; then
		fail "$label: $name: exit $rc" "$(head -20 "$WORK/s.err")"
	elif [[ -f $dir/$name.err ]] && ! cmp -s "$dir/$name.err" "$WORK/s.err"; then
		fail "$label: $name: stderr differs" "$(diff -u "$dir/$name.err" "$WORK/s.err" | head -30)"
	elif [[ ! -f $dir/$name.err && -s $WORK/s.err ]]; then
		fail "$label: $name: unexpected stderr" "$(head -20 "$WORK/s.err")"
	elif [[ ! -f $dir/$name.p2 ]]; then
		fail "$label: $name: no $name.p2 expected output"
	elif ! cmp -s "$dir/$name.p2" "$WORK/s.out"; then
		fail "$label: $name: output differs" "$(diff -u "$dir/$name.p2" "$WORK/s.out" | head -40)"
	else
		pass "$label: $name"
	fi
}

semantic_fail_case() {
	local stap=$1 dir=$2 name=$3 label=$4 opts rc args want got
	semantic_case_setup "$dir" "$name"
	(cd "$dir" && "$stap" "${opts[@]}" "$name.stp" "${args[@]}") >"$WORK/s.out" 2>"$WORK/s.err"
	rc=$?
	want=$(<"$dir/$name.msg")
	got=$(head -n 1 "$WORK/s.err")
	if [[ $rc != 1 ]]; then
		fail "$label: $name: exit status $rc, expected 1" "$(head -20 "$WORK/s.err")"
	elif [[ -s $WORK/s.out ]]; then
		fail "$label: $name: printed a program" "$(head -5 "$WORK/s.out")"
	elif [[ $got != "$want" ]]; then
		fail "$label: $name: first line of the error differs" \
			"$(printf 'expected: %s\n     got: %s\n' "$want" "$got")"
	elif ! grep -q '^Pass 2: analysis failed' "$WORK/s.err"; then
		fail "$label: $name: not a pass-2 failure" "$(tail -3 "$WORK/s.err")"
	elif grep -q 'Sanitizer\|runtime error' "$WORK/s.err"; then
		fail "$label: $name: sanitizer report" "$(grep -A5 'Sanitizer\|runtime error' "$WORK/s.err" | head -20)"
	else
		pass "$label: $name"
	fi
}

run_semantic_tests() {
	local dir=$SRCDIR/testsuite/semantic file stap label
	[[ -d $dir ]] || return 0
	for stap in "$STAP" "$STAP_SANITIZED"; do
		label=semantic
		[[ $stap == "$STAP_SANITIZED" ]] && label=semantic-sanitized
		if [[ ! -x $stap ]]; then
			fail "$label: $stap not built (make check builds it)"
			continue
		fi
		for file in "$dir"/ok/*.stp; do
			[[ -e $file ]] || continue
			semantic_ok_case "$stap" "$dir/ok" "$(basename "$file" .stp)" "$label ok"
		done
		for file in "$dir"/fail/*.stp; do
			[[ -e $file ]] || continue
			semantic_fail_case "$stap" "$dir/fail" "$(basename "$file" .stp)" "$label fail"
		done
	done
}
