# The command runs once begin has run, so once the probes are armed,
# and the run ends when it exits.
staprun -c 'echo "dd got $(dd if=/dev/zero bs=10 count=1 2>/dev/null | wc -c) bytes"' /work/guru_write_vfs_read.ko
