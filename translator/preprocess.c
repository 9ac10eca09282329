// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The preprocessor works on tokens, as SystemTap's does: a conditional's
 * untaken branch is skipped by counting %( and %), never parsed, so it may
 * hold syntax only another kernel or a later SystemTap understands.
 *
 * It is pulled by the parser a token at a time. What it reads from is a
 * stack of frames: the file (tokens lexed on demand into a window that is
 * emptied whenever it is used up), a conditional's taken branch (a slice
 * of the frame below it) and a macro's expansion (tokens of its own). A
 * frame is popped only when read past its end, so the stack holds what
 * the recursion of a whole-list preprocessor would: expansion depth and
 * conditional nesting are counted, and bounded, exactly as before.
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
	struct location loc;		/* of the name in its @define */
	bool in_library;		/* a .stpm's, in a macro_library */
	char **params;
	size_t nparams, params_cap;
	struct token *body;
	size_t nbody, body_cap;
	bool has_params;
};

struct macro_library {
	struct macro *macros;
	size_t nmacros, macros_cap;
	struct source_file **files;	/* the .stpm files the macros came from */
	size_t nfiles, files_cap;
	struct arena arena;		/* their tokens' texts */
};

/* A slice of tokens being read; `end` excludes TOK_EOF. */
struct cursor {
	struct token *tok;
	size_t pos, end;
	struct location eof_loc;
	/* Per token, whether it came from a library macro's body: a macro
	 * used there means the library's (SystemTap's scoping). NULL: none. */
	const bool *library_scope;
	/* The file's cursor: tokens are lexed into tok[] as they are
	 * peeked, so a pointer into it lasts only until the next peek. */
	struct lexer *lexer;
	size_t cap;
	bool at_eof;
};

enum frame_kind { FRAME_FILE, FRAME_BRANCH, FRAME_EXPANSION };

struct frame {
	struct cursor c;
	enum frame_kind kind;		/* what popping it undoes */
	struct frame *below;
};

struct preprocessor {
	const struct preprocess_target *target;
	/* Loading a .stpm into this library: only definitions may appear. */
	const struct macro_library *library;
	const struct source_file *library_file;
	bool stopped;			/* a .stpm's first stray token (reported) */
	struct macro *macros;
	size_t nmacros, macros_cap;
	char *config;			/* the target's .config, read on first use */
	bool config_read;
	int errors;
	int depth;			/* macro expansions in progress */
	int nesting;			/* conditionals and condition terms open */
	size_t expanded;		/* tokens produced by expansions so far */
	bool too_large;			/* MAX_EXPANDED_TOKENS reached (reported) */
	struct arena *arena;		/* token texts: the file's and $N's */
	struct lexer lexer;
	struct frame file;		/* the bottom of the stack */
	struct frame *top;
	/* Tokens of a $N substitution, handed out before the frames. */
	struct token *pending;
	size_t npending, pending_pos, pending_cap;
};

static void error_at(struct preprocessor *pp, const char *message,
		     const struct token *tok, struct location loc)
{
	char *desc = tok ? token_describe(tok) : NULL;

	pp->errors++;
	diag_parse_error(message, tok ? "saw" : "at", desc, loc);
	free(desc);
}

/* The token at the cursor, or NULL at its end. */
static const struct token *peek(struct cursor *c)
{
	if (c->pos == c->end && c->lexer && !c->at_eof) {
		if (c->end == c->cap)
			grow_array((void **)&c->tok, &c->cap, c->end + 1, sizeof(*c->tok));
		lex_next(c->lexer, &c->tok[c->end]);
		if (c->tok[c->end].kind == TOK_EOF)
			c->at_eof = true;
		else
			c->end++;
	}
	return c->pos < c->end ? &c->tok[c->pos] : NULL;
}

static struct location here(struct cursor *c)
{
	const struct token *t = peek(c);

	return t ? t->loc : c->eof_loc;
}

static bool at_op(struct cursor *c, const char *op)
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
	const struct token *peeked = peek(c);
	struct token operand, *t = &operand;
	char *end;

	memset(o, 0, sizeof(*o));
	if (!peeked) {
		error_at(pp, "expected a preprocessor operand", NULL, here(c));
		return false;
	}
	operand = *peeked;
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
	const struct token *peeked;
	struct token op_token, *op = &op_token;
	const char *op_text = NULL;
	bool ok = false;

	if (!parse_operand(pp, c, &left))
		goto out_left;
	peeked = peek(c);
	for (size_t i = 0; peeked && i < ARRAY_SIZE(ops); i++)
		if (token_is_op(peeked, ops[i]))
			op_text = ops[i];
	if (!op_text) {
		error_at(pp, "expected a comparison operator", peeked, here(c));
		goto out_left;
	}
	op_token = *peeked;
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

static void push_frame(struct preprocessor *pp, struct cursor c, enum frame_kind kind)
{
	struct frame *f = xmalloc(sizeof(*f));

	f->c = c;
	f->kind = kind;
	f->below = pp->top;
	pp->top = f;
}

/* Read the branch [from, to) of the same token array next. */
static void push_branch(struct preprocessor *pp, const struct cursor *c,
			size_t from, size_t to)
{
	struct cursor sub = { c->tok, from, to, c->eof_loc, c->library_scope, NULL, 0, false };

	push_frame(pp, sub, FRAME_BRANCH);
}

/* conditional: '%(' CONDITION '%?' TOKENS [ '%:' TOKENS ] '%)' */
static void conditional(struct preprocessor *pp, struct cursor *c)
{
	const struct token open = *peek(c);
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
		error_at(pp, "missing '%)' to end the conditional", &open, open.loc);
		return;
	}
	c->pos++;	/* %) */
	if (!enter(pp, c))
		return;
	/* The nesting entered is left when the branch's frame is popped. */
	if (value)
		push_branch(pp, c, then_start, then_end);
	else
		push_branch(pp, c, else_start, else_end);
}

static const struct macro *find_in(const struct macro *macros, size_t n,
				    const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(macros[i].name, name) == 0)
			return &macros[i];
	return NULL;
}

/* The macro a use of NAME means: the file's own, else the library's; a
 * use written in a library macro's body sees the library's only. */
static const struct macro *find_macro(const struct preprocessor *pp, const char *name,
				      bool library_scope)
{
	const struct macro_library *lib = pp->target->macros;
	const struct macro *m = library_scope ? NULL
					      : find_in(pp->macros, pp->nmacros, name);

	if (!m && lib)
		m = find_in(lib->macros, lib->nmacros, name);
	return m;
}

static void macro_free(struct macro *m)
{
	free(m->name);
	for (size_t i = 0; i < m->nparams; i++)
		free(m->params[i]);
	free(m->params);
	free(m->body);
}

/* A .stpm may not define a name an earlier one defined (SystemTap's text). */
static bool library_duplicate(struct preprocessor *pp, const struct macro *m)
{
	const struct macro *first;
	char *message, *desc;

	if (!pp->library ||
	    !(first = find_in(pp->library->macros, pp->library->nmacros, m->name)))
		return false;
	desc = xasprintf("identifier '%s'", m->name);
	message = xasprintf("duplicate definition of library macro '@%s'", m->name);
	diag_parse_error(message, "at", desc, m->loc);
	free(message);
	message = xasprintf("macro '@%s' first defined here", m->name);
	diag_parse_error(message, "at", desc, first->loc);
	free(message);
	free(desc);
	pp->errors += 2;
	return true;
}

static bool is_plain_identifier(const struct token *t)
{
	return t && t->kind == TOK_IDENTIFIER && t->text[0] != '$' && t->text[0] != '@';
}

/* define: '@define' NAME [ '(' PARAM { ',' PARAM } ')' ] '%(' BODY '%)' */
static void define_macro(struct preprocessor *pp, struct cursor *c)
{
	const struct token kw = *peek(c), *t;
	struct token name;
	struct macro m = { 0 };
	size_t body_start;

	c->pos++;
	t = peek(c);
	if (!is_plain_identifier(t)) {
		error_at(pp, "expected a macro name after @define", t, here(c));
		return;
	}
	name = *t;
	c->pos++;
	m.name = xstrdup(name.text);
	m.loc = name.loc;
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
		error_at(pp, "missing '%)' to end the macro body", &kw, kw.loc);
		goto fail;
	}
	for (size_t i = body_start; i < c->pos; i++)
		VEC_PUSH(m.body, m.nbody, m.body_cap, c->tok[i]);
	c->pos++;
	if (find_in(pp->macros, pp->nmacros, m.name)) {
		error_at(pp, "macro already defined", &name, name.loc);
		goto fail;
	}
	if (library_duplicate(pp, &m))
		goto fail;
	VEC_PUSH(pp->macros, pp->nmacros, pp->macros_cap, m);
	return;
fail:
	macro_free(&m);
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

static void expand_macro(struct preprocessor *pp, struct cursor *c, const struct macro *m)
{
	const struct token use_token = *peek(c), *use = &use_token;
	size_t *starts = xcalloc(m->nparams + 1, sizeof(size_t));
	size_t *ends = xcalloc(m->nparams + 1, sizeof(size_t));
	struct { struct token *tokens; size_t count, cap; } expansion = { 0 };
	bool *scope = NULL;
	size_t scope_cap = 0, nscope = 0;

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
			VEC_PUSH(expansion.tokens, expansion.count, expansion.cap, *t);
			VEC_PUSH(scope, nscope, scope_cap, m->in_library);
			continue;
		}
		/* An argument keeps the scope of the use. */
		for (size_t k = starts[p]; k < ends[p]; k++) {
			VEC_PUSH(expansion.tokens, expansion.count, expansion.cap, c->tok[k]);
			VEC_PUSH(scope, nscope, scope_cap,
				 c->library_scope && c->library_scope[k]);
		}
	}
	pp->expanded += expansion.count;
	{
		struct cursor sub = { expansion.tokens, 0, expansion.count, use->loc, scope,
				      NULL, 0, false };

		/* The frame owns the tokens; popping it leaves the depth. */
		pp->depth++;
		push_frame(pp, sub, FRAME_EXPANSION);
		free(starts);
		free(ends);
		return;
	}
out:
	free(expansion.tokens);
	free(scope);
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

static void push_pending(struct preprocessor *pp, enum token_kind kind, const char *text,
			 size_t len, struct location loc)
{
	struct token t = { text, loc, (unsigned int)len, kind, OP_NONE };

	VEC_PUSH(pp->pending, pp->npending, pp->pending_cap, t);
}

/* Replace a script-argument token by its value, at the token's location;
 * the value's tokens are handed out as they are, never preprocessed. */
static void substitute_argument(struct preprocessor *pp, const struct token *t, long n)
{
	const struct preprocess_target *tg = pp->target;
	const char *value;

	if (n == 0) {
		char count[16];
		int len = snprintf(count, sizeof(count), "%d", tg->nargs);

		push_pending(pp, t->text[0] == '$' ? TOK_NUMBER : TOK_STRING,
			     arena_strndup(pp->arena, count, (size_t)len), (size_t)len, t->loc);
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
		push_pending(pp, TOK_STRING, arena_strndup(pp->arena, value, strlen(value)),
			     strlen(value), t->loc);
	} else {
		struct source_file *file = source_file_new(t->text, value, strlen(value));
		struct lexer lexer;
		struct token tok;

		lexer_init(&lexer, file, pp->arena);
		for (lex_next(&lexer, &tok); tok.kind != TOK_EOF; lex_next(&lexer, &tok)) {
			tok.loc = t->loc;
			VEC_PUSH(pp->pending, pp->npending, pp->pending_cap, tok);
		}
		lexer_fini(&lexer);
		source_file_free(file);
	}
}

/* In a .stpm, a token that would reach the parser is an error, and
 * SystemTap stops at the first. */
static bool stray_library_token(struct preprocessor *pp, const struct token *t)
{
	char *message, *desc;

	if (!pp->library_file)
		return false;
	message = xasprintf("unexpected token in library macro file '%s'",
			    pp->library_file->name);
	desc = token_describe(t);
	diag_parse_error(message, "at", desc, t->loc);
	free(desc);
	free(message);
	pp->errors++;
	pp->stopped = true;
	return true;
}

/* Drop the top frame, read to its end, undoing what pushing it did. */
static void pop_frame(struct preprocessor *pp)
{
	struct frame *f = pp->top;

	pp->top = f->below;
	if (f->kind == FRAME_EXPANSION) {
		pp->depth--;
		free(f->c.tok);
		free((bool *)f->c.library_scope);
	} else {
		pp->nesting--;
	}
	free(f);
}

/* Where the lexer's TOK_EOF will be: messages about a branch's end point
 * there before the file is lexed that far. */
static struct location end_of_file(const struct source_file *file)
{
	const char *line_start = file->text, *end = file->text + file->len, *nl;
	int line = 1;

	while ((nl = memchr(line_start, '\n', (size_t)(end - line_start)))) {
		line++;
		line_start = nl + 1;
	}
	return location_at(file, line, (int)(end - line_start) + 1);
}

static void preprocessor_init(struct preprocessor *pp, const struct source_file *file,
			      const struct preprocess_target *target, struct arena *arena)
{
	memset(pp, 0, sizeof(*pp));
	pp->target = target;
	pp->arena = arena;
	lexer_init(&pp->lexer, file, arena);
	pp->file.c.lexer = &pp->lexer;
	pp->file.c.eof_loc = end_of_file(file);
	pp->file.kind = FRAME_FILE;
	pp->top = &pp->file;
}

static void preprocessor_fini(struct preprocessor *pp)
{
	while (pp->top != &pp->file)
		pop_frame(pp);
	free(pp->file.c.tok);
	free(pp->pending);
	lexer_fini(&pp->lexer);
	free(pp->macros);
	free(pp->config);
}

/* Whether the preprocessor passes t on as it is, wherever it is read: no
 * conditional, macro, @define or script argument. */
static bool needs_no_preprocessing(const struct token *t)
{
	switch (t->kind) {
	case TOK_EOF:
		return false;
	case TOK_OPERATOR:
		return t->op != OP_COND_OPEN && t->op != OP_COND_THEN &&
		       t->op != OP_COND_ELSE && t->op != OP_COND_CLOSE;
	case TOK_IDENTIFIER:
		return t->text[0] != '@' &&
		       !(t->text[0] == '$' && (t->text[1] == '#' ||
					       (t->text[1] >= '0' && t->text[1] <= '9')));
	default:
		return true;
	}
}

/*
 * Most of a script's tokens come straight from the file: when nothing is
 * pending, the file is the only frame and its window is used up, lex the
 * next token into *out, and keep it there if it needs no preprocessing
 * (true). Otherwise it becomes the window's one token, for next_token to
 * look at (false).
 */
static bool next_plain_file_token(struct preprocessor *pp, struct token *out)
{
	struct cursor *c = &pp->file.c;

	if (pp->top != &pp->file || c->pos != c->end || c->at_eof ||
	    pp->pending_pos < pp->npending || pp->stopped || pp->library_file)
		return false;
	lex_next(c->lexer, out);
	if (needs_no_preprocessing(out))
		return true;
	c->pos = c->end = 0;
	if (out->kind == TOK_EOF)
		c->at_eof = true;
	else
		VEC_PUSH(c->tok, c->end, c->cap, *out);
	return false;
}

/* The next token for the parser; TOK_EOF at the end, and after it. */
static struct token next_token(struct preprocessor *pp)
{
	for (;;) {
		struct cursor *c = &pp->top->c;
		const struct token *t;
		const struct macro *m;
		long arg;

		if (pp->pending_pos < pp->npending)
			return pp->pending[pp->pending_pos++];
		pp->pending_pos = pp->npending = 0;
		/* The file's window is used up: start it again, so it only
		 * ever holds the longest construct read ahead. */
		if (c == &pp->file.c && c->pos == c->end)
			c->pos = c->end = 0;
		t = pp->stopped ? NULL : peek(c);
		if (!t) {
			if (c == &pp->file.c || pp->stopped) {
				struct token eof = { "", pp->file.c.eof_loc, 0, TOK_EOF, OP_NONE };

				if (pp->stopped)
					eof.loc = here(&pp->file.c);
				return eof;
			}
			pop_frame(pp);
			continue;
		}
		if (token_is_op(t, "%(")) {
			conditional(pp, c);
		} else if (token_is_op(t, "%?") || token_is_op(t, "%:") || token_is_op(t, "%)")) {
			error_at(pp, "unexpected preprocessor operator outside '%( %)'", t, t->loc);
			c->pos++;
		} else if (token_is(t, TOK_IDENTIFIER, "@define")) {
			if (pp->depth)
				error_at(pp, "@define inside a macro expansion", t, t->loc);
			define_macro(pp, c);
		} else if (t->kind == TOK_IDENTIFIER && t->text[0] == '@' &&
			   (m = find_macro(pp, t->text + 1,
					   c->library_scope && c->library_scope[c->pos]))) {
			expand_macro(pp, c, m);
		} else if (stray_library_token(pp, t)) {
			continue;
		} else if ((arg = script_argument_number(t)) >= 0) {
			struct token use = *t;

			c->pos++;
			substitute_argument(pp, &use, arg);
		} else {
			c->pos++;
			return *t;
		}
	}
}

struct preprocessor *preprocessor_new(const struct source_file *file,
				      const struct preprocess_target *target,
				      struct arena *arena)
{
	struct preprocessor *pp = xmalloc(sizeof(*pp));

	preprocessor_init(pp, file, target, arena);
	return pp;
}

void preprocessor_next(struct preprocessor *pp, struct token *tok)
{
	if (!next_plain_file_token(pp, tok))
		*tok = next_token(pp);
}

bool preprocessor_file_had_tokens(const struct preprocessor *pp)
{
	return pp->lexer.count > 0;
}

void preprocessor_free(struct preprocessor *pp)
{
	for (size_t i = 0; i < pp->nmacros; i++)
		macro_free(&pp->macros[i]);
	preprocessor_fini(pp);
	free(pp);
}

struct macro_library *macro_library_new(void)
{
	struct macro_library *lib = xcalloc(1, sizeof(*lib));

	arena_init(&lib->arena);
	return lib;
}

void macro_library_free(struct macro_library *lib)
{
	if (!lib)
		return;
	for (size_t i = 0; i < lib->nmacros; i++)
		macro_free(&lib->macros[i]);
	free(lib->macros);
	for (size_t i = 0; i < lib->nfiles; i++)
		source_file_free(lib->files[i]);
	free(lib->files);
	arena_free(&lib->arena);
	free(lib);
}

int macro_library_load(struct macro_library *lib, struct source_file *file,
		       const struct preprocess_target *target)
{
	struct preprocessor pp;
	int errors = diag_parse_errors;

	VEC_PUSH(lib->files, lib->nfiles, lib->files_cap, file);
	preprocessor_init(&pp, file, target, &lib->arena);
	pp.library = lib;
	pp.library_file = file;
	/* Nothing may come out: the first token that does stops it. */
	while (next_token(&pp).kind != TOK_EOF)
		continue;
	errors = diag_parse_errors - errors;
	for (size_t i = 0; i < pp.nmacros; i++) {
		pp.macros[i].in_library = true;
		if (errors)
			macro_free(&pp.macros[i]);
		else
			VEC_PUSH(lib->macros, lib->nmacros, lib->macros_cap, pp.macros[i]);
	}
	preprocessor_fini(&pp);
	return errors;
}
