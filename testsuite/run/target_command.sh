staprun -c "echo child ran > /work/child.txt" /work/target_command.ko
echo "staprun exit $?"
cat /work/child.txt
