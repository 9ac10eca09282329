// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Statistics fed from both CPUs of the VM, combined on read:
 *   global n, s   probe timer.profile { if (n[cpu()] < 50) { n[cpu()]++;
 *                 s <<< cpu() * 10 + 5 } if (n[0] >= 50 && n[1] >= 50) exit() }
 * so CPU 0 adds 5 and CPU 1 adds 15, fifty times each, and every extractor
 * has a known answer (@variance: the CPUs' means 5 and 15 against the
 * overall 10 give 50 * 25 * 2 / 99 = 25). A second timer.profile probe
 * takes no lock at all (`<<<` needs none of its own) and adds 1 to t on
 * every tick of every CPU; its combined count must equal its sum, and
 * exceed one CPU's fifty ticks. (No handler starts after exit(), so t
 * counts about 2 * 50 ticks, fewer when a virtual CPU starts its timers
 * late: 91 to 100 seen under load.)
 *
 * stap -DMAXTRYLOCK=1000000: both CPUs' ticks contend for n's lock, and
 * under TCG a vCPU holding it may stall for over the default 1 ms; a
 * skipped tick changes no result here, but its warning would.
 */
#define MAXTRYLOCK 1000000
#include "generated.h"

#define PER_CPU 50

static const u8 stp_keys_n[] = { STP_TYPE_LONG };
static struct stp_map stp_global_n = {
	.nkeys = 1, .key_types = stp_keys_n, .value_type = STP_TYPE_LONG,
};
static struct stp_stat stp_global_s = {
	.desc = { .hist = STP_HIST_LINEAR, .start = 0, .stop = 20, .interval = 5,
		  .ops = STP_STAT_VARIANCE },
};
static struct stp_stat stp_global_t = { .desc = { .hist = STP_HIST_LOG } };
STP_DEFINE_GLOBAL_LOCK(stp_lock_n);
STP_DEFINE_GLOBAL_LOCK(stp_lock_s);
STP_DEFINE_GLOBAL_LOCK(stp_lock_t);

static void stp_handler_0(struct stp_context *c)
{
	struct stp_map *n = &stp_global_n;
	int64_t cpu = stp_cpu(c);

	STP_ACTION("statement at stat_cpus.stp:2:27");
	if (cpu < 2 && stp_map_get_long(n, K(L(cpu))) < PER_CPU) {
		stp_map_add_long(c, n, K(L(cpu)), 1, "identifier 'n' at stat_cpus.stp:2:50");
		STP_CHECK();
		stp_stat_add(&stp_global_s, cpu * 10 + 5);
	}
	if (stp_map_get_long(n, K(L(0))) >= PER_CPU && stp_map_get_long(n, K(L(1))) >= PER_CPU)
		stp_exit(c);
out:
	return;
}

static void stp_handler_1(struct stp_context *c)
{
	stp_stat_add(&stp_global_t, 1);
}

static void stp_handler_2(struct stp_context *c)
{
	struct stp_map *n = &stp_global_n;
	const struct stp_stat_data *d = stp_stat_read(&stp_global_s);

	t_print(c, "n[0] ", stp_map_get_long(n, K(L(0))));
	t_print(c, "n[1] ", stp_map_get_long(n, K(L(1))));
	t_print(c, "@count ", stp_stat_count(d));
	t_print(c, "@sum ", stp_stat_sum(d));
	t_print(c, "@min ", stp_stat_min(c, d, "@min"));
	t_print(c, "@max ", stp_stat_max(c, d, "@max"));
	t_print(c, "@avg ", stp_stat_avg(c, d, "@avg"));
	t_print(c, "@variance ", stp_stat_variance(c, d, "@variance"));
	stp_hist_print(c, &stp_global_s.desc, d, "s");
	d = stp_stat_read(&stp_global_t);
	t_print(c, "t: @count == @sum ", stp_stat_count(d) == stp_stat_sum(d));
	t_print(c, "t: @count > 50 ", stp_stat_count(d) > PER_CPU);
	t_print(c, "t: all in bucket 1 ",
		stp_hist_bucket(c, &stp_global_t.desc, d, STP_HIST_LOG_BUCKET0 + 1, "t") ==
		stp_stat_count(d));
}

static const struct stp_lock_use stp_locks_0[] = {
	{ &stp_lock_n, true }, { &stp_lock_s, false },
};
static const struct stp_lock_use stp_locks_2[] = {
	{ &stp_lock_n, false }, { &stp_lock_s, true }, { &stp_lock_t, true },
};

static const struct stp_probe stp_probes[] = {
	{ .pp = "timer.profile", .handler = stp_handler_0, .locks = stp_locks_0, .nlocks = 2 },
	{ .pp = "timer.profile", .handler = stp_handler_1 },
	{ .pp = "end", .handler = stp_handler_2, .locks = stp_locks_2, .nlocks = 3 },
};

static const struct stp_probe *const stp_end_probes[] = { &stp_probes[2] };
static struct stp_timer_probe stp_timers[] = {
	{ .probe = &stp_probes[0], .period_ns = TICK_NSEC, .per_cpu = true },
	{ .probe = &stp_probes[1], .period_ns = TICK_NSEC, .per_cpu = true },
};
static struct stp_map *const stp_maps[] = { &stp_global_n };
static struct stp_stat *const stp_stats[] = { &stp_global_s, &stp_global_t };

static const struct stp_script stp_script = {
	.end = stp_end_probes,
	.nend = 1,
	.timers = stp_timers,
	.ntimers = ARRAY_SIZE(stp_timers),
	.maps = stp_maps,
	.nmaps = ARRAY_SIZE(stp_maps),
	.stats = stp_stats,
	.nstats = ARRAY_SIZE(stp_stats),
};
