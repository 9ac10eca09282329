/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kernel.function("sym") and .return: a kprobe or kretprobe by symbol. */
#ifndef CTAP_RUNTIME_PROBES_KPROBE_H
#define CTAP_RUNTIME_PROBES_KPROBE_H

#include <linux/kprobes.h>

struct stp_kprobe_probe {
	const struct stp_probe *probe;
	const char *symbol;		/* "name" or "module:name", or NULL: */
	unsigned long address;		/* kprobe.statement(ADDR).absolute */
	bool is_return;
	int maxactive;			/* 0: the kernel's default */
	/* runtime-private */
	struct kprobe kp;
	struct kretprobe krp;
	bool registered;
};

#endif
