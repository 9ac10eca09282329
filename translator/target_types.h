/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Named kernel types (@cast) and kernel globals (@var): which source
 * answers. Today the kernel's BTF; the kernel's DWARF (the -dbg vmlinux,
 * debuginfo/dwarf_ctype.c) is meant to be asked first when present, by
 * adding it to the sources in target_types.c: callers see only ctypes.
 */
#ifndef CTAP_TARGET_TYPES_H
#define CTAP_TARGET_TYPES_H

#include "debuginfo/ctype.h"
#include "session.h"

/*
 * The type `name` ("struct task_struct", "union u", "enum e", a typedef,
 * or a bare tag name as SystemTap accepts) of the kernel, or with module
 * of that module (its .ko's DWARF, then its BTF). NULL with *why set
 * (malloc'd) when no source knows it.
 */
const struct ctype *kernel_type_find(struct session *s, const char *module, const char *name,
				     char **why);

/*
 * The kernel global variable `name`, as the source file `file` (NULL: any)
 * names it: its type and the symbol the module links against. NULL with
 * *why set when it is unknown or the module cannot reach it (only exported
 * variables can be linked). A file needs the kernel's DWARF.
 */
const struct ctype *kernel_global_find(struct session *s, const char *name, const char *file,
				       char **why);

#endif
