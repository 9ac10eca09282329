(sleep 0.2; dd if=/dev/zero of=/dev/null bs=1 count=100 2>/dev/null) &
staprun /work/dwarfvar_vfs_read.ko
