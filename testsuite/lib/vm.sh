# SPDX-License-Identifier: GPL-2.0-or-later
# Scripts run in real kernels. Each case in testsuite/run/ is NAME.stp,
# built with `stap -p4 -r RELEASE -m NAME [NAME.opts]`, then run in the VM
# by NAME.sh (a guest shell script; default: `staprun NAME.ko`). Its stdout
# must equal NAME.out, its stderr NAME.err (empty when absent), its exit
# status NAME.rc (default 0); NAME.mods lists kernel modules (shipped with
# the kernel) to put in the guest for modprobe; NAME.env (VAR=value lines)
# is the environment of its build (CTAP_NO_KERNEL_DEBUGINFO=1: built as on
# a machine without the kernel's -dbg package). All cases of one kernel
# share one boot.

# Build one case's module; its kbuild log is left in DIR/NAME.build.
vm_build_case() {
	local dir=$1 release=$2 name=$3 opts=() env=()
	local cases_dir=$SRCDIR/testsuite/run
	[[ -f $cases_dir/$name.opts ]] && read -ra opts <"$cases_dir/$name.opts"
	[[ -f $cases_dir/$name.env ]] && mapfile -t env <"$cases_dir/$name.env"
	# Built from a copy, so messages name the script as "NAME.stp".
	cp "$cases_dir/$name.stp" "$dir/$name.stp"
	(cd "$dir" && env "${env[@]}" "$STAP" -p4 -r "$release" -m "$name" "${opts[@]}" "$name.stp") \
		>"$dir/$name.build" 2>&1
	echo $? >"$dir/$name.build-rc"
}

# CTAP_TEST_CASES (shell patterns, e.g. 'printf_* hist_*') narrows the cases run.
vm_tests_for() {
	local series=$1 release dir cases=() names=() patterns=() pattern file name
	local cases_dir=$SRCDIR/testsuite/run jobs=${CTAP_TEST_JOBS:-$(nproc)}
	if ! release=$("$KERNELS_TOOL" release "$series" 2>&1); then
		fail "vm $series: no test kernel" "$release"
		return
	fi
	dir=$WORK/vm-$series
	mkdir -p "$dir"
	read -ra patterns <<<"${CTAP_TEST_CASES:-*}"
	for pattern in "${patterns[@]}"; do
		for file in "$cases_dir"/$pattern.stp; do
			[[ -f $file ]] && names+=("$(basename "$file" .stp)")
		done
	done
	# Module builds are independent: run as many as there are CPUs.
	for name in "${names[@]}"; do
		while (($(jobs -rp | wc -l) >= jobs)); do wait -n; done
		vm_build_case "$dir" "$release" "$name" &
	done
	wait
	local single=()
	for name in "${names[@]}"; do
		if [[ $(cat "$dir/$name.build-rc" 2>/dev/null) != 0 ]]; then
			fail "vm $series: $name: build" "$(tail -20 "$dir/$name.build")"
		elif [[ -f $cases_dir/$name.tcg-single ]]; then
			single+=("$name")
		else
			cases+=("$name")
		fi
	done
	((${#cases[@]} == 0)) || vm_boot_cases "$series" "$release" "$dir/boot" "" "${cases[@]}"
	((${#single[@]} == 0)) ||
		vm_boot_cases "$series" "$release" "$dir/boot-single" -S "${single[@]}"
}

# vm_boot_cases SERIES RELEASE OUT VM_OPTION NAME...: run the built cases
# (modules in OUT/..) in one boot, with ctap-vm's VM_OPTION if not empty,
# and check each. NAME.tcg-single cases boot apart, with -S: qemu runs both
# vCPUs on one host thread, because they arm kprobes in the middle of hot
# kernel code, where multi-threaded TCG can go on running the unpatched
# bytes (doc/internals.md, "Known problems"); the other cases keep a host
# thread per vCPU (one thread hung limit_maxskipped's two pinned readers
# on 6.12).
vm_boot_cases() {
	local series=$1 release=$2 out=$3 option=$4 name mod run n rc want got_rc
	local cases_dir=$SRCDIR/testsuite/run dir=${3%/*} files=() label=$series
	local expected_err expected_out
	shift 4
	[[ -n $option ]] && label="$series $option"
	mkdir -p "$out/results"
	: >"$out/commands"
	for name in "$@"; do
		files+=(-f "$dir/$name.ko")
		# NAME.mods: kernel modules (shipped with the kernel) the guest
		# script loads with modprobe.
		if [[ -f $cases_dir/$name.mods ]]; then
			for mod in $(<"$cases_dir/$name.mods"); do files+=(-M "$mod"); done
		fi
		if [[ -f $cases_dir/$name.sh ]]; then
			files+=(-f "$cases_dir/$name.sh")
			run="sh /work/$name.sh"
		else
			run="staprun /work/$name.ko"
		fi
		# Every case, error paths included, must leave its module unloaded:
		# one still loaded is reported on stderr, which then differs.
		echo "$run; rc=\$?; if grep -q '^$name ' /proc/modules; then" \
			"echo 'ctap-test: module $name still loaded' >&2; fi; exit \$rc" >>"$out/commands"
	done
	# The boot runs some 250 scripts in four to six minutes of an idle
	# host; the timeout leaves room for a loaded one.
	"$VM_TOOL" ${option:+"$option"} -k "$release" -t 1200 -f "$BUILDDIR/staprun/staprun" \
		"${files[@]}" -o "$out/results" "$out/commands" >"$out/vm.log" 2>&1
	rc=$?
	if ((rc != 0)); then
		fail "vm $label: the VM run failed (ctap-vm status $rc)" \
			"$(cat "$out/vm.log"; tail -30 "$out/results/console.log" 2>/dev/null)"
	else
		pass "vm $label: booted, ran $# scripts, powered off cleanly"
	fi
	: >"$WORK/empty"
	n=0
	for name in "$@"; do
		n=$((n + 1))
		want=0
		[[ -f $cases_dir/$name.rc ]] && want=$(<"$cases_dir/$name.rc")
		got_rc=$(cat "$out/results/$n.rc" 2>/dev/null || echo missing)
		expected_err=$cases_dir/$name.err
		[[ -f $expected_err ]] || expected_err=$WORK/empty
		expected_out=$cases_dir/$name.out
		[[ -f $expected_out ]] || expected_out=$WORK/empty
		if [[ $got_rc != "$want" ]]; then
			fail "vm $series: $name: exit status $got_rc, expected $want" \
				"$(head -20 "$out/results/$n.err" 2>/dev/null)"
		elif ! cmp -s "$expected_out" "$out/results/$n.out"; then
			fail "vm $series: $name: stdout differs" \
				"$(diff -u "$expected_out" "$out/results/$n.out" | head -40)"
		elif ! cmp -s "$expected_err" "$out/results/$n.err"; then
			fail "vm $series: $name: stderr differs" \
				"$(diff -u "$expected_err" "$out/results/$n.err" | head -40)"
		else
			pass "vm $series: $name"
		fi
	done
}

# stap --vm: the whole pipeline from the user's command line.
stap_vm_tests_for() {
	local series=$1 dir=$WORK/stapvm-$series rc
	mkdir -p "$dir"
	(cd "$dir" && "$STAP" --vm="$series" -e "$HELLO") >"$dir/out" 2>"$dir/err"
	rc=$?
	if ((rc == 0)) && [[ $(<"$dir/out") == "hello world" ]]; then
		pass "stap --vm=$series: hello world, exit 0"
	else
		fail "stap --vm=$series: hello world (exit $rc)" "$(cat "$dir/out" "$dir/err" | tail -20)"
	fi
}

stap_vm_error_test() {
	local series=$1 dir=$WORK/stapvm-error-$series rc
	mkdir -p "$dir"
	(cd "$dir" && "$STAP" --vm="$series" \
		-e 'probe begin { x = 0; println(1 / x) } probe end { println("end ran") }') \
		>"$dir/out" 2>"$dir/err"
	rc=$?
	if ((rc != 0)) && [[ ! -s $dir/out ]] &&
	   grep -qx "ERROR: division by 0 near operator '/' at <input>:1:32" "$dir/err"; then
		pass "stap --vm=$series: division by zero: ERROR on stderr, no end probe, exit $rc"
	else
		fail "stap --vm=$series: division by zero (exit $rc)" "$(cat "$dir/out" "$dir/err" | tail -20)"
	fi
}

# stap --vm with -c (the command runs in the guest) and -o (a host file).
stap_vm_options_test() {
	local series=$1 dir=$WORK/stapvm-options-$series rc
	mkdir -p "$dir"
	(cd "$dir" && "$STAP" --vm="$series" -o "$dir/output.txt" -c 'echo child > /dev/null' \
		-e 'probe begin { println(target() > 0 ? "target set" : "no target") }
		    probe end { println("ended with the command") }') >"$dir/out" 2>"$dir/err"
	rc=$?
	if ((rc == 0)) && [[ ! -s $dir/out ]] &&
	   [[ $(cat "$dir/output.txt" 2>/dev/null) == $'target set\nended with the command' ]]; then
		pass "stap --vm=$series -c CMD -o FILE"
	else
		fail "stap --vm=$series -c CMD -o FILE (exit $rc)" \
			"$(cat "$dir/out" "$dir/err" "$dir/output.txt" 2>&1 | tail -20)"
	fi
}

run_vm_tests() {
	local series
	for series in "${SERIES[@]}"; do
		vm_tests_for "$series"
		stap_vm_tests_for "$series"
	done
	stap_vm_error_test "${SERIES[0]}"
	stap_vm_options_test "${SERIES[0]}"
}
