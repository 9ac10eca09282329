# A busy loop pinned on each vCPU; staprun's stdout, then its stderr, with
# every count masked as N.
taskset 1 sh -c 'while :; do :; done' &
taskset 2 sh -c 'while :; do :; done' &
staprun /work/report_lock_contention.ko > /tmp/report_lock_contention.out 2> /tmp/report_lock_contention.err
echo "staprun exit $?"
kill %1 %2
sed -E 's/[0-9]+(min|avg|max)/N\1/g; s/(hits|variance|skipped probes|timeout): [0-9]+/\1: N/g; s/occurred [0-9]+ times/occurred N times/; s/(@[^":]+):[0-9]+"\)/\1:N")/; s/@debian\/build\/source[^\/]*\//@/' \
	/tmp/report_lock_contention.out /tmp/report_lock_contention.err
if grep -q "^report_lock_contention " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
