staprun /work/normal_exit_unloads.ko
echo "staprun exit $?"
if grep -q "^normal_exit_unloads " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
echo "debugfs directories left: $(ls /sys/kernel/debug | grep -c ctap_)"
