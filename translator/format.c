// SPDX-License-Identifier: GPL-2.0-or-later
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static void add_text(struct format *f, const char *text, size_t len)
{
	struct format_piece piece = { text, len, 0, 0, -1, -1, false, false };

	if (!len)
		return;
	/* Merge with the literal before, so "%%" never splits the text. */
	if (f->count && !f->pieces[f->count - 1].conv &&
	    f->pieces[f->count - 1].text + f->pieces[f->count - 1].len == text) {
		f->pieces[f->count - 1].len += len;
		return;
	}
	VEC_PUSH(f->pieces, f->count, f->cap, piece);
}

static unsigned flag_bit(char c)
{
	switch (c) {
	case '-': return FMT_LEFT;
	case '+': return FMT_PLUS;
	case ' ': return FMT_SPACE;
	case '0': return FMT_ZERO;
	case '#': return FMT_ALT;
	default: return 0;
	}
}

/* Digits at *p (at most a sane width), advancing *p; -1 if none. */
static int parse_count(const char **p, const char *end)
{
	long n = -1;

	while (*p < end && **p >= '0' && **p <= '9') {
		n = (n < 0 ? 0 : n * 10) + (**p - '0');
		if (n > 1000000)
			n = 1000000;
		(*p)++;
	}
	return (int)n;
}

bool format_parse(const char *fmt, size_t len, struct format *out, char **error)
{
	const char *p = fmt, *end = fmt + len;

	memset(out, 0, sizeof(*out));
	while (p < end) {
		const char *start = p;
		struct format_piece piece = { NULL, 0, 0, 0, -1, -1, false, false };

		while (p < end && *p != '%')
			p++;
		add_text(out, start, (size_t)(p - start));
		if (p == end)
			break;
		start = p++;
		if (p < end && *p == '%') {
			add_text(out, p, 1);
			p++;
			continue;
		}
		while (p < end && flag_bit(*p))
			piece.flags |= flag_bit(*p++);
		if (p < end && *p == '*') {
			piece.width_arg = true;
			p++;
		} else {
			piece.width = parse_count(&p, end);
		}
		if (p < end && *p == '.') {
			p++;
			if (p < end && *p == '*') {
				piece.precision_arg = true;
				p++;
			} else {
				piece.precision = parse_count(&p, end);
				if (piece.precision < 0)
					piece.precision = 0;
			}
		}
		/* Length modifiers are accepted and mean nothing: values are 64-bit. */
		while (p < end && (*p == 'l' || *p == 'h' || *p == 'L' || *p == 'j' ||
				   *p == 'z' || *p == 't'))
			p++;
		if (p == end || !*p || !strchr("diuxXocpbmMs", *p)) {
			*error = xasprintf("invalid or missing conversion specifier in '%.*s'",
					   (int)((p < end ? p + 1 : end) - start), start);
			format_free(out);
			return false;
		}
		piece.conv = *p++;
		piece.text = start;
		piece.len = (size_t)(p - start);
		VEC_PUSH(out->pieces, out->count, out->cap, piece);
		out->nargs += 1 + piece.width_arg + piece.precision_arg;
	}
	return true;
}

void format_free(struct format *f)
{
	free(f->pieces);
	memset(f, 0, sizeof(*f));
}

enum value_type format_arg_type(char conv)
{
	return conv == 's' ? TYPE_STRING : TYPE_LONG;
}
