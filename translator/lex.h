/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pass 1a: turn script text into tokens, one at a time. */
#ifndef CTAP_LEX_H
#define CTAP_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "diag.h"
#include "util.h"

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

/*
 * A plain value, copied freely: operators, keywords and the end share
 * static spellings, every other text lives in the arena the lexer was
 * given, so no token owns memory. 32 bytes.
 */
struct token {
	const char *text;	/* NUL-terminated; strings may also hold NULs */
	struct location loc;
	unsigned int len;
	enum token_kind kind;
};

struct lexer {
	const struct source_file *file;
	const char *pos;
	const char *end;
	int line;
	const char *line_start;	/* columns count bytes from here */
	struct arena *arena;	/* where token texts go */
	struct strbuf scratch;	/* a string literal being decoded */
	size_t count;		/* tokens produced so far, the end not counted */
};

void lexer_init(struct lexer *lx, const struct source_file *file, struct arena *arena);
void lexer_fini(struct lexer *lx);
/*
 * The next token; TOK_EOF at the end, and again on every later call.
 * Lexical errors (unterminated string or comment, bad escape) are
 * reported through diag_parse_error as they are met, and lexing goes on.
 */
struct token lex_next(struct lexer *lx);

/* "identifier 'foo'", "operator '}'", "string \"x\"", ... for messages. */
char *token_describe(const struct token *tok);

/* Most tests fail on the first byte, without a call to strcmp. */
static inline bool token_is(const struct token *tok, enum token_kind kind, const char *text)
{
	return tok->kind == kind && tok->text[0] == text[0] && strcmp(tok->text, text) == 0;
}
static inline bool token_is_op(const struct token *tok, const char *op)
{
	return token_is(tok, TOK_OPERATOR, op);
}
static inline bool token_is_keyword(const struct token *tok, const char *kw)
{
	return token_is(tok, TOK_KEYWORD, kw);
}

#endif
