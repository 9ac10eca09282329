// SPDX-License-Identifier: GPL-2.0-or-later
/* A compiled pattern's tables as C, for runtime/regex.c's matchers. */
#include "regex.h"

#include <stdlib.h>
#include <string.h>

static void emit_numbers(struct strbuf *out, const char *type, const char *name,
			 const char *suffix, size_t n, unsigned (*get)(const void *, size_t),
			 const void *data)
{
	strbuf_addf(out, "static const %s %s%s[%zu] = {", type, name, suffix, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		strbuf_addf(out, "%s%u,", i % 16 ? " " : "\n\t", get(data, i));
	strbuf_adds(out, n ? "\n};\n" : " 0 };\n");
}

static unsigned get_u8(const void *data, size_t i)
{
	return ((const uint8_t *)data)[i];
}

static unsigned get_u16(const void *data, size_t i)
{
	return ((const uint16_t *)data)[i];
}

static unsigned get_unsigned(const void *data, size_t i)
{
	return ((const unsigned *)data)[i];
}

/* The runtime's kind numbers (enum stp_regex_nfa_kind) follow ours. */
static unsigned nfa_kind(const struct regex_nfa_state *st)
{
	return (unsigned)st->kind;
}

static void emit_nfa(struct strbuf *out, const char *name, const struct regex_nfa *nfa)
{
	size_t n = nfa->count, nsets = 0;
	unsigned *kind = xcalloc(n, sizeof(*kind)), *next = xcalloc(n, sizeof(*next));
	unsigned *next1 = xcalloc(n, sizeof(*next1)), *arg = xcalloc(n, sizeof(*arg));
	const uint8_t **sets = xcalloc(n, sizeof(*sets));	/* the distinct ones */

	strbuf_addf(out, "static const u8 %s_sets[][32] = {\n", name);
	for (size_t s = 0; s < n; s++) {
		const struct regex_nfa_state *st = &nfa->states[s];
		size_t same = 0;

		kind[s] = nfa_kind(st);
		next[s] = st->out < 0 ? 0xffff : (unsigned)st->out;
		next1[s] = st->out1 < 0 ? 0xffff : (unsigned)st->out1;
		arg[s] = st->kind == NFA_SAVE ? (unsigned)st->slot : 0;
		if (st->kind != NFA_SET)
			continue;
		/* States that match the same bytes share one set. */
		while (same < nsets && memcmp(sets[same], st->set, 32))
			same++;
		arg[s] = (unsigned)same;
		if (same < nsets)
			continue;
		sets[nsets++] = st->set;
		strbuf_adds(out, "\t{");
		for (int b = 0; b < 32; b++)
			strbuf_addf(out, "%s%u", b ? "," : "", st->set[b]);
		strbuf_adds(out, "},\n");
	}
	if (!nsets)
		strbuf_adds(out, "\t{ 0 },\n");
	strbuf_adds(out, "};\n");
	emit_numbers(out, "u8", name, "_nfa_kind", n, get_unsigned, kind);
	emit_numbers(out, "u16", name, "_nfa_out", n, get_unsigned, next);
	emit_numbers(out, "u16", name, "_nfa_out1", n, get_unsigned, next1);
	emit_numbers(out, "u16", name, "_nfa_arg", n, get_unsigned, arg);
	strbuf_addf(out, "static const struct stp_regex_nfa %s_nfa = {\n"
			 "\t.kind = %s_nfa_kind,\n\t.out = %s_nfa_out,\n"
			 "\t.out1 = %s_nfa_out1,\n\t.arg = %s_nfa_arg,\n\t.sets = %s_sets,\n"
			 "\t.nstates = %zu,\n\t.start = %d,\n\t.nslots = %d,\n};\n",
		    name, name, name, name, name, name, n, nfa->start, nfa->nslots);
	free(kind);
	free(next);
	free(next1);
	free(arg);
	free(sets);
}

void regex_emit_c(struct strbuf *out, const char *name, const struct regex_dfa *dfa,
		  bool with_captures)
{
	emit_numbers(out, "u8", name, "_class", 256, get_u8, dfa->byte_class);
	emit_numbers(out, "u16", name, "_next", (size_t)dfa->nstates * dfa->nclasses, get_u16,
		     dfa->next);
	emit_numbers(out, "u8", name, "_flags", dfa->nstates, get_u8, dfa->flags);
	if (with_captures)
		emit_nfa(out, name, &dfa->nfa);
	strbuf_addf(out, "static const struct stp_regex %s = {\n"
			 "\t.byte_class = %s_class,\n\t.next = %s_next,\n"
			 "\t.flags = %s_flags,\n\t.nclasses = %u,\n",
		    name, name, name, name, dfa->nclasses);
	if (with_captures)
		strbuf_addf(out, "\t.nfa = &%s_nfa,\n", name);
	strbuf_adds(out, "};\n");
}
