# SPDX-License-Identifier: GPL-2.0-or-later
# The runtime's map and statistics helpers in real kernels, before the
# translator uses them. Each case in testsuite/runtime/ is NAME.c, a
# hand-written module shaped like stap -p3 output (it includes
# generated.h), built with kbuild against each test kernel's headers, then
# run in the VM by NAME.sh (a guest shell script; default: `staprun
# NAME.ko`). Its stdout must equal NAME.out, its stderr NAME.err (empty
# when absent), its exit status NAME.rc (default 0). All cases of one
# kernel share one boot. CTAP_TEST_CASES (a shell pattern) narrows the cases.

# runtime_build_case SERIES-DIR BUILD-TREE NAME: NAME.ko in SERIES-DIR/NAME/.
runtime_build_case() {
	local dir=$1 tree=$2 name=$3 cases_dir=$SRCDIR/testsuite/runtime
	mkdir -p "$dir/$name"
	cp "$cases_dir/$name.c" "$cases_dir/generated.h" "$dir/$name/"
	printf 'obj-m := %s.o\nccflags-y := -I%s/runtime\ninclude %s/runtime/features.kbuild\n' \
		"$name" "$SRCDIR" "$SRCDIR" >"$dir/$name/Kbuild"
	# No module BTF, as translator/build.c: see run_make there.
	make -C "$tree" M="$dir/$name" CONFIG_DEBUG_INFO_BTF_MODULES= modules \
		>"$dir/$name.build" 2>&1 &&
		! grep -q 'warning:' "$dir/$name.build"
}

runtime_tests_for() {
	local series=$1 tree dir cases=() files=() name n rc want got_rc
	local cases_dir=$SRCDIR/testsuite/runtime expected_out expected_err
	if ! tree=$("$KERNELS_TOOL" build-dir "$series" 2>&1); then
		fail "runtime $series: no kbuild tree" "$tree"
		return
	fi
	dir=$WORK/runtime-$series
	mkdir -p "$dir/results"
	: >"$dir/commands"
	for file in "$cases_dir"/${CTAP_TEST_CASES:-*}.c; do
		name=$(basename "$file" .c)
		if ! runtime_build_case "$dir" "$tree" "$name"; then
			fail "runtime $series: $name: build" "$(grep -v '^make' "$dir/$name.build" | tail -20)"
			continue
		fi
		cases+=("$name")
		files+=(-f "$dir/$name/$name.ko")
		if [[ -f $cases_dir/$name.sh ]]; then
			files+=(-f "$cases_dir/$name.sh")
			echo "sh /work/$name.sh" >>"$dir/commands"
		else
			echo "staprun /work/$name.ko" >>"$dir/commands"
		fi
	done
	((${#cases[@]})) || return
	"$VM_TOOL" -k "$series" -t 600 -T 120 -f "$BUILDDIR/staprun/staprun" "${files[@]}" \
		-o "$dir/results" "$dir/commands" >"$dir/vm.log" 2>&1
	rc=$?
	if ((rc != 0)); then
		fail "runtime $series: the VM run failed (ctap-vm status $rc)" \
			"$(cat "$dir/vm.log"; tail -30 "$dir/results/console.log" 2>/dev/null)"
	else
		pass "runtime $series: booted, ran ${#cases[@]} modules, powered off cleanly"
	fi
	: >"$WORK/empty"
	n=0
	for name in "${cases[@]}"; do
		n=$((n + 1))
		want=0
		[[ -f $cases_dir/$name.rc ]] && want=$(<"$cases_dir/$name.rc")
		got_rc=$(cat "$dir/results/$n.rc" 2>/dev/null || echo missing)
		expected_err=$cases_dir/$name.err
		[[ -f $expected_err ]] || expected_err=$WORK/empty
		expected_out=$cases_dir/$name.out
		[[ -f $expected_out ]] || expected_out=$WORK/empty
		if [[ $got_rc != "$want" ]]; then
			fail "runtime $series: $name: exit status $got_rc, expected $want" \
				"$(head -20 "$dir/results/$n.err" 2>/dev/null)"
		elif ! cmp -s "$expected_out" "$dir/results/$n.out"; then
			fail "runtime $series: $name: stdout differs" \
				"$(diff -u "$expected_out" "$dir/results/$n.out" | head -40)"
		elif ! cmp -s "$expected_err" "$dir/results/$n.err"; then
			fail "runtime $series: $name: stderr differs" \
				"$(diff -u "$expected_err" "$dir/results/$n.err" | head -40)"
		else
			pass "runtime $series: $name"
		fi
	done
}

run_runtime_tests() {
	local series
	for series in "${SERIES[@]}"; do
		runtime_tests_for "$series"
	done
}
