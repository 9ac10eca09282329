staprun /work/sigterm_runs_end.ko & pid=$!
sleep 3
kill -TERM $pid
wait $pid
echo "staprun exit $?"
if grep -q "^sigterm_runs_end " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
