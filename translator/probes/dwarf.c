// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Kernel probe points resolved from the kernel's DWARF:
 *   kernel.function(PATTERN)[.call|.return[.maxactive(N)]|.inline|.exported]
 *   kernel.statement("func@file:line"), kernel.statement(ADDR).absolute (-g)
 * PATTERN is name[@file[:line]] with wildcards. Each function body and each
 * inlined instance that matches is one site, one kprobe at one address,
 * placed as _stext+offset so that KASLR does not matter (placement rules:
 * doc/internals.md, "DWARF probe points"). The sites are kprobe-family
 * derived probes: runtime/probes/kprobe.c registers them.
 */
#include "probes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf.h>

#include "../debuginfo/debuginfo.h"
#include "../similar.h"

bool dwarf_function_suffix_parse(const struct probe_point *pp, size_t from,
				 struct function_suffix *suffix, struct match_error *err)
{
	struct strbuf text;

	memset(suffix, 0, sizeof(*suffix));
	strbuf_init(&text);
	for (size_t i = from; i < pp->ncomponents; i++) {
		const char *name = pp->components[i].name;

		if (strcmp(name, "call") == 0) {
			suffix->kind = DWARF_FUNCTION_CALL;
		} else if (strcmp(name, "return") == 0) {
			suffix->kind = DWARF_FUNCTION_CALL;
			suffix->is_return = true;
		} else if (strcmp(name, "inline") == 0) {
			suffix->kind = DWARF_FUNCTION_INLINE;
		} else if (strcmp(name, "exported") == 0) {
			suffix->exported = true;
		} else if (strcmp(name, "maxactive") == 0) {
			if (!component_number(pp, i, &suffix->maxactive, err))
				goto fail;
			if (suffix->maxactive < 0 || suffix->maxactive > 100000) {
				err->message = xasprintf("maxactive(%lld) out of range",
							 (long long)suffix->maxactive);
				err->loc = pp->components[i].loc;
				goto fail;
			}
			strbuf_addf(&text, ".maxactive(%lld)", (long long)suffix->maxactive);
			continue;
		} else {
			err->message = xasprintf("unsupported probe point suffix '%s'", name);
			err->loc = pp->components[i].loc;
			goto fail;
		}
		strbuf_addf(&text, ".%s", name);
	}
	suffix->text = strbuf_detach(&text);
	return true;
fail:
	strbuf_free(&text);
	return false;
}

static enum match_result no_debuginfo(struct session *s, const struct probe_point *pp,
				      const char *what, struct match_error *err)
{
	char *package = kernel_debuginfo_package(s);

	err->message = xasprintf("%s needs the kernel's debuginfo, which was not found "
				 "for %s: install %s (or 'vm/ctap-kernels debuginfo %s')",
				 what, s->release, package, s->release);
	err->loc = pp->components[1].loc;
	free(package);
	return MATCH_ERROR;
}

enum match_result dwarf_no_function(const struct debuginfo *di, const char *name,
				    struct match_error *err)
{
	const struct dwarf_index *index = &di->index;
	struct similar_names similar;
	const char *previous = NULL;
	char *names;

	similar_init(&similar, name, false);
	for (size_t i = 0; i < index->count; i++) {
		const char *candidate = dwarf_entry_string(index, index->entries[i].name);

		if (previous != candidate)
			similar_offer(&similar, candidate);
		previous = candidate;
	}
	names = similar_join(&similar);
	err->message = *names ? xasprintf("no match (similar functions: %s)", names)
			      : xstrdup("no match");
	err->loc = (struct location){ 0 };
	free(names);
	return MATCH_ERROR;
}

struct derived_probe *dwarf_site_probe_add(struct session *s, struct probe *probe,
					   const struct probe_point *pp,
					   const struct dwarf_site *site, char *pp_text,
					   bool is_return, int maxactive)
{
	struct derived_probe *dp = derived_probe_add(s, probe, pp, &kprobe_provider, pp_text);

	dp->u.kprobe.is_return = is_return;
	dp->u.kprobe.maxactive = maxactive;
	dp->u.kprobe.dwarf = xmalloc(sizeof(*site));
	*dp->u.kprobe.dwarf = *site;
	if (s->list_vars) {
		struct strbuf vars;
		Dwarf_Die type;
		Dwarf_Attribute attr;

		strbuf_init(&vars);
		if (is_return && dwarf_attr_integrate(&dp->u.kprobe.dwarf->function,
						      DW_AT_type, &attr) &&
		    dwarf_formref_die(&attr, &type)) {
			char *name = dwarf_type_name(&type);

			strbuf_addf(&vars, " $return:%s", name);
			free(name);
		}
		dwarf_site_variables(dp->u.kprobe.dwarf, &vars);
		dp->listing_vars = strbuf_detach(&vars);
	}
	return dp;
}

static void add_site(struct session *s, struct probe *probe, const struct probe_point *pp,
		     struct debuginfo *di, const struct dwarf_site *site, char *pp_text,
		     bool is_return, int maxactive)
{
	struct derived_probe *dp = dwarf_site_probe_add(s, probe, pp, site, pp_text, is_return,
							maxactive);
	/* A return probe goes on the entry itself: kretprobes need it. */
	uint64_t pc = is_return ? site->entry->entry_pc : site->pc;

	dp->u.kprobe.symbol = xstrdup("_stext");
	dp->u.kprobe.offset = pc - di->stext;
}

static enum match_result function_match(struct session *s, struct probe *probe,
					const struct probe_point *pp, bool symbols_can_serve,
					struct match_error *err)
{
	const char *text;
	struct function_pattern pattern;
	struct function_suffix suffix;
	struct debuginfo *di;
	struct dwarf_site *sites;
	const char *refusal;
	size_t n;

	if (!component_string(pp, 1, &text, err))
		return MATCH_ERROR;
	if (!function_pattern_parse(text, &pattern, &err->message)) {
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	if (!dwarf_function_suffix_parse(pp, 2, &suffix, err)) {
		function_pattern_free(&pattern);
		return MATCH_ERROR;
	}
	di = kernel_debuginfo(s);
	if (!di) {
		bool plain = !pattern.file && symbols_can_serve;

		function_pattern_free(&pattern);
		free(suffix.text);
		return plain ? MATCH_NONE : no_debuginfo(s, pp, "this probe point", err);
	}
	n = dwarf_function_sites(di, &pattern, suffix.kind, suffix.exported, &sites, &refusal);
	for (size_t i = 0; i < n; i++) {
		char *pp_text = xasprintf("kernel.function(\"%s@%s:%d\")%s", sites[i].name,
					  sites[i].decl_file, sites[i].decl_line, suffix.text);

		add_site(s, probe, pp, di, &sites[i], pp_text, suffix.is_return,
			 (int)suffix.maxactive);
	}
	free(sites);
	free(suffix.text);
	if (!n && refusal && !strpbrk(pattern.name, "*?[")) {
		/* The function is there, but kprobes would refuse where it is. */
		err->message = xasprintf("cannot probe kernel.function(\"%s\"): its address "
					 "is %s, which kprobes refuse", text, refusal);
		err->loc = pp->components[1].loc;
		function_pattern_free(&pattern);
		return MATCH_ERROR;
	}
	if (!n && !strpbrk(pattern.name, "*?[") && !pattern.file) {
		enum match_result result = dwarf_no_function(di, pattern.name, err);

		function_pattern_free(&pattern);
		return result;
	}
	function_pattern_free(&pattern);
	return n ? MATCH_OK : MATCH_EMPTY;
}

static enum match_result statement_match(struct session *s, struct probe *probe,
					 const struct probe_point *pp, struct match_error *err)
{
	const char *text;
	struct function_pattern pattern;
	struct debuginfo *di;
	struct dwarf_site *sites;
	size_t n;

	if (!component_string(pp, 1, &text, err))
		return MATCH_ERROR;
	if (!function_pattern_parse(text, &pattern, &err->message)) {
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	if (!pattern.file || (!pattern.line && !pattern.line_wildcard)) {
		function_pattern_free(&pattern);
		err->message = xasprintf("'%s': a statement probe needs \"function@file:line\"",
					 text);
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	di = kernel_debuginfo(s);
	if (!di) {
		function_pattern_free(&pattern);
		return no_debuginfo(s, pp, "kernel.statement", err);
	}
	n = dwarf_statement_sites(di, &pattern, &sites);
	for (size_t i = 0; i < n; i++) {
		char *pp_text = xasprintf("kernel.statement(\"%s@%s:%d\")", sites[i].name,
					  sites[i].decl_file, sites[i].line);

		add_site(s, probe, pp, di, &sites[i], pp_text, false, 0);
	}
	free(sites);
	function_pattern_free(&pattern);
	return n ? MATCH_OK : MATCH_EMPTY;
}

static enum match_result absolute_match(struct session *s, struct probe *probe,
					const struct probe_point *pp, struct match_error *err)
{
	int64_t address;
	struct derived_probe *dp;

	if (!component_number(pp, 1, &address, err))
		return MATCH_ERROR;
	if (!s->guru) {
		err->message = xstrdup("absolute statement probe in unprivileged script; "
				       "need stap -g");
		err->loc = pp->components[2].loc;
		return MATCH_ERROR;
	}
	dp = derived_probe_add(s, probe, pp, &kprobe_provider,
			       xasprintf("kernel.statement(0x%llx).absolute",
					 (unsigned long long)address));
	dp->u.kprobe.address = (uint64_t)address;
	return MATCH_OK;
}

enum match_result kernel_dwarf_match(struct session *s, struct probe *probe,
				     const struct probe_point *pp, struct match_error *err)
{
	if (!component_is(pp, 0, "kernel"))
		return MATCH_NONE;
	if (component_is(pp, 1, "function"))
		return function_match(s, probe, pp, pp->ncomponents <= 3 &&
				      !component_is(pp, 2, "inline") &&
				      !component_is(pp, 2, "exported"), err);
	if (component_is(pp, 1, "statement") && component_is(pp, 2, "absolute"))
		return absolute_match(s, probe, pp, err);
	if (component_is(pp, 1, "statement"))
		return statement_match(s, probe, pp, err);
	return MATCH_NONE;
}

/* The forms kprobe.c does not list; its own three reach kernel_dwarf_match
 * through kprobe_match. */
static const char *const kernel_dwarf_forms[] = {
	"kernel.function(string).inline",
	"kernel.function(string).exported",
	"kernel.function(string).call.exported",
	"kernel.function(string).return.maxactive(number)",
	"kernel.statement(string)",
	"kernel.statement(number).absolute",
	NULL,
};

const struct probe_provider kernel_dwarf_provider = {
	.name = "kernel_dwarf",
	.forms = kernel_dwarf_forms,
	.match = kernel_dwarf_match,
};
