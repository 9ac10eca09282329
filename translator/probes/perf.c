// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Perf event probes: perf.type(T).config(C)[.sample(N)], one kernel
 * counter per online CPU whose overflow (every N events; SystemTap's
 * default N is 1000000) runs the probe. The perf.hw.* and perf.sw.*
 * names are aliases in tapsets/linux/perf.stp.
 */
#include "probes.h"

#include <inttypes.h>
#include <stdlib.h>

/* SystemTap's default sample period. */
#define PERF_DEFAULT_SAMPLE_PERIOD 1000000

static enum match_result perf_error(struct match_error *err, struct location loc,
				    char *message)
{
	err->message = message;
	err->loc = loc;
	return MATCH_ERROR;
}

static enum match_result perf_match(struct session *s, struct probe *probe,
				    const struct probe_point *pp,
				    struct match_error *err)
{
	int64_t type, config, period = PERF_DEFAULT_SAMPLE_PERIOD;
	struct derived_probe *dp;

	if (!component_is(pp, 0, "perf") || !component_is(pp, 1, "type") ||
	    !component_is(pp, 2, "config"))
		return MATCH_NONE;
	if (!component_number(pp, 1, &type, err) ||
	    !component_number(pp, 2, &config, err))
		return MATCH_ERROR;
	/* Dynamic PMUs have types past PERF_TYPE_MAX, so only a negative
	 * type is certainly wrong (SystemTap fails it at load time). */
	if (type < 0 || type > UINT32_MAX)
		return perf_error(err, pp->components[1].arg->loc,
				  xasprintf("invalid perf type %" PRId64, type));
	if (pp->ncomponents > 3) {
		if (!component_is(pp, 3, "sample") || pp->ncomponents > 4)
			return perf_error(err, pp->components[3].loc,
					  xstrdup("invalid suffix for probe"));
		if (!component_number(pp, 3, &period, err))
			return MATCH_ERROR;
		if (period <= 0)
			return perf_error(err, pp->components[3].arg->loc,
					  xasprintf("invalid perf sample period %" PRId64,
						    period));
	}
	dp = derived_probe_add(s, probe, pp, &perf_provider,
			       xasprintf("perf.type(%" PRId64 ").config(%" PRId64
					 ").sample(%" PRId64 ")", type, config, period));
	dp->u.perf.type = (uint32_t)type;
	dp->u.perf.config = (uint64_t)config;
	dp->u.perf.sample_period = (uint64_t)period;
	return MATCH_OK;
}

static void perf_emit(struct session *s, struct derived_probe **probes,
		      size_t n, struct strbuf *defs, struct strbuf *fields)
{
	(void)s;
	strbuf_adds(defs, "static struct stp_perf_probe stp_perfs[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const struct derived_probe *dp = probes[i];

		strbuf_addf(defs, "\t{ .probe = &stp_probes[%d], .type = %" PRIu32
			    ", .config = %#" PRIx64 "ULL, .sample_period = %" PRIu64
			    "ULL },\n", dp->index, dp->u.perf.type, dp->u.perf.config,
			    dp->u.perf.sample_period);
	}
	strbuf_adds(defs, "};\n\n");
	strbuf_addf(fields, "\t.perfs = stp_perfs,\n\t.nperfs = %zu,\n", n);
}

static const char *const perf_forms[] = {
	"perf.type(number).config(number)",
	"perf.type(number).config(number).sample(number)",
	NULL,
};

const struct probe_provider perf_provider = {
	.name = "perf",
	.forms = perf_forms,
	.match = perf_match,
	.emit = perf_emit,
};
