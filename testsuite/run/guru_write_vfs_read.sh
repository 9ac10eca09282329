(sleep 0.3; echo "dd got $(dd if=/dev/zero bs=10 count=1 2>/dev/null | wc -c) bytes") &
staprun /work/guru_write_vfs_read.ko
