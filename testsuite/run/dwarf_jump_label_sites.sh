# dd runs once begin has run, so once the probes are registered.
staprun -c 'dd if=/dev/zero of=/dev/null bs=1 count=100 2>/dev/null' /work/dwarf_jump_label_sites.ko
