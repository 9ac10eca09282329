// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * kernel.trace("SYSTEM:EVENT"), kernel.trace("EVENT"): the kernel's static
 * tracepoints, wildcards allowed in both parts. Each site gets a C probe
 * function with the tracepoint's own prototype, which hands its arguments
 * to the runtime as an array (stp_arg()).
 */
#include "probes.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "tracepoint_catalog.h"

static enum match_result tracepoint_match(struct session *s, struct probe *probe,
					  const struct probe_point *pp,
					  struct match_error *err)
{
	const char *pattern, *colon;
	char *system_pattern, *why;
	const char *event_pattern;
	struct tracepoint_catalog *cat;
	size_t matches = 0;

	if (!component_is(pp, 0, "kernel") || !component_is(pp, 1, "trace"))
		return MATCH_NONE;
	if (!component_string(pp, 1, &pattern, err))
		return MATCH_ERROR;
	cat = tracepoint_catalog_load(s, &why);
	if (!cat) {
		err->message = why;
		err->loc = pp->components[1].loc;
		return MATCH_ERROR;
	}
	colon = strchr(pattern, ':');
	system_pattern = colon ? xstrndup(pattern, (size_t)(colon - pattern)) : xstrdup("*");
	event_pattern = colon ? colon + 1 : pattern;
	for (size_t i = 0; i < cat->count; i++) {
		const struct tracepoint_event *ev = &cat->events[i];
		struct derived_probe *dp;

		if (fnmatch(system_pattern, ev->system, 0) != 0 ||
		    fnmatch(event_pattern, ev->name, 0) != 0)
			continue;
		dp = derived_probe_add(s, probe, pp, &tracepoint_provider,
				       xasprintf("kernel.trace(\"%s:%s\")", ev->system, ev->name));
		dp->u.tracepoint.event = ev;
		matches++;
	}
	free(system_pattern);
	return matches ? MATCH_OK : MATCH_EMPTY;
}

static bool tracepoint_context_vars(struct session *s, struct derived_probe *dp,
				    struct context_var **vars, size_t *n, char **why)
{
	struct tracepoint_catalog *cat = tracepoint_catalog_load(s, why);

	return cat && tracepoint_event_args(cat, dp->u.tracepoint.event, vars, n, why);
}

/* The C type that receives an argument as the caller passes it. */
static const char *receiving_type(const struct ctype *t)
{
	static const char *const types[2][4] = {
		{ "u8", "u16", "u32", "u64" }, { "s8", "s16", "s32", "s64" },
	};
	unsigned size_index = t->size == 1 ? 0 : t->size == 2 ? 1 : t->size == 4 ? 2 : 3;

	return types[t->kind != CTYPE_POINTER && t->is_signed][size_index];
}

static void emit_probe_function(struct session *s, struct derived_probe *dp,
				struct strbuf *defs)
{
	const struct context_var *vars = NULL;
	size_t n = 0;
	char *why;

	if (!derived_probe_context_vars(s, dp, &vars, &n, &why))
		free(why);	/* an argument ctap cannot receive: none are read */
	strbuf_addf(defs, "static void stp_tracepoint_fn_%d(void *data", dp->index);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(defs, ", %s a%zu", receiving_type(vars[i].type), i);
	strbuf_addf(defs, ")\n{\n\tconst u64 args[] = { 0");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(defs, ", (u64)a%zu", i);
	strbuf_addf(defs, " };\n\n\tstp_run_probe_args(&stp_probes[%d], args + 1, %zu);\n}\n\n",
		    dp->index, n);
}

static void tracepoint_emit(struct session *s, struct derived_probe **probes, size_t n,
			    struct strbuf *defs, struct strbuf *fields)
{
	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		emit_probe_function(s, probes[i], defs);
	strbuf_adds(defs, "static struct stp_tracepoint_probe stp_tracepoints[] = {\n");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(defs, "\t{ .probe = &stp_probes[%d], .name = \"%s\", "
			    ".func = (void *)stp_tracepoint_fn_%d },\n",
			    probes[i]->index, probes[i]->u.tracepoint.event->name,
			    probes[i]->index);
	strbuf_adds(defs, "};\n\n");
	strbuf_addf(fields, "\t.tracepoints = stp_tracepoints,\n\t.ntracepoints = %zu,\n", n);
}

static const char *const tracepoint_forms[] = { "kernel.trace(string)", NULL };

const struct probe_provider tracepoint_provider = {
	.name = "tracepoint",
	.forms = tracepoint_forms,
	.match = tracepoint_match,
	.emit = tracepoint_emit,
	.context_vars = tracepoint_context_vars,
};
