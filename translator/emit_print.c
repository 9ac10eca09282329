// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The print family (print, println, printd, printdln, printf and their
 * s-variants returning a string) to runtime/print.c calls. As in
 * SystemTap, every argument is evaluated, left to right, before anything
 * is printed; the s-variants format into a string temporary of the
 * handler, truncated at MAXSTRINGLEN.
 */
#include "emit.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "expr_desc.h"
#include "format.h"

/*
 * Evaluate args[from..] into temporaries; returns their numbers (a%zu_),
 * one per argument: not consecutive when an argument has temporaries of
 * its own (a nested sprintf). The caller frees the array.
 */
static size_t *emit_arg_temps(struct emitter *em, const struct expr *e, size_t from)
{
	size_t *temps = xcalloc(e->u.call.nargs + 1, sizeof(*temps));

	for (size_t i = from; i < e->u.call.nargs; i++) {
		const struct expr *arg = e->u.call.args[i];

		if (arg->kind == EXPR_HIST)
			continue;	/* written in place by emit_hist_out */
		temps[i - from] = em->temps++;
		putf(em, "%s a%zu_ = ", arg->type == TYPE_STRING ? "const char *" : "int64_t",
		     temps[i - from]);
		emit_expr(em, arg);
		put(em, "; ");
	}
	/* An argument that failed (a read fault, division by 0): print nothing. */
	if (e->u.call.nargs > from)
		put(em, "if (unlikely(c->error)) goto out; ");
	return temps;
}

/* The output: this CPU's print buffer, or a new string temporary. */
static void emit_out_decl(struct emitter *em, const struct builtin *b, size_t out,
			  size_t *string_temp)
{
	if (b->print & PRINT_TO_STRING) {
		*string_temp = em->needs->string_temps++;
		putf(em, "struct stp_out o%zu_ = stp_out_string(l->tmp%zu); ", out, *string_temp);
	} else {
		putf(em, "struct stp_out o%zu_ = STP_OUT_PRINT; ", out);
	}
}

static void emit_result(struct emitter *em, const struct builtin *b, size_t string_temp)
{
	if (b->print & PRINT_TO_STRING)
		putf(em, "(const char *)l->tmp%zu; })", string_temp);
	else
		put(em, "(int64_t)0; })");
}

/*
 * Where a %m read fault is reported: at the printf, or, when a %m takes
 * its byte count from an argument (`%.*m`), at the last such count, as
 * SystemTap's generated code names that argument before printing.
 */
static void put_memory_fault_where(struct emitter *em, const struct expr *e,
				   const struct format *f)
{
	const struct expr *count = NULL;
	char *what;

	for (size_t i = 0, arg = 1; i < f->count; i++) {
		const struct format_piece *p = &f->pieces[i];

		if (!p->conv)
			continue;
		arg += p->width_arg;
		if (p->precision_arg && (p->conv == 'm' || p->conv == 'M'))
			count = e->u.call.args[arg];
		arg += p->precision_arg + 1;
	}
	if (!count) {
		what = xasprintf("identifier '%s'", e->u.call.builtin->name);
		put_where(em, what, e->loc);
	} else {
		what = expr_desc(count);
		put_where(em, what, expr_loc(count));
	}
	free(what);
}

/*
 * %m and %M: fail before printing anything if the memory cannot be read.
 * A count from an argument over a page is refused first, at that
 * argument, with SystemTap's words.
 */
static void emit_memory_checks(struct emitter *em, const struct expr *e,
			       const struct format *f, const size_t *temps)
{
	for (size_t i = 0, arg = 0; i < f->count; i++) {
		const struct format_piece *p = &f->pieces[i];
		size_t precision;

		if (!p->conv)
			continue;
		arg += p->width_arg;
		precision = arg;
		arg += p->precision_arg;
		if (p->conv == 'm' || p->conv == 'M') {
			if (p->precision_arg) {
				const struct expr *count = e->u.call.args[1 + precision];
				char *what = expr_desc(count);

				putf(em, "if (unlikely((uint64_t)a%zu_ > PAGE_SIZE)) { snprintf(c->error_buffer, "
				     "sizeof(c->error_buffer), \"%%lld is too many bytes for a "
				     "memory dump\", (long long)a%zu_); stp_error(c, c->error_buffer, ",
				     temps[precision], temps[precision]);
				put_where(em, what, expr_loc(count));
				put(em, "); goto out; } ");
				free(what);
			}
			putf(em, "stp_fmt_mem_check(c, %u, ", p->flags);
			if (p->precision_arg)
				putf(em, "stp_fmt_clamp(a%zu_)", temps[precision]);
			else
				putf(em, "%d", p->precision);
			putf(em, ", a%zu_, ", temps[arg]);
			put_memory_fault_where(em, e, f);
			put(em, "); if (unlikely(c->error)) goto out; ");
		}
		arg++;
	}
}

/* One conversion; *arg indexes temps, advanced past the arguments it takes. */
static void emit_conversion(struct emitter *em, const struct expr *e,
			    const struct format *f, const struct format_piece *p, size_t out,
			    const size_t *temps, size_t *arg)
{
	if (p->conv == 's')
		putf(em, "stp_fmt_str(c, &o%zu_, ", out);
	else if (p->conv == 'm' || p->conv == 'M')
		putf(em, "stp_fmt_mem(c, &o%zu_, '%c', ", out, p->conv);
	else
		putf(em, "stp_fmt_long(c, &o%zu_, '%c', ", out, p->conv);
	/* A negative `*` width left-justifies, as in C. */
	if (p->width_arg) {
		size_t w = temps[(*arg)++];

		putf(em, "%u | (a%zu_ < 0 ? STP_FMT_LEFT : 0), stp_fmt_width(a%zu_), ",
		     p->flags, w, w);
	} else {
		putf(em, "%u, %d, ", p->flags, p->width);
	}
	if (p->precision_arg)
		putf(em, "stp_fmt_clamp(a%zu_), ", temps[(*arg)++]);
	else
		putf(em, "%d, ", p->precision);
	putf(em, "a%zu_", temps[(*arg)++]);
	if (p->conv == 'm' || p->conv == 'M') {
		put(em, ", ");
		put_memory_fault_where(em, e, f);
	}
	put(em, "); ");
}

/* printf, sprintf. */
void emit_printf(struct emitter *em, const struct expr *e)
{
	const struct builtin *b = e->u.call.builtin;
	const struct expr *fmt = e->u.call.args[0];
	struct format f;
	char *error = NULL;
	size_t *temps, out, string_temp = 0;

	if (!format_parse(fmt->u.string.bytes, fmt->u.string.len, &f, &error))
		abort();	/* pass 2 checked the format */
	put(em, "({ ");
	temps = emit_arg_temps(em, e, 1);
	out = em->temps++;
	emit_out_decl(em, b, out, &string_temp);
	emit_memory_checks(em, e, &f, temps);
	for (size_t i = 0, arg = 0; i < f.count; i++) {
		const struct format_piece *p = &f.pieces[i];

		if (p->conv) {
			emit_conversion(em, e, &f, p, out, temps, &arg);
			continue;
		}
		putf(em, "stp_out_mem(c, &o%zu_, ", out);
		put_c_string(em, p->text, p->len);
		putf(em, ", %zu); ", p->len);
	}
	emit_result(em, b, string_temp);
	format_free(&f);
	free(temps);
}

/* print, println, printd, printdln, sprint, sprintln, sprintd, sprintdln:
 * each value as %s or %d would show it, the delimiter between them. */
void emit_print(struct emitter *em, const struct expr *e)
{
	const struct builtin *b = e->u.call.builtin;
	bool delimited = b->print & PRINT_DELIMITED;
	const struct expr *delimiter = delimited ? e->u.call.args[0] : NULL;
	size_t from = delimited ? 1 : 0, *temps, out, string_temp = 0;

	put(em, "({ ");
	temps = emit_arg_temps(em, e, from);
	out = em->temps++;
	emit_out_decl(em, b, out, &string_temp);
	for (size_t i = from; i < e->u.call.nargs; i++) {
		const struct expr *arg = e->u.call.args[i];

		if (delimiter && i > from) {
			putf(em, "stp_out_str(c, &o%zu_, ", out);
			put_c_string(em, delimiter->u.string.bytes,
				     strnlen(delimiter->u.string.bytes, delimiter->u.string.len));
			put(em, "); ");
		}
		if (arg->kind == EXPR_HIST) {
			emit_hist_out(em, arg, out, b->name, e->loc);
			put(em, "; ");
			continue;
		}
		putf(em, "stp_out_%s(c, &o%zu_, a%zu_); ",
		     arg->type == TYPE_STRING ? "str" : "long", out, temps[i - from]);
	}
	if (b->print & PRINT_NEWLINE)
		putf(em, "stp_out_mem(c, &o%zu_, \"\\n\", 1); ", out);
	emit_result(em, b, string_temp);
	free(temps);
}
