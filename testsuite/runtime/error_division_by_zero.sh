staprun /work/error_division_by_zero.ko
echo "staprun exit $?"
if grep -q "^error_division_by_zero " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
