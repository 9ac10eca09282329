staprun /work/print_every_read.ko > /tmp/print_every_read.txt & pid=$!
sleep 1
kill -INT $pid
wait $pid
echo "staprun exit $?"
[ -s /tmp/print_every_read.txt ] && echo "some output"
echo "other lines: $(grep -c -v '^read$' /tmp/print_every_read.txt)"
