// SPDX-License-Identifier: GPL-2.0-or-later
/* A read-only walk over the AST, for pass 3's whole-program questions
 * (which histogram a statistic has, how many sort slots an array needs). */
#include "ast_walk.h"

static void walk_list(const struct ast_visitor *v, struct expr *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i])
			walk_expr(v, list[i]);
}

void walk_expr(const struct ast_visitor *v, const struct expr *e)
{
	if (v->expr)
		v->expr(e, v->ctx);
	switch (e->kind) {
	case EXPR_NUMBER:
	case EXPR_STRING:
	case EXPR_SYMBOL:
	case EXPR_EMBEDDED:
		break;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_ASSIGN:
	case EXPR_INCDEC:
	case EXPR_REGEX:
		if (e->u.op.left)
			walk_expr(v, e->u.op.left);
		if (e->u.op.right)
			walk_expr(v, e->u.op.right);
		break;
	case EXPR_TERNARY:
		walk_expr(v, e->u.ternary.cond);
		walk_expr(v, e->u.ternary.then);
		walk_expr(v, e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		walk_list(v, e->u.call.args, e->u.call.nargs);
		break;
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		walk_expr(v, e->u.index.base);
		walk_list(v, e->u.index.keys, e->u.index.nkeys);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		walk_list(v, e->u.at.args, e->u.at.nargs);
		break;
	case EXPR_TARGET:
		walk_list(v, e->u.target->args, e->u.target->nargs);
		break;
	}
}

void walk_stmt(const struct ast_visitor *v, const struct stmt *st)
{
	if (v->stmt)
		v->stmt(st, v->ctx);
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			walk_stmt(v, st->u.block.items[i]);
		break;
	case STMT_EXPR:
	case STMT_DELETE:
	case STMT_RETURN:
		if (st->u.expr)
			walk_expr(v, st->u.expr);
		break;
	case STMT_IF:
		walk_expr(v, st->u.if_.cond);
		walk_stmt(v, st->u.if_.then);
		if (st->u.if_.otherwise)
			walk_stmt(v, st->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (st->u.loop.init)
			walk_expr(v, st->u.loop.init);
		if (st->u.loop.cond)
			walk_expr(v, st->u.loop.cond);
		if (st->u.loop.incr)
			walk_expr(v, st->u.loop.incr);
		walk_stmt(v, st->u.loop.body);
		break;
	case STMT_FOREACH:
		if (st->u.foreach->value)
			walk_expr(v, st->u.foreach->value);
		walk_list(v, st->u.foreach->keys, st->u.foreach->nkeys);
		walk_expr(v, st->u.foreach->array);
		walk_list(v, st->u.foreach->slice, st->u.foreach->nslice);
		if (st->u.foreach->limit)
			walk_expr(v, st->u.foreach->limit);
		walk_stmt(v, st->u.foreach->body);
		break;
	case STMT_TRY:
		walk_stmt(v, st->u.try_.body);
		if (st->u.try_.catch_var)
			walk_expr(v, st->u.try_.catch_var);
		walk_stmt(v, st->u.try_.handler);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
}

void walk_program(const struct ast_visitor *v, const struct program *prog)
{
	for (size_t i = 0; i < prog->nprobes; i++)
		walk_stmt(v, prog->probes[i]->body);
	for (size_t i = 0; i < prog->nfunctions; i++)
		if (prog->functions[i]->body)
			walk_stmt(v, prog->functions[i]->body);
}
