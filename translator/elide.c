// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Dead stores and side-effect-free statements, elided as SystemTap's pass
 * 2 does (unless -u): an assignment to a local that is never read keeps
 * only its right-hand side ("Eliding assignment to 'x'"), then an
 * expression statement that does nothing is dropped ("Eliding
 * side-effect-free expression"). So `x = 1/0` with x never read cannot
 * fault, and the locals that are left unused disappear (prune.c counts
 * the uses again afterwards). A probe left with nothing to do is elided
 * with its sites ("Probe 'begin' has been elided").
 */
#include "elaborate.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "expr_desc.h"
#include "probes/probes.h"
#include "tapset.h"
#include "util.h"

static bool has_side_effects(const struct expr *e);

static bool any_side_effects(struct expr *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && has_side_effects(list[i]))
			return true;
	return false;
}

/* A call changes something unless it is a pure builtin or pure embedded C. */
static bool call_has_side_effects(const struct expr *e)
{
	const struct builtin *b = e->u.call.builtin;
	const struct function *f = e->u.call.function;

	if (any_side_effects(e->u.call.args, e->u.call.nargs))
		return true;
	if (b)
		return ((b->kind == BUILTIN_PRINT || b->kind == BUILTIN_PRINTF) &&
			!(b->print & PRINT_TO_STRING)) || b->kind == BUILTIN_EXIT;
	/* A script function may print, exit or write a global: kept. */
	return !f || !f->embedded || !(f->pragmas & PRAGMA_PURE);
}

/* Could evaluating e change anything (a variable, output, the run)? */
static bool has_side_effects(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
	case EXPR_STRING:
	case EXPR_SYMBOL:
		return false;
	case EXPR_ASSIGN:
	case EXPR_INCDEC:
	case EXPR_EMBEDDED:
		return true;
	case EXPR_CALL:
		return call_has_side_effects(e);
	case EXPR_TERNARY:
		return has_side_effects(e->u.ternary.cond) ||
		       has_side_effects(e->u.ternary.then) ||
		       has_side_effects(e->u.ternary.otherwise);
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		return has_side_effects(e->u.index.base) ||
		       any_side_effects(e->u.index.keys, e->u.index.nkeys);
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		return any_side_effects(e->u.at.args, e->u.at.nargs);
	case EXPR_TARGET:
		for (size_t i = 0; i < e->u.target->nsuffixes; i++)
			if (e->u.target->suffixes[i].index &&
			    has_side_effects(e->u.target->suffixes[i].index))
				return true;
		return any_side_effects(e->u.target->args, e->u.target->nargs);
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_REGEX:
		/* Division too: a fault that nobody reads is no effect. */
		return (e->u.op.left && has_side_effects(e->u.op.left)) ||
		       (e->u.op.right && has_side_effects(e->u.op.right));
	}
	return true;
}

/*
 * A statement whose assignment was elided is still named, when it is
 * elided in turn, by its first token, the variable (as SystemTap does).
 */
struct elided_store {
	const struct stmt *st;
	char *desc;
	struct location loc;
};

struct elider {
	int warnings;
	struct elided_store *stores;
	size_t nstores, stores_cap;
};

/* Elided code in a tapset is the library's business: no warning there. */
static void warn_at(const char *message, const char *desc, struct location loc)
{
	if (!location_in_tapset(loc))
		diag_warning(message, desc, loc);
}

static void warn(const char *message, const struct expr *e)
{
	char *desc = expr_desc(e);

	warn_at(message, desc, expr_loc(e));
	free(desc);
}

/* x = v where x is a local nobody reads: v takes its place. */
static struct expr *elide_assignment(struct expr *e, struct elider *el)
{
	struct expr *lhs = e->u.op.left, *rhs = e->u.op.right;
	char *message;

	if (e->kind != EXPR_ASSIGN || lhs->kind != EXPR_SYMBOL || !lhs->u.symbol.sym ||
	    lhs->u.symbol.sym->scope == SCOPE_GLOBAL || lhs->u.symbol.sym->read ||
	    lhs->u.symbol.sym->is_param)
		return e;
	message = xasprintf("Eliding assignment to '%s'", lhs->u.symbol.name);
	warn(message, e);
	free(message);
	el->warnings++;
	e->u.op.right = NULL;
	expr_free(e);
	return rhs;
}

static void elide_assignments_in(struct stmt *st, struct elider *el);

static void elide_assignments_in_list(struct stmt **list, size_t n, struct elider *el)
{
	for (size_t i = 0; i < n; i++)
		elide_assignments_in(list[i], el);
}

static void elide_assignments_in(struct stmt *st, struct elider *el)
{
	if (!st)
		return;
	switch (st->kind) {
	case STMT_BLOCK:
		elide_assignments_in_list(st->u.block.items, st->u.block.count, el);
		break;
	case STMT_EXPR: {
		struct expr *before = st->u.expr;
		struct elided_store store = { st, NULL, st->loc };

		if (before->kind == EXPR_ASSIGN) {
			store.desc = expr_desc(before->u.op.left);
			store.loc = before->u.op.left->loc;
		}
		st->u.expr = elide_assignment(before, el);
		if (st->u.expr != before)
			VEC_PUSH(el->stores, el->nstores, el->stores_cap, store);
		else
			free(store.desc);
		break;
	}
	case STMT_IF:
		elide_assignments_in(st->u.if_.then, el);
		elide_assignments_in(st->u.if_.otherwise, el);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (st->u.loop.init)
			st->u.loop.init = elide_assignment(st->u.loop.init, el);
		if (st->u.loop.incr)
			st->u.loop.incr = elide_assignment(st->u.loop.incr, el);
		elide_assignments_in(st->u.loop.body, el);
		break;
	case STMT_FOREACH:
		elide_assignments_in(st->u.foreach->body, el);
		break;
	case STMT_TRY:
		elide_assignments_in(st->u.try_.body, el);
		elide_assignments_in(st->u.try_.handler, el);
		break;
	default:
		break;
	}
}

/* An expression statement that does nothing: dropped (NULL) with a warning. */
static struct stmt *elide_statement(struct stmt *st, struct elider *el)
{
	static const char message[] = "Eliding side-effect-free expression ";
	size_t i;

	if (!st || st->kind != STMT_EXPR || has_side_effects(st->u.expr))
		return st;
	for (i = 0; i < el->nstores && el->stores[i].st != st; i++)
		;
	if (i < el->nstores)
		warn_at(message, el->stores[i].desc, el->stores[i].loc);
	else
		warn(message, st->u.expr);
	el->warnings++;
	stmt_free(st);
	return NULL;
}

static struct stmt *elide_statements_in(struct stmt *st, struct elider *el);

static bool does_nothing(const struct stmt *body)
{
	return !body || body->kind == STMT_NULL ||
	       (body->kind == STMT_BLOCK && body->u.block.count == 0);
}

/* What is left of a branch or loop body; NULL when nothing is. */
static struct stmt *elide_body_or_null(struct stmt *st, struct elider *el)
{
	st = elide_statements_in(st, el);
	if (st && does_nothing(st)) {
		stmt_free(st);
		st = NULL;
	}
	return st;
}

/* A branch or loop body must stay a statement: an elided one becomes ';'. */
static struct stmt *elide_body(struct stmt *st, struct elider *el)
{
	struct location loc;

	if (!st)
		return NULL;
	loc = st->loc;
	st = elide_statements_in(st, el);
	return st ? st : stmt_new(STMT_NULL, loc);
}

/*
 * while/for with nothing left in its body: gone when the loop itself has no
 * effect either (so `while (1) {}` does not spin), else it keeps ';' as its
 * body. SystemTap's pass 2 does the same (an infinite idle loop is not a
 * MAXACTION error there).
 */
static struct stmt *elide_loop(struct stmt *st, struct elider *el)
{
	if (st->u.loop.init && !has_side_effects(st->u.loop.init)) {
		expr_free(st->u.loop.init);
		st->u.loop.init = NULL;
	}
	if (st->u.loop.incr && !has_side_effects(st->u.loop.incr)) {
		expr_free(st->u.loop.incr);
		st->u.loop.incr = NULL;
	}
	st->u.loop.body = elide_body_or_null(st->u.loop.body, el);
	if (st->u.loop.body)
		return st;
	if (!st->u.loop.init && !st->u.loop.incr &&
	    (!st->u.loop.cond || !has_side_effects(st->u.loop.cond))) {
		stmt_free(st);
		return NULL;
	}
	st->u.loop.body = stmt_new(STMT_NULL, st->loc);
	return st;
}

/* An if with neither branch doing anything goes with its condition, unless
 * the condition does something; then it keeps ';' as its branch. */
static struct stmt *elide_if(struct stmt *st, struct elider *el)
{
	st->u.if_.then = elide_body_or_null(st->u.if_.then, el);
	st->u.if_.otherwise = elide_body_or_null(st->u.if_.otherwise, el);
	if (st->u.if_.then)
		return st;
	if (!st->u.if_.otherwise && !has_side_effects(st->u.if_.cond)) {
		stmt_free(st);
		return NULL;
	}
	st->u.if_.then = stmt_new(STMT_NULL, st->loc);
	return st;
}

static struct stmt *elide_statements_in(struct stmt *st, struct elider *el)
{
	size_t kept = 0;

	if (!st)
		return NULL;
	switch (st->kind) {
	case STMT_BLOCK:
		/* Empty inner blocks and ';' go, as SystemTap drops them. */
		for (size_t i = 0; i < st->u.block.count; i++) {
			struct stmt *item = elide_statements_in(st->u.block.items[i], el);

			if (item && does_nothing(item)) {
				stmt_free(item);
				item = NULL;
			}
			if (item)
				st->u.block.items[kept++] = item;
		}
		st->u.block.count = kept;
		return st;
	case STMT_EXPR:
		return elide_statement(st, el);
	case STMT_IF:
		return elide_if(st, el);
	case STMT_WHILE:
	case STMT_FOR:
		return elide_loop(st, el);
	case STMT_FOREACH:
		/* An idle foreach goes too (even with a sort or a limit): so
		 * SystemTap 4.8 does. */
		st->u.foreach->body = elide_body_or_null(st->u.foreach->body, el);
		if (!st->u.foreach->body) {
			stmt_free(st);
			return NULL;
		}
		return st;
	case STMT_TRY:
		/* An empty try goes with its catch. */
		st->u.try_.body = elide_body_or_null(st->u.try_.body, el);
		if (!st->u.try_.body) {
			stmt_free(st);
			return NULL;
		}
		st->u.try_.handler = elide_body(st->u.try_.handler, el);
		return st;
	default:
		return st;
	}
}

static void elide_empty_probes(struct session *s, struct elider *el)
{
	struct program *prog = &s->program;
	size_t n = prog->nprobes, kept = 0, kept_sites = 0, nelided = 0;
	int *new_index = xcalloc(n ? n : 1, sizeof(*new_index));
	struct probe **elided = xcalloc(n ? n : 1, sizeof(*elided));

	for (size_t i = 0; i < n; i++) {
		struct probe *probe = prog->probes[i];
		char *message;

		if (!does_nothing(probe->body)) {
			new_index[i] = (int)kept;
			prog->probes[kept++] = probe;
			continue;
		}
		new_index[i] = -1;
		elided[nelided++] = probe;
		message = xasprintf("Probe '%s' has been elided",
				    probe->npoints && probe->points[0]->ncomponents ?
				    probe->points[0]->components[0].name : "?");
		warn_at(message, "keyword", probe->loc);
		free(message);
		el->warnings++;
	}
	prog->nprobes = kept;
	for (size_t i = 0; i < s->nprobes; i++) {
		struct derived_probe *dp = s->probes[i];
		int handler = new_index[dp->handler];

		if (handler < 0) {
			derived_probe_free(dp);
			continue;
		}
		dp->handler = handler;
		dp->index = (int)kept_sites;
		s->probes[kept_sites++] = dp;
	}
	s->nprobes = kept_sites;
	/* The probes go once no site points at them any more. */
	for (size_t i = 0; i < nelided; i++)
		probe_free(elided[i]);
	free(elided);
	free(new_index);
}

int elide_dead_code(struct session *s)
{
	struct program *prog = &s->program;
	struct elider elider = { 0 }, *el = &elider;

	if (s->keep_unused)
		return 0;
	/* SystemTap's order: every dead store first, then what it left. */
	for (size_t i = 0; i < prog->nprobes; i++)
		elide_assignments_in(prog->probes[i]->body, el);
	for (size_t i = 0; i < prog->nfunctions; i++)
		elide_assignments_in(prog->functions[i]->body, el);
	for (size_t i = 0; i < prog->nprobes; i++)
		prog->probes[i]->body = elide_body(prog->probes[i]->body, el);
	for (size_t i = 0; i < prog->nfunctions; i++)
		if (prog->functions[i]->body)
			prog->functions[i]->body = elide_body(prog->functions[i]->body, el);
	elide_empty_probes(s, el);
	for (size_t i = 0; i < el->nstores; i++)
		free(el->stores[i].desc);
	free(el->stores);
	return el->warnings;
}
