(sleep 1; cat /proc/version >/dev/null) &
staprun /work/ctx_print_backtrace.ko | head -2 |
	sed 's/^ 0xffffffff[0-9a-f]\{8\} : /ADDR : /; s/+0x[0-9a-f]*\/0x[0-9a-f]* /+OFF\/SIZE /'
