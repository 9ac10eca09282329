// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DWARF location expressions to C. The DWARF stack machine is run at
 * translation time over C expressions instead of numbers: each operation
 * pops the C text of its operands and pushes the C text of its result, so
 * what reaches the module is one flat expression with no interpreter.
 * Control flow (DW_OP_bra, DW_OP_skip) and operations we do not model are
 * refused with a reason rather than guessed at.
 */
#include "dwarf_location.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

#define STACK_MAX 64

struct machine {
	const struct dwarf_location_site *site;
	Dwarf_Attribute *attr;
	char *stack[STACK_MAX];
	int depth;
	char **why;
	int nesting;			/* frame base -> CFA, entry values */
};

enum result_kind {
	RESULT_ADDRESS,		/* the top of stack is where the bytes are */
	RESULT_VALUE,		/* DW_OP_stack_value, implicit value */
	RESULT_EMPTY,		/* no operations: optimized out */
};

static bool refuse(struct machine *m, char *why)
{
	if (!*m->why)
		*m->why = why;
	else
		free(why);
	return false;
}

static bool push(struct machine *m, char *expr)
{
	if (m->depth == STACK_MAX) {
		free(expr);
		return refuse(m, xstrdup("its location expression is too deep"));
	}
	m->stack[m->depth++] = expr;
	return true;
}

static char *pop(struct machine *m)
{
	return m->depth ? m->stack[--m->depth] : NULL;
}

static void clear(struct machine *m)
{
	while (m->depth)
		free(pop(m));
}

static char *reg_expr(unsigned reg)
{
	return xasprintf("stp_dwarf_register(c, %u)", reg);
}

/* Whether op names a register itself (DW_OP_reg0..31, DW_OP_regx): *reg. */
static bool op_register(const Dwarf_Op *op, unsigned *reg)
{
	if (op->atom >= DW_OP_reg0 && op->atom <= DW_OP_reg31)
		*reg = op->atom - DW_OP_reg0;
	else if (op->atom == DW_OP_regx)
		*reg = (unsigned)op->number;
	else
		return false;
	return true;
}

static bool binary(struct machine *m, const char *format)
{
	char *b = pop(m), *a = pop(m);

	if (!a || !b) {
		free(a);
		free(b);
		return refuse(m, xstrdup("its location expression pops an empty stack"));
	}
	push(m, xasprintf(format, a, b));
	free(a);
	free(b);
	return true;
}

static bool unary(struct machine *m, const char *format)
{
	char *a = pop(m);

	if (!a)
		return refuse(m, xstrdup("its location expression pops an empty stack"));
	push(m, xasprintf(format, a));
	free(a);
	return true;
}

/* The subprogram holding the site (an inlined instance's caller). */
static bool enclosing_subprogram(const struct dwarf_location_site *site, Dwarf_Die *out)
{
	Dwarf_Die *scopes;
	int n;
	bool found = false;

	if (dwarf_tag(site->function) == DW_TAG_subprogram) {
		*out = *site->function;
		return true;
	}
	n = dwarf_getscopes(site->cu, site->pc, &scopes);
	for (int i = 0; i < n && !found; i++) {
		if (dwarf_tag(&scopes[i]) == DW_TAG_subprogram) {
			*out = scopes[i];
			found = true;
		}
	}
	if (n > 0)
		free(scopes);
	return found;
}

static bool run(struct machine *m, const Dwarf_Op *ops, size_t n, enum result_kind *kind);

/* The call frame information that covers pc: .debug_frame (the kernel's),
 * else .eh_frame (a user program's), opened once per debuginfo. */
static Dwarf_Frame *frame_at(struct debuginfo *di, uint64_t pc)
{
	Dwarf_CFI *cfi = dwarf_getcfi(di->dwarf);
	Dwarf_Frame *frame = NULL;

	if (cfi && dwarf_cfi_addrframe(cfi, pc, &frame) == 0)
		return frame;
	if (!di->eh_frame_cfi)
		di->eh_frame_cfi = dwarf_getcfi_elf(dwarf_getelf(di->dwarf));
	if (di->eh_frame_cfi && dwarf_cfi_addrframe(di->eh_frame_cfi, pc, &frame) == 0)
		return frame;
	return NULL;
}

/* DW_OP_call_frame_cfa: the CFA rule the CFI gives for the probe pc. */
static char *frame_cfa(struct machine *m)
{
	Dwarf_Frame *frame = frame_at(m->site->di, m->site->pc);
	Dwarf_Op *ops;
	size_t n;
	char *expr = NULL;

	if (!frame || dwarf_frame_cfa(frame, &ops, &n) != 0) {
		refuse(m, xasprintf("no call frame information at 0x%llx",
				    (unsigned long long)m->site->pc));
	} else {
		dwarf_expr_value(m->site, NULL, ops, n, &expr, m->why);
	}
	free(frame);
	return expr;
}

/* DW_AT_frame_base of the enclosing subprogram, as an address. */
static char *frame_base(struct machine *m)
{
	Dwarf_Die subprogram;
	Dwarf_Attribute attr;
	Dwarf_Op *ops;
	size_t n;
	char *expr = NULL;
	unsigned reg;

	if (!enclosing_subprogram(m->site, &subprogram) ||
	    !dwarf_attr_integrate(&subprogram, DW_AT_frame_base, &attr) ||
	    dwarf_getlocation_addr(&attr, m->site->pc, &ops, &n, 1) != 1) {
		refuse(m, xstrdup("its function has no frame base here"));
		return NULL;
	}
	/* A frame base in a register (DW_OP_reg6) means its contents. */
	if (n == 1 && op_register(&ops[0], &reg))
		return reg_expr(reg);
	/* a frame base defined by itself would never end */
	for (size_t i = 0; i < n; i++) {
		if (ops[i].atom == DW_OP_fbreg) {
			refuse(m, xstrdup("its function's frame base refers to itself"));
			return NULL;
		}
	}
	dwarf_expr_value(m->site, &attr, ops, n, &expr, m->why);
	return expr;
}

/*
 * DW_OP_entry_value(DW_OP_regN): the register as the function got it. At
 * the function's own entry that is the register now; elsewhere the value
 * would have to be saved at entry, which we do not do.
 */
static bool entry_value(struct machine *m, const Dwarf_Op *op)
{
	Dwarf_Attribute block;
	Dwarf_Op *inner;
	size_t n;
	Dwarf_Die subprogram;
	Dwarf_Addr entry;
	unsigned reg;

	if (!m->attr || dwarf_getlocation_attr(m->attr, op, &block) != 0 ||
	    dwarf_getlocation(&block, &inner, &n) != 0 || n != 1)
		return refuse(m, xstrdup("it needs a value from the function's entry "
					 "(DW_OP_entry_value) that is not simple"));
	if (!enclosing_subprogram(m->site, &subprogram) ||
	    dwarf_entrypc(&subprogram, &entry) != 0 || entry != m->site->pc ||
	    dwarf_tag(m->site->function) != DW_TAG_subprogram)
		return refuse(m, xstrdup("it is only known from the function's entry "
					 "(DW_OP_entry_value), not at this address"));
	if (op_register(&inner[0], &reg))
		return push(m, reg_expr(reg));
	return refuse(m, xstrdup("it needs an entry value (DW_OP_entry_value) "
				 "of something other than a register"));
}

/* A static's link-time address, relocated at run time (KASLR). */
static char *static_address(struct machine *m, uint64_t address)
{
	const struct debuginfo *di = m->site->di;

	/* A module's statics move with the module's own load address, which
	 * the runtime does not hand to location expressions. */
	if (di->module) {
		refuse(m, xasprintf("it is a static of module '%s', which this ctap "
				    "cannot relocate", di->module->name));
		return NULL;
	}
	for (size_t i = 0; i < di->nsymbols; i++)
		if (strcmp(di->symbols[i].name, "_printk") == 0)
			return xasprintf("stp_kernel_static(0x%llxULL, 0x%llxULL)",
					 (unsigned long long)address,
					 (unsigned long long)di->symbols[i].address);
	refuse(m, xstrdup("it is a static, and the kernel has no _printk to relocate "
			  "it by"));
	return NULL;
}

static bool step(struct machine *m, const Dwarf_Op *op)
{
	uint8_t atom = op->atom;

	if (atom >= DW_OP_lit0 && atom <= DW_OP_lit31)
		return push(m, xasprintf("%dLL", atom - DW_OP_lit0));
	if (atom >= DW_OP_breg0 && atom <= DW_OP_breg31)
		return push(m, xasprintf("(stp_dwarf_register(c, %d) + %lldLL)",
					 atom - DW_OP_breg0, (long long)op->number));
	switch (atom) {
	case DW_OP_addr:
	{
		char *address = static_address(m, op->number);

		return address ? push(m, address) : false;
	}
	case DW_OP_const1u: case DW_OP_const2u: case DW_OP_const4u:
	case DW_OP_const8u: case DW_OP_constu:
		return push(m, xasprintf("(int64_t)%lluULL", (unsigned long long)op->number));
	case DW_OP_const1s: case DW_OP_const2s: case DW_OP_const4s:
	case DW_OP_const8s: case DW_OP_consts:
		return push(m, xasprintf("(%lldLL)", (long long)op->number));
	case DW_OP_bregx:
		return push(m, xasprintf("(stp_dwarf_register(c, %u) + %lldLL)",
					 (unsigned)op->number, (long long)op->number2));
	case DW_OP_fbreg: {
		char *base = frame_base(m);

		if (!base)
			return false;
		push(m, xasprintf("(%s + %lldLL)", base, (long long)op->number));
		free(base);
		return true;
	}
	case DW_OP_call_frame_cfa: {
		char *cfa = frame_cfa(m);

		return cfa ? push(m, cfa) : false;
	}
	case DW_OP_dup:
		if (!m->depth)
			break;
		return push(m, xstrdup(m->stack[m->depth - 1]));
	case DW_OP_over:
		if (m->depth < 2)
			break;
		return push(m, xstrdup(m->stack[m->depth - 2]));
	case DW_OP_drop:
		if (!m->depth)
			break;
		free(pop(m));
		return true;
	case DW_OP_swap: {
		char *t;

		if (m->depth < 2)
			break;
		t = m->stack[m->depth - 1];
		m->stack[m->depth - 1] = m->stack[m->depth - 2];
		m->stack[m->depth - 2] = t;
		return true;
	}
	case DW_OP_deref:
		return unary(m, "stp_kread(c, %s, 8, 0, stp_where)");
	case DW_OP_deref_size:
		if (op->number < 1 || op->number > 8)
			break;
		{
			char *format = xasprintf("stp_kread(c, %%s, %u, 0, stp_where)",
						 (unsigned)op->number);
			bool ok = unary(m, format);

			free(format);
			return ok;
		}
	case DW_OP_plus_uconst:
		if (!m->depth)
			break;
		{
			char *a = pop(m);

			push(m, xasprintf("(%s + %lldLL)", a, (long long)op->number));
			free(a);
			return true;
		}
	case DW_OP_plus: return binary(m, "(%s + %s)");
	case DW_OP_minus: return binary(m, "(%s - %s)");
	case DW_OP_mul: return binary(m, "(%s * %s)");
	case DW_OP_div: return binary(m, "stp_div(c, %s, %s, stp_where)");
	case DW_OP_mod: return binary(m, "stp_mod(c, %s, %s, stp_where)");
	case DW_OP_and: return binary(m, "(%s & %s)");
	case DW_OP_or: return binary(m, "(%s | %s)");
	case DW_OP_xor: return binary(m, "(%s ^ %s)");
	case DW_OP_shl: return binary(m, "(int64_t)((uint64_t)%s << (%s & 63))");
	case DW_OP_shr: return binary(m, "(int64_t)((uint64_t)%s >> (%s & 63))");
	case DW_OP_shra: return binary(m, "(%s >> (%s & 63))");
	case DW_OP_eq: return binary(m, "(int64_t)(%s == %s)");
	case DW_OP_ne: return binary(m, "(int64_t)(%s != %s)");
	case DW_OP_lt: return binary(m, "(int64_t)(%s < %s)");
	case DW_OP_le: return binary(m, "(int64_t)(%s <= %s)");
	case DW_OP_gt: return binary(m, "(int64_t)(%s > %s)");
	case DW_OP_ge: return binary(m, "(int64_t)(%s >= %s)");
	case DW_OP_neg: return unary(m, "(-%s)");
	case DW_OP_not: return unary(m, "(~%s)");
	case DW_OP_abs: return unary(m, "({ int64_t v_ = %s; v_ < 0 ? -v_ : v_; })");
	case DW_OP_nop:
		return true;
	case DW_OP_entry_value:
	case DW_OP_GNU_entry_value:
		return entry_value(m, op);
	default:
		return refuse(m, xasprintf("its location uses DWARF operation 0x%x, which "
					   "this ctap does not compile", atom));
	}
	return refuse(m, xstrdup("its location expression pops an empty stack"));
}

/*
 * Run ops (no DW_OP_piece among them). A lone DW_OP_regN is the
 * register's contents as a value; DW_OP_stack_value ends with a value;
 * otherwise the top of the stack is an address.
 */
static bool run(struct machine *m, const Dwarf_Op *ops, size_t n, enum result_kind *kind)
{
	unsigned reg;

	if (++m->nesting > 8)
		return refuse(m, xstrdup("its location expression nests too deep"));
	*kind = RESULT_ADDRESS;
	if (n == 0) {
		*kind = RESULT_EMPTY;
		goto out;
	}
	if (n == 1 && op_register(&ops[0], &reg)) {
		*kind = RESULT_VALUE;
		push(m, reg_expr(reg));
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (ops[i].atom == DW_OP_stack_value && i == n - 1) {
			*kind = RESULT_VALUE;
			break;
		}
		if (ops[i].atom == DW_OP_implicit_value && n == 1 && ops[i].number <= 8) {
			uint64_t v = 0;

			memcpy(&v, (const void *)(uintptr_t)ops[i].number2, ops[i].number);
			*kind = RESULT_VALUE;
			push(m, xasprintf("(int64_t)0x%llxULL", (unsigned long long)v));
			break;
		}
		if (!step(m, &ops[i])) {
			m->nesting--;
			return false;
		}
	}
	if (!m->depth) {
		m->nesting--;
		return refuse(m, xstrdup("its location expression leaves nothing"));
	}
out:
	m->nesting--;
	return true;
}

bool dwarf_expr_value(const struct dwarf_location_site *site, Dwarf_Attribute *attr,
		      const Dwarf_Op *ops, size_t nops, char **expr, char **why)
{
	struct machine m = { .site = site, .attr = attr, .why = why };
	enum result_kind kind = RESULT_ADDRESS;

	*expr = NULL;
	if (!run(&m, ops, nops, &kind) || kind == RESULT_EMPTY) {
		clear(&m);
		return kind == RESULT_EMPTY ? refuse(&m, xstrdup("it is optimized out here"))
					    : false;
	}
	*expr = pop(&m);
	clear(&m);
	return true;
}

char *dwarf_value_of_type(char *value, const struct ctype *type)
{
	char *out;

	if (!type->size || type->size >= 8 || type->kind == CTYPE_STRUCT ||
	    type->kind == CTYPE_UNION || type->kind == CTYPE_ARRAY)
		return value;
	out = xasprintf("stp_bitfield(%s, 0, %u, %d)", value, (unsigned)type->size * 8,
			type->is_signed);
	free(value);
	return out;
}

/*
 * DW_OP_piece: each piece is a register, memory, a computed value or
 * missing; the pieces (8 bytes in all at most) are read and ORed into one
 * value at their byte offsets, little-endian.
 */
static bool assemble_pieces(struct machine *m, const Dwarf_Op *ops, size_t n,
			    struct dwarf_location *out)
{
	struct strbuf value;
	uint64_t offset = 0;
	size_t start = 0;

	strbuf_init(&value);
	strbuf_adds(&value, "(int64_t)(0");
	for (size_t i = 0; i < n; i++) {
		enum result_kind kind;
		uint64_t size;
		char *part;

		if (ops[i].atom == DW_OP_bit_piece) {
			strbuf_free(&value);
			return refuse(m, xstrdup("it is in bit pieces (DW_OP_bit_piece), which "
						 "this ctap does not assemble"));
		}
		if (ops[i].atom != DW_OP_piece)
			continue;
		size = ops[i].number;
		if (offset + size > 8 || size == 0) {
			strbuf_free(&value);
			return refuse(m, xstrdup("its pieces (DW_OP_piece) make more than "
						 "8 bytes, which this ctap does not assemble"));
		}
		if (!run(m, ops + start, i - start, &kind)) {
			strbuf_free(&value);
			return false;
		}
		if (kind == RESULT_EMPTY) {
			strbuf_free(&value);
			return refuse(m, xstrdup("part of it is optimized out here"));
		}
		part = pop(m);
		if (kind == RESULT_ADDRESS) {
			char *read = xasprintf("stp_kread(c, %s, %u, 0, stp_where)", part,
					       (unsigned)size);

			free(part);
			part = read;
		}
		strbuf_addf(&value, " | ((uint64_t)stp_bitfield(%s, 0, %u, 0) << %u)", part,
			    (unsigned)size * 8, (unsigned)offset * 8);
		free(part);
		offset += size;
		start = i + 1;
	}
	strbuf_adds(&value, ")");
	out->in_memory = false;
	out->expr = strbuf_detach(&value);
	return true;
}

static bool has_piece(const Dwarf_Op *ops, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (ops[i].atom == DW_OP_piece || ops[i].atom == DW_OP_bit_piece)
			return true;
	return false;
}

static bool constant_value(Dwarf_Die *variable, const struct ctype *type,
			   struct dwarf_location *out, char **why)
{
	Dwarf_Attribute attr;
	Dwarf_Sword s;
	Dwarf_Word u;

	dwarf_attr_integrate(variable, DW_AT_const_value, &attr);
	if (dwarf_formsdata(&attr, &s) == 0)
		out->expr = xasprintf("(%lldLL)", (long long)s);
	else if (dwarf_formudata(&attr, &u) == 0)
		out->expr = xasprintf("(int64_t)%lluULL", (unsigned long long)u);
	else {
		*why = xstrdup("its constant value is not an integer");
		return false;
	}
	out->expr = dwarf_value_of_type(out->expr, type);
	out->in_memory = false;
	return true;
}

bool dwarf_variable_location(const struct dwarf_location_site *site, Dwarf_Die *variable,
			     const struct ctype *type, struct dwarf_location *out, char **why)
{
	Dwarf_Attribute attr;
	Dwarf_Op *ops;
	size_t n;
	int found;
	struct machine m = { .site = site, .attr = &attr, .why = why };
	enum result_kind kind = RESULT_ADDRESS;

	*why = NULL;
	out->expr = NULL;
	out->in_register = false;
	if (!dwarf_attr_integrate(variable, DW_AT_location, &attr)) {
		if (dwarf_hasattr_integrate(variable, DW_AT_const_value))
			return constant_value(variable, type, out, why);
		*why = xstrdup("it is optimized out (it has no location)");
		return false;
	}
	found = dwarf_getlocation_addr(&attr, site->pc, &ops, &n, 1);
	if (found == 0) {
		*why = xstrdup("no entry of its location list covers this address "
			       "(optimized out, or not yet live)");
		return false;
	}
	if (found < 0) {
		*why = xasprintf("its location cannot be read: %s", dwarf_errmsg(-1));
		return false;
	}
	if (has_piece(ops, n)) {
		bool ok = assemble_pieces(&m, ops, n, out);

		clear(&m);
		if (ok)
			out->expr = dwarf_value_of_type(out->expr, type);
		return ok;
	}
	if (!run(&m, ops, n, &kind)) {
		clear(&m);
		return false;
	}
	if (kind == RESULT_EMPTY) {
		*why = xstrdup("it is optimized out here");
		return false;
	}
	out->expr = pop(&m);
	clear(&m);
	out->in_memory = kind == RESULT_ADDRESS;
	out->in_register = n == 1 && op_register(&ops[0], &out->reg);
	if (!out->in_memory)
		out->expr = dwarf_value_of_type(out->expr, type);
	return true;
}
