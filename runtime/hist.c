// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Printing a histogram as SystemTap does: a header line
 *   "value |" + HIST_WIDTH dashes + " count",
 * then one row per bucket from two empty buckets below the first used one
 * to two above the last used one ("value |@@@@ count", bars scaled so the
 * largest fits HIST_WIDTH), runs of empty rows farther than HIST_ELISION
 * rows from any data replaced by one "~" row, and a blank line. Linear
 * histograms label their underflow and overflow rows "<start" and ">last"
 * and show them only when they count something; log histograms show
 * negative buckets only when there are negative values.
 */

/* Characters %lld prints for v. */
static int stp_hist_digits(int64_t v)
{
	u64 mag = v < 0 ? 0 - (u64)v : (u64)v;
	int n = v < 0 ? 2 : 1;

	while (mag >= 10) {
		mag = div_u64(mag, 10);
		n++;
	}
	return n;
}

/* The lowest value a log bucket holds (its row label). */
static int64_t stp_hist_log_value(int bucket)
{
	if (bucket == STP_HIST_LOG_BUCKET0)
		return 0;
	if (bucket < STP_HIST_LOG_BUCKET0)
		return (int64_t)S64_MIN >> bucket;
	return (int64_t)1 << (bucket - STP_HIST_LOG_BUCKET0 - 1);
}

/* The row label of a bucket, and its "<"/">" prefix. */
static int64_t stp_hist_row_value(const struct stp_stat_desc *desc, int nbuckets,
				  int bucket, const char **prefix)
{
	*prefix = "";
	if (desc->hist == STP_HIST_LOG)
		return stp_hist_log_value(bucket);
	if (bucket == 0) {
		*prefix = "<";
		return desc->start;
	}
	if (bucket == nbuckets - 1) {
		*prefix = ">";
		return desc->start + (int64_t)(bucket - 2) * desc->interval;
	}
	return desc->start + (int64_t)(bucket - 1) * desc->interval;
}

struct stp_hist_layout {
	int low, high;		/* rows shown */
	int64_t peak;		/* largest count */
	int64_t scale;		/* counts per '@' */
	int value_width, count_width;
};

/* The rows to show: the data, widened by two; see the file comment. */
static void stp_hist_rows(const struct stp_stat_desc *desc, int nbuckets,
			  const int64_t *hist, struct stp_hist_layout *lay)
{
	int i;

	lay->low = -1;
	lay->high = 0;
	lay->peak = 0;
	for (i = 0; i < nbuckets; i++) {
		if (hist[i] > 0 && lay->low < 0)
			lay->low = i;
		if (hist[i] > 0)
			lay->high = i;
		lay->peak = max(lay->peak, hist[i]);
	}
	for (i = 0; i < 2; i++) {
		if (lay->low > 0 && (desc->hist != STP_HIST_LOG ||
				     lay->low != STP_HIST_LOG_BUCKET0))
			lay->low--;
		if (lay->high < nbuckets - 1)
			lay->high++;
	}
	if (desc->hist == STP_HIST_LINEAR) {
		if (lay->low == 0 && hist[0] == 0)
			lay->low++;
		if (lay->high == nbuckets - 1 && hist[lay->high] == 0)
			lay->high--;
	}
}

/* Column widths and the bar scale; the value column is at least "value". */
static void stp_hist_widths(const struct stp_stat_desc *desc, int nbuckets,
			    struct stp_hist_layout *lay)
{
	int under, over;

	lay->scale = lay->peak <= HIST_WIDTH ? 1 :
		     div64_s64(lay->peak + HIST_WIDTH - 1, HIST_WIDTH);
	lay->count_width = stp_hist_digits(lay->peak);
	if (desc->hist == STP_HIST_LINEAR) {
		under = lay->low == 0;
		over = lay->high == nbuckets - 1;
		lay->value_width = max(stp_hist_digits(desc->start) + under,
				       stp_hist_digits(desc->start + (int64_t)desc->interval *
						       lay->high) + over);
	} else {
		lay->value_width = max(stp_hist_digits(stp_hist_log_value(lay->high)),
				       stp_hist_digits(stp_hist_log_value(lay->low)));
	}
	lay->value_width = max(lay->value_width, 5);
}

/* True when row i and every shown row within HIST_ELISION of it are empty. */
static bool stp_hist_elided(const struct stp_hist_layout *lay, const int64_t *hist,
			    int i)
{
	int k, from = max(lay->low, i - HIST_ELISION);
	int to = min(lay->high, i + HIST_ELISION);

	if (HIST_ELISION < 0)
		return false;
	for (k = from; k <= to; k++)
		if (hist[k])
			return false;
	return true;
}

static void stp_hist_print_repeat(struct stp_context *c, struct stp_out *o, char ch,
				  int64_t n)
{
	char run[HIST_WIDTH + 1];

	memset(run, ch, sizeof(run));
	while (n > 0) {
		stp_out_mem(c, o, run, min_t(int64_t, n, sizeof(run)));
		n -= sizeof(run);
	}
}

static void stp_hist_print_row(struct stp_context *c, struct stp_out *o,
			       const struct stp_hist_layout *lay, const char *prefix,
			       int64_t value, int64_t count)
{
	int64_t bar = div64_s64(count, lay->scale);
	char line[96];
	int n;

	n = scnprintf(line, sizeof(line), "%*s%lld |",
		      lay->value_width - stp_hist_digits(value), prefix,
		      (long long)value);
	stp_out_mem(c, o, line, n);
	stp_hist_print_repeat(c, o, '@', bar);
	n = scnprintf(line, sizeof(line), "%*lld\n",
		      (int)(HIST_WIDTH - bar + 1 + lay->count_width), (long long)count);
	stp_out_mem(c, o, line, n);
}

/**
 * stp_hist_out() - a histogram's text, to the print buffer or a string.
 * @c: the handler's context
 * @o: where it goes: STP_OUT_PRINT for print(@hist_log(s)), a string for
 *     sprint(@hist_log(s)) (cut at MAXSTRINGLEN - 1 bytes, as SystemTap's)
 * @desc: the statistic's description (its hist says which kind)
 * @d: combined data from stp_stat_read() or stp_map_get_stat(), or NULL
 * @where: the operator's location, for the error message
 *
 * SystemTap's layout exactly. With no values it writes nothing and raises
 * the "empty aggregate" script error, as SystemTap does.
 */
static void stp_hist_out(struct stp_context *c, struct stp_out *o,
			 const struct stp_stat_desc *desc, const struct stp_stat_data *d,
			 const char *where)
{
	int nbuckets = stp_stat_buckets(desc);
	struct stp_hist_layout lay;
	bool eliding = false;
	const char *prefix;
	char line[96];
	int64_t value;
	int i, n;

	if (stp_stat_empty(c, d, where) || nbuckets <= 0)
		return;
	stp_hist_rows(desc, nbuckets, d->hist, &lay);
	stp_hist_widths(desc, nbuckets, &lay);
	n = scnprintf(line, sizeof(line), "%*s |", lay.value_width, "value");
	stp_out_mem(c, o, line, n);
	stp_hist_print_repeat(c, o, '-', HIST_WIDTH);
	stp_out_str(c, o, " count\n");
	for (i = lay.low; i <= lay.high; i++) {
		if (stp_hist_elided(&lay, d->hist, i)) {
			eliding = true;
			continue;
		}
		if (eliding) {
			n = scnprintf(line, sizeof(line), "%*s ~\n", lay.value_width, "");
			stp_out_mem(c, o, line, n);
			eliding = false;
		}
		value = stp_hist_row_value(desc, nbuckets, i, &prefix);
		stp_hist_print_row(c, o, &lay, prefix, value, d->hist[i]);
	}
	stp_out_mem(c, o, "\n", 1);
}

/* print(@hist_log(s)): the histogram into this CPU's print buffer. */
static void stp_hist_print(struct stp_context *c, const struct stp_stat_desc *desc,
			   const struct stp_stat_data *d, const char *where)
{
	struct stp_out o = STP_OUT_PRINT;

	stp_hist_out(c, &o, desc, d, where);
}
