// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Regular expression tree → Thompson NFA. Built back to front: each node
 * is compiled given the state that follows it, so no dangling edges need
 * patching. Split states list their preferred branch first (greedy
 * repetition, left alternative), the order the capture matcher keeps.
 */
#include "regex.h"

#include <stdlib.h>
#include <string.h>

static int nfa_add(struct regex_nfa *nfa, enum regex_nfa_kind kind, int out, int out1)
{
	struct regex_nfa_state st = { .kind = kind, .out = out, .out1 = out1, .slot = -1 };

	if (nfa->count >= REGEX_MAX_NFA_STATES) {
		nfa->too_big = true;
		return out;
	}
	VEC_PUSH(nfa->states, nfa->count, nfa->cap, st);
	return (int)nfa->count - 1;
}

static int nfa_add_save(struct regex_nfa *nfa, int slot, int out)
{
	int s = nfa_add(nfa, NFA_SAVE, out, -1);

	if (!nfa->too_big)
		nfa->states[s].slot = slot;
	return s;
}

/* The NFA for node, continuing at state next; returns its start. */
static int build(struct regex_nfa *nfa, const struct regex_node *node, int next)
{
	int start, loop;

	if (nfa->too_big)
		return next;
	switch (node->kind) {
	case RE_EMPTY:
		return next;
	case RE_SET:
		start = nfa_add(nfa, NFA_SET, next, -1);
		if (!nfa->too_big)
			memcpy(nfa->states[start].set, node->set, sizeof(node->set));
		return start;
	case RE_BOL:
		return nfa_add(nfa, NFA_BOL, next, -1);
	case RE_EOL:
		return nfa_add(nfa, NFA_EOL, next, -1);
	case RE_GROUP:
		next = nfa_add_save(nfa, 2 * node->group + 1, next);
		return nfa_add_save(nfa, 2 * node->group, build(nfa, node->a, next));
	case RE_CAT:
		return build(nfa, node->a, build(nfa, node->b, next));
	case RE_ALT:
		start = build(nfa, node->a, next);
		return nfa_add(nfa, NFA_SPLIT, start, build(nfa, node->b, next));
	case RE_REPEAT:
		start = next;
		if (node->max < 0) {
			/* a*: a split that loops back through a copy of a. */
			loop = nfa_add(nfa, NFA_SPLIT, -1, next);
			if (nfa->too_big)
				return next;
			start = build(nfa, node->a, loop);	/* may move states */
			if (nfa->too_big)
				return next;
			nfa->states[loop].out = start;
			start = loop;
		} else {
			/* a{m,n}: n-m nested optional copies: (a(a)?)? */
			for (int i = node->min; i < node->max && !nfa->too_big; i++)
				start = nfa_add(nfa, NFA_SPLIT, build(nfa, node->a, start), next);
		}
		for (int i = 0; i < node->min && !nfa->too_big; i++)
			start = build(nfa, node->a, start);
		return start;
	}
	return next;
}

bool regex_nfa_build(struct regex_nfa *nfa, const struct regex_node *root, int ngroups)
{
	int match;

	memset(nfa, 0, sizeof(*nfa));
	nfa->nslots = 2 * (ngroups + 1);
	match = nfa_add(nfa, NFA_MATCH, -1, -1);
	/* The whole match is group 0. */
	nfa->start = nfa_add_save(nfa, 0, build(nfa, root, nfa_add_save(nfa, 1, match)));
	return !nfa->too_big;
}

void regex_nfa_free(struct regex_nfa *nfa)
{
	free(nfa->states);
	memset(nfa, 0, sizeof(*nfa));
}
