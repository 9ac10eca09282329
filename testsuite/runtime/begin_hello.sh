staprun /work/begin_hello.ko
echo "staprun exit $?"
if grep -q "^begin_hello " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
