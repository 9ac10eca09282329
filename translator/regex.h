/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Regular expressions for =~ and !~, compiled at translate time. A POSIX
 * extended regular expression (bytes, no locale) is parsed into a tree
 * (regex_parse.c), turned into a Thompson NFA and then into a DFA over byte
 * classes (regex_dfa.c), whose tables are emitted as C for the runtime's
 * matcher (runtime/regex.c). The matcher needs no memory but the tables
 * and runs in time linear in the string: nothing in probe context can
 * allocate or backtrack.
 */
#ifndef CTAP_REGEX_H
#define CTAP_REGEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Bounds that keep compile time and table size sane. */
#define REGEX_MAX_REPEAT 255	/* {m,n}: RE_DUP_MAX */
#define REGEX_MAX_NFA_STATES 20000
#define REGEX_MAX_DFA_STATES 5000

enum regex_node_kind {
	RE_EMPTY,	/* matches the empty string */
	RE_SET,		/* one byte out of set */
	RE_CAT,		/* a then b */
	RE_ALT,		/* a or b */
	RE_REPEAT,	/* a, min to max times (max -1: unbounded) */
	RE_BOL,		/* ^ */
	RE_EOL,		/* $ */
	RE_GROUP,	/* ( a ): group number n, 1-based */
};

struct regex_node {
	enum regex_node_kind kind;
	uint8_t set[32];	/* RE_SET: bit b set if byte b matches */
	struct regex_node *a, *b;
	int min, max;		/* RE_REPEAT */
	int group;		/* RE_GROUP */
};

/*
 * Parse pattern (len bytes). NULL with *error set on a bad one: "regex
 * compilation error (at position N): what", as SystemTap words it.
 */
struct regex_node *regex_parse(const char *pattern, size_t len, int *ngroups, char **error);
void regex_node_free(struct regex_node *node);

/*
 * The Thompson NFA (regex_nfa.c). Capturing group g saves the string
 * offset in slot 2g where it opens and 2g+1 where it closes; the whole
 * match is group 0. The DFA treats NFA_SAVE as an empty step; the capture
 * matcher (runtime/regex.c, stp_regex_capture) runs the NFA itself.
 */
enum regex_nfa_kind { NFA_SET, NFA_SPLIT, NFA_BOL, NFA_EOL, NFA_SAVE, NFA_MATCH };

struct regex_nfa_state {
	enum regex_nfa_kind kind;
	int out, out1;		/* out1: NFA_SPLIT's second (lower priority) branch */
	int slot;		/* NFA_SAVE */
	uint8_t set[32];	/* NFA_SET */
};

struct regex_nfa {
	struct regex_nfa_state *states;
	size_t count, cap;
	int start;
	int nslots;		/* 2 * (groups + 1) */
	bool too_big;		/* over REGEX_MAX_NFA_STATES: nothing else is valid */
};

/* Build the NFA of root (with ngroups groups); false if too big. */
bool regex_nfa_build(struct regex_nfa *nfa, const struct regex_node *root, int ngroups);
void regex_nfa_free(struct regex_nfa *nfa);

/* Per DFA state: what holds once the matcher is in it. */
enum {
	REGEX_ACCEPT = 1,		/* a match ends here: =~ is true */
	REGEX_ACCEPT_AT_END = 2,	/* a match ends here if the string does ($) */
	REGEX_DEAD = 4,			/* no match can follow: =~ is false */
};

/*
 * A compiled pattern: the DFA (state 0 is the start, the string's first
 * byte not yet read) that decides whether it matches, and the NFA that
 * finds what the groups matched when the script asks (matched(n)).
 */
struct regex_dfa {
	uint8_t byte_class[256];
	unsigned nclasses;
	unsigned nstates;
	uint16_t *next;		/* nstates * nclasses */
	uint8_t *flags;		/* nstates */
	int ngroups;		/* capturing groups in the pattern */
	struct regex_nfa nfa;
};

/* Compile pattern; NULL with *error set on a bad or too big one. */
struct regex_dfa *regex_compile(const char *pattern, size_t len, char **error);
void regex_dfa_free(struct regex_dfa *dfa);

/*
 * Emit "static const struct stp_regex NAME = {...};" and its tables, with
 * the NFA's tables too when with_captures (the script reads matched()).
 */
void regex_emit_c(struct strbuf *out, const char *name, const struct regex_dfa *dfa,
		  bool with_captures);

#endif
