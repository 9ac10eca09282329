// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Recursive descent over the token list. Each function parses one grammar
 * rule (quoted above it) and returns NULL after reporting an error; the
 * caller frees what it built and passes the failure up to the declaration
 * loop, which resynchronises at the next top-level keyword.
 */
#include "parse.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "util.h"

struct parser {
	struct token_list tokens;
	size_t pos;
	struct program *prog;
	int errors;
};

static const struct token *peek_tok(const struct parser *p)
{
	return &p->tokens.tokens[p->pos];
}

static const struct token *next_tok(struct parser *p)
{
	const struct token *tok = &p->tokens.tokens[p->pos];

	if (tok->kind != TOK_EOF)
		p->pos++;
	return tok;
}

static bool accept_op(struct parser *p, const char *op)
{
	if (!token_is_op(peek_tok(p), op))
		return false;
	next_tok(p);
	return true;
}

static void error_at(struct parser *p, const struct token *tok, const char *message)
{
	char *desc = token_describe(tok);

	p->errors++;
	diag_parse_error(message, "saw", desc, tok->loc);
	free(desc);
}

static bool expect_op(struct parser *p, const char *op)
{
	char *message;

	if (accept_op(p, op))
		return true;
	message = xasprintf("expected '%s'", op);
	error_at(p, peek_tok(p), message);
	free(message);
	return false;
}

static struct expr *parse_expr(struct parser *p);
static struct stmt *parse_statement(struct parser *p);

/* number: decimal, 0x hex or 0 octal, up to 64 bits unsigned. */
static bool number_value(const char *text, uint64_t *value)
{
	char *end;

	errno = 0;
	*value = strtoull(text, &end, 0);
	return errno == 0 && *end == '\0' && text[0] != '-';
}

static struct expr *parse_number(struct parser *p)
{
	const struct token *tok = next_tok(p);
	struct expr *e;
	uint64_t value;

	if (!number_value(tok->text, &value)) {
		p->pos--;
		error_at(p, tok, "number invalid or out of range");
		return NULL;
	}
	e = expr_new(EXPR_NUMBER, tok->loc);
	e->u.number = value;
	return e;
}

/* string: STRING { STRING }   -- adjacent literals concatenate */
static struct expr *parse_string(struct parser *p)
{
	const struct token *tok = next_tok(p);
	struct expr *e = expr_new(EXPR_STRING, tok->loc);
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addn(&sb, tok->text, tok->len);
	while (peek_tok(p)->kind == TOK_STRING) {
		tok = next_tok(p);
		strbuf_addn(&sb, tok->text, tok->len);
	}
	e->u.string.len = sb.len;
	e->u.string.bytes = strbuf_detach(&sb);
	return e;
}

/* literal: NUMBER | '-' NUMBER | STRING   (probe point and global values) */
static struct expr *parse_literal(struct parser *p)
{
	const struct token *tok = peek_tok(p);

	if (tok->kind == TOK_STRING)
		return parse_string(p);
	if (token_is_op(tok, "-") && p->tokens.tokens[p->pos + 1].kind == TOK_NUMBER) {
		struct expr *e;

		next_tok(p);
		e = parse_number(p);
		if (e) {
			e->loc = tok->loc;
			e->u.number = (uint64_t)0 - e->u.number;
		}
		return e;
	}
	if (tok->kind == TOK_NUMBER)
		return parse_number(p);
	error_at(p, tok, "expected literal string or number");
	return NULL;
}

/* call_args: '(' [ expr { ',' expr } ] ')' */
static struct expr *parse_call(struct parser *p, const struct token *name)
{
	struct expr *e = expr_new(EXPR_CALL, name->loc);
	size_t cap = 0;

	e->u.call.name = xstrdup(name->text);
	next_tok(p);	/* '(' */
	if (accept_op(p, ")"))
		return e;
	do {
		struct expr *arg = parse_expr(p);

		if (!arg) {
			expr_free(e);
			return NULL;
		}
		VEC_PUSH(e->u.call.args, e->u.call.nargs, cap, arg);
	} while (accept_op(p, ","));
	if (!expect_op(p, ")")) {
		expr_free(e);
		return NULL;
	}
	return e;
}

/* primary: NUMBER | STRING | IDENT | IDENT call_args | '(' expr ')' */
static struct expr *parse_primary(struct parser *p)
{
	const struct token *tok = peek_tok(p);

	switch (tok->kind) {
	case TOK_NUMBER:
		return parse_number(p);
	case TOK_STRING:
		return parse_string(p);
	case TOK_IDENTIFIER: {
		struct expr *e;

		next_tok(p);
		if (token_is_op(peek_tok(p), "("))
			return parse_call(p, tok);
		e = expr_new(EXPR_SYMBOL, tok->loc);
		e->u.symbol.name = xstrdup(tok->text);
		return e;
	}
	case TOK_OPERATOR:
		if (token_is_op(tok, "(")) {
			struct expr *e;

			next_tok(p);
			e = parse_expr(p);
			if (e && !expect_op(p, ")")) {
				expr_free(e);
				return NULL;
			}
			return e;
		}
		break;
	default:
		break;
	}
	error_at(p, tok, "expected literal string or number");
	return NULL;
}

static struct expr *make_op(enum expr_kind kind, const struct token *op,
			    struct expr *left, struct expr *right)
{
	struct expr *e = expr_new(kind, op->loc);

	snprintf(e->u.op.op, sizeof(e->u.op.op), "%s", op->text);
	e->u.op.left = left;
	e->u.op.right = right;
	return e;
}

/* postfix: primary [ '++' | '--' ] */
static struct expr *parse_postfix(struct parser *p)
{
	struct expr *e = parse_primary(p);
	const struct token *tok = peek_tok(p);

	if (e && (token_is_op(tok, "++") || token_is_op(tok, "--"))) {
		next_tok(p);
		e = make_op(EXPR_INCDEC, tok, NULL, e);
		e->u.op.prefix = false;
	}
	return e;
}

/* unary: ( '!' | '~' | '-' | '+' | '++' | '--' ) unary | postfix */
static struct expr *parse_unary(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	static const char *const prefix_ops[] = { "!", "~", "-", "+", "++", "--" };

	for (size_t i = 0; i < ARRAY_SIZE(prefix_ops); i++) {
		struct expr *operand, *e;
		bool crement = prefix_ops[i][1] != '\0';

		if (!token_is_op(tok, prefix_ops[i]))
			continue;
		next_tok(p);
		operand = parse_unary(p);
		if (!operand)
			return NULL;
		e = make_op(crement ? EXPR_INCDEC : EXPR_UNARY, tok, NULL, operand);
		e->u.op.prefix = true;
		return e;
	}
	return parse_postfix(p);
}

/* Binary operators by precedence, lowest first, as SystemTap orders them. */
static const struct binary_level {
	enum expr_kind kind;
	const char *ops[7];
} binary_levels[] = {
	{ EXPR_LOGICAL, { "||" } },
	{ EXPR_LOGICAL, { "&&" } },
	{ EXPR_BINARY, { "|" } },
	{ EXPR_BINARY, { "^" } },
	{ EXPR_BINARY, { "&" } },
	{ EXPR_COMPARISON, { "==", "!=", "<", ">", "<=", ">=" } },
	{ EXPR_BINARY, { "<<", ">>" } },
	{ EXPR_BINARY, { "+", "-", "." } },
	{ EXPR_BINARY, { "*", "/", "%" } },
};

static const char *match_level(const struct binary_level *level,
			       const struct token *tok)
{
	if (tok->kind != TOK_OPERATOR)
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(level->ops) && level->ops[i]; i++)
		if (strcmp(tok->text, level->ops[i]) == 0)
			return level->ops[i];
	return NULL;
}

/* binary(L): binary(L+1) { OP(L) binary(L+1) }   -- left associative */
static struct expr *parse_binary(struct parser *p, size_t level)
{
	struct expr *left;

	if (level == ARRAY_SIZE(binary_levels))
		return parse_unary(p);
	left = parse_binary(p, level + 1);
	while (left && match_level(&binary_levels[level], peek_tok(p))) {
		const struct token *op = next_tok(p);
		struct expr *right = parse_binary(p, level + 1);

		if (!right) {
			expr_free(left);
			return NULL;
		}
		left = make_op(binary_levels[level].kind, op, left, right);
	}
	return left;
}

/* ternary: binary [ '?' expr ':' ternary ] */
static struct expr *parse_ternary(struct parser *p)
{
	struct expr *cond = parse_binary(p, 0);
	const struct token *tok = peek_tok(p);
	struct expr *then, *otherwise, *e;

	if (!cond || !token_is_op(tok, "?"))
		return cond;
	next_tok(p);
	then = parse_expr(p);
	if (!then || !expect_op(p, ":")) {
		expr_free(cond);
		expr_free(then);
		return NULL;
	}
	otherwise = parse_ternary(p);
	if (!otherwise) {
		expr_free(cond);
		expr_free(then);
		return NULL;
	}
	e = expr_new(EXPR_TERNARY, tok->loc);
	e->u.ternary.cond = cond;
	e->u.ternary.then = then;
	e->u.ternary.otherwise = otherwise;
	return e;
}

static bool is_assignment_op(const struct token *tok)
{
	static const char *const ops[] = {
		"=", "+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "^=", "|=", ".=",
	};

	if (tok->kind != TOK_OPERATOR)
		return false;
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
		if (strcmp(tok->text, ops[i]) == 0)
			return true;
	return false;
}

/* expr: ternary [ ASSIGN-OP expr ]   -- right associative */
static struct expr *parse_expr(struct parser *p)
{
	struct expr *left = parse_ternary(p);
	const struct token *tok = peek_tok(p);
	struct expr *right;

	if (!left || !is_assignment_op(tok))
		return left;
	next_tok(p);
	right = parse_expr(p);
	if (!right) {
		expr_free(left);
		return NULL;
	}
	return make_op(EXPR_ASSIGN, tok, left, right);
}

/* block: '{' { statement } '}' */
static struct stmt *parse_block(struct parser *p)
{
	const struct token *open = peek_tok(p);
	struct stmt *block;

	if (!expect_op(p, "{"))
		return NULL;
	block = stmt_new(STMT_BLOCK, open->loc);
	while (!token_is_op(peek_tok(p), "}")) {
		struct stmt *s;

		if (peek_tok(p)->kind == TOK_EOF) {
			error_at(p, peek_tok(p), "expected '}'");
			stmt_free(block);
			return NULL;
		}
		s = parse_statement(p);
		if (!s) {
			stmt_free(block);
			return NULL;
		}
		VEC_PUSH(block->u.block.items, block->u.block.count,
			 block->u.block.cap, s);
	}
	next_tok(p);
	return block;
}

/* if_statement: 'if' '(' expr ')' statement [ 'else' statement ] */
static struct stmt *parse_if(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct stmt *s = stmt_new(STMT_IF, kw->loc);

	if (!expect_op(p, "(") || !(s->u.if_.cond = parse_expr(p)) ||
	    !expect_op(p, ")") || !(s->u.if_.then = parse_statement(p)))
		goto fail;
	if (token_is_keyword(peek_tok(p), "else")) {
		next_tok(p);
		s->u.if_.otherwise = parse_statement(p);
		if (!s->u.if_.otherwise)
			goto fail;
	}
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* while_statement: 'while' '(' expr ')' statement */
static struct stmt *parse_while(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct stmt *s = stmt_new(STMT_WHILE, kw->loc);

	if (!expect_op(p, "(") || !(s->u.loop.cond = parse_expr(p)) ||
	    !expect_op(p, ")") || !(s->u.loop.body = parse_statement(p))) {
		stmt_free(s);
		return NULL;
	}
	return s;
}

/* An optional expression of a for header, up to `end`. */
static bool parse_for_part(struct parser *p, struct expr **part, const char *end)
{
	if (!token_is_op(peek_tok(p), end) && !(*part = parse_expr(p)))
		return false;
	return expect_op(p, end);
}

/* for_statement: 'for' '(' [ expr ] ';' [ expr ] ';' [ expr ] ')' statement */
static struct stmt *parse_for(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct stmt *s = stmt_new(STMT_FOR, kw->loc);

	if (!expect_op(p, "(") || !parse_for_part(p, &s->u.loop.init, ";") ||
	    !parse_for_part(p, &s->u.loop.cond, ";") ||
	    !parse_for_part(p, &s->u.loop.incr, ")") ||
	    !(s->u.loop.body = parse_statement(p))) {
		stmt_free(s);
		return NULL;
	}
	return s;
}

/* jump: ( 'break' | 'continue' | 'next' ) [ ';' ] */
static struct stmt *parse_jump(struct parser *p, enum stmt_kind kind)
{
	const struct token *kw = next_tok(p);

	accept_op(p, ";");
	return stmt_new(kind, kw->loc);
}

/* statement: block | ';' | if_statement | while_statement | for_statement
 *          | 'break' | 'continue' | 'next' | expr [ ';' ] */
static struct stmt *parse_statement(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct stmt *s;
	struct expr *e;

	if (token_is_op(tok, "{"))
		return parse_block(p);
	if (token_is_op(tok, ";")) {
		next_tok(p);
		return stmt_new(STMT_NULL, tok->loc);
	}
	if (token_is_keyword(tok, "if"))
		return parse_if(p);
	if (token_is_keyword(tok, "while"))
		return parse_while(p);
	if (token_is_keyword(tok, "for"))
		return parse_for(p);
	if (token_is_keyword(tok, "break"))
		return parse_jump(p, STMT_BREAK);
	if (token_is_keyword(tok, "continue"))
		return parse_jump(p, STMT_CONTINUE);
	if (token_is_keyword(tok, "next"))
		return parse_jump(p, STMT_NEXT);
	if (tok->kind == TOK_KEYWORD) {
		error_at(p, tok, "unsupported statement");
		return NULL;
	}
	e = parse_expr(p);
	if (!e)
		return NULL;
	s = stmt_new(STMT_EXPR, tok->loc);	/* where the statement starts */
	s->u.expr = e;
	accept_op(p, ";");
	return s;
}

/* component: NAME [ '(' literal ')' ]   -- keywords such as 'function' and
 * 'return' are ordinary component names here. */
static bool parse_component(struct parser *p, struct probe_point *pp, size_t *cap)
{
	const struct token *tok = peek_tok(p);
	struct probe_point_component c = { 0 };

	if (tok->kind != TOK_IDENTIFIER && tok->kind != TOK_KEYWORD) {
		error_at(p, tok, "expected identifier or '*'");
		return false;
	}
	next_tok(p);
	c.name = xstrdup(tok->text);
	c.loc = tok->loc;
	if (accept_op(p, "(")) {
		c.arg = parse_literal(p);
		if (!c.arg || !expect_op(p, ")")) {
			free(c.name);
			expr_free(c.arg);
			return false;
		}
	}
	VEC_PUSH(pp->components, pp->ncomponents, *cap, c);
	return true;
}

/* probe_point: component { '.' component } { '?' | '!' } [ 'if' '(' expr ')' ] */
static struct probe_point *parse_probe_point(struct parser *p)
{
	struct probe_point *pp = xcalloc(1, sizeof(*pp));
	size_t cap = 0;

	pp->loc = peek_tok(p)->loc;
	do {
		if (!parse_component(p, pp, &cap))
			goto fail;
	} while (accept_op(p, "."));
	for (;;) {
		if (accept_op(p, "?"))
			pp->optional = true;
		else if (accept_op(p, "!"))
			pp->sufficient = true;
		else
			break;
	}
	if (token_is_keyword(peek_tok(p), "if")) {
		next_tok(p);
		if (!expect_op(p, "(") || !(pp->condition = parse_expr(p)) ||
		    !expect_op(p, ")"))
			goto fail;
	}
	return pp;
fail:
	probe_point_free(pp);
	return NULL;
}

/* probe: 'probe' probe_point { ',' probe_point } block */
static bool parse_probe(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct probe *probe = xcalloc(1, sizeof(*probe));
	size_t cap = 0;

	probe->loc = kw->loc;
	do {
		struct probe_point *pp = parse_probe_point(p);

		if (!pp)
			goto fail;
		VEC_PUSH(probe->points, probe->npoints, cap, pp);
	} while (accept_op(p, ","));
	probe->body = parse_block(p);
	if (!probe->body)
		goto fail;
	VEC_PUSH(p->prog->probes, p->prog->nprobes, p->prog->probes_cap, probe);
	return true;
fail:
	for (size_t i = 0; i < probe->npoints; i++)
		probe_point_free(probe->points[i]);
	free(probe->points);
	free(probe);
	return false;
}

/* global: 'global' NAME [ '=' literal ] { ',' NAME [ '=' literal ] } [ ';' ] */
static bool parse_global(struct parser *p)
{
	next_tok(p);
	do {
		const struct token *name = peek_tok(p);
		struct symbol *g;

		if (name->kind != TOK_IDENTIFIER || name->text[0] == '$' ||
		    name->text[0] == '@') {
			error_at(p, name, "expected identifier");
			return false;
		}
		next_tok(p);
		g = symbol_new(name->text, SCOPE_GLOBAL, name->loc);
		if (accept_op(p, "=")) {
			g->init = parse_literal(p);
			if (!g->init) {
				symbol_free(g);
				return false;
			}
		}
		VEC_PUSH(p->prog->globals, p->prog->nglobals, p->prog->globals_cap, g);
	} while (accept_op(p, ","));
	accept_op(p, ";");
	return true;
}

/* Skip to the next token that can start a top-level declaration. */
static void resynchronise(struct parser *p)
{
	for (;;) {
		const struct token *tok = peek_tok(p);

		if (tok->kind == TOK_EOF || token_is_keyword(tok, "probe") ||
		    token_is_keyword(tok, "global") ||
		    token_is_keyword(tok, "function") ||
		    token_is_keyword(tok, "private"))
			return;
		next_tok(p);
	}
}

int parse_file(struct program *prog, struct source_file *file,
	       const struct preprocess_target *target)
{
	struct parser p = { { NULL, 0, 0 }, 0, prog, 0 };
	int lex_errors = diag_parse_errors;

	VEC_PUSH(prog->files, prog->nfiles, prog->files_cap, file);
	lex_file(file, &p.tokens);
	preprocess(&p.tokens, target);
	p.errors = diag_parse_errors - lex_errors;
	while (peek_tok(&p)->kind != TOK_EOF) {
		const struct token *tok = peek_tok(&p);
		bool ok;

		if (token_is_keyword(tok, "probe")) {
			ok = parse_probe(&p);
		} else if (token_is_keyword(tok, "global")) {
			ok = parse_global(&p);
		} else {
			error_at(&p, tok, "expected 'probe' or 'global'");
			ok = false;
			next_tok(&p);
		}
		if (!ok)
			resynchronise(&p);
	}
	token_list_free(&p.tokens);
	return p.errors;
}
