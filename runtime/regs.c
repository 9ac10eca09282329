// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * register("name") and u_register("name"): the probed context's registers
 * by x86-64 name. 64-bit names ("rax", "ax", "r8", "rip", "ip", "rsp",
 * "flags", ...) read the whole register; 32-bit ones ("eax", "r8d") its low
 * half, sign-extended by register() and zero-extended by u_register(), as
 * SystemTap's; likewise the 8-bit ones ("al", "ah"). "ax" is the whole
 * register, as in SystemTap's x86_64 tapset.
 */
#include <linux/stddef.h>

struct stp_register_name {
	const char *name;
	unsigned short offset;		/* in struct pt_regs */
	unsigned char bits;		/* 64, 32 or 8 */
	unsigned char shift;		/* 8 for "ah" and friends */
};

#define STP_REG(n, field, bits, shift) { n, offsetof(struct pt_regs, field), bits, shift }

static const struct stp_register_name stp_register_names[] = {
	STP_REG("rax", ax, 64, 0), STP_REG("ax", ax, 64, 0), STP_REG("eax", ax, 32, 0),
	STP_REG("al", ax, 8, 0), STP_REG("ah", ax, 8, 8),
	STP_REG("rbx", bx, 64, 0), STP_REG("bx", bx, 64, 0), STP_REG("ebx", bx, 32, 0),
	STP_REG("bl", bx, 8, 0), STP_REG("bh", bx, 8, 8),
	STP_REG("rcx", cx, 64, 0), STP_REG("cx", cx, 64, 0), STP_REG("ecx", cx, 32, 0),
	STP_REG("cl", cx, 8, 0), STP_REG("ch", cx, 8, 8),
	STP_REG("rdx", dx, 64, 0), STP_REG("dx", dx, 64, 0), STP_REG("edx", dx, 32, 0),
	STP_REG("dl", dx, 8, 0), STP_REG("dh", dx, 8, 8),
	STP_REG("rsi", si, 64, 0), STP_REG("si", si, 64, 0), STP_REG("esi", si, 32, 0),
	STP_REG("rdi", di, 64, 0), STP_REG("di", di, 64, 0), STP_REG("edi", di, 32, 0),
	STP_REG("rbp", bp, 64, 0), STP_REG("bp", bp, 64, 0), STP_REG("ebp", bp, 32, 0),
	STP_REG("rsp", sp, 64, 0), STP_REG("sp", sp, 64, 0), STP_REG("esp", sp, 32, 0),
	STP_REG("rip", ip, 64, 0), STP_REG("ip", ip, 64, 0), STP_REG("eip", ip, 32, 0),
	STP_REG("r8", r8, 64, 0), STP_REG("r8d", r8, 32, 0),
	STP_REG("r9", r9, 64, 0), STP_REG("r9d", r9, 32, 0),
	STP_REG("r10", r10, 64, 0), STP_REG("r10d", r10, 32, 0),
	STP_REG("r11", r11, 64, 0), STP_REG("r11d", r11, 32, 0),
	STP_REG("r12", r12, 64, 0), STP_REG("r12d", r12, 32, 0),
	STP_REG("r13", r13, 64, 0), STP_REG("r13d", r13, 32, 0),
	STP_REG("r14", r14, 64, 0), STP_REG("r14d", r14, 32, 0),
	STP_REG("r15", r15, 64, 0), STP_REG("r15d", r15, 32, 0),
	STP_REG("orig_rax", orig_ax, 64, 0), STP_REG("orig_ax", orig_ax, 64, 0),
	STP_REG("rflags", flags, 64, 0), STP_REG("flags", flags, 64, 0),
	STP_REG("eflags", flags, 32, 0),
	STP_REG("cs", cs, 64, 0), STP_REG("ss", ss, 64, 0),
};

/**
 * stp_register() - one register of the probed context.
 * @c: probe context (c->regs: the registers, NULL when none)
 * @name: an x86-64 register name
 * @sign_extend: register() (true) or u_register() (false)
 * @value: receives the value
 *
 * Return: 0, -ENODATA when the probe has no registers, -EINVAL for an
 * unknown name.
 */
static int stp_register(struct stp_context *c, const char *name, bool sign_extend,
			int64_t *value)
{
	const struct stp_register_name *r;
	unsigned long v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(stp_register_names); i++) {
		r = &stp_register_names[i];
		if (strcmp(r->name, name) != 0)
			continue;
		if (!c->regs)
			return -ENODATA;
		memcpy(&v, (const char *)c->regs + r->offset, sizeof(v));
		v >>= r->shift;
		switch (r->bits) {
		case 32:
			*value = sign_extend ? (int64_t)(s32)v : (int64_t)(u32)v;
			break;
		case 8:
			*value = sign_extend ? (int64_t)(s8)v : (int64_t)(u8)v;
			break;
		default:
			*value = (int64_t)v;
		}
		return 0;
	}
	return -EINVAL;
}
