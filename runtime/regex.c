// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Regular expressions for =~ and !~, compiled by the translator
 * (translator/regex_*.c) into tables:
 *  - a DFA that decides whether the pattern matches anywhere in a string:
 *    one table lookup per byte, no memory, no recursion;
 *  - when the script reads matched(n), also the NFA, which
 *    stp_regex_capture() runs as a Pike VM (threads in priority order, each
 *    with its capture offsets) over a caller-provided scratch area, to find
 *    the leftmost-longest match and what each group matched in it.
 * Both stop after max_len bytes: safe in any context.
 */

#define STP_REGEX_ACCEPT 1		/* a match ends in this state */
#define STP_REGEX_ACCEPT_AT_END 2	/* ... if the string ends here ($) */
#define STP_REGEX_DEAD 4		/* no match can follow */

enum stp_regex_nfa_kind {
	STP_NFA_SET, STP_NFA_SPLIT, STP_NFA_BOL, STP_NFA_EOL, STP_NFA_SAVE, STP_NFA_MATCH,
};

struct stp_regex_nfa {
	const u8 *kind;		/* enum stp_regex_nfa_kind, per state */
	const u16 *out;
	const u16 *out1;	/* STP_NFA_SPLIT's lower-priority branch */
	const u16 *arg;		/* SET: index into sets; SAVE: capture slot */
	const u8 (*sets)[32];	/* bit b: byte b is in the set */
	unsigned int nstates;
	unsigned int start;
	unsigned int nslots;	/* 2 * (groups + 1) */
};

struct stp_regex {
	const u8 *byte_class;	/* 256 entries */
	const u16 *next;	/* [state * nclasses + class] */
	const u8 *flags;	/* per state */
	unsigned int nclasses;
	const struct stp_regex_nfa *nfa;	/* NULL: no captures needed */
};

/* Does re match anywhere in s (NUL-terminated, or max_len bytes)? */
static __maybe_unused bool stp_regex_match(const struct stp_regex *re, const char *s,
					   size_t max_len)
{
	unsigned int state = 0;
	size_t i;

	for (i = 0;; i++) {
		u8 flags = re->flags[state];

		if (flags & STP_REGEX_ACCEPT)
			return true;
		if (flags & STP_REGEX_DEAD)
			return false;
		if (i == max_len || !s[i])
			return flags & STP_REGEX_ACCEPT_AT_END;
		state = re->next[state * re->nclasses + re->byte_class[(u8)s[i]]];
	}
}

/* The bytes of scratch stp_regex_capture() needs for an NFA of this size. */
#define STP_REGEX_SCRATCH(nstates, nslots)					\
	(2 * (nstates) * (2 + 4 * (nslots)) +	/* two thread lists */		\
	 4 * (nstates) +			/* marks */			\
	 8 * (2 * (nstates) + 1) +		/* the closure's stack */	\
	 4 * (nslots) + 16)			/* working offsets, alignment */

struct stp_regex_threads {
	unsigned int n;
	u16 *pc;
	s32 *caps;		/* n * nslots */
};

struct stp_regex_step {
	u16 pc;
	s16 restore_slot;	/* >= 0: not a state to visit, an offset to put back */
	s32 value;
};

struct stp_regex_vm {
	const struct stp_regex_nfa *nfa;
	u32 *mark;		/* mark[pc] == gen: already in the list being built */
	u32 gen;
	struct stp_regex_step *stack;
	s32 *caps;		/* the offsets of the path being followed */
};

/*
 * Add the threads that state pc leads to without reading a byte, in
 * priority order, to l: a depth-first walk with an explicit stack, which
 * also puts back each capture offset a SAVE changed once its subtree is
 * done.
 */
static void stp_regex_add_thread(struct stp_regex_vm *vm, struct stp_regex_threads *l,
				 unsigned int pc, s32 pos, bool bol, bool eol)
{
	const struct stp_regex_nfa *nfa = vm->nfa;
	unsigned int top = 0;

	vm->stack[top++] = (struct stp_regex_step){ .pc = pc, .restore_slot = -1 };
	while (top) {
		struct stp_regex_step e = vm->stack[--top];

		if (e.restore_slot >= 0) {
			vm->caps[e.restore_slot] = e.value;
			continue;
		}
		pc = e.pc;
		if (vm->mark[pc] == vm->gen)
			continue;
		vm->mark[pc] = vm->gen;
		switch (nfa->kind[pc]) {
		case STP_NFA_SPLIT:
			vm->stack[top++] = (struct stp_regex_step){ .pc = nfa->out1[pc], .restore_slot = -1 };
			vm->stack[top++] = (struct stp_regex_step){ .pc = nfa->out[pc], .restore_slot = -1 };
			break;
		case STP_NFA_SAVE:
			vm->stack[top++] = (struct stp_regex_step){
				.restore_slot = nfa->arg[pc], .value = vm->caps[nfa->arg[pc]] };
			vm->caps[nfa->arg[pc]] = pos;
			vm->stack[top++] = (struct stp_regex_step){ .pc = nfa->out[pc], .restore_slot = -1 };
			break;
		case STP_NFA_BOL:
		case STP_NFA_EOL:
			if (nfa->kind[pc] == STP_NFA_BOL ? bol : eol)
				vm->stack[top++] = (struct stp_regex_step){ .pc = nfa->out[pc], .restore_slot = -1 };
			break;
		default:	/* SET, MATCH: a thread */
			l->pc[l->n] = pc;
			memcpy(&l->caps[l->n * nfa->nslots], vm->caps, nfa->nslots * sizeof(s32));
			l->n++;
		}
	}
}

/*
 * Find the leftmost-longest match of re in s and put its capture offsets
 * (start and end of group g in caps[2g], caps[2g+1]; -1 for a group that
 * took no part) in caps[re->nfa->nslots]. scratch holds
 * STP_REGEX_SCRATCH(nstates, nslots) bytes, 8-byte aligned. Returns
 * whether there is a match.
 */
static __maybe_unused bool stp_regex_capture(const struct stp_regex *re, const char *s,
					     size_t max_len, void *scratch, s32 *caps)
{
	const struct stp_regex_nfa *nfa = re->nfa;
	unsigned int ns = nfa->nstates, nslots = nfa->nslots, t;
	struct stp_regex_threads lists[2], *cur = &lists[0], *next = &lists[1], *tmp;
	struct stp_regex_vm vm = { .nfa = nfa };
	char *p = scratch;
	bool found = false;
	s32 i;

	/* Carve the scratch: 4- and 8-byte items first, 2-byte ones last. */
	lists[0].caps = (s32 *)p;
	p += 4 * ns * nslots;
	lists[1].caps = (s32 *)p;
	p += 4 * ns * nslots;
	vm.mark = (u32 *)p;
	p += 4 * ns;
	vm.caps = (s32 *)p;
	p += 4 * nslots;
	vm.stack = (struct stp_regex_step *)p;
	p += sizeof(struct stp_regex_step) * (2 * ns + 1);
	lists[0].pc = (u16 *)p;
	p += 2 * ns;
	lists[1].pc = (u16 *)p;
	memset(vm.mark, 0, 4 * ns);
	lists[0].n = 0;
	vm.gen = 1;

	for (i = 0;; i++) {
		bool at_end = (size_t)i == max_len || !s[i];
		u8 c = at_end ? 0 : (u8)s[i];

		/* A new start at i, behind every thread already under way. */
		if (!found) {
			for (t = 0; t < nslots; t++)
				vm.caps[t] = -1;
			stp_regex_add_thread(&vm, cur, nfa->start, i, i == 0, at_end);
		}
		next->n = 0;
		vm.gen++;
		for (t = 0; t < cur->n; t++) {
			unsigned int pc = cur->pc[t];
			s32 *tcaps = &cur->caps[t * nslots];

			/* Once there is a match, later starts cannot win. */
			if (found && tcaps[0] > caps[0])
				continue;
			if (nfa->kind[pc] == STP_NFA_MATCH) {
				if (!found || tcaps[0] < caps[0] ||
				    (tcaps[0] == caps[0] && tcaps[1] > caps[1]))
					memcpy(caps, tcaps, nslots * sizeof(s32));
				found = true;
				continue;
			}
			if (at_end || !(nfa->sets[nfa->arg[pc]][c / 8] & (1u << (c % 8))))
				continue;
			memcpy(vm.caps, tcaps, nslots * sizeof(s32));
			stp_regex_add_thread(&vm, next, nfa->out[pc], i + 1, false,
					     (size_t)(i + 1) == max_len || !s[i + 1]);
		}
		if (at_end || (found && !next->n))
			break;
		tmp = cur;
		cur = next;
		next = tmp;
	}
	return found;
}
