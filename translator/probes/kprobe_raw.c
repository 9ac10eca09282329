// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kprobe.* family, which needs no debuginfo at all:
 *   kprobe.function("NAME")[.return]            a kernel symbol (System.map)
 *   kprobe.module("MOD").function("NAME")[.return]  a symbol of MOD's .ko
 *   kprobe.statement(ADDR).absolute              an address (guru mode)
 * Sites are kernel.function's kprobes (kprobe_provider emits them); a
 * module's function is placed by "MOD:NAME", which the kernel resolves
 * when the module is loaded (at start, or whenever it comes later).
 */
#include "probes.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../symbols.h"

static struct derived_probe *add_site(struct session *s, struct probe *probe,
				      const struct probe_point *pp, char *text, char *symbol,
				      uint64_t address, bool is_return)
{
	struct derived_probe *dp = derived_probe_add(s, probe, pp, &kprobe_provider, text);

	dp->u.kprobe.symbol = symbol;
	dp->u.kprobe.address = address;
	dp->u.kprobe.is_return = is_return;
	dp->u.kprobe.raw = true;
	return dp;
}

static bool name_matches(const char *pattern, const char *name)
{
	return strpbrk(pattern, "*?[") ? fnmatch(pattern, name, 0) == 0
				       : strcmp(pattern, name) == 0;
}

static enum match_result match_statement(struct session *s, struct probe *probe,
					 const struct probe_point *pp, struct match_error *err)
{
	int64_t address;

	if (!component_number(pp, 1, &address, err))
		return MATCH_ERROR;
	if (pp->ncomponents != 3 || !component_is(pp, 2, "absolute")) {
		err->message = xasprintf("kprobe.statement needs .absolute");
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	if (!s->guru) {
		err->message = xasprintf("absolute statement probe in unprivileged script; "
					 "need stap -g");
		err->loc = pp->components[0].loc;
		return MATCH_ERROR;
	}
	add_site(s, probe, pp, xasprintf("kprobe.statement(0x%llx).absolute",
					 (unsigned long long)address),
		 NULL, (uint64_t)address, false);
	return MATCH_OK;
}

static enum match_result match_module(struct session *s, struct probe *probe,
				      const struct probe_point *pp, const char *pattern,
				      bool is_return, struct match_error *err)
{
	const char *module;
	char *why;
	struct module_symbols *syms;
	size_t matches = 0;

	if (!component_string(pp, 1, &module, err))
		return MATCH_ERROR;
	syms = module_symbols_load(s, module, &why);
	if (!syms) {
		err->message = why;
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	for (size_t i = 0; i < syms->count; i++) {
		struct derived_probe *dp;

		if (!name_matches(pattern, syms->names[i]))
			continue;
		dp = add_site(s, probe, pp,
			      xasprintf("kprobe.module(\"%s\").function(\"%s\")%s", syms->module,
					syms->names[i], is_return ? ".return" : ""),
			      xasprintf("%s:%s", syms->module, syms->names[i]), 0, is_return);
		/* Armed while the module is loaded, as module().function is. */
		dp->u.kprobe.module = xstrdup(syms->module);
		matches++;
	}
	return matches ? MATCH_OK : MATCH_EMPTY;
}

static enum match_result kprobe_raw_match(struct session *s, struct probe *probe,
					  const struct probe_point *pp,
					  struct match_error *err)
{
	size_t fn = component_is(pp, 1, "module") ? 2 : 1;
	const char *pattern;
	bool is_return = pp->ncomponents == fn + 2 && component_is(pp, fn + 1, "return");
	struct kernel_symbols *syms;
	size_t matches = 0;

	if (!component_is(pp, 0, "kprobe"))
		return MATCH_NONE;
	if (component_is(pp, 1, "statement"))
		return match_statement(s, probe, pp, err);
	if (!component_is(pp, fn, "function") || !component_string(pp, fn, &pattern, err))
		return MATCH_NONE;
	if (fn == 2)
		return match_module(s, probe, pp, pattern, is_return, err);
	syms = kernel_symbols_load(s);
	if (!syms && !strpbrk(pattern, "*?[")) {
		/* No symbol table (Debian's is in the -dbg package): the kernel
		 * looks the name up when the probe is registered. */
		add_site(s, probe, pp, xasprintf("kprobe.function(\"%s\")%s", pattern,
						 is_return ? ".return" : ""),
			 xstrdup(pattern), 0, is_return);
		return MATCH_OK;
	}
	if (!syms) {
		err->message = xasprintf("cannot look up '%s': no System.map for kernel %s",
					 pattern, s->release);
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	for (size_t i = 0; i < syms->count; i++) {
		if (!name_matches(pattern, syms->names[i]))
			continue;
		add_site(s, probe, pp, xasprintf("kprobe.function(\"%s\")%s", syms->names[i],
						 is_return ? ".return" : ""),
			 xstrdup(syms->names[i]), 0, is_return);
		matches++;
	}
	return matches ? MATCH_OK : MATCH_EMPTY;
}

static const char *const kprobe_raw_forms[] = {
	"kprobe.function(string)", "kprobe.function(string).return",
	"kprobe.module(string).function(string)",
	"kprobe.module(string).function(string).return",
	"kprobe.statement(number).absolute", NULL,
};

const struct probe_provider kprobe_raw_provider = {
	.name = "kprobe_raw",
	.forms = kprobe_raw_forms,
	.match = kprobe_raw_match,
};
