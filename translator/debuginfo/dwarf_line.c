// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Line lookup: the address of a source line inside a function, from the
 * line table of the function's CU (loaded only for the CUs that matched).
 */
#include "debuginfo.h"

#include <dwarf.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

/* Whether pc lies in one of die's address ranges. */
static bool die_has_pc(Dwarf_Die *die, Dwarf_Addr pc)
{
	Dwarf_Addr base, start, end;
	ptrdiff_t offset = 0;

	while ((offset = dwarf_ranges(die, offset, &base, &start, &end)) > 0)
		if (pc >= start && pc < end)
			return true;
	return false;
}

static bool line_taken(const struct dwarf_site *sites, size_t n, const struct dwarf_entry *e,
		       int line)
{
	for (size_t i = 0; i < n; i++)
		if (sites[i].entry == e && sites[i].line == line)
			return true;
	return false;
}

/* The lowest statement address of each wanted line of one function. */
static void add_line_sites(struct debuginfo *di, const struct function_pattern *pattern,
			   const struct dwarf_site *function, struct dwarf_site **sites,
			   size_t *n, size_t *cap)
{
	Dwarf_Lines *lines;
	size_t nlines;
	size_t first = *n;
	Dwarf_Die cu = function->cu;

	if (dwarf_getsrclines(&cu, &lines, &nlines) != 0)
		return;
	for (size_t i = 0; i < nlines; i++) {
		Dwarf_Line *row = dwarf_onesrcline(lines, i);
		Dwarf_Die die = function->function;
		Dwarf_Addr addr;
		int line;
		struct dwarf_site site;

		if (!row || dwarf_lineaddr(row, &addr) != 0 || dwarf_lineno(row, &line) != 0)
			continue;
		if (!pattern->line_wildcard && line != pattern->line)
			continue;
		/* Lines before the function's own are an inlined callee's. */
		if (line < function->decl_line)
			continue;
		if (!die_has_pc(&die, addr) || !debuginfo_probeable(di, addr))
			continue;
		/* Only rows of the function's own file: an inlined callee's
		 * lines carry other files' line numbers. */
		if (!function_pattern_matches_file(pattern, dwarf_linesrc(row, NULL, NULL)))
			continue;
		if (line_taken(*sites + first, *n - first, function->entry, line)) {
			for (size_t j = first; j < *n; j++)
				if ((*sites)[j].line == line && addr < (*sites)[j].pc)
					(*sites)[j].pc = addr;
			continue;
		}
		site = *function;
		site.line = line;
		site.pc = addr;
		VEC_PUSH(*sites, *n, *cap, site);
	}
}

size_t dwarf_statement_sites(struct debuginfo *di, const struct function_pattern *pattern,
			     struct dwarf_site **sites)
{
	struct function_pattern any_line = *pattern;
	struct dwarf_site *functions;
	size_t nfunctions, n = 0, cap = 0;

	/* The line is inside the function, not its declaration line. */
	any_line.line = 0;
	any_line.line_wildcard = false;
	nfunctions = dwarf_function_sites(di, &any_line, DWARF_FUNCTION_CALL, false, &functions,
					  NULL);
	*sites = NULL;
	for (size_t i = 0; i < nfunctions; i++)
		add_line_sites(di, pattern, &functions[i], sites, &n, &cap);
	free(functions);
	return n;
}
