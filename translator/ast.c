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
		for (size_t i = 0; i < e->u.call.nargs; i++)
			expr_free(e->u.call.args[i]);
		free(e->u.call.args);
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

static void probe_free(struct probe *p)
{
	for (size_t i = 0; i < p->npoints; i++)
		probe_point_free(p->points[i]);
	free(p->points);
	stmt_free(p->body);
	for (size_t i = 0; i < p->nlocals; i++)
		symbol_free(p->locals[i]);
	free(p->locals);
	free(p);
}

void program_free(struct program *prog)
{
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

/* Every operand is parenthesised, as SystemTap's -p1 does, so the printed
 * form never depends on precedence. */
void print_expr(FILE *out, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
		if ((int64_t)e->u.number < 0)
			fprintf(out, "%" PRIu64, e->u.number);
		else
			fprintf(out, "%" PRId64, (int64_t)e->u.number);
		break;
	case EXPR_STRING:
		print_string_literal(out, e->u.string.bytes, e->u.string.len);
		break;
	case EXPR_SYMBOL:
		fputs(e->u.symbol.name, out);
		break;
	case EXPR_UNARY:
		fprintf(out, "%s(", e->u.op.op);
		print_expr(out, e->u.op.right);
		fputc(')', out);
		break;
	case EXPR_INCDEC:
		if (e->u.op.prefix)
			fputs(e->u.op.op, out);
		fputc('(', out);
		print_expr(out, e->u.op.right);
		fputc(')', out);
		if (!e->u.op.prefix)
			fputs(e->u.op.op, out);
		break;
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_ASSIGN:
		fputc('(', out);
		print_expr(out, e->u.op.left);
		fprintf(out, ") %s (", e->u.op.op);
		print_expr(out, e->u.op.right);
		fputc(')', out);
		break;
	case EXPR_TERNARY:
		fputc('(', out);
		print_expr(out, e->u.ternary.cond);
		fputs(") ? (", out);
		print_expr(out, e->u.ternary.then);
		fputs(") : (", out);
		print_expr(out, e->u.ternary.otherwise);
		fputc(')', out);
		break;
	case EXPR_CALL:
		fprintf(out, "%s(", e->u.call.name);
		for (size_t i = 0; i < e->u.call.nargs; i++) {
			if (i)
				fputs(", ", out);
			print_expr(out, e->u.call.args[i]);
		}
		fputc(')', out);
		break;
	}
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
	case STMT_BREAK:
		fputs("break;\n", out);
		break;
	case STMT_CONTINUE:
		fputs("continue;\n", out);
		break;
	case STMT_NEXT:
		fputs("next;\n", out);
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
		fprintf(out, "%" PRId64, (int64_t)g->init->u.number);
	else
		print_expr(out, g->init);
}

void print_program(FILE *out, const struct program *prog)
{
	fputs("# parse tree dump\n", out);
	for (size_t i = 0; i < prog->nfiles; i++)
		fprintf(out, "# file %s\n", prog->files[i]->name);
	for (size_t i = 0; i < prog->nglobals; i++) {
		const struct symbol *g = prog->globals[i];

		fprintf(out, "global %s", g->name);
		print_global_init(out, g);
		fputc('\n', out);
	}
	for (size_t i = 0; i < prog->nprobes; i++) {
		const struct probe *p = prog->probes[i];

		fputs("probe ", out);
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
}
