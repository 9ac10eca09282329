// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel backtraces of the probed context. With the probe's registers
 * (kprobes, timer.profile, perf) the x86 unwinder (ORC on Debian's
 * kernels; exported, unlike stack_trace_save_regs) walks from the
 * interrupted instruction; the first address is the probe's own. A probe
 * without registers (begin, end, plain timers) or one that interrupted
 * user space has no kernel backtrace. The addresses are collected once per
 * handler run (stack(), callers() and backtrace() share them).
 */
#include <asm/unwind.h>

/* The probe's backtrace, collected on first use; its depth. */
static int stp_stack_collect(struct stp_context *c)
{
	struct unwind_state state;
	unsigned long addr;
	int n = 0;

	if (c->stack_depth >= 0)
		return c->stack_depth;
	if (c->regs && !user_mode(c->regs)) {
		/* The unwinder starts past the registers' own frame. */
		c->stack[n++] = instruction_pointer(c->regs);
		for (__unwind_start(&state, current, c->regs, NULL);
		     !unwind_done(&state) && n < STP_MAXBACKTRACE;
		     unwind_next_frame(&state)) {
			addr = unwind_get_return_address(&state);
			if (!addr)
				break;
			c->stack[n++] = addr;
		}
	}
	c->stack_depth = n;
	return n;
}

/* The address at depth n (0: the probe's), or 0 past the end. */
static unsigned long stp_stack_at(struct stp_context *c, int64_t n)
{
	if (n < 0 || n >= stp_stack_collect(c))
		return 0;
	return c->stack[n];
}

/* Hex addresses, blank-separated, from depth first up to count of them
 * (count < 0: all). */
static void stp_stack_hex(struct stp_context *c, struct stp_out *o, int first, int64_t count)
{
	int depth = stp_stack_collect(c), i;
	char hex[24];

	for (i = first; i < depth && (count < 0 || i - first < count); i++) {
		snprintf(hex, sizeof(hex), "%s0x%lx", i > first ? " " : "", c->stack[i]);
		stp_out_str(c, o, hex);
	}
}

/*
 * One line of a symbolic backtrace. full: " 0x%016lx : SYMDATA\n"
 * (print_backtrace, print_stack); otherwise "SYMDATA\n" (sprint_*).
 */
static void stp_stack_line(struct stp_context *c, struct stp_out *o, unsigned long addr,
			   bool full)
{
	char hex[32];

	if (full) {
		snprintf(hex, sizeof(hex), " 0x%016lx : ", addr);
		stp_out_str(c, o, hex);
	}
	stp_symdata(c, o, addr);
	stp_out_str(c, o, "\n");
}

/* print_backtrace(), sprint_backtrace(). */
static void stp_backtrace_symbolic(struct stp_context *c, struct stp_out *o, bool full)
{
	int depth = stp_stack_collect(c), i;

	for (i = 0; i < depth; i++)
		stp_stack_line(c, o, c->stack[i], full);
}

/* print_stack(), print_syms() and their sprint forms: each hex address
 * of a backtrace()-style string, symbolized. Other words are skipped. */
static void stp_stack_symbolize(struct stp_context *c, struct stp_out *o, const char *s,
				bool full)
{
	unsigned long addr;
	const char *end;

	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		addr = stp_sym_hex(s, &end);
		if (end != s && (*end == ' ' || !*end))
			stp_stack_line(c, o, addr, full);
		while (*end && *end != ' ')
			end++;
		s = end;
	}
}
