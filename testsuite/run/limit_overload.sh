staprun /work/limit_overload.ko 2> /tmp/limit_overload.err
echo "staprun exit $?"
sed 's/overhead ([0-9]* cycles)/overhead (N cycles)/' /tmp/limit_overload.err
