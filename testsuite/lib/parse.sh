# SPDX-License-Identifier: GPL-2.0-or-later
# The pass-1 corpus (issue 3): the whole language, parsed.
#   testsuite/parse/ok/NAME.stp    must parse (stap OPTS -p1 NAME.stp ARGS
#                                  exits 0, nothing on stderr), and its -p1
#                                  form must round-trip: printing the reparse
#                                  gives the same text.
#   testsuite/parse/fail/NAME.stp  must be rejected in pass 1 (status 1, no
#                                  stdout) with NAME.msg as stderr's first line.
# OPTS come from NAME.opts (default -p1), ARGS from NAME.args (one script
# argument a line). Every case runs with the plain and the sanitized stap;
# every ok case then goes through passes 2-3 (-p3) with the sanitized one.

parse_case_args() {
	local file=$1
	args=()
	[[ -f $file ]] && mapfile -t args <"$file"
	return 0
}

parse_ok_case() {
	local stap=$1 dir=$2 name=$3 label=$4 opts=-p1 rc args
	[[ -f $dir/$name.opts ]] && opts=$(<"$dir/$name.opts")
	parse_case_args "$dir/$name.args"
	# shellcheck disable=SC2086  # opts is a word list
	(cd "$dir" && "$stap" $opts "$name.stp" "${args[@]}") >"$WORK/p.out" 2>"$WORK/p.err"
	rc=$?
	if [[ $rc != 0 || -s $WORK/p.err ]]; then
		fail "$label: $name: does not parse (exit $rc)" "$(head -20 "$WORK/p.err")"
		return
	fi
	grep -v '^# ' "$WORK/p.out" >"$WORK/p.stp"
	# shellcheck disable=SC2086
	if ! "$stap" $opts "$WORK/p.stp" >"$WORK/p2.out" 2>"$WORK/p2.err"; then
		fail "$label: $name: the printed form does not parse" "$(head -20 "$WORK/p2.err")"
		return
	fi
	if diff <(grep -v '^# ' "$WORK/p.out") <(grep -v '^# ' "$WORK/p2.out") >"$WORK/p.diff"; then
		pass "$label: $name"
	else
		fail "$label: $name: the printed form does not round-trip" "$(head -40 "$WORK/p.diff")"
	fi
}

parse_fail_case() {
	local stap=$1 dir=$2 name=$3 label=$4 opts=-p1 rc args want got
	[[ -f $dir/$name.opts ]] && opts=$(<"$dir/$name.opts")
	parse_case_args "$dir/$name.args"
	# shellcheck disable=SC2086
	(cd "$dir" && "$stap" $opts "$name.stp" "${args[@]}") >"$WORK/p.out" 2>"$WORK/p.err"
	rc=$?
	want=$(<"$dir/$name.msg")
	got=$(head -n 1 "$WORK/p.err")
	if [[ $rc != 1 ]]; then
		fail "$label: $name: exit status $rc, expected 1" "$(head -20 "$WORK/p.err")"
	elif [[ -s $WORK/p.out ]]; then
		fail "$label: $name: printed a program" "$(head -5 "$WORK/p.out")"
	elif [[ $got != "$want" ]]; then
		fail "$label: $name: first line of the error differs" \
			"$(printf 'expected: %s\n     got: %s\n' "$want" "$got")"
	elif ! grep -q '^Pass 1: parse failed' "$WORK/p.err"; then
		fail "$label: $name: not a pass-1 failure" "$(tail -3 "$WORK/p.err")"
	else
		pass "$label: $name"
	fi
}

# Passes 2-3 take every parsed program without crashing: what they do not
# implement yet is a semantic error at the construct (sanitized stap).
parse_p3_case() {
	local dir=$1 name=$2 opts=-p1 rc args
	[[ -f $dir/$name.opts ]] && opts=$(<"$dir/$name.opts")
	parse_case_args "$dir/$name.args"
	# shellcheck disable=SC2086
	(cd "$dir" && "$STAP_SANITIZED" ${opts/-p1/-p3} -r 6.1.0-parse-test "$name.stp" \
		"${args[@]}") >/dev/null 2>"$WORK/p3.err"
	rc=$?
	if [[ $rc == 0 ]] || { [[ $rc == 1 ]] && grep -q '^semantic error: ' "$WORK/p3.err" &&
		! grep -q 'Sanitizer\|runtime error' "$WORK/p3.err"; }; then
		pass "parse p3: $name"
	else
		fail "parse p3: $name: exit $rc" "$(head -20 "$WORK/p3.err")"
	fi
}

run_parse_tests() {
	local dir=$SRCDIR/testsuite/parse file name stap label
	for stap in "$STAP" "$STAP_SANITIZED"; do
		label=parse
		[[ $stap == "$STAP_SANITIZED" ]] && label=parse-sanitized
		if [[ ! -x $stap ]]; then
			fail "$label: $stap not built (make check builds it)"
			continue
		fi
		for file in "$dir"/ok/*.stp; do
			name=$(basename "$file" .stp)
			parse_ok_case "$stap" "$dir/ok" "$name" "$label ok"
		done
		for file in "$dir"/fail/*.stp; do
			name=$(basename "$file" .stp)
			parse_fail_case "$stap" "$dir/fail" "$name" "$label fail"
		done
	done
	for file in "$dir"/ok/*.stp; do
		parse_p3_case "$dir/ok" "$(basename "$file" .stp)"
	done
}
