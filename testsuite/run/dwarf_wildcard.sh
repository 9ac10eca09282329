# Arming two hundred kprobes takes a while under TCG: keep dd reading
# until the script has run.
(while :; do dd if=/dev/zero of=/dev/null bs=1 count=20 2>/dev/null; sleep 0.05; done) &
reader=$!
staprun /work/dwarf_wildcard.ko
kill "$reader"
