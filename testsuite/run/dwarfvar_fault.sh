staprun -c "dd if=/proc/version of=/dev/null bs=64 count=1 2>/dev/null" /work/dwarfvar_fault.ko 2>/work/bad.err
echo "staprun exit $?"
sed -e "s/at 0x[0-9a-f]*/at ADDR/" /work/bad.err
lsmod | grep -c dwarfvar_fault || true
