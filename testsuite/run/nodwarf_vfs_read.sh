staprun -c "dd if=/proc/version of=/dev/null bs=4321 count=1 2>/dev/null" /work/nodwarf_vfs_read.ko
