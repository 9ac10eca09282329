// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The first step of pass 3: passes 1 and 2 handle the whole SystemTap
 * language, but the translation to C implements a subset. This step finds
 * every construct outside it and reports a semantic error at the
 * construct, so the code generator only ever sees what it implements.
 * Remove a case here when translate.c learns the construct.
 */
#include "elaborate.h"

#include <stdlib.h>
#include <string.h>

#include "probes/probes.h"
#include "target_var.h"
#include "util.h"

struct finder {
	const struct session *s;
	int errors;
};

static void not_supported(struct finder *f, const char *what, const char *token_desc,
			  struct location loc)
{
	char *message = xasprintf("%s not supported by this ctap yet", what);

	diag_semantic_error(message, token_desc, loc);
	free(message);
	f->errors++;
}

static void not_supported_name(struct finder *f, const char *what, const char *kind,
			       const char *name, struct location loc)
{
	char *desc = xasprintf("%s '%s'", kind, name);

	not_supported(f, what, desc, loc);
	free(desc);
}

static void check_expr(struct finder *f, const struct expr *e);

static void check_exprs(struct finder *f, struct expr *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i])
			check_expr(f, list[i]);
}

static void check_expr(struct finder *f, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
	case EXPR_STRING:
	case EXPR_SYMBOL:
		break;
	case EXPR_ASSIGN:
	case EXPR_UNARY:
		if (strcmp(e->u.op.op, "&") == 0) {
			not_supported(f, "'&' of anything but a context variable is",
				      "operator '&'", e->loc);
			break;
		}
		/* fall through */
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_INCDEC:
		if (e->u.op.left)
			check_expr(f, e->u.op.left);
		check_expr(f, e->u.op.right);
		break;
	case EXPR_TERNARY:
		check_expr(f, e->u.ternary.cond);
		check_expr(f, e->u.ternary.then);
		check_expr(f, e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		check_exprs(f, e->u.call.args, e->u.call.nargs);
		break;
	case EXPR_REGEX:
		check_expr(f, e->u.op.left);
		break;
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		if (e->kind == EXPR_ARRAY_IN && e->u.index.base->kind == EXPR_HIST)
			not_supported(f, "'in' on a histogram is", "keyword 'in'", e->loc);
		else if (e->u.index.base->kind != EXPR_SYMBOL)
			check_expr(f, e->u.index.base);
		check_exprs(f, e->u.index.keys, e->u.index.nkeys);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
		check_exprs(f, e->u.at.args, e->u.at.nargs);
		break;
	case EXPR_AT:
		if (strcmp(e->u.at.name, "@entry") != 0)
			not_supported_name(f, "this @-operator is", "operator", e->u.at.name,
					   e->loc);
		else if (e->type == TYPE_STRING)
			not_supported(f, "@entry of a string expression is", "operator '@entry'",
				      e->loc);
		else if (expr_uses_globals(f->s, e->u.at.args[0]))
			not_supported(f, "@entry of an expression that reads globals (the entry "
				      "handler holds no locks) is", "operator '@entry'", e->loc);
		else
			check_expr(f, e->u.at.args[0]);
		break;
	case EXPR_TARGET:
		if (e->u.target->access) {
			for (size_t i = 0; i < e->u.target->nsuffixes; i++) {
				if (e->u.target->suffixes[i].index)
					check_expr(f, e->u.target->suffixes[i].index);
			}
			if (e->u.target->access->base == BASE_OPERAND)
				check_expr(f, e->u.target->args[0]);
		}
		else if (e->u.target->name[0] == '$')
			not_supported_name(f, "context variables and script arguments are",
					   "identifier", e->u.target->name, e->loc);
		else
			not_supported_name(f, "this @-operator is", "operator",
					   e->u.target->name, e->loc);
		break;
	case EXPR_EMBEDDED:
		not_supported(f, "embedded C is", "embedded-code", e->loc);
		break;
	}
}

static void check_stmt(struct finder *f, const struct stmt *s)
{
	switch (s->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < s->u.block.count; i++)
			check_stmt(f, s->u.block.items[i]);
		break;
	case STMT_EXPR:
		check_expr(f, s->u.expr);
		break;
	case STMT_IF:
		check_expr(f, s->u.if_.cond);
		check_stmt(f, s->u.if_.then);
		if (s->u.if_.otherwise)
			check_stmt(f, s->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (s->u.loop.init)
			check_expr(f, s->u.loop.init);
		if (s->u.loop.cond)
			check_expr(f, s->u.loop.cond);
		if (s->u.loop.incr)
			check_expr(f, s->u.loop.incr);
		check_stmt(f, s->u.loop.body);
		break;
	case STMT_FOREACH:
		check_exprs(f, s->u.foreach->slice, s->u.foreach->nslice);
		if (s->u.foreach->limit)
			check_expr(f, s->u.foreach->limit);
		check_stmt(f, s->u.foreach->body);
		break;
	case STMT_RETURN:
		if (s->u.expr)
			check_expr(f, s->u.expr);
		break;
	case STMT_DELETE:
		check_expr(f, s->u.expr);
		break;
	case STMT_TRY:
		check_stmt(f, s->u.try_.body);
		check_stmt(f, s->u.try_.handler);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
}

int reject_unsupported(struct session *s)
{
	const struct program *prog = &s->program;
	struct finder f = { .s = s };

	for (size_t i = 0; i < prog->nfunctions; i++)
		if (prog->functions[i]->used && prog->functions[i]->body)
			check_stmt(&f, prog->functions[i]->body);
	for (size_t i = 0; i < prog->nprobes; i++) {
		const struct probe *p = prog->probes[i];

		for (size_t j = 0; j < p->npoints; j++)
			if (p->points[j]->condition)
				check_expr(&f, p->points[j]->condition);
		check_stmt(&f, p->body);
	}
	/* Families the code generator cannot register yet, and what the
	 * conditions (joined through aliases by pass 2) use. */
	for (size_t i = 0; i < s->nprobes; i++) {
		const struct derived_probe *dp = s->probes[i];

		if (!dp->provider->emit)
			not_supported_name(&f, "this probe point is", "probe point",
					   dp->pp, dp->point->loc);
		else if (dp->condition)
			check_expr(&f, dp->condition);
	}
	return f.errors;
}
