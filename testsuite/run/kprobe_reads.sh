# The command runs once begin has run, so once the probes are armed,
# and the run ends when it exits.
staprun -c 'dd if=/proc/version of=/dev/null bs=16 2>/dev/null' /work/kprobe_reads.ko
