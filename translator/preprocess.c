// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The preprocessor works on tokens, as SystemTap's does: a conditional's
 * untaken branch is skipped by counting %( and %), never parsed, so it may
 * hold syntax only another kernel or a later SystemTap understands.
 */
#include "preprocess.h"

#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define MAX_EXPANSION_DEPTH 64
/* Deeper conditions or conditionals are an error, so no input can exhaust
 * the stack. */
#define MAX_NESTING 1000
/* Macros that each use the next twice grow exponentially: bound the total. */
#define MAX_EXPANDED_TOKENS (1 << 17)

/* systemtap_v: the SystemTap language level ctap implements (Debian 12's). */
#define CTAP_SYSTEMTAP_VERSION "4.8"

struct macro {
	char *name;			/* without the '@' */
	char **params;
	size_t nparams, params_cap;
	struct token *body;
	size_t nbody, body_cap;
	bool has_params;
};

struct preprocessor {
	const struct preprocess_target *target;
	struct macro *macros;
	size_t nmacros, macros_cap;
	char *config;			/* the target's .config, read on first use */
	bool config_read;
	int errors;
	int depth;			/* macro expansions in progress */
	int nesting;			/* conditionals and condition terms open */
	size_t expanded;		/* tokens produced by expansions so far */
	bool too_large;			/* MAX_EXPANDED_TOKENS reached (reported) */
};

/* A slice of tokens being processed; `end` excludes TOK_EOF. Tokens are
 * moved out of it as they are emitted (each is emitted at most once). */
struct cursor {
	struct token *tok;
	size_t pos, end;
	struct location eof_loc;
};

static void emit_token(struct token_list *out, const struct token *t)
{
	VEC_PUSH(out->tokens, out->count, out->cap, token_copy(t));
}

static void error_at(struct preprocessor *pp, const char *message,
		     const struct token *tok, struct location loc)
{
	char *desc = tok ? token_describe(tok) : NULL;

	pp->errors++;
	diag_parse_error(message, tok ? "saw" : "at", desc, loc);
	free(desc);
}

static const struct token *peek(const struct cursor *c)
{
	return c->pos < c->end ? &c->tok[c->pos] : NULL;
}

static struct location here(const struct cursor *c)
{
	return c->pos < c->end ? c->tok[c->pos].loc : c->eof_loc;
}

static bool at_op(const struct cursor *c, const char *op)
{
	const struct token *t = peek(c);

	return t && token_is_op(t, op);
}

/* ---- conditions ---------------------------------------------------- */

enum operand_kind { OPERAND_NUMBER, OPERAND_STRING, OPERAND_VERSION, OPERAND_BAD };

struct operand {
	enum operand_kind kind;
	long long number;
	const char *string;		/* borrowed */
	char *owned;
};

static const char *config_value(struct preprocessor *pp, const char *name, char **owned)
{
	size_t len, n = strlen(name);
	const char *p;

	if (!pp->config_read) {
		pp->config_read = true;
		if (pp->target->config_path)
			pp->config = read_file(pp->target->config_path, &len);
	}
	for (p = pp->config; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			const char *v = p + n + 1, *e = strchr(v, '\n');
			size_t vlen = e ? (size_t)(e - v) : strlen(v);

			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			*owned = xstrndup(v, vlen);
			return *owned;
		}
	}
	return "";	/* not set: compares as an empty string */
}

static bool parse_operand(struct preprocessor *pp, struct cursor *c, struct operand *o)
{
	const struct token *t = peek(c);
	char *end;

	memset(o, 0, sizeof(*o));
	if (!t) {
		error_at(pp, "expected a preprocessor operand", NULL, here(c));
		return false;
	}
	c->pos++;
	if (t->kind == TOK_NUMBER || (token_is_op(t, "-") && peek(c) &&
				      peek(c)->kind == TOK_NUMBER)) {
		const struct token *num = t->kind == TOK_NUMBER ? t : &c->tok[c->pos++];

		o->kind = OPERAND_NUMBER;
		o->number = strtoll(num->text, &end, 0);
		if (*end) {
			error_at(pp, "number invalid or out of range", num, num->loc);
			return false;
		}
		if (t != num)
			o->number = -o->number;
		return true;
	}
	if (t->kind == TOK_STRING) {
		o->kind = OPERAND_STRING;
		o->string = t->text;
		return true;
	}
	if (t->kind == TOK_IDENTIFIER) {
		const struct preprocess_target *tg = pp->target;

		if (strcmp(t->text, "$#") == 0 || strcmp(t->text, "@#") == 0) {
			o->kind = OPERAND_NUMBER;
			o->number = tg->nargs;
		} else if (strcmp(t->text, "guru_mode") == 0) {
			o->kind = OPERAND_NUMBER;
			o->number = tg->guru;
		} else if (strcmp(t->text, "kernel_vr") == 0) {
			o->kind = OPERAND_VERSION;
			o->string = tg->release;
		} else if (strcmp(t->text, "kernel_v") == 0) {
			o->kind = OPERAND_VERSION;
			o->owned = xstrndup(tg->release, strcspn(tg->release, "-"));
			o->string = o->owned;
		} else if (strcmp(t->text, "systemtap_v") == 0) {
			o->kind = OPERAND_VERSION;
			o->string = tg->systemtap_version ? tg->systemtap_version
							  : CTAP_SYSTEMTAP_VERSION;
		} else if (strcmp(t->text, "arch") == 0) {
			o->kind = OPERAND_STRING;
			o->string = tg->arch;
		} else if (strcmp(t->text, "runtime") == 0) {
			o->kind = OPERAND_STRING;
			o->string = "kernel";
		} else if (strcmp(t->text, "systemtap_privilege") == 0) {
			o->kind = OPERAND_STRING;
			o->string = "stapdev";
		} else if (strncmp(t->text, "CONFIG_", 7) == 0) {
			o->kind = OPERAND_STRING;
			o->string = config_value(pp, t->text, &o->owned);
		} else {
			error_at(pp, "expected a preprocessor operand (kernel_v, kernel_vr, "
				 "arch, runtime, systemtap_v, systemtap_privilege, guru_mode, "
				 "CONFIG_..., $#, @#, a number or a string)", t, t->loc);
			return false;
		}
		return true;
	}
	error_at(pp, "expected a preprocessor operand", t, t->loc);
	return false;
}

static void numeric_string(struct operand *o)
{
	char *end;
	long long n;

	if (!*o->string)
		return;
	n = strtoll(o->string, &end, 0);
	if (*end)
		return;
	o->kind = OPERAND_NUMBER;
	o->number = n;
}

/* Apply a comparison to an ordering result (<0, 0, >0). */
static bool compare(const char *op, int order)
{
	if (strcmp(op, "==") == 0)
		return order == 0;
	if (strcmp(op, "!=") == 0)
		return order != 0;
	if (strcmp(op, "<") == 0)
		return order < 0;
	if (strcmp(op, "<=") == 0)
		return order <= 0;
	if (strcmp(op, ">") == 0)
		return order > 0;
	return order >= 0;
}

/* comparison: operand OP operand */
static bool parse_comparison(struct preprocessor *pp, struct cursor *c, bool *value)
{
	static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">" };
	struct operand left, right;
	const struct token *op;
	const char *op_text = NULL;
	bool ok = false;

	if (!parse_operand(pp, c, &left))
		goto out_left;
	op = peek(c);
	for (size_t i = 0; op && i < ARRAY_SIZE(ops); i++)
		if (token_is_op(op, ops[i]))
			op_text = ops[i];
	if (!op_text) {
		error_at(pp, "expected a comparison operator", op, here(c));
		goto out_left;
	}
	c->pos++;
	if (!parse_operand(pp, c, &right))
		goto out;
	/* CONFIG_HZ >= 250: a string that is wholly a number compares as one. */
	if (left.kind != OPERAND_NUMBER && right.kind == OPERAND_NUMBER)
		numeric_string(&left);
	if (right.kind != OPERAND_NUMBER && left.kind == OPERAND_NUMBER)
		numeric_string(&right);
	if ((left.kind == OPERAND_NUMBER) != (right.kind == OPERAND_NUMBER)) {
		error_at(pp, "cannot compare a number with a string", op, op->loc);
		goto out;
	}
	if (left.kind == OPERAND_NUMBER) {
		*value = compare(op_text, left.number < right.number ? -1 :
					  left.number > right.number);
	} else if (strcmp(op_text, "==") == 0 || strcmp(op_text, "!=") == 0) {
		/* Equality takes wildcards: arch == "x86*", kernel_v == "6.1.*". */
		*value = compare(op_text, fnmatch(right.string, left.string, 0) != 0);
	} else if (left.kind == OPERAND_VERSION || right.kind == OPERAND_VERSION) {
		*value = compare(op_text, strverscmp(left.string, right.string));
	} else {
		*value = compare(op_text, strcmp(left.string, right.string));
	}
	ok = true;
out:
	free(right.owned);
out_left:
	free(left.owned);
	return ok;
}

static bool parse_or(struct preprocessor *pp, struct cursor *c, bool *value);

static bool parse_primary_term(struct preprocessor *pp, struct cursor *c, bool *value);

/* Count one more level of nesting; false (reported) when too deep. */
static bool enter(struct preprocessor *pp, struct cursor *c)
{
	if (pp->nesting >= MAX_NESTING) {
		error_at(pp, "preprocessor conditionals nested too deeply", peek(c), here(c));
		return false;
	}
	pp->nesting++;
	return true;
}

static bool parse_primary(struct preprocessor *pp, struct cursor *c, bool *value)
{
	bool ok;

	if (!enter(pp, c))
		return false;
	ok = parse_primary_term(pp, c, value);
	pp->nesting--;
	return ok;
}

/* primary: '(' or-condition ')' | '!' primary | comparison */
static bool parse_primary_term(struct preprocessor *pp, struct cursor *c, bool *value)
{
	if (at_op(c, "!")) {
		c->pos++;
		if (!parse_primary(pp, c, value))
			return false;
		*value = !*value;
		return true;
	}
	if (at_op(c, "(")) {
		c->pos++;
		if (!parse_or(pp, c, value))
			return false;
		if (!at_op(c, ")")) {
			error_at(pp, "expected ')'", peek(c), here(c));
			return false;
		}
		c->pos++;
		return true;
	}
	return parse_comparison(pp, c, value);
}

/* and: primary { '&&' primary } */
static bool parse_and(struct preprocessor *pp, struct cursor *c, bool *value)
{
	bool right;

	if (!parse_primary(pp, c, value))
		return false;
	while (at_op(c, "&&")) {
		c->pos++;
		if (!parse_primary(pp, c, &right))
			return false;
		*value = *value && right;
	}
	return true;
}

/* or: and { '||' and } */
static bool parse_or(struct preprocessor *pp, struct cursor *c, bool *value)
{
	bool right;

	if (!parse_and(pp, c, value))
		return false;
	while (at_op(c, "||")) {
		c->pos++;
		if (!parse_and(pp, c, &right))
			return false;
		*value = *value || right;
	}
	return true;
}

/* ---- conditionals and macros ---------------------------------------- */

static void process(struct preprocessor *pp, struct cursor *c, struct token_list *out);

/* Skip to the %: or %) that closes this level; returns that token or NULL. */
static const struct token *skip_branch(struct cursor *c, bool stop_at_else)
{
	int depth = 0;

	for (const struct token *t; (t = peek(c)); c->pos++) {
		if (token_is_op(t, "%("))
			depth++;
		else if (depth && token_is_op(t, "%)"))
			depth--;
		else if (!depth && (token_is_op(t, "%)") ||
				    (stop_at_else && token_is_op(t, "%:"))))
			return t;
	}
	return NULL;
}

/* Process the branch [from, to) of the same token array. */
static void process_range(struct preprocessor *pp, const struct cursor *c,
			  size_t from, size_t to, struct token_list *out)
{
	struct cursor sub = { c->tok, from, to, c->eof_loc };

	process(pp, &sub, out);
}

/* conditional: '%(' CONDITION '%?' TOKENS [ '%:' TOKENS ] '%)' */
static void conditional(struct preprocessor *pp, struct cursor *c, struct token_list *out)
{
	const struct token *open = peek(c);
	const struct token *mark;
	size_t then_start, then_end, else_start = 0, else_end = 0;
	bool value = false, parsed;

	c->pos++;
	parsed = parse_or(pp, c, &value);

	if (!parsed || !at_op(c, "%?")) {
		if (parsed)
			error_at(pp, "expected '%?' after the condition", peek(c), here(c));
		/* Resume after this conditional's '%)'. */
		if (skip_branch(c, false))
			c->pos++;
		return;
	}
	c->pos++;
	then_start = c->pos;
	mark = skip_branch(c, true);
	then_end = c->pos;
	if (mark && token_is_op(mark, "%:")) {
		c->pos++;
		else_start = c->pos;
		mark = skip_branch(c, false);
		else_end = c->pos;
	}
	if (!mark) {
		error_at(pp, "missing '%)' to end the conditional", open, open->loc);
		return;
	}
	c->pos++;	/* %) */
	if (!enter(pp, c))
		return;
	if (value)
		process_range(pp, c, then_start, then_end, out);
	else if (else_end > else_start)
		process_range(pp, c, else_start, else_end, out);
	pp->nesting--;
}

static struct macro *find_macro(struct preprocessor *pp, const char *name)
{
	for (size_t i = 0; i < pp->nmacros; i++)
		if (strcmp(pp->macros[i].name, name) == 0)
			return &pp->macros[i];
	return NULL;
}

static bool is_plain_identifier(const struct token *t)
{
	return t && t->kind == TOK_IDENTIFIER && t->text[0] != '$' && t->text[0] != '@';
}

/* define: '@define' NAME [ '(' PARAM { ',' PARAM } ')' ] '%(' BODY '%)' */
static void define_macro(struct preprocessor *pp, struct cursor *c)
{
	const struct token *kw = peek(c), *name, *t;
	struct macro m = { 0 };
	size_t body_start;

	c->pos++;
	name = peek(c);
	if (!is_plain_identifier(name)) {
		error_at(pp, "expected a macro name after @define", name, here(c));
		return;
	}
	c->pos++;
	m.name = xstrdup(name->text);
	if (at_op(c, "(")) {
		m.has_params = true;
		c->pos++;
		while (!at_op(c, ")")) {
			t = peek(c);
			if (!is_plain_identifier(t)) {
				error_at(pp, "expected a macro parameter name", t, here(c));
				goto fail;
			}
			VEC_PUSH(m.params, m.nparams, m.params_cap, xstrdup(t->text));
			c->pos++;
			if (at_op(c, ","))
				c->pos++;
			else if (!at_op(c, ")")) {
				error_at(pp, "expected ',' or ')'", peek(c), here(c));
				goto fail;
			}
		}
		c->pos++;
	}
	if (!at_op(c, "%(")) {
		error_at(pp, "expected '%(' to start the macro body", peek(c), here(c));
		goto fail;
	}
	c->pos++;
	body_start = c->pos;
	if (!skip_branch(c, false)) {
		error_at(pp, "missing '%)' to end the macro body", kw, kw->loc);
		goto fail;
	}
	for (size_t i = body_start; i < c->pos; i++)
		VEC_PUSH(m.body, m.nbody, m.body_cap, token_copy(&c->tok[i]));
	c->pos++;
	if (find_macro(pp, m.name)) {
		error_at(pp, "macro already defined", name, name->loc);
		goto fail;
	}
	VEC_PUSH(pp->macros, pp->nmacros, pp->macros_cap, m);
	return;
fail:
	free(m.name);
	for (size_t i = 0; i < m.nparams; i++)
		free(m.params[i]);
	free(m.params);
	for (size_t i = 0; i < m.nbody; i++)
		token_free_text(&m.body[i]);
	free(m.body);
}

/* args: '(' [ TOKENS { ',' TOKENS } ] ')': top-level commas split. Records
 * each argument as a [start, end) range of the cursor's tokens. */
static bool macro_args(struct preprocessor *pp, struct cursor *c, const struct macro *m,
		       const struct token *use, size_t *starts, size_t *ends)
{
	size_t n = 0;
	int depth = 0;

	if (!at_op(c, "(")) {
		error_at(pp, "expected '(' and the macro's arguments", peek(c), here(c));
		return false;
	}
	c->pos++;
	if (at_op(c, ")") && m->nparams == 0) {
		c->pos++;
		return true;
	}
	starts[0] = c->pos;
	for (const struct token *t; (t = peek(c)); c->pos++) {
		if (token_is_op(t, "(") || token_is_op(t, "[") || token_is_op(t, "{"))
			depth++;
		else if (depth && (token_is_op(t, ")") || token_is_op(t, "]") ||
				   token_is_op(t, "}")))
			depth--;
		else if (!depth && (token_is_op(t, ",") || token_is_op(t, ")"))) {
			if (n < m->nparams)
				ends[n] = c->pos;
			n++;
			if (token_is_op(t, ")")) {
				c->pos++;
				break;
			}
			if (n < m->nparams)
				starts[n] = c->pos + 1;
		}
	}
	if (n != m->nparams) {
		char *message = xasprintf("macro '@%s' takes %zu argument%s, %zu given",
					  m->name, m->nparams, m->nparams == 1 ? "" : "s", n);

		error_at(pp, message, use, use->loc);
		free(message);
		return false;
	}
	return true;
}

static void expand_macro(struct preprocessor *pp, struct cursor *c, const struct macro *m,
			 struct token_list *out)
{
	const struct token *use = peek(c);
	size_t *starts = xcalloc(m->nparams + 1, sizeof(size_t));
	size_t *ends = xcalloc(m->nparams + 1, sizeof(size_t));
	struct token_list expansion = { 0 };

	c->pos++;
	if (pp->too_large)
		goto out;
	if (pp->expanded + m->nbody > MAX_EXPANDED_TOKENS) {
		pp->too_large = true;
		error_at(pp, "macro expansion too large", use, use->loc);
		goto out;
	}
	if (pp->depth >= MAX_EXPANSION_DEPTH) {
		error_at(pp, "macro expansion too deep (recursive macro?)", use, use->loc);
		goto out;
	}
	if (m->has_params && !macro_args(pp, c, m, use, starts, ends))
		goto out;
	for (size_t i = 0; i < m->nbody; i++) {
		const struct token *t = &m->body[i];
		size_t p = m->nparams;

		if (t->kind == TOK_IDENTIFIER && t->text[0] == '@')
			for (p = 0; p < m->nparams; p++)
				if (strcmp(t->text + 1, m->params[p]) == 0)
					break;
		if (p == m->nparams) {
			emit_token(&expansion, t);
			continue;
		}
		for (size_t k = starts[p]; k < ends[p]; k++)
			emit_token(&expansion, &c->tok[k]);
	}
	pp->expanded += expansion.count;
	{
		struct cursor sub = { expansion.tokens, 0, expansion.count, use->loc };

		pp->depth++;
		process(pp, &sub, out);
		pp->depth--;
	}
out:
	for (size_t i = 0; i < expansion.count; i++)
		token_free_text(&expansion.tokens[i]);
	free(expansion.tokens);
	free(starts);
	free(ends);
}

/* $N, @N, $# or @#: the argument number (0 for the count), or -1. */
static long script_argument_number(const struct token *t)
{
	char *end;
	long n;

	if (t->kind != TOK_IDENTIFIER || (t->text[0] != '$' && t->text[0] != '@'))
		return -1;
	if (strcmp(t->text + 1, "#") == 0)
		return 0;
	if (t->text[1] < '0' || t->text[1] > '9')
		return -1;
	n = strtol(t->text + 1, &end, 10);
	if (*end)
		return -1;
	return n > 0 ? n : LONG_MAX;	/* $0 is never in range */
}

static void push_new_token(struct token_list *out, enum token_kind kind, char *text,
			   size_t len, struct location loc)
{
	struct token t = { text, loc, (unsigned int)len, kind };

	VEC_PUSH(out->tokens, out->count, out->cap, t);
}

/* Replace a script-argument token by its value, at the token's location. */
static void substitute_argument(struct preprocessor *pp, const struct token *t, long n,
				struct token_list *out)
{
	const struct preprocess_target *tg = pp->target;
	const char *value;

	if (n == 0) {
		char *count = xasprintf("%d", tg->nargs);

		push_new_token(out, t->text[0] == '$' ? TOK_NUMBER : TOK_STRING, count,
			       strlen(count), t->loc);
		return;
	}
	if (n > tg->nargs || !tg->args) {
		char *message = xasprintf("command line argument out of range [1-%d]",
					  tg->nargs);

		error_at(pp, message, t, t->loc);
		free(message);
		return;
	}
	value = tg->args[n - 1];
	if (t->text[0] == '@') {
		push_new_token(out, TOK_STRING, xstrdup(value), strlen(value), t->loc);
	} else {
		struct source_file *file = source_file_new(t->text, value, strlen(value));
		struct token_list tokens = { 0 };

		lex_file(file, &tokens);
		for (size_t i = 0; i + 1 < tokens.count; i++) {
			tokens.tokens[i].loc = t->loc;
			VEC_PUSH(out->tokens, out->count, out->cap, tokens.tokens[i]);
			tokens.tokens[i].text = NULL;
		}
		token_list_free(&tokens);
		source_file_free(file);
	}
}

static void process(struct preprocessor *pp, struct cursor *c, struct token_list *out)
{
	const struct token *t;

	while ((t = peek(c))) {
		struct macro *m;
		long arg;

		if (token_is_op(t, "%(")) {
			conditional(pp, c, out);
		} else if (token_is_op(t, "%?") || token_is_op(t, "%:") || token_is_op(t, "%)")) {
			error_at(pp, "unexpected preprocessor operator outside '%( %)'", t, t->loc);
			c->pos++;
		} else if (t->kind == TOK_IDENTIFIER && strcmp(t->text, "@define") == 0) {
			if (pp->depth)
				error_at(pp, "@define inside a macro expansion", t, t->loc);
			define_macro(pp, c);
		} else if (t->kind == TOK_IDENTIFIER && t->text[0] == '@' &&
			   (m = find_macro(pp, t->text + 1))) {
			expand_macro(pp, c, m, out);
		} else if ((arg = script_argument_number(t)) >= 0) {
			substitute_argument(pp, t, arg, out);
			c->pos++;
		} else {
			/* Moved, not copied: the input list is dropped afterwards. */
			VEC_PUSH(out->tokens, out->count, out->cap, c->tok[c->pos]);
			c->tok[c->pos].text = NULL;
			c->pos++;
		}
	}
}

int preprocess(struct token_list *tokens, const struct preprocess_target *target)
{
	struct preprocessor pp = { .target = target };
	/* Without macros the output is at most the input: size it so. */
	struct token_list out = { xmalloc(tokens->count * sizeof(struct token)),
				  0, tokens->count };
	struct cursor c = { tokens->tokens, 0, tokens->count - 1,
			    tokens->tokens[tokens->count - 1].loc };

	process(&pp, &c, &out);
	emit_token(&out, &tokens->tokens[tokens->count - 1]);	/* TOK_EOF */
	token_list_free(tokens);
	*tokens = out;
	for (size_t i = 0; i < pp.nmacros; i++) {
		struct macro *m = &pp.macros[i];

		free(m->name);
		for (size_t k = 0; k < m->nparams; k++)
			free(m->params[k]);
		free(m->params);
		for (size_t k = 0; k < m->nbody; k++)
			token_free_text(&m->body[k]);
		free(m->body);
	}
	free(pp.macros);
	free(pp.config);
	return pp.errors;
}
