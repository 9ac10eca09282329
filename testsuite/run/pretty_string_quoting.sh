cd /tmp
printf x > "$(printf 'a"b\\c\td')"
long=$(for i in $(seq 255); do printf '\001'; done)
printf x > "$long"
cat > /tmp/reads.sh <<'READS'
dd if="$(printf 'a"b\\c\td')" of=/dev/null 2>/dev/null
dd if="$(for i in $(seq 255); do printf '\001'; done)" of=/dev/null 2>/dev/null
READS
# The reads run once begin has run, so once the probe is armed, and the
# run ends when they are done.
staprun -c 'sh /tmp/reads.sh' /work/pretty_string_quoting.ko
