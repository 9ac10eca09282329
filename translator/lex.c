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

struct spelling {
	const char *text;
	unsigned int len;
};

#define SPELLING(s) { s, sizeof(s) - 1 }

static const struct spelling keywords[] = {
	SPELLING("probe"), SPELLING("global"), SPELLING("private"),
	SPELLING("function"), SPELLING("if"), SPELLING("else"), SPELLING("for"),
	SPELLING("foreach"), SPELLING("in"), SPELLING("limit"), SPELLING("return"),
	SPELLING("delete"), SPELLING("while"), SPELLING("break"),
	SPELLING("continue"), SPELLING("next"), SPELLING("string"), SPELLING("long"),
	SPELLING("try"), SPELLING("catch"),
};

/* In enum lex_operator's order, after OP_NONE. */
#define LEX_OPERATOR_SPELLING(name, spelling) SPELLING(spelling),
static const struct spelling operators[] = {
	LEX_OPERATORS(LEX_OPERATOR_SPELLING)
};
#undef LEX_OPERATOR_SPELLING

/*
 * Every byte's class, by table rather than <ctype.h> calls or compare
 * chains: the lexer asks for every byte of the file. A class says what a
 * token starting with the byte is; IDENT_CHAR marks the bytes that go on
 * a name.
 */
enum byte_class {
	BYTE_JUNK,		/* no token starts with it */
	BYTE_SPACE,		/* ' ' \t \r \f \v */
	BYTE_NEWLINE,
	BYTE_IDENT,		/* letters, '_', '$', '@' */
	BYTE_DIGIT,
	BYTE_QUOTE,
	BYTE_HASH,		/* a comment to the end of the line */
	BYTE_SLASH,		/* a comment, or an operator */
	BYTE_PERCENT,		/* embedded code, or an operator */
	BYTE_OPERATOR,		/* the first byte of an operator */
	BYTE_CLASS_MASK = 15,
	IDENT_CHAR = 16,
};
static unsigned char byte_class[256];

static void index_byte_classes(void)
{
	for (int c = 0; c < 128; c++) {
		unsigned char class = BYTE_JUNK;

		if (isalpha(c) || c == '_' || c == '$' || c == '@')
			class = BYTE_IDENT | IDENT_CHAR;
		else if (isdigit(c))
			class = BYTE_DIGIT | IDENT_CHAR;
		else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			class = BYTE_SPACE;
		else if (c == '\n')
			class = BYTE_NEWLINE;
		else if (c == '"')
			class = BYTE_QUOTE;
		else if (c == '#')
			class = BYTE_HASH;
		else if (c == '/')
			class = BYTE_SLASH;
		else if (c == '%')
			class = BYTE_PERCENT;
		byte_class[c] = class;
	}
}

/* Per first byte, the operators starting with it, longest first, ended
 * by -1: a few candidates instead of the whole table. */
#define MAX_OPERATORS_PER_BYTE 8
static signed char operators_by_byte[256][MAX_OPERATORS_PER_BYTE + 1];

/* The same for keywords. */
#define MAX_KEYWORDS_PER_BYTE 3
static signed char keywords_by_byte[256][MAX_KEYWORDS_PER_BYTE + 1];

static void index_keywords(void)
{
	memset(keywords_by_byte, -1, sizeof(keywords_by_byte));
	for (size_t i = 0; i < ARRAY_SIZE(keywords); i++) {
		signed char *slot = keywords_by_byte[(unsigned char)keywords[i].text[0]];

		while (*slot != -1)
			slot++;
		*slot = (signed char)i;
	}
}

/* The lookup tables, built once. */
static void index_tables(void)
{
	static bool indexed;

	if (indexed)
		return;
	index_byte_classes();
	index_keywords();
	memset(operators_by_byte, -1, sizeof(operators_by_byte));
	for (size_t i = 0; i < ARRAY_SIZE(operators); i++) {
		unsigned char first = (unsigned char)operators[i].text[0];
		signed char *slot = operators_by_byte[first];

		while (*slot != -1)
			slot++;
		*slot = (signed char)i;
		if ((byte_class[first] & BYTE_CLASS_MASK) == BYTE_JUNK)
			byte_class[first] = BYTE_OPERATOR;
	}
	indexed = true;
}

static struct location here(const struct lexer *lx)
{
	return location_at(lx->file, lx->line, (int)(lx->pos - lx->line_start) + 1);
}

static void advance(struct lexer *lx, size_t n)
{
	while (n-- > 0 && lx->pos < lx->end) {
		if (*lx->pos == '\n') {
			lx->line++;
			lx->line_start = lx->pos + 1;
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

/* Tokens are written where the caller wants them (the parser's window),
 * not returned by value and copied on. */
static void make_token(struct lexer *lx, struct token *tok, enum token_kind kind,
		       const char *text, size_t len, struct location loc)
{
	*tok = (struct token){ text, loc, (unsigned int)len, kind, OP_NONE };
	lx->count++;
}

/* A token whose text is a copy of its spelling. */
static void spelled_token(struct lexer *lx, struct token *tok, enum token_kind kind,
			  const char *start, size_t len, struct location loc)
{
	make_token(lx, tok, kind, arena_strndup(lx->arena, start, len), len, loc);
}

static void lex_error(struct location loc, const char *message)
{
	diag_parse_error(message, "at", NULL, loc);
}

/* At a slash-star: past the comment's end, or to the end of the file
 * with an error. */
static void skip_block_comment(struct lexer *lx)
{
	struct location start = here(lx);

	advance(lx, 2);
	while (peek(lx, 0) != -1 && !(peek(lx, 0) == '*' && peek(lx, 1) == '/'))
		advance(lx, 1);
	if (peek(lx, 0) == -1) {
		lex_error(start, "Could not find matching '*/' to close comment");
		return;
	}
	advance(lx, 2);
}

/* Skip blanks and comments; report an unterminated block comment. */
static void skip_space_and_comments(struct lexer *lx)
{
	const char *p = lx->pos, *end = lx->end;

	for (; p < end; p++) {
		switch (byte_class[(unsigned char)*p] & BYTE_CLASS_MASK) {
		case BYTE_SPACE:
			continue;
		case BYTE_NEWLINE:
			lx->line++;
			lx->line_start = p + 1;
			continue;
		case BYTE_HASH:
			break;
		case BYTE_SLASH:
			if (p[1] == '/')
				break;
			if (p[1] == '*') {
				lx->pos = p;
				skip_block_comment(lx);
				p = lx->pos - 1;
				continue;
			}
			/* a '/' operator */
			/* fall through */
		default:
			lx->pos = p;
			return;
		}
		/* A line comment: up to its newline, which is read next. */
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			break;
		p--;
	}
	lx->pos = end;
}

static void lex_identifier(struct lexer *lx, struct token *tok)
{
	struct location loc = here(lx);
	const char *start = lx->pos, *p = start + 1;
	size_t len;

	/* The text's closing NUL is no name byte: no bound test needed. */
	while (byte_class[(unsigned char)*p] & IDENT_CHAR)
		p++;
	/* $# and @#, the argument counts: not the start of a comment. */
	if (p - start == 1 && (*start == '$' || *start == '@') && *p == '#' && p < lx->end)
		p++;
	lx->pos = p;
	len = (size_t)(p - start);
	for (const signed char *k = keywords_by_byte[(unsigned char)*start]; *k != -1; k++) {
		if (keywords[*k].len == len && memcmp(keywords[*k].text, start, len) == 0) {
			make_token(lx, tok, TOK_KEYWORD, keywords[*k].text, len, loc);
			return;
		}
	}
	spelled_token(lx, tok, TOK_IDENTIFIER, start, len, loc);
}

/* Numbers keep their spelling; "0x1f", "017", "42". Validity is checked
 * by the parser, which knows the token's role. */
static void lex_number(struct lexer *lx, struct token *tok)
{
	struct location loc = here(lx);
	const char *start = lx->pos, *p = start;

	while (p < lx->end && isalnum((unsigned char)*p))
		p++;
	lx->pos = p;
	spelled_token(lx, tok, TOK_NUMBER, start, (size_t)(p - start), loc);
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

/* The bytes a string literal's plain run stops at. */
static bool ends_string_run(unsigned char c)
{
	return c == '"' || c == '\\' || c == '\n' || c == '\0';
}

static void lex_string(struct lexer *lx, struct token *tok)
{
	struct location loc = here(lx);
	struct strbuf *sb = &lx->scratch;
	const char *run = lx->pos + 1, *p = run;
	bool escaped = false;

	sb->len = 0;
	for (;;) {
		while (!ends_string_run((unsigned char)*p))
			p++;
		if (p < lx->end && *p == '\0') {
			p++;	/* a NUL byte in the file: part of the string */
			continue;
		}
		if (escaped || *p == '\\')
			strbuf_addn(sb, run, (size_t)(p - run));
		lx->pos = p;
		if (p == lx->end || *p == '\n') {
			lex_error(loc, "Could not find matching closing quote");
			break;
		}
		if (*p == '"') {
			lx->pos = p + 1;
			break;
		}
		/* A backslash: decode the escape after it. */
		escaped = true;
		{
			struct location esc = here(lx);

			lx->pos++;
			if (peek(lx, 0) != -1 && peek(lx, 0) != '\n' && !decode_escape(lx, sb))
				lex_error(esc, "invalid '\\x' escape: expected a hexadecimal digit");
		}
		run = p = lx->pos;
	}
	if (!escaped)
		spelled_token(lx, tok, TOK_STRING, run, (size_t)(p - run), loc);
	else
		spelled_token(lx, tok, TOK_STRING, sb->data ? sb->data : "", sb->len, loc);
}

/* %{ ... %}: the embedded C is kept verbatim. False at an unterminated
 * block, which produces no token. */
static bool lex_embedded(struct lexer *lx, struct token *tok)
{
	struct location loc = here(lx);
	const char *start;

	advance(lx, 2);
	start = lx->pos;
	while (peek(lx, 0) != -1 && !(peek(lx, 0) == '%' && peek(lx, 1) == '}'))
		advance(lx, 1);
	if (peek(lx, 0) == -1) {
		lex_error(loc, "Could not find matching '%}' to close embedded code block");
		return false;
	}
	spelled_token(lx, tok, TOK_EMBEDDED, start, (size_t)(lx->pos - start), loc);
	advance(lx, 2);
	return true;
}

static bool lex_operator(struct lexer *lx, struct token *tok)
{
	const signed char *candidate = operators_by_byte[(unsigned char)*lx->pos];

	for (; *candidate != -1; candidate++) {
		const struct spelling *op = &operators[*candidate];

		/* Spellings are 1 to 3 bytes, and the text ends with a NUL
		 * no operator has: no bound test needed. */
		if ((op->len < 2 || lx->pos[1] == op->text[1]) &&
		    (op->len < 3 || lx->pos[2] == op->text[2])) {
			make_token(lx, tok, TOK_OPERATOR, op->text, op->len, here(lx));
			tok->op = (enum lex_operator)(OP_NONE + 1 + *candidate);
			lx->pos += op->len;
			return true;
		}
	}
	return false;
}

void lexer_init(struct lexer *lx, const struct source_file *file, struct arena *arena)
{
	index_tables();
	memset(lx, 0, sizeof(*lx));
	lx->file = file;
	lx->pos = file->text;
	lx->end = file->text + file->len;
	lx->line = 1;
	lx->line_start = file->text;
	lx->arena = arena;
	strbuf_init(&lx->scratch);
}

void lexer_fini(struct lexer *lx)
{
	strbuf_free(&lx->scratch);
}

void lex_next(struct lexer *lx, struct token *tok)
{
	/* A "#!" first line is a comment, like any other '#' line. */
	for (;;) {
		unsigned char c;

		skip_space_and_comments(lx);
		if (lx->pos == lx->end)
			break;
		c = (unsigned char)*lx->pos;
		switch (byte_class[c] & BYTE_CLASS_MASK) {
		case BYTE_IDENT:
			lex_identifier(lx, tok);
			return;
		case BYTE_DIGIT:
			lex_number(lx, tok);
			return;
		case BYTE_QUOTE:
			lex_string(lx, tok);
			return;
		case BYTE_PERCENT:
			if (lx->pos[1] == '{') {
				if (lex_embedded(lx, tok))
					return;
				continue;
			}
			/* fall through */
		default:
			if (lex_operator(lx, tok))
				return;
			spelled_token(lx, tok, TOK_JUNK, lx->pos, 1, here(lx));
			lx->pos++;	/* not a newline: that is a blank */
			return;
		}
	}
	make_token(lx, tok, TOK_EOF, "", 0, here(lx));
	lx->count--;	/* the end is not a token of the file */
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
