staprun -c "dd if=/proc/version of=/dev/null bs=1234 count=1 2>/dev/null" /work/btf_param_count.ko
