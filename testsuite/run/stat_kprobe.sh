(sleep 0.1; dd if=/proc/version of=/dev/null bs=16 2>/dev/null) &
staprun /work/stat_kprobe.ko
