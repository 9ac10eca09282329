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

/* Deeper nesting of statements or expressions is a parse error, so that
 * no input can exhaust the stack. */
#define MAX_PARSE_DEPTH 1000

struct parser {
	struct token_list tokens;
	size_t pos;
	struct program *prog;
	int errors;
	int depth;			/* statements and expressions being parsed */
	bool guru;			/* -g: embedded C and guru-only operators */
	bool in_function;		/* 'return' is allowed */
};

const struct token *peek_tok(const struct parser *p);
const struct token *peek_ahead(const struct parser *p, size_t n);
const struct token *next_tok(struct parser *p);
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
