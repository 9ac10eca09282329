# Needs procfs_round_trip.ko too (the vm section builds every case).
staprun /work/procfs_round_trip.ko & first=$!
staprun /work/procfs_two_modules.ko & second=$!
for m in procfs_round_trip procfs_two_modules; do
	i=0
	while [ ! -e /proc/systemtap/$m/greeting ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
done
cat /proc/systemtap/procfs_round_trip/greeting /proc/systemtap/procfs_two_modules/greeting
kill -INT $second
wait $second
echo "second staprun exit $?"
cat /proc/systemtap/procfs_round_trip/greeting
kill -INT $first
wait $first
echo "first staprun exit $?"
ls /proc/systemtap
