cd /tmp
printf x > "$(printf 'a"b\\c\td')"
long=$(for i in $(seq 255); do printf '\001'; done)
printf x > "$long"
(sleep 0.3; dd if="$(printf 'a"b\\c\td')" of=/dev/null 2>/dev/null
 dd if="$long" of=/dev/null 2>/dev/null) &
staprun /work/pretty_string_quoting.ko
