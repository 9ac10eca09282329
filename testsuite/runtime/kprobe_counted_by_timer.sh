staprun -c "dd if=/dev/zero of=/dev/null bs=1 count=500 2>/dev/null; sleep 0.3" /work/kprobe_counted_by_timer.ko
echo "staprun exit $?"
