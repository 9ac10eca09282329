// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * MAXACTION accounting, as SystemTap 4.8's pass 3 does it (read off its
 * -p3 output; see doc/internals.md, "MAXACTION").
 *
 * A probe or function body that cannot loop (no while/for/foreach, no
 * recursion, also in what it calls) is checked once at its entry against
 * the most statements it can run, and then charges nothing: short of that
 * many actions left, the body does not start ("MAXACTION exceeded", with
 * no place for a probe, the function's name for a function).
 *
 * Any other body charges as it goes. The translator keeps a count of the
 * actions seen since the last charge (em->actions_pending) and emits a
 * charge, `actions_remaining -= N` and an error when that leaves nothing,
 * at SystemTap's places: before an if, before a loop and at the end of
 * each iteration's body, before break/continue/next, after return's value,
 * after a call of a function that cannot loop (charging that function's
 * statements), at a try and a catch, at the end of the body, and whenever
 * ten actions are pending. The error names the token SystemTap names,
 * worded as its tokens print ("keyword at F:L:C", "identifier 'x' at ...",
 * "operator '{' at ...").
 */
#include "emit.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ast_walk.h"
#include "builtins.h"
#include "lex.h"

#define ACTIONS_UNBOUNDED SIZE_MAX

/*
 * The built-ins that are tapset functions in SystemTap, and what a call
 * costs there: the statements of the function's body (pid() is
 * `return @const(...)`: 1; ngroups() is embedded C: 0). The ones marked
 * stable are evaluated once per body into a hidden local by a statement
 * SystemTap adds (1 action per distinct function); their calls then cost
 * nothing.
 */
static const struct {
	const char *name;
	unsigned actions;
	bool stable;
} tapset_builtins[] = {
	{ "pid", 1, false }, { "tid", 1, false }, { "target", 1, false },
	{ "matched_str", 1, false }, { "matched", 0, false }, { "ngroups", 0, false },
	{ "exit", 0, false },
	{ "cpu", 0, true }, { "user_mode", 0, true }, { "execname", 0, true },
};

/* Index into tapset_builtins, or -1 for a built-in SystemTap compiles
 * inline (print, printf...). */
static int tapset_builtin(const struct builtin *b)
{
	for (size_t i = 0; i < ARRAY_SIZE(tapset_builtins); i++)
		if (strcmp(tapset_builtins[i].name, b->name) == 0)
			return (int)i;
	return -1;
}

static size_t add_actions(size_t a, size_t b)
{
	return a > ACTIONS_UNBOUNDED - b ? ACTIONS_UNBOUNDED : a + b;
}

/* The functions being counted, innermost last (to stop at recursion). */
struct counter {
	const struct function **nested;
	size_t n, cap;
	size_t total;
};

static size_t count_stmt(struct counter *k, const struct stmt *st);
static size_t count_function_body(struct counter *k, const struct stmt *body);

static void count_call(const struct expr *e, void *ctx)
{
	struct counter *k = ctx;
	const struct function *f;
	size_t body;
	int t;

	if (e->kind != EXPR_CALL)
		return;
	f = e->u.call.function;
	if (!f) {
		t = e->u.call.builtin ? tapset_builtin(e->u.call.builtin) : -1;
		if (t >= 0)
			k->total = add_actions(k->total, tapset_builtins[t].actions);
		return;
	}
	if (!f->body)
		return;		/* embedded C: no statements */
	/* A recursive call adds nothing: SystemTap counts a body once. */
	for (size_t i = 0; i < k->n; i++)
		if (k->nested[i] == f)
			return;
	VEC_PUSH(k->nested, k->n, k->cap, f);
	body = count_function_body(k, f->body);
	k->total = add_actions(k->total, body);
	k->n--;
}

/* The calls in e: what the called functions' bodies cost. */
static size_t count_calls(struct counter *k, const struct expr *e)
{
	struct ast_visitor v = { .expr = count_call, .ctx = k };
	size_t saved = k->total, calls;

	if (!e)
		return 0;
	k->total = 0;
	walk_expr(&v, e);
	calls = k->total;
	k->total = saved;
	return calls;
}

static size_t count_stmt(struct counter *k, const struct stmt *st)
{
	size_t n = 0;

	if (!st)
		return 0;
	switch (st->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < st->u.block.count; i++)
			n = add_actions(n, count_stmt(k, st->u.block.items[i]));
		return n;
	case STMT_EXPR:
	case STMT_DELETE:
	case STMT_RETURN:
		return add_actions(1, count_calls(k, st->u.expr));
	case STMT_IF: {
		size_t then = count_stmt(k, st->u.if_.then);
		size_t otherwise = count_stmt(k, st->u.if_.otherwise);

		n = add_actions(1, count_calls(k, st->u.if_.cond));
		return add_actions(n, then > otherwise ? then : otherwise);
	}
	case STMT_WHILE:
	case STMT_FOR:
	case STMT_FOREACH:
		return ACTIONS_UNBOUNDED;
	case STMT_NEXT:
	case STMT_BREAK:
	case STMT_CONTINUE:
		return 1;
	case STMT_TRY:
		return add_actions(count_stmt(k, st->u.try_.body),
				   count_stmt(k, st->u.try_.handler));
	case STMT_NULL:
		return 0;
	}
	return 0;
}

/* The stable functions a body calls, in the order of their first calls. */
struct stable_calls {
	unsigned seen;
	size_t n;
	const struct expr *first[ARRAY_SIZE(tapset_builtins)];
};

static void note_stable_call(const struct expr *e, void *ctx)
{
	struct stable_calls *sc = ctx;
	int t;

	if (e->kind != EXPR_CALL || e->u.call.function || !e->u.call.builtin)
		return;
	t = tapset_builtin(e->u.call.builtin);
	if (t >= 0 && tapset_builtins[t].stable && !(sc->seen & (1u << t))) {
		sc->seen |= 1u << t;
		sc->first[sc->n++] = e;
	}
}

static void find_stable_calls(const struct stmt *body, struct stable_calls *sc)
{
	struct ast_visitor v = { .expr = note_stable_call, .ctx = sc };

	memset(sc, 0, sizeof(*sc));
	walk_stmt(&v, body);
}

/* The statements SystemTap adds to a body: one per stable function it calls. */
static size_t stable_statements(const struct stmt *body)
{
	struct stable_calls sc;

	find_stable_calls(body, &sc);
	return sc.n;
}

static size_t count_function_body(struct counter *k, const struct stmt *body)
{
	return add_actions(stable_statements(body), count_stmt(k, body));
}

/* SystemTap's statement count of a body: ACTIONS_UNBOUNDED if it loops
 * (recursion is no loop there: a recursive call adds nothing). */
static size_t body_actions(const struct function *f, const struct stmt *body)
{
	struct counter k = { 0 };
	size_t n;

	if (f)
		VEC_PUSH(k.nested, k.n, k.cap, f);
	n = count_function_body(&k, body);
	free(k.nested);
	return n;
}

/* A function's statement count, ACTIONS_UNBOUNDED if it can loop. */
static size_t function_actions(const struct function *f)
{
	return f->body ? body_actions(f, f->body) : 0;
}

/*
 * "keyword at F:L:C", "identifier 'x' at ...": the token at loc as
 * SystemTap's messages print a token (keywords and embedded code without
 * their text, other tokens with it, unprintable bytes as '?').
 */
static char *token_place(struct location loc)
{
	const struct source_file *file = location_file(loc);
	char *where = location_string(loc);
	struct strbuf sb;
	struct lexer lx;
	struct arena arena;
	struct token tok;
	const char *line_start, *p;
	int line = 1;

	if (!file || !loc.line || !loc.col)
		return where;
	for (line_start = file->text; line < (int)loc.line; line++) {
		p = memchr(line_start, '\n', file->len - (size_t)(line_start - file->text));
		if (!p)
			return where;
		line_start = p + 1;
	}
	if ((size_t)(line_start - file->text) + loc.col - 1 > file->len)
		return where;
	arena_init(&arena);
	lexer_init(&lx, file, &arena);
	lx.pos = line_start + loc.col - 1;
	lx.line = (int)loc.line;
	lx.line_start = line_start;
	lex_next(&lx, &tok);
	strbuf_init(&sb);
	switch (tok.kind) {
	case TOK_KEYWORD:
		strbuf_adds(&sb, "keyword");
		break;
	case TOK_EMBEDDED:
		strbuf_adds(&sb, "embedded-code");
		break;
	default:
		strbuf_adds(&sb, tok.kind == TOK_IDENTIFIER ? "identifier '" :
			    tok.kind == TOK_OPERATOR ? "operator '" :
			    tok.kind == TOK_NUMBER ? "number '" :
			    tok.kind == TOK_STRING ? "string '" :
			    tok.kind == TOK_JUNK ? "junk '" : "unknown token '");
		for (unsigned i = 0; i < tok.len; i++)
			strbuf_addc(&sb, isprint((unsigned char)tok.text[i]) ? tok.text[i] : '?');
		strbuf_addc(&sb, '\'');
		break;
	}
	strbuf_addf(&sb, " at %s", where);
	lexer_fini(&lx);
	arena_free(&arena);
	free(where);
	return strbuf_detach(&sb);
}

/* The token SystemTap names for a statement: a block with one statement
 * left (nested blocks flattened, as its pass 2 does) is that statement. */
static const struct stmt *single_statement(const struct stmt *st, size_t *count)
{
	const struct stmt *only = NULL;

	if (st->kind != STMT_BLOCK) {
		(*count)++;
		return st;
	}
	for (size_t i = 0; i < st->u.block.count; i++) {
		const struct stmt *s = single_statement(st->u.block.items[i], count);

		if (s)
			only = s;
	}
	return only;
}

static struct location statement_token(const struct stmt *st)
{
	size_t count = 0;
	const struct stmt *only = single_statement(st, &count);

	return count == 1 ? only->loc : st->loc;
}

static void put_charge(struct emitter *em, size_t n, struct location at, bool inline_code)
{
	char *place = token_place(at);

	if (!inline_code)
		put_indent(em);
	putf(em, "c->actions_remaining -= %zu; if (unlikely(c->actions_remaining <= 0)) { "
	     "stp_error(c, \"MAXACTION exceeded\", ", n);
	put_c_string(em, place, strlen(place));
	put(em, "); goto out; }");
	put(em, inline_code ? " " : "\n");
	free(place);
}

static void record(struct emitter *em, size_t n, struct location at, bool update,
		   bool inline_code)
{
	if (em->actions_checked)
		return;
	em->actions_pending = add_actions(em->actions_pending, n);
	if ((update && em->actions_pending > 0) || em->actions_pending >= 10) {
		put_charge(em, em->actions_pending, at, inline_code);
		em->actions_pending = 0;
	}
}

void action_count(struct emitter *em, size_t n, struct location at)
{
	record(em, n, at, false, false);
}

void action_charge(struct emitter *em, size_t n, struct location at)
{
	record(em, n, at, true, false);
}

void action_charge_body_end(struct emitter *em, const struct stmt *body)
{
	record(em, 0, statement_token(body), true, false);
}

void action_charge_body_start(struct emitter *em, const struct stmt *body)
{
	record(em, 1, statement_token(body), true, false);
}

void action_charge_call(struct emitter *em, const struct expr *call)
{
	const struct function *f = call->u.call.function;
	size_t n;

	if (f) {
		n = function_actions(f);
		if (n == ACTIONS_UNBOUNDED)
			return;		/* it charges for itself */
	} else {
		int t = tapset_builtin(call->u.call.builtin);

		if (t < 0 || tapset_builtins[t].stable)
			return;
		n = tapset_builtins[t].actions;
	}
	record(em, n, call->loc, true, true);
}

bool action_call_charges(const struct emitter *em, const struct expr *call)
{
	int t;

	if (em->actions_checked)
		return false;
	if (call->u.call.function)
		return true;
	t = tapset_builtin(call->u.call.builtin);
	return t >= 0 && !tapset_builtins[t].stable;
}

void emit_action_entry(struct emitter *em, const struct stmt *body)
{
	const struct function *f = em->function;
	size_t n = body_actions(f, body);

	em->actions_pending = 0;
	em->actions_checked = false;
	if (n == ACTIONS_UNBOUNDED || em->s->keep_unused) {
		struct stable_calls sc;

		/* SystemTap's statements for the stable functions run first,
		 * the last function's first (each goes in at the top); each
		 * call there charges what the statements before it counted. */
		find_stable_calls(body, &sc);
		for (size_t i = sc.n; i-- > 0;) {
			record(em, 0, sc.first[i]->loc, true, false);
			record(em, 1, sc.first[i]->loc, false, false);
		}
		return;
	}
	em->actions_checked = true;
	if (!n)
		return;
	putf(em, "\tif (c->actions_remaining < %zu) { stp_error(c, \"MAXACTION exceeded\", ", n);
	if (f) {
		char *where = location_string(f->loc);
		char *place = xasprintf("identifier '%s' at %s", f->name, where);

		put_c_string(em, place, strlen(place));
		free(place);
		free(where);
	} else {
		put(em, "NULL");
	}
	put(em, "); goto out; }\n");
}
