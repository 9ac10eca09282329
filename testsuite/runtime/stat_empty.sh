staprun /work/stat_empty.ko
echo "staprun exit $?"
if grep -q "^stat_empty " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
