# pp() names the DWARF site with its source line, which differs between
# kernels: the line is masked as N.
(sleep 1; cat /proc/version >/dev/null) &
staprun /work/ctx_kprobe_symbols.ko > /tmp/ctx_kprobe_symbols.out
rc=$?
sed -E 's/(@[^":]+):[0-9]+"\)/\1:N")/; s/@debian\/build\/source[^\/]*\//@/' /tmp/ctx_kprobe_symbols.out
exit $rc
