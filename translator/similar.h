/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "similar:" suggestions for unresolved names, as SystemTap gives them:
 * the known names closest by edit distance, nearest first, at most five.
 */
#ifndef CTAP_SIMILAR_H
#define CTAP_SIMILAR_H

#include "ast.h"

/* Built-ins, the program's functions and the library's (not necessarily
 * loaded: names from the tapset index) close to name; "" when none. */
char *similar_function_names(const struct program *prog, const char *name,
			     const char *const *library, size_t nlibrary);
/* Variables among syms (other than name itself) close to name; "" when none. */
char *similar_symbol_names(struct symbol *const *syms, size_t n, const char *name);

#endif
