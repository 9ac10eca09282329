staprun /work/map_overflow.ko
echo "staprun exit $?"
if grep -q "^map_overflow " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
