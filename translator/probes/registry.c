// SPDX-License-Identifier: GPL-2.0-or-later
#include "probes.h"

#include <stdlib.h>
#include <string.h>

static const struct probe_provider *const providers[] = {
	&begin_end_provider,
	&timer_provider,
	&kprobe_provider,
	&tracepoint_provider,
	&kprobe_raw_provider,
	&kernel_dwarf_provider,
	&module_dwarf_provider,
	&perf_provider,
	&procfs_provider,
	&error_provider,
	&never_provider,
};

const struct probe_provider *const *probe_providers(size_t *count)
{
	*count = ARRAY_SIZE(providers);
	return providers;
}

bool component_is(const struct probe_point *pp, size_t i, const char *name)
{
	return i < pp->ncomponents && strcmp(pp->components[i].name, name) == 0;
}

bool component_number(const struct probe_point *pp, size_t i, int64_t *value,
		      struct match_error *err)
{
	const struct probe_point_component *c = &pp->components[i];

	if (!c->arg || c->arg->kind != EXPR_NUMBER) {
		err->message = xasprintf("probe point '%s' needs a number argument",
					 c->name);
		err->loc = c->loc;
		return false;
	}
	*value = (int64_t)c->arg->u.number;
	return true;
}

bool component_string(const struct probe_point *pp, size_t i, const char **value,
		      struct match_error *err)
{
	const struct probe_point_component *c = &pp->components[i];

	if (!c->arg || c->arg->kind != EXPR_STRING) {
		err->message = xasprintf("probe point '%s' needs a string argument",
					 c->name);
		err->loc = c->loc;
		return false;
	}
	*value = c->arg->u.string.bytes;
	return true;
}

struct derived_probe *derived_probe_add(struct session *s, struct probe *probe,
					const struct probe_point *pp,
					const struct probe_provider *provider,
					char *pp_text)
{
	struct derived_probe *dp = xcalloc(1, sizeof(*dp));

	dp->probe = probe;
	dp->point = pp;
	dp->provider = provider;
	dp->pp = pp_text;
	dp->index = (int)s->nprobes;
	VEC_PUSH(s->probes, s->nprobes, s->probes_cap, dp);
	return dp;
}

/* A site's variables with the strings they own (target_var.h). */
static void context_vars_free(struct context_var *vars, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(vars[i].location);
		free(vars[i].unavailable);
	}
	free(vars);
}

void derived_probe_free(struct derived_probe *dp)
{
	if (!dp)
		return;
	if (dp->provider && dp->provider->free_data)
		dp->provider->free_data(dp);
	free(dp->pp);
	free(dp->listing_vars);
	free(dp->origin);
	context_vars_free(dp->context_vars, dp->ncontext_vars);
	context_vars_free(dp->entry_vars, dp->nentry_vars);
	probe_point_free(dp->owned_point);
	free(dp);
}

bool derived_probe_context_vars(struct session *s, struct derived_probe *dp,
				const struct context_var **vars, size_t *n, char **why)
{
	*why = NULL;
	if (!dp->provider->context_vars) {
		*why = xasprintf("probe point %s has no context variables", dp->pp);
		return false;
	}
	if (!dp->context_vars_loaded) {
		if (!dp->provider->context_vars(s, dp, &dp->context_vars,
						&dp->ncontext_vars, why))
			return false;
		dp->context_vars_loaded = true;
	}
	*vars = dp->context_vars;
	*n = dp->ncontext_vars;
	return true;
}

bool derived_probe_is_return(const struct derived_probe *dp)
{
	return dp->provider == &kprobe_provider && dp->u.kprobe.is_return;
}

bool derived_probe_entry_vars(struct session *s, struct derived_probe *dp,
			      const struct context_var **vars, size_t *n, char **why)
{
	*why = NULL;
	if (!derived_probe_is_return(dp)) {
		*why = xasprintf("@entry is allowed only in .return probes, not %s", dp->pp);
		return false;
	}
	if (!dp->entry_vars_loaded) {
		if (!kprobe_entry_vars(s, dp, &dp->entry_vars, &dp->nentry_vars, why))
			return false;
		dp->entry_vars_loaded = true;
	}
	*vars = dp->entry_vars;
	*n = dp->nentry_vars;
	return true;
}
