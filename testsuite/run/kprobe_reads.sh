(sleep 0.2; dd if=/proc/version of=/dev/null bs=16 2>/dev/null) &
staprun /work/kprobe_reads.ko
