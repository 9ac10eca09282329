(sleep 0.3; dd if=/dev/zero of=/dev/null bs=1 count=1 2>/dev/null) &
staprun /work/cast_task_current.ko | sed -E 's/0xffff[0-9a-f]+/ADDR/g'
