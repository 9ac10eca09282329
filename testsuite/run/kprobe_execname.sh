staprun -c "while true; do dd if=/proc/version of=/dev/null bs=64 2>/dev/null; done" /work/kprobe_execname.ko
