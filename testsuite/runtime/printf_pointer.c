// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * %p as SystemTap prints it since 1.3: %#x, 0x and the digits, no padding
 * unless a width is given.
 * As stap -p3 would emit
 *   probe begin { printf("%p|%p|%20p|%-20p|\n", 12345678, 0, 255, 255); exit() }
 */
#include "generated.h"

static void stp_handler_0(struct stp_context *c)
{
	STP_ACTION("statement at printf_pointer.stp:1:15");
	stp_print_fmt_long(c, 'p', 0, -1, -1, 12345678);
	stp_print_mem(c, "|", 1);
	stp_print_fmt_long(c, 'p', 0, -1, -1, 0);
	stp_print_mem(c, "|", 1);
	stp_print_fmt_long(c, 'p', 0, 20, -1, 255);
	stp_print_mem(c, "|", 1);
	stp_print_fmt_long(c, 'p', STP_FMT_LEFT, 20, -1, 255);
	stp_print_mem(c, "|\n", 2);
	STP_ACTION("statement at printf_pointer.stp:1:76");
	stp_exit(c);
out:
	return;
}

static const struct stp_probe stp_probes[] = {
	{ .pp = "begin", .handler = stp_handler_0 },
};

static const struct stp_probe *const stp_begin_probes[] = { &stp_probes[0] };

static const struct stp_script stp_script = {
	.begin = stp_begin_probes,
	.nbegin = 1,
};
