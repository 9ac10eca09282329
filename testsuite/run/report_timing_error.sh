# -t: the hit report comes even when an error ends the run (no end probe).
staprun /work/report_timing_error.ko > /tmp/report_timing_error.out
echo "staprun exit $?"
sed 's/cycles: [0-9]*min\/[0-9]*avg\/[0-9]*max, variance: [0-9]*/cycles: N/' /tmp/report_timing_error.out
