(sleep 0.3; dd if=/dev/zero of=/dev/null bs=5 count=1 2>/dev/null) &
staprun /work/cast_defined_vfs_read.ko | sed -E 's/0xffff[0-9a-f]+/ADDR/g'
