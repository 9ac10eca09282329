// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Thompson NFA → DFA over byte classes, by subset construction.
 *
 * =~ asks whether the pattern matches anywhere in the string, so the DFA
 * is unanchored: after each byte the NFA's start is entered again (not at
 * the beginning of the line any more, so ^ then only holds in the start
 * state). $ holds only at the string's end: a state records separately
 * whether a match ends in it unconditionally or only if the string ends
 * there. The matcher stops at the first state where a match ends, or where
 * none can.
 */
#include "regex.h"

#include <stdlib.h>
#include <string.h>

/* Sets of NFA states, built by epsilon closure. */
struct state_set {
	int *items;
	size_t count, cap;
};

struct closure {
	const struct regex_nfa *nfa;
	unsigned *mark;		/* mark[s] == generation: already in the set */
	unsigned generation;
	int *stack;
};

static void closure_begin(struct closure *cl)
{
	if (++cl->generation == 0) {
		memset(cl->mark, 0, cl->nfa->count * sizeof(*cl->mark));
		cl->generation = 1;
	}
}

/*
 * Add start and what it reaches without reading a byte. ^ and $ are
 * followed only when bol / eol hold; otherwise they stay in the set as
 * states that wait ($ for the end of the string).
 */
static void closure_add(struct closure *cl, struct state_set *out, int start, bool bol, bool eol)
{
	size_t top = 0;

	if (start < 0 || cl->mark[start] == cl->generation)
		return;
	cl->mark[start] = cl->generation;
	cl->stack[top++] = start;
	while (top) {
		int s = cl->stack[--top];
		const struct regex_nfa_state *st = &cl->nfa->states[s];
		int follow[2] = { -1, -1 };

		switch (st->kind) {
		case NFA_SPLIT:
			follow[0] = st->out;
			follow[1] = st->out1;
			break;
		case NFA_SAVE:
			follow[0] = st->out;
			break;
		case NFA_BOL:
			if (bol)
				follow[0] = st->out;
			break;
		case NFA_EOL:
			if (eol)
				follow[0] = st->out;
			else
				VEC_PUSH(out->items, out->count, out->cap, s);
			break;
		case NFA_SET:
		case NFA_MATCH:
			VEC_PUSH(out->items, out->count, out->cap, s);
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (follow[i] >= 0 && cl->mark[follow[i]] != cl->generation) {
				cl->mark[follow[i]] = cl->generation;
				cl->stack[top++] = follow[i];
			}
		}
	}
}

static int compare_ints(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The DFA under construction: its states' NFA sets, found by hash. */
struct builder {
	const struct regex_nfa *nfa;
	struct closure cl;
	struct state_set *sets;		/* per DFA state */
	size_t nsets, sets_cap;
	int *table;			/* open addressing: DFA state + 1, 0 empty */
	size_t table_size;
	struct regex_dfa *dfa;
	size_t next_cap;
};

static unsigned long long set_hash(const struct state_set *set)
{
	return hash_bytes(HASH_INIT, set->items, set->count * sizeof(int));
}

static bool set_equal(const struct state_set *a, const struct state_set *b)
{
	return a->count == b->count &&
	       (!a->count || !memcmp(a->items, b->items, a->count * sizeof(int)));
}

static void table_insert(struct builder *b, size_t state)
{
	size_t i = set_hash(&b->sets[state]) & (b->table_size - 1);

	while (b->table[i])
		i = (i + 1) & (b->table_size - 1);
	b->table[i] = (int)state + 1;
}

/* The DFA state for set (taken over or freed); -1 when there are too many. */
static int dfa_state_for(struct builder *b, struct state_set *set, bool initial)
{
	size_t i;

	if (set->count)
		qsort(set->items, set->count, sizeof(int), compare_ints);
	i = set_hash(set) & (b->table_size - 1);
	/* The start state is never shared: ^ holds only there. */
	for (; !initial && b->table[i]; i = (i + 1) & (b->table_size - 1)) {
		if (set_equal(&b->sets[b->table[i] - 1], set)) {
			free(set->items);
			return b->table[i] - 1;
		}
	}
	if (b->nsets >= REGEX_MAX_DFA_STATES) {
		free(set->items);
		return -1;
	}
	VEC_PUSH(b->sets, b->nsets, b->sets_cap, *set);
	if (!initial)
		table_insert(b, b->nsets - 1);
	return (int)b->nsets - 1;
}

/* Flags of DFA state d: does a match end here, or at the end, or never. */
static uint8_t dfa_flags(struct builder *b, size_t d)
{
	const struct state_set *set = &b->sets[d];
	struct state_set at_end = { 0 };
	bool has_set = false;
	uint8_t flags = 0;

	closure_begin(&b->cl);
	for (size_t i = 0; i < set->count; i++) {
		const struct regex_nfa_state *st = &b->nfa->states[set->items[i]];

		if (st->kind == NFA_MATCH)
			flags |= REGEX_ACCEPT;
		else if (st->kind == NFA_SET)
			has_set = true;
		else if (st->kind == NFA_EOL)
			closure_add(&b->cl, &at_end, st->out, d == 0, true);
	}
	for (size_t i = 0; i < at_end.count; i++)
		if (b->nfa->states[at_end.items[i]].kind == NFA_MATCH)
			flags |= REGEX_ACCEPT_AT_END;
	free(at_end.items);
	if (!flags && !has_set)
		flags = REGEX_DEAD;
	return flags;
}

/*
 * Byte classes: bytes that every NFA_SET state treats alike share a class.
 * Each set splits the classes it cuts in two; a class wholly inside or
 * outside it stays whole, so there are never more than 256.
 */
static void compute_byte_classes(struct builder *b)
{
	uint8_t *cls = b->dfa->byte_class;
	unsigned n = 1;

	memset(cls, 0, 256);	/* class 0: NUL and bytes nothing matches */
	for (size_t s = 0; s < b->nfa->count; s++) {
		const uint8_t *set = b->nfa->states[s].set;
		unsigned size[256] = { 0 }, inside[256] = { 0 };
		int remap[256];

		if (b->nfa->states[s].kind != NFA_SET)
			continue;
		for (unsigned c = 0; c < 256; c++) {
			size[cls[c]]++;
			if (set[c / 8] & (1u << (c % 8)))
				inside[cls[c]]++;
		}
		for (unsigned k = 0; k < n; k++)
			remap[k] = inside[k] && inside[k] < size[k] ? (int)n++ : -1;
		for (unsigned c = 0; c < 256; c++)
			if ((set[c / 8] & (1u << (c % 8))) && remap[cls[c]] >= 0)
				cls[c] = (uint8_t)remap[cls[c]];
	}
	b->dfa->nclasses = n;
}

/* Successor of DFA state d on a byte of class cls: -1 when too many states. */
static int dfa_step(struct builder *b, size_t d, unsigned cls)
{
	struct state_set next = { 0 };
	unsigned char rep = 0;

	for (unsigned c = 1; c < 256; c++) {
		if (b->dfa->byte_class[c] == cls) {
			rep = (unsigned char)c;
			break;
		}
	}
	closure_begin(&b->cl);
	if (rep) {
		for (size_t i = 0; i < b->sets[d].count; i++) {
			const struct regex_nfa_state *st = &b->nfa->states[b->sets[d].items[i]];

			if (st->kind == NFA_SET && (st->set[rep / 8] & (1u << (rep % 8))))
				closure_add(&b->cl, &next, st->out, false, false);
		}
	}
	closure_add(&b->cl, &next, b->nfa->start, false, false);	/* unanchored */
	return dfa_state_for(b, &next, false);
}

static void builder_free(struct builder *b)
{
	for (size_t i = 0; i < b->nsets; i++)
		free(b->sets[i].items);
	free(b->sets);
	free(b->table);
	free(b->cl.mark);
	free(b->cl.stack);
}

void regex_dfa_free(struct regex_dfa *dfa)
{
	if (!dfa)
		return;
	free(dfa->next);
	free(dfa->flags);
	regex_nfa_free(&dfa->nfa);
	free(dfa);
}

/* Fill in dfa's tables from its NFA; false (*error set) if too many states. */
static bool build_dfa(struct regex_dfa *dfa, char **error)
{
	struct builder b = { .nfa = &dfa->nfa, .dfa = dfa };
	struct state_set initial = { 0 };
	bool ok = true;

	b.cl.nfa = b.nfa;
	b.cl.mark = xcalloc(b.nfa->count, sizeof(*b.cl.mark));
	b.cl.stack = xmalloc(b.nfa->count * sizeof(*b.cl.stack));
	b.table_size = 16384;	/* a power of two over 2 * REGEX_MAX_DFA_STATES */
	b.table = xcalloc(b.table_size, sizeof(*b.table));
	compute_byte_classes(&b);

	closure_begin(&b.cl);
	closure_add(&b.cl, &initial, b.nfa->start, true, false);
	dfa_state_for(&b, &initial, true);
	/* Breadth first: each new state's row is filled when its turn comes. */
	for (size_t d = 0; d < b.nsets && ok; d++) {
		size_t row = d * dfa->nclasses;

		grow_array((void **)&dfa->next, &b.next_cap, row + dfa->nclasses,
			   sizeof(*dfa->next));
		for (unsigned cls = 0; cls < dfa->nclasses && ok; cls++) {
			int to = dfa_step(&b, d, cls);

			if (to < 0) {
				*error = xasprintf("regex compilation error: too complex (over "
						   "%d automaton states)", REGEX_MAX_DFA_STATES);
				ok = false;
				break;
			}
			dfa->next[row + cls] = (uint16_t)to;
		}
	}
	if (ok) {
		dfa->nstates = (unsigned)b.nsets;
		dfa->flags = xmalloc(b.nsets);
		for (size_t d = 0; d < b.nsets; d++)
			dfa->flags[d] = dfa_flags(&b, d);
	}
	builder_free(&b);
	return ok;
}

struct regex_dfa *regex_compile(const char *pattern, size_t len, char **error)
{
	struct regex_dfa *dfa;
	struct regex_node *root;
	int ngroups;
	bool ok;

	root = regex_parse(pattern, len, &ngroups, error);
	if (!root)
		return NULL;
	dfa = xcalloc(1, sizeof(*dfa));
	dfa->ngroups = ngroups;
	ok = regex_nfa_build(&dfa->nfa, root, ngroups);
	regex_node_free(root);
	if (!ok)
		*error = xstrdup("regex compilation error: too big (over "
				 "20000 automaton states)");
	if (!ok || !build_dfa(dfa, error)) {
		regex_dfa_free(dfa);
		return NULL;
	}
	return dfa;
}
