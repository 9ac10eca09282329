/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Matching a probe point against the forms that can serve it: each
 * provider family's forms ("timer.ms(number)") and each alias's name
 * ("syscall.open"). A component of the point may hold '*' wildcards
 * (within the component) or '**' (across dots: one or more components).
 */
#ifndef CTAP_PROBE_MATCH_H
#define CTAP_PROBE_MATCH_H

#include <stdbool.h>
#include <stdio.h>

#include "session.h"

struct probe_provider;

enum form_arg { FORM_ARG_NONE, FORM_ARG_NUMBER, FORM_ARG_STRING };

struct pp_form {
	char **names;
	enum form_arg *args;
	size_t n;
	const struct probe_provider *provider;	/* a family's form, or */
	struct probe *alias;			/* an alias's name */
};

/* Every provider form, then every alias of the program (in definition
 * order). Aliases whose names carry parameters are left out. */
struct pp_form_table {
	struct pp_form *forms;
	size_t n, cap;
};

void pp_form_table_build(struct pp_form_table *t, const struct program *prog);
void pp_form_table_free(struct pp_form_table *t);

/* One way a point matches a form. */
struct pp_match {
	const struct pp_form *form;
	struct probe_point *concrete;	/* the point with the form's names
					 * (wildcards resolved); owned */
	size_t suffix_at;		/* alias: the point's components from
					 * here on are the alias's suffix */
	char *name;			/* the concrete point's text, to sort by */
};

/* All matches of pp, sorted by name (equal names in table order). */
struct pp_match *pp_match_all(const struct pp_form_table *t,
			      const struct probe_point *pp, size_t *count);
void pp_matches_free(struct pp_match *m, size_t count);

/* Report why pp matches no form, as SystemTap words it ("probe point
 * mismatch (similar: ...)", "invalid suffix for probe", "...didn't find
 * any wildcard matches"), at the component that failed. */
void pp_report_mismatch(const struct pp_form_table *t, const struct probe_point *pp);

/* --dump-probe-types: every provider form, sorted, one a line. */
void dump_probe_types(FILE *out);

/* SystemTap's description of a component's first token:
 * "identifier 'timer'", "operator '*'". Freshly allocated. */
char *component_token_desc(const struct probe_point_component *c);

#endif
