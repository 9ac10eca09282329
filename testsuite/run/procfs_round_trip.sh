staprun /work/procfs_round_trip.ko & pid=$!
dir=/proc/systemtap/procfs_round_trip
i=0
while [ ! -e $dir/greeting ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
ls -l $dir | awk '{print $1, $NF}' | grep -v '^total'
cat $dir/greeting
echo goodbye > $dir/greeting
cat $dir/greeting
echo "stop now" > $dir/command
wc -c < $dir/command
tail -n 1 $dir/command
kill -INT $pid
wait $pid
echo "staprun exit $?"
[ -e $dir ] && echo "$dir left behind"
true
