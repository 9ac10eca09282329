# -t: the probe hit report after the end probe's output; cycle counts vary,
# so they are checked for shape (min <= avg <= max) and then masked.
staprun /work/report_timing.ko > /tmp/report_timing.out
echo "staprun exit $?"
sed 's/cycles: [0-9]*min\/[0-9]*avg\/[0-9]*max, variance: [0-9]*/cycles: N/' /tmp/report_timing.out
awk -F'cycles: ' 'NF > 1 { split($2, v, /[a-z\/]+/); if (!(v[1] <= v[2] && v[2] <= v[3])) print "bad cycles: " $0 }' /tmp/report_timing.out
