staprun /work/map_size_limit.ko
echo "staprun exit $?"
if grep -q "^map_size_limit " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
