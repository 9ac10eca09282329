// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Symbolization: an address to "name+0xOFF/0xSIZE [module]". The kernel's
 * own kallsyms answers, through sprint_symbol() (exported, unlike
 * kallsyms_lookup_name on these kernels): it knows the running kernel's
 * relocated addresses (KASLR) and every loaded module, so the module
 * carries no symbol table of its own. sprint_symbol() writes
 * "name+0xoff/0xsize" for the kernel, "name+0xoff/0xsize [mod]" for a
 * module and "0xaddr" for an address it cannot name; stp_symbol_lookup()
 * takes that text apart.
 */
#include <linux/kallsyms.h>

/* Parse "0x..." hex up to a delimiter; *end is left on the delimiter. */
static unsigned long stp_sym_hex(const char *s, const char **end)
{
	unsigned long v = 0;
	int d;

	if (s[0] == '0' && s[1] == 'x')
		s += 2;
	while ((d = hex_to_bin(*s)) >= 0) {
		v = v * 16 + d;
		s++;
	}
	*end = s;
	return v;
}

/**
 * stp_symbol_lookup() - name the symbol containing an address.
 * @c: the probe context (its symbol_buffer is used as scratch)
 * @addr: any address
 * @sym: receives the name (pointing into c->symbol_buffer), offset, size
 *       and module ("kernel" for the kernel image)
 *
 * Return: false when kallsyms knows no symbol there.
 */
static bool stp_symbol_lookup(struct stp_context *c, unsigned long addr,
			      struct stp_symbol *sym)
{
	char *buf = c->symbol_buffer;
	char *plus, *bracket;
	const char *p;

	sprint_symbol(buf, addr);
	plus = strrchr(buf, '+');
	if (!plus)
		return false;
	*plus = '\0';
	sym->name = buf;
	sym->offset = stp_sym_hex(plus + 1, &p);
	sym->size = *p == '/' ? stp_sym_hex(p + 1, &p) : 0;
	sym->module = "kernel";
	bracket = strchr(p, '[');
	if (bracket) {
		sym->module = bracket + 1;
		bracket = strchr(bracket, ']');
		if (bracket)
			*bracket = '\0';
	}
	return true;
}

/* symname(): the name, or the address in hex. */
static void stp_symname(struct stp_context *c, struct stp_out *o, unsigned long addr)
{
	struct stp_symbol sym;
	char hex[24];

	if (stp_symbol_lookup(c, addr, &sym)) {
		stp_out_str(c, o, sym.name);
		return;
	}
	snprintf(hex, sizeof(hex), "0x%lx", addr);
	stp_out_str(c, o, hex);
}

/* symdata(): "name+0xoff/0xsize [module]", or the address in hex. */
static void stp_symdata(struct stp_context *c, struct stp_out *o, unsigned long addr)
{
	struct stp_symbol sym;
	char num[48];

	if (!stp_symbol_lookup(c, addr, &sym)) {
		snprintf(num, sizeof(num), "0x%lx", addr);
		stp_out_str(c, o, num);
		return;
	}
	stp_out_str(c, o, sym.name);
	snprintf(num, sizeof(num), "+0x%lx/0x%lx [", sym.offset, sym.size);
	stp_out_str(c, o, num);
	stp_out_str(c, o, sym.module);
	stp_out_str(c, o, "]");
}

/* modname(): "kernel", the module's name, or NULL when no symbol is known. */
static const char *stp_modname(struct stp_context *c, unsigned long addr)
{
	struct stp_symbol sym;

	return stp_symbol_lookup(c, addr, &sym) ? sym.module : NULL;
}
