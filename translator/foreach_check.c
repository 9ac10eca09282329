// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pass 2's last check: an array may not be modified inside a foreach over
 * it (SystemTap's rule; it keeps iteration over a changing table out of
 * the runtime). Modifying means storing into an element (=, OP=, ++, --,
 * <<<) or deleting one, directly or through a script function the loop
 * body calls. Like SystemTap, `delete a` of the whole array is allowed.
 */
#include "elaborate.h"

#include <stdlib.h>

#include "ast_walk.h"
#include "util.h"

/* The arrays of the enclosing foreach loops, innermost last. */
struct loop_stack {
	const struct symbol *arrays[64];
	size_t depth;
	int errors;
};

static bool iterated(const struct loop_stack *ls, const struct symbol *sym)
{
	for (size_t i = 0; i < ls->depth; i++)
		if (ls->arrays[i] == sym)
			return true;
	return false;
}

/* The array an element store or delete targets, or NULL. */
static const struct symbol *stored_array(const struct expr *target)
{
	if (!target || target->kind != EXPR_INDEX || target->u.index.base->kind != EXPR_SYMBOL)
		return NULL;
	return target->u.index.base->u.symbol.sym;
}

static const struct symbol *expr_stores(const struct expr *e)
{
	if (e->kind == EXPR_ASSIGN)
		return stored_array(e->u.op.left);
	if (e->kind == EXPR_INCDEC)
		return stored_array(e->u.op.right);
	return NULL;
}

/* Whether function f (or one it calls) stores into sym; visited guards
 * against recursion. */
struct modifies_search {
	const struct symbol *sym;
	const struct function **visited;
	size_t nvisited, cap;
	bool found;
};

static void search_function(struct modifies_search *ms, const struct function *f);

static void search_expr(const struct expr *e, void *ctx)
{
	struct modifies_search *ms = ctx;

	if (expr_stores(e) == ms->sym)
		ms->found = true;
	if (e->kind == EXPR_CALL && e->u.call.function)
		search_function(ms, e->u.call.function);
}

static void search_stmt(const struct stmt *st, void *ctx)
{
	struct modifies_search *ms = ctx;

	if (st->kind == STMT_DELETE && stored_array(st->u.expr) == ms->sym)
		ms->found = true;
}

static void search_function(struct modifies_search *ms, const struct function *f)
{
	struct ast_visitor v = { search_expr, search_stmt, ms };

	for (size_t i = 0; i < ms->nvisited; i++)
		if (ms->visited[i] == f)
			return;
	VEC_PUSH(ms->visited, ms->nvisited, ms->cap, f);
	if (f->body && !ms->found)
		walk_stmt(&v, f->body);
}

static bool function_modifies(const struct function *f, const struct symbol *sym)
{
	struct modifies_search ms = { .sym = sym };

	search_function(&ms, f);
	free(ms.visited);
	return ms.found;
}

static void report(struct loop_stack *ls, const char *format, const struct symbol *sym,
		   const char *token_kind, const char *token_name, struct location loc)
{
	char *message = xasprintf(format, sym->name);
	char *token = xasprintf("%s '%s'", token_kind, token_name);

	diag_semantic_error(message, token, loc);
	free(token);
	free(message);
	ls->errors++;
}

static void check_stmt(struct loop_stack *ls, const struct stmt *st);

static void check_expr_node(const struct expr *e, void *ctx)
{
	struct loop_stack *ls = ctx;
	const struct symbol *sym = expr_stores(e);

	if (sym && iterated(ls, sym)) {
		const struct expr *base = e->kind == EXPR_ASSIGN ? e->u.op.left : e->u.op.right;

		report(ls, "variable '%s' modified during 'foreach' iteration", sym,
		       "identifier", sym->name, base->u.index.base->loc);
	}
	if (e->kind == EXPR_CALL && e->u.call.function)
		for (size_t i = 0; i < ls->depth; i++)
			if (function_modifies(e->u.call.function, ls->arrays[i])) {
				report(ls, "function call modifies var '%s' during 'foreach' iteration",
				       ls->arrays[i], "identifier", e->u.call.name, e->loc);
				break;
			}
}

static void check_expr(struct loop_stack *ls, const struct expr *e)
{
	struct ast_visitor v = { check_expr_node, NULL, ls };

	if (e)
		walk_expr(&v, e);
}

static void check_stmt(struct loop_stack *ls, const struct stmt *st)
{
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			check_stmt(ls, st->u.block.items[i]);
		break;
	case STMT_EXPR:
	case STMT_RETURN:
		check_expr(ls, st->u.expr);
		break;
	case STMT_DELETE: {
		const struct symbol *sym = stored_array(st->u.expr);

		if (sym && iterated(ls, sym))
			report(ls, "variable '%s' modified during 'foreach' iteration", sym,
			       "identifier", sym->name, st->u.expr->u.index.base->loc);
		check_expr(ls, st->u.expr);
		break;
	}
	case STMT_IF:
		check_expr(ls, st->u.if_.cond);
		check_stmt(ls, st->u.if_.then);
		if (st->u.if_.otherwise)
			check_stmt(ls, st->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		check_expr(ls, st->u.loop.init);
		check_expr(ls, st->u.loop.cond);
		check_expr(ls, st->u.loop.incr);
		check_stmt(ls, st->u.loop.body);
		break;
	case STMT_FOREACH: {
		const struct expr *array = st->u.foreach->array;
		bool pushed = array->kind == EXPR_SYMBOL && ls->depth < 64;

		for (size_t i = 0; i < st->u.foreach->nslice; i++)
			check_expr(ls, st->u.foreach->slice[i]);
		check_expr(ls, st->u.foreach->limit);
		if (pushed)
			ls->arrays[ls->depth++] = array->u.symbol.sym;
		check_stmt(ls, st->u.foreach->body);
		if (pushed)
			ls->depth--;
		break;
	}
	case STMT_TRY:
		check_stmt(ls, st->u.try_.body);
		check_stmt(ls, st->u.try_.handler);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
}

int check_foreach_modifications(struct session *s)
{
	const struct program *prog = &s->program;
	struct loop_stack ls = { .depth = 0 };

	for (size_t i = 0; i < prog->nprobes; i++)
		check_stmt(&ls, prog->probes[i]->body);
	for (size_t i = 0; i < prog->nfunctions; i++)
		if (prog->functions[i]->body)
			check_stmt(&ls, prog->functions[i]->body);
	return ls.errors;
}
