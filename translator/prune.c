// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pruning and warnings, after resolution. Functions no probe can reach
 * are removed (a tapset's always; the script's unless -u), then the uses
 * of every variable are counted again over what is left, unused globals
 * are removed (unless -u), and variables that are read but never assigned
 * get SystemTap's "never-assigned" warning, with similar names in scope.
 */
#include "elaborate.h"

#include <stdlib.h>
#include <string.h>

#include "similar.h"
#include "util.h"

struct pruner {
	struct function **reached;	/* worklist of functions found reachable */
	size_t nreached, reached_cap;
};

static void uses_expr(struct pruner *p, struct expr *e, bool write);

static void uses_list(struct pruner *p, struct expr **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i])
			uses_expr(p, list[i], false);
}

static void use_symbol(struct expr *e, bool read, bool write)
{
	struct symbol *sym = e->u.symbol.sym;

	if (!sym)
		return;
	sym->read |= read;
	sym->written |= write;
}

/* The target of an assignment: a[k] = v writes a, x += v reads x too. */
static void uses_lvalue(struct pruner *p, struct expr *e, bool also_read)
{
	if (e->kind == EXPR_SYMBOL) {
		use_symbol(e, also_read, true);
	} else if (e->kind == EXPR_INDEX && e->u.index.base->kind == EXPR_SYMBOL) {
		use_symbol(e->u.index.base, also_read, true);
		uses_list(p, e->u.index.keys, e->u.index.nkeys);
	} else {
		uses_expr(p, e, false);
	}
}

static void reach(struct pruner *p, struct function *f)
{
	if (f && !f->used) {
		f->used = true;
		VEC_PUSH(p->reached, p->nreached, p->reached_cap, f);
	}
}

static void uses_expr(struct pruner *p, struct expr *e, bool write)
{
	(void)write;
	switch (e->kind) {
	case EXPR_NUMBER:
	case EXPR_STRING:
	case EXPR_EMBEDDED:
		break;
	case EXPR_AT:	/* @entry(EXPR) kept whole: what EXPR calls is used */
		for (size_t i = 0; i < e->u.at.nargs; i++)
			uses_expr(p, e->u.at.args[i], false);
		break;
	case EXPR_TARGET:
		for (size_t i = 0; i < e->u.target->nsuffixes; i++)
			if (e->u.target->suffixes[i].index)
				uses_expr(p, e->u.target->suffixes[i].index, false);
		for (size_t i = 0; i < e->u.target->nargs; i++)	/* @cast's pointer */
			uses_expr(p, e->u.target->args[i], false);
		break;
	case EXPR_SYMBOL:
		use_symbol(e, true, false);
		break;
	case EXPR_ASSIGN:
		uses_lvalue(p, e->u.op.left, strcmp(e->u.op.op, "=") != 0 &&
			    strcmp(e->u.op.op, "<<<") != 0);
		uses_expr(p, e->u.op.right, false);
		break;
	case EXPR_INCDEC:
		uses_lvalue(p, e->u.op.right, true);
		break;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_REGEX:
		if (e->u.op.left)
			uses_expr(p, e->u.op.left, false);
		uses_expr(p, e->u.op.right, false);
		break;
	case EXPR_TERNARY:
		uses_expr(p, e->u.ternary.cond, false);
		uses_expr(p, e->u.ternary.then, false);
		uses_expr(p, e->u.ternary.otherwise, false);
		break;
	case EXPR_CALL:
		reach(p, e->u.call.function);
		uses_list(p, e->u.call.args, e->u.call.nargs);
		break;
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		uses_expr(p, e->u.index.base, false);
		uses_list(p, e->u.index.keys, e->u.index.nkeys);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
		uses_list(p, e->u.at.args, e->u.at.nargs);
		break;
	}
}

static void uses_stmt(struct pruner *p, struct stmt *st)
{
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			uses_stmt(p, st->u.block.items[i]);
		break;
	case STMT_EXPR:
	case STMT_RETURN:
		if (st->u.expr)
			uses_expr(p, st->u.expr, false);
		break;
	case STMT_DELETE:
		uses_lvalue(p, st->u.expr, false);
		break;
	case STMT_IF:
		uses_expr(p, st->u.if_.cond, false);
		uses_stmt(p, st->u.if_.then);
		if (st->u.if_.otherwise)
			uses_stmt(p, st->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (st->u.loop.init)
			uses_expr(p, st->u.loop.init, false);
		if (st->u.loop.cond)
			uses_expr(p, st->u.loop.cond, false);
		if (st->u.loop.incr)
			uses_expr(p, st->u.loop.incr, false);
		uses_stmt(p, st->u.loop.body);
		break;
	case STMT_FOREACH:
		uses_expr(p, st->u.foreach->array, false);
		uses_list(p, st->u.foreach->slice, st->u.foreach->nslice);
		for (size_t i = 0; i < st->u.foreach->nkeys; i++)
			use_symbol(st->u.foreach->keys[i], false, true);
		if (st->u.foreach->value)
			use_symbol(st->u.foreach->value, false, true);
		if (st->u.foreach->limit)
			uses_expr(p, st->u.foreach->limit, false);
		uses_stmt(p, st->u.foreach->body);
		break;
	case STMT_TRY:
		uses_stmt(p, st->u.try_.body);
		if (st->u.try_.catch_var)
			use_symbol(st->u.try_.catch_var, false, true);
		uses_stmt(p, st->u.try_.handler);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
}

static void forget_uses(struct symbol **syms, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		syms[i]->read = false;
		syms[i]->written = syms[i]->is_param;
	}
}

/* Count every use again over the probes and the functions they reach. */
static void count_uses(struct session *s, struct pruner *p)
{
	struct program *prog = &s->program;

	forget_uses(prog->globals, prog->nglobals);
	for (size_t i = 0; i < prog->nfunctions; i++) {
		prog->functions[i]->used = false;
		forget_uses(prog->functions[i]->locals, prog->functions[i]->nlocals);
	}
	for (size_t i = 0; i < prog->nprobes; i++) {
		struct probe *probe = prog->probes[i];

		forget_uses(probe->locals, probe->nlocals);
		for (size_t j = 0; j < probe->npoints; j++)
			if (probe->points[j]->condition)
				uses_expr(p, probe->points[j]->condition, false);
		uses_stmt(p, probe->body);
	}
	if (s->keep_unused)
		for (size_t i = 0; i < prog->nfunctions; i++)
			if (in_user_script(prog, prog->functions[i]->loc))
				reach(p, prog->functions[i]);
	for (size_t i = 0; i < p->nreached; i++)
		if (p->reached[i]->body)
			uses_stmt(p, p->reached[i]->body);
}

static void drop_unused_functions(struct session *s)
{
	struct program *prog = &s->program;
	size_t kept = 0;

	for (size_t i = 0; i < prog->nfunctions; i++) {
		struct function *f = prog->functions[i];

		if (f->used) {
			prog->functions[kept++] = f;
			continue;
		}
		if (s->verbose > 2 && in_user_script(prog, f->loc))
			fprintf(stderr, "Eliding unused function '%s'\n", f->name);
		function_free(f);
	}
	prog->nfunctions = kept;
}

static void drop_unused_globals(struct session *s)
{
	struct program *prog = &s->program;
	size_t kept = 0;

	for (size_t i = 0; i < prog->nglobals; i++) {
		struct symbol *g = prog->globals[i];

		if (g->read || g->written || (s->keep_unused && in_user_script(prog, g->loc))) {
			g->index = (int)kept;
			prog->globals[kept++] = g;
			continue;
		}
		if (s->verbose > 2 && in_user_script(prog, g->loc))
			fprintf(stderr, "Eliding unused variable '%s'\n", g->name);
		symbol_free(g);
	}
	prog->nglobals = kept;
}

/* Locals that nothing reads or writes any more (after elision). */
static void drop_unused_locals(struct symbol **locals, size_t *n)
{
	size_t kept = 0;

	for (size_t i = 0; i < *n; i++) {
		if (locals[i]->read || locals[i]->written) {
			locals[kept++] = locals[i];
			continue;
		}
		symbol_free(locals[i]);
	}
	*n = kept;
}

/* The warning for sym, read but never assigned; scope holds the names
 * to suggest instead. */
static int warn_never_assigned(struct symbol *sym, struct symbol **scope, size_t n,
			       const char *what)
{
	char *similar, *message, *desc;

	if (!sym->read || sym->written || sym->init)
		return 0;
	similar = similar_symbol_names(scope, n, sym->name);
	message = *similar ? xasprintf("never-assigned %s variable '%s' (similar: %s)",
				       what, sym->name, similar)
			   : xasprintf("never-assigned %s variable '%s'", what, sym->name);
	desc = xasprintf("identifier '%s'", sym->name);
	diag_warning(message, desc, sym->loc);
	free(similar);
	free(message);
	free(desc);
	return 1;
}

static int warn_locals(struct symbol **locals, size_t n)
{
	int warnings = 0;

	for (size_t i = 0; i < n; i++)
		warnings += warn_never_assigned(locals[i], locals, n, "local");
	return warnings;
}

int prune_program(struct session *s)
{
	struct program *prog = &s->program;
	struct pruner p = { 0 };
	int warnings = 0;

	count_uses(s, &p);
	drop_unused_functions(s);
	drop_unused_globals(s);
	warnings += elide_dead_code(s);
	if (warnings) {
		/* What the elided code used is unused now. */
		p.nreached = 0;
		count_uses(s, &p);
		for (size_t i = 0; i < prog->nprobes; i++)
			drop_unused_locals(prog->probes[i]->locals, &prog->probes[i]->nlocals);
		for (size_t i = 0; i < prog->nfunctions; i++)
			drop_unused_locals(prog->functions[i]->locals,
					   &prog->functions[i]->nlocals);
	}
	free(p.reached);
	/* A tapset's variables are its own business, as in SystemTap. */
	for (size_t i = 0; i < prog->nglobals; i++)
		if (in_user_script(prog, prog->globals[i]->loc))
			warnings += warn_never_assigned(prog->globals[i], prog->globals,
							prog->nglobals, "global");
	for (size_t i = 0; i < prog->nprobes; i++)
		warnings += warn_locals(prog->probes[i]->locals, prog->probes[i]->nlocals);
	for (size_t i = 0; i < prog->nfunctions; i++)
		if (in_user_script(prog, prog->functions[i]->loc))
			warnings += warn_locals(prog->functions[i]->locals,
						prog->functions[i]->nlocals);
	return warnings;
}
