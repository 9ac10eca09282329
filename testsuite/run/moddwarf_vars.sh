modprobe binfmt_misc || echo "modprobe failed"
mkdir -p /tmp/bm
staprun -c "mount -t binfmt_misc none /tmp/bm && echo ':ctaptest:E::ctaptest::/bin/true:' > /tmp/bm/register && cat /tmp/bm/ctaptest >/dev/null" \
	/work/moddwarf_vars.ko
echo -1 > /tmp/bm/ctaptest
umount /tmp/bm
rmmod binfmt_misc
