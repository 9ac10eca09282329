// SPDX-License-Identifier: GPL-2.0-or-later
/* How messages name an expression: its token and where it is. */
#include "expr_desc.h"

#include <inttypes.h>
#include <stdlib.h>

#include "util.h"

/* How SystemTap names the token of e in messages: "identifier 'x'". */
char *expr_desc(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_SYMBOL:
		return xasprintf("identifier '%s'", e->u.symbol.name);
	case EXPR_CALL:
		return xasprintf("identifier '%s'", e->u.call.name);
	case EXPR_STRING: {
		struct strbuf sb;

		strbuf_init(&sb);
		strbuf_adds(&sb, "string '");
		strbuf_add_c_string(&sb, e->u.string.bytes, e->u.string.len);
		strbuf_addc(&sb, '\'');
		return strbuf_detach(&sb);
	}
	case EXPR_NUMBER:
		return xasprintf("number '%" PRId64 "'", (int64_t)e->u.number);
	case EXPR_TERNARY:
		return xstrdup("operator '?'");
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		return expr_desc(e->u.index.base);
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		return xasprintf("operator '%s'", e->u.at.name);
	case EXPR_TARGET:
		return xasprintf("identifier '%s'", e->u.target->name);
	case EXPR_EMBEDDED:
		return xstrdup("embedded-code");
	default:
		return xasprintf("operator '%s'", e->u.op.op);
	}
}

/* Where messages point for e: an element a[k] at its array's name. */
struct location expr_loc(const struct expr *e)
{
	return e->kind == EXPR_INDEX ? e->u.index.base->loc : e->loc;
}
