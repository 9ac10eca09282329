/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * "similar:" suggestions for unresolved names, as SystemTap gives them:
 * the known names closest by edit distance, nearest first, at most five.
 */
#ifndef CTAP_SIMILAR_H
#define CTAP_SIMILAR_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

#define MAX_SIMILAR_NAMES 5

/* The nearest names offered so far to one name, nearest first; equal
 * distances keep the order the names were offered in. */
struct similar_names {
	const char *name;		/* the unresolved name */
	size_t limit;			/* farthest distance kept */
	bool keep_self;			/* offer name itself too */
	const char *names[MAX_SIMILAR_NAMES];
	size_t distances[MAX_SIMILAR_NAMES];
	size_t count;
};

/* Collect names near name: within SystemTap's distance (a third of its
 * length, plus one) when limited, else the nearest whatever they are. */
void similar_init(struct similar_names *c, const char *name, bool limited);
void similar_offer(struct similar_names *c, const char *candidate);
/* "a, b, c" (freshly allocated; "" when none). */
char *similar_join(const struct similar_names *c);

/* Built-ins, the program's functions and the library's (not necessarily
 * loaded: names from the tapset index) close to name; "" when none. */
char *similar_function_names(const struct program *prog, const char *name,
			     const char *const *library, size_t nlibrary);
/* Variables among syms (other than name itself) close to name; "" when none. */
char *similar_symbol_names(struct symbol *const *syms, size_t n, const char *name);

#endif
