staprun -c "dd if=/proc/version of=/dev/null bs=64 count=1 2>/dev/null" /work/kprobe_raw_function.ko
