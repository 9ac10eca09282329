staprun /work/ctx_kernel_fault_error.ko 2>&1 | sed 's/ at [^ ]*\/tapsets\// at TAPSETS\//'
