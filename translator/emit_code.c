// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Probe bodies to C. Values are int64_t (long) or const char * (string;
 * variables own MAXSTRINGLEN buffers). Anything that can fail at run time
 * (division by zero, MAXACTION) calls the runtime's error function and
 * jumps to the handler's `out` label at once, as SystemTap's generated code
 * does, so nothing after the failing operation runs.
 */
#include "emit.h"
#include "target_var.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "expr_desc.h"

void put(struct emitter *em, const char *text)
{
	strbuf_adds(em->out, text);
}

void putf(struct emitter *em, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(em->out, fmt, ap);
	va_end(ap);
}

void put_indent(struct emitter *em)
{
	for (int i = 0; i < em->indent; i++)
		strbuf_addc(em->out, '\t');
}

void put_c_string(struct emitter *em, const char *s, size_t len)
{
	strbuf_addc(em->out, '"');
	strbuf_add_c_string(em->out, s, len);
	strbuf_addc(em->out, '"');
}

/* "operator '/' at FILE:LINE:COL", the `where` of runtime errors. */
void put_where(struct emitter *em, const char *what, struct location loc)
{
	char *where = location_string(loc);
	char *text = xasprintf("%s at %s", what, where);

	put_c_string(em, text, strlen(text));
	free(text);
	free(where);
}

void emit_symbol_name(struct strbuf *out, const struct symbol *sym)
{
	if (sym->scope == SCOPE_GLOBAL)
		strbuf_addf(out, "stp_global_%s", sym->name);
	else
		strbuf_addf(out, "l->v_%s", sym->name);
}

static void emit_string_literal(struct emitter *em, const struct expr *e)
{
	/* Script strings end at their first NUL, as C strings do. */
	put_c_string(em, e->u.string.bytes, strnlen(e->u.string.bytes, e->u.string.len));
}

/* a / b and a % b: a division by zero stops the handler. */
static void emit_division(struct emitter *em, char op, const struct expr *where,
			  const struct expr *left, const struct expr *right)
{
	char what[16];

	snprintf(what, sizeof(what), "operator '%c'", op);
	putf(em, "({ int64_t q_ = %s(c, ", op == '/' ? "stp_div" : "stp_mod");
	emit_expr(em, left);
	put(em, ", ");
	emit_expr(em, right);
	put(em, ", ");
	put_where(em, what, where->loc);
	put(em, "); if (unlikely(c->error)) goto out; q_; })");
}

static void emit_binary(struct emitter *em, const struct expr *e)
{
	const char *op = e->u.op.op;

	if (strcmp(op, ".") == 0) {
		putf(em, "stp_string_concat(l->tmp%zu, ", em->needs->string_temps++);
		emit_expr(em, e->u.op.left);
		put(em, ", ");
		emit_expr(em, e->u.op.right);
		put(em, ")");
		return;
	}
	if (strcmp(op, "/") == 0 || strcmp(op, "%") == 0) {
		emit_division(em, op[0], e, e->u.op.left, e->u.op.right);
		return;
	}
	if (strcmp(op, "<<") == 0 || strcmp(op, ">>") == 0) {
		/* Shift counts are taken modulo 64 so no shift is undefined. */
		put(em, op[0] == '<' ? "((int64_t)((uint64_t)(" : "((int64_t)((");
		emit_expr(em, e->u.op.left);
		putf(em, ") %s ((", op);
		emit_expr(em, e->u.op.right);
		put(em, ") & 63)))");
		return;
	}
	/* + - * wrap: the kernel builds with -fno-strict-overflow. */
	put(em, "((");
	emit_expr(em, e->u.op.left);
	putf(em, ") %s (", op);
	emit_expr(em, e->u.op.right);
	put(em, "))");
}

static void emit_comparison(struct emitter *em, const struct expr *e)
{
	if (e->u.op.left->type == TYPE_STRING) {
		put(em, "((int64_t)(strcmp(");
		emit_expr(em, e->u.op.left);
		put(em, ", ");
		emit_expr(em, e->u.op.right);
		putf(em, ") %s 0))", e->u.op.op);
		return;
	}
	put(em, "((int64_t)((");
	emit_expr(em, e->u.op.left);
	putf(em, ") %s (", e->u.op.op);
	emit_expr(em, e->u.op.right);
	put(em, ")))");
}

static void emit_lvalue(struct emitter *em, const struct expr *e)
{
	emit_symbol_name(em->out, e->u.symbol.sym);
}

static void emit_assign(struct emitter *em, const struct expr *e)
{
	const char *op = e->u.op.op;
	const struct expr *lhs = e->u.op.left;

	if (strcmp(op, ".=") == 0) {
		put(em, "stp_string_append(");
		emit_lvalue(em, lhs);
		put(em, ", ");
		emit_expr(em, e->u.op.right);
		put(em, ")");
		return;
	}
	if (lhs->type == TYPE_STRING) {
		put(em, "stp_string_assign(");
		emit_lvalue(em, lhs);
		put(em, ", ");
		emit_expr(em, e->u.op.right);
		put(em, ")");
		return;
	}
	if (strcmp(op, "/=") == 0 || strcmp(op, "%=") == 0) {
		put(em, "(");
		emit_lvalue(em, lhs);
		put(em, " = ");
		emit_division(em, op[0], e, lhs, e->u.op.right);
		put(em, ")");
		return;
	}
	if (strcmp(op, "<<=") == 0 || strcmp(op, ">>=") == 0) {
		put(em, "(");
		emit_lvalue(em, lhs);
		putf(em, " = %s(", op[0] == '<' ? "(int64_t)((uint64_t)" : "(");
		emit_lvalue(em, lhs);
		putf(em, ") %.2s ((", op);
		emit_expr(em, e->u.op.right);
		put(em, ") & 63)))");
		return;
	}
	put(em, "(");
	emit_lvalue(em, lhs);
	putf(em, " %s (", op);
	emit_expr(em, e->u.op.right);
	put(em, "))");
}

static void emit_builtin_call(struct emitter *em, const struct expr *e,
			      const struct builtin *b);

static void emit_call(struct emitter *em, const struct expr *e)
{
	const struct builtin *b = e->u.call.builtin;

	if (e->u.call.function) {
		emit_function_call(em, e);
		return;
	}
	if (action_call_charges(em, e)) {
		/* A tapset function in SystemTap: charged after it returns. */
		put(em, "({ __auto_type charged_ = ");
		emit_builtin_call(em, e, b);
		put(em, "; ");
		action_charge_call(em, e);
		put(em, "charged_; })");
		return;
	}
	emit_builtin_call(em, e, b);
}

static void emit_builtin_call(struct emitter *em, const struct expr *e,
			      const struct builtin *b)
{
	if (builtin_reads_regex_groups(b)) {
		emit_regex_group_call(em, e);
		return;
	}
	switch (b->kind) {
	case BUILTIN_PRINT:
		emit_print(em, e);
		break;
	case BUILTIN_PRINTF:
		emit_printf(em, e);
		break;
	case BUILTIN_EXIT:
		put(em, "({ stp_exit(c); (int64_t)0; })");
		break;
	case BUILTIN_CONTEXT_LONG:
		putf(em, "%s(c)", b->runtime_call);
		break;
	case BUILTIN_CONTEXT_STRING:
		putf(em, "%s(c, l->tmp%zu)", b->runtime_call, em->needs->string_temps++);
		break;
	case BUILTIN_REGEX_GROUP:
		abort();	/* emit_regex_group_call's */
	}
}

void emit_expr(struct emitter *em, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
		putf(em, "((int64_t)%" PRIu64 "ULL)", e->u.number);
		break;
	case EXPR_STRING:
		emit_string_literal(em, e);
		break;
	case EXPR_SYMBOL:
		emit_symbol_name(em->out, e->u.symbol.sym);
		break;
	case EXPR_UNARY:
		putf(em, "((int64_t)%s(", e->u.op.op);
		emit_expr(em, e->u.op.right);
		put(em, "))");
		break;
	case EXPR_BINARY:
		emit_binary(em, e);
		break;
	case EXPR_COMPARISON:
		emit_comparison(em, e);
		break;
	case EXPR_LOGICAL:
		put(em, "((int64_t)((");
		emit_expr(em, e->u.op.left);
		putf(em, ") %s (", e->u.op.op);
		emit_expr(em, e->u.op.right);
		put(em, ")))");
		break;
	case EXPR_TERNARY:
		put(em, "((");
		emit_expr(em, e->u.ternary.cond);
		put(em, ") ? (");
		emit_expr(em, e->u.ternary.then);
		put(em, ") : (");
		emit_expr(em, e->u.ternary.otherwise);
		put(em, "))");
		break;
	case EXPR_ASSIGN:
		if (strcmp(e->u.op.op, "<<<") == 0)
			emit_stat_add(em, e);
		else if (e->u.op.left->kind == EXPR_INDEX)
			emit_array_assign(em, e);
		else if (e->u.op.left->kind == EXPR_TARGET)
			emit_target_write(em, e);
		else
			emit_assign(em, e);
		break;
	case EXPR_INCDEC:
		if (e->u.op.right->kind == EXPR_INDEX) {
			emit_array_incdec(em, e);
			break;
		}
		put(em, "(");
		if (e->u.op.prefix)
			put(em, e->u.op.op);
		emit_lvalue(em, e->u.op.right);
		if (!e->u.op.prefix)
			put(em, e->u.op.op);
		put(em, ")");
		break;
	case EXPR_CALL:
		emit_call(em, e);
		break;
	case EXPR_REGEX:
		emit_regex(em, e);
		break;
	case EXPR_INDEX:
		if (e->u.index.base->kind == EXPR_HIST)
			emit_hist_bucket(em, e);
		else
			emit_array_index(em, e);
		break;
	case EXPR_ARRAY_IN:
		emit_array_in(em, e);
		break;
	case EXPR_STAT:
		emit_stat_extract(em, e);
		break;
	case EXPR_HIST:	/* a value only as a print-family argument (emit_hist_out) */
		put(em, "(int64_t)0");
		break;
	case EXPR_TARGET:
		emit_target_var(em, e);
		break;
	case EXPR_AT:
		/* @entry(EXPR): saved by the kretprobe's entry function
		 * (probes/kprobe.c); reject_unsupported refused the others */
		putf(em, "stp_entry_value(c, %u)", e->u.at.entry_slot);
		break;
	case EXPR_EMBEDDED:
		break;	/* not yet: reject_unsupported stops pass 2 first */
	}
}

/*
 * while/for as a C for (;;): the condition, then the body, whose end
 * charges the iteration (see emit_action.c); `continue` goes to the step.
 * for's init runs, and is counted, before the loop's own charge.
 */
static void emit_loop(struct emitter *em, const struct stmt *st)
{
	if (st->u.loop.init) {
		put_indent(em);
		put(em, "(void)");
		emit_expr(em, st->u.loop.init);
		put(em, ";\n");
		action_count(em, 1, expr_loc(st->u.loop.init));
	}
	action_charge(em, 1, st->loc);
	put_indent(em);
	put(em, "for (; ; ");
	if (st->u.loop.incr) {
		put(em, "(void)");
		emit_expr(em, st->u.loop.incr);
	}
	put(em, ") {\n");
	em->indent++;
	if (st->u.loop.cond) {
		put_indent(em);
		put(em, "if (!(");
		emit_expr(em, st->u.loop.cond);
		put(em, "))\n");
		put_indent(em);
		put(em, "\tbreak;\n");
	}
	action_count(em, 1, st->loc);	/* the iteration */
	emit_stmt(em, st->u.loop.body);
	action_charge_body_end(em, st->u.loop.body);
	em->indent--;
	put_indent(em);
	put(em, "}\n");
	/* SystemTap counts the step after the body; it is charged with
	 * whatever comes next. */
	if (st->u.loop.incr)
		action_count(em, 1, expr_loc(st->u.loop.incr));
}

static void emit_if(struct emitter *em, const struct stmt *st)
{
	action_charge(em, 1, st->loc);
	put_indent(em);
	put(em, "if (");
	emit_expr(em, st->u.if_.cond);
	put(em, ") {\n");
	em->indent++;
	emit_stmt(em, st->u.if_.then);
	action_charge_body_end(em, st->u.if_.then);
	em->indent--;
	put_indent(em);
	put(em, "}");
	if (st->u.if_.otherwise) {
		put(em, " else {\n");
		em->indent++;
		emit_stmt(em, st->u.if_.otherwise);
		action_charge_body_end(em, st->u.if_.otherwise);
		em->indent--;
		put_indent(em);
		put(em, "}");
	}
	put(em, "\n");
}

void emit_stmt(struct emitter *em, const struct stmt *st)
{
	switch (st->kind) {
	case STMT_BLOCK:
		put_indent(em);
		put(em, "{\n");
		em->indent++;
		for (size_t i = 0; i < st->u.block.count; i++)
			emit_stmt(em, st->u.block.items[i]);
		em->indent--;
		put_indent(em);
		put(em, "}\n");
		break;
	case STMT_EXPR:
		put_indent(em);
		put(em, "(void)");
		emit_expr(em, st->u.expr);
		put(em, ";\n");
		action_count(em, 1, st->loc);
		break;
	case STMT_IF:
		emit_if(em, st);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		emit_loop(em, st);
		break;
	case STMT_BREAK:
		action_charge(em, 1, st->loc);
		put_indent(em);
		put(em, "break;\n");
		break;
	case STMT_CONTINUE:
		action_charge(em, 1, st->loc);
		put_indent(em);
		put(em, "continue;\n");
		break;
	case STMT_NEXT:
		action_charge(em, 1, st->loc);
		emit_next(em);
		break;
	case STMT_NULL:
		break;
	case STMT_FOREACH:
		emit_foreach(em, st);
		break;
	case STMT_DELETE:
		emit_delete(em, st);
		action_count(em, 1, st->loc);
		break;
	case STMT_RETURN:
		emit_return(em, st);
		break;
	case STMT_TRY:
		emit_try(em, st);
		break;
	}
}

void emit_probe_body(struct strbuf *out, const struct session *s,
		     const struct probe *probe, struct handler_needs *needs)
{
	struct emitter em = { .out = out, .s = s, .needs = needs, .indent = 1 };

	emit_action_entry(&em, probe->body);
	emit_stmt(&em, probe->body);
	action_charge_body_end(&em, probe->body);
}
