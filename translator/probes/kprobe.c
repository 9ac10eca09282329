// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kernel.function("NAME") and kernel.function("NAME").return (".call" is
 * accepted as a synonym of the entry probe): kprobes and kretprobes placed
 * by symbol name. NAME may be a wildcard pattern; it is matched against the
 * target kernel's System.map, one site per matching function.
 */
#include "probes.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dwarf.h>

#include "../debuginfo/debuginfo.h"
#include "../debuginfo/kernel_btf.h"
#include "../ast_walk.h"
#include "../emit.h"
#include "../symbols.h"
#include "../translate.h"

static bool has_wildcard(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

static void add_site(struct session *s, struct probe *probe,
		     const struct probe_point *pp, const char *symbol,
		     bool is_return)
{
	struct derived_probe *dp;
	char *text = xasprintf("kernel.function(\"%s\")%s", symbol,
			       is_return ? ".return" : "");

	dp = derived_probe_add(s, probe, pp, &kprobe_provider, text);
	dp->u.kprobe.symbol = xstrdup(symbol);
	dp->u.kprobe.is_return = is_return;
}

static enum match_result kprobe_match(struct session *s, struct probe *probe,
				      const struct probe_point *pp,
				      struct match_error *err)
{
	const char *pattern;
	bool is_return = false;
	struct kernel_symbols *syms;
	size_t matches = 0;
	enum match_result dwarf_result;

	if (!component_is(pp, 0, "kernel") || !component_is(pp, 1, "function"))
		return MATCH_NONE;
	dwarf_result = kernel_dwarf_match(s, probe, pp, err);
	if (dwarf_result != MATCH_NONE)
		return dwarf_result;
	if (!component_string(pp, 1, &pattern, err))
		return MATCH_ERROR;
	if (pp->ncomponents == 3 && component_is(pp, 2, "return")) {
		is_return = true;
	} else if (pp->ncomponents > 3 ||
		   (pp->ncomponents == 3 && !component_is(pp, 2, "call"))) {
		err->message = xasprintf("unsupported probe point suffix '%s' "
					 "(this ctap knows .call and .return)",
					 pp->components[2].name);
		err->loc = pp->components[2].loc;
		return MATCH_ERROR;
	}
	if (strpbrk(pattern, "@:")) {
		err->message = xasprintf("'%s': source file and line patterns need "
					 "kernel debuginfo, not supported yet",
					 pattern);
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	syms = kernel_symbols_load(s);
	if (!syms) {
		if (has_wildcard(pattern)) {
			err->message = xasprintf("cannot expand '%s': no System.map "
						 "for kernel %s", pattern, s->release);
			err->loc = pp->components[1].loc;
			return MATCH_ERROR;
		}
		/* No symbol table: let the kernel find the name at load. */
		add_site(s, probe, pp, pattern, is_return);
		return MATCH_OK;
	}
	for (size_t i = 0; i < syms->count; i++) {
		const char *name = syms->names[i];

		if (has_wildcard(pattern) ? fnmatch(pattern, name, 0) == 0
					  : strcmp(pattern, name) == 0) {
			add_site(s, probe, pp, name, is_return);
			matches++;
		}
	}
	return matches ? MATCH_OK : MATCH_EMPTY;
}

struct entry_reads {
	const struct expr **exprs;
	size_t n, cap;
	unsigned slots;
};

static void find_entry_read(const struct expr *e, void *ctx)
{
	struct entry_reads *reads = ctx;
	const struct target_access *a;

	if (e->kind == EXPR_AT && strcmp(e->u.at.name, "@entry") == 0) {
		VEC_PUSH(reads->exprs, reads->n, reads->cap, e);
		if (e->u.at.entry_slot + 1 > reads->slots)
			reads->slots = e->u.at.entry_slot + 1;
		return;
	}
	if (e->kind != EXPR_TARGET || !e->u.target->access || !e->u.target->access->at_entry)
		return;
	a = e->u.target->access;
	VEC_PUSH(reads->exprs, reads->n, reads->cap, e);
	if (a->entry_slot + target_entry_slots(a) > reads->slots)
		reads->slots = a->entry_slot + (unsigned)target_entry_slots(a);
}

/*
 * The kretprobe entry function of handler dp->handler, when its probe
 * reads values at entry: stp_entry_H(c) stores each in its slot. Returns
 * the number of slots (0: no entry function).
 */
static unsigned emit_entry_function(struct session *s, const struct derived_probe *dp,
				    struct strbuf *defs)
{
	struct entry_reads reads = { 0 };
	struct ast_visitor v = { .expr = find_entry_read, .ctx = &reads };
	struct handler_needs needs = { .handler = (size_t)dp->handler };
	struct emitter em = { .out = defs, .s = s, .needs = &needs, .indent = 1 };

	walk_stmt(&v, dp->probe->body);
	if (!reads.slots)
		return 0;
	strbuf_addf(defs, "static void __maybe_unused stp_entry_%d(struct stp_context *c)\n{\n",
		    dp->handler);
	for (size_t i = 0; i < reads.n; i++) {
		const struct expr *e = reads.exprs[i];

		if (e->kind == EXPR_AT) {
			putf(&em, "\tc->entry_values[%u] = ", e->u.at.entry_slot);
			emit_expr(&em, e->u.at.args[0]);
			put(&em, ";\n");
		} else {
			emit_target_var_at_entry(&em, e);
		}
	}
	/* Where a failed expression (an error, MAXNESTING) leaves to. */
	strbuf_adds(defs, "out: __maybe_unused;\n}\n\n");
	free(reads.exprs);
	return reads.slots;
}

static void kprobe_emit(struct session *s, struct derived_probe **probes,
			size_t n, struct strbuf *defs, struct strbuf *fields)
{
	unsigned *slots;
	bool *emitted;

	if (!n)
		return;
	/* entry functions, one per handler of .return sites that need one */
	slots = xcalloc(s->program.nprobes + 1, sizeof(*slots));
	emitted = xcalloc(s->program.nprobes + 1, sizeof(*emitted));
	for (size_t i = 0; i < n; i++) {
		const struct derived_probe *dp = probes[i];

		if (dp->u.kprobe.is_return && !emitted[dp->handler]) {
			emitted[dp->handler] = true;
			slots[dp->handler] = emit_entry_function(s, dp, defs);
		}
	}
	strbuf_adds(defs, "static struct stp_kprobe_probe stp_kprobes[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const struct derived_probe *dp = probes[i];

		strbuf_addf(defs, "\t{ .probe = &stp_probes[%d], ", dp->index);
		if (dp->u.kprobe.symbol) {
			strbuf_adds(defs, ".symbol = \"");
			strbuf_add_c_string(defs, dp->u.kprobe.symbol,
					    strlen(dp->u.kprobe.symbol));
			strbuf_addf(defs, "\", .offset = 0x%llxU, ",
				    (unsigned long long)dp->u.kprobe.offset);
			if (dp->u.kprobe.module) {
				strbuf_adds(defs, ".module = \"");
				strbuf_add_c_string(defs, dp->u.kprobe.module,
						    strlen(dp->u.kprobe.module));
				strbuf_adds(defs, "\", ");
			}
		} else {
			strbuf_addf(defs, ".address = 0x%llxUL, ",
				    (unsigned long long)dp->u.kprobe.address);
		}
		strbuf_addf(defs, ".is_return = %s, .maxactive = %d",
			    dp->u.kprobe.is_return ? "true" : "false",
			    dp->u.kprobe.maxactive);
		if (dp->u.kprobe.is_return && slots[dp->handler])
			strbuf_addf(defs, ", .entry = stp_entry_%d, .entry_slots = %u",
				    dp->handler, slots[dp->handler]);
		strbuf_adds(defs, " },\n");
	}
	strbuf_adds(defs, "};\n\n");
	free(slots);
	free(emitted);
	strbuf_addf(fields, "\t.kprobes = stp_kprobes,\n\t.nkprobes = %zu,\n", n);
}

static void kprobe_free(struct derived_probe *dp)
{
	free(dp->u.kprobe.symbol);
	free(dp->u.kprobe.module);
	free(dp->u.kprobe.dwarf);
}

/*
 * A site placed from DWARF takes its variables from DWARF (dwarf_vars.c).
 * Without DWARF (placed from System.map), a function's parameters come
 * from its BTF prototype and are read at entry from the calling
 * convention's registers (stp_arg); a .return probe offers $return.
 */
static bool function_vars(struct session *s, struct derived_probe *dp, bool at_entry,
			  struct context_var **vars, size_t *n, char **why)
{
	struct kernel_btf *kb;
	const char *function = dp->u.kprobe.symbol;
	uint32_t id;
	struct btf_type func, proto;

	if (dp->u.kprobe.raw) {
		*why = xasprintf("kprobe.* probe points have no context variables "
				 "(kernel.function has, from BTF or DWARF)");
		return false;
	}
	if (dp->u.kprobe.dwarf)
		return dwarf_site_context_vars(s, dp, at_entry, vars, n, why);
	kb = kernel_btf_load(s, why);
	if (!kb)
		return false;
	id = btf_find(kb->btf, BTF_KIND_FUNC, function);
	if (!id || !btf_type(kb->btf, id, &func) ||
	    !btf_type(kb->btf, func.size_or_type, &proto)) {
		*why = xasprintf("no type information for function '%s': the kernel's "
				 "BTF lacks it, and its DWARF is in linux-image-%s-dbg",
				 function, s->release);
		return false;
	}
	*n = 0;
	*vars = xcalloc((size_t)proto.vlen + 1, sizeof(**vars));
	if (dp->u.kprobe.is_return && !at_entry) {
		(*vars)[(*n)++] = (struct context_var){
			.name = "return", .type = kernel_btf_ctype(kb, proto.size_or_type),
			.arg = CONTEXT_ARG_RETURN,
		};
		return true;
	}
	for (uint16_t i = 0; i < proto.vlen; i++) {
		const char *name;
		uint32_t type;

		btf_param(kb->btf, &proto, i, &name, &type);
		(*vars)[(*n)++] = (struct context_var){
			.name = name, .type = kernel_btf_ctype(kb, type), .arg = (int)i,
		};
	}
	return true;
}

static bool kprobe_context_vars(struct session *s, struct derived_probe *dp,
				struct context_var **vars, size_t *n, char **why)
{
	return function_vars(s, dp, false, vars, n, why);
}

bool kprobe_entry_vars(struct session *s, struct derived_probe *dp,
		       struct context_var **vars, size_t *n, char **why)
{
	return function_vars(s, dp, true, vars, n, why);
}

static const char *const kprobe_forms[] = {
	"kernel.function(string)", "kernel.function(string).call",
	"kernel.function(string).return", NULL,
};

const struct probe_provider kprobe_provider = {
	.name = "kprobe",
	.forms = kprobe_forms,
	.match = kprobe_match,
	.emit = kprobe_emit,
	.free_data = kprobe_free,
	.context_vars = kprobe_context_vars,
};
