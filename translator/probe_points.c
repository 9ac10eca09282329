// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The probe-point step of pass 2. Each point of each probe is matched
 * against the provider families' forms and the aliases' names (loading
 * the tapsets that define matching aliases); an alias match becomes a new
 * probe on the alias's points (alias.c), resolved the same way in turn; a
 * family match is handed to that family (probes/), which turns it into
 * concrete sites: derived probes. At the end the program's probes are the
 * ones that got a derived probe, original or expanded, in the order of
 * their first one.
 *
 * SystemTap's semantics: a point that matches nothing is an error unless
 * it is optional ('?'); a sufficient point ('!') is optional too, and when
 * it yields probes the probe's later points are not tried; an optional
 * user point makes the points of the aliases it names optional.
 */
#include "elaborate.h"

#include <stdio.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "probe_match.h"
#include "probe_points.h"
#include "probes/probes.h"
#include "tapset.h"
#include "util.h"

/* Aliases of aliases nest at most this deep (cycles are caught earlier). */
#define MAX_ALIAS_DEPTH 64

struct derivation {
	struct session *s;
	struct pp_form_table forms;
	size_t forms_naliases;		/* program.naliases when forms was built */
	size_t aliases_checked;
	const struct probe *expanding[MAX_ALIAS_DEPTH];	/* aliases being expanded */
	size_t depth;
	struct probe **kept;		/* probes with a derived probe, in order */
	size_t nkept, kept_cap;
	struct location *reported;	/* condition errors already given */
	size_t nreported, reported_cap;
	bool listing;			/* -l/-L: nothing is an error */
	struct listed_point *listed;
	size_t nlisted, listed_cap;
	int errors;
};

static size_t derive_probe(struct derivation *d, struct probe *probe,
			   const char *origin, bool optional);

/* The first half of every failure: which probe point it was. */
static void report_resolving(const struct probe_point *pp)
{
	char *desc = component_token_desc(&pp->components[0]);

	diag_semantic_error("while resolving probe point", desc, pp->loc);
	free(desc);
}

static void refresh_forms(struct derivation *d)
{
	struct program *prog = &d->s->program;

	if (d->forms.forms && d->forms_naliases == prog->naliases)
		return;
	d->errors += alias_check_names(prog, &d->aliases_checked);
	pp_form_table_free(&d->forms);
	pp_form_table_build(&d->forms, prog);
	d->forms_naliases = prog->naliases;
}

static bool is_kept(const struct derivation *d, const struct probe *probe)
{
	for (size_t i = 0; i < d->nkept; i++)
		if (d->kept[i] == probe)
			return true;
	return false;
}

static void keep_probe(struct derivation *d, struct probe *probe)
{
	if (is_kept(d, probe))
		return;
	VEC_PUSH(d->kept, d->nkept, d->kept_cap, probe);
}

static bool condition_error_reported(struct derivation *d, struct location loc)
{
	for (size_t i = 0; i < d->nreported; i++)
		if (d->reported[i].file_id == loc.file_id && d->reported[i].line == loc.line &&
		    d->reported[i].col == loc.col)
			return true;
	VEC_PUSH(d->reported, d->nreported, d->reported_cap, loc);
	return false;
}

static struct symbol *find_global(struct program *prog, const char *name)
{
	for (size_t i = 0; i < prog->nglobals; i++)
		if (strcmp(prog->globals[i]->name, name) == 0)
			return prog->globals[i];
	return NULL;
}

static void condition_error(struct derivation *d, const char *message,
			    const char *what, const char *name, struct location loc)
{
	char *desc;

	if (condition_error_reported(d, loc))
		return;
	desc = xasprintf("%s '%s'", what, name);
	diag_semantic_error(message, desc, loc);
	free(desc);
	d->errors++;
}

/*
 * A probe condition may read globals only (SystemTap's rule: it is
 * evaluated outside any handler, when a global it reads changes). Binds
 * each name to its global, loading a tapset global if needed. Returns
 * false after reporting the first misuse.
 */
static bool check_condition(struct derivation *d, struct expr *e)
{
	struct program *prog = &d->s->program;
	struct symbol *g;
	bool ok = true;

	if (!e)
		return true;
	switch (e->kind) {
	case EXPR_SYMBOL:
		g = find_global(prog, e->u.symbol.name);
		if (!g && tapset_require_global(d->s, e->u.symbol.name) > 0)
			g = find_global(prog, e->u.symbol.name);
		if (!g) {
			condition_error(d, "probe condition must not reference "
					"undeclared global", "identifier",
					e->u.symbol.name, e->loc);
			return false;
		}
		e->u.symbol.sym = g;
		g->read = true;
		return true;
	case EXPR_CALL:
		condition_error(d, "probe condition must not reference function",
				"identifier", e->u.call.name, e->loc);
		return false;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_REGEX:
		return check_condition(d, e->u.op.left) && check_condition(d, e->u.op.right);
	case EXPR_ASSIGN:
	case EXPR_INCDEC:
		condition_error(d, "probe condition must not modify any variables",
				"operator", e->u.op.op, e->loc);
		return false;
	case EXPR_TERNARY:
		return check_condition(d, e->u.ternary.cond) &&
		       check_condition(d, e->u.ternary.then) &&
		       check_condition(d, e->u.ternary.otherwise);
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		ok = check_condition(d, e->u.index.base);
		for (size_t i = 0; ok && i < e->u.index.nkeys; i++)
			ok = check_condition(d, e->u.index.keys[i]);
		return ok;
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		for (size_t i = 0; ok && i < e->u.at.nargs; i++)
			ok = check_condition(d, e->u.at.args[i]);
		return ok;
	case EXPR_NUMBER:
	case EXPR_STRING:
	case EXPR_TARGET:
	case EXPR_EMBEDDED:
		break;
	}
	return true;
}

/* Find the component at loc, to describe the token an error points at. */
static char *token_at(const struct probe_point *pp, struct location loc)
{
	for (size_t i = 0; i < pp->ncomponents; i++)
		if (pp->components[i].loc.line == loc.line &&
		    pp->components[i].loc.col == loc.col &&
		    pp->components[i].loc.file_id == loc.file_id)
			return component_token_desc(&pp->components[i]);
	/* A number argument, as SystemTap names it ("number '0'"). */
	for (size_t i = 0; i < pp->ncomponents; i++) {
		const struct expr *arg = pp->components[i].arg;

		if (arg && arg->kind == EXPR_NUMBER && arg->loc.line == loc.line &&
		    arg->loc.col == loc.col && arg->loc.file_id == loc.file_id)
			return xasprintf("number '%" PRId64 "'", (int64_t)arg->u.number);
	}
	return xstrdup("probe point");
}

/* A family's form matched: let the family make its sites. */
static size_t derive_builtin(struct derivation *d, struct probe *probe,
			     const struct probe_point *pp, struct pp_match *m,
			     const char *origin, bool optional)
{
	struct session *s = d->s;
	struct match_error err = { NULL, pp->loc };
	size_t before = s->nprobes;
	enum match_result result;
	char *desc;

	if (!check_condition(d, m->concrete->condition))
		return 0;
	result = m->form->provider->match(s, probe, m->concrete, &err);
	if (result == MATCH_ERROR) {
		if (!optional && !err.loc.file_id) {
			/* A message about the whole point ("no match (similar
			 * functions: ...)"): no location of its own. */
			report_resolving(pp);
			diag_semantic_error_plain(err.message);
			d->errors++;
		} else if (!optional) {
			report_resolving(pp);
			desc = token_at(m->concrete, err.loc);
			diag_semantic_error(err.message, desc, err.loc);
			free(desc);
			d->errors++;
		}
		free(err.message);
		return 0;
	}
	if (s->nprobes == before)
		return 0;
	for (size_t i = before; i < s->nprobes; i++) {
		s->probes[i]->origin = xstrdup(origin);
		s->probes[i]->condition = m->concrete->condition;
	}
	s->probes[before]->owned_point = m->concrete;
	m->concrete = NULL;
	keep_probe(d, probe);
	return s->nprobes - before;
}

static bool being_expanded(const struct derivation *d, const struct probe *alias)
{
	for (size_t i = 0; i < d->depth; i++)
		if (d->expanding[i] == alias)
			return true;
	return false;
}

/* An alias's name matched: a new probe on the alias's points. */
static size_t derive_alias(struct derivation *d, struct probe *probe,
			   const struct probe_point *pp, const struct pp_match *m,
			   const char *origin, bool optional)
{
	const struct probe *alias = m->form->alias;
	struct probe *expanded;
	char *alias_text, *text, *where, *message;
	size_t n;

	if (being_expanded(d, alias) || d->depth == MAX_ALIAS_DEPTH) {
		if (optional)
			return 0;
		report_resolving(pp);
		where = location_string(pp->loc);
		text = probe_point_string(m->concrete);
		message = being_expanded(d, alias)
			? xasprintf("recursive loop in alias expansion of %s at %s", text, where)
			: xasprintf("alias expansion of %s at %s nested more than %d deep",
				    text, where, MAX_ALIAS_DEPTH);
		diag_semantic_error_plain(message);
		free(message);
		free(text);
		free(where);
		d->errors++;
		return 0;
	}
	expanded = alias_expand(alias, probe->body, pp, m->suffix_at);
	alias_text = alias_origin_text(alias);
	text = xasprintf("%s <- %s", alias_text, origin);
	d->expanding[d->depth++] = alias;
	n = derive_probe(d, expanded, text, optional);
	d->depth--;
	/* Kept when its own points gave probes; an alias of an alias leaves
	 * the intermediate probe behind. */
	if (!is_kept(d, expanded))
		probe_free(expanded);
	free(text);
	free(alias_text);
	return n;
}

/* -l's name for a match: the point without its '?' or '!' mark. */
static char *listing_name(const struct pp_match *m)
{
	bool optional = m->concrete->optional, sufficient = m->concrete->sufficient;
	char *name;

	m->concrete->optional = m->concrete->sufficient = false;
	name = probe_point_string(m->concrete);
	m->concrete->optional = optional;
	m->concrete->sufficient = sufficient;
	return name;
}

static void list_match(struct derivation *d, char *name, size_t first, size_t end)
{
	struct listed_point entry = { name, first, end };

	if (first == end) {
		free(name);
		return;
	}
	VEC_PUSH(d->listed, d->nlisted, d->listed_cap, entry);
}

/* All derived probes of one point; 0 when none (reported unless optional). */
static size_t derive_point(struct derivation *d, struct probe *probe,
			   const struct probe_point *pp, const char *origin,
			   bool inherited_optional)
{
	bool optional = pp->optional || pp->sufficient || d->listing ||
			inherited_optional;
	int errors_before = d->errors;
	struct pp_match *matches;
	size_t nmatches, total = 0;

	if (tapset_require_aliases(d->s, pp) < 0) {
		d->errors++;
		return 0;
	}
	refresh_forms(d);
	matches = pp_match_all(&d->forms, pp, &nmatches);
	if (!nmatches && !optional) {
		report_resolving(pp);
		pp_report_mismatch(&d->forms, pp);
		d->errors++;
	}
	for (size_t i = 0; i < nmatches; i++) {
		size_t before = d->s->nprobes, n;
		char *name = d->listing && d->depth == 0 ? listing_name(&matches[i]) : NULL;

		if (matches[i].form->alias)
			n = derive_alias(d, probe, pp, &matches[i], origin, optional);
		else
			n = derive_builtin(d, probe, pp, &matches[i], origin, optional);
		if (d->listing && d->depth == 0 && !matches[i].form->alias) {
			/* A family's sites are listed by their own names:
			 * a pattern lists every function it matched. */
			free(name);
			for (size_t k = before; k < d->s->nprobes; k++)
				list_match(d, xstrdup(d->s->probes[k]->pp), k, k + 1);
		} else if (d->listing && d->depth == 0) {
			list_match(d, name, before, d->s->nprobes);
		}
		total += n;
	}
	if (nmatches && !total && !optional && d->errors == errors_before) {
		report_resolving(pp);
		diag_semantic_error_plain("no match");
		d->errors++;
	}
	pp_matches_free(matches, nmatches);
	return total;
}

/* optional: the probe comes from an optional user point's alias. */
static size_t derive_probe(struct derivation *d, struct probe *probe,
			   const char *origin, bool optional)
{
	size_t total = 0;

	for (size_t i = 0; i < probe->npoints; i++) {
		size_t n = derive_point(d, probe, probe->points[i], origin, optional);

		total += n;
		if (n && probe->points[i]->sufficient)
			break;
	}
	return total;
}

static char *expr_string(const struct expr *e)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return xstrdup("");
	print_expr(out, e);
	fclose(out);
	return text;
}

/* "begin!,timer.s(1) if (g)": a user probe's points as SystemTap shows them. */
static char *user_origin(const struct probe *probe)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < probe->npoints; i++) {
		char *pp = probe_point_string(probe->points[i]);

		strbuf_addf(&sb, "%s%s", i ? "," : "", pp);
		free(pp);
		if (probe->points[i]->condition) {
			char *cond = expr_string(probe->points[i]->condition);

			strbuf_addf(&sb, " if (%s)", cond);
			free(cond);
		}
	}
	return strbuf_detach(&sb);
}

/* The program's probes become the kept ones; the others are freed. */
static void replace_probes(struct derivation *d)
{
	struct session *s = d->s;
	struct program *prog = &s->program;

	for (size_t i = 0; i < prog->nprobes; i++) {
		bool kept = false;

		for (size_t j = 0; j < d->nkept && !kept; j++)
			kept = d->kept[j] == prog->probes[i];
		if (!kept)
			probe_free(prog->probes[i]);
	}
	free(prog->probes);
	prog->probes = d->kept;
	prog->nprobes = d->nkept;
	prog->probes_cap = d->kept_cap;
	d->kept = NULL;
	for (size_t i = 0; i < s->nprobes; i++)
		for (size_t j = 0; j < prog->nprobes; j++)
			if (s->probes[i]->probe == prog->probes[j])
				s->probes[i]->handler = (int)j;
}

static int derive_all(struct derivation *d)
{
	struct program *prog = &d->s->program;

	for (size_t i = 0; i < prog->nprobes; i++) {
		char *origin = user_origin(prog->probes[i]);

		derive_probe(d, prog->probes[i], origin, false);
		free(origin);
	}
	replace_probes(d);
	pp_form_table_free(&d->forms);
	free(d->reported);
	return d->errors;
}

int resolve_probe_points(struct session *s)
{
	struct derivation d = { .s = s };

	return derive_all(&d);
}

int resolve_probe_points_for_listing(struct session *s, struct listed_point **listed,
				     size_t *count)
{
	struct derivation d = { .s = s, .listing = true };
	int errors = derive_all(&d);

	*listed = d.listed;
	*count = d.nlisted;
	return errors;
}
