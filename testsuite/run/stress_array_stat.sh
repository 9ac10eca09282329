# One reader pinned on each vCPU, reading one byte per read() call. A
# handler that times out on the lock is skipped whole (both updates or
# neither), so the totals agree either way: the end-of-run skip count on
# stderr is left out (with one host thread for both vCPUs, a handler can
# wait on a lock holder that is not running for a while).
taskset 1 dd if=/dev/zero of=/dev/null bs=1 count=1000000000 2>/dev/null &
taskset 2 dd if=/dev/zero of=/dev/null bs=1 count=1000000000 2>/dev/null &
staprun /work/stress_array_stat.ko 2>/tmp/stress_array_stat.err
echo "staprun exit $?"
kill %1 %2
grep -v '^WARNING: Number of errors: 0, skipped probes: [0-9]*$' /tmp/stress_array_stat.err >&2
if grep -q "^stress_array_stat " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
