// SPDX-License-Identifier: GPL-2.0-or-later
/* begin, end, begin(N), end(N): run once at start or end of the session,
 * ordered by sequence number N (default 0), then by appearance. */
#include "probes.h"

#include <stdlib.h>

static enum match_result begin_end_match(struct session *s,
					 struct probe *probe,
					 const struct probe_point *pp,
					 struct match_error *err)
{
	bool is_end = component_is(pp, 0, "end");
	int64_t sequence = 0;
	struct derived_probe *dp;

	if (pp->ncomponents != 1 || !(is_end || component_is(pp, 0, "begin")))
		return MATCH_NONE;
	if (pp->components[0].arg &&
	    !component_number(pp, 0, &sequence, err))
		return MATCH_ERROR;
	dp = derived_probe_add(s, probe, pp, &begin_end_provider,
			       probe_point_string(pp));
	dp->u.begin_end.is_end = is_end;
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

static void emit_list(struct derived_probe **probes, size_t n, bool is_end,
		      struct strbuf *defs, struct strbuf *fields)
{
	const char *name = is_end ? "end" : "begin";
	struct derived_probe **sorted = xcalloc(n, sizeof(*sorted));
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		if (probes[i]->u.begin_end.is_end == is_end)
			sorted[count++] = probes[i];
	if (count) {
		qsort(sorted, count, sizeof(*sorted), compare_sequence);
		strbuf_addf(defs, "static const struct stp_probe *const stp_%s_probes[] = {\n",
			    name);
		for (size_t i = 0; i < count; i++)
			strbuf_addf(defs, "\t&stp_probes[%d],\n", sorted[i]->index);
		strbuf_adds(defs, "};\n\n");
		strbuf_addf(fields, "\t.%s = stp_%s_probes,\n\t.n%s = %zu,\n",
			    name, name, name, count);
	}
	free(sorted);
}

static void begin_end_emit(struct session *s, struct derived_probe **probes,
			   size_t n, struct strbuf *defs, struct strbuf *fields)
{
	(void)s;
	emit_list(probes, n, false, defs, fields);
	emit_list(probes, n, true, defs, fields);
}

static const char *const begin_end_forms[] = {
	"begin", "begin(number)", "end", "end(number)", NULL,
};

const struct probe_provider begin_end_provider = {
	.name = "begin/end",
	.forms = begin_end_forms,
	.match = begin_end_match,
	.emit = begin_end_emit,
};
