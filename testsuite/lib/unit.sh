# SPDX-License-Identifier: GPL-2.0-or-later
# Unit tests: programs under testsuite/unit, built by `make check` (with
# AddressSanitizer and UndefinedBehaviorSanitizer). Each prints one summary
# line and exits non-zero on a failure.
#   regex-test   the regex compiler and the runtime's matcher against glibc
#   dwarf-test   DWARF types as ctypes, location expressions compiled to C

run_unit_tests() {
	local test out
	for test in regex-test dwarf-test; do
		if [[ ! -x $BUILDDIR/testsuite/unit/$test ]]; then
			fail "unit: $test not built (make check builds it)"
			continue
		fi
		if out=$("$BUILDDIR/testsuite/unit/$test" 2>&1); then
			pass "unit: $test: $(tail -n 1 <<<"$out")"
		else
			fail "unit: $test" "$(tail -n 40 <<<"$out")"
		fi
	done
}
