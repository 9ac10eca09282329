staprun -c "dd if=/dev/zero of=/dev/null bs=1 count=3 2>/dev/null" /work/kprobe_nested_missed.ko
echo "staprun exit $?"
