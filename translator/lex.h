/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pass 1a: turn script text into tokens. */
#ifndef CTAP_LEX_H
#define CTAP_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

enum token_kind {
	TOK_EOF,
	TOK_IDENTIFIER,	/* names, including $name and @name forms */
	TOK_KEYWORD,	/* probe, global, if, ... */
	TOK_NUMBER,	/* text kept; value parsed by the parser */
	TOK_STRING,	/* text holds the decoded bytes */
	TOK_OPERATOR,	/* punctuation and operators, text is the spelling */
	TOK_EMBEDDED,	/* %{ ... %}: text is the code between the braces */
	TOK_JUNK,	/* a character no token starts with */
};

/* 32 bytes: a big script has hundreds of thousands of tokens. */
struct token {
	char *text;		/* NUL-terminated; strings may also hold NULs */
	struct location loc;
	unsigned int len;
	enum token_kind kind;
};

struct token_list {
	struct token *tokens;
	size_t count;
	size_t cap;
};

/*
 * Lex the whole file. Lexical errors (unterminated string or comment, bad
 * escape) are reported through diag_parse_error and lexing continues, so
 * every error in the file is reported. The list always ends with TOK_EOF.
 */
void lex_file(const struct source_file *file, struct token_list *out);
void token_list_free(struct token_list *list);
/* Free a token's text: operators, keywords and the end share static
 * spellings, everything else owns its text. */
void token_free_text(struct token *tok);
/* The token with a text of its own where it needs one. */
struct token token_copy(const struct token *tok);

/* "identifier 'foo'", "operator '}'", "string \"x\"", ... for messages. */
char *token_describe(const struct token *tok);

bool token_is(const struct token *tok, enum token_kind kind, const char *text);
static inline bool token_is_op(const struct token *tok, const char *op)
{
	return token_is(tok, TOK_OPERATOR, op);
}
static inline bool token_is_keyword(const struct token *tok, const char *kw)
{
	return token_is(tok, TOK_KEYWORD, kw);
}

#endif
