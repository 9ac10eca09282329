# Readers on both CPUs; every line must come out whole, begin first, end last.
(while :; do dd if=/proc/version of=/dev/null bs=4 count=64 2>/dev/null; done) &
(while :; do dd if=/proc/version of=/dev/null bs=4 count=64 2>/dev/null; done) &
staprun /work/no_interleave.ko > /work/ni.txt
echo "staprun exit $?"
kill %1 %2
head -n 1 /work/ni.txt
tail -n 1 /work/ni.txt
lines=$(wc -l < /work/ni.txt)
[ "$lines" -gt 100 ] && echo "more than 100 lines"
echo "malformed: $(grep -v -c -e "^a\{40\}-b\{40\}-c\{40\}\$" -e "^first line\$" -e "^last line\$" /work/ni.txt)"
