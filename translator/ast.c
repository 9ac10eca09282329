// SPDX-License-Identifier: GPL-2.0-or-later
#include "ast.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

const char *value_type_name(enum value_type type)
{
	switch (type) {
	case TYPE_LONG: return "long";
	case TYPE_STRING: return "string";
	case TYPE_UNKNOWN: break;
	}
	return "unknown";
}

const char *value_type_keyword(enum value_type type)
{
	return type == TYPE_STRING ? "string" : "long";
}

struct expr *expr_new(enum expr_kind kind, struct location loc)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	e->loc = loc;
	return e;
}

struct stmt *stmt_new(enum stmt_kind kind, struct location loc)
{
	struct stmt *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	s->loc = loc;
	return s;
}

struct symbol *symbol_new(const char *name, enum symbol_scope scope,
			  struct location loc)
{
	struct symbol *sym = xcalloc(1, sizeof(*sym));

	sym->name = xstrdup(name);
	sym->scope = scope;
	sym->loc = loc;
	return sym;
}

/* Free an array of expressions (NULL entries allowed) and the array. */
static void expr_list_free(struct expr **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expr_free(list[i]);
	free(list);
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	switch (e->kind) {
	case EXPR_NUMBER:
		break;
	case EXPR_STRING:
		free(e->u.string.bytes);
		break;
	case EXPR_SYMBOL:
		free(e->u.symbol.name);
		break;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_ASSIGN:
	case EXPR_INCDEC:
		expr_free(e->u.op.left);
		expr_free(e->u.op.right);
		break;
	case EXPR_TERNARY:
		expr_free(e->u.ternary.cond);
		expr_free(e->u.ternary.then);
		expr_free(e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		free(e->u.call.name);
		expr_list_free(e->u.call.args, e->u.call.nargs);
		break;
	case EXPR_REGEX:
		expr_free(e->u.op.left);
		expr_free(e->u.op.right);
		break;
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		expr_free(e->u.index.base);
		expr_list_free(e->u.index.keys, e->u.index.nkeys);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		free(e->u.at.name);
		expr_list_free(e->u.at.args, e->u.at.nargs);
		break;
	case EXPR_TARGET:
		free(e->u.target.name);
		expr_list_free(e->u.target.args, e->u.target.nargs);
		for (size_t i = 0; i < e->u.target.nsuffixes; i++) {
			free(e->u.target.suffixes[i].text);
			expr_free(e->u.target.suffixes[i].index);
		}
		free(e->u.target.suffixes);
		break;
	case EXPR_EMBEDDED:
		free(e->u.code);
		break;
	}
	free(e);
}

void stmt_free(struct stmt *s)
{
	if (!s)
		return;
	switch (s->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < s->u.block.count; i++)
			stmt_free(s->u.block.items[i]);
		free(s->u.block.items);
		break;
	case STMT_EXPR:
	case STMT_RETURN:
		expr_free(s->u.expr);
		break;
	case STMT_IF:
		expr_free(s->u.if_.cond);
		stmt_free(s->u.if_.then);
		stmt_free(s->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		expr_free(s->u.loop.init);
		expr_free(s->u.loop.cond);
		expr_free(s->u.loop.incr);
		stmt_free(s->u.loop.body);
		break;
	case STMT_FOREACH:
		expr_free(s->u.foreach.value);
		expr_list_free(s->u.foreach.keys, s->u.foreach.nkeys);
		expr_free(s->u.foreach.array);
		expr_list_free(s->u.foreach.slice, s->u.foreach.nslice);
		expr_free(s->u.foreach.limit);
		stmt_free(s->u.foreach.body);
		break;
	case STMT_DELETE:
		expr_free(s->u.expr);
		break;
	case STMT_TRY:
		stmt_free(s->u.try_.body);
		expr_free(s->u.try_.catch_var);
		stmt_free(s->u.try_.handler);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
	free(s);
}

void symbol_free(struct symbol *sym)
{
	if (!sym)
		return;
	free(sym->name);
	expr_free(sym->init);
	free(sym);
}

void probe_point_free(struct probe_point *pp)
{
	if (!pp)
		return;
	for (size_t i = 0; i < pp->ncomponents; i++) {
		free(pp->components[i].name);
		expr_free(pp->components[i].arg);
	}
	free(pp->components);
	expr_free(pp->condition);
	free(pp);
}

void probe_free(struct probe *p)
{
	probe_point_free(p->alias);
	for (size_t i = 0; i < p->npoints; i++)
		probe_point_free(p->points[i]);
	free(p->points);
	stmt_free(p->body);
	for (size_t i = 0; i < p->nlocals; i++)
		symbol_free(p->locals[i]);
	free(p->locals);
	free(p);
}

void function_free(struct function *f)
{
	for (size_t i = 0; i < f->nparams; i++)
		free(f->params[i].name);
	free(f->params);
	free(f->name);
	stmt_free(f->body);
	free(f->embedded);
	free(f);
}

void program_free(struct program *prog)
{
	for (size_t i = 0; i < prog->naliases; i++)
		probe_free(prog->aliases[i]);
	free(prog->aliases);
	for (size_t i = 0; i < prog->nfunctions; i++)
		function_free(prog->functions[i]);
	free(prog->functions);
	for (size_t i = 0; i < prog->nembedded; i++)
		free(prog->embedded[i].code);
	free(prog->embedded);
	for (size_t i = 0; i < prog->nprobes; i++)
		probe_free(prog->probes[i]);
	free(prog->probes);
	for (size_t i = 0; i < prog->nglobals; i++)
		symbol_free(prog->globals[i]);
	free(prog->globals);
	for (size_t i = 0; i < prog->nfiles; i++)
		source_file_free(prog->files[i]);
	free(prog->files);
	memset(prog, 0, sizeof(*prog));
}

