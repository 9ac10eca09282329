// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * error, error(N): run once when a script error ends the session (instead
 * of the end probes), ordered by sequence number N (default 0), then by
 * appearance, as begin and end are.
 */
#include "probes.h"

#include <stdlib.h>
#include <string.h>

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

static int compare_sequence(const void *a, const void *b)
{
	const struct derived_probe *x = *(struct derived_probe *const *)a;
	const struct derived_probe *y = *(struct derived_probe *const *)b;

	if (x->u.begin_end.sequence != y->u.begin_end.sequence)
		return x->u.begin_end.sequence < y->u.begin_end.sequence ? -1 : 1;
	return x->index - y->index;	/* stable: appearance order */
}

/* stp_error_probes[], in run order: the runtime runs them when the run
 * fails, in place of the end probes. */
static void error_emit(struct session *s, struct derived_probe **probes, size_t n,
		       struct strbuf *defs, struct strbuf *fields)
{
	struct derived_probe **sorted = xcalloc(n, sizeof(*sorted));

	(void)s;
	memcpy(sorted, probes, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), compare_sequence);
	strbuf_adds(defs, "static const struct stp_probe *const stp_error_probes[] = {\n");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(defs, "\t&stp_probes[%d],\n", sorted[i]->index);
	strbuf_adds(defs, "};\n\n");
	strbuf_addf(fields, "\t.error = stp_error_probes,\n\t.nerror = %zu,\n", n);
	free(sorted);
}

static const char *const error_forms[] = { "error", "error(number)", NULL };

const struct probe_provider error_provider = {
	.name = "error",
	.forms = error_forms,
	.match = error_match,
	.emit = error_emit,
};
