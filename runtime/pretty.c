// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pretty printing of context values ($var$, $var$$, $$parms$): the
 * translator lays out the format (target_pretty.c) as a table of
 * operations over a few base values; this runs it into a MAXSTRINGLEN
 * string. Reads never fault: a group whose read fails prints "ERROR",
 * as SystemTap's pretty printer does, and sets no script error.
 */

enum stp_pp_kind {
	STP_PP_TEXT,		/* text */
	STP_PP_BEGIN,		/* a group: base = bases[group] */
	STP_PP_END,
	STP_PP_NUMBER,		/* size bytes at base + offset (size 0: base), conv */
	STP_PP_STRING_AT,	/* a quoted string at base + offset */
	STP_PP_STRING_PTR,	/* a quoted string at *(base + offset) (size 0: at base) */
	STP_PP_DEREF,		/* base = *(base + offset) */
};

struct stp_pp_op {
	enum stp_pp_kind kind;
	const char *text;
	u64 offset;
	unsigned int size;
	char conv;		/* 'i' 'u' 'p' 'c' */
	unsigned int bit_offset, bit_size;
	size_t group;
};

/* A C string at @addr, kernel memory then user memory (SystemTap's
 * kernel_or_user_string), into @buf of @max bytes; false if both fault. */
static bool stp_pp_read_cstring(char *buf, size_t max, int64_t addr)
{
	int user;

	for (user = 0; user < 2; user++) {
		size_t len = 0;
		bool ok = true;

		while (len < max - 1) {
			/* one page at a time: the string may end before a hole */
			size_t chunk = min_t(size_t, max - 1 - len,
					     PAGE_SIZE - ((addr + len) & (PAGE_SIZE - 1)));
			const void *src = (const void *)(uintptr_t)(addr + len);
			void *end;

			if (user ? copy_from_user_nofault(buf + len, (const void __user *)src, chunk)
				 : copy_from_kernel_nofault(buf + len, src, chunk)) {
				ok = false;
				break;
			}
			end = memchr(buf + len, '\0', chunk);
			if (end) {
				len = (char *)end - buf;
				break;
			}
			len += chunk;
		}
		if (ok) {
			buf[len] = '\0';
			return true;
		}
	}
	return false;
}

/* The escaped form of @ch in @esc (at least 4 bytes); its length. */
static size_t stp_pp_escape(unsigned char ch, char *esc)
{
	static const char plain[] = "\a\b\f\n\r\t\v\"\\", escaped[] = "abfnrtv\"\\";
	const char *e = strchr(plain, ch);

	if (isascii(ch) && isprint(ch) && ch != '"' && ch != '\\') {
		esc[0] = ch;
		return 1;
	}
	esc[0] = '\\';
	if (e) {
		esc[1] = escaped[e - plain];
		return 2;
	}
	esc[1] = '0' + ((ch >> 6) & 3);
	esc[2] = '0' + ((ch >> 3) & 7);
	esc[3] = '0' + (ch & 7);
	return 4;
}

/*
 * SystemTap's string_quoted(): "..." with C escapes (\n, \", \\, \ooo for
 * other unprintable bytes), at most MAXSTRINGLEN - 1 bytes with the
 * quotes; a string that does not fit keeps the whole escapes that fit
 * before a final ... (never half an escape).
 */
static void stp_pp_quote(struct stp_context *c, struct stp_out *o, const char *s)
{
	size_t budget = MAXSTRINGLEN - 1 - 2, total = 0, keep = 0, i;
	char esc[4];

	for (i = 0; s[i]; i++)
		total += stp_pp_escape(s[i], esc);
	stp_out_mem(c, o, "\"", 1);
	for (i = 0; s[i]; i++) {
		size_t n = stp_pp_escape(s[i], esc);

		if (total > budget && keep + n > budget - 3)
			break;
		stp_out_mem(c, o, esc, n);
		keep += n;
	}
	if (total > budget)
		stp_out_mem(c, o, "...", 3);
	stp_out_mem(c, o, "\"", 1);
}

static bool stp_pp_number(struct stp_context *c, struct stp_out *o,
			  const struct stp_pp_op *op, int64_t base)
{
	union { u8 b; u16 h; u32 w; u64 d; } v = { .d = 0 };
	int64_t value;

	if (!op->size) {
		value = base;
	} else {
		if (op->size > sizeof(v) ||
		    copy_from_kernel_nofault(&v, (const void *)(uintptr_t)(base + op->offset),
					     op->size))
			return false;
		switch (op->size) {
		case 1: value = op->conv == 'i' ? (int64_t)(s8)v.b : (int64_t)v.b; break;
		case 2: value = op->conv == 'i' ? (int64_t)(s16)v.h : (int64_t)v.h; break;
		case 4: value = op->conv == 'i' ? (int64_t)(s32)v.w : (int64_t)v.w; break;
		default: value = (int64_t)v.d; break;
		}
	}
	if (op->bit_size)
		value = stp_bitfield(op->size ? (int64_t)v.d : value, op->bit_offset,
				     op->bit_size, op->conv == 'i');
	stp_fmt_long(c, o, op->conv, op->conv == 'c' ? STP_FMT_ALT : 0, -1, -1, value);
	return true;
}

static bool stp_pp_string(struct stp_context *c, struct stp_out *o,
			  const struct stp_pp_op *op, int64_t base)
{
	char *s = c->pretty_buffer;	/* MAXSTRINGLEN may be too big for the stack */
	int64_t addr = base + op->offset;

	if (op->kind == STP_PP_STRING_PTR && op->size) {
		u64 p;

		if (copy_from_kernel_nofault(&p, (const void *)(uintptr_t)addr, sizeof(p)))
			return false;
		addr = (int64_t)p;
	}
	if (!stp_pp_read_cstring(s, sizeof(c->pretty_buffer), addr))
		return false;
	stp_pp_quote(c, o, s);
	return true;
}

/**
 * stp_pretty() - run a pretty-print table into @buf (MAXSTRINGLEN).
 * @ops: the table; @n: its length
 * @bases: each group's base value (an address, or the value itself)
 */
static __maybe_unused const char *stp_pretty(struct stp_context *c, char *buf, const struct stp_pp_op *ops,
			      size_t n, const int64_t *bases)
{
	struct stp_out o = stp_out_string(buf);
	size_t i, mark = 0;
	int64_t base = 0;
	bool fault = false;

	for (i = 0; i < n; i++) {
		const struct stp_pp_op *op = &ops[i];

		if (fault && op->kind != STP_PP_END)
			continue;
		switch (op->kind) {
		case STP_PP_TEXT:
			stp_out_str(c, &o, op->text);
			break;
		case STP_PP_BEGIN:
			base = bases[op->group];
			mark = o.len;
			break;
		case STP_PP_END:
			if (fault) {
				o.len = mark;
				buf[mark] = '\0';
				stp_out_str(c, &o, "ERROR");
				fault = false;
			}
			break;
		case STP_PP_DEREF: {
			u64 p;

			if (copy_from_kernel_nofault(&p, (const void *)(uintptr_t)(base + op->offset),
						     sizeof(p)))
				fault = true;
			else
				base = (int64_t)p;
			break;
		}
		case STP_PP_NUMBER:
			fault = !stp_pp_number(c, &o, op, base);
			break;
		case STP_PP_STRING_AT:
		case STP_PP_STRING_PTR:
			fault = !stp_pp_string(c, &o, op, base);
			break;
		}
	}
	return buf;
}
