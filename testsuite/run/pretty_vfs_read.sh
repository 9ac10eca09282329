(sleep 0.3; dd if=/dev/zero of=/dev/null bs=7 count=1 2>/dev/null) &
staprun /work/pretty_vfs_read.ko
