# dd starts once the probes are registered (begin has printed).
staprun /work/dwarf_jump_label_sites.ko > /tmp/dwarf_jump_label_sites.out &
i=0
while ! grep -q registered /tmp/dwarf_jump_label_sites.out && [ $i -lt 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
dd if=/dev/zero of=/dev/null bs=1 count=100 2>/dev/null
wait
cat /tmp/dwarf_jump_label_sites.out
