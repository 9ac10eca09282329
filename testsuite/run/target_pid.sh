staprun -x 1 /work/target_pid.ko
