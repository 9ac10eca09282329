staprun /work/staprun_params.ko
staprun /work/staprun_params.ko "msg=hello world" count=42
staprun /work/staprun_params.ko nosuchparam=1
echo "staprun exit $?"
staprun /work/staprun_params.ko count
echo "staprun exit $?"
if grep -q "^staprun_params " /proc/modules; then echo "module still loaded"; else echo "module not loaded"; fi
