mkdir -p /tmp/bm
cat > /tmp/cycle.sh <<'CYCLE'
for round in 1 2; do
	modprobe binfmt_misc || echo "modprobe failed"
	mount -t binfmt_misc none /tmp/bm
	echo ":ctaptest$round:E::ctaptest$round::/bin/true:" > /tmp/bm/register
	echo -1 > /tmp/bm/ctaptest$round
	umount /tmp/bm
	rmmod binfmt_misc || echo "rmmod failed"
done
CYCLE
staprun -c "sh /tmp/cycle.sh" /work/moddwarf_reload.ko
