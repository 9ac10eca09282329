// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-CPU print buffers and the printf family's formatting. A handler's
 * output collects in its CPU's buffer and goes to the relay channel as one
 * record when the handler ends (or when the buffer fills), so lines never
 * interleave across CPUs. Formatting writes either there (print, printf)
 * or into a MAXSTRINGLEN string (sprint, sprintf), truncating.
 *
 * Conversions follow SystemTap's runtime, not the kernel's vsnprintf:
 * every number is 64-bit; '#' gives 0x/0X/0 even for zero; '0' still pads
 * with zeroes when a precision is given; %c with '#' escapes the byte as
 * C would; %b writes raw bytes; %m/%M copy or hex-dump memory read
 * fault-safely; a '0' flag on %s/%m/%M appends a NUL byte, as SystemTap's
 * does.
 */
#include <linux/ctype.h>
#include <linux/uaccess.h>

struct stp_print_buffer {
	size_t len;
	char rec[sizeof(struct stp_record_header) + STP_BUFFER_SIZE];
};

static struct stp_print_buffer __percpu *stp_print_buffers;

static inline struct stp_print_buffer *stp_this_print_buffer(void)
{
	return this_cpu_ptr(stp_print_buffers);
}

static inline char *stp_print_data(struct stp_print_buffer *pb)
{
	return pb->rec + sizeof(struct stp_record_header);
}

/* Send this CPU's buffered output; caller has interrupts off. */
static void stp_print_flush(void)
{
	struct stp_print_buffer *pb = stp_this_print_buffer();

	if (!pb->len)
		return;
	stp_relay_write_record(pb->rec, pb->len);
	pb->len = 0;
}

static void stp_print_mem(struct stp_context *c, const char *s, size_t len)
{
	struct stp_print_buffer *pb = stp_this_print_buffer();

	while (len) {
		size_t n = min(len, (size_t)STP_BUFFER_SIZE - pb->len);

		if (!n) {
			stp_print_flush();
			continue;
		}
		memcpy(stp_print_data(pb) + pb->len, s, n);
		pb->len += n;
		s += n;
		len -= n;
	}
}

/*
 * STAP_PRINTF(fmt, ...) in embedded C: the kernel's vsnprintf formats
 * straight into the print buffer (flushed first when it would not fit;
 * a single result longer than the buffer is cut to it).
 */
static __printf(2, 3) void stp_print_cformat(struct stp_context *c, const char *fmt, ...)
{
	struct stp_print_buffer *pb = stp_this_print_buffer();
	va_list args, copy;
	size_t room;
	int n;

	va_start(args, fmt);
	for (;;) {
		room = STP_BUFFER_SIZE - pb->len;
		va_copy(copy, args);
		n = vsnprintf(stp_print_data(pb) + pb->len, room, fmt, copy);
		va_end(copy);
		if (n < 0)
			break;
		if ((size_t)n < room || !pb->len) {
			pb->len += min((size_t)n, room - 1);
			break;
		}
		stp_print_flush();
	}
	va_end(args);
}

static void stp_print_str(struct stp_context *c, const char *s)
{
	stp_print_mem(c, s, strnlen(s, MAXSTRINGLEN));
}

static void stp_print_long(struct stp_context *c, int64_t v)
{
	char tmp[24];
	int n = scnprintf(tmp, sizeof(tmp), "%lld", (long long)v);

	stp_print_mem(c, tmp, n);
}

/* Appending to a formatted string: truncated at MAXSTRINGLEN - 1 bytes. */
static void stp_out_mem(struct stp_context *c, struct stp_out *o, const char *s, size_t n)
{
	if (!o->str) {
		stp_print_mem(c, s, n);
		return;
	}
	n = min(n, (size_t)MAXSTRINGLEN - 1 - o->len);
	memcpy(o->str + o->len, s, n);
	o->len += n;
	o->str[o->len] = '\0';
}

/* Variables hold at most MAXSTRINGLEN - 1 bytes; a literal may be longer
 * and prints whole, as in SystemTap (up to a print buffer's worth). */
static void stp_out_str(struct stp_context *c, struct stp_out *o, const char *s)
{
	stp_out_mem(c, o, s, strnlen(s, STP_BUFFER_SIZE));
}

static void stp_out_long(struct stp_context *c, struct stp_out *o, int64_t v)
{
	char tmp[24];
	int n = scnprintf(tmp, sizeof(tmp), "%lld", (long long)v);

	stp_out_mem(c, o, tmp, n);
}

/* n copies of ch (n <= STP_BUFFER_SIZE: widths are clamped to it). */
static void stp_out_fill(struct stp_context *c, struct stp_out *o, char ch, int n)
{
	char run[32];

	memset(run, ch, sizeof(run));
	while (n > 0) {
		int k = min_t(int, n, sizeof(run));

		if (o->str && o->len == MAXSTRINGLEN - 1)
			return;
		stp_out_mem(c, o, run, k);
		n -= k;
	}
}

/* A width or precision, as SystemTap bounds them: 0..STP_BUFFER_SIZE. */
static int stp_fmt_clamp(int64_t v)
{
	return (int)clamp_t(int64_t, v, 0, STP_BUFFER_SIZE);
}

/* A format's own width or precision (-1: none), likewise bounded. */
static int stp_fmt_bound(int v)
{
	return v < 0 ? -1 : stp_fmt_clamp(v);
}

/* A `*` width's size; a negative one also left-justifies (the caller's flag). */
static int stp_fmt_width(int64_t v)
{
	return stp_fmt_clamp(v < 0 ? (v == S64_MIN ? S64_MAX : -v) : v);
}

/* d i u x X o p: sign, base prefix, precision zeroes, padding. */
static void stp_fmt_number(struct stp_context *c, struct stp_out *o, u64 num, int base,
			   bool is_signed, bool upper, unsigned int flags, int width,
			   int precision)
{
	const char *digit_set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[66], sign = 0;
	int ndigits = 0, size = width;

	if (flags & STP_FMT_LEFT)
		flags &= ~STP_FMT_ZERO;
	if (is_signed) {
		if ((s64)num < 0) {
			sign = '-';
			num = 0 - num;
		} else if (flags & STP_FMT_PLUS) {
			sign = '+';
		} else if (flags & STP_FMT_SPACE) {
			sign = ' ';
		}
	}
	if (sign)
		size--;
	if (flags & STP_FMT_ALT)
		size -= base == 16 ? 2 : base == 8 ? 1 : 0;
	do
		digits[ndigits++] = digit_set[do_div(num, base)];
	while (num);
	precision = max(precision, ndigits);
	size -= precision;
	if (!(flags & (STP_FMT_ZERO | STP_FMT_LEFT))) {
		stp_out_fill(c, o, ' ', size);
		size = 0;
	}
	if (sign)
		stp_out_mem(c, o, &sign, 1);
	if ((flags & STP_FMT_ALT) && base == 8)
		stp_out_mem(c, o, "0", 1);
	if ((flags & STP_FMT_ALT) && base == 16)
		stp_out_mem(c, o, upper ? "0X" : "0x", 2);
	if (!(flags & STP_FMT_LEFT)) {
		stp_out_fill(c, o, flags & STP_FMT_ZERO ? '0' : ' ', size);
		size = 0;
	}
	stp_out_fill(c, o, '0', precision - ndigits);
	while (ndigits--)
		stp_out_mem(c, o, &digits[ndigits], 1);
	stp_out_fill(c, o, ' ', size);
}

/* %c: one byte; with '#', escaped as a C character constant would be. */
static void stp_fmt_char(struct stp_context *c, struct stp_out *o, unsigned char ch,
			 unsigned int flags, int width)
{
	char text[4];
	int len = 1;

	text[0] = ch;
	if ((flags & STP_FMT_ALT) && (!isascii(ch) || !isprint(ch) || ch == '\'' ||
				      ch == '\\')) {
		static const char plain[] = "\a\b\f\n\r\t\v'\\", escaped[] = "abfnrtv'\\";
		const char *e = ch ? strchr(plain, ch) : NULL;

		text[0] = '\\';
		if (e) {
			text[1] = escaped[e - plain];
			len = 2;
		} else {
			text[1] = '0' + ((ch >> 6) & 3);
			text[2] = '0' + ((ch >> 3) & 7);
			text[3] = '0' + (ch & 7);
			len = 4;
		}
	}
	if (!(flags & STP_FMT_LEFT))
		stp_out_fill(c, o, ' ', width - len);
	stp_out_mem(c, o, text, len);
	if (flags & STP_FMT_LEFT)
		stp_out_fill(c, o, ' ', width - len);
}

/*
 * %b: the value's low `precision` bytes (1, 2, 4 or 8), in the CPU's byte
 * order, padded with NUL bytes to `width`. Either defaults to the other
 * when it is a valid size, else to 8.
 */
static void stp_fmt_binary(struct stp_context *c, struct stp_out *o, int64_t v,
			   unsigned int flags, int width, int precision)
{
	union { u8 b1; u16 b2; u32 b4; u64 b8; } bytes;
	int size = precision;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		size = -1;
	if (width < 0) {
		if (size < 0)
			size = 8;
		width = size;
	} else if (size < 0) {
		size = (width == 1 || width == 2 || width == 4 || width == 8) ? width : 8;
	}
	switch (size) {
	case 1:
		bytes.b1 = v;
		break;
	case 2:
		bytes.b2 = v;
		break;
	case 4:
		bytes.b4 = v;
		break;
	default:
		bytes.b8 = v;
		break;
	}
	if (!(flags & STP_FMT_LEFT))
		stp_out_fill(c, o, '\0', width - size);
	stp_out_mem(c, o, (const char *)&bytes, size);
	if (flags & STP_FMT_LEFT)
		stp_out_fill(c, o, '\0', width - size);
}

static void stp_fmt_long(struct stp_context *c, struct stp_out *o, char conv,
			 unsigned int flags, int width, int precision, int64_t v)
{
	width = stp_fmt_bound(width);
	precision = stp_fmt_bound(precision);
	switch (conv) {
	case 'b':
		stp_fmt_binary(c, o, v, flags, width, precision);
		return;
	case 'c':
		stp_fmt_char(c, o, v, flags, width);
		return;
	case 'd':
	case 'i':
		stp_fmt_number(c, o, v, 10, true, false, flags, width, precision);
		return;
	case 'u':
		stp_fmt_number(c, o, v, 10, false, false, flags, width, precision);
		return;
	case 'o':
		stp_fmt_number(c, o, v, 8, false, false, flags, width, precision);
		return;
	case 'p':
		/* %#x since SystemTap 1.3: 0x and the digits, no zero padding */
		stp_fmt_number(c, o, v, 16, false, false, flags | STP_FMT_ALT, width, precision);
		return;
	default:	/* x X */
		stp_fmt_number(c, o, v, 16, false, conv == 'X', flags, width, precision);
		return;
	}
}

static void stp_fmt_str(struct stp_context *c, struct stp_out *o, unsigned int flags,
			int width, int precision, const char *s)
{
	int len;

	width = stp_fmt_bound(width);
	precision = stp_fmt_bound(precision);
	len = strnlen(s, precision >= 0 ? precision : STP_BUFFER_SIZE);
	if (!(flags & STP_FMT_LEFT))
		stp_out_fill(c, o, ' ', width - len);
	stp_out_mem(c, o, s, len);
	if (flags & STP_FMT_LEFT)
		stp_out_fill(c, o, ' ', width - len);
	if (flags & STP_FMT_ZERO)
		stp_out_mem(c, o, "", 1);
}

/* Read n bytes at addr, kernel or (with '#') user memory, never faulting. */
static bool stp_fmt_read(void *dst, int64_t addr, size_t n, unsigned int flags)
{
	if (flags & STP_FMT_ALT)
		return !copy_from_user_nofault(dst, (const void __user *)(uintptr_t)addr, n);
	return !copy_from_kernel_nofault(dst, (const void *)(uintptr_t)addr, n);
}

/* The bytes %m and %M read: the precision, or one. */
static int stp_fmt_mem_len(int precision)
{
	return precision > 0 ? stp_fmt_clamp(precision) : 1;
}

static void stp_fmt_fault(struct stp_context *c, int64_t addr, const char *where)
{
	snprintf(c->error_buffer, sizeof(c->error_buffer),
		 "read fault [man error::fault] at 0x%llx", (unsigned long long)addr);
	stp_error(c, c->error_buffer, where);
}

/*
 * stp_fmt_mem_check() - fail the handler now if %m/%M would fault, so a
 * printf whose memory cannot be read prints nothing at all.
 */
static void stp_fmt_mem_check(struct stp_context *c, unsigned int flags, int precision,
			      int64_t addr, const char *where)
{
	char chunk[64];
	int len = stp_fmt_mem_len(precision), done;

	for (done = 0; done < len; done += sizeof(chunk)) {
		if (!stp_fmt_read(chunk, addr + done, min_t(int, len - done, sizeof(chunk)),
				  flags)) {
			stp_fmt_fault(c, addr + done, where);
			return;
		}
	}
}

/* %m: the bytes at addr; %M: the same as lowercase hex, two digits each. */
static void stp_fmt_mem(struct stp_context *c, struct stp_out *o, char conv,
			unsigned int flags, int width, int precision, int64_t addr,
			const char *where)
{
	static const char hex[] = "0123456789abcdef";
	int len = stp_fmt_mem_len(precision), shown = conv == 'M' ? 2 * len : len;
	char chunk[64], text[2 * sizeof(chunk)];
	int done, i, n;

	width = stp_fmt_bound(width);
	if (!(flags & STP_FMT_LEFT))
		stp_out_fill(c, o, ' ', width - shown);
	for (done = 0; done < len; done += n) {
		n = min_t(int, len - done, sizeof(chunk));
		if (!stp_fmt_read(chunk, addr + done, n, flags)) {
			stp_fmt_fault(c, addr + done, where);
			return;
		}
		if (conv == 'm') {
			stp_out_mem(c, o, chunk, n);
			continue;
		}
		for (i = 0; i < n; i++) {
			text[2 * i] = hex[(u8)chunk[i] >> 4];
			text[2 * i + 1] = hex[chunk[i] & 0xf];
		}
		stp_out_mem(c, o, text, 2 * n);
	}
	if (flags & STP_FMT_LEFT)
		stp_out_fill(c, o, ' ', width - shown);
	if (flags & STP_FMT_ZERO)
		stp_out_mem(c, o, "", 1);
}

static void stp_print_fmt_long(struct stp_context *c, char conv, unsigned int flags,
			       int width, int precision, int64_t v)
{
	struct stp_out o = STP_OUT_PRINT;

	stp_fmt_long(c, &o, conv, flags, width, precision, v);
}

static void stp_print_fmt_str(struct stp_context *c, unsigned int flags,
			      int width, int precision, const char *s)
{
	struct stp_out o = STP_OUT_PRINT;

	stp_fmt_str(c, &o, flags, width, precision, s);
}
