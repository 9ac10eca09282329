/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The target kernel's function symbols, from its System.map. */
#ifndef CTAP_SYMBOLS_H
#define CTAP_SYMBOLS_H

#include <stddef.h>

#include "session.h"

struct kernel_symbols {
	char **names;		/* text symbols, sorted, without duplicates */
	size_t count;
	size_t cap;
};

/*
 * The function names of s's target kernel, loaded once per run; NULL when
 * the target has no System.map we can find (see find_system_map).
 */
struct kernel_symbols *kernel_symbols_load(struct session *s);
/* Release what kernel_symbols_load loaded (at exit). */
void kernel_symbols_free(void);

/* The functions a kernel module defines, from its .ko's ELF symbol table. */
struct module_symbols {
	char *module;		/* the kernel's name of it: '-' read as '_' */
	char **names;		/* sorted, without duplicates */
	size_t count;
	size_t cap;
};

/*
 * Module `name` of s's target kernel, found in the kernel's package (the
 * cached lib/modules/RELEASE, or the host's when it is the target); .xz
 * modules are decompressed with xz. Loaded once per module per run; NULL
 * with *why (malloc'd) saying what is missing.
 */
struct module_symbols *module_symbols_load(struct session *s, const char *name, char **why);

#endif
