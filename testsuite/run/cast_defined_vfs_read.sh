# The command runs once begin has run, so once the probes are armed,
# and the run ends when it exits.
staprun -c 'dd if=/dev/zero of=/dev/null bs=5 count=1 2>/dev/null' /work/cast_defined_vfs_read.ko | sed -E 's/0xffff[0-9a-f]+/ADDR/g'
