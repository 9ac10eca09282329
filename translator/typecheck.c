// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Type inference to a fixed point: each round walks every probe body,
 * pushing known types into variables whose type is still unknown, until a
 * round learns nothing new. A final round reports every conflict and every
 * variable whose type could not be inferred.
 */
#include "elaborate.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "format.h"
#include "util.h"

struct typer {
	bool changed;		/* this round learned a type */
	bool report;		/* the final round: report errors */
	int errors;
};

static void mismatch(struct typer *t, const struct expr *e, enum value_type want,
		     enum value_type got)
{
	char *message, *desc;

	if (!t->report)
		return;
	message = xasprintf("type mismatch (%s vs. %s)", value_type_name(want),
			    value_type_name(got));
	if (e->kind == EXPR_SYMBOL)
		desc = xasprintf("identifier '%s'", e->u.symbol.name);
	else if (e->kind == EXPR_CALL)
		desc = xasprintf("identifier '%s'", e->u.call.name);
	else if (e->kind == EXPR_STRING)
		desc = xstrdup("string literal");
	else if (e->kind == EXPR_NUMBER)
		desc = xstrdup("number");
	else
		desc = xasprintf("operator '%s'", e->kind == EXPR_TERNARY ? "?" : e->u.op.op);
	diag_semantic_error(message, desc, e->loc);
	free(message);
	free(desc);
	t->errors++;
}

static enum value_type infer(struct typer *t, struct expr *e, enum value_type want);

/* Infer e, which must have type want (when want is known). */
static void expect(struct typer *t, struct expr *e, enum value_type want)
{
	enum value_type got = infer(t, e, want);

	if (want != TYPE_UNKNOWN && got != TYPE_UNKNOWN && got != want)
		mismatch(t, e, want, got);
}

/* Two operands that must agree (comparison, '=', ternary branches). */
static enum value_type unify(struct typer *t, struct expr *a, struct expr *b,
			     enum value_type want)
{
	enum value_type ta = infer(t, a, want);
	enum value_type tb = infer(t, b, ta != TYPE_UNKNOWN ? ta : want);

	if (ta == TYPE_UNKNOWN && tb != TYPE_UNKNOWN)
		ta = infer(t, a, tb);
	if (ta != TYPE_UNKNOWN && tb != TYPE_UNKNOWN && ta != tb) {
		mismatch(t, b, ta, tb);
		return TYPE_UNKNOWN;
	}
	return ta != TYPE_UNKNOWN ? ta : tb;
}

static enum value_type infer_symbol(struct typer *t, struct expr *e,
				    enum value_type want)
{
	struct symbol *sym = e->u.symbol.sym;

	if (sym->type == TYPE_UNKNOWN && want != TYPE_UNKNOWN) {
		sym->type = want;
		t->changed = true;
	}
	return sym->type;
}

static void check_printf(struct typer *t, struct expr *e)
{
	struct expr *fmt = e->u.call.args[0];
	struct format f;
	char *error = NULL;

	if (fmt->kind != EXPR_STRING) {
		if (t->report) {
			diag_semantic_error("printf format must be a literal string",
					    "identifier 'printf'", e->loc);
			t->errors++;
		}
		return;
	}
	if (!format_parse(fmt->u.string.bytes, fmt->u.string.len, &f, &error)) {
		if (t->report) {
			diag_semantic_error(error, "string literal", fmt->loc);
			t->errors++;
		}
		free(error);
		return;
	}
	if (f.nargs != e->u.call.nargs - 1) {
		if (t->report) {
			char *message = xasprintf("format string expects %zu argument%s, "
						  "%zu given", f.nargs,
						  f.nargs == 1 ? "" : "s",
						  e->u.call.nargs - 1);

			diag_semantic_error(message, "identifier 'printf'", e->loc);
			free(message);
			t->errors++;
		}
		format_free(&f);
		return;
	}
	for (size_t i = 0, arg = 1; i < f.count; i++)
		if (f.pieces[i].conv)
			expect(t, e->u.call.args[arg++], format_arg_type(f.pieces[i].conv));
	format_free(&f);
}

static enum value_type infer_call(struct typer *t, struct expr *e)
{
	const struct builtin *b = e->u.call.builtin;

	switch (b->kind) {
	case BUILTIN_PRINTF:
		expect(t, e->u.call.args[0], TYPE_STRING);
		check_printf(t, e);
		break;
	case BUILTIN_PRINT:
	case BUILTIN_PRINTLN:
		for (size_t i = 0; i < e->u.call.nargs; i++) {
			if (infer(t, e->u.call.args[i], TYPE_UNKNOWN) == TYPE_UNKNOWN &&
			    t->report) {
				diag_semantic_error("cannot infer the type of this argument",
						    "identifier 'print'",
						    e->u.call.args[i]->loc);
				t->errors++;
			}
		}
		break;
	case BUILTIN_EXIT:
	case BUILTIN_CONTEXT_LONG:
	case BUILTIN_CONTEXT_STRING:
		break;
	}
	return b->result;
}

static enum value_type infer(struct typer *t, struct expr *e, enum value_type want)
{
	enum value_type type = TYPE_UNKNOWN;

	switch (e->kind) {
	case EXPR_NUMBER:
		type = TYPE_LONG;
		break;
	case EXPR_STRING:
		type = TYPE_STRING;
		break;
	case EXPR_SYMBOL:
		type = infer_symbol(t, e, want);
		break;
	case EXPR_BINARY:
		if (strcmp(e->u.op.op, ".") == 0) {
			expect(t, e->u.op.left, TYPE_STRING);
			expect(t, e->u.op.right, TYPE_STRING);
			type = TYPE_STRING;
			break;
		}
		/* fall through */
	case EXPR_UNARY:
	case EXPR_LOGICAL:
		if (e->u.op.left)
			expect(t, e->u.op.left, TYPE_LONG);
		expect(t, e->u.op.right, TYPE_LONG);
		type = TYPE_LONG;
		break;
	case EXPR_INCDEC:
		expect(t, e->u.op.right, TYPE_LONG);
		type = TYPE_LONG;
		break;
	case EXPR_COMPARISON:
		unify(t, e->u.op.left, e->u.op.right, TYPE_UNKNOWN);
		type = TYPE_LONG;
		break;
	case EXPR_ASSIGN:
		if (strcmp(e->u.op.op, "=") == 0) {
			type = unify(t, e->u.op.left, e->u.op.right, want);
		} else if (strcmp(e->u.op.op, ".=") == 0) {
			expect(t, e->u.op.left, TYPE_STRING);
			expect(t, e->u.op.right, TYPE_STRING);
			type = TYPE_STRING;
		} else {
			expect(t, e->u.op.left, TYPE_LONG);
			expect(t, e->u.op.right, TYPE_LONG);
			type = TYPE_LONG;
		}
		break;
	case EXPR_TERNARY:
		expect(t, e->u.ternary.cond, TYPE_LONG);
		type = unify(t, e->u.ternary.then, e->u.ternary.otherwise, want);
		break;
	case EXPR_CALL:
		type = infer_call(t, e);
		break;
	case EXPR_REGEX:
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
	case EXPR_TARGET:
	case EXPR_EMBEDDED:
		break;	/* not yet: reject_unsupported stops pass 2 first */
	}
	e->type = type;
	return type;
}

static void infer_stmt(struct typer *t, struct stmt *st)
{
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			infer_stmt(t, st->u.block.items[i]);
		break;
	case STMT_EXPR:
		infer(t, st->u.expr, TYPE_UNKNOWN);
		break;
	case STMT_IF:
		expect(t, st->u.if_.cond, TYPE_LONG);
		infer_stmt(t, st->u.if_.then);
		if (st->u.if_.otherwise)
			infer_stmt(t, st->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (st->u.loop.init)
			infer(t, st->u.loop.init, TYPE_UNKNOWN);
		if (st->u.loop.cond)
			expect(t, st->u.loop.cond, TYPE_LONG);
		if (st->u.loop.incr)
			infer(t, st->u.loop.incr, TYPE_UNKNOWN);
		infer_stmt(t, st->u.loop.body);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	case STMT_RETURN:
	case STMT_FOREACH:
	case STMT_DELETE:
	case STMT_TRY:
		break;	/* not yet: reject_unsupported stops pass 2 first */
	}
}

static void infer_program(struct typer *t, struct program *prog)
{
	for (size_t i = 0; i < prog->nprobes; i++)
		infer_stmt(t, prog->probes[i]->body);
}

static void check_untyped(struct typer *t, struct symbol *sym)
{
	char *desc;

	/* An unused variable is elided; it needs no type. */
	if (sym->type != TYPE_UNKNOWN || (!sym->read && !sym->written))
		return;
	desc = xasprintf("identifier '%s'", sym->name);
	diag_semantic_error("unresolved type", desc, sym->loc);
	free(desc);
	t->errors++;
}

int infer_types(struct session *s)
{
	struct typer t = { true, false, 0 };
	struct program *prog = &s->program;

	while (t.changed) {
		t.changed = false;
		infer_program(&t, prog);
	}
	t.report = true;
	infer_program(&t, prog);
	for (size_t i = 0; i < prog->nglobals; i++)
		check_untyped(&t, prog->globals[i]);
	for (size_t i = 0; i < prog->nprobes; i++)
		for (size_t j = 0; j < prog->probes[i]->nlocals; j++)
			check_untyped(&t, prog->probes[i]->locals[j]);
	return t.errors;
}
