(sleep 0.1; dd if=/dev/zero of=/dev/null bs=1 count=200 2>/dev/null) &
staprun /work/foreach_kprobe_counts.ko
