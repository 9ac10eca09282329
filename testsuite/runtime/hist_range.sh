staprun /work/hist_range.ko
echo "staprun exit $?"
if grep -q "^hist_range " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
