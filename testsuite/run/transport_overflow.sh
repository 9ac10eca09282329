# 200 lines of 201 bytes from a begin probe: five records of up to 8192
# bytes into two 16 KiB sub-buffers; two fit, three are dropped and counted.
staprun /work/transport_overflow.ko > /work/o.txt
echo "staprun exit $?"
wc -c < /work/o.txt
