// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The regex compiler (translator/regex_*.c) and the runtime's matcher
 * (runtime/regex.c), checked against glibc's regcomp/regexec (REG_EXTENDED)
 * as the reference: fixed patterns over every short string of a small
 * alphabet, then random patterns of the whole grammar the same way, then
 * patterns both must refuse. Whether a string matches must always agree;
 * so must the whole match's extent (leftmost-longest) that the capture
 * matcher finds, and for the fixed patterns every group's. Prints "regex: N checks, N failures" and
 * exits non-zero on any failure.
 */
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../translator/regex.h"

typedef uint8_t u8;
typedef uint16_t u16;
typedef int16_t s16;
typedef int32_t s32;
typedef uint32_t u32;
#define __maybe_unused __attribute__((unused))
#include "../../runtime/regex.c"

static unsigned long checks, failures, too_complex;

static bool reference_match(const regex_t *re, const char *s)
{
	return regexec(re, s, 0, NULL, 0) == 0;
}

/* The runtime's view of a compiled pattern, as regex_emit.c lays it out. */
struct runtime_regex {
	struct stp_regex re;
	struct stp_regex_nfa nfa;
	u8 *kind;
	u16 *out, *out1, *arg;
	u8 (*sets)[32];
	void *scratch;
};

static void runtime_regex_init(struct runtime_regex *r, const struct regex_dfa *dfa)
{
	const struct regex_nfa *nfa = &dfa->nfa;
	size_t n = nfa->count;

	r->kind = calloc(n, 1);
	r->out = calloc(n, sizeof(u16));
	r->out1 = calloc(n, sizeof(u16));
	r->arg = calloc(n, sizeof(u16));
	r->sets = calloc(n, 32);
	for (size_t s = 0; s < n; s++) {
		const struct regex_nfa_state *st = &nfa->states[s];

		r->kind[s] = (u8)st->kind;
		r->out[s] = st->out < 0 ? 0xffff : (u16)st->out;
		r->out1[s] = st->out1 < 0 ? 0xffff : (u16)st->out1;
		r->arg[s] = st->kind == NFA_SAVE ? (u16)st->slot : (u16)s;
		memcpy(r->sets[s], st->set, 32);
	}
	r->nfa = (struct stp_regex_nfa){
		.kind = r->kind, .out = r->out, .out1 = r->out1, .arg = r->arg,
		.sets = (const u8 (*)[32])r->sets, .nstates = (unsigned)n,
		.start = (unsigned)nfa->start, .nslots = (unsigned)nfa->nslots,
	};
	r->re = (struct stp_regex){
		.byte_class = dfa->byte_class, .next = dfa->next, .flags = dfa->flags,
		.nclasses = dfa->nclasses, .nfa = &r->nfa,
	};
	r->scratch = aligned_alloc(8, (STP_REGEX_SCRATCH(n, (size_t)nfa->nslots) + 7) / 8 * 8);
}

static void runtime_regex_free(struct runtime_regex *r)
{
	free(r->kind);
	free(r->out);
	free(r->out1);
	free(r->arg);
	free(r->sets);
	free(r->scratch);
}

/* Every string of length 0..max_len over alphabet, then call check(s). */
static void each_string(const char *alphabet, size_t max_len,
			void (*check)(const char *s, void *arg), void *arg)
{
	size_t n = strlen(alphabet);
	char s[16];
	size_t idx[16];

	for (size_t len = 0; len <= max_len; len++) {
		memset(idx, 0, sizeof(idx));
		for (;;) {
			size_t i;

			for (i = 0; i < len; i++)
				s[i] = alphabet[idx[i]];
			s[len] = 0;
			check(s, arg);
			for (i = 0; i < len && ++idx[i] == n; i++)
				idx[i] = 0;
			if (i == len)
				break;
		}
	}
}

struct pair {
	const char *pattern;
	regex_t ref, ref_sub;		/* the second one reports groups */
	struct regex_dfa *dfa;
	struct runtime_regex rt;
	bool strict_groups;		/* groups must agree, not only the match */
	bool reported;			/* a failure shown: show no more of this one */
};

/* Count a failure of pair p; true when it is the first, to be shown. */
static bool first_failure(struct pair *p)
{
	failures++;
	if (p->reported)
		return false;
	p->reported = true;
	return true;
}

static unsigned long group_differences;

static void compare_captures(struct pair *p, const char *s)
{
	size_t ngroups = (size_t)p->dfa->nfa.nslots / 2;
	regmatch_t want[64];
	s32 got[128];
	bool ok;

	if (ngroups > 64)
		return;
	ok = stp_regex_capture(&p->rt.re, s, strlen(s), p->rt.scratch, got);
	checks++;
	if (regexec(&p->ref_sub, s, ngroups, want, 0) != 0 || !ok) {
		if (ok && first_failure(p))
			fprintf(stderr, "FAIL: \"%s\" =~ /%s/: capture finds a match, glibc none\n",
				s, p->pattern);
		if (!ok && first_failure(p))
			fprintf(stderr, "FAIL: \"%s\" =~ /%s/: capture finds no match\n", s, p->pattern);
		return;
	}
	for (size_t g = 0; g < ngroups; g++) {
		if (want[g].rm_so == got[2 * g] && want[g].rm_eo == got[2 * g + 1])
			continue;
		if (g && !p->strict_groups) {
			group_differences++;
			return;
		}
		if (first_failure(p))
			fprintf(stderr, "FAIL: \"%s\" =~ /%s/: group %zu is [%d,%d), glibc [%d,%d)\n",
				s, p->pattern, g, got[2 * g], got[2 * g + 1],
				(int)want[g].rm_so, (int)want[g].rm_eo);
		return;
	}
}

static void compare_one(const char *s, void *arg)
{
	struct pair *p = arg;
	bool want = reference_match(&p->ref, s);
	bool got = stp_regex_match(&p->rt.re, s, strlen(s));

	checks++;
	if (want != got && first_failure(p))
		fprintf(stderr, "FAIL: \"%s\" =~ /%s/: glibc %d, ctap %d\n", s, p->pattern, want, got);
	if (want)
		compare_captures(p, s);
}

/* Compare on all strings up to max_len over alphabet; false if either refused it. */
static bool compare_pattern(const char *pattern, const char *alphabet, size_t max_len,
			    bool strict_groups)
{
	struct pair p = { .pattern = pattern, .strict_groups = strict_groups };
	char *error = NULL;
	int ref_rc = regcomp(&p.ref, pattern, REG_EXTENDED | REG_NOSUB);

	p.dfa = regex_compile(pattern, strlen(pattern), &error);
	if (ref_rc == 0 && !p.dfa && strstr(error, "too complex")) {
		/* A limit, not a mistake: counted and shown, not failed. */
		too_complex++;
		regfree(&p.ref);
		free(error);
		return true;
	}
	if (ref_rc != 0 || !p.dfa) {
		checks++;
		if ((ref_rc == 0) != (p.dfa != NULL) && failures++ < 30)
			fprintf(stderr, "FAIL: /%s/: glibc %s it, ctap %s it%s%s\n", pattern,
				ref_rc ? "refuses" : "accepts", p.dfa ? "accepts" : "refuses",
				error ? ": " : "", error ? error : "");
		if (ref_rc == 0)
			regfree(&p.ref);
		regex_dfa_free(p.dfa);
		free(error);
		return false;
	}
	regcomp(&p.ref_sub, pattern, REG_EXTENDED);
	runtime_regex_init(&p.rt, p.dfa);
	each_string(alphabet, max_len, compare_one, &p);
	runtime_regex_free(&p.rt);
	regfree(&p.ref);
	regfree(&p.ref_sub);
	regex_dfa_free(p.dfa);
	return true;
}

static const char *const fixed_patterns[] = {
	"", "a", "ab", "a|b", "a*", "a+", "a?", "^a", "a$", "^a$", "^$", "$", "^",
	".", "a.b", "(ab)*", "(a|b)*c", "a{2}", "a{2,}", "a{1,3}", "a{0,1}b", "a{,2}",
	"[ab]", "[^ab]", "[a-c]+", "[]a]", "[^]a]", "[a-]", "[-a]", "x*",
	"(a|)b", "a||b", "()", "(^a|b$)", "a^b", "a$b", "(a|b)*abb", "((a))", "a**",
	"[[:alpha:]]+", "[[:digit:]]", "[[:space:]x]", "[[:upper:]]", "\\w+", "\\W",
	"\\s", "\\S", "\\.", "a\\|b", "\\(", "[.]", "[\\]", "(a|b|c|x){3}", "^(a|b)+$",
	"b(a|x)*$", "^.*x.*$", "(^|a)b", "a($|b)", "[[.a.]]", "[[=b=]]", "c{0}",
	"(ab|a)(bc|c)", "(a+|b+)*x", "a{3,3}", "((a|b){2}){2}",
};

/*
 * Where a repeated group can match the empty string, POSIX (and glibc)
 * count one empty iteration, and the group reports it ("" =~ "(a*)*": group
 * 1 is [0,0)); the Pike VM never takes an empty turn round a loop, so the
 * group reports no part ([-1,-1)). The match itself still agrees.
 */
static const char *const empty_loop_patterns[] = { "(a*)*", "(a*b*)*", "(a|)*b" };

static const char *const bad_patterns[] = {
	"(", "(a", "a)", "[a", "[", "*a", "a|*", "+", "a{2,1}", "a{x}", "\\",
	"a{", "[[:nope:]]", "[b-a]", "\\1", "(a)\\1", "a{256}", "[[:alpha:",
};

/*
 * A random pattern from the grammar, into buf (bounded depth). Anchors
 * stay outside groups: glibc's matcher gets ^ inside a repeated group
 * wrong (((^))($|b*^(c[^a])+){2}a matches "cba" there), so it cannot be
 * the reference for them; the fixed patterns cover anchors in groups.
 */
static void random_pattern(char *buf, size_t cap, int depth)
{
	static const char *const atoms[] = {
		"a", "b", "c", ".", "[ab]", "[^a]", "[a-c]", "x", "^", "$",
	};
	static const char *const quants[] = { "*", "+", "?", "{2}", "{0,2}", "{1,}" };
	size_t len = strlen(buf);
	int pieces = 1 + rand() % 3;

	for (int i = 0; i < pieces && len + 24 < cap; i++) {
		int choice = rand() % 10;
		bool anchor = false;

		if (depth < 3 && choice < 2) {
			strcat(buf, "(");
			random_pattern(buf, cap, depth + 1);
			if (rand() % 3 == 0 && strlen(buf) + 24 < cap) {
				strcat(buf, "|");
				random_pattern(buf, cap, depth + 1);
			}
			strcat(buf, ")");
		} else {
			const char *atom = atoms[rand() % (ARRAY_SIZE(atoms) - (depth ? 2 : 0))];

			anchor = atom[0] == '^' || atom[0] == '$';
			strcat(buf, atom);
		}
		if (!anchor && rand() % 3 == 0)
			strcat(buf, quants[rand() % ARRAY_SIZE(quants)]);
		len = strlen(buf);
	}
	if (depth == 0 && rand() % 4 == 0 && len + 24 < cap) {
		strcat(buf, "|");
		random_pattern(buf, cap, 1);
	}
}

int main(int argc, char **argv)
{
	int random_count = argc > 1 ? atoi(argv[1]) : 2000;

	for (size_t i = 0; i < ARRAY_SIZE(fixed_patterns); i++)
		if (!compare_pattern(fixed_patterns[i], "abcx.]", 5, true)) {
			checks++;
			if (failures++ < 30)
				fprintf(stderr, "FAIL: /%s/ should compile\n", fixed_patterns[i]);
		}
	for (size_t i = 0; i < ARRAY_SIZE(empty_loop_patterns); i++)
		compare_pattern(empty_loop_patterns[i], "abx", 5, false);
	for (size_t i = 0; i < ARRAY_SIZE(bad_patterns); i++) {
		char *error = NULL;
		struct regex_dfa *dfa = regex_compile(bad_patterns[i], strlen(bad_patterns[i]), &error);

		checks++;
		if (dfa || !error) {
			if (failures++ < 30)
				fprintf(stderr, "FAIL: /%s/ should be refused\n", bad_patterns[i]);
		}
		regex_dfa_free(dfa);
		free(error);
	}
	srand(12345);
	for (int i = 0; i < random_count; i++) {
		char pattern[256] = "";

		random_pattern(pattern, sizeof(pattern), 0);
		compare_pattern(pattern, "abcx", 5, false);
	}
	printf("regex: %lu checks, %lu failures (random patterns: %lu over the DFA state "
	       "limit, %lu matches whose inner groups differ from glibc's)\n", checks, failures,
	       too_complex, group_differences);
	return failures != 0;
}
