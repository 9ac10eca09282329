staprun -o /work/output.txt /work/output_file.ko
echo "staprun exit $?"
cat /work/output.txt
