/* SPDX-License-Identifier: GPL-2.0-or-later */
/* printf-style format strings: parsed once, checked by pass 2, emitted by pass 3. */
#ifndef CTAP_FORMAT_H
#define CTAP_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

/* Flags, as the runtime's STP_FMT_* bits. */
enum {
	FMT_LEFT = 1,	/* '-' */
	FMT_PLUS = 2,	/* '+' */
	FMT_SPACE = 4,	/* ' ' */
	FMT_ZERO = 8,	/* '0' */
	FMT_ALT = 16,	/* '#' */
};

struct format_piece {
	const char *text;	/* literal text (conv == 0), not NUL-terminated */
	size_t len;
	char conv;		/* 'd' 'i' 'u' 'x' 'X' 'o' 'c' 'p' 'b' 'm' 'M' 's', or 0 */
	unsigned flags;
	int width;		/* -1 when absent */
	int precision;		/* -1 when absent */
	bool width_arg;		/* '*': the width is the next (long) argument */
	bool precision_arg;	/* '.*': the precision is the next (long) argument */
};

struct format {
	struct format_piece *pieces;
	size_t count;
	size_t cap;
	size_t nargs;		/* arguments taken: values, `*` widths and precisions */
};

/*
 * Parse fmt (of len bytes; "%%" becomes literal text). On a malformed
 * conversion returns false and sets *error to a message naming it.
 */
bool format_parse(const char *fmt, size_t len, struct format *out, char **error);
void format_free(struct format *f);

/* The type a conversion's argument must have. */
enum value_type format_arg_type(char conv);

#endif
