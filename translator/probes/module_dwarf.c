// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Probe points in a kernel module, resolved from the module's own DWARF:
 *   module("NAME").function(PATTERN)[.call|.return[.maxactive(N)]|.inline|.exported]
 *   module("NAME").statement("func@file:line")
 * PATTERN is name[@file[:line]] with wildcards, matched as for
 * kernel.function (debuginfo/dwarf_func.c). Each site is a kprobe at
 * "NAME:symbol"+offset, the function symbol holding the address: the
 * kernel resolves it wherever the module is loaded, and the runtime arms
 * it whenever the module is (runtime/probes/kprobe.c). Addresses kprobes
 * refuse (jump-label sites, BUG()/WARN() traps, static calls) are skipped
 * by wildcards and are an error for a probe point that names one alone.
 */
#include "probes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../debuginfo/debuginfo.h"
#include "../symbols.h"

static bool has_wildcard(const char *s)
{
	return s && strpbrk(s, "*?[") != NULL;
}

/* What is missing when the module has no DWARF: the module itself, or
 * the -dbg package that holds its DWARF. */
static enum match_result no_module_debuginfo(struct session *s, const struct probe_point *pp,
					     const char *module, struct match_error *err)
{
	char *why;

	err->loc = pp->components[0].loc;
	if (!module_symbols_load(s, module, &why)) {
		err->message = why;
		return MATCH_ERROR;
	}
	err->message = xasprintf("module(\"%s\") needs its debuginfo, which was not found "
				 "for %s: install linux-image-%s-dbg (or 'vm/ctap-kernels "
				 "debuginfo %s %s')", module, s->release, s->release,
				 s->release, module);
	return MATCH_ERROR;
}

/* Place a resolved site: a refused address is skipped, or an error when
 * the probe point names it alone (explicit). */
static bool place_site(struct session *s, struct probe *probe, const struct probe_point *pp,
		       struct debuginfo *di, const struct dwarf_site *site, char *pp_text,
		       bool is_return, int maxactive, bool explicit, struct match_error *err)
{
	/* A return probe goes on the entry itself: kretprobes need it. */
	uint64_t pc = is_return ? site->entry->entry_pc : site->pc;
	const char *refusal = module_site_refusal(di, pc);
	const struct elf_function_symbol *sym;
	struct derived_probe *dp;

	if (refusal) {
		if (explicit && !err->message) {
			err->message = xasprintf("cannot probe %s: its address is %s, "
						 "which kprobes refuse", pp_text, refusal);
			err->loc = pp->components[1].loc;
		} else if (s->verbose >= 2) {
			fprintf(stderr, "skipping %s: %s\n", pp_text, refusal);
		}
		free(pp_text);
		return false;
	}
	sym = debuginfo_symbol_at(di, pc);
	dp = dwarf_site_probe_add(s, probe, pp, site, pp_text, is_return, maxactive);
	dp->u.kprobe.symbol = xasprintf("%s:%s", di->module->name, sym->name);
	dp->u.kprobe.offset = pc - sym->address;
	dp->u.kprobe.module = xstrdup(di->module->name);
	return true;
}

static enum match_result function_match(struct session *s, struct probe *probe,
					const struct probe_point *pp, struct debuginfo *di,
					const struct function_pattern *pattern,
					struct match_error *err)
{
	struct function_suffix suffix;
	struct dwarf_site *sites;
	size_t n, placed = 0;
	bool explicit = !has_wildcard(pattern->name) && !has_wildcard(pattern->file);

	if (!dwarf_function_suffix_parse(pp, 2, &suffix, err))
		return MATCH_ERROR;
	n = dwarf_function_sites(di, pattern, suffix.kind, suffix.exported, &sites, NULL);
	for (size_t i = 0; i < n; i++) {
		char *pp_text = xasprintf("module(\"%s\").function(\"%s@%s:%d\")%s",
					  di->module->name, sites[i].name, sites[i].decl_file,
					  sites[i].decl_line, suffix.text);

		placed += place_site(s, probe, pp, di, &sites[i], pp_text, suffix.is_return,
				     (int)suffix.maxactive, explicit, err);
	}
	free(sites);
	free(suffix.text);
	if (err->message)
		return MATCH_ERROR;
	if (!n && !has_wildcard(pattern->name) && !pattern->file)
		return dwarf_no_function(di, pattern->name, err);
	return placed ? MATCH_OK : MATCH_EMPTY;
}

static enum match_result statement_match(struct session *s, struct probe *probe,
					 const struct probe_point *pp, struct debuginfo *di,
					 const struct function_pattern *pattern,
					 struct match_error *err)
{
	struct dwarf_site *sites;
	size_t n, placed = 0;
	bool explicit = !has_wildcard(pattern->name) && !has_wildcard(pattern->file) &&
			!pattern->line_wildcard;

	n = dwarf_statement_sites(di, pattern, &sites);
	for (size_t i = 0; i < n; i++) {
		char *pp_text = xasprintf("module(\"%s\").statement(\"%s@%s:%d\")",
					  di->module->name, sites[i].name, sites[i].decl_file,
					  sites[i].line);

		placed += place_site(s, probe, pp, di, &sites[i], pp_text, false, 0, explicit,
				     err);
	}
	free(sites);
	if (err->message)
		return MATCH_ERROR;
	return placed ? MATCH_OK : MATCH_EMPTY;
}

static enum match_result module_dwarf_match(struct session *s, struct probe *probe,
					    const struct probe_point *pp,
					    struct match_error *err)
{
	const char *module, *text;
	struct function_pattern pattern;
	struct debuginfo *di;
	bool statement = component_is(pp, 1, "statement");
	enum match_result result;

	if (!component_is(pp, 0, "module") ||
	    (!statement && !component_is(pp, 1, "function")))
		return MATCH_NONE;
	if (!component_string(pp, 0, &module, err) || !component_string(pp, 1, &text, err))
		return MATCH_ERROR;
	if (has_wildcard(module)) {
		err->message = xasprintf("module(\"%s\"): this ctap resolves one module "
					 "by its name, not a pattern", module);
		err->loc = pp->components[0].loc;
		return MATCH_ERROR;
	}
	if (!function_pattern_parse(text, &pattern, &err->message)) {
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	if (statement && (!pattern.file || (!pattern.line && !pattern.line_wildcard))) {
		function_pattern_free(&pattern);
		err->message = xasprintf("'%s': a statement probe needs \"function@file:line\"",
					 text);
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	di = module_debuginfo(s, module);
	if (!di)
		result = no_module_debuginfo(s, pp, module, err);
	else if (statement)
		result = statement_match(s, probe, pp, di, &pattern, err);
	else
		result = function_match(s, probe, pp, di, &pattern, err);
	function_pattern_free(&pattern);
	return result;
}

static const char *const module_dwarf_forms[] = {
	"module(string).function(string)",
	"module(string).function(string).call",
	"module(string).function(string).return",
	"module(string).function(string).return.maxactive(number)",
	"module(string).function(string).inline",
	"module(string).function(string).exported",
	"module(string).function(string).call.exported",
	"module(string).statement(string)",
	NULL,
};

const struct probe_provider module_dwarf_provider = {
	.name = "module_dwarf",
	.forms = module_dwarf_forms,
	.match = module_dwarf_match,
};
