# Readers on both CPUs.
# Skipped probes (lock contention, when a virtual CPU stalls) are not the point here.
(while :; do dd if=/dev/zero of=/dev/null bs=1 count=64 2>/dev/null; done) &
(while :; do dd if=/dev/zero of=/dev/null bs=1 count=64 2>/dev/null; done) &
staprun /work/output_in_lock_order.ko > /tmp/output_in_lock_order.txt 2>/tmp/output_in_lock_order.err
echo "staprun exit $?"
kill %1 %2
[ "$(wc -l < /tmp/output_in_lock_order.txt)" -gt 1000 ] && echo "more than 1000 lines"
echo "out of order: $(awk 'NR != $1 { bad++ } END { print bad + 0 }' /tmp/output_in_lock_order.txt)"
