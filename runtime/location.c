// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What DWARF location expressions compiled by the translator
 * (translator/debuginfo/dwarf_location.c) call: the probed context's
 * registers by DWARF number, and the run-time address of a kernel static;
 * and the guru-mode setter of a register variable.
 */

/* pt_regs offsets by x86-64 DWARF register number (the psABI's order). */
static const unsigned short stp_dwarf_register_offsets[] = {
	offsetof(struct pt_regs, ax), offsetof(struct pt_regs, dx),
	offsetof(struct pt_regs, cx), offsetof(struct pt_regs, bx),
	offsetof(struct pt_regs, si), offsetof(struct pt_regs, di),
	offsetof(struct pt_regs, bp), offsetof(struct pt_regs, sp),
	offsetof(struct pt_regs, r8), offsetof(struct pt_regs, r9),
	offsetof(struct pt_regs, r10), offsetof(struct pt_regs, r11),
	offsetof(struct pt_regs, r12), offsetof(struct pt_regs, r13),
	offsetof(struct pt_regs, r14), offsetof(struct pt_regs, r15),
	offsetof(struct pt_regs, ip),
};

/**
 * stp_dwarf_register() - register @regno (DWARF numbering) of the probed
 * context.
 * @c: context; a register it has not (no pt_regs, an SSE register) is a
 *     script error
 * @regno: 0 rax, 1 rdx, 2 rcx, 3 rbx, 4 rsi, 5 rdi, 6 rbp, 7 rsp, 8-15
 *     r8-r15, 16 the return address column (rip)
 */
static int64_t stp_dwarf_register(struct stp_context *c, unsigned int regno)
{
	unsigned long v;

	if (c->error)
		return 0;
	if (!c->regs || regno >= ARRAY_SIZE(stp_dwarf_register_offsets)) {
		stp_error(c, "cannot read a variable's register in this context", NULL);
		return 0;
	}
	memcpy(&v, (const char *)c->regs + stp_dwarf_register_offsets[regno], sizeof(v));
	return (int64_t)v;
}

/**
 * stp_dwarf_set_register() - guru mode: set register @regno (DWARF
 * numbering) of the probed context, where DWARF says a variable is.
 * @value: the new value, returned
 * @where: for the error
 *
 * The kprobe's saved registers are restored when the probe returns, so
 * the probed code sees the new value. The stack pointer and the
 * instruction pointer are never set: that would wreck the probed code.
 */
static int64_t stp_dwarf_set_register(struct stp_context *c, unsigned int regno,
				      int64_t value, const char *where)
{
	unsigned long v = (unsigned long)value;

	if (c->error)
		return value;
	if (c->args || !c->regs || regno >= ARRAY_SIZE(stp_dwarf_register_offsets) ||
	    regno == 7 || regno == 16) {
		stp_error(c, "this context variable cannot be written", where);
		return value;
	}
	memcpy((char *)c->regs + stp_dwarf_register_offsets[regno], &v, sizeof(v));
	return value;
}

/**
 * stp_kernel_static() - the run-time address of a kernel static.
 * @link_address: its address in the vmlinux the module was built against
 * @printk_link_address: _printk's address there
 *
 * The kernel image moves as one block under KASLR, so an exported
 * symbol's address (what module linking gives us) minus its link address
 * is the offset of every static.
 */
static int64_t stp_kernel_static(u64 link_address, u64 printk_link_address)
{
	return (int64_t)(link_address + ((unsigned long)&_printk - printk_link_address));
}
