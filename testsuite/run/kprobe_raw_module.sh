modprobe binfmt_misc || echo "modprobe failed"
mkdir -p /tmp/bm
staprun -c "mount -t binfmt_misc none /tmp/bm" /work/kprobe_raw_module.ko
umount /tmp/bm
