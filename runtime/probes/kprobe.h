/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * kernel.function, kernel.statement and .return: a kprobe or kretprobe at
 * symbol+offset (the translator places DWARF sites as _stext+offset), or at
 * an absolute address (kernel.statement(ADDR).absolute) when symbol is NULL.
 * A probe in a module is armed while the module is loaded: at start if it
 * is, and again each time it comes back.
 */
#ifndef CTAP_RUNTIME_PROBES_KPROBE_H
#define CTAP_RUNTIME_PROBES_KPROBE_H

#include <linux/kprobes.h>
#include <linux/slab.h>

struct stp_kprobe_probe {
	const struct stp_probe *probe;
	const char *symbol;		/* "name" or "module:name", or NULL: */
	/* The module whose text it probes (module("M").function, kprobe.module),
	 * or NULL: armed while that module is loaded (runtime/probes/kprobe.c). */
	const char *module;
	unsigned int offset;		/* ... symbol+offset, or */
	unsigned long address;		/* an absolute address */
	bool is_return;
	int maxactive;			/* 0: the kernel's default */
	/* .return: saves entry_slots values at the function's entry (@entry,
	 * parameters) into the kretprobe instance's data; NULL if none. */
	void (*entry)(struct stp_context *c);
	unsigned int entry_slots;
	/* runtime-private */
	struct kprobe kp;
	struct kretprobe krp;
	bool registered;
	unsigned long missed_unloaded;	/* misses counted before a module went */
};

/* A kretprobe's part in running a handler (context.c). */
struct stp_kretprobe_run {
	void (*entry)(struct stp_context *c);	/* run this instead of the handler */
	int64_t *entry_values;
};

#endif
