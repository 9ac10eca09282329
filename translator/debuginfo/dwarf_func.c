// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Function lookup: "name[@file[:line]]" patterns against the index, and
 * the probe address of each match.
 */
#include "debuginfo.h"

#include <dwarf.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

static bool has_wildcard(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

bool function_pattern_parse(const char *text, struct function_pattern *pattern,
			    char **message)
{
	const char *at = strchr(text, '@');
	const char *colon;

	memset(pattern, 0, sizeof(*pattern));
	if (!at) {
		if (strchr(text, ':')) {
			*message = xasprintf("'%s': a line number needs a file "
					     "(\"name@file:line\")", text);
			return false;
		}
		pattern->name = xstrdup(*text ? text : "*");
		return true;
	}
	pattern->name = xstrndup(text, (size_t)(at - text));
	if (!*pattern->name) {
		free(pattern->name);
		pattern->name = xstrdup("*");
	}
	colon = strrchr(at + 1, ':');
	if (!colon) {
		pattern->file = xstrdup(at + 1);
	} else {
		char *end;
		long line;

		pattern->file = xstrndup(at + 1, (size_t)(colon - at - 1));
		if (strcmp(colon + 1, "*") == 0) {
			pattern->line_wildcard = true;
		} else {
			line = strtol(colon + 1, &end, 10);
			if (end == colon + 1 || *end || line <= 0 || line > 10000000) {
				*message = xasprintf("'%s': '%s' is not a line number",
						     text, colon + 1);
				function_pattern_free(pattern);
				return false;
			}
			pattern->line = (int)line;
		}
	}
	if (!*pattern->file) {
		*message = xasprintf("'%s': empty file name after '@'", text);
		function_pattern_free(pattern);
		return false;
	}
	return true;
}

void function_pattern_free(struct function_pattern *pattern)
{
	free(pattern->name);
	free(pattern->file);
	memset(pattern, 0, sizeof(*pattern));
}

/* "read_write.c" and "fs/r*.c" match "fs/read_write.c": a pattern names the
 * file or a tail of its path. */
bool function_pattern_matches_file(const struct function_pattern *pattern,
				   const char *file)
{
	char *tail;
	bool match;

	if (!pattern->file)
		return true;
	if (fnmatch(pattern->file, file, 0) == 0)
		return true;
	tail = xasprintf("*/%s", pattern->file);
	match = fnmatch(tail, file, 0) == 0;
	free(tail);
	return match;
}

static bool name_matches(const char *pattern, const char *name)
{
	return has_wildcard(pattern) ? fnmatch(pattern, name, 0) == 0
				     : strcmp(pattern, name) == 0;
}

/* The index range that may match: all of it for a wildcard, else the run of
 * entries with that name (the index is sorted by name). */
static void candidate_range(const struct dwarf_index *index, const char *name,
			    size_t *first, size_t *end)
{
	size_t lo = 0, hi = index->count;

	if (has_wildcard(name)) {
		*first = 0;
		*end = index->count;
		return;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(dwarf_entry_string(index, index->entries[mid].name), name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	while (lo < index->count &&
	       strcmp(dwarf_entry_string(index, index->entries[lo].name), name) == 0)
		lo++;
	*end = lo;
}

/* SystemTap searches for the end of the prologue only in CUs built without
 * optimization: optimized code's location lists already describe the
 * parameters at the entry (and its line table has no reliable prologue). */
static bool cu_is_optimized(Dwarf_Die *cu)
{
	Dwarf_Attribute attr;
	const char *producer = dwarf_formstring(dwarf_attr(cu, DW_AT_producer, &attr));
	const char *o;

	if (!producer)
		return true;
	o = strstr(producer, " -O");
	return o && o[3] != '0';
}

uint64_t dwarf_function_probe_pc(Dwarf_Die *function, Dwarf_Die *cu, uint64_t entry_pc)
{
	Dwarf_Lines *lines;
	size_t nlines;
	Dwarf_Addr high;
	int entry_line = -1;

	if (cu_is_optimized(cu) || dwarf_highpc(function, &high) != 0 ||
	    dwarf_getsrclines(cu, &lines, &nlines) != 0)
		return entry_pc;
	for (size_t i = 0; i < nlines; i++) {
		Dwarf_Line *row = dwarf_onesrcline(lines, i);
		Dwarf_Addr addr;
		int line;

		if (!row || dwarf_lineaddr(row, &addr) != 0 || dwarf_lineno(row, &line) != 0)
			continue;
		if (addr == entry_pc && entry_line < 0)
			entry_line = line;
		else if (entry_line >= 0 && addr > entry_pc && addr < high && line != entry_line)
			return addr;
	}
	return entry_pc;
}

static bool kind_wanted(const struct dwarf_entry *e, enum dwarf_function_kind kind)
{
	bool is_inline = e->flags & DWARF_ENTRY_INLINE;

	switch (kind) {
	case DWARF_FUNCTION_CALL:
		return !is_inline;
	case DWARF_FUNCTION_INLINE:
		return is_inline;
	case DWARF_FUNCTION_ANY:
		break;
	}
	return true;
}

static bool pc_taken(const struct dwarf_site *sites, size_t n, uint64_t pc)
{
	for (size_t i = 0; i < n; i++)
		if (sites[i].pc == pc)
			return true;
	return false;
}

size_t dwarf_function_sites(struct debuginfo *di, const struct function_pattern *pattern,
			    enum dwarf_function_kind kind, bool exported_only,
			    struct dwarf_site **sites, const char **refusal)
{
	const struct dwarf_index *index = &di->index;
	size_t first, end, n = 0, cap = 0;

	*sites = NULL;
	if (refusal)
		*refusal = NULL;
	candidate_range(index, pattern->name, &first, &end);
	for (size_t i = first; i < end; i++) {
		const struct dwarf_entry *e = &index->entries[i];
		const char *name = dwarf_entry_string(index, e->name);
		const char *file = dwarf_entry_string(index, e->decl_file);
		struct dwarf_site site = { 0 };

		if (!kind_wanted(e, kind) || !name_matches(pattern->name, name) ||
		    (exported_only && !(e->flags & DWARF_ENTRY_EXPORTED)) ||
		    !function_pattern_matches_file(pattern, file) ||
		    (pattern->line && (int)e->decl_line != pattern->line))
			continue;
		if (!dwarf_offdie(di->dwarf, e->die, &site.function) ||
		    !dwarf_diecu(&site.function, &site.cu, NULL, NULL))
			continue;
		site.entry = e;
		site.name = name;
		site.decl_file = file;
		site.decl_line = (int)e->decl_line;
		site.line = site.decl_line;
		site.pc = e->flags & DWARF_ENTRY_INLINE
			? e->entry_pc
			: dwarf_function_probe_pc(&site.function, &site.cu, e->entry_pc);
		if (!debuginfo_probeable(di, site.pc)) {
			if (refusal && !*refusal)
				*refusal = debuginfo_refusal(di, site.pc);
			continue;
		}
		if (pc_taken(*sites, n, site.pc))
			continue;
		VEC_PUSH(*sites, n, cap, site);
	}
	return n;
}
