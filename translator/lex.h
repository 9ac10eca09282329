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
 * The operators, longest first so that the first prefix match is the
 * longest match. The parser tells them apart by enum lex_operator, not by
 * comparing spellings.
 */
#define LEX_OPERATORS(X)						\
	X(OP_STAT_ADD, "<<<") X(OP_SHL_ASSIGN, "<<=") X(OP_SHR_ASSIGN, ">>=")	\
	X(OP_EMBED_OPEN, "%{") X(OP_EMBED_CLOSE, "%}") X(OP_COND_OPEN, "%(")	\
	X(OP_COND_CLOSE, "%)") X(OP_COND_THEN, "%?") X(OP_COND_ELSE, "%:")	\
	X(OP_EQ, "==") X(OP_NE, "!=") X(OP_LE, "<=") X(OP_GE, ">=")		\
	X(OP_LOGICAL_AND, "&&") X(OP_LOGICAL_OR, "||") X(OP_INCREMENT, "++")	\
	X(OP_DECREMENT, "--") X(OP_ADD_ASSIGN, "+=") X(OP_SUB_ASSIGN, "-=")	\
	X(OP_MUL_ASSIGN, "*=") X(OP_DIV_ASSIGN, "/=") X(OP_MOD_ASSIGN, "%=")	\
	X(OP_AND_ASSIGN, "&=") X(OP_XOR_ASSIGN, "^=") X(OP_OR_ASSIGN, "|=")	\
	X(OP_CONCAT_ASSIGN, ".=") X(OP_SHL, "<<") X(OP_SHR, ">>")		\
	X(OP_ARROW, "->") X(OP_MATCH, "=~") X(OP_NOT_MATCH, "!~")		\
	X(OP_LBRACE, "{") X(OP_RBRACE, "}") X(OP_LPAREN, "(") X(OP_RPAREN, ")")	\
	X(OP_LBRACKET, "[") X(OP_RBRACKET, "]") X(OP_SEMICOLON, ";")		\
	X(OP_COMMA, ",") X(OP_CONCAT, ".") X(OP_COLON, ":") X(OP_QUESTION, "?")	\
	X(OP_ASSIGN, "=") X(OP_PLUS, "+") X(OP_MINUS, "-") X(OP_STAR, "*")	\
	X(OP_SLASH, "/") X(OP_PERCENT, "%") X(OP_LESS, "<") X(OP_GREATER, ">")	\
	X(OP_NOT, "!") X(OP_TILDE, "~") X(OP_AMPERSAND, "&") X(OP_PIPE, "|")	\
	X(OP_CARET, "^")

#define LEX_OPERATOR_ENUM(name, spelling) name,
enum lex_operator {
	OP_NONE,	/* not an operator token */
	LEX_OPERATORS(LEX_OPERATOR_ENUM)
	OP_COUNT
};
#undef LEX_OPERATOR_ENUM

/*
 * A plain value, copied freely: operators, keywords and the end share
 * static spellings, every other text lives in the arena the lexer was
 * given, so no token owns memory. 24 bytes: kind and op are 8-bit
 * fields (GCC and Clang take enum bit-fields).
 */
struct token {
	const char *text;	/* NUL-terminated; strings may also hold NULs */
	struct location loc;
	unsigned int len;
	enum token_kind kind : 8;
	enum lex_operator op : 8;	/* OP_NONE unless kind is TOK_OPERATOR */
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

/* file->text must have a NUL at file->len, as every source file has: the
 * lexer's scans stop on it instead of testing the bound at every byte. */
void lexer_init(struct lexer *lx, const struct source_file *file, struct arena *arena);
void lexer_fini(struct lexer *lx);
/*
 * The next token, written to *tok; TOK_EOF at the end, and again on every
 * later call.
 * Lexical errors (unterminated string or comment, bad escape) are
 * reported through diag_parse_error as they are met, and lexing goes on.
 */
void lex_next(struct lexer *lx, struct token *tok);

/* "identifier 'foo'", "operator '}'", "string \"x\"", ... for messages. */
char *token_describe(const struct token *tok);

/* Most tests fail on the first byte, without a call to strcmp. */
static inline bool token_is(const struct token *tok, enum token_kind kind, const char *text)
{
	if (tok->kind != kind || tok->text[0] != text[0])
		return false;
	/* text is mostly a literal: this folds to one byte test for "{", ";". */
	if (text[0] == '\0' || text[1] == '\0')
		return text[0] == '\0' || tok->text[1] == '\0';
	return strcmp(tok->text + 1, text + 1) == 0;
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
