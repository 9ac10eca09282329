// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * error, error(N): run once when a script error ends the session (instead
 * of the end probes), ordered by sequence number N (default 0), then by
 * appearance, as begin and end are.
 */
#include "probes.h"

static enum match_result error_match(struct session *s, struct probe *probe,
				     const struct probe_point *pp,
				     struct match_error *err)
{
	int64_t sequence = 0;
	struct derived_probe *dp;

	if (pp->ncomponents != 1 || !component_is(pp, 0, "error"))
		return MATCH_NONE;
	if (pp->components[0].arg && !component_number(pp, 0, &sequence, err))
		return MATCH_ERROR;
	dp = derived_probe_add(s, probe, pp, &error_provider, probe_point_string(pp));
	dp->u.begin_end.is_end = true;
	dp->u.begin_end.sequence = sequence;
	return MATCH_OK;
}

static const char *const error_forms[] = { "error", "error(number)", NULL };

/* No emit: the runtime has no error-probe list yet, so pass 3 rejects
 * these probes rather than dropping them. */
const struct probe_provider error_provider = {
	.name = "error",
	.forms = error_forms,
	.match = error_match,
};
