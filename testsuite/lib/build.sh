# SPDX-License-Identifier: GPL-2.0-or-later
# Pass 4 against each test kernel's headers, on this host whatever kernel
# it runs: the cross-build path.

HELLO='probe begin { println("hello world"); exit() }'

build_tests_for() {
	local series=$1 release dir build_dir vermagic
	if ! release=$("$KERNELS_TOOL" release "$series" 2>&1); then
		fail "build $series: no test kernel" "$release"
		return
	fi
	dir=$WORK/build-$series
	mkdir -p "$dir"
	if (cd "$dir" && "$STAP" -p4 -r "$release" -m hello -e "$HELLO") >"$dir/out" 2>"$dir/err" &&
	   [[ $(<"$dir/out") == hello.ko && -f $dir/hello.ko ]]; then
		pass "build $series: -p4 -r $release -m hello leaves hello.ko"
	else
		fail "build $series: -p4 -r $release -m hello" "$(cat "$dir/out" "$dir/err" | tail -20)"
		return
	fi
	vermagic=$(modinfo -F vermagic "$dir/hello.ko" 2>&1)
	check "build $series: hello.ko's vermagic names $release" \
		test "${vermagic%% *}" = "$release"
	build_dir=$("$KERNELS_TOOL" build-dir "$series")
	rm -f "$dir/hello.ko"
	if (cd "$dir" && "$STAP" -p4 -r "$build_dir" -m hello -e "$HELLO") >"$dir/out" 2>"$dir/err" &&
	   [[ -f $dir/hello.ko ]]; then
		pass "build $series: -r BUILD-DIR builds too"
	else
		fail "build $series: -r BUILD-DIR" "$(tail -20 "$dir/err")"
	fi
	(cd "$dir" && "$STAP" -p4 -k -r "$release" -m kept -e "$HELLO") >"$dir/out" 2>"$dir/err"
	local kept
	kept=$(sed -n 's/^Keeping temporary directory "\(.*\)"$/\1/p' "$dir/err")
	if [[ -n $kept && -f $kept/kept.c && -f $kept/kept.ko ]]; then
		pass "build $series: -k keeps the build directory and prints it"
		rm -rf "$kept"
	else
		fail "build $series: -k" "$(cat "$dir/err")"
	fi
}

run_build_tests() {
	local series dir=$WORK/build-errors
	for series in "${SERIES[@]}"; do
		build_tests_for "$series"
	done
	mkdir -p "$dir"
	if (cd "$dir" && "$STAP" -p4 -r 0.0.0-none -e "$HELLO") >"$dir/out" 2>"$dir/err"; then
		fail "build: a release without headers fails"
	elif grep -q "no kernel build tree for 0.0.0-none" "$dir/err" &&
	     grep -q "Pass 4: compilation failed" "$dir/err"; then
		pass "build: a release without headers fails with a clear message"
	else
		fail "build: a release without headers: message" "$(cat "$dir/err")"
	fi
}
