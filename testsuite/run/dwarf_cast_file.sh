(sleep 0.3; dd if=/dev/zero of=/dev/null bs=6 count=1 2>/dev/null) &
staprun /work/dwarf_cast_file.ko
