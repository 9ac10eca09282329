// SPDX-License-Identifier: GPL-2.0-or-later
/* print, println, printf: the printing built-ins, to runtime/print.c calls. */
#include "emit.h"

#include <stdlib.h>

#include "format.h"

/* printf: every argument is evaluated (left to right) before anything prints. */
void emit_printf(struct emitter *em, const struct expr *e)
{
	const struct expr *fmt = e->u.call.args[0];
	struct format f;
	char *error = NULL;
	size_t first = em->temps;

	if (!format_parse(fmt->u.string.bytes, fmt->u.string.len, &f, &error))
		abort();	/* pass 2 checked the format */
	put(em, "({ ");
	for (size_t i = 1; i < e->u.call.nargs; i++) {
		const struct expr *arg = e->u.call.args[i];

		putf(em, "%s a%zu_ = ", arg->type == TYPE_STRING ? "const char *" : "int64_t",
		     em->temps++);
		emit_expr(em, arg);
		put(em, "; ");
	}
	for (size_t i = 0, arg = first; i < f.count; i++) {
		const struct format_piece *p = &f.pieces[i];

		if (!p->conv) {
			put(em, "stp_print_mem(c, ");
			put_c_string(em, p->text, p->len);
			putf(em, ", %zu); ", p->len);
		} else if (p->conv == 's') {
			putf(em, "stp_print_fmt_str(c, %u, %d, %d, a%zu_); ",
			     p->flags, p->width, p->precision, arg++);
		} else {
			putf(em, "stp_print_fmt_long(c, '%c', %u, %d, %d, a%zu_); ",
			     p->conv, p->flags, p->width, p->precision, arg++);
		}
	}
	put(em, "(int64_t)0; })");
	format_free(&f);
}

void emit_print(struct emitter *em, const struct expr *e, bool newline)
{
	put(em, "({ ");
	for (size_t i = 0; i < e->u.call.nargs; i++) {
		const struct expr *arg = e->u.call.args[i];

		put(em, arg->type == TYPE_STRING ? "stp_print_str(c, " : "stp_print_long(c, ");
		emit_expr(em, arg);
		put(em, "); ");
	}
	if (newline)
		put(em, "stp_print_mem(c, \"\\n\", 1); ");
	put(em, "(int64_t)0; })");
}
