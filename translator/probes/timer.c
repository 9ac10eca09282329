// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Timer probes, each a periodic high-resolution timer:
 *   timer.s(N) .sec .ms .msec .us .usec .ns .nsec .hz(N) .jiffies(N)
 *     optionally .randomize(M): each period drawn from [N-M, N+M] units;
 *   timer.profile: every tick on every CPU, with the interrupted registers.
 */
#include "probes.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const struct timer_unit {
	const char *name;
	uint64_t ns;		/* nanoseconds per unit; 0: hz or jiffies */
} units[] = {
	{ "s", 1000000000ULL }, { "sec", 1000000000ULL },
	{ "ms", 1000000ULL }, { "msec", 1000000ULL },
	{ "us", 1000ULL }, { "usec", 1000ULL },
	{ "ns", 1ULL }, { "nsec", 1ULL },
	{ "hz", 0 }, { "jiffies", 0 },
};

/* The kernel's hrtimers cannot usefully fire faster than this. */
#define TIMER_MIN_PERIOD_NS 100000ULL

static enum match_result timer_error(struct match_error *err, struct location loc,
				     char *message)
{
	err->message = message;
	err->loc = loc;
	return MATCH_ERROR;
}

static enum match_result profile_match(struct session *s, struct probe *probe,
				       const struct probe_point *pp,
				       struct match_error *err)
{
	struct derived_probe *dp;

	if (pp->components[1].arg)
		return timer_error(err, pp->components[1].loc,
				   xstrdup("timer.profile takes no argument"));
	if (pp->ncomponents > 2)
		return timer_error(err, pp->components[2].loc,
				   xasprintf("unknown timer.profile suffix '%s'",
					     pp->components[2].name));
	dp = derived_probe_add(s, probe, pp, &timer_provider, probe_point_string(pp));
	dp->u.timer.profile = true;
	return MATCH_OK;
}

/* The period in nanoseconds, as a C constant expression (jiffies depend
 * on the target's HZ, which only its headers know). */
static char *period_expr(const struct timer_unit *unit, int64_t n)
{
	if (strcmp(unit->name, "jiffies") == 0)
		return xasprintf("STP_JIFFIES_NS(%" PRId64 ")", n);
	if (unit->ns == 0)
		return xasprintf("%" PRIu64 "ULL", (uint64_t)1000000000 / (uint64_t)n);
	return xasprintf("%" PRIu64 "ULL", (uint64_t)n * unit->ns);
}

static enum match_result periodic_match(struct session *s, struct probe *probe,
					const struct probe_point *pp,
					const struct timer_unit *unit,
					struct match_error *err)
{
	int64_t n, spread = 0;
	struct derived_probe *dp;
	bool jiffies = strcmp(unit->name, "jiffies") == 0;

	if (!component_number(pp, 1, &n, err))
		return MATCH_ERROR;
	if (n <= 0 || (unit->ns && (uint64_t)n > UINT64_MAX / 4 / unit->ns) ||
	    (jiffies && n > 1000000000))
		return timer_error(err, pp->components[1].loc,
				   xasprintf("timer period %" PRId64 " is out of range", n));
	if (unit->ns && (uint64_t)n * unit->ns < TIMER_MIN_PERIOD_NS)
		return timer_error(err, pp->components[1].loc,
				   xasprintf("timer period too short: %" PRIu64
					     " ns (minimum %llu ns)",
					     (uint64_t)n * unit->ns, TIMER_MIN_PERIOD_NS));
	if (!unit->ns && !jiffies && 1000000000ULL / (uint64_t)n < TIMER_MIN_PERIOD_NS)
		return timer_error(err, pp->components[1].loc,
				   xasprintf("timer.hz(%" PRId64 ") is too fast (at most %llu)",
					     n, 1000000000ULL / TIMER_MIN_PERIOD_NS));
	if (pp->ncomponents == 3) {
		if (!component_is(pp, 2, "randomize"))
			return timer_error(err, pp->components[2].loc,
					   xasprintf("unknown timer suffix '%s'",
						     pp->components[2].name));
		if (!unit->ns && !jiffies)
			return timer_error(err, pp->components[2].loc,
					   xstrdup("timer.hz cannot be randomized"));
		if (!component_number(pp, 2, &spread, err))
			return MATCH_ERROR;
		if (spread <= 0 || spread >= n)
			return timer_error(err, pp->components[2].loc,
					   xasprintf("randomize(%" PRId64 ") must be more "
						     "than 0 and less than the period %" PRId64,
						     spread, n));
	} else if (pp->ncomponents > 3) {
		return timer_error(err, pp->components[3].loc,
				   xasprintf("unknown timer suffix '%s'",
					     pp->components[3].name));
	}
	dp = derived_probe_add(s, probe, pp, &timer_provider, probe_point_string(pp));
	dp->u.timer.period = period_expr(unit, n);
	dp->u.timer.spread = spread ? period_expr(unit, spread) : NULL;
	return MATCH_OK;
}

static enum match_result timer_match(struct session *s, struct probe *probe,
				     const struct probe_point *pp,
				     struct match_error *err)
{
	if (!component_is(pp, 0, "timer") || pp->ncomponents < 2)
		return MATCH_NONE;
	if (component_is(pp, 1, "profile"))
		return profile_match(s, probe, pp, err);
	for (size_t i = 0; i < ARRAY_SIZE(units); i++)
		if (component_is(pp, 1, units[i].name))
			return periodic_match(s, probe, pp, &units[i], err);
	return MATCH_NONE;
}

static void timer_emit(struct session *s, struct derived_probe **probes,
		       size_t n, struct strbuf *defs, struct strbuf *fields)
{
	(void)s;
	strbuf_adds(defs, "static struct stp_timer_probe stp_timers[] = {\n");
	for (size_t i = 0; i < n; i++) {
		const struct derived_probe *dp = probes[i];

		strbuf_addf(defs, "\t{ .probe = &stp_probes[%d], ", dp->index);
		if (dp->u.timer.profile)
			strbuf_adds(defs, ".period_ns = TICK_NSEC, .per_cpu = true");
		else
			strbuf_addf(defs, ".period_ns = %s", dp->u.timer.period);
		if (dp->u.timer.spread)
			strbuf_addf(defs, ", .spread_ns = %s", dp->u.timer.spread);
		strbuf_adds(defs, " },\n");
	}
	strbuf_adds(defs, "};\n\n");
	strbuf_addf(fields, "\t.timers = stp_timers,\n\t.ntimers = %zu,\n", n);
}

static void timer_free(struct derived_probe *dp)
{
	free(dp->u.timer.period);
	free(dp->u.timer.spread);
}

static const char *const timer_forms[] = {
	"timer.hz(number)", "timer.jiffies(number)",
	"timer.jiffies(number).randomize(number)",
	"timer.ms(number)", "timer.ms(number).randomize(number)",
	"timer.msec(number)", "timer.msec(number).randomize(number)",
	"timer.ns(number)", "timer.ns(number).randomize(number)",
	"timer.nsec(number)", "timer.nsec(number).randomize(number)",
	"timer.profile",
	"timer.s(number)", "timer.s(number).randomize(number)",
	"timer.sec(number)", "timer.sec(number).randomize(number)",
	"timer.us(number)", "timer.us(number).randomize(number)",
	"timer.usec(number)", "timer.usec(number).randomize(number)",
	NULL,
};

const struct probe_provider timer_provider = {
	.name = "timer",
	.forms = timer_forms,
	.match = timer_match,
	.emit = timer_emit,
	.free_data = timer_free,
};
