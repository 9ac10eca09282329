staprun /work/msg_ring_full.ko 2>/tmp/msg_ring_full.err
echo "staprun exit $?"
echo "error lines: $(grep -c '^ERROR: division by 0 near' /tmp/msg_ring_full.err)"
grep -v '^ERROR' /tmp/msg_ring_full.err
