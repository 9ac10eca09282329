// SPDX-License-Identifier: GPL-2.0-or-later
#include "probe_match.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "ast_copy.h"
#include "probes/probes.h"
#include "similar.h"
#include "util.h"

static enum form_arg arg_of(const struct expr *arg)
{
	if (!arg)
		return FORM_ARG_NONE;
	return arg->kind == EXPR_STRING ? FORM_ARG_STRING : FORM_ARG_NUMBER;
}

/* "timer.ms(number)" into names and argument kinds. */
static void parse_form(struct pp_form *f, const char *text)
{
	size_t cap = 0, args_cap = 0;

	while (*text) {
		size_t len = strcspn(text, ".(");
		enum form_arg arg = FORM_ARG_NONE;

		VEC_PUSH(f->names, f->n, cap, xstrndup(text, len));
		text += len;
		if (*text == '(') {
			arg = strncmp(text, "(number)", 8) == 0 ? FORM_ARG_NUMBER
								 : FORM_ARG_STRING;
			text = strchr(text, ')') + 1;
		}
		grow_array((void **)&f->args, &args_cap, f->n, sizeof(*f->args));
		f->args[f->n - 1] = arg;
		if (*text == '.')
			text++;
	}
}

void pp_form_table_build(struct pp_form_table *t, const struct program *prog)
{
	size_t nproviders;
	const struct probe_provider *const *providers = probe_providers(&nproviders);

	memset(t, 0, sizeof(*t));
	for (size_t p = 0; p < nproviders; p++) {
		for (const char *const *form = providers[p]->forms; form && *form; form++) {
			struct pp_form f = { .provider = providers[p] };

			parse_form(&f, *form);
			VEC_PUSH(t->forms, t->n, t->cap, f);
		}
	}
	for (size_t i = 0; i < prog->naliases; i++) {
		struct probe *alias = prog->aliases[i];
		const struct probe_point *name = alias->alias;
		struct pp_form f = { .alias = alias, .n = name->ncomponents };
		bool plain = true;

		for (size_t c = 0; c < name->ncomponents; c++)
			plain &= !name->components[c].arg;
		if (!plain)
			continue;
		f.names = xcalloc(f.n, sizeof(*f.names));
		f.args = xcalloc(f.n, sizeof(*f.args));
		for (size_t c = 0; c < f.n; c++)
			f.names[c] = xstrdup(name->components[c].name);
		VEC_PUSH(t->forms, t->n, t->cap, f);
	}
}

void pp_form_table_free(struct pp_form_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		for (size_t c = 0; c < t->forms[i].n; c++)
			free(t->forms[i].names[c]);
		free(t->forms[i].names);
		free(t->forms[i].args);
	}
	free(t->forms);
	memset(t, 0, sizeof(*t));
}

static bool has_wildcard(const char *name)
{
	return strchr(name, '*') != NULL;
}

/* '**' as a glob over dotted names: fnmatch's '*' already crosses dots. */
static char *collapse_double_star(const char *pattern)
{
	char *out = xstrdup(pattern), *w = out;

	for (const char *r = pattern; *r; r++)
		if (!(r[0] == '*' && r[1] == '*'))
			*w++ = *r;
	*w = '\0';
	return out;
}

/* form names [fi, fi+k) joined by dots */
static char *joined_names(const struct pp_form *f, size_t fi, size_t k)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = fi; i < fi + k; i++) {
		if (i > fi)
			strbuf_addc(&sb, '.');
		strbuf_adds(&sb, f->names[i]);
	}
	return strbuf_detach(&sb);
}

/*
 * Whether the point's components from ui on match the form's from fi on;
 * consumed[u] receives how many form components component u took. An
 * alias's name may be a prefix of the point: the rest (without wildcards)
 * is its suffix, from *suffix_at.
 */
static bool match_from(const struct probe_point *pp, size_t ui,
		       const struct pp_form *f, size_t fi, size_t *consumed,
		       size_t *suffix_at)
{
	const struct probe_point_component *c;

	if (ui == pp->ncomponents) {
		*suffix_at = ui;
		return fi == f->n;
	}
	if (fi == f->n) {
		if (!f->alias || ui == 0)
			return false;
		for (size_t u = ui; u < pp->ncomponents; u++)
			if (has_wildcard(pp->components[u].name))
				return false;
		*suffix_at = ui;
		return true;
	}
	c = &pp->components[ui];
	if (strstr(c->name, "**")) {
		char *pattern = collapse_double_star(c->name);
		bool ok = false;

		for (size_t k = 1; fi + k <= f->n && !ok; k++) {
			char *name = joined_names(f, fi, k);

			ok = arg_of(c->arg) == f->args[fi + k - 1] &&
			     fnmatch(pattern, name, 0) == 0 &&
			     match_from(pp, ui + 1, f, fi + k, consumed, suffix_at);
			for (size_t i = fi; ok && i + 1 < fi + k; i++)
				ok = f->args[i] == FORM_ARG_NONE;
			if (ok)
				consumed[ui] = k;
			free(name);
		}
		free(pattern);
		return ok;
	}
	if (arg_of(c->arg) != f->args[fi] || fnmatch(c->name, f->names[fi], 0) != 0)
		return false;
	consumed[ui] = 1;
	return match_from(pp, ui + 1, f, fi + 1, consumed, suffix_at);
}

/* The point with the form's names in place of its patterns. */
static struct probe_point *concrete_point(const struct probe_point *pp,
					  const struct pp_form *f,
					  const size_t *consumed, size_t suffix_at)
{
	struct probe_point *c = xcalloc(1, sizeof(*c));
	size_t cap = 0, fi = 0;

	c->optional = pp->optional;
	c->sufficient = pp->sufficient;
	c->condition = expr_copy(pp->condition);
	c->loc = pp->loc;
	for (size_t u = 0; u < pp->ncomponents; u++) {
		const struct probe_point_component *uc = &pp->components[u];
		size_t k = u < suffix_at ? consumed[u] : 0;

		if (!k) {
			struct probe_point_component copy = {
				xstrdup(uc->name), expr_copy(uc->arg), uc->loc };

			VEC_PUSH(c->components, c->ncomponents, cap, copy);
			continue;
		}
		for (size_t i = 0; i < k; i++, fi++) {
			struct probe_point_component copy = {
				xstrdup(f->names[fi]),
				i + 1 == k ? expr_copy(uc->arg) : NULL, uc->loc };

			VEC_PUSH(c->components, c->ncomponents, cap, copy);
		}
	}
	return c;
}

static int by_name(const void *a, const void *b)
{
	const struct pp_match *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->form < y->form ? -1 : x->form > y->form;
}

struct pp_match *pp_match_all(const struct pp_form_table *t,
			      const struct probe_point *pp, size_t *count)
{
	struct pp_match *matches = NULL;
	size_t n = 0, cap = 0;
	size_t *consumed = xcalloc(pp->ncomponents + 1, sizeof(*consumed));

	for (size_t i = 0; i < t->n; i++) {
		struct pp_match m = { &t->forms[i], NULL, 0, NULL };

		memset(consumed, 0, (pp->ncomponents + 1) * sizeof(*consumed));
		if (!match_from(pp, 0, m.form, 0, consumed, &m.suffix_at))
			continue;
		m.concrete = concrete_point(pp, m.form, consumed, m.suffix_at);
		m.name = probe_point_string(m.concrete);
		VEC_PUSH(matches, n, cap, m);
	}
	free(consumed);
	if (n > 1)
		qsort(matches, n, sizeof(*matches), by_name);
	*count = n;
	return matches;
}

void pp_matches_free(struct pp_match *m, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		probe_point_free(m[i].concrete);
		free(m[i].name);
	}
	free(m);
}

/* How many leading components of pp match f one for one. */
static size_t matched_prefix(const struct probe_point *pp, const struct pp_form *f)
{
	size_t i = 0;

	while (i < pp->ncomponents && i < f->n &&
	       !strstr(pp->components[i].name, "**") &&
	       arg_of(pp->components[i].arg) == f->args[i] &&
	       fnmatch(pp->components[i].name, f->names[i], 0) == 0)
		i++;
	return i;
}

/* The (at most five) names of component `at` among the forms that match
 * the point up to it, nearest to what the point says first. */
static char *similar_names(const struct pp_form_table *t,
			   const struct probe_point *pp, size_t at)
{
	struct similar_names c;

	similar_init(&c, pp->components[at].name, false);
	c.keep_self = true;
	for (size_t i = 0; i < t->n; i++) {
		const struct pp_form *f = &t->forms[i];

		if (f->n > at && matched_prefix(pp, f) >= at)
			similar_offer(&c, f->names[at]);
	}
	return similar_join(&c);
}

char *component_token_desc(const struct probe_point_component *c)
{
	static const char *const keywords[] = {
		"function", "return", "probe", "global", "if", "else", "for",
		"foreach", "in", "limit", "while", "break", "continue", "next",
		"delete", "try", "catch", "private",
	};

	if (c->name[0] == '*')
		return xstrdup("operator '*'");
	for (size_t i = 0; i < ARRAY_SIZE(keywords); i++)
		if (strcmp(c->name, keywords[i]) == 0)
			return xasprintf("keyword '%s'", c->name);
	return xasprintf("identifier '%s'", c->name);
}

void pp_report_mismatch(const struct pp_form_table *t, const struct probe_point *pp)
{
	size_t best = 0, at;
	bool complete = false, wildcard = false;
	const char *what = "probe point mismatch";
	char *similar, *message, *desc;

	for (size_t i = 0; i < t->n; i++) {
		size_t p = matched_prefix(pp, &t->forms[i]);

		if (p > best) {
			best = p;
			complete = false;
		}
		if (p == best && t->forms[i].n == p)
			complete = true;
	}
	at = best < pp->ncomponents ? best : pp->ncomponents - 1;
	for (size_t i = 0; i <= at; i++) {
		if (has_wildcard(pp->components[i].name)) {
			at = i;
			wildcard = true;
			break;
		}
	}
	if (wildcard)
		what = "probe point mismatch: didn't find any wildcard matches";
	else if (complete && best > 0 && best == at)
		what = "invalid suffix for probe";
	similar = wildcard || strcmp(what, "invalid suffix for probe") != 0
		  ? similar_names(t, pp, at) : xstrdup("");
	message = *similar ? xasprintf("%s (similar: %s)", what, similar) : xstrdup(what);
	desc = component_token_desc(&pp->components[at]);
	diag_semantic_error(message, desc, pp->components[at].loc);
	free(desc);
	free(message);
	free(similar);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dump_probe_types(FILE *out)
{
	size_t nproviders, n = 0, cap = 0;
	const struct probe_provider *const *providers = probe_providers(&nproviders);
	const char **forms = NULL;

	for (size_t p = 0; p < nproviders; p++)
		for (const char *const *form = providers[p]->forms; form && *form; form++)
			VEC_PUSH(forms, n, cap, *form);
	qsort(forms, n, sizeof(*forms), by_string);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\n", forms[i]);
	free(forms);
}
