// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The context variables of a kernel site resolved from DWARF: the
 * function's parameters and the locals in scope at the probe address
 * (lexical blocks holding it, innermost first, so that an inner name
 * shadows an outer one), each typed from DWARF (dwarf_ctype.h) and located
 * at the probe address (dwarf_location.h); `.return` adds $return. A
 * variable that exists but cannot be read here is offered with the reason,
 * which becomes the error when a script uses it.
 */
#include "probes.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "../debuginfo/debuginfo.h"
#include "../debuginfo/dwarf_ctype.h"
#include "../debuginfo/dwarf_location.h"

struct var_list {
	struct context_var *vars;
	size_t n, cap;
};

/* Scopes come innermost first: a name already there hides this one. */
static void add_var(struct var_list *list, struct context_var v)
{
	for (size_t i = 0; i < list->n; i++) {
		if (strcmp(list->vars[i].name, v.name) == 0) {
			free(v.location);
			free(v.unavailable);
			return;
		}
	}
	VEC_PUSH(list->vars, list->n, list->cap, v);
}

static void add_located(struct var_list *list, struct debuginfo *di,
			const struct dwarf_location_site *at, Dwarf_Die *die, bool is_local)
{
	const char *name = dwarf_diename(die);
	struct context_var v = { .name = name, .arg = 0, .is_local = is_local };
	struct dwarf_location loc;
	char *why;

	if (!name)
		return;
	v.type = dwarf_ctype_of_die(debuginfo_ctypes(di), die);
	if (dwarf_variable_location(at, die, v.type, &loc, &why)) {
		v.location = loc.expr;
		v.in_memory = loc.in_memory;
		v.in_register = loc.in_register;
		v.reg = loc.reg;
	} else {
		/* SystemTap's words, then why */
		v.unavailable = xasprintf("not accessible at this address (pc: 0x%llx): %s "
					  "[man error::dwarf]", (unsigned long long)at->pc, why);
		free(why);
	}
	add_var(list, v);
}

struct located {
	struct var_list *list;
	struct debuginfo *di;
	const struct dwarf_location_site *at;
};

static void add_visible(Dwarf_Die *var, bool is_local, void *ctx)
{
	struct located *l = ctx;

	add_located(l->list, l->di, l->at, var, is_local);
}

static void add_return(struct var_list *list, struct debuginfo *di, Dwarf_Die *function)
{
	struct context_var v = { .name = "return", .arg = CONTEXT_ARG_RETURN };

	v.type = dwarf_ctype_of_die(debuginfo_ctypes(di), function);
	if (v.type->kind == CTYPE_VOID)
		return;
	v.location = dwarf_value_of_type(xstrdup("stp_arg(c, -1)"), v.type);
	add_var(list, v);
}

bool dwarf_site_context_vars(struct session *s, struct derived_probe *dp, bool at_entry,
			     struct context_var **vars, size_t *n, char **why)
{
	struct dwarf_site *site = dp->u.kprobe.dwarf;
	/* a module's site reads the module's own DWARF (module.c) */
	struct debuginfo *di = dp->u.kprobe.module ? module_debuginfo(s, dp->u.kprobe.module)
						   : kernel_debuginfo(s);
	struct var_list list = { 0 };
	struct dwarf_location_site at;

	if (!di) {
		*why = dp->u.kprobe.module
			? xasprintf("the DWARF of module '%s' is no longer at hand",
				    dp->u.kprobe.module)
			: xstrdup("the kernel's DWARF is no longer at hand");
		return false;
	}
	at = (struct dwarf_location_site){ di, &site->cu, &site->function,
					   dp->u.kprobe.is_return ? site->entry->entry_pc
								  : site->pc };
	if (dp->u.kprobe.is_return && !at_entry)
		add_return(&list, di, &site->function);
	else
		dwarf_visible_variables(&site->function, at.pc, add_visible,
					&(struct located){ &list, di, &at });
	*vars = list.vars;
	*n = list.n;
	return true;
}
