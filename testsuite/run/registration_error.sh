staprun /work/registration_error.ko
echo "staprun exit $?"
if grep -q "^registration_error " /proc/modules; then echo "module still loaded"; else echo "module removed"; fi
