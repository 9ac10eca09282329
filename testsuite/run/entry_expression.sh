# The command runs once begin has run, so once the probes are armed,
# and the run ends when it exits.
staprun -c 'dd if=/dev/zero of=/dev/null bs=1 count=100 2>/dev/null' /work/entry_expression.ko
