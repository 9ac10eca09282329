// SPDX-License-Identifier: GPL-2.0-or-later
#include "tapset_scan.h"

#include <string.h>

#include "util.h"

enum scan_token_kind { SCAN_END, SCAN_WORD, SCAN_NUMBER, SCAN_STRING, SCAN_PUNCT };

struct scan_token {
	enum scan_token_kind kind;
	const char *start;
	size_t len;
};

struct scanner {
	const char *p, *end;
	struct scan_token tok;		/* the current token */
	bool after_member;		/* tok follows '.' or '->' */
};

static bool word_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       c == '$' || c == '@';
}

static bool word_char(char c)
{
	return word_start(c) || (c >= '0' && c <= '9');
}

/* Skip blanks and comments (#, //, and unterminated-safe slash-star). */
static void skip_space(struct scanner *sc)
{
	while (sc->p < sc->end) {
		char c = *sc->p;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
			sc->p++;
		} else if (c == '#' || (c == '/' && sc->p + 1 < sc->end && sc->p[1] == '/')) {
			const char *nl = memchr(sc->p, '\n', (size_t)(sc->end - sc->p));

			sc->p = nl ? nl + 1 : sc->end;
		} else if (c == '/' && sc->p + 1 < sc->end && sc->p[1] == '*') {
			const char *q = sc->p + 2;

			while (q + 1 < sc->end && !(q[0] == '*' && q[1] == '/'))
				q++;
			sc->p = q + 1 < sc->end ? q + 2 : sc->end;
		} else {
			return;
		}
	}
}

/* Past a string literal's closing quote (or the end). */
static const char *skip_string(const char *p, const char *end)
{
	for (p++; p < end && *p != '"'; p++)
		if (*p == '\\' && p + 1 < end)
			p++;
	return p < end ? p + 1 : end;
}

/* Past an embedded-C block's closing %} (or the end). */
static const char *skip_embedded(const char *p, const char *end)
{
	for (p += 2; p + 1 < end; p++)
		if (p[0] == '%' && p[1] == '}')
			return p + 2;
	return end;
}

/* Advance to the next token; embedded C counts as nothing at all. */
static void next(struct scanner *sc)
{
	const char *start;

	sc->after_member = sc->tok.kind == SCAN_PUNCT &&
			   ((sc->tok.len == 1 && sc->tok.start[0] == '.') ||
			    (sc->tok.len == 2 && sc->tok.start[0] == '-'));
	for (;;) {
		skip_space(sc);
		if (sc->p + 1 < sc->end && sc->p[0] == '%' && sc->p[1] == '{') {
			sc->p = skip_embedded(sc->p, sc->end);
			continue;
		}
		break;
	}
	start = sc->p;
	sc->tok.start = start;
	if (sc->p >= sc->end) {
		sc->tok.kind = SCAN_END;
		sc->tok.len = 0;
		return;
	}
	if (word_start(*sc->p)) {
		while (sc->p < sc->end && word_char(*sc->p))
			sc->p++;
		sc->tok.kind = SCAN_WORD;
	} else if (*sc->p >= '0' && *sc->p <= '9') {
		while (sc->p < sc->end && word_char(*sc->p))
			sc->p++;
		sc->tok.kind = SCAN_NUMBER;
	} else if (*sc->p == '"') {
		sc->p = skip_string(sc->p, sc->end);
		sc->tok.kind = SCAN_STRING;
	} else {
		/* '->' and '+=' are the only pairs the scan needs whole. */
		if (sc->p + 1 < sc->end &&
		    ((sc->p[0] == '-' && sc->p[1] == '>') || (sc->p[0] == '+' && sc->p[1] == '=')))
			sc->p++;
		sc->p++;
		sc->tok.kind = SCAN_PUNCT;
	}
	sc->tok.len = (size_t)(sc->p - start);
}

static bool is_word(const struct scanner *sc, const char *word)
{
	size_t n = strlen(word);

	return sc->tok.kind == SCAN_WORD && sc->tok.len == n &&
	       memcmp(sc->tok.start, word, n) == 0;
}

static bool is_punct(const struct scanner *sc, const char *op)
{
	size_t n = strlen(op);

	return sc->tok.kind == SCAN_PUNCT && sc->tok.len == n &&
	       memcmp(sc->tok.start, op, n) == 0;
}

/* Skip a balanced ( ... ) starting at the current '('; stop at the end. */
static void skip_parens(struct scanner *sc)
{
	int depth = 0;

	do {
		if (is_punct(sc, "("))
			depth++;
		else if (is_punct(sc, ")"))
			depth--;
		next(sc);
	} while (depth > 0 && sc->tok.kind != SCAN_END);
}

/* function: at the name, after 'function'. */
static void scan_function(struct scanner *sc, bool private_,
			  void (*found)(void *, const struct tapset_definition *), void *ctx)
{
	struct tapset_definition def = { TAPSET_FUNCTION, sc->tok.start, sc->tok.len, 0, private_ };

	if (sc->tok.kind != SCAN_WORD)
		return;
	next(sc);
	if (is_punct(sc, ":")) {	/* the result type */
		next(sc);
		next(sc);
	}
	if (!is_punct(sc, "("))
		return;
	next(sc);
	if (!is_punct(sc, ")")) {
		def.arity = 1;
		while (sc->tok.kind != SCAN_END && !is_punct(sc, ")")) {
			if (is_punct(sc, ","))
				def.arity++;
			next(sc);
		}
	}
	found(ctx, &def);
}

/* global: at the first name, after 'global'. Stops at the first token that
 * does not continue the declaration list, leaving it current. */
static void scan_globals(struct scanner *sc, bool private_,
			 void (*found)(void *, const struct tapset_definition *), void *ctx)
{
	for (;;) {
		struct tapset_definition def = { TAPSET_GLOBAL, sc->tok.start, sc->tok.len, 0,
						 private_ };

		if (sc->tok.kind != SCAN_WORD)
			return;
		found(ctx, &def);
		next(sc);
		if (is_punct(sc, "%"))
			next(sc);
		if (is_punct(sc, "[")) {
			while (sc->tok.kind != SCAN_END && !is_punct(sc, "]"))
				next(sc);
			next(sc);
		}
		if (is_punct(sc, "=")) {
			next(sc);
			if (is_punct(sc, "-"))
				next(sc);
			next(sc);	/* the literal */
		}
		if (!is_punct(sc, ","))
			return;
		next(sc);
	}
}

/* probe: at the first probe point, after 'probe'. Reports the points as
 * aliases when '=' or '+=' follows them. */
static void scan_probe(struct scanner *sc,
		       void (*found)(void *, const struct tapset_definition *), void *ctx)
{
	struct strbuf names;	/* the points' names, NUL-separated */
	size_t npoints = 0;

	strbuf_init(&names);
	for (;;) {
		if (sc->tok.kind != SCAN_WORD)
			goto out;
		strbuf_addn(&names, sc->tok.start, sc->tok.len);
		next(sc);
		if (is_punct(sc, "("))
			skip_parens(sc);
		if (is_punct(sc, ".")) {
			strbuf_addc(&names, '.');
			next(sc);
			continue;
		}
		strbuf_addc(&names, '\0');
		npoints++;
		if (is_punct(sc, "?") || is_punct(sc, "!"))
			next(sc);
		if (!is_punct(sc, ","))
			break;
		next(sc);
	}
	if (is_punct(sc, "=") || is_punct(sc, "+=")) {
		const char *name = names.data;

		for (size_t i = 0; i < npoints; i++) {
			struct tapset_definition def = { TAPSET_ALIAS, name, strlen(name), 0, false };

			found(ctx, &def);
			name += def.name_len + 1;
		}
	}
out:
	strbuf_free(&names);
}

void tapset_scan(const char *text, size_t len,
		 void (*found)(void *ctx, const struct tapset_definition *def),
		 void *ctx)
{
	struct scanner sc = { text, text + len, { SCAN_END, text, 0 }, false };
	bool private_ = false;

	next(&sc);
	while (sc.tok.kind != SCAN_END) {
		bool keyword = sc.tok.kind == SCAN_WORD && !sc.after_member;

		if (keyword && is_word(&sc, "private")) {
			private_ = true;
			next(&sc);
			continue;
		}
		if (keyword && is_word(&sc, "function")) {
			next(&sc);
			scan_function(&sc, private_, found, ctx);
		} else if (keyword && is_word(&sc, "global")) {
			next(&sc);
			scan_globals(&sc, private_, found, ctx);
			private_ = false;
			continue;	/* the current token is not consumed */
		} else if (keyword && is_word(&sc, "probe")) {
			next(&sc);
			scan_probe(&sc, found, ctx);
			private_ = false;
			continue;
		}
		private_ = false;
		next(&sc);
	}
}
