// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Context variables: the probed call's arguments, and fault-safe reads of
 * the kernel memory they point to. A read that faults is a script error
 * ("read fault at 0x..."); after an error every read gives 0 without
 * touching memory, so a chain $a->b->c stops at its first bad pointer.
 */

/**
 * stp_arg() - argument @i of the probed call, or its return value.
 * @c: the running handler's context
 * @i: 0-based argument number; -1 for the return value
 *
 * A tracepoint hands its arguments over as an array; at a kprobe on a
 * function's entry they are in the registers of the x86_64 calling
 * convention (the first six; later ones on the stack after the return
 * address).
 */
static int64_t stp_arg(struct stp_context *c, int i)
{
	if (c->args)
		return i >= 0 && (unsigned int)i < c->nargs ? (int64_t)c->args[i] : 0;
	if (!c->regs)
		return 0;
	if (i < 0)
		return (int64_t)regs_return_value(c->regs);
	switch (i) {
	case 0: return (int64_t)c->regs->di;
	case 1: return (int64_t)c->regs->si;
	case 2: return (int64_t)c->regs->dx;
	case 3: return (int64_t)c->regs->cx;
	case 4: return (int64_t)c->regs->r8;
	case 5: return (int64_t)c->regs->r9;
	default: {
		unsigned long v = 0;

		if (copy_from_kernel_nofault(&v, (void *)(c->regs->sp + 8 * (i - 5)),
					     sizeof(v)))
			stp_fmt_fault(c, (int64_t)(c->regs->sp + 8 * (i - 5)), NULL);
		return (int64_t)v;
	}
	}
}

/**
 * stp_kread() - read an integer of @size bytes from kernel memory.
 * @c: context; a fault sets its error
 * @addr: kernel address
 * @size: 1, 2, 4 or 8
 * @is_signed: sign-extend the value
 * @where: the script location for the error
 */
static int64_t stp_kread(struct stp_context *c, int64_t addr, unsigned int size,
			 int is_signed, const char *where)
{
	union { u8 b; u16 h; u32 w; u64 d; } v = { .d = 0 };

	if (c->error)
		return 0;
	if (size > sizeof(v) ||
	    copy_from_kernel_nofault(&v, (const void *)(uintptr_t)addr, size)) {
		stp_fmt_fault(c, addr, where);
		return 0;
	}
	switch (size) {
	case 1: return is_signed ? (int64_t)(s8)v.b : (int64_t)v.b;
	case 2: return is_signed ? (int64_t)(s16)v.h : (int64_t)v.h;
	case 4: return is_signed ? (int64_t)(s32)v.w : (int64_t)v.w;
	default: return (int64_t)v.d;
	}
}

/**
 * stp_kread_string() - a char array of at most @max bytes, as a string.
 * @buf: MAXSTRINGLEN bytes; the result, always terminated
 */
static const char *stp_kread_string(struct stp_context *c, char *buf, int64_t addr,
				    u64 max, const char *where)
{
	buf[0] = '\0';
	if (c->error || !max)
		return buf;
	if (max > MAXSTRINGLEN)
		max = MAXSTRINGLEN;
	/* The whole array is in one object: read it at once (the kernel's
	 * strncpy_from_kernel_nofault is not exported to modules). */
	if (copy_from_kernel_nofault(buf, (const void *)(uintptr_t)addr, max)) {
		buf[0] = '\0';
		stp_fmt_fault(c, addr, where);
		return buf;
	}
	buf[max - 1] = '\0';	/* an array filled to its end */
	return buf;
}

/* The @bits bits at @shift of @word (little-endian), sign-extended if asked. */
static int64_t stp_bitfield(int64_t word, unsigned int shift, unsigned int bits, int is_signed)
{
	u64 v = (u64)word >> shift;

	if (bits >= 64)
		return (int64_t)v;
	v &= (1ULL << bits) - 1;
	if (is_signed && (v & (1ULL << (bits - 1))))
		v |= ~((1ULL << bits) - 1);
	return (int64_t)v;
}

/**
 * stp_format_parms() - $$parms, $$locals, $$vars: "name=0x1 name=?"
 * (SystemTap's %#x of each integer and pointer, "?" for what cannot be
 * read: optimized out, or a struct), into @buf (MAXSTRINGLEN).
 * @n: how many (name, int known, int64_t value) triples follow
 */
static const char *stp_format_parms(struct stp_context *c, char *buf, unsigned int n, ...)
{
	struct stp_out o = stp_out_string(buf);
	va_list ap;
	unsigned int i;

	va_start(ap, n);
	for (i = 0; i < n; i++) {
		const char *name = va_arg(ap, const char *);
		int known = va_arg(ap, int);
		int64_t value = va_arg(ap, int64_t);

		if (i)
			stp_out_str(c, &o, " ");
		stp_out_str(c, &o, name);
		stp_out_str(c, &o, "=");
		if (known)
			stp_fmt_long(c, &o, 'x', STP_FMT_ALT, -1, -1, value);
		else
			stp_out_str(c, &o, "?");
	}
	va_end(ap);
	return buf;
}

static __maybe_unused void stp_write_fault(struct stp_context *c, int64_t addr, const char *where)
{
	snprintf(c->error_buffer, sizeof(c->error_buffer),
		 "write fault [man error::fault] at 0x%llx", (unsigned long long)addr);
	stp_error(c, c->error_buffer, where);
}

/* Whether @size bytes at @addr may be written: kernel addresses only, as
 * copy_to_kernel_nofault allows (it is not exported to modules). */
static bool stp_kwrite_allowed(u64 addr, unsigned int size)
{
	return addr >= TASK_SIZE_MAX + PAGE_SIZE &&
	       __is_canonical_address(addr, boot_cpu_data.x86_virt_bits) &&
	       __is_canonical_address(addr + size - 1, boot_cpu_data.x86_virt_bits);
}

/**
 * stp_kwrite() - guru mode: store the low @size bytes of @value at @addr.
 * @c: context; a fault sets its error ("write fault") and writes nothing
 *
 * The store goes through the architecture's exception-table accessor
 * with page faults disabled, as copy_to_kernel_nofault does.
 * Return: @value, the assignment's value.
 */
static __maybe_unused int64_t stp_kwrite(struct stp_context *c, int64_t addr,
					 unsigned int size, int64_t value, const char *where)
{
	union { u8 b; u16 h; u32 w; u64 d; } v;
	void *dst = (void *)(uintptr_t)addr;

	if (c->error)
		return value;
	if (!stp_kwrite_allowed(addr, size))
		goto fault;
	pagefault_disable();
	switch (size) {
	case 1:
		v.b = (u8)value;
		__put_kernel_nofault(dst, &v.b, u8, fault_enabled);
		break;
	case 2:
		v.h = (u16)value;
		__put_kernel_nofault(dst, &v.h, u16, fault_enabled);
		break;
	case 4:
		v.w = (u32)value;
		__put_kernel_nofault(dst, &v.w, u32, fault_enabled);
		break;
	default:
		v.d = (u64)value;
		__put_kernel_nofault(dst, &v.d, u64, fault_enabled);
		break;
	}
	pagefault_enable();
	return value;
fault_enabled:
	pagefault_enable();
fault:
	stp_write_fault(c, addr, where);
	return value;
}

/**
 * stp_set_arg() - guru mode: set argument @i of the probed call.
 * @i: as stp_arg(); -1 sets the return value
 *
 * At a kprobe the argument registers are restored from the saved
 * registers when the probe returns, so the function sees the new value;
 * a tracepoint's arguments are copies, and setting them is an error.
 */
static __maybe_unused int64_t stp_set_arg(struct stp_context *c, int i, int64_t value, const char *where)
{
	if (c->error)
		return value;
	if (c->args || !c->regs || i > 5) {
		stp_error(c, "this context variable cannot be written", where);
		return value;
	}
	switch (i) {
	case -1: c->regs->ax = value; break;
	case 0: c->regs->di = value; break;
	case 1: c->regs->si = value; break;
	case 2: c->regs->dx = value; break;
	case 3: c->regs->cx = value; break;
	case 4: c->regs->r8 = value; break;
	default: c->regs->r9 = value; break;
	}
	return value;
}
