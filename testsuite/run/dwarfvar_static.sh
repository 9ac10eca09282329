staprun -c "touch /tmp/dwarfvar_static_file" /work/dwarfvar_static.ko
