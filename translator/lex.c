// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The lexer follows SystemTap's token classes: identifiers may start with
 * '$' or '@' (context variables, script arguments, @-operators), keywords
 * are identifiers with a reserved spelling, and operators use longest match.
 */
#include "lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const keywords[] = {
	"probe", "global", "private", "function", "if", "else", "for",
	"foreach", "in", "limit", "return", "delete", "while", "break",
	"continue", "next", "string", "long", "try", "catch",
};

/* Longest first, so the first prefix match is the longest match. */
static const char *const operators[] = {
	"<<<", "<<=", ">>=", "%{", "%}", "%(", "%)", "%?", "%:",
	"==", "!=", "<=", ">=", "&&", "||", "++", "--", "+=", "-=", "*=",
	"/=", "%=", "&=", "^=", "|=", ".=", "<<", ">>", "->", "=~", "!~",
	"{", "}", "(", ")", "[", "]", ";", ",", ".", ":", "?", "=", "+",
	"-", "*", "/", "%", "<", ">", "!", "~", "&", "|", "^",
};

struct lexer {
	const struct source_file *file;
	const char *pos;
	const char *end;
	int line;
	int col;
	struct token_list *out;
};

bool token_is(const struct token *tok, enum token_kind kind, const char *text)
{
	return tok->kind == kind && strcmp(tok->text, text) == 0;
}

static struct location here(const struct lexer *lx)
{
	struct location loc = { lx->file, lx->line, lx->col };

	return loc;
}

static void advance(struct lexer *lx, size_t n)
{
	while (n-- > 0 && lx->pos < lx->end) {
		if (*lx->pos == '\n') {
			lx->line++;
			lx->col = 1;
		} else {
			lx->col++;
		}
		lx->pos++;
	}
}

static int peek(const struct lexer *lx, size_t ahead)
{
	if (lx->pos + ahead >= lx->end)
		return -1;
	return (unsigned char)lx->pos[ahead];
}

static void emit(struct lexer *lx, enum token_kind kind, char *text,
		 size_t len, struct location loc)
{
	struct token tok = { text, loc, (unsigned int)len, kind };

	VEC_PUSH(lx->out->tokens, lx->out->count, lx->out->cap, tok);
}

static void lex_error(struct location loc, const char *message)
{
	diag_parse_error(message, "at", NULL, loc);
}

/* Skip blanks and comments; report an unterminated block comment. */
static void skip_space_and_comments(struct lexer *lx)
{
	for (;;) {
		int c = peek(lx, 0);

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			advance(lx, 1);
		} else if (c == '#' || (c == '/' && peek(lx, 1) == '/')) {
			while (peek(lx, 0) != -1 && peek(lx, 0) != '\n')
				advance(lx, 1);
		} else if (c == '/' && peek(lx, 1) == '*') {
			struct location start = here(lx);

			advance(lx, 2);
			while (peek(lx, 0) != -1 &&
			       !(peek(lx, 0) == '*' && peek(lx, 1) == '/'))
				advance(lx, 1);
			if (peek(lx, 0) == -1) {
				lex_error(start, "Could not find matching '*/' to close comment");
				return;
			}
			advance(lx, 2);
		} else {
			return;
		}
	}
}

static bool is_ident_start(int c)
{
	return c == '_' || c == '$' || c == '@' || (c >= 0 && isalpha(c));
}

static bool is_ident_char(int c)
{
	return c == '_' || c == '$' || c == '@' || (c >= 0 && isalnum(c));
}

static void lex_identifier(struct lexer *lx)
{
	struct location loc = here(lx);
	const char *start = lx->pos;
	enum token_kind kind = TOK_IDENTIFIER;
	size_t len;

	while (is_ident_char(peek(lx, 0)))
		advance(lx, 1);
	/* $# and @#, the argument counts: not the start of a comment. */
	if (lx->pos - start == 1 && (*start == '$' || *start == '@') && peek(lx, 0) == '#')
		advance(lx, 1);
	len = (size_t)(lx->pos - start);
	for (size_t i = 0; i < ARRAY_SIZE(keywords); i++) {
		if (keywords[i][0] == start[0] && strlen(keywords[i]) == len &&
		    memcmp(keywords[i], start, len) == 0) {
			emit(lx, TOK_KEYWORD, (char *)keywords[i], len, loc);
			return;
		}
	}
	emit(lx, kind, xstrndup(start, len), len, loc);
}

/* Numbers keep their spelling; "0x1f", "017", "42". Validity is checked
 * by the parser, which knows the token's role. */
static void lex_number(struct lexer *lx)
{
	struct location loc = here(lx);
	const char *start = lx->pos;

	while (peek(lx, 0) != -1 && isalnum(peek(lx, 0)))
		advance(lx, 1);
	emit(lx, TOK_NUMBER, xstrndup(start, (size_t)(lx->pos - start)),
	     (size_t)(lx->pos - start), loc);
}

/* Decode one escape after the backslash; false for "\x" without a hex
 * digit, which C (and so SystemTap's generated code) rejects. Any other
 * character stands for itself, as C compilers and SystemTap take it. */
static bool decode_escape(struct lexer *lx, struct strbuf *sb)
{
	int c = peek(lx, 0);
	int value = 0, digits = 0;

	switch (c) {
	case 'n': strbuf_addc(sb, '\n'); break;
	case 't': strbuf_addc(sb, '\t'); break;
	case 'r': strbuf_addc(sb, '\r'); break;
	case 'a': strbuf_addc(sb, '\a'); break;
	case 'b': strbuf_addc(sb, '\b'); break;
	case 'f': strbuf_addc(sb, '\f'); break;
	case 'v': strbuf_addc(sb, '\v'); break;
	case 'x':
		advance(lx, 1);
		while (digits < 2 && peek(lx, 0) != -1 && isxdigit(peek(lx, 0))) {
			int d = peek(lx, 0);

			value = value * 16 + (isdigit(d) ? d - '0' : tolower(d) - 'a' + 10);
			digits++;
			advance(lx, 1);
		}
		if (digits == 0)
			return false;
		strbuf_addc(sb, (char)value);
		return true;
	default:
		if (c >= '0' && c <= '7') {
			while (digits < 3 && peek(lx, 0) >= '0' && peek(lx, 0) <= '7') {
				value = value * 8 + (peek(lx, 0) - '0');
				digits++;
				advance(lx, 1);
			}
			strbuf_addc(sb, (char)value);
			return true;
		}
		strbuf_addc(sb, (char)c);
		break;
	}
	advance(lx, 1);
	return true;
}

static void lex_string(struct lexer *lx)
{
	struct location loc = here(lx);
	struct strbuf sb;

	strbuf_init(&sb);
	advance(lx, 1);
	for (;;) {
		int c = peek(lx, 0);

		if (c == -1 || c == '\n') {
			lex_error(loc, "Could not find matching closing quote");
			break;
		}
		if (c == '"') {
			advance(lx, 1);
			break;
		}
		if (c == '\\') {
			struct location esc = here(lx);

			advance(lx, 1);
			if (peek(lx, 0) == -1 || peek(lx, 0) == '\n')
				continue;	/* reported as unterminated */
			if (!decode_escape(lx, &sb))
				lex_error(esc, "invalid '\\x' escape: expected a hexadecimal digit");
			continue;
		}
		strbuf_addc(&sb, (char)c);
		advance(lx, 1);
	}
	{
		size_t len = sb.len;

		emit(lx, TOK_STRING, strbuf_detach(&sb), len, loc);
	}
}

/* %{ ... %}: the embedded C is kept verbatim. */
static void lex_embedded(struct lexer *lx)
{
	struct location loc = here(lx);
	const char *start;

	advance(lx, 2);
	start = lx->pos;
	while (peek(lx, 0) != -1 && !(peek(lx, 0) == '%' && peek(lx, 1) == '}'))
		advance(lx, 1);
	if (peek(lx, 0) == -1) {
		lex_error(loc, "Could not find matching '%}' to close embedded code block");
		return;
	}
	emit(lx, TOK_EMBEDDED, xstrndup(start, (size_t)(lx->pos - start)),
	     (size_t)(lx->pos - start), loc);
	advance(lx, 2);
}

static bool lex_operator(struct lexer *lx)
{
	for (size_t i = 0; i < ARRAY_SIZE(operators); i++) {
		size_t n;

		if (operators[i][0] != *lx->pos)
			continue;
		n = strlen(operators[i]);

		if ((size_t)(lx->end - lx->pos) >= n &&
		    memcmp(lx->pos, operators[i], n) == 0) {
			emit(lx, TOK_OPERATOR, (char *)operators[i], n, here(lx));
			advance(lx, n);
			return true;
		}
	}
	return false;
}

void lex_file(const struct source_file *file, struct token_list *out)
{
	struct lexer lx = { file, file->text, file->text + file->len, 1, 1, out };

	/* A "#!" first line is a comment, like any other '#' line. */
	for (;;) {
		int c;

		skip_space_and_comments(&lx);
		c = peek(&lx, 0);
		if (c == -1)
			break;
		if (c == '%' && peek(&lx, 1) == '{')
			lex_embedded(&lx);
		else if (is_ident_start(c))
			lex_identifier(&lx);
		else if (isdigit(c))
			lex_number(&lx);
		else if (c == '"')
			lex_string(&lx);
		else if (!lex_operator(&lx)) {
			struct location loc = here(&lx);

			emit(&lx, TOK_JUNK, xstrndup(lx.pos, 1), 1, loc);
			advance(&lx, 1);
		}
	}
	emit(&lx, TOK_EOF, (char *)"", 0, here(&lx));
	/* Give back what doubling left over: the list lives through pass 1. */
	out->tokens = xrealloc(out->tokens, out->count * sizeof(*out->tokens));
	out->cap = out->count;
}

static bool has_static_text(enum token_kind kind)
{
	return kind == TOK_OPERATOR || kind == TOK_KEYWORD || kind == TOK_EOF;
}

void token_free_text(struct token *tok)
{
	if (!has_static_text(tok->kind))
		free(tok->text);
	tok->text = NULL;
}

struct token token_copy(const struct token *tok)
{
	struct token copy = *tok;

	if (!has_static_text(tok->kind)) {
		copy.text = xmalloc(tok->len + 1);
		memcpy(copy.text, tok->text, tok->len + 1);
	}
	return copy;
}

void token_list_free(struct token_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		token_free_text(&list->tokens[i]);
	free(list->tokens);
	list->tokens = NULL;
	list->count = list->cap = 0;
}

char *token_describe(const struct token *tok)
{
	struct strbuf sb;

	strbuf_init(&sb);
	switch (tok->kind) {
	case TOK_EOF:
		return xstrdup("end of input");
	case TOK_IDENTIFIER:
		return xasprintf("identifier '%s'", tok->text);
	case TOK_KEYWORD:
		return xasprintf("keyword '%s'", tok->text);
	case TOK_NUMBER:
		return xasprintf("number '%s'", tok->text);
	case TOK_OPERATOR:
		return xasprintf("operator '%s'", tok->text);
	case TOK_EMBEDDED:
		return xstrdup("embedded-code");
	case TOK_JUNK:
		return xasprintf("junk '%s'", tok->text);
	case TOK_STRING:
		strbuf_adds(&sb, "string '");
		strbuf_add_c_string(&sb, tok->text, tok->len);
		strbuf_addc(&sb, '\'');
		return strbuf_detach(&sb);
	}
	return xstrdup("token");
}
