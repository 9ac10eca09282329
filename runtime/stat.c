// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Statistics. `s <<< v` updates this CPU's data block and nothing else:
 * no lock of its own, no atomic, no allocation (the handler runs with
 * interrupts off and cannot nest on its CPU). Reading combines every
 * CPU's block into the statistic's result block; the translator holds
 * the global's lock exclusively for that, and shared for `<<<`, so a
 * reader never sees a CPU's block half-updated.
 *
 * Integer semantics are SystemTap's: @avg = sum / count truncated;
 * @variance runs Welford's update per CPU on values scaled by
 * 2^bit_shift, then combines the CPUs with the total-variance formula
 * (sum of count_i * (mean_i - mean)^2 plus (count_i - 1) * var_i, over
 * count - 1), then unscales by 2^(2 * bit_shift).
 */

/* a / b truncated, 0 when b is 0, no trap for INT64_MIN / -1. */
static int64_t stp_stat_div(int64_t a, int64_t b)
{
	if (b == 0)
		return 0;
	if (b == -1)
		return (int64_t)(0 - (u64)a);
	return div64_s64(a, b);
}

static int64_t stp_stat_scale(int64_t v, int bit_shift)
{
	return (int64_t)((u64)v << bit_shift);
}

/**
 * stp_stat_buckets() - how many histogram counters a statistic keeps.
 * @desc: the statistic's description
 *
 * Return: 0 without a histogram, STP_HIST_LOG_BUCKETS for @hist_log, and
 * for @hist_linear (stop - start) / interval + 1 buckets plus one for
 * underflow and one for overflow; -EINVAL when that is not 3 to
 * STP_MAX_BUCKETS or the interval is not positive.
 */
static int stp_stat_buckets(const struct stp_stat_desc *desc)
{
	int64_t n;

	switch (desc->hist) {
	case STP_HIST_LOG:
		return STP_HIST_LOG_BUCKETS;
	case STP_HIST_LINEAR:
		if (desc->interval <= 0 || desc->stop < desc->start)
			return -EINVAL;
		n = ((int64_t)desc->stop - desc->start) / desc->interval + 3;
		return n > STP_MAX_BUCKETS ? -EINVAL : (int)n;
	default:
		return 0;
	}
}

static size_t stp_stat_data_size(const struct stp_stat_desc *desc)
{
	return sizeof(struct stp_stat_data) +
	       max(stp_stat_buckets(desc), 0) * sizeof(int64_t);
}

/* Log bucket of v: 64 for 0, 64 + bit length of v above, mirrored below. */
static int stp_hist_log_bucket(int64_t v)
{
	u64 mag = v < 0 ? 0 - (u64)v : (u64)v;
	int b;

	if (v == 0)
		return STP_HIST_LOG_BUCKET0;
	b = STP_HIST_LOG_BUCKET0 + fls64(mag);
	if (v < 0)
		b = STP_HIST_LOG_BUCKETS - b;
	return min(b, STP_HIST_LOG_BUCKETS - 1);
}

/* Linear bucket of v: 0 below start, the last one past stop. */
static int stp_hist_linear_bucket(const struct stp_stat_desc *desc, int nbuckets,
				  int64_t v)
{
	int64_t off = v - desc->start;
	u64 b;

	if (off < 0)
		return 0;
	b = div64_u64((u64)off, desc->interval) + 1;
	return b >= (u64)nbuckets - 1 ? nbuckets - 1 : (int)b;
}

static void stp_stat_data_add(const struct stp_stat_desc *desc,
			      struct stp_stat_data *d, int64_t v)
{
	int nbuckets = stp_stat_buckets(desc);
	int64_t delta, scaled = stp_stat_scale(v, desc->bit_shift);

	if (d->count == 0) {
		d->count = 1;
		d->sum = d->min = d->max = v;
		d->avg_s = scaled;
		d->m2 = 0;
	} else {
		d->count++;
		d->sum += v;
		if (v > d->max)
			d->max = v;
		if (v < d->min)
			d->min = v;
		if (desc->ops & STP_STAT_VARIANCE) {
			delta = scaled - d->avg_s;
			d->avg_s += stp_stat_div(delta, d->count);
			d->m2 += delta * (scaled - d->avg_s);
		}
	}
	if (desc->hist == STP_HIST_LOG)
		d->hist[stp_hist_log_bucket(v)]++;
	else if (desc->hist == STP_HIST_LINEAR)
		d->hist[stp_hist_linear_bucket(desc, nbuckets, v)]++;
}

static void stp_stat_data_reset(const struct stp_stat_desc *desc,
				struct stp_stat_data *d)
{
	memset(d, 0, stp_stat_data_size(desc));
}

/* Fold one part's count, sum, extremes and histogram into agg. */
static void stp_stat_merge(const struct stp_stat_desc *desc,
			   struct stp_stat_data *agg, const struct stp_stat_data *part)
{
	int i, nbuckets = stp_stat_buckets(desc);

	if (!part->count)
		return;
	if (!agg->count || part->min < agg->min)
		agg->min = part->min;
	if (!agg->count || part->max > agg->max)
		agg->max = part->max;
	agg->count += part->count;
	agg->sum += part->sum;
	for (i = 0; i < nbuckets; i++)
		agg->hist[i] += part->hist[i];
}

/* One part's term of the combined variance's numerator; needs agg->avg_s. */
static int64_t stp_stat_spread(const struct stp_stat_data *agg,
			       const struct stp_stat_data *part)
{
	int64_t dev = part->avg_s - agg->avg_s;
	int64_t var_s = part->count > 1 ? stp_stat_div(part->m2, part->count - 1) : 0;

	if (!part->count)
		return 0;
	return part->count * dev * dev + (part->count - 1) * var_s;
}

static void stp_stat_set_mean(const struct stp_stat_desc *desc,
			      struct stp_stat_data *agg)
{
	agg->avg_s = stp_stat_div(stp_stat_scale(agg->sum, desc->bit_shift),
				  agg->count);
}

static void stp_stat_set_variance(const struct stp_stat_desc *desc,
				  struct stp_stat_data *agg, int64_t spread)
{
	agg->variance = stp_stat_div(spread, agg->count - 1) >> (2 * desc->bit_shift);
}

/**
 * stp_stat_add() - `s <<< v` on a scalar statistic.
 * @s: the statistic
 * @v: the value
 *
 * Updates this CPU's data only: no lock, no allocation. The caller is a
 * handler (interrupts off, holding the global's lock at least shared).
 */
static void stp_stat_add(struct stp_stat *s, int64_t v)
{
	stp_stat_data_add(&s->desc, s->cpu[smp_processor_id()], v);
}

/**
 * stp_stat_read() - combine every CPU's part of a statistic.
 * @s: the statistic
 *
 * The caller holds the global's lock exclusively.
 *
 * Return: the combined data, owned by @s and valid until the next read
 * of @s; pass it to the stp_stat_* extractors or stp_hist_print().
 */
static const struct stp_stat_data *stp_stat_read(struct stp_stat *s)
{
	struct stp_stat_data *agg = s->agg;
	int64_t spread = 0;
	unsigned int cpu;

	stp_stat_data_reset(&s->desc, agg);
	for_each_possible_cpu(cpu)
		stp_stat_merge(&s->desc, agg, s->cpu[cpu]);
	stp_stat_set_mean(&s->desc, agg);
	for_each_possible_cpu(cpu)
		spread += stp_stat_spread(agg, s->cpu[cpu]);
	stp_stat_set_variance(&s->desc, agg, spread);
	return agg;
}

/* A single data block (an array element) combined as one CPU's part. */
static void stp_stat_combine_one(const struct stp_stat_desc *desc,
				 struct stp_stat_data *agg,
				 const struct stp_stat_data *part)
{
	stp_stat_data_reset(desc, agg);
	stp_stat_merge(desc, agg, part);
	stp_stat_set_mean(desc, agg);
	stp_stat_set_variance(desc, agg, stp_stat_spread(agg, part));
}

/**
 * stp_stat_clear() - `delete s`: forget every value on every CPU.
 * @s: the statistic; the caller holds the global's lock exclusively
 */
static void stp_stat_clear(struct stp_stat *s)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		stp_stat_data_reset(&s->desc, s->cpu[cpu]);
}

/**
 * stp_stat_count() - @count: the number of values; 0 when none.
 * @d: combined data from stp_stat_read() or stp_map_get_stat(), or NULL
 *     (an absent array element)
 */
static int64_t stp_stat_count(const struct stp_stat_data *d)
{
	return d ? d->count : 0;
}

/**
 * stp_stat_sum() - @sum: the total of the values; 0 when none.
 * @d: combined data, or NULL
 */
static int64_t stp_stat_sum(const struct stp_stat_data *d)
{
	return d ? d->sum : 0;
}

/* The "empty aggregate" script error of an extractor with no values. */
static bool stp_stat_empty(struct stp_context *c, const struct stp_stat_data *d,
			   const char *where)
{
	if (d && d->count)
		return false;
	stp_error(c, "empty aggregate", where);
	return true;
}

/**
 * stp_stat_min() - @min: the smallest value.
 * @c: the handler's context
 * @d: combined data, or NULL
 * @where: the operator's location, for the error message
 *
 * Return: the minimum; with no values, 0 after an "empty aggregate" error.
 */
static int64_t stp_stat_min(struct stp_context *c, const struct stp_stat_data *d,
			    const char *where)
{
	return stp_stat_empty(c, d, where) ? 0 : d->min;
}

/**
 * stp_stat_max() - @max: the largest value; as stp_stat_min() when empty.
 * @c: the handler's context
 * @d: combined data, or NULL
 * @where: the operator's location
 */
static int64_t stp_stat_max(struct stp_context *c, const struct stp_stat_data *d,
			    const char *where)
{
	return stp_stat_empty(c, d, where) ? 0 : d->max;
}

/**
 * stp_stat_avg() - @avg: sum / count, truncated; as stp_stat_min() when empty.
 * @c: the handler's context
 * @d: combined data, or NULL
 * @where: the operator's location
 */
static int64_t stp_stat_avg(struct stp_context *c, const struct stp_stat_data *d,
			    const char *where)
{
	return stp_stat_empty(c, d, where) ? 0 : stp_stat_div(d->sum, d->count);
}

/**
 * stp_stat_variance() - @variance: SystemTap's integer variance.
 * @c: the handler's context
 * @d: combined data, or NULL
 * @where: the operator's location
 *
 * 0 for a single value; as stp_stat_min() when empty. Meaningful only when
 * the statistic's desc.ops has STP_STAT_VARIANCE.
 */
static int64_t stp_stat_variance(struct stp_context *c, const struct stp_stat_data *d,
				 const char *where)
{
	return stp_stat_empty(c, d, where) ? 0 : d->variance;
}

/**
 * stp_hist_bucket() - @hist_log(s)[i] or @hist_linear(s, ...)[i].
 * @c: the handler's context
 * @desc: the statistic's description
 * @d: combined data, or NULL
 * @index: the bucket: 0..127 for @hist_log (64 holds 0), and for
 *         @hist_linear 0 underflow, 1.. the intervals, last overflow
 * @where: the operator's location
 *
 * Return: the bucket's count; 0 after an error: "empty aggregate" when
 * nothing was added (checked first, as SystemTap does), "histogram index
 * out of range" when there is no such bucket.
 */
static int64_t stp_hist_bucket(struct stp_context *c, const struct stp_stat_desc *desc,
			       const struct stp_stat_data *d, int64_t index,
			       const char *where)
{
	if (stp_stat_empty(c, d, where))
		return 0;
	if (index < 0 || index >= stp_stat_buckets(desc)) {
		stp_error(c, "histogram index out of range", where);
		return 0;
	}
	return d->hist[index];
}

static void stp_stat_free(struct stp_stat *s)
{
	unsigned int cpu;

	if (s->cpu) {
		for_each_possible_cpu(cpu)
			kvfree(s->cpu[cpu]);
		kfree(s->cpu);
		s->cpu = NULL;
	}
	kvfree(s->agg);
	s->agg = NULL;
}

/* At module load: one zeroed data block per possible CPU, one combined. */
static int stp_stat_alloc(struct stp_stat *s)
{
	size_t size = stp_stat_data_size(&s->desc);
	unsigned int cpu;

	if (stp_stat_buckets(&s->desc) < 0)
		return -EINVAL;
	s->cpu = kcalloc(nr_cpu_ids, sizeof(*s->cpu), GFP_KERNEL);
	s->agg = kvzalloc(size, GFP_KERNEL);
	if (!s->cpu || !s->agg)
		goto fail;
	for_each_possible_cpu(cpu) {
		s->cpu[cpu] = kvzalloc(size, GFP_KERNEL);
		if (!s->cpu[cpu])
			goto fail;
	}
	return 0;
fail:
	stp_stat_free(s);
	return -ENOMEM;
}
