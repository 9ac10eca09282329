// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The canonical script text of a tree (-p1). Every operand of an operator is
 * parenthesised, so the text never depends on precedence, and parsing it
 * again gives the same tree: the testsuite checks that over every corpus.
 */
#include "ast.h"

#include <inttypes.h>
#include <stdlib.h>

#include "target_var.h"
#include "util.h"

static void add_string_literal(struct strbuf *sb, const char *bytes, size_t len)
{
	strbuf_addc(sb, '"');
	strbuf_add_c_string(sb, bytes, len);
	strbuf_addc(sb, '"');
}

void print_string_literal(FILE *out, const char *bytes, size_t len)
{
	struct strbuf sb;

	strbuf_init(&sb);
	add_string_literal(&sb, bytes, len);
	fputs(sb.data, out);
	strbuf_free(&sb);
}

char *probe_point_string(const struct probe_point *pp)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < pp->ncomponents; i++) {
		const struct probe_point_component *c = &pp->components[i];

		if (i)
			strbuf_addc(&sb, '.');
		strbuf_adds(&sb, c->name);
		if (!c->arg)
			continue;
		strbuf_addc(&sb, '(');
		if (c->arg->kind == EXPR_STRING)
			add_string_literal(&sb, c->arg->u.string.bytes,
					   c->arg->u.string.len);
		else
			strbuf_addf(&sb, "%" PRId64, (int64_t)c->arg->u.number);
		strbuf_addc(&sb, ')');
	}
	if (pp->optional)
		strbuf_addc(&sb, '?');
	if (pp->sufficient)
		strbuf_addc(&sb, '!');
	return strbuf_detach(&sb);
}

/* Numbers without printf: -p1 of a big script prints hundreds of thousands. */
static void print_unsigned(FILE *out, uint64_t value)
{
	char digits[21], *p = digits + sizeof(digits) - 1;

	*p = '\0';
	do {
		*--p = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	fputs(p, out);
}

static void print_signed(FILE *out, int64_t value)
{
	if (value < 0) {
		fputc('-', out);
		print_unsigned(out, (uint64_t)0 - (uint64_t)value);
	} else {
		print_unsigned(out, (uint64_t)value);
	}
}

static void print_parenthesised(FILE *out, const struct expr *e)
{
	fputc('(', out);
	print_expr(out, e);
	fputc(')', out);
}

/* Whether e prints as one operand that needs no parentheses. */
static bool is_primary(const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER: case EXPR_STRING: case EXPR_SYMBOL: case EXPR_CALL:
	case EXPR_INDEX: case EXPR_STAT: case EXPR_HIST: case EXPR_AT:
	case EXPR_TARGET: case EXPR_EMBEDDED:
		return true;
	default:
		return false;
	}
}

/* "a, *, (b) + (1)": keys of an index or a slice; NULL is '*'. A key of
 * '[k] in a' is parsed below the comparisons, so it is parenthesised. */
static void print_keys(FILE *out, struct expr *const *keys, size_t n, bool wrap)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		if (!keys[i])
			fputc('*', out);
		else if (wrap && !is_primary(keys[i]))
			print_parenthesised(out, keys[i]);
		else
			print_expr(out, keys[i]);
	}
}

static void print_args(FILE *out, const char *name, struct expr *const *args, size_t n)
{
	fputs(name, out);
	fputc('(', out);
	print_keys(out, args, n, false);
	fputc(')', out);
}

static void print_target(FILE *out, const struct expr *e)
{
	if (e->u.target->address_of)
		fputc('&', out);
	if (e->u.target->name[0] == '@')
		print_args(out, e->u.target->name, e->u.target->args, e->u.target->nargs);
	else
		fputs(e->u.target->name, out);
	for (size_t i = 0; i < e->u.target->nsuffixes; i++) {
		const struct target_suffix *sfx = &e->u.target->suffixes[i];

		switch (sfx->kind) {
		case SUFFIX_FIELD:
			fputs("->", out);
			fputs(sfx->text, out);
			break;
		case SUFFIX_INDEX:
			fputc('[', out);
			print_expr(out, sfx->index);
			fputc(']', out);
			break;
		case SUFFIX_PRETTY:
			fputs(sfx->text, out);
			break;
		}
	}
}

void print_expr(FILE *out, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
		print_unsigned(out, e->u.number);
		break;
	case EXPR_STRING:
		print_string_literal(out, e->u.string.bytes, e->u.string.len);
		break;
	case EXPR_SYMBOL:
		fputs(e->u.symbol.name, out);
		break;
	case EXPR_UNARY:
		fputs(e->u.op.op, out);
		print_parenthesised(out, e->u.op.right);
		break;
	case EXPR_INCDEC:
		if (e->u.op.prefix)
			fputs(e->u.op.op, out);
		print_parenthesised(out, e->u.op.right);
		if (!e->u.op.prefix)
			fputs(e->u.op.op, out);
		break;
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_ASSIGN:
		print_parenthesised(out, e->u.op.left);
		fputc(' ', out);
		fputs(e->u.op.op, out);
		fputc(' ', out);
		print_parenthesised(out, e->u.op.right);
		break;
	case EXPR_REGEX:
		print_parenthesised(out, e->u.op.left);
		fputc(' ', out);
		fputs(e->u.op.op, out);
		fputc(' ', out);
		print_expr(out, e->u.op.right);
		break;
	case EXPR_TERNARY:
		print_parenthesised(out, e->u.ternary.cond);
		fputs(" ? ", out);
		print_parenthesised(out, e->u.ternary.then);
		fputs(" : ", out);
		print_parenthesised(out, e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		print_args(out, e->u.call.name, e->u.call.args, e->u.call.nargs);
		break;
	case EXPR_INDEX:
		print_expr(out, e->u.index.base);
		fputc('[', out);
		print_keys(out, e->u.index.keys, e->u.index.nkeys, false);
		fputc(']', out);
		break;
	case EXPR_ARRAY_IN:
		fputc('[', out);
		print_keys(out, e->u.index.keys, e->u.index.nkeys, true);
		fputs("] in ", out);
		print_expr(out, e->u.index.base);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		print_args(out, e->u.at.name, e->u.at.args, e->u.at.nargs);
		break;
	case EXPR_TARGET:
		/* @entry(...) became its operand, marked (resolve.c) */
		if (e->u.target->access && e->u.target->access->entry_operator) {
			fputs("@entry(", out);
			print_target(out, e);
			fputs(")", out);
		} else {
			print_target(out, e);
		}
		break;
	case EXPR_EMBEDDED:
		fprintf(out, "%%{%s%%}", e->u.code);
		break;
	}
}

static void print_sort(FILE *out, const struct foreach_sort *sort, int column)
{
	if (sort->direction && sort->column == column)
		fputc(sort->direction > 0 ? '+' : '-', out);
}

static void print_foreach(FILE *out, const struct stmt *s)
{
	const struct foreach_sort *sort = &s->u.foreach->sort;

	fputs("foreach (", out);
	if (s->u.foreach->value) {
		print_expr(out, s->u.foreach->value);
		fputs(" = ", out);
	}
	fputc('[', out);
	for (size_t i = 0; i < s->u.foreach->nkeys; i++) {
		if (i)
			fputs(", ", out);
		print_expr(out, s->u.foreach->keys[i]);
		print_sort(out, sort, (int)i + 1);
	}
	fputs("] in ", out);
	print_expr(out, s->u.foreach->array);
	if (s->u.foreach->nslice) {
		fputc('[', out);
		print_keys(out, s->u.foreach->slice, s->u.foreach->nslice, false);
		fputc(']', out);
	}
	if (sort->aggregate)
		fprintf(out, " %s", sort->aggregate);
	print_sort(out, sort, 0);
	if (s->u.foreach->limit) {
		fputs(" limit ", out);
		print_parenthesised(out, s->u.foreach->limit);
	}
	fputs(") ", out);
	print_stmt(out, s->u.foreach->body);
}

void print_stmt(FILE *out, const struct stmt *s)
{
	switch (s->kind) {
	case STMT_BLOCK:
		fputs("{\n", out);
		for (size_t i = 0; i < s->u.block.count; i++)
			print_stmt(out, s->u.block.items[i]);
		fputs("}\n", out);
		break;
	case STMT_EXPR:
		print_expr(out, s->u.expr);
		fputs(";\n", out);
		break;
	case STMT_IF:
		fputs("if (", out);
		print_expr(out, s->u.if_.cond);
		fputs(") ", out);
		print_stmt(out, s->u.if_.then);
		if (s->u.if_.otherwise) {
			fputs("else ", out);
			print_stmt(out, s->u.if_.otherwise);
		}
		break;
	case STMT_NULL:
		fputs(";\n", out);
		break;
	case STMT_WHILE:
		fputs("while (", out);
		print_expr(out, s->u.loop.cond);
		fputs(") ", out);
		print_stmt(out, s->u.loop.body);
		break;
	case STMT_FOR:
		fputs("for (", out);
		if (s->u.loop.init)
			print_expr(out, s->u.loop.init);
		fputs("; ", out);
		if (s->u.loop.cond)
			print_expr(out, s->u.loop.cond);
		fputs("; ", out);
		if (s->u.loop.incr)
			print_expr(out, s->u.loop.incr);
		fputs(") ", out);
		print_stmt(out, s->u.loop.body);
		break;
	case STMT_FOREACH:
		print_foreach(out, s);
		break;
	case STMT_BREAK:
		fputs("break;\n", out);
		break;
	case STMT_CONTINUE:
		fputs("continue;\n", out);
		break;
	case STMT_NEXT:
		fputs("next;\n", out);
		break;
	case STMT_RETURN:
		fputs("return", out);
		if (s->u.expr) {
			fputc(' ', out);
			print_expr(out, s->u.expr);
		}
		fputs(";\n", out);
		break;
	case STMT_DELETE:
		fputs("delete ", out);
		print_expr(out, s->u.expr);
		fputs(";\n", out);
		break;
	case STMT_TRY:
		fputs("try ", out);
		print_stmt(out, s->u.try_.body);
		fputs("catch ", out);
		if (s->u.try_.catch_var) {
			print_parenthesised(out, s->u.try_.catch_var);
			fputc(' ', out);
		}
		print_stmt(out, s->u.try_.handler);
		break;
	}
}

/* " = -5": a global's initialiser is a signed literal (expressions have no
 * negative literals, so print_expr shows large values unsigned). */
void print_global_init(FILE *out, const struct symbol *g)
{
	if (!g->init)
		return;
	fputs(" = ", out);
	if (g->init->kind == EXPR_NUMBER)
		print_signed(out, (int64_t)g->init->u.number);
	else
		print_expr(out, g->init);
}

static void print_global(FILE *out, const struct symbol *g)
{
	fprintf(out, "%sglobal %s%s", g->private_ ? "private " : "", g->name,
		g->wrap ? "%" : "");
	if (g->max_entries)
		fprintf(out, "[%" PRIu64 "]", g->max_entries);
	print_global_init(out, g);
	fputc('\n', out);
}

static void print_function(FILE *out, const struct function *f)
{
	fprintf(out, "%sfunction %s", f->private_ ? "private " : "", f->name);
	if (f->type != TYPE_UNKNOWN)
		fprintf(out, ":%s", value_type_keyword(f->type));
	fputc('(', out);
	for (size_t i = 0; i < f->nparams; i++) {
		fprintf(out, "%s%s", i ? ", " : "", f->params[i].name);
		if (f->params[i].type != TYPE_UNKNOWN)
			fprintf(out, ":%s", value_type_keyword(f->params[i].type));
	}
	fputc(')', out);
	if (f->has_priority)
		fprintf(out, " : %" PRId64, f->priority);
	if (f->embedded)
		fprintf(out, " %%{%s%%}\n", f->embedded);
	else {
		fputc(' ', out);
		print_stmt(out, f->body);
	}
}

static void print_probe(FILE *out, const struct probe *p)
{
	fputs("probe ", out);
	if (p->alias) {
		char *name = probe_point_string(p->alias);

		fprintf(out, "%s %s ", name, p->alias_epilogue ? "+=" : "=");
		free(name);
	}
	for (size_t j = 0; j < p->npoints; j++) {
		char *pp = probe_point_string(p->points[j]);

		fprintf(out, "%s%s", j ? ", " : "", pp);
		free(pp);
		if (p->points[j]->condition) {
			fputs(" if (", out);
			print_expr(out, p->points[j]->condition);
			fputc(')', out);
		}
	}
	fputc(' ', out);
	print_stmt(out, p->body);
}

void print_program(FILE *out, const struct program *prog)
{
	fputs("# parse tree dump\n", out);
	for (size_t i = 0; i < prog->nfiles; i++)
		fprintf(out, "# file %s\n", prog->files[i]->name);
	for (size_t i = 0; i < prog->nembedded; i++)
		fprintf(out, "%%{%s%%}\n", prog->embedded[i].code);
	for (size_t i = 0; i < prog->nglobals; i++)
		print_global(out, prog->globals[i]);
	for (size_t i = 0; i < prog->nfunctions; i++)
		print_function(out, prog->functions[i]);
	for (size_t i = 0; i < prog->naliases; i++)
		print_probe(out, prog->aliases[i]);
	for (size_t i = 0; i < prog->nprobes; i++)
		print_probe(out, prog->probes[i]);
}
