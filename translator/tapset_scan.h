/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tapset index's fast scan: which functions, globals and probe aliases
 * a .stp file defines, found without lexing it fully or parsing it. The
 * scan skips comments, strings and %{ %} blocks, and relies on `function`,
 * `global`, `probe` and `private` being reserved words: outside those
 * skipped spans (and after '.' or '->', where a probe point or a member
 * name may spell them), they only ever start a declaration, so function
 * bodies need not be matched up. Both branches of a %( %) conditional are
 * seen, so the scan over-approximates what the preprocessor keeps.
 */
#ifndef CTAP_TAPSET_SCAN_H
#define CTAP_TAPSET_SCAN_H

#include <stdbool.h>
#include <stddef.h>

enum tapset_definition_kind {
	TAPSET_FUNCTION,
	TAPSET_GLOBAL,
	TAPSET_ALIAS,
};

struct tapset_definition {
	enum tapset_definition_kind kind;
	const char *name;	/* not NUL-terminated: name_len bytes */
	size_t name_len;	/* an alias: its components joined by '.' */
	int arity;		/* a function's parameter count */
	bool private_;
};

/* Call found(ctx, def) for each definition in TEXT, in order. An alias's
 * name is built in a buffer valid only during the call. */
void tapset_scan(const char *text, size_t len,
		 void (*found)(void *ctx, const struct tapset_definition *def),
		 void *ctx);

#endif
