staprun -c "dd if=/proc/version of=/dev/null bs=8 2>/dev/null" /work/kretprobe_balance.ko
