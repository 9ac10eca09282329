// SPDX-License-Identifier: GPL-2.0-or-later
#include "ast_copy.h"

#include <string.h>

#include "util.h"

static char *str_copy(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static struct expr **expr_list_copy(struct expr *const *list, size_t n)
{
	struct expr **copy;

	if (!list)
		return NULL;
	copy = xcalloc(n ? n : 1, sizeof(*copy));
	for (size_t i = 0; i < n; i++)
		copy[i] = expr_copy(list[i]);
	return copy;
}

static struct target_suffix *suffixes_copy(const struct target_suffix *list, size_t n)
{
	struct target_suffix *copy;

	if (!list)
		return NULL;
	copy = xcalloc(n ? n : 1, sizeof(*copy));
	for (size_t i = 0; i < n; i++) {
		copy[i] = list[i];
		copy[i].text = str_copy(list[i].text);
		copy[i].index = expr_copy(list[i].index);
	}
	return copy;
}

struct expr *expr_copy(const struct expr *e)
{
	struct expr *c;

	if (!e)
		return NULL;
	c = expr_new(e->kind, e->loc);
	switch (e->kind) {
	case EXPR_NUMBER:
		c->u.number = e->u.number;
		break;
	case EXPR_STRING:
		c->u.string.bytes = xmalloc(e->u.string.len + 1);
		memcpy(c->u.string.bytes, e->u.string.bytes, e->u.string.len + 1);
		c->u.string.len = e->u.string.len;
		break;
	case EXPR_SYMBOL:
		c->u.symbol.name = xstrdup(e->u.symbol.name);
		break;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_ASSIGN:
	case EXPR_INCDEC:
	case EXPR_REGEX:
		memcpy(c->u.op.op, e->u.op.op, sizeof(c->u.op.op));
		c->u.op.left = expr_copy(e->u.op.left);
		c->u.op.right = expr_copy(e->u.op.right);
		c->u.op.prefix = e->u.op.prefix;
		break;
	case EXPR_TERNARY:
		c->u.ternary.cond = expr_copy(e->u.ternary.cond);
		c->u.ternary.then = expr_copy(e->u.ternary.then);
		c->u.ternary.otherwise = expr_copy(e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		c->u.call.name = xstrdup(e->u.call.name);
		c->u.call.args = expr_list_copy(e->u.call.args, e->u.call.nargs);
		c->u.call.nargs = e->u.call.nargs;
		break;
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		c->u.index.base = expr_copy(e->u.index.base);
		c->u.index.keys = expr_list_copy(e->u.index.keys, e->u.index.nkeys);
		c->u.index.nkeys = e->u.index.nkeys;
		break;
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		c->u.at.name = xstrdup(e->u.at.name);
		c->u.at.args = expr_list_copy(e->u.at.args, e->u.at.nargs);
		c->u.at.nargs = e->u.at.nargs;
		c->u.at.entry_slot = e->u.at.entry_slot;
		break;
	case EXPR_TARGET:
		c->u.target->name = xstrdup(e->u.target->name);
		c->u.target->args = expr_list_copy(e->u.target->args, e->u.target->nargs);
		c->u.target->nargs = e->u.target->nargs;
		c->u.target->suffixes = suffixes_copy(e->u.target->suffixes,
						     e->u.target->nsuffixes);
		c->u.target->nsuffixes = e->u.target->nsuffixes;
		c->u.target->address_of = e->u.target->address_of;
		break;
	case EXPR_EMBEDDED:
		c->u.code = xstrdup(e->u.code);
		break;
	}
	return c;
}

struct stmt *stmt_copy(const struct stmt *s)
{
	struct stmt *c;

	if (!s)
		return NULL;
	c = stmt_new(s->kind, s->loc);
	switch (s->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < s->u.block.count; i++)
			VEC_PUSH(c->u.block.items, c->u.block.count, c->u.block.cap,
				 stmt_copy(s->u.block.items[i]));
		break;
	case STMT_EXPR:
	case STMT_DELETE:
	case STMT_RETURN:
		c->u.expr = expr_copy(s->u.expr);
		break;
	case STMT_IF:
		c->u.if_.cond = expr_copy(s->u.if_.cond);
		c->u.if_.then = stmt_copy(s->u.if_.then);
		c->u.if_.otherwise = stmt_copy(s->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		c->u.loop.init = expr_copy(s->u.loop.init);
		c->u.loop.cond = expr_copy(s->u.loop.cond);
		c->u.loop.incr = expr_copy(s->u.loop.incr);
		c->u.loop.body = stmt_copy(s->u.loop.body);
		break;
	case STMT_FOREACH:
		c->u.foreach->value = expr_copy(s->u.foreach->value);
		c->u.foreach->keys = expr_list_copy(s->u.foreach->keys, s->u.foreach->nkeys);
		c->u.foreach->nkeys = s->u.foreach->nkeys;
		c->u.foreach->array = expr_copy(s->u.foreach->array);
		c->u.foreach->slice = expr_list_copy(s->u.foreach->slice, s->u.foreach->nslice);
		c->u.foreach->nslice = s->u.foreach->nslice;
		c->u.foreach->sort = s->u.foreach->sort;
		c->u.foreach->limit = expr_copy(s->u.foreach->limit);
		c->u.foreach->body = stmt_copy(s->u.foreach->body);
		break;
	case STMT_TRY:
		c->u.try_.body = stmt_copy(s->u.try_.body);
		c->u.try_.catch_var = expr_copy(s->u.try_.catch_var);
		c->u.try_.handler = stmt_copy(s->u.try_.handler);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
	return c;
}

struct probe_point *probe_point_copy(const struct probe_point *pp)
{
	struct probe_point *c = xcalloc(1, sizeof(*c));

	*c = *pp;
	c->components = xcalloc(pp->ncomponents ? pp->ncomponents : 1,
				sizeof(*c->components));
	for (size_t i = 0; i < pp->ncomponents; i++) {
		c->components[i].name = xstrdup(pp->components[i].name);
		c->components[i].arg = expr_copy(pp->components[i].arg);
		c->components[i].loc = pp->components[i].loc;
	}
	c->condition = expr_copy(pp->condition);
	return c;
}
