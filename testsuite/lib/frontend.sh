# SPDX-License-Identifier: GPL-2.0-or-later
# Golden front-end tests: testsuite/frontend/NAME.stp runs as
#   stap OPTS NAME.stp      (OPTS from NAME.opts, default -p2; @RELEASE@
#                            there and in the goldens is the 6.1 release)
# in that directory; stdout must equal NAME.out, stderr NAME.err (each
# empty when the file is absent) and the exit status NAME.rc (default 0).
# Every case runs with the plain and the sanitized (ASan+UBSan) stap.

frontend_case() {
	local stap=$1 dir=$2 name=$3 label=$4 opts=-p2 want_rc=0 rc
	[[ -f $dir/$name.opts ]] && opts=$(<"$dir/$name.opts")
	opts=${opts//@RELEASE@/$FRONTEND_RELEASE}
	[[ -f $dir/$name.rc ]] && want_rc=$(<"$dir/$name.rc")
	# shellcheck disable=SC2086  # opts is a word list
	(cd "$dir" && "$stap" $opts "$name.stp") >"$WORK/fe.out" 2>"$WORK/fe.err"
	rc=$?
	if [[ $rc != "$want_rc" ]]; then
		fail "$label: $name: exit status $rc, expected $want_rc" "$(head -20 "$WORK/fe.err")"
	elif ! golden_matches "$dir/$name.out" "$WORK/fe.out" "$FRONTEND_RELEASE"; then
		fail "$label: $name: stdout differs" \
			"$(golden_diff "$dir/$name.out" "$WORK/fe.out" "$FRONTEND_RELEASE")"
	elif ! golden_matches "$dir/$name.err" "$WORK/fe.err" "$FRONTEND_RELEASE"; then
		fail "$label: $name: stderr differs" \
			"$(golden_diff "$dir/$name.err" "$WORK/fe.err" "$FRONTEND_RELEASE")"
	else
		pass "$label: $name"
	fi
}

run_frontend_tests() {
	local dir=$SRCDIR/testsuite/frontend file name
	FRONTEND_RELEASE=$(golden_release)
	for file in "$dir"/*.stp; do
		name=$(basename "$file" .stp)
		frontend_case "$STAP" "$dir" "$name" frontend
		if [[ -x $STAP_SANITIZED ]]; then
			frontend_case "$STAP_SANITIZED" "$dir" "$name" sanitized
		else
			fail "sanitized: $name: $STAP_SANITIZED not built (make check builds it)"
		fi
	done
}

# -p1 prints a canonical form that parses back to the same tree: printing
# the reparsed form must give the same text (less the "# file" line).
roundtrip_case() {
	local dir=$1 name=$2
	(cd "$dir" && "$STAP" -p1 "$name.stp") >"$WORK/rt1" 2>/dev/null || return 0
	grep -v '^# ' "$WORK/rt1" >"$WORK/rt1.stp"
	if ! "$STAP" -p1 "$WORK/rt1.stp" >"$WORK/rt2" 2>"$WORK/rt2.err"; then
		fail "roundtrip: $name: the printed form does not parse" "$(head -20 "$WORK/rt2.err")"
		return
	fi
	if diff <(grep -v '^# ' "$WORK/rt1") <(grep -v '^# ' "$WORK/rt2") >"$WORK/rt.diff"; then
		pass "roundtrip: $name"
	else
		fail "roundtrip: $name" "$(head -40 "$WORK/rt.diff")"
	fi
}

run_roundtrip_tests() {
	local dir=$SRCDIR/testsuite/frontend file
	for file in "$dir"/*.stp; do
		roundtrip_case "$dir" "$(basename "$file" .stp)"
	done
}

# The command line itself: help, version, and each usage error's message.
cli_case() {
	local label=$1 want_rc=$2 pattern=$3 rc
	shift 3
	"$STAP" "$@" >"$WORK/cli.out" 2>&1
	rc=$?
	if [[ $rc == "$want_rc" ]] && grep -q -- "$pattern" "$WORK/cli.out"; then
		pass "cli: $label"
	else
		fail "cli: $label (exit $rc, expected $want_rc and '$pattern')" "$(head -10 "$WORK/cli.out")"
	fi
}

run_cli_tests() {
	cli_case "--help lists the options" 0 "--vm\[=SERIES\]" --help
	cli_case "-h is --help" 0 "Usage: stap" -h
	cli_case "-V names ctap and the license" 0 "GPL-2.0-or-later" -V
	cli_case "no script" 2 "no script given" -p1
	cli_case "bad pass number" 2 "invalid pass number '7'" -p 7 -e 'probe begin {}'
	cli_case "bad module name" 2 "invalid module name 'a-b'" -m a-b -e 'probe begin {}'
	cli_case "bad -D" 2 "invalid -D '1X'" -D 1X -e 'probe begin {}'
	cli_case "-c with -x" 2 "-c and -x cannot be used together" -c true -x 1 -e 'probe begin {}'
	cli_case "--vm with -r" 2 "do not combine it with -r" --vm -r 6.1 -e 'probe begin {}'
	cli_case "unknown option" 2 "Try 'stap --help'" --no-such-option
	cli_case "unreadable script" 1 "cannot read script '/nonexistent.stp'" /nonexistent.stp
	cli_case "-e names the script <input>" 1 "<input>:1:7" -p1 -e 'probe (' 
	cli_case "script from stdin" 0 "probe begin" -p1 - <<<'probe begin { exit() }'
	cli_case "bad --compatible" 2 "invalid --compatible 'new'" --compatible new -e 'probe begin {}'
	cli_case "--compatible sets systemtap_v" 0 "probe begin" -p1 --compatible=3.0 \
		-e '%( systemtap_v < "4.0" %? probe begin {} %)'
	cli_case "-g allows embedded C" 0 "function f() %{ x %}" -g -p1 -e 'function f() %{ x %}'
	cli_case "embedded C needs -g" 1 "need stap -g" -p1 -e 'function f() %{ x %}'
	cli_case "-I is accepted, repeatable" 0 "probe begin" -I /tmp -I /usr -p1 -e 'probe begin {}'
	cli_case "script arguments after the script" 0 '("hello") . ("2")' -p1 \
		-e 'probe begin { x = @1 . @# }' hello world
	cli_case "-- before script arguments" 0 '(x) = (-(5))' -p1 -e 'probe begin { x = $1 }' -- -5
}

# Every example script must at least translate (passes 1-3).
run_example_tests() {
	local file
	for file in "$SRCDIR"/examples/*.stp; do
		if "$STAP" -p3 -r 0.0.0-example "$file" >"$WORK/ex.out" 2>&1; then
			pass "example: $(basename "$file") translates"
		else
			fail "example: $(basename "$file")" "$(head -20 "$WORK/ex.out")"
		fi
	done
}

# The pass-1 fuzz target (ASan+UBSan) over every script of the corpora,
# once each: what `make fuzz` starts from must itself be clean.
run_fuzz_corpus_test() {
	local fuzzer=$BUILDDIR/testsuite/fuzz/fuzz-pass1 files
	if [[ ! -x $fuzzer ]]; then
		fail "fuzz corpus: $fuzzer not built (make testsuite/fuzz/fuzz-pass1)"
		return
	fi
	files=("$SRCDIR"/testsuite/frontend/*.stp "$SRCDIR"/testsuite/run/*.stp "$SRCDIR"/examples/*.stp
	       "$SRCDIR"/testsuite/parse/ok/*.stp "$SRCDIR"/testsuite/parse/fail/*.stp)
	if "$fuzzer" "${files[@]}" >"$WORK/fuzz.log" 2>&1; then
		pass "fuzz corpus: ${#files[@]} scripts through the pass-1 fuzz target"
	else
		fail "fuzz corpus" "$(tail -30 "$WORK/fuzz.log")"
	fi
}
