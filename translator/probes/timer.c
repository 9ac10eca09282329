// SPDX-License-Identifier: GPL-2.0-or-later
/* timer.s(N), timer.ms(N), timer.us(N), timer.ns(N), timer.hz(N) (and the
 * sec/msec/usec/nsec spellings): a periodic high-resolution timer. */
#include "probes.h"

#include <inttypes.h>
#include <string.h>

static const struct timer_unit {
	const char *name;
	uint64_t ns;		/* nanoseconds per unit; 0 for hz */
} units[] = {
	{ "s", 1000000000ULL }, { "sec", 1000000000ULL },
	{ "ms", 1000000ULL }, { "msec", 1000000ULL },
	{ "us", 1000ULL }, { "usec", 1000ULL },
	{ "ns", 1ULL }, { "nsec", 1ULL },
	{ "hz", 0 },
};

/* The kernel's hrtimers cannot usefully fire faster than this. */
#define TIMER_MIN_PERIOD_NS 100000ULL

static enum match_result timer_match(struct session *s,
				     struct probe *probe,
				     const struct probe_point *pp,
				     struct match_error *err)
{
	uint64_t period_ns;
	int64_t n;

	if (!component_is(pp, 0, "timer") || pp->ncomponents != 2)
		return MATCH_NONE;
	for (size_t i = 0; i < ARRAY_SIZE(units); i++) {
		if (strcmp(pp->components[1].name, units[i].name) != 0)
			continue;
		if (!component_number(pp, 1, &n, err))
			return MATCH_ERROR;
		if (n <= 0 || (units[i].ns && (uint64_t)n > UINT64_MAX / units[i].ns)) {
			err->message = xasprintf("timer period %" PRId64 " is out of range", n);
			err->loc = pp->components[1].loc;
			return MATCH_ERROR;
		}
		period_ns = units[i].ns ? (uint64_t)n * units[i].ns
					: 1000000000ULL / (uint64_t)n;
		if (period_ns < TIMER_MIN_PERIOD_NS) {
			err->message = xasprintf("timer period too short: %" PRIu64
						 " ns (minimum %llu ns)",
						 period_ns, TIMER_MIN_PERIOD_NS);
			err->loc = pp->components[1].loc;
			return MATCH_ERROR;
		}
		derived_probe_add(s, probe, pp, &timer_provider,
				  probe_point_string(pp))->u.timer.period_ns = period_ns;
		return MATCH_OK;
	}
	return MATCH_NONE;
}

static void timer_emit(struct session *s, struct derived_probe **probes,
		       size_t n, struct strbuf *defs, struct strbuf *fields)
{
	(void)s;
	if (!n)
		return;
	strbuf_adds(defs, "static struct stp_timer_probe stp_timers[] = {\n");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(defs, "\t{ .probe = &stp_probes[%d], .period_ns = %" PRIu64 "ULL },\n",
			    probes[i]->index, probes[i]->u.timer.period_ns);
	strbuf_adds(defs, "};\n\n");
	strbuf_addf(fields, "\t.timers = stp_timers,\n\t.ntimers = %zu,\n", n);
}

const struct probe_provider timer_provider = {
	.name = "timer",
	.match = timer_match,
	.emit = timer_emit,
};
