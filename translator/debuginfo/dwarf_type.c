// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Type naming as SystemTap prints it in -L listings ("struct file*",
 * "char const*", "struct iovec[]", "int (*) (void*)"), and the variables a
 * probe site lists.
 */
#include "debuginfo.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

static void add_type_name(struct strbuf *out, Dwarf_Die *type, int depth);

/* The type a DIE refers to; false for "void" (no DW_AT_type). */
static bool referenced_type(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(die, DW_AT_type, &attr) && dwarf_formref_die(&attr, type);
}

static void add_referenced(struct strbuf *out, Dwarf_Die *die, int depth)
{
	Dwarf_Die type;

	if (referenced_type(die, &type))
		add_type_name(out, &type, depth + 1);
	else
		strbuf_adds(out, "void");
}

static void add_function_pointer(struct strbuf *out, Dwarf_Die *subroutine, int depth)
{
	Dwarf_Die child;
	bool first = true;

	add_referenced(out, subroutine, depth);
	strbuf_adds(out, " (*) (");
	if (dwarf_child(subroutine, &child) == 0) {
		do {
			if (dwarf_tag(&child) == DW_TAG_unspecified_parameters) {
				strbuf_adds(out, first ? "..." : ", ...");
				first = false;
			}
			if (dwarf_tag(&child) != DW_TAG_formal_parameter)
				continue;
			if (!first)
				strbuf_adds(out, ", ");
			add_referenced(out, &child, depth);
			first = false;
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	strbuf_addc(out, ')');
}

static void add_tagged(struct strbuf *out, const char *keyword, Dwarf_Die *type)
{
	const char *name = dwarf_diename(type);

	strbuf_addf(out, "%s %s", keyword, name ? name : "{...}");
}

static void add_type_name(struct strbuf *out, Dwarf_Die *type, int depth)
{
	Dwarf_Die target;
	const char *name;

	if (depth > 32) {	/* a reference cycle in broken DWARF */
		strbuf_adds(out, "?");
		return;
	}
	switch (dwarf_tag(type)) {
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		if (referenced_type(type, &target) &&
		    dwarf_tag(&target) == DW_TAG_subroutine_type) {
			add_function_pointer(out, &target, depth);
			return;
		}
		add_referenced(out, type, depth);
		strbuf_addc(out, '*');
		return;
	case DW_TAG_const_type:
		add_referenced(out, type, depth);
		strbuf_adds(out, " const");
		return;
	case DW_TAG_volatile_type:
		add_referenced(out, type, depth);
		strbuf_adds(out, " volatile");
		return;
	case DW_TAG_array_type:
		add_referenced(out, type, depth);
		strbuf_adds(out, "[]");
		return;
	case DW_TAG_structure_type:
		add_tagged(out, "struct", type);
		return;
	case DW_TAG_union_type:
		add_tagged(out, "union", type);
		return;
	case DW_TAG_enumeration_type:
		add_tagged(out, "enum", type);
		return;
	case DW_TAG_subroutine_type:
		add_function_pointer(out, type, depth);
		return;
	default:
		name = dwarf_diename(type);
		strbuf_adds(out, name ? name : "?");
		return;
	}
}

char *dwarf_type_name(Dwarf_Die *type)
{
	struct strbuf out;

	strbuf_init(&out);
	add_type_name(&out, type, 0);
	return strbuf_detach(&out);
}

/* Whether a variable's location covers pc (a single expression always does). */
static bool located_at(Dwarf_Die *var, Dwarf_Addr pc)
{
	Dwarf_Attribute attr;
	Dwarf_Op *expr;
	size_t len;

	if (!dwarf_attr_integrate(var, DW_AT_location, &attr))
		return dwarf_hasattr_integrate(var, DW_AT_const_value);
	return dwarf_getlocation_addr(&attr, pc, &expr, &len, 1) > 0;
}

static void add_variable(struct strbuf *out, Dwarf_Die *var)
{
	const char *name = dwarf_diename(var);
	Dwarf_Die type;
	char *type_name;

	if (!name)
		return;
	strbuf_addf(out, " $%s:", name);
	if (referenced_type(var, &type)) {
		type_name = dwarf_type_name(&type);
		strbuf_adds(out, type_name);
		free(type_name);
	} else {
		strbuf_adds(out, "void");
	}
}

#define MAX_SCOPES 32

/* The scopes whose variables are visible at pc: the lexical blocks of
 * function holding pc, innermost first, then function itself (only it at
 * the function's entry pc); at most max. The count. */
static size_t variable_scopes(Dwarf_Die *function, uint64_t pc, Dwarf_Die *scopes,
			      size_t max)
{
	Dwarf_Die scope = *function, child;
	Dwarf_Addr entry;
	size_t n = 0;
	bool deeper = true;

	/* At the function's entry only its own scope, as SystemTap has it
	 * (a block's range may start there, its variables not yet set). */
	if (dwarf_entrypc(function, &entry) == 0 && entry == pc) {
		if (max)
			scopes[0] = *function;
		return max ? 1 : 0;
	}
	/* outermost first, then reversed */
	while (n < max && deeper) {
		scopes[n++] = scope;
		deeper = false;
		if (dwarf_child(&scope, &child) != 0)
			break;
		do {
			if (dwarf_tag(&child) == DW_TAG_lexical_block &&
			    dwarf_haspc(&child, pc) == 1) {
				scope = child;
				deeper = true;
				break;
			}
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	for (size_t i = 0; i < n / 2; i++) {
		Dwarf_Die t = scopes[i];

		scopes[i] = scopes[n - 1 - i];
		scopes[n - 1 - i] = t;
	}
	return n;
}

void dwarf_visible_variables(Dwarf_Die *function, uint64_t pc,
			     void (*visit)(Dwarf_Die *var, bool is_local, void *ctx), void *ctx)
{
	Dwarf_Die scopes[MAX_SCOPES], child;
	size_t n = variable_scopes(function, pc, scopes, MAX_SCOPES);

	for (size_t i = 0; i < n; i++) {
		if (dwarf_child(&scopes[i], &child) != 0)
			continue;
		do {
			int tag = dwarf_tag(&child);

			/* parameters belong to the function's own scope, last */
			if (tag == DW_TAG_formal_parameter && i == n - 1)
				visit(&child, false, ctx);
			else if (tag == DW_TAG_variable)
				visit(&child, true, ctx);
		} while (dwarf_siblingof(&child, &child) == 0);
	}
}

struct listing {
	struct strbuf *out;
	uint64_t pc;
};

static void list_variable(Dwarf_Die *var, bool is_local, void *ctx)
{
	struct listing *l = ctx;

	/* Locals are listed where the probe can read them. */
	if (!is_local || located_at(var, l->pc))
		add_variable(l->out, var);
}

void dwarf_site_variables(struct dwarf_site *site, struct strbuf *out)
{
	struct listing l = { out, site->pc };

	dwarf_visible_variables(&site->function, site->pc, list_variable, &l);
}
