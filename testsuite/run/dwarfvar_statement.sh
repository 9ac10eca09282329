staprun -c "dd if=/dev/zero of=/dev/null bs=1 count=100 2>/dev/null" /work/dwarfvar_statement.ko
