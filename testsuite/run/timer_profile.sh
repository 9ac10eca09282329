# A busy loop in user space on one CPU while the profile timer runs.
(while :; do :; done) &
staprun /work/timer_profile.ko
kill %1
