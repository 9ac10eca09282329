(sleep 0.3; dd if=/dev/zero of=/dev/null bs=1 count=20000 2>/dev/null) &
staprun /work/pretty_tracepoint.ko
