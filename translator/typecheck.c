// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Type inference to a fixed point, as SystemTap's: each round walks every
 * probe and every called function, pushing known types into variables,
 * array keys, parameters and function results still unknown, until a round
 * learns nothing new. A final round reports every conflict, in SystemTap's
 * words: a variable or function that disagrees with what was inferred
 * first ("type mismatch (string)" then "type was first inferred here
 * (long)"), a value of the wrong type ("type mismatch: expected long but
 * found string"), statistics used as values; then every used variable
 * whose type stayed unknown.
 */
#include "elaborate.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "expr_desc.h"
#include "format.h"
#include "probes/probes.h"
#include "regex.h"
#include "target_var.h"
#include "util.h"

struct typer {
	struct function *function;	/* whose body is walked, NULL in a probe */
	bool changed;			/* this round learned a type */
	bool report;			/* the final round: report errors */
	int errors;
};

static void error_expr(struct typer *t, const char *message, const struct expr *e);

/* A pattern that does not compile is an error here, as in SystemTap. */
static void check_regex(struct typer *t, const struct expr *pattern)
{
	char *error = NULL;
	struct regex_dfa *dfa = regex_compile(pattern->u.string.bytes,
					      strnlen(pattern->u.string.bytes,
						      pattern->u.string.len), &error);

	if (!dfa)
		error_expr(t, error, pattern);
	regex_dfa_free(dfa);
	free(error);
}


static void error_expr(struct typer *t, const char *message, const struct expr *e)
{
	char *desc;

	if (!t->report)
		return;
	desc = expr_desc(e);
	diag_semantic_error(message, desc, expr_loc(e));
	free(desc);
	t->errors++;
}

/* "type was first inferred here (long): number '1' at ..." */
static void first_inferred(const char *what, enum value_type type,
			   const struct expr *origin)
{
	char *message, *desc;

	if (!origin)
		return;
	message = xasprintf("%s was first inferred here (%s)", what, value_type_name(type));
	desc = expr_desc(origin);
	/* desc is "kind 'name'"; the chained form takes them apart. */
	{
		char *quote = strchr(desc, '\'');
		char *name = quote ? xstrndup(quote + 1, strlen(quote + 1) - 1) : xstrdup("");

		if (quote)
			quote[-1] = '\0';
		diag_semantic_error_chained(message, desc, name, expr_loc(origin));
		free(name);
	}
	free(message);
	free(desc);
}

/* e disagrees with a type inferred earlier at origin. */
static void mismatch_decl(struct typer *t, const struct expr *e, enum value_type want,
			  enum value_type have, const struct expr *origin, int index)
{
	char *message, *what;

	if (!t->report)
		return;
	if (index >= 0) {
		message = xasprintf("index %d type mismatch (%s)", index, value_type_name(want));
		what = xasprintf("type of index %d", index);
	} else {
		message = xasprintf("type mismatch (%s)", value_type_name(want));
		what = xstrdup("type");
	}
	error_expr(t, message, e);
	first_inferred(what, have, origin);
	free(message);
	free(what);
}

/* A value of a fixed type where another is needed. */
static void mismatch_value(struct typer *t, const struct expr *e, enum value_type want,
			   enum value_type got)
{
	char *message = xasprintf("type mismatch: expected %s but found %s",
				  value_type_name(want), value_type_name(got));

	error_expr(t, message, e);
	free(message);
}

static void learn(struct typer *t, enum value_type *slot, const struct expr **origin,
		  enum value_type type, const struct expr *from)
{
	if (*slot != TYPE_UNKNOWN || type == TYPE_UNKNOWN)
		return;
	*slot = type;
	if (origin)
		*origin = from;
	t->changed = true;
}

static enum value_type infer(struct typer *t, struct expr *e, enum value_type want);

/* A use of sym at e, where want is needed. */
static enum value_type use_symbol(struct typer *t, struct expr *e, struct symbol *sym,
				  enum value_type want)
{
	if (sym->type == TYPE_UNKNOWN && want != TYPE_UNKNOWN) {
		sym->type = want;
		sym->type_origin = e;
		sym->type_origin_index = -1;
		t->changed = true;
	} else if (want != TYPE_UNKNOWN && sym->type != want) {
		mismatch_decl(t, e, want, sym->type, sym->type_origin,
			      sym->type_origin_index);
	} else if (want == TYPE_UNKNOWN && sym->type == TYPE_STATS) {
		error_expr(t, "invalid type stats", e);
	}
	if (sym->type == TYPE_STATS && want == TYPE_STATS && sym->scope == SCOPE_LOCAL)
		error_expr(t, "stat locals not supported, missing global declaration? ", e);
	return sym->type;
}

/* The index keys of sym (or of a histogram, long keys, when sym is NULL). */
static void infer_keys(struct typer *t, struct symbol *sym, struct expr **keys, size_t n)
{
	for (size_t i = 0; i < n && i < MAX_ARRAY_KEYS; i++) {
		enum value_type have = sym ? sym->key_types[i] : TYPE_LONG;
		enum value_type got;

		if (!keys[i])
			continue;
		got = infer(t, keys[i], TYPE_UNKNOWN);
		if (got == TYPE_UNKNOWN && have != TYPE_UNKNOWN)
			got = infer(t, keys[i], have);
		if (sym && have == TYPE_UNKNOWN)
			learn(t, &sym->key_types[i], &sym->key_origins[i], got, keys[i]);
		else if (got != TYPE_UNKNOWN && got != have && got != TYPE_STATS)
			mismatch_decl(t, keys[i], got, have, sym ? sym->key_origins[i] : NULL,
				      (int)i);
	}
}

static struct symbol *array_symbol(const struct expr *base)
{
	return base->kind == EXPR_SYMBOL ? base->u.symbol.sym : NULL;
}

static enum value_type infer_index(struct typer *t, struct expr *e, enum value_type want)
{
	struct expr *base = e->u.index.base;
	struct symbol *sym = array_symbol(base);

	if (base->kind == EXPR_HIST) {
		infer(t, base, TYPE_STATS);
		infer_keys(t, NULL, e->u.index.keys, e->u.index.nkeys);
		return TYPE_LONG;
	}
	if (!sym)
		return TYPE_UNKNOWN;
	infer_keys(t, sym, e->u.index.keys, e->u.index.nkeys);
	if (e->kind == EXPR_ARRAY_IN)
		return TYPE_LONG;
	return use_symbol(t, base, sym, want);
}

/* printf, sprintf: a literal format whose conversions type the arguments
 * (a `*` width or precision takes a long argument before the value). */
static void check_printf(struct typer *t, struct expr *e)
{
	struct expr *fmt = e->u.call.args[0];
	const char *name = e->u.call.builtin->name;
	struct format f;
	char *error = NULL, *desc;

	desc = xasprintf("identifier '%s'", name);
	if (fmt->kind != EXPR_STRING) {
		if (t->report) {
			char *message = xasprintf("%s format must be a literal string", name);

			diag_semantic_error(message, desc, e->loc);
			free(message);
			t->errors++;
		}
		free(desc);
		return;
	}
	if (!format_parse(fmt->u.string.bytes, fmt->u.string.len, &f, &error)) {
		error_expr(t, error, fmt);
		free(error);
		free(desc);
		return;
	}
	if (f.nargs != e->u.call.nargs - 1) {
		if (t->report) {
			diag_semantic_error("Wrong number of args to formatted print operator",
					    desc, e->loc);
			t->errors++;
		}
		format_free(&f);
		free(desc);
		return;
	}
	for (size_t i = 0, arg = 1; i < f.count; i++) {
		if (!f.pieces[i].conv)
			continue;
		if (f.pieces[i].width_arg)
			infer(t, e->u.call.args[arg++], TYPE_LONG);
		if (f.pieces[i].precision_arg)
			infer(t, e->u.call.args[arg++], TYPE_LONG);
		infer(t, e->u.call.args[arg++], format_arg_type(f.pieces[i].conv));
	}
	format_free(&f);
	free(desc);
}

static void unresolved_type(struct typer *t, const struct expr *e)
{
	error_expr(t, "unresolved type ", e);
}

static enum value_type infer_builtin(struct typer *t, struct expr *e)
{
	const struct builtin *b = e->u.call.builtin;

	switch (b->kind) {
	case BUILTIN_PRINTF:
		infer(t, e->u.call.args[0], TYPE_STRING);
		check_printf(t, e);
		break;
	case BUILTIN_PRINT:
		if (b->print & PRINT_DELIMITED) {
			infer(t, e->u.call.args[0], TYPE_STRING);
			if (e->u.call.args[0]->kind != EXPR_STRING)
				error_expr(t, "expected literal string", e->u.call.args[0]);
		}
		for (size_t i = (b->print & PRINT_DELIMITED) ? 1 : 0; i < e->u.call.nargs; i++) {
			struct expr *arg = e->u.call.args[i];

			/* A variable of unknown type is reported once, as such. */
			if (infer(t, arg, arg->kind == EXPR_HIST ? TYPE_STATS : TYPE_UNKNOWN) ==
			    TYPE_UNKNOWN && arg->kind != EXPR_SYMBOL)
				unresolved_type(t, arg);
		}
		break;
	case BUILTIN_REGEX_GROUP:
		infer(t, e->u.call.args[0], TYPE_LONG);
		break;
	case BUILTIN_EXIT:
	case BUILTIN_CONTEXT_LONG:
	case BUILTIN_CONTEXT_STRING:
		break;
	}
	return b->result;
}

static enum value_type infer_call(struct typer *t, struct expr *e, enum value_type want)
{
	struct function *f = e->u.call.function;

	if (e->u.call.builtin)
		return infer_builtin(t, e);
	if (!f)
		return TYPE_UNKNOWN;
	for (size_t i = 0; i < e->u.call.nargs && i < f->nlocals; i++) {
		struct symbol *param = f->locals[i];
		enum value_type got = infer(t, e->u.call.args[i], param->type);

		if (param->type == TYPE_UNKNOWN && got != TYPE_UNKNOWN) {
			param->type = got;
			param->type_origin = e->u.call.args[i];
			param->type_origin_index = (int)i;
			t->changed = true;
		}
	}
	if (f->type == TYPE_UNKNOWN && want != TYPE_UNKNOWN && want != TYPE_STATS) {
		f->type = want;
		f->type_origin = e;
		t->changed = true;
	} else if (want != TYPE_UNKNOWN && f->type != TYPE_UNKNOWN && f->type != want) {
		mismatch_decl(t, e, want, f->type, f->type_origin, -1);
	}
	return f->type;
}

/* Two operands that must agree (comparison, ternary branches); a conflict
 * is reported at `blame`, the one checked against the other. */
static enum value_type unify(struct typer *t, struct expr *a, struct expr *b,
			     struct expr *blame, enum value_type want)
{
	enum value_type ta = infer(t, a, want);
	enum value_type tb = infer(t, b, want);

	if (ta == TYPE_UNKNOWN && tb != TYPE_UNKNOWN)
		ta = infer(t, a, tb);
	else if (tb == TYPE_UNKNOWN && ta != TYPE_UNKNOWN)
		tb = infer(t, b, ta);
	else if (ta != tb && want == TYPE_UNKNOWN)
		mismatch_value(t, blame, blame == a ? tb : ta, blame == a ? ta : tb);
	return ta != TYPE_UNKNOWN ? ta : tb;
}

static enum value_type infer_assign(struct typer *t, struct expr *e, enum value_type want)
{
	const char *op = e->u.op.op;
	struct expr *left = e->u.op.left, *right = e->u.op.right;
	enum value_type type;

	if (strcmp(op, "<<<") == 0) {
		infer(t, left, TYPE_STATS);
		infer(t, right, TYPE_LONG);
		return TYPE_UNKNOWN;
	}
	if (strcmp(op, ".=") == 0) {
		infer(t, right, TYPE_STRING);
		return infer(t, left, TYPE_STRING);
	}
	if (strcmp(op, "=") != 0) {
		infer(t, right, TYPE_LONG);
		return infer(t, left, TYPE_LONG);
	}
	/* x = v: the value first, then the variable must agree with it, so a
	 * conflict names the variable, as SystemTap does. */
	type = infer(t, right, TYPE_UNKNOWN);
	if (type == TYPE_UNKNOWN) {
		type = infer(t, left, want);
		if (type != TYPE_UNKNOWN)
			infer(t, right, type);
		return type;
	}
	infer(t, left, type);
	return type;
}

static enum value_type infer_stat(struct typer *t, struct expr *e)
{
	infer(t, e->u.at.args[0], TYPE_STATS);
	for (size_t i = 1; i < e->u.at.nargs; i++)
		infer(t, e->u.at.args[i], TYPE_LONG);
	return e->kind == EXPR_HIST ? TYPE_STATS : TYPE_LONG;
}

/* Expressions whose conflicts name a declaration (they report their own). */
static bool reports_own_mismatch(const struct expr *e)
{
	return e->kind == EXPR_SYMBOL ||
	       (e->kind == EXPR_CALL && e->u.call.function) ||
	       (e->kind == EXPR_INDEX && e->u.index.base->kind == EXPR_SYMBOL) ||
	       (e->kind == EXPR_AT && strcmp(e->u.at.name, "@entry") == 0);	/* its operand */
}

static enum value_type infer_kind(struct typer *t, struct expr *e, enum value_type want)
{
	switch (e->kind) {
	case EXPR_NUMBER:
		return TYPE_LONG;
	case EXPR_STRING:
		return TYPE_STRING;
	case EXPR_EMBEDDED:
		return strstr(e->u.code, "/* string */") ? TYPE_STRING : TYPE_LONG;
	case EXPR_SYMBOL:
		return use_symbol(t, e, e->u.symbol.sym, want);
	case EXPR_BINARY:
		if (strcmp(e->u.op.op, ".") == 0) {
			infer(t, e->u.op.left, TYPE_STRING);
			infer(t, e->u.op.right, TYPE_STRING);
			return TYPE_STRING;
		}
		/* fall through */
	case EXPR_UNARY:
	case EXPR_LOGICAL:
		if (e->u.op.left)
			infer(t, e->u.op.left, TYPE_LONG);
		infer(t, e->u.op.right, TYPE_LONG);
		return TYPE_LONG;
	case EXPR_INCDEC:
		infer(t, e->u.op.right, TYPE_LONG);
		return TYPE_LONG;
	case EXPR_COMPARISON:
		unify(t, e->u.op.left, e->u.op.right, e->u.op.left, TYPE_UNKNOWN);
		return TYPE_LONG;
	case EXPR_REGEX:
		infer(t, e->u.op.left, TYPE_STRING);
		infer(t, e->u.op.right, TYPE_STRING);
		if (t->report)
			check_regex(t, e->u.op.right);
		return TYPE_LONG;
	case EXPR_ASSIGN:
		return infer_assign(t, e, want);
	case EXPR_TERNARY:
		infer(t, e->u.ternary.cond, TYPE_LONG);
		return unify(t, e->u.ternary.then, e->u.ternary.otherwise,
			     e->u.ternary.otherwise, want);
	case EXPR_CALL:
		return infer_call(t, e, want);
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		return infer_index(t, e, want);
	case EXPR_STAT:
	case EXPR_HIST:
		return infer_stat(t, e);
	case EXPR_TARGET:
		if (!e->u.target->access)
			break;	/* resolution reported it */
		for (size_t i = 0; i < e->u.target->nsuffixes; i++)
			if (e->u.target->suffixes[i].index)
				infer(t, e->u.target->suffixes[i].index, TYPE_LONG);
		if (e->u.target->access->base == BASE_OPERAND)
			infer(t, e->u.target->args[0], TYPE_LONG);
		return e->u.target->access->result == TARGET_LONG ? TYPE_LONG : TYPE_STRING;
	case EXPR_AT:
		/* @entry(EXPR) kept whole: EXPR's value (others were resolved
		 * away, or reported) */
		if (strcmp(e->u.at.name, "@entry") == 0)
			return infer(t, e->u.at.args[0], want);
		break;
	}
	return TYPE_UNKNOWN;
}

/* The type of e, which must be want when want is known. */
static enum value_type infer(struct typer *t, struct expr *e, enum value_type want)
{
	enum value_type type = infer_kind(t, e, want);

	e->type = type;
	if (want != TYPE_UNKNOWN && type != TYPE_UNKNOWN && type != want &&
	    !reports_own_mismatch(e))
		mismatch_value(t, e, want, type);
	return type;
}

static void infer_stmt(struct typer *t, struct stmt *st);

static void infer_foreach(struct typer *t, struct stmt *st)
{
	struct expr *array = st->u.foreach->array;
	struct symbol *sym = array_symbol(array);

	if (array->kind == EXPR_HIST)
		infer(t, array, TYPE_STATS);
	for (size_t i = 0; i < st->u.foreach->nkeys && i < MAX_ARRAY_KEYS; i++) {
		struct expr *key = st->u.foreach->keys[i];

		if (!sym) {
			infer(t, key, TYPE_LONG);
			continue;
		}
		infer(t, key, sym->key_types[i]);
		learn(t, &sym->key_types[i], &sym->key_origins[i], key->u.symbol.sym->type, key);
	}
	if (sym)
		infer_keys(t, sym, st->u.foreach->slice, st->u.foreach->nslice);
	if (st->u.foreach->value && sym) {
		struct symbol *value = st->u.foreach->value->u.symbol.sym;

		infer(t, st->u.foreach->value, sym->type);
		if (sym->type == TYPE_UNKNOWN && value->type != TYPE_UNKNOWN) {
			sym->type = value->type;
			sym->type_origin = st->u.foreach->value;
			sym->type_origin_index = -1;
			t->changed = true;
		}
	}
	if (st->u.foreach->limit)
		infer(t, st->u.foreach->limit, TYPE_LONG);
	infer_stmt(t, st->u.foreach->body);
}

static void infer_delete(struct typer *t, struct expr *e)
{
	if (e->kind == EXPR_INDEX && array_symbol(e->u.index.base))
		infer_keys(t, array_symbol(e->u.index.base), e->u.index.keys,
			   e->u.index.nkeys);
	else if (e->kind != EXPR_SYMBOL)
		infer(t, e, TYPE_UNKNOWN);
}

static void infer_return(struct typer *t, struct stmt *st)
{
	struct function *f = t->function;
	enum value_type got;

	if (!st->u.expr || !f)
		return;
	/* A declared result type is a fixed expectation; an inferred one is
	 * a declaration the value must agree with. */
	if (f->type != TYPE_UNKNOWN && !f->type_origin) {
		infer(t, st->u.expr, f->type);
		return;
	}
	got = infer(t, st->u.expr, TYPE_UNKNOWN);
	if (got == TYPE_UNKNOWN && f->type != TYPE_UNKNOWN)
		infer(t, st->u.expr, f->type);
	else if (f->type == TYPE_UNKNOWN)
		learn(t, &f->type, &f->type_origin, got, st->u.expr);
	else if (got != f->type)
		mismatch_decl(t, st->u.expr, got, f->type, f->type_origin, -1);
}

static void infer_stmt(struct typer *t, struct stmt *st)
{
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			infer_stmt(t, st->u.block.items[i]);
		break;
	case STMT_EXPR:
		infer(t, st->u.expr, TYPE_UNKNOWN);
		break;
	case STMT_IF:
		infer(t, st->u.if_.cond, TYPE_LONG);
		infer_stmt(t, st->u.if_.then);
		if (st->u.if_.otherwise)
			infer_stmt(t, st->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		if (st->u.loop.init)
			infer(t, st->u.loop.init, TYPE_UNKNOWN);
		if (st->u.loop.cond)
			infer(t, st->u.loop.cond, TYPE_LONG);
		if (st->u.loop.incr)
			infer(t, st->u.loop.incr, TYPE_UNKNOWN);
		infer_stmt(t, st->u.loop.body);
		break;
	case STMT_FOREACH:
		infer_foreach(t, st);
		break;
	case STMT_DELETE:
		infer_delete(t, st->u.expr);
		break;
	case STMT_TRY:
		infer_stmt(t, st->u.try_.body);
		if (st->u.try_.catch_var)
			infer(t, st->u.try_.catch_var, TYPE_STRING);
		infer_stmt(t, st->u.try_.handler);
		break;
	case STMT_RETURN:
		infer_return(t, st);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
}

/* Functions first, then probes, as SystemTap orders its rounds: a
 * function's own returns decide its type before its callers do. */
static void infer_program(struct typer *t, struct program *prog)
{
	for (size_t i = 0; i < prog->nfunctions; i++) {
		struct function *f = prog->functions[i];

		t->function = f;
		if (f->used && f->body)
			infer_stmt(t, f->body);
	}
	t->function = NULL;
	for (size_t i = 0; i < prog->nprobes; i++) {
		struct probe *p = prog->probes[i];

		for (size_t j = 0; j < p->npoints; j++)
			if (p->points[j]->condition)
				infer(t, p->points[j]->condition, TYPE_LONG);
		infer_stmt(t, p->body);
	}
}

static void check_untyped(struct typer *t, struct symbol *sym)
{
	/* A parameter needs a type when the body reads it; a variable when
	 * anything uses it (unused ones are pruned). */
	bool used = sym->is_param ? sym->read : sym->read || sym->written;
	char *desc;

	if (sym->type != TYPE_UNKNOWN || !used)
		return;
	desc = xasprintf("identifier '%s'", sym->name);
	diag_semantic_error("unresolved type ", desc, sym->loc);
	free(desc);
	t->errors++;
}

int infer_types(struct session *s)
{
	struct typer t = { .changed = true };
	struct program *prog = &s->program;

	while (t.changed) {
		t.changed = false;
		infer_program(&t, prog);
		/* Conditions as pass 3 evaluates them (joined through aliases);
		 * their errors are reported on the script's points above. */
		for (size_t i = 0; i < s->nprobes; i++)
			if (s->probes[i]->condition)
				infer(&t, (struct expr *)s->probes[i]->condition, TYPE_LONG);
	}
	t.report = true;
	infer_program(&t, prog);
	for (size_t i = 0; i < prog->nglobals; i++)
		check_untyped(&t, prog->globals[i]);
	for (size_t i = 0; i < prog->nprobes; i++)
		for (size_t j = 0; j < prog->probes[i]->nlocals; j++)
			check_untyped(&t, prog->probes[i]->locals[j]);
	for (size_t i = 0; i < prog->nfunctions; i++)
		for (size_t j = 0; j < prog->functions[i]->nlocals; j++)
			check_untyped(&t, prog->functions[i]->locals[j]);
	return t.errors;
}
