// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * never: a probe that is never run. Its body is still resolved and
 * type-checked (and its handler compiled), which is what scripts use it
 * for: keeping code or variables alive, or checking a tapset compiles.
 */
#include "probes.h"

static enum match_result never_match(struct session *s, struct probe *probe,
				     const struct probe_point *pp,
				     struct match_error *err)
{
	(void)err;
	if (pp->ncomponents != 1 || !component_is(pp, 0, "never") ||
	    pp->components[0].arg)
		return MATCH_NONE;
	derived_probe_add(s, probe, pp, &never_provider, probe_point_string(pp));
	return MATCH_OK;
}

/* Nothing to register: the handler exists but no site calls it. */
static void never_emit(struct session *s, struct derived_probe **probes,
		       size_t n, struct strbuf *defs, struct strbuf *fields)
{
	(void)s;
	(void)probes;
	(void)n;
	(void)defs;
	(void)fields;
}

static const char *const never_forms[] = { "never", NULL };

const struct probe_provider never_provider = {
	.name = "never",
	.forms = never_forms,
	.match = never_match,
	.emit = never_emit,
};
