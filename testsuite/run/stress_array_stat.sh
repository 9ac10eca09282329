# One reader pinned on each vCPU, reading one byte per read() call.
taskset 1 dd if=/dev/zero of=/dev/null bs=1 count=1000000000 2>/dev/null &
taskset 2 dd if=/dev/zero of=/dev/null bs=1 count=1000000000 2>/dev/null &
staprun /work/stress_array_stat.ko
echo "staprun exit $?"
kill %1 %2
if grep -q "^stress_array_stat " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
