/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Statistics (`<<<`, @count @sum @min @max @avg @variance, @hist_log,
 * @hist_linear): the types the translator declares. See stat.c.
 */
#ifndef CTAP_RUNTIME_STAT_H
#define CTAP_RUNTIME_STAT_H

/* Histogram kinds of a statistic. */
#define STP_HIST_NONE	0
#define STP_HIST_LOG	1
#define STP_HIST_LINEAR	2

/* @hist_log: 128 buckets, bucket 64 holds 0 (see stp_hist_log_bucket()). */
#define STP_HIST_LOG_BUCKETS	128
#define STP_HIST_LOG_BUCKET0	64
/* @hist_linear: at most this many buckets, under- and overflow included. */
#ifndef STP_MAX_BUCKETS
#define STP_MAX_BUCKETS 128
#endif
/* Width of a printed histogram's bars, and the empty rows kept around data. */
#ifndef HIST_WIDTH
#define HIST_WIDTH 50
#endif
#ifndef HIST_ELISION
#define HIST_ELISION 2
#endif

/* The statistic's optional extractors that cost work on every `<<<`. */
#define STP_STAT_VARIANCE	1

/*
 * What a statistic collects: fixed by the script at translate time, shared
 * by every CPU's data and (for arrays of statistics) every element.
 */
struct stp_stat_desc {
	int hist;			/* STP_HIST_* */
	int start, stop, interval;	/* @hist_linear(s, start, stop, interval) */
	unsigned int ops;		/* STP_STAT_* */
	int bit_shift;			/* @variance(s, bit_shift), 0..62 */
};

/* One set of accumulated values: a CPU's part, or the combined result. */
struct stp_stat_data {
	int64_t count, sum, min, max;
	int64_t avg_s;			/* Welford mean, scaled by 2^bit_shift */
	int64_t m2;			/* Welford sum of squared deviations, scaled */
	int64_t variance;		/* combined result only: @variance */
	int64_t hist[];			/* stp_stat_buckets() counters */
};

/*
 * A scalar statistic global. The translator fills in .desc; the runtime
 * allocates one data block per possible CPU and one for the combined
 * result when the module loads (stp_script.stats lists every one).
 */
struct stp_stat {
	struct stp_stat_desc desc;
	/* runtime-private */
	struct stp_stat_data **cpu;	/* nr_cpu_ids pointers */
	struct stp_stat_data *agg;
};

#endif
