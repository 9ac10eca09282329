// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * POSIX extended regular expressions, parsed into a tree (regex.h):
 *   regex  := branch { '|' branch }
 *   branch := { piece }
 *   piece  := atom { '*' | '+' | '?' | '{' m [ ',' [ n ] ] '}' }
 *   atom   := '(' regex ')' | '[' bracket ']' | '.' | '^' | '$' | '\' c | c
 * Bytes, no locale: classes like [:alpha:] mean their ASCII members. The
 * GNU escapes \w \W \s \S are accepted as glibc's regcomp does; other
 * escaped characters stand for themselves. Back-references are not
 * regular and are refused.
 */
#include "regex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NESTING 500

struct re_parser {
	const unsigned char *start, *p, *end;
	int groups;
	int depth;
	char *error;
};

static struct regex_node *node_new(enum regex_node_kind kind)
{
	struct regex_node *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	return n;
}

void regex_node_free(struct regex_node *node)
{
	if (!node)
		return;
	regex_node_free(node->a);
	regex_node_free(node->b);
	free(node);
}

/* The first error wins, with the offset where it was seen. */
static void fail(struct re_parser *rp, const char *message)
{
	if (!rp->error)
		rp->error = xasprintf("regex compilation error (at position %td): %s",
				      rp->p - rp->start, message);
}

static void set_add(uint8_t *set, unsigned c)
{
	set[c / 8] |= (uint8_t)(1u << (c % 8));
}

static void set_add_range(uint8_t *set, unsigned lo, unsigned hi)
{
	for (unsigned c = lo; c <= hi; c++)
		set_add(set, c);
}

static void set_invert(uint8_t *set)
{
	for (int i = 0; i < 32; i++)
		set[i] = (uint8_t)~set[i];
	set[0] &= (uint8_t)~1u;	/* NUL ends a string: it never matches */
}

static bool at_end(const struct re_parser *rp)
{
	return rp->p >= rp->end;
}

static bool at(const struct re_parser *rp, char c)
{
	return !at_end(rp) && *rp->p == (unsigned char)c;
}

/* The ASCII members of a [:name:] class; false if there is no such class. */
static bool add_class(uint8_t *set, const char *name, size_t len)
{
	static const struct {
		const char *name;
		int (*member)(int);
	} classes[] = {
		{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank },
		{ "cntrl", iscntrl }, { "digit", isdigit }, { "graph", isgraph },
		{ "lower", islower }, { "print", isprint }, { "punct", ispunct },
		{ "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
	};

	for (size_t i = 0; i < ARRAY_SIZE(classes); i++) {
		if (strlen(classes[i].name) != len || memcmp(classes[i].name, name, len))
			continue;
		for (unsigned c = 1; c < 128; c++)
			if (classes[i].member((int)c))
				set_add(set, c);
		return true;
	}
	return false;
}

/* [:class:], [=c=] or [.c.] after the '['; false (error set) if malformed. */
static bool parse_bracket_special(struct re_parser *rp, uint8_t *set, int *single)
{
	char kind = (char)rp->p[1];
	const unsigned char *name = rp->p + 2, *q = name;

	while (q + 1 < rp->end && !(q[0] == (unsigned char)kind && q[1] == ']'))
		q++;
	if (q + 1 >= rp->end) {
		fail(rp, kind == ':' ? "unterminated character class name '[:'"
				     : "unterminated '[=' or '[.' in a bracket expression");
		return false;
	}
	if (kind == ':') {
		if (!add_class(set, (const char *)name, (size_t)(q - name))) {
			fail(rp, "invalid character class name");
			return false;
		}
		*single = -1;
	} else {
		/* Without a locale, an equivalence class or collating symbol is
		 * just its one character. */
		if (q - name != 1) {
			fail(rp, "invalid collation character");
			return false;
		}
		*single = name[0];
	}
	rp->p = q + 2;
	return true;
}

/* After '[': the members up to the closing ']' (a leading ']' is a member). */
static struct regex_node *parse_bracket(struct re_parser *rp)
{
	struct regex_node *n = node_new(RE_SET);
	bool negate = false, first = true;

	if (at(rp, '^')) {
		negate = true;
		rp->p++;
	}
	for (;;) {
		int lo, hi;

		if (at_end(rp)) {
			fail(rp, "unmatched [ or [^");
			regex_node_free(n);
			return NULL;
		}
		if (at(rp, ']') && !first)
			break;
		first = false;
		if (at(rp, '[') && rp->p + 1 < rp->end &&
		    (rp->p[1] == ':' || rp->p[1] == '=' || rp->p[1] == '.')) {
			if (!parse_bracket_special(rp, n->set, &lo)) {
				regex_node_free(n);
				return NULL;
			}
			if (lo < 0)
				continue;
		} else {
			lo = *rp->p++;
		}
		if (at(rp, '-') && rp->p + 1 < rp->end && rp->p[1] != ']') {
			rp->p++;
			if (at(rp, '[') && rp->p + 1 < rp->end &&
			    (rp->p[1] == '=' || rp->p[1] == '.')) {
				if (!parse_bracket_special(rp, n->set, &hi)) {
					regex_node_free(n);
					return NULL;
				}
			} else {
				hi = *rp->p++;
			}
			if (hi < lo) {
				fail(rp, "invalid range end");
				regex_node_free(n);
				return NULL;
			}
			set_add_range(n->set, (unsigned)lo, (unsigned)hi);
		} else {
			set_add(n->set, (unsigned)lo);
		}
	}
	rp->p++;	/* ']' */
	if (negate)
		set_invert(n->set);
	n->set[0] &= (uint8_t)~1u;
	return n;
}

static struct regex_node *parse_escape(struct re_parser *rp)
{
	struct regex_node *n;
	unsigned char c;

	if (at_end(rp)) {
		fail(rp, "trailing backslash");
		return NULL;
	}
	c = *rp->p++;
	if (c >= '1' && c <= '9') {
		fail(rp, "back-references are not supported");
		return NULL;
	}
	n = node_new(RE_SET);
	switch (c) {
	case 'w':
	case 'W':
		add_class(n->set, "alnum", 5);
		set_add(n->set, '_');
		if (c == 'W')
			set_invert(n->set);
		break;
	case 's':
	case 'S':
		add_class(n->set, "space", 5);
		if (c == 'S')
			set_invert(n->set);
		break;
	default:
		set_add(n->set, c);
	}
	return n;
}

static struct regex_node *parse_alternation(struct re_parser *rp);

static struct regex_node *parse_atom(struct re_parser *rp)
{
	struct regex_node *n;
	unsigned char c = *rp->p++;

	switch (c) {
	case '(':
		if (++rp->depth > MAX_NESTING) {
			fail(rp, "parentheses nested too deeply");
			return NULL;
		}
		n = node_new(RE_GROUP);
		n->group = ++rp->groups;
		n->a = parse_alternation(rp);
		rp->depth--;
		if (!n->a) {
			regex_node_free(n);
			return NULL;
		}
		if (!at(rp, ')')) {
			fail(rp, "unmatched ( or \\(");
			regex_node_free(n);
			return NULL;
		}
		rp->p++;
		return n;
	case '[':
		return parse_bracket(rp);
	case '.':
		n = node_new(RE_SET);
		set_invert(n->set);
		return n;
	case '^':
		return node_new(RE_BOL);
	case '$':
		return node_new(RE_EOL);
	case '\\':
		return parse_escape(rp);
	case '*':
	case '+':
	case '?':
	case '{':
		fail(rp, "invalid preceding regular expression");
		return NULL;
	default:
		n = node_new(RE_SET);
		set_add(n->set, c);
		return n;
	}
}

/* A bound of {m,n}: digits, at most REGEX_MAX_REPEAT; -1 if none. */
static int parse_bound(struct re_parser *rp)
{
	int n = -1;

	while (!at_end(rp) && isdigit(*rp->p)) {
		n = (n < 0 ? 0 : n * 10) + (*rp->p++ - '0');
		if (n > REGEX_MAX_REPEAT)
			n = REGEX_MAX_REPEAT + 1;
	}
	return n;
}

/* After an atom: its quantifiers; false (error set) on a bad {m,n}. */
static bool parse_quantifier(struct re_parser *rp, int *min, int *max)
{
	unsigned char c = *rp->p++;

	switch (c) {
	case '*': *min = 0; *max = -1; return true;
	case '+': *min = 1; *max = -1; return true;
	case '?': *min = 0; *max = 1; return true;
	}
	*min = parse_bound(rp);
	*max = *min;
	if (at(rp, ',')) {
		rp->p++;
		*max = parse_bound(rp);
		if (*min < 0)
			*min = 0;	/* {,n}: glibc's reading, {0,n} */
	}
	if (*min < 0 || !at(rp, '}')) {
		fail(rp, "invalid content of \\{\\}");
		return false;
	}
	rp->p++;
	if (*min > REGEX_MAX_REPEAT || *max > REGEX_MAX_REPEAT) {
		fail(rp, "regular expression too big: a repetition count is over 255");
		return false;
	}
	if (*max >= 0 && *max < *min) {
		fail(rp, "invalid content of \\{\\}");
		return false;
	}
	return true;
}

static bool is_quantifier(const struct re_parser *rp)
{
	return at(rp, '*') || at(rp, '+') || at(rp, '?') || at(rp, '{');
}

static struct regex_node *parse_piece(struct re_parser *rp)
{
	struct regex_node *atom = parse_atom(rp);

	while (atom && is_quantifier(rp)) {
		struct regex_node *rep;
		int min, max;

		if (atom->kind == RE_BOL || atom->kind == RE_EOL) {
			fail(rp, "invalid preceding regular expression");
			break;
		}
		if (!parse_quantifier(rp, &min, &max))
			break;
		rep = node_new(RE_REPEAT);
		rep->a = atom;
		rep->min = min;
		rep->max = max;
		atom = rep;
	}
	if (rp->error) {
		regex_node_free(atom);
		return NULL;
	}
	return atom;
}

static struct regex_node *join(enum regex_node_kind kind, struct regex_node *a,
			       struct regex_node *b)
{
	struct regex_node *n;

	if (!a)
		return b;
	n = node_new(kind);
	n->a = a;
	n->b = b;
	return n;
}

static struct regex_node *parse_branch(struct re_parser *rp)
{
	struct regex_node *seq = NULL;

	while (!at_end(rp) && !at(rp, '|') && !at(rp, ')')) {
		struct regex_node *piece = parse_piece(rp);

		if (!piece) {
			regex_node_free(seq);
			return NULL;
		}
		seq = join(RE_CAT, seq, piece);
	}
	return seq ? seq : node_new(RE_EMPTY);
}

static struct regex_node *parse_alternation(struct re_parser *rp)
{
	struct regex_node *alt = parse_branch(rp);

	while (alt && at(rp, '|')) {
		struct regex_node *branch;

		rp->p++;
		branch = parse_branch(rp);
		if (!branch) {
			regex_node_free(alt);
			return NULL;
		}
		alt = join(RE_ALT, alt, branch);
	}
	return alt;
}

struct regex_node *regex_parse(const char *pattern, size_t len, int *ngroups, char **error)
{
	struct re_parser rp = {
		.start = (const unsigned char *)pattern,
		.p = (const unsigned char *)pattern,
		.end = (const unsigned char *)pattern + len,
	};
	struct regex_node *root = parse_alternation(&rp);

	if (root && !at_end(&rp)) {
		fail(&rp, "unmatched ) or \\)");	/* the only way to stop early */
		regex_node_free(root);
		root = NULL;
	}
	if (!root) {
		*error = rp.error ? rp.error : xstrdup("regex compilation error: invalid");
		return NULL;
	}
	*ngroups = rp.groups;
	return root;
}
