// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The canonical script text of a tree (-p1). Every operand of an operator is
 * parenthesised, so the text never depends on precedence, and parsing it
 * again gives the same tree: the testsuite checks that over every corpus.
 *
 * Text goes through a printer's own buffer, written to the FILE in big
 * pieces: -p1 of a big script is a million small pieces, and a stdio call
 * for each was a fifth of pass 1's instructions.
 */
#include "ast.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "target_var.h"
#include "util.h"

#define PRINTER_BUFFER (64 * 1024)

/* Text goes to out, or to sb when out is NULL. */
struct printer {
	FILE *out;
	struct strbuf *sb;
	size_t len;
	char buf[PRINTER_BUFFER];
};

/* Not zeroed: the buffer is written before it is read. */
static void printer_init(struct printer *pr, FILE *out, struct strbuf *sb)
{
	pr->out = out;
	pr->sb = sb;
	pr->len = 0;
}

static void write_out(struct printer *pr, const char *bytes, size_t n)
{
	if (pr->out)
		fwrite(bytes, 1, n, pr->out);
	else
		strbuf_addn(pr->sb, bytes, n);
}

static void printer_flush(struct printer *pr)
{
	if (pr->len)
		write_out(pr, pr->buf, pr->len);
	pr->len = 0;
}

static void put_mem(struct printer *pr, const char *bytes, size_t n)
{
	if (PRINTER_BUFFER - pr->len < n) {
		printer_flush(pr);
		if (n > PRINTER_BUFFER) {
			write_out(pr, bytes, n);
			return;
		}
	}
	memcpy(pr->buf + pr->len, bytes, n);
	pr->len += n;
}

static inline void put_char(struct printer *pr, char c)
{
	if (pr->len == PRINTER_BUFFER)
		printer_flush(pr);
	pr->buf[pr->len++] = c;
}

/* A NUL-terminated text (stdio's fputs: up to the first NUL). */
static inline void put_str(struct printer *pr, const char *s)
{
	put_mem(pr, s, strlen(s));
}

/* The literal's bytes escaped as strbuf_add_c_string escapes them. */
static void put_string_literal(struct printer *pr, const char *bytes, size_t len)
{
	put_char(pr, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)bytes[i];

		switch (c) {
		case '\\': put_mem(pr, "\\\\", 2); break;
		case '"': put_mem(pr, "\\\"", 2); break;
		case '\n': put_mem(pr, "\\n", 2); break;
		case '\t': put_mem(pr, "\\t", 2); break;
		default:
			if (c < 0x20 || c >= 0x7f) {
				char octal[4] = { '\\', (char)('0' + (c >> 6)),
						  (char)('0' + ((c >> 3) & 7)),
						  (char)('0' + (c & 7)) };

				put_mem(pr, octal, 4);
			} else {
				put_char(pr, (char)c);
			}
		}
	}
	put_char(pr, '"');
}

static void print_expr_to(struct printer *out, const struct expr *e);
static void print_stmt_to(struct printer *out, const struct stmt *s);

/* Numbers without printf: -p1 of a big script prints hundreds of thousands. */
static void print_unsigned(struct printer *out, uint64_t value)
{
	char digits[20], *p = digits + sizeof(digits);

	do {
		*--p = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	put_mem(out, p, (size_t)(digits + sizeof(digits) - p));
}

static void print_signed(struct printer *out, int64_t value)
{
	if (value < 0) {
		put_char(out, '-');
		print_unsigned(out, (uint64_t)0 - (uint64_t)value);
	} else {
		print_unsigned(out, (uint64_t)value);
	}
}

static void print_probe_point(struct printer *out, const struct probe_point *pp)
{
	for (size_t i = 0; i < pp->ncomponents; i++) {
		const struct probe_point_component *c = &pp->components[i];

		if (i)
			put_char(out, '.');
		put_str(out, c->name);
		if (!c->arg)
			continue;
		put_char(out, '(');
		if (c->arg->kind == EXPR_STRING)
			put_string_literal(out, c->arg->u.string.bytes, c->arg->u.string.len);
		else
			print_signed(out, (int64_t)c->arg->u.number);
		put_char(out, ')');
	}
	if (pp->optional)
		put_char(out, '?');
	if (pp->sufficient)
		put_char(out, '!');
}

static void print_parenthesised(struct printer *out, const struct expr *e)
{
	put_char(out, '(');
	print_expr_to(out, e);
	put_char(out, ')');
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
static void print_keys(struct printer *out, struct expr *const *keys, size_t n, bool wrap)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			put_str(out, ", ");
		if (!keys[i])
			put_char(out, '*');
		else if (wrap && !is_primary(keys[i]))
			print_parenthesised(out, keys[i]);
		else
			print_expr_to(out, keys[i]);
	}
}

static void print_args(struct printer *out, const char *name, struct expr *const *args, size_t n)
{
	put_str(out, name);
	put_char(out, '(');
	print_keys(out, args, n, false);
	put_char(out, ')');
}

static void print_target(struct printer *out, const struct expr *e)
{
	if (e->u.target->address_of)
		put_char(out, '&');
	if (e->u.target->name[0] == '@')
		print_args(out, e->u.target->name, e->u.target->args, e->u.target->nargs);
	else
		put_str(out, e->u.target->name);
	for (size_t i = 0; i < e->u.target->nsuffixes; i++) {
		const struct target_suffix *sfx = &e->u.target->suffixes[i];

		switch (sfx->kind) {
		case SUFFIX_FIELD:
			put_str(out, "->");
			put_str(out, sfx->text);
			break;
		case SUFFIX_INDEX:
			put_char(out, '[');
			print_expr_to(out, sfx->index);
			put_char(out, ']');
			break;
		case SUFFIX_PRETTY:
			put_str(out, sfx->text);
			break;
		}
	}
}

static void print_expr_to(struct printer *out, const struct expr *e)
{
	switch (e->kind) {
	case EXPR_NUMBER:
		print_unsigned(out, e->u.number);
		break;
	case EXPR_STRING:
		put_string_literal(out, e->u.string.bytes, e->u.string.len);
		break;
	case EXPR_SYMBOL:
		put_str(out, e->u.symbol.name);
		break;
	case EXPR_UNARY:
		put_str(out, e->u.op.op);
		print_parenthesised(out, e->u.op.right);
		break;
	case EXPR_INCDEC:
		if (e->u.op.prefix)
			put_str(out, e->u.op.op);
		print_parenthesised(out, e->u.op.right);
		if (!e->u.op.prefix)
			put_str(out, e->u.op.op);
		break;
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_ASSIGN:
		print_parenthesised(out, e->u.op.left);
		put_char(out, ' ');
		put_str(out, e->u.op.op);
		put_char(out, ' ');
		print_parenthesised(out, e->u.op.right);
		break;
	case EXPR_REGEX:
		print_parenthesised(out, e->u.op.left);
		put_char(out, ' ');
		put_str(out, e->u.op.op);
		put_char(out, ' ');
		print_expr_to(out, e->u.op.right);
		break;
	case EXPR_TERNARY:
		print_parenthesised(out, e->u.ternary.cond);
		put_str(out, " ? ");
		print_parenthesised(out, e->u.ternary.then);
		put_str(out, " : ");
		print_parenthesised(out, e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		print_args(out, e->u.call.name, e->u.call.args, e->u.call.nargs);
		break;
	case EXPR_INDEX:
		print_expr_to(out, e->u.index.base);
		put_char(out, '[');
		print_keys(out, e->u.index.keys, e->u.index.nkeys, false);
		put_char(out, ']');
		break;
	case EXPR_ARRAY_IN:
		put_char(out, '[');
		print_keys(out, e->u.index.keys, e->u.index.nkeys, true);
		put_str(out, "] in ");
		print_expr_to(out, e->u.index.base);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		print_args(out, e->u.at.name, e->u.at.args, e->u.at.nargs);
		break;
	case EXPR_TARGET:
		/* @entry(...) became its operand, marked (resolve.c) */
		if (e->u.target->access && e->u.target->access->entry_operator) {
			put_str(out, "@entry(");
			print_target(out, e);
			put_char(out, ')');
		} else {
			print_target(out, e);
		}
		break;
	case EXPR_EMBEDDED:
		put_mem(out, "%{", 2);
		put_str(out, e->u.code);
		put_mem(out, "%}", 2);
		break;
	}
}

static void print_sort(struct printer *out, const struct foreach_sort *sort, int column)
{
	if (sort->direction && sort->column == column)
		put_char(out, sort->direction > 0 ? '+' : '-');
}

static void print_foreach(struct printer *out, const struct stmt *s)
{
	const struct foreach_sort *sort = &s->u.foreach->sort;

	put_str(out, "foreach (");
	if (s->u.foreach->value) {
		print_expr_to(out, s->u.foreach->value);
		put_str(out, " = ");
	}
	put_char(out, '[');
	for (size_t i = 0; i < s->u.foreach->nkeys; i++) {
		if (i)
			put_str(out, ", ");
		print_expr_to(out, s->u.foreach->keys[i]);
		print_sort(out, sort, (int)i + 1);
	}
	put_str(out, "] in ");
	print_expr_to(out, s->u.foreach->array);
	if (s->u.foreach->nslice) {
		put_char(out, '[');
		print_keys(out, s->u.foreach->slice, s->u.foreach->nslice, false);
		put_char(out, ']');
	}
	if (sort->aggregate) {
		put_char(out, ' ');
		put_str(out, sort->aggregate);
	}
	print_sort(out, sort, 0);
	if (s->u.foreach->limit) {
		put_str(out, " limit ");
		print_parenthesised(out, s->u.foreach->limit);
	}
	put_str(out, ") ");
	print_stmt_to(out, s->u.foreach->body);
}

static void print_stmt_to(struct printer *out, const struct stmt *s)
{
	switch (s->kind) {
	case STMT_BLOCK:
		put_str(out, "{\n");
		for (size_t i = 0; i < s->u.block.count; i++)
			print_stmt_to(out, s->u.block.items[i]);
		put_str(out, "}\n");
		break;
	case STMT_EXPR:
		print_expr_to(out, s->u.expr);
		put_str(out, ";\n");
		break;
	case STMT_IF:
		put_str(out, "if (");
		print_expr_to(out, s->u.if_.cond);
		put_str(out, ") ");
		print_stmt_to(out, s->u.if_.then);
		if (s->u.if_.otherwise) {
			put_str(out, "else ");
			print_stmt_to(out, s->u.if_.otherwise);
		}
		break;
	case STMT_NULL:
		put_str(out, ";\n");
		break;
	case STMT_WHILE:
		put_str(out, "while (");
		print_expr_to(out, s->u.loop.cond);
		put_str(out, ") ");
		print_stmt_to(out, s->u.loop.body);
		break;
	case STMT_FOR:
		put_str(out, "for (");
		if (s->u.loop.init)
			print_expr_to(out, s->u.loop.init);
		put_str(out, "; ");
		if (s->u.loop.cond)
			print_expr_to(out, s->u.loop.cond);
		put_str(out, "; ");
		if (s->u.loop.incr)
			print_expr_to(out, s->u.loop.incr);
		put_str(out, ") ");
		print_stmt_to(out, s->u.loop.body);
		break;
	case STMT_FOREACH:
		print_foreach(out, s);
		break;
	case STMT_BREAK:
		put_str(out, "break;\n");
		break;
	case STMT_CONTINUE:
		put_str(out, "continue;\n");
		break;
	case STMT_NEXT:
		put_str(out, "next;\n");
		break;
	case STMT_RETURN:
		put_str(out, "return");
		if (s->u.expr) {
			put_char(out, ' ');
			print_expr_to(out, s->u.expr);
		}
		put_str(out, ";\n");
		break;
	case STMT_DELETE:
		put_str(out, "delete ");
		print_expr_to(out, s->u.expr);
		put_str(out, ";\n");
		break;
	case STMT_TRY:
		put_str(out, "try ");
		print_stmt_to(out, s->u.try_.body);
		put_str(out, "catch ");
		if (s->u.try_.catch_var) {
			print_parenthesised(out, s->u.try_.catch_var);
			put_char(out, ' ');
		}
		print_stmt_to(out, s->u.try_.handler);
		break;
	}
}

/* " = -5": a global's initialiser is a signed literal (expressions have no
 * negative literals, so print_expr shows large values unsigned). */
static void print_global_init_to(struct printer *out, const struct symbol *g)
{
	if (!g->init)
		return;
	put_str(out, " = ");
	if (g->init->kind == EXPR_NUMBER)
		print_signed(out, (int64_t)g->init->u.number);
	else
		print_expr_to(out, g->init);
}

static void print_global(struct printer *out, const struct symbol *g)
{
	if (g->private_)
		put_str(out, "private ");
	put_str(out, "global ");
	put_str(out, g->name);
	if (g->wrap)
		put_char(out, '%');
	if (g->max_entries) {
		put_char(out, '[');
		print_unsigned(out, g->max_entries);
		put_char(out, ']');
	}
	print_global_init_to(out, g);
	put_char(out, '\n');
}

static void print_function(struct printer *out, const struct function *f)
{
	if (f->private_)
		put_str(out, "private ");
	put_str(out, "function ");
	put_str(out, f->name);
	if (f->type != TYPE_UNKNOWN) {
		put_char(out, ':');
		put_str(out, value_type_keyword(f->type));
	}
	put_char(out, '(');
	for (size_t i = 0; i < f->nparams; i++) {
		if (i)
			put_str(out, ", ");
		put_str(out, f->params[i].name);
		if (f->params[i].type != TYPE_UNKNOWN) {
			put_char(out, ':');
			put_str(out, value_type_keyword(f->params[i].type));
		}
	}
	put_char(out, ')');
	if (f->has_priority) {
		put_str(out, " : ");
		print_signed(out, f->priority);
	}
	if (f->embedded) {
		put_str(out, " %{");
		put_str(out, f->embedded);
		put_str(out, "%}\n");
	} else {
		put_char(out, ' ');
		print_stmt_to(out, f->body);
	}
}

static void print_probe(struct printer *out, const struct probe *p)
{
	put_str(out, "probe ");
	if (p->alias) {
		print_probe_point(out, p->alias);
		put_str(out, p->alias_epilogue ? " += " : " = ");
	}
	for (size_t j = 0; j < p->npoints; j++) {
		if (j)
			put_str(out, ", ");
		print_probe_point(out, p->points[j]);
		if (p->points[j]->condition) {
			put_str(out, " if (");
			print_expr_to(out, p->points[j]->condition);
			put_char(out, ')');
		}
	}
	put_char(out, ' ');
	print_stmt_to(out, p->body);
}

static void print_program_to(struct printer *out, const struct program *prog)
{
	put_str(out, "# parse tree dump\n");
	for (size_t i = 0; i < prog->nfiles; i++)
	{
		put_str(out, "# file ");
		put_str(out, prog->files[i]->name);
		put_char(out, '\n');
	}
	for (size_t i = 0; i < prog->nembedded; i++)
	{
		put_str(out, "%{");
		put_str(out, prog->embedded[i].code);
		put_str(out, "%}\n");
	}
	for (size_t i = 0; i < prog->nglobals; i++)
		print_global(out, prog->globals[i]);
	for (size_t i = 0; i < prog->nfunctions; i++)
		print_function(out, prog->functions[i]);
	for (size_t i = 0; i < prog->naliases; i++)
		print_probe(out, prog->aliases[i]);
	for (size_t i = 0; i < prog->nprobes; i++)
		print_probe(out, prog->probes[i]);
}

/* The public printers: each writes its text to the FILE as it returns, so
 * callers may mix them with their own stdio output. */
void print_expr(FILE *out, const struct expr *e)
{
	struct printer pr;

	printer_init(&pr, out, NULL);
	print_expr_to(&pr, e);
	printer_flush(&pr);
}

void print_stmt(FILE *out, const struct stmt *s)
{
	struct printer pr;

	printer_init(&pr, out, NULL);
	print_stmt_to(&pr, s);
	printer_flush(&pr);
}

void print_string_literal(FILE *out, const char *bytes, size_t len)
{
	struct printer pr;

	printer_init(&pr, out, NULL);
	put_string_literal(&pr, bytes, len);
	printer_flush(&pr);
}

void print_global_init(FILE *out, const struct symbol *g)
{
	struct printer pr;

	printer_init(&pr, out, NULL);
	print_global_init_to(&pr, g);
	printer_flush(&pr);
}

void print_program(FILE *out, const struct program *prog)
{
	struct printer pr;

	printer_init(&pr, out, NULL);
	print_program_to(&pr, prog);
	printer_flush(&pr);
}

char *probe_point_string(const struct probe_point *pp)
{
	struct strbuf sb;
	struct printer pr;

	strbuf_init(&sb);
	printer_init(&pr, NULL, &sb);
	print_probe_point(&pr, pp);
	printer_flush(&pr);
	return strbuf_detach(&sb);
}
