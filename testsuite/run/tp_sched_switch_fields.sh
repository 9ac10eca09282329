staprun -c "sleep 1" /work/tp_sched_switch_fields.ko
