staprun /work/hist_empty.ko
echo "staprun exit $?"
if grep -q "^hist_empty " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
