staprun /work/sigint_runs_end.ko & pid=$!
sleep 3
kill -INT $pid
wait $pid
echo "staprun exit $?"
if grep -q "^sigint_runs_end " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
