// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Symbol resolution: every identifier in a probe body becomes a global, a
 * local of that probe (created at first use, as in SystemTap), or a call of
 * a built-in function. Unknown functions get SystemTap's message with the
 * closest known names as suggestions.
 */
#include "elaborate.h"

#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "util.h"

struct resolver {
	struct program *prog;
	struct probe *probe;
	int loop_depth;		/* loops around the statement being resolved */
	int errors;
};

static struct symbol *find_symbol(struct symbol **syms, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(syms[i]->name, name) == 0)
			return syms[i];
	return NULL;
}

/* Levenshtein distance, for "similar:" suggestions. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xcalloc(lb + 1, sizeof(*row));
	size_t result;

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

static char *similar_functions(const char *name)
{
	size_t count;
	const struct builtin *table = builtin_table(&count);
	struct strbuf sb;
	size_t limit = strlen(name) / 3 + 1;

	strbuf_init(&sb);
	for (size_t i = 0; i < count; i++) {
		if (edit_distance(name, table[i].name) > limit)
			continue;
		strbuf_adds(&sb, sb.len ? ", " : "");
		strbuf_adds(&sb, table[i].name);
	}
	return strbuf_detach(&sb);
}

static void error_at(struct resolver *r, const char *message, const char *what,
		     const char *name, struct location loc)
{
	char *desc = xasprintf("%s '%s'", what, name);

	diag_semantic_error(message, desc, loc);
	free(desc);
	r->errors++;
}

static void resolve_call(struct resolver *r, struct expr *e)
{
	const struct builtin *b = builtin_lookup(e->u.call.name);
	int nargs = (int)e->u.call.nargs;
	char *message;

	if (!b) {
		char *similar = similar_functions(e->u.call.name);

		message = *similar ? xasprintf("unresolved function (similar: %s)", similar)
				   : xstrdup("unresolved function");
		error_at(r, message, "identifier", e->u.call.name, e->loc);
		free(message);
		free(similar);
		return;
	}
	if (nargs < b->min_args || (b->max_args >= 0 && nargs > b->max_args)) {
		message = xasprintf("wrong number of arguments to function '%s' "
				    "(%d given)", b->name, nargs);
		error_at(r, message, "identifier", e->u.call.name, e->loc);
		free(message);
		return;
	}
	e->u.call.builtin = b;
}

static void resolve_symbol(struct resolver *r, struct expr *e, bool read, bool write)
{
	const char *name = e->u.symbol.name;
	struct symbol *sym;

	if (name[0] == '$' || name[0] == '@') {
		error_at(r, "context variables and script arguments are not supported "
			 "by this ctap yet", "identifier", name, e->loc);
		return;
	}
	sym = find_symbol(r->prog->globals, r->prog->nglobals, name);
	if (!sym)
		sym = find_symbol(r->probe->locals, r->probe->nlocals, name);
	if (!sym) {
		sym = symbol_new(name, SCOPE_LOCAL, e->loc);
		VEC_PUSH(r->probe->locals, r->probe->nlocals, r->probe->locals_cap, sym);
	}
	sym->read |= read;
	sym->written |= write;
	e->u.symbol.sym = sym;
}

static void resolve_expr(struct resolver *r, struct expr *e);

/* An operand that is assigned: x = ..., x += ..., x++. */
static void resolve_lvalue(struct resolver *r, struct expr *e, bool also_read)
{
	if (e->kind != EXPR_SYMBOL) {
		diag_semantic_error("expected lvalue", "operator", e->loc);
		r->errors++;
		resolve_expr(r, e);
		return;
	}
	resolve_symbol(r, e, also_read, true);
}

static void resolve_expr(struct resolver *r, struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
	case EXPR_STRING:
		break;
	case EXPR_SYMBOL:
		resolve_symbol(r, e, true, false);
		break;
	case EXPR_ASSIGN:
		resolve_lvalue(r, e->u.op.left, strcmp(e->u.op.op, "=") != 0);
		resolve_expr(r, e->u.op.right);
		break;
	case EXPR_INCDEC:
		resolve_lvalue(r, e->u.op.right, true);
		break;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
		if (e->u.op.left)
			resolve_expr(r, e->u.op.left);
		resolve_expr(r, e->u.op.right);
		break;
	case EXPR_TERNARY:
		resolve_expr(r, e->u.ternary.cond);
		resolve_expr(r, e->u.ternary.then);
		resolve_expr(r, e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		resolve_call(r, e);
		for (size_t i = 0; i < e->u.call.nargs; i++)
			resolve_expr(r, e->u.call.args[i]);
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
}

static void resolve_stmt(struct resolver *r, struct stmt *st)
{
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			resolve_stmt(r, st->u.block.items[i]);
		break;
	case STMT_EXPR:
		resolve_expr(r, st->u.expr);
		break;
	case STMT_IF:
		resolve_expr(r, st->u.if_.cond);
		resolve_stmt(r, st->u.if_.then);
		if (st->u.if_.otherwise)
			resolve_stmt(r, st->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (st->u.loop.init)
			resolve_expr(r, st->u.loop.init);
		if (st->u.loop.cond)
			resolve_expr(r, st->u.loop.cond);
		if (st->u.loop.incr)
			resolve_expr(r, st->u.loop.incr);
		r->loop_depth++;
		resolve_stmt(r, st->u.loop.body);
		r->loop_depth--;
		break;
	case STMT_BREAK:
	case STMT_CONTINUE:
		if (!r->loop_depth) {
			diag_semantic_error(st->kind == STMT_BREAK ? "break outside a loop"
								  : "continue outside a loop",
					    st->kind == STMT_BREAK ? "keyword 'break'"
								  : "keyword 'continue'",
					    st->loc);
			r->errors++;
		}
		break;
	case STMT_NULL:
	case STMT_NEXT:
		break;
	case STMT_RETURN:
	case STMT_FOREACH:
	case STMT_DELETE:
	case STMT_TRY:
		break;	/* not yet: reject_unsupported stops pass 2 first */
	}
}

static int check_globals(struct program *prog)
{
	int errors = 0;

	for (size_t i = 0; i < prog->nglobals; i++) {
		struct symbol *g = prog->globals[i];

		g->index = (int)i;
		if (find_symbol(prog->globals, i, g->name)) {
			char *desc = xasprintf("identifier '%s'", g->name);

			diag_semantic_error("duplicate global variable", desc, g->loc);
			free(desc);
			errors++;
		}
		if (g->init) {
			g->type = g->init->kind == EXPR_STRING ? TYPE_STRING : TYPE_LONG;
			g->written = true;
		}
	}
	return errors;
}

int resolve_symbols(struct session *s)
{
	struct resolver r = { &s->program, NULL, 0, 0 };

	r.errors = check_globals(&s->program);
	for (size_t i = 0; i < s->program.nprobes; i++) {
		r.probe = s->program.probes[i];
		resolve_stmt(&r, r.probe->body);
	}
	return r.errors;
}

static void warn_symbol(const struct symbol *sym, const char *what)
{
	char *message = xasprintf("never-assigned %s variable '%s'", what, sym->name);
	char *desc = xasprintf("identifier '%s'", sym->name);

	diag_warning(message, desc, sym->loc);
	free(message);
	free(desc);
}

void warn_unassigned(struct session *s)
{
	for (size_t i = 0; i < s->program.nglobals; i++) {
		const struct symbol *g = s->program.globals[i];

		if (g->read && !g->written)
			warn_symbol(g, "global");
	}
	for (size_t i = 0; i < s->program.nprobes; i++) {
		const struct probe *p = s->program.probes[i];

		for (size_t j = 0; j < p->nlocals; j++)
			if (p->locals[j]->read && !p->locals[j]->written)
				warn_symbol(p->locals[j], "local");
	}
}
