// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Recursive descent over the token list: declarations, probe points and
 * statements here, expressions in parse_expr.c. Each function parses one
 * grammar rule (quoted above it) and returns NULL or false after reporting
 * an error; the caller frees what it built and passes the failure up to
 * the declaration loop, which resynchronises at the next top-level keyword,
 * so every declaration's first error is reported.
 */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "lex.h"
#include "parser.h"
#include "util.h"

static struct token *window_at(const struct token_window *w, size_t i)
{
	return &w->blocks[i / TOKEN_BLOCK_SIZE][i % TOKEN_BLOCK_SIZE];
}

/* The slot for the window's next token. */
static struct token *window_next_slot(struct token_window *w)
{
	if (w->count == w->nblocks * TOKEN_BLOCK_SIZE)
		VEC_PUSH(w->blocks, w->nblocks, w->blocks_cap,
			 xmalloc(TOKEN_BLOCK_SIZE * sizeof(struct token)));
	return window_at(w, w->count);
}

struct expr **take_exprs(struct parser *p, size_t mark, size_t *count)
{
	size_t n = p->exprs.count - mark;
	struct expr **list = NULL;

	if (n) {
		list = xmalloc(n * sizeof(*list));
		memcpy(list, p->exprs.items + mark, n * sizeof(*list));
	}
	p->exprs.count = mark;
	*count = n;
	return list;
}

void drop_exprs(struct parser *p, size_t mark)
{
	while (p->exprs.count > mark)
		expr_free(p->exprs.items[--p->exprs.count]);
}

static void push_stmt(struct parser *p, struct stmt *s)
{
	if (p->stmts.count == p->stmts.cap)
		grow_array((void **)&p->stmts.items, &p->stmts.cap, p->stmts.count + 1,
			   sizeof(*p->stmts.items));
	p->stmts.items[p->stmts.count++] = s;
}

static void window_free(struct token_window *w)
{
	for (size_t i = 0; i < w->nblocks; i++)
		free(w->blocks[i]);
	free(w->blocks);
}

/* Between declarations, when no token pointer is held: keep only the
 * tokens from the current one on, at the window's start. */
static void restart_window(struct parser *p)
{
	struct token_window *w = &p->window;

	for (size_t i = p->pos; i < w->count; i++)
		*window_at(w, i - p->pos) = *window_at(w, i);
	w->count -= p->pos;
	p->pos = 0;
}

/* The token n places ahead, or the final TOK_EOF. */
const struct token *peek_ahead(struct parser *p, size_t n)
{
	struct token_window *w = &p->window;

	while (w->count <= p->pos + n && !w->at_eof) {
		struct token *slot = window_next_slot(w);

		/* Written in place: tokens are not copied on their way here. */
		preprocessor_next(p->pp, slot);
		w->at_eof = slot->kind == TOK_EOF;
		w->count++;
	}
	return window_at(w, p->pos + n < w->count ? p->pos + n : w->count - 1);
}

const struct token *next_tok(struct parser *p)
{
	const struct token *tok = peek_tok(p);

	if (tok->kind != TOK_EOF)
		p->pos++;
	return tok;
}

const struct token *previous_tok(const struct parser *p)
{
	return window_at(&p->window, p->pos - 1);
}

bool accept_op(struct parser *p, const char *op)
{
	if (!token_is_op(peek_tok(p), op))
		return false;
	next_tok(p);
	return true;
}

void error_at(struct parser *p, const struct token *tok, const char *message)
{
	char *desc = token_describe(tok);

	p->errors++;
	diag_parse_error(message, "saw", desc, tok->loc);
	free(desc);
}

bool expect_op(struct parser *p, const char *op)
{
	char *message;

	if (accept_op(p, op))
		return true;
	message = xasprintf("expected '%s'", op);
	error_at(p, peek_tok(p), message);
	free(message);
	return false;
}

bool enter_nesting(struct parser *p)
{
	if (p->depth >= MAX_PARSE_DEPTH) {
		error_at(p, peek_tok(p), "statements or expressions nested too deeply");
		return false;
	}
	p->depth++;
	return true;
}

void leave_nesting(struct parser *p)
{
	p->depth--;
}

bool is_plain_identifier(const struct token *tok)
{
	return tok->kind == TOK_IDENTIFIER && tok->text[0] != '$' && tok->text[0] != '@';
}

static struct stmt *parse_statement(struct parser *p);

/* block: '{' { statement } '}' */
static struct stmt *parse_block(struct parser *p)
{
	const struct token *open = peek_tok(p);
	struct stmt *block;
	size_t mark, n;

	if (!expect_op(p, "{"))
		return NULL;
	block = new_stmt(p, STMT_BLOCK, open->loc);
	mark = p->stmts.count;
	while (!token_is_op(peek_tok(p), "}")) {
		struct stmt *s;

		if (peek_tok(p)->kind == TOK_EOF) {
			error_at(p, peek_tok(p), "expected '}'");
			goto fail;
		}
		s = parse_statement(p);
		if (!s)
			goto fail;
		push_stmt(p, s);
	}
	/* Blocks are most of a tree's arrays: made at their exact size. */
	n = p->stmts.count - mark;
	if (n) {
		block->u.block.items = xmalloc(n * sizeof(*block->u.block.items));
		memcpy(block->u.block.items, p->stmts.items + mark,
		       n * sizeof(*block->u.block.items));
	}
	block->u.block.count = block->u.block.cap = n;
	p->stmts.count = mark;
	next_tok(p);
	return block;
fail:
	while (p->stmts.count > mark)
		stmt_free(p->stmts.items[--p->stmts.count]);
	stmt_free(block);
	return NULL;
}

/* if_statement: 'if' '(' expr ')' statement [ 'else' statement ] */
static struct stmt *parse_if(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct stmt *s = new_stmt(p, STMT_IF, kw->loc);

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
	struct stmt *s = new_stmt(p, STMT_WHILE, kw->loc);

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
	struct stmt *s = new_stmt(p, STMT_FOR, kw->loc);

	if (!expect_op(p, "(") || !parse_for_part(p, &s->u.loop.init, ";") ||
	    !parse_for_part(p, &s->u.loop.cond, ";") ||
	    !parse_for_part(p, &s->u.loop.incr, ")") ||
	    !(s->u.loop.body = parse_statement(p))) {
		stmt_free(s);
		return NULL;
	}
	return s;
}

/* sort: [ '+' | '-' ]   -- at most one in a foreach */
static bool parse_sort(struct parser *p, struct foreach_sort *sort, int column)
{
	const struct token *tok = peek_tok(p);
	int direction = token_is_op(tok, "+") ? 1 : token_is_op(tok, "-") ? -1 : 0;

	if (!direction)
		return true;
	if (sort->direction) {
		error_at(p, tok, "multiple sort directives");
		return false;
	}
	next_tok(p);
	sort->column = column;
	sort->direction = direction;
	sort->loc = tok->loc;
	return true;
}

static struct expr *parse_foreach_variable(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct expr *e;

	if (!is_plain_identifier(tok)) {
		error_at(p, tok, "expected identifier");
		return NULL;
	}
	next_tok(p);
	e = new_expr(p, EXPR_SYMBOL, tok->loc);
	e->u.symbol.name = new_text(p, tok->text, tok->len);
	return e;
}

/* foreach_keys: '[' NAME sort { ',' NAME sort } ']' | NAME sort */
static bool parse_foreach_keys(struct parser *p, struct stmt *s)
{
	bool bracketed = accept_op(p, "[");
	size_t mark = p->exprs.count;

	do {
		struct expr *key = parse_foreach_variable(p);

		if (!key) {
			drop_exprs(p, mark);
			return false;
		}
		push_expr(p, key);
		if (!parse_sort(p, &s->u.foreach->sort, (int)(p->exprs.count - mark))) {
			drop_exprs(p, mark);
			return false;
		}
	} while (bracketed && accept_op(p, ","));
	s->u.foreach->keys = take_exprs(p, mark, &s->u.foreach->nkeys);
	if (bracketed && !token_is_op(peek_tok(p), "]")) {
		error_at(p, peek_tok(p), "expected ',' or ']'");
		return false;
	}
	return !bracketed || expect_op(p, "]");
}

/* sort_aggregate: [ '@count' | '@sum' | '@min' | '@max' | '@avg' ]
 * (what an array of statistics sorts by; a static name, no allocation) */
static const char *parse_sort_aggregate(struct parser *p)
{
	static const char *const names[] = { "@count", "@sum", "@min", "@max", "@avg" };
	const struct token *tok = peek_tok(p);

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (tok->kind == TOK_IDENTIFIER && strcmp(tok->text, names[i]) == 0) {
			next_tok(p);
			return names[i];
		}
	return NULL;
}

/* foreach_statement: 'foreach' '(' [ NAME sort '=' ] foreach_keys 'in'
 *     indexable [ '[' keys ] [ sort_aggregate ] sort [ 'limit' expr ] ')'
 *     statement
 * A sort after the value's name or after the array sorts by value. */
static struct stmt *parse_foreach(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct stmt *s = new_stmt(p, STMT_FOREACH, kw->loc);
	struct foreach_sort *sort = &s->u.foreach->sort;

	if (!expect_op(p, "("))
		goto fail;
	/* v = [k] in a, v- = k in a: the value comes before an '='. */
	if (is_plain_identifier(peek_tok(p)) &&
	    (token_is_op(peek_ahead(p, 1), "=") ||
	     ((token_is_op(peek_ahead(p, 1), "+") || token_is_op(peek_ahead(p, 1), "-")) &&
	      token_is_op(peek_ahead(p, 2), "=")))) {
		s->u.foreach->value = parse_foreach_variable(p);
		if (!parse_sort(p, sort, 0))
			goto fail;
		next_tok(p);	/* '=' */
	}
	if (!parse_foreach_keys(p, s))
		goto fail;
	if (!token_is_keyword(peek_tok(p), "in")) {
		error_at(p, peek_tok(p), "expected 'in'");
		goto fail;
	}
	next_tok(p);
	if (!(s->u.foreach->array = parse_indexable(p)))
		goto fail;
	if (accept_op(p, "[") &&
	    !parse_keys(p, &s->u.foreach->slice, &s->u.foreach->nslice))
		goto fail;
	sort->aggregate = parse_sort_aggregate(p);
	if (!parse_sort(p, sort, 0))
		goto fail;
	if (token_is_keyword(peek_tok(p), "limit")) {
		next_tok(p);
		if (!(s->u.foreach->limit = parse_expr(p)))
			goto fail;
	}
	if (!expect_op(p, ")") || !(s->u.foreach->body = parse_statement(p)))
		goto fail;
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* try_statement: 'try' block 'catch' [ '(' NAME ')' ] block */
static struct stmt *parse_try(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct stmt *s = new_stmt(p, STMT_TRY, kw->loc);

	if (!(s->u.try_.body = parse_block(p)))
		goto fail;
	if (!token_is_keyword(peek_tok(p), "catch")) {
		error_at(p, peek_tok(p), "expected 'catch'");
		goto fail;
	}
	next_tok(p);
	if (accept_op(p, "(")) {
		if (!(s->u.try_.catch_var = parse_foreach_variable(p)) || !expect_op(p, ")"))
			goto fail;
	}
	if (!(s->u.try_.handler = parse_block(p)))
		goto fail;
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* return_statement: 'return' [ expr ]   -- only in a function */
static struct stmt *parse_return(struct parser *p)
{
	const struct token *kw = peek_tok(p);
	struct stmt *s;

	if (!p->in_function) {
		error_at(p, kw, "found 'return' not in function context");
		return NULL;
	}
	next_tok(p);
	s = new_stmt(p, STMT_RETURN, kw->loc);
	if (token_is_op(peek_tok(p), ";") || token_is_op(peek_tok(p), "}"))
		return s;
	if (!(s->u.expr = parse_expr(p))) {
		stmt_free(s);
		return NULL;
	}
	return s;
}

/* delete_statement: 'delete' expr */
static struct stmt *parse_delete(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct stmt *s = new_stmt(p, STMT_DELETE, kw->loc);

	if (!(s->u.expr = parse_expr(p))) {
		stmt_free(s);
		return NULL;
	}
	return s;
}

/* statement: block | ';' | if_statement | while_statement | for_statement
 *          | foreach_statement | try_statement | return_statement
 *          | delete_statement | 'break' | 'continue' | 'next' | expr
 * A simple statement may end with a ';'. */
static struct stmt *parse_statement(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct stmt *s = NULL;
	struct expr *e;

	if (!enter_nesting(p))
		return NULL;
	if (token_is_op(tok, "{")) {
		s = parse_block(p);
	} else if (token_is_op(tok, ";")) {
		next_tok(p);
		s = new_stmt(p, STMT_NULL, tok->loc);
	} else if (token_is_keyword(tok, "if")) {
		s = parse_if(p);
	} else if (token_is_keyword(tok, "while")) {
		s = parse_while(p);
	} else if (token_is_keyword(tok, "for")) {
		s = parse_for(p);
	} else if (token_is_keyword(tok, "foreach")) {
		s = parse_foreach(p);
	} else if (token_is_keyword(tok, "try")) {
		s = parse_try(p);
	} else if (token_is_keyword(tok, "return") || token_is_keyword(tok, "delete") ||
		   token_is_keyword(tok, "break") || token_is_keyword(tok, "continue") ||
		   token_is_keyword(tok, "next")) {
		if (token_is_keyword(tok, "return"))
			s = parse_return(p);
		else if (token_is_keyword(tok, "delete"))
			s = parse_delete(p);
		else
			s = new_stmt(p, token_is_keyword(tok, "break") ? STMT_BREAK :
				     token_is_keyword(tok, "continue") ? STMT_CONTINUE :
				     STMT_NEXT, next_tok(p)->loc);
		if (s)
			accept_op(p, ";");
	} else if (tok->kind == TOK_KEYWORD || tok->kind == TOK_EOF) {
		error_at(p, tok, "expected statement");
	} else if ((e = parse_expr(p))) {
		s = new_stmt(p, STMT_EXPR, tok->loc);	/* where the statement starts */
		s->u.expr = e;
		accept_op(p, ";");
	}
	leave_nesting(p);
	return s;
}

/* Whether b follows a with no space between, as in "sys*_read". */
static bool adjacent(const struct token *a, const struct token *b)
{
	return a->loc.file_id == b->loc.file_id && a->loc.line == b->loc.line &&
	       (size_t)b->loc.col == (size_t)a->loc.col + a->len;
}

static bool is_component_piece(const struct token *tok)
{
	return tok->kind == TOK_IDENTIFIER || tok->kind == TOK_KEYWORD ||
	       tok->kind == TOK_NUMBER || token_is_op(tok, "*");
}

/* component: NAME [ '(' literal ')' ]   -- NAME is identifiers, keywords
 * (function, return), numbers and '*' wildcards written without spaces. */
static bool parse_component(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct probe_point_component c = { 0 };

	if (tok->kind == TOK_NUMBER || !is_component_piece(tok)) {
		error_at(p, tok, "expected identifier or '*'");
		return false;
	}
	p->name.len = 0;
	c.loc = tok->loc;
	for (;;) {
		strbuf_addn(&p->name, tok->text, tok->len);
		next_tok(p);
		if (!is_component_piece(peek_tok(p)) || !adjacent(tok, peek_tok(p)))
			break;
		tok = peek_tok(p);
	}
	c.name = xstrndup(p->name.data, p->name.len);
	if (accept_op(p, "(")) {
		c.arg = parse_literal(p);
		if (!c.arg || !expect_op(p, ")")) {
			free(c.name);
			expr_free(c.arg);
			return false;
		}
	}
	VEC_PUSH(p->components, p->ncomponents, p->components_cap, c);
	return true;
}

/* The components gathered for a probe point become its own, at their
 * final size. */
static void take_components(struct parser *p, struct probe_point *pp)
{
	if (p->ncomponents) {
		pp->components = xmalloc(p->ncomponents * sizeof(*pp->components));
		memcpy(pp->components, p->components,
		       p->ncomponents * sizeof(*pp->components));
	}
	pp->ncomponents = p->ncomponents;
	p->ncomponents = 0;
}

/* probe_point: component { '.' component } [ '?' | '!' ] [ 'if' '(' expr ')' ] */
static struct probe_point *parse_probe_point(struct parser *p)
{
	struct probe_point *pp = xcalloc(1, sizeof(*pp));

	pp->loc = peek_tok(p)->loc;
	p->ncomponents = 0;
	do {
		if (!parse_component(p)) {
			/* The components so far become the point's, to be freed. */
			take_components(p, pp);
			goto fail;
		}
	} while (accept_op(p, "."));
	take_components(p, pp);
	/* One mark at most: '!' already implies '?'. */
	if (accept_op(p, "?"))
		pp->optional = true;
	else if (accept_op(p, "!"))
		pp->sufficient = true;
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

/* probe_points: probe_point { ',' probe_point } */
static bool parse_probe_points(struct parser *p, struct probe *probe)
{
	bool ok = true;

	p->npoints = 0;
	do {
		struct probe_point *pp = parse_probe_point(p);

		if (!pp) {
			ok = false;
			break;
		}
		VEC_PUSH(p->points, p->npoints, p->points_cap, pp);
	} while (accept_op(p, ","));
	/* On failure too: the probe frees the points parsed. */
	if (p->npoints) {
		probe->points = xmalloc(p->npoints * sizeof(*probe->points));
		memcpy(probe->points, p->points, p->npoints * sizeof(*probe->points));
	}
	probe->npoints = p->npoints;
	return ok;
}

/* An alias name is one plain probe point: no '?', '!' or condition. */
static bool check_alias_name(struct parser *p, struct probe *probe,
			     const struct token *op)
{
	const struct probe_point *name = probe->points[0];

	if (probe->npoints != 1) {
		error_at(p, op, "expected probe point specifier");
		return false;
	}
	if (name->optional || name->sufficient || name->condition) {
		error_at(p, op, "probe alias name cannot be optional, sufficient "
			 "or conditional");
		return false;
	}
	probe->alias = probe->points[0];
	free(probe->points);
	probe->points = NULL;
	probe->npoints = 0;
	return true;
}

/* probe: 'probe' probe_points block
 *      | 'probe' probe_point ( '=' | '+=' ) probe_points block */
static bool parse_probe(struct parser *p)
{
	const struct token *kw = next_tok(p);
	struct probe *probe = xcalloc(1, sizeof(*probe));
	const struct token *tok;

	probe->loc = kw->loc;
	if (!parse_probe_points(p, probe))
		goto fail;
	tok = peek_tok(p);
	if (token_is_op(tok, "=") || token_is_op(tok, "+=")) {
		next_tok(p);
		if (!check_alias_name(p, probe, tok))
			goto fail;
		probe->alias_epilogue = token_is_op(tok, "+=");
		if (!parse_probe_points(p, probe))
			goto fail;
	} else if (!token_is_op(tok, "{")) {
		error_at(p, tok, "expected one of ', { } = +='");
		goto fail;
	}
	probe->body = parse_block(p);
	if (!probe->body)
		goto fail;
	if (probe->alias)
		VEC_PUSH(p->prog->aliases, p->prog->naliases, p->prog->aliases_cap, probe);
	else
		VEC_PUSH(p->prog->probes, p->prog->nprobes, p->prog->probes_cap, probe);
	return true;
fail:
	probe_free(probe);
	return false;
}

/* global_decl: NAME [ '%' ] [ '[' NUMBER ']' ] [ '=' literal ] */
static struct symbol *parse_global_decl(struct parser *p, bool private_)
{
	const struct token *name = peek_tok(p);
	struct symbol *g;

	if (!is_plain_identifier(name)) {
		error_at(p, name, "expected identifier");
		return NULL;
	}
	next_tok(p);
	g = symbol_new(name->text, SCOPE_GLOBAL, name->loc);
	g->private_ = private_;
	g->wrap = accept_op(p, "%");
	if (accept_op(p, "[")) {
		const struct token *size = peek_tok(p);
		struct expr *n = size->kind == TOK_NUMBER ? parse_literal(p) : NULL;

		if (!n || n->u.number == 0 || (int64_t)n->u.number < 0) {
			if (size->kind != TOK_NUMBER || n)
				error_at(p, size, "expected a positive array size");
			expr_free(n);
			goto fail;
		}
		g->max_entries = n->u.number;
		expr_free(n);
		if (!expect_op(p, "]"))
			goto fail;
	}
	if (accept_op(p, "=")) {
		g->init = parse_literal(p);
		if (!g->init)
			goto fail;
	}
	return g;
fail:
	symbol_free(g);
	return NULL;
}

/* global: 'global' global_decl { ',' global_decl } [ ';' ] */
static bool parse_global(struct parser *p, bool private_)
{
	next_tok(p);
	do {
		struct symbol *g = parse_global_decl(p, private_);

		if (!g)
			return false;
		VEC_PUSH(p->prog->globals, p->prog->nglobals, p->prog->globals_cap, g);
	} while (accept_op(p, ","));
	accept_op(p, ";");
	return true;
}

/* type: 'long' | 'string' */
static bool parse_type(struct parser *p, enum value_type *type)
{
	const struct token *tok = peek_tok(p);

	if (token_is_keyword(tok, "long"))
		*type = TYPE_LONG;
	else if (token_is_keyword(tok, "string"))
		*type = TYPE_STRING;
	else {
		error_at(p, tok, "expected 'string' or 'long'");
		return false;
	}
	next_tok(p);
	return true;
}

/* parameters: '(' [ NAME [ ':' type ] { ',' NAME [ ':' type ] } ] ')' */
static bool parse_parameters(struct parser *p, struct function *f)
{
	size_t cap = 0;

	if (!expect_op(p, "("))
		return false;
	if (accept_op(p, ")"))
		return true;
	do {
		const struct token *name = peek_tok(p);
		struct parameter param = { NULL, TYPE_UNKNOWN, name->loc };

		if (!is_plain_identifier(name)) {
			error_at(p, name, "expected identifier");
			return false;
		}
		for (size_t i = 0; i < f->nparams; i++) {
			if (strcmp(f->params[i].name, name->text) == 0) {
				error_at(p, name, "duplicate parameter names");
				return false;
			}
		}
		next_tok(p);
		if (accept_op(p, ":") && !parse_type(p, &param.type))
			return false;
		param.name = xstrdup(name->text);
		VEC_PUSH(f->params, f->nparams, cap, param);
	} while (accept_op(p, ","));
	return expect_op(p, ")");
}

/* The pragmas an embedded-C function body declares in comments. */
static unsigned embedded_pragmas(const char *code)
{
	static const struct { const char *comment; unsigned bit; } pragmas[] = {
		{ "/* pure */", PRAGMA_PURE },
		{ "/* unprivileged */", PRAGMA_UNPRIVILEGED },
		{ "/* myproc-unprivileged */", PRAGMA_MYPROC_UNPRIVILEGED },
		{ "/* guru */", PRAGMA_GURU },
		{ "/* stable */", PRAGMA_STABLE },
		{ "/* unmangled */", PRAGMA_UNMANGLED },
	};
	unsigned bits = 0;

	for (size_t i = 0; i < ARRAY_SIZE(pragmas); i++)
		if (strstr(code, pragmas[i].comment))
			bits |= pragmas[i].bit;
	return bits;
}

/* function: 'function' NAME [ ':' type ] parameters [ ':' NUMBER ]
 *           ( block | EMBEDDED ) */
static bool parse_function(struct parser *p, bool private_)
{
	const struct token *name;
	struct function *f = xcalloc(1, sizeof(*f));

	next_tok(p);
	name = peek_tok(p);
	f->private_ = private_;
	if (!is_plain_identifier(name)) {
		error_at(p, name, "expected identifier");
		goto fail;
	}
	next_tok(p);
	f->name = xstrdup(name->text);
	f->loc = name->loc;
	if (accept_op(p, ":") && !parse_type(p, &f->type))
		goto fail;
	if (!parse_parameters(p, f))
		goto fail;
	if (accept_op(p, ":")) {
		struct expr *priority = parse_literal(p);

		if (!priority || priority->kind != EXPR_NUMBER) {
			if (priority)
				error_at(p, previous_tok(p),
					 "expected a number: the function's priority");
			expr_free(priority);
			goto fail;
		}
		f->has_priority = true;
		f->priority = (int64_t)priority->u.number;
		expr_free(priority);
	}
	if (peek_tok(p)->kind == TOK_EMBEDDED) {
		const struct token *code = peek_tok(p);

		if (!p->guru) {
			error_at(p, code, "embedded code in unprivileged script; need stap -g");
			goto fail;
		}
		next_tok(p);
		f->embedded = xstrdup(code->text);
		f->pragmas = embedded_pragmas(code->text);
	} else {
		p->in_function = true;
		f->body = parse_block(p);
		p->in_function = false;
		if (!f->body)
			goto fail;
	}
	VEC_PUSH(p->prog->functions, p->prog->nfunctions, p->prog->functions_cap, f);
	return true;
fail:
	function_free(f);
	return false;
}

/* embedded_block: EMBEDDED   -- top-level C, guru mode only */
static bool parse_embedded_block(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	struct embedded_block block = { NULL, tok->loc };

	if (!p->guru) {
		error_at(p, tok, "embedded code in unprivileged script; need stap -g");
		next_tok(p);
		return false;
	}
	next_tok(p);
	block.code = xstrdup(tok->text);
	VEC_PUSH(p->prog->embedded, p->prog->nembedded, p->prog->embedded_cap, block);
	return true;
}

static bool is_declaration_start(const struct token *tok)
{
	return tok->kind == TOK_EOF || tok->kind == TOK_EMBEDDED ||
	       token_is_keyword(tok, "probe") || token_is_keyword(tok, "global") ||
	       token_is_keyword(tok, "function") || token_is_keyword(tok, "private");
}

/* Skip to the next token that can start a top-level declaration. */
static void resynchronise(struct parser *p)
{
	while (!is_declaration_start(peek_tok(p))) {
		next_tok(p);
		restart_window(p);
	}
}

/* declaration: probe | [ 'private' ] global | [ 'private' ] function
 *            | embedded_block */
static bool parse_declaration(struct parser *p)
{
	const struct token *tok = peek_tok(p);
	bool private_ = false;

	if (token_is_keyword(tok, "probe"))
		return parse_probe(p);
	if (tok->kind == TOK_EMBEDDED)
		return parse_embedded_block(p);
	if (token_is_keyword(tok, "private")) {
		private_ = true;
		next_tok(p);
		tok = peek_tok(p);
		if (!token_is_keyword(tok, "global") && !token_is_keyword(tok, "function")) {
			error_at(p, tok, "expected 'global' or 'function' after 'private'");
			return false;
		}
	}
	if (token_is_keyword(tok, "global"))
		return parse_global(p, private_);
	if (token_is_keyword(tok, "function"))
		return parse_function(p, private_);
	error_at(p, tok, "expected 'probe', 'global', 'private', 'function', or '%{'");
	next_tok(p);
	return false;
}

int parse_file(struct program *prog, struct source_file *file,
	       const struct preprocess_target *target)
{
	struct parser p = { .prog = prog, .guru = target->guru };
	int errors = diag_parse_errors;
	struct arena tokens;

	VEC_PUSH(prog->files, prog->nfiles, prog->files_cap, file);
	arena_init(&tokens);
	p.nodes = node_arena_new();
	p.pp = preprocessor_new(file, target, &tokens);
	/* Like SystemTap, a script with nothing in it is an error. The first
	 * token is the end only once the whole file is preprocessed. */
	if (peek_tok(&p)->kind == TOK_EOF && diag_parse_errors == errors) {
		char *message = xasprintf("Input file '%s' is empty%s.", file->name,
					  preprocessor_file_had_tokens(p.pp) ? " after preprocessing" : "");

		diag_error_plain(message);
		free(message);
	}
	while (peek_tok(&p)->kind != TOK_EOF) {
		restart_window(&p);
		if (!parse_declaration(&p))
			resynchronise(&p);
	}
	window_free(&p.window);
	free(p.exprs.items);
	free(p.stmts.items);
	free(p.points);
	free(p.components);
	strbuf_free(&p.name);
	preprocessor_free(p.pp);
	arena_free(&tokens);
	node_arena_close(p.nodes);
	return diag_parse_errors - errors;
}
