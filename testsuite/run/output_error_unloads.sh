staprun /work/output_error_unloads.ko > /dev/full 2>/work/err.txt
echo "staprun exit $?"
grep -c "cannot write the output" /work/err.txt
if grep -q "^output_error_unloads " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
