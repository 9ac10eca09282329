// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The context variables of a kernel site resolved from DWARF: the
 * function's parameters and the locals in scope at the probe address
 * (lexical blocks holding it, innermost last so that an inner name
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

static void add_var(struct var_list *list, struct context_var v)
{
	for (size_t i = 0; i < list->n; i++) {
		if (strcmp(list->vars[i].name, v.name) == 0) {
			/* an inner scope's variable hides the outer one */
			free(list->vars[i].location);
			free(list->vars[i].unavailable);
			list->vars[i] = v;
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
	} else {
		/* SystemTap's words, then why */
		v.unavailable = xasprintf("not accessible at this address (pc: 0x%llx): %s "
					  "[man error::dwarf]", (unsigned long long)at->pc, why);
		free(why);
	}
	add_var(list, v);
}

/* The variables of scope (a function or a lexical block holding pc). */
static void add_scope(struct var_list *list, struct debuginfo *di,
		      const struct dwarf_location_site *at, Dwarf_Die *scope, int depth)
{
	Dwarf_Die child;
	Dwarf_Die blocks[16];
	size_t nblocks = 0;

	if (depth > 32 || dwarf_child(scope, &child) != 0)
		return;
	do {
		switch (dwarf_tag(&child)) {
		case DW_TAG_formal_parameter:
			if (depth == 0)
				add_located(list, di, at, &child, false);
			break;
		case DW_TAG_variable:
			add_located(list, di, at, &child, true);
			break;
		case DW_TAG_lexical_block:
			if (dwarf_haspc(&child, at->pc) == 1 && nblocks < 16)
				blocks[nblocks++] = child;
			break;
		default:
			break;
		}
	} while (dwarf_siblingof(&child, &child) == 0);
	/* after this scope's own variables, so inner ones shadow them */
	for (size_t i = 0; i < nblocks; i++)
		add_scope(list, di, at, &blocks[i], depth + 1);
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
	struct debuginfo *di = kernel_debuginfo(s);
	struct var_list list = { 0 };
	struct dwarf_location_site at;

	if (!di) {
		*why = xstrdup("the kernel's DWARF is no longer at hand");
		return false;
	}
	at = (struct dwarf_location_site){ di, &site->cu, &site->function,
					   dp->u.kprobe.is_return ? site->entry->entry_pc
								  : site->pc };
	if (dp->u.kprobe.is_return && !at_entry)
		add_return(&list, di, &site->function);
	else
		add_scope(&list, di, &at, &site->function, 0);
	*vars = list.vars;
	*n = list.n;
	return true;
}
