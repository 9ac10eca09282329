(sleep 1; cat /proc/version >/dev/null) &
staprun /work/ctx_kernel_read.ko
