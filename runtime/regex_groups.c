// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What matched(n), matched_str() and ngroups() read: the outcome of this
 * CPU's last =~, recorded in its context when the script reads groups.
 */

/*
 * Bytes of scratch stp_regex_match_groups() needs: the offsets, then what
 * stp_regex_capture() needs, 8-byte aligned.
 */
#define STP_REGEX_GROUPS_SCRATCH(nstates, nslots) \
	(8 * (nslots) + STP_REGEX_SCRATCH(nstates, nslots))

/* =~ when the script reads the groups: the DFA decides, the NFA finds them. */
static __maybe_unused bool stp_regex_match_groups(struct stp_context *c,
						  const struct stp_regex *re, const char *s,
						  void *scratch)
{
	struct stp_last_match *m = &c->last_match;
	s32 *offsets = scratch;
	int nslots = re->nfa->nslots;

	m->matched = stp_regex_match(re, s, MAXSTRINGLEN) &&
		     stp_regex_capture(re, s, MAXSTRINGLEN,
				       (char *)scratch + 8 * nslots, offsets);
	if (!m->matched)
		return false;
	m->nslots = min(nslots, 2 * STP_REGEX_MAX_GROUPS);
	memcpy(m->offsets, offsets, m->nslots * sizeof(s32));
	strscpy(m->str, s, MAXSTRINGLEN);
	return true;
}

static const char *stp_regex_matched(struct stp_context *c, int64_t n, char *buf,
				     const char *where)
{
	const struct stp_last_match *m = &c->last_match;
	s32 start, end;

	buf[0] = 0;
	if (!m->matched) {
		snprintf(c->error_buffer, sizeof(c->error_buffer),
			 "Attempted to get subexpression %lld from failed match", (long long)n);
		stp_error(c, c->error_buffer, where);
		return buf;
	}
	if (n < 0 || n >= m->nslots / 2) {
		snprintf(c->error_buffer, sizeof(c->error_buffer),
			 "Attempted to get nonexistent subexpression %lld", (long long)n);
		stp_error(c, c->error_buffer, where);
		return buf;
	}
	start = m->offsets[2 * n];
	end = m->offsets[2 * n + 1];
	/* A group that took no part in the match reads as "". */
	if (start >= 0 && end >= start && end < MAXSTRINGLEN) {
		memcpy(buf, m->str + start, end - start);
		buf[end - start] = 0;
	}
	return buf;
}

static const char *stp_regex_matched_str(struct stp_context *c, char *buf, const char *where)
{
	return stp_regex_matched(c, 0, buf, where);
}

static int64_t stp_regex_ngroups(struct stp_context *c, const char *where)
{
	if (!c->last_match.matched) {
		stp_error(c, "Attempted to get subexpression count from failed match", where);
		return 0;
	}
	return c->last_match.nslots / 2;
}
