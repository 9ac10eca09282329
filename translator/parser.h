/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parser's shared state and helpers, between parse.c (declarations,
 * probe points, statements) and parse_expr.c (expressions). Not for use
 * outside pass 1.
 */
#ifndef CTAP_PARSER_H
#define CTAP_PARSER_H

#include <stdbool.h>

#include "ast.h"
#include "lex.h"
#include "preprocess.h"

/* Deeper nesting of statements or expressions is a parse error, so that
 * no input can exhaust the stack. */
#define MAX_PARSE_DEPTH 1000

/*
 * The tokens pulled from the preprocessor since the current declaration
 * started, in blocks that never move: a token pointer stays valid until
 * the parser starts on the next declaration and forgets the tokens before.
 */
#define TOKEN_BLOCK_SIZE 256
struct token_window {
	struct token **blocks;
	size_t nblocks;
	size_t blocks_cap;
	size_t count;
	bool at_eof;			/* the last token is the final TOK_EOF */
};

/*
 * The items of the lists being parsed (a block's statements, a call's
 * arguments, keys), gathered on one stack per item type, reused: a list
 * pushes above the lists it is nested in, and is copied out at its final
 * size when it ends, so no array grows by doubling and is trimmed again.
 */
struct expr_stack {
	struct expr **items;
	size_t count, cap;
};

struct stmt_stack {
	struct stmt **items;
	size_t count, cap;
};

struct parser {
	struct preprocessor *pp;
	struct expr_stack exprs;
	struct stmt_stack stmts;
	/* The same for probe points and their components (which do not nest),
	 * and a component name's pieces. */
	struct probe_point **points;
	size_t npoints, points_cap;
	struct probe_point_component *components;
	size_t ncomponents, components_cap;
	struct strbuf name;
	struct token_window window;
	size_t pos;			/* the current token, in window */
	struct program *prog;
	struct node_arena *nodes;	/* the tree's expressions and statements */
	int errors;
	int depth;			/* statements and expressions being parsed */
	bool guru;			/* -g: embedded C and guru-only operators */
	bool in_function;		/* 'return' is allowed */
};

static inline struct expr *new_expr(struct parser *p, enum expr_kind kind,
				    struct location loc)
{
	return node_arena_expr(p->nodes, kind, loc);
}

static inline struct stmt *new_stmt(struct parser *p, enum stmt_kind kind,
				    struct location loc)
{
	return node_arena_stmt(p->nodes, kind, loc);
}

/* A node's name or string, kept with the tree's nodes (freed by
 * node_text_free, like the nodes' own). */
static inline char *new_text(struct parser *p, const char *text, size_t len)
{
	return node_arena_text(p->nodes, text, len);
}

static inline void push_expr(struct parser *p, struct expr *e)
{
	if (p->exprs.count == p->exprs.cap)
		grow_array((void **)&p->exprs.items, &p->exprs.cap, p->exprs.count + 1,
			   sizeof(*p->exprs.items));
	p->exprs.items[p->exprs.count++] = e;
}

/* The expressions pushed since mark, as an array of their own (NULL when
 * none), popped. */
struct expr **take_exprs(struct parser *p, size_t mark, size_t *count);
/* Pop and free the expressions pushed since mark: the list failed. */
void drop_exprs(struct parser *p, size_t mark);

const struct token *peek_ahead(struct parser *p, size_t n);
/* The current token; inline, as most parser steps test it. */
static inline const struct token *peek_tok(struct parser *p)
{
	if (p->pos < p->window.count)
		return &p->window.blocks[p->pos / TOKEN_BLOCK_SIZE][p->pos % TOKEN_BLOCK_SIZE];
	return peek_ahead(p, 0);
}
const struct token *next_tok(struct parser *p);
/* The token before the current one. */
const struct token *previous_tok(const struct parser *p);
bool accept_op(struct parser *p, const char *op);
bool expect_op(struct parser *p, const char *op);
void error_at(struct parser *p, const struct token *tok, const char *message);
/* Count one more level of nesting; false (reported) when too deep. */
bool enter_nesting(struct parser *p);
void leave_nesting(struct parser *p);
/* A name usable as a variable: an identifier not starting with $ or @. */
bool is_plain_identifier(const struct token *tok);

/* expr: the whole expression grammar, assignment down (parse_expr.c). */
struct expr *parse_expr(struct parser *p);
/* literal: NUMBER | '-' NUMBER | STRING { STRING } */
struct expr *parse_literal(struct parser *p);
/* indexable: IDENTIFIER | hist_op   (what 'in' and foreach iterate) */
struct expr *parse_indexable(struct parser *p);
/* keys: key { ',' key } ']'  with '*' as a NULL key; after the '['. */
bool parse_keys(struct parser *p, struct expr ***keys, size_t *nkeys);

#endif
