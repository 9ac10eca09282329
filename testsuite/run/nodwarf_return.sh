staprun -c "dd if=/dev/zero of=/dev/null bs=77 count=3 2>/dev/null" /work/nodwarf_return.ko
