staprun /work/already_loaded.ko & pid=$!
sleep 3
staprun /work/already_loaded.ko 2>/work/err.txt
echo "second staprun exit $?"
sed "s/: File exists.*//" /work/err.txt
kill -INT $pid
wait $pid
echo "first staprun exit $?"
