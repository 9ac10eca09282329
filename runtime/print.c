// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Per-CPU print buffers. A handler's output collects in its CPU's buffer
 * and goes to the relay channel as one record when the handler ends (or
 * when the buffer fills), so lines never interleave across CPUs.
 */

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

/* Widths and precisions beyond this are clamped, bounding the work done. */
#define STP_FMT_MAX_WIDTH 256

/* "%-+ 0#" prefix of a conversion, into fmt; returns the next position. */
static char *stp_fmt_flags(char *fmt, unsigned int flags)
{
	*fmt++ = '%';
	if (flags & STP_FMT_LEFT)
		*fmt++ = '-';
	if (flags & STP_FMT_PLUS)
		*fmt++ = '+';
	if (flags & STP_FMT_SPACE)
		*fmt++ = ' ';
	if (flags & STP_FMT_ZERO)
		*fmt++ = '0';
	if (flags & STP_FMT_ALT)
		*fmt++ = '#';
	return fmt;
}

static char *stp_fmt_width(char *fmt, int width, int precision)
{
	if (width >= 0)
		fmt += sprintf(fmt, "%d", min(width, STP_FMT_MAX_WIDTH));
	if (precision >= 0)
		fmt += sprintf(fmt, ".%d", min(precision, STP_FMT_MAX_WIDTH));
	return fmt;
}

/* %b: the value's low `width` bytes (1, 2, 4 or 8; default 8), raw. */
static void stp_print_binary(struct stp_context *c, int width, int64_t v)
{
	u8 u8v = v;
	u16 u16v = v;
	u32 u32v = v;
	u64 u64v = v;

	switch (width) {
	case 1:
		stp_print_mem(c, (const char *)&u8v, 1);
		break;
	case 2:
		stp_print_mem(c, (const char *)&u16v, 2);
		break;
	case 4:
		stp_print_mem(c, (const char *)&u32v, 4);
		break;
	default:
		stp_print_mem(c, (const char *)&u64v, 8);
		break;
	}
}

static void stp_print_fmt_long(struct stp_context *c, char conv, unsigned int flags,
			       int width, int precision, int64_t v)
{
	char fmt[32], *p, out[2 * STP_FMT_MAX_WIDTH + 32];
	int n;

	if (conv == 'b') {
		stp_print_binary(c, width, v);
		return;
	}
	/* %p: 0x and, without a width, all 16 hex digits (0x0000000000bc614e) */
	if (conv == 'p') {
		flags |= STP_FMT_ALT;
		if (width < 0) {
			width = 2 + 2 * sizeof(u64);
			flags |= STP_FMT_ZERO;
		}
	}
	p = stp_fmt_width(stp_fmt_flags(fmt, flags), width, precision);
	switch (conv) {
	case 'c':
		strcpy(p, "c");
		n = scnprintf(out, sizeof(out), fmt, (int)(unsigned char)v);
		break;
	case 'd':
	case 'i':
		strcpy(p, "lld");
		n = scnprintf(out, sizeof(out), fmt, (long long)v);
		break;
	default:
		/* u x X o, and p as %#llx */
		p[0] = 'l';
		p[1] = 'l';
		p[2] = conv == 'p' ? 'x' : conv;
		p[3] = '\0';
		n = scnprintf(out, sizeof(out), fmt, (unsigned long long)v);
		break;
	}
	stp_print_mem(c, out, n);
}

static void stp_print_pad(struct stp_context *c, size_t n)
{
	static const char spaces[] = "                                ";

	while (n) {
		size_t k = min(n, sizeof(spaces) - 1);

		stp_print_mem(c, spaces, k);
		n -= k;
	}
}

static void stp_print_fmt_str(struct stp_context *c, unsigned int flags,
			      int width, int precision, const char *s)
{
	size_t len = strnlen(s, MAXSTRINGLEN);
	size_t field = width > 0 ? min(width, STP_FMT_MAX_WIDTH) : 0;
	size_t pad;

	if (precision >= 0 && (size_t)precision < len)
		len = precision;
	pad = field > len ? field - len : 0;
	if (!(flags & STP_FMT_LEFT))
		stp_print_pad(c, pad);
	stp_print_mem(c, s, len);
	if (flags & STP_FMT_LEFT)
		stp_print_pad(c, pad);
}
