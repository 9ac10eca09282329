// SPDX-License-Identifier: GPL-2.0-or-later
#include "listing.h"

#include <stdlib.h>
#include <string.h>

#include "elaborate.h"
#include "probe_points.h"
#include "probes/probes.h"
#include "util.h"

char *listing_script(const char *pattern)
{
	return xasprintf("probe %s {}\n", pattern);
}

/* One line of the listing: a name and the variables all its probes share. */
struct listing_line {
	const char *name;
	struct symbol **vars;		/* NULL entries were dropped */
	size_t nvars;
	bool have_vars;			/* vars set from a first probe */
	char *site_vars;		/* the provider's own (DWARF) variables */
};

/* Whether the " $name:type" list vars holds var (len bytes). */
static bool has_site_var(const char *vars, const char *var, size_t len)
{
	for (const char *p = strstr(vars, " $"); p; p = strstr(p + 1, " $")) {
		const char *end = strstr(p + 1, " $");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && memcmp(p, var, len) == 0)
			return true;
	}
	return false;
}

/* Keep in *vars (" $a:T $b:U") the variables other has too: like the
 * script variables, a line lists what every site of the point provides. */
static void intersect_site_vars(char **vars, const char *other)
{
	struct strbuf kept;
	const char *p = strstr(*vars, " $");

	strbuf_init(&kept);
	while (p) {
		const char *end = strstr(p + 1, " $");
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (has_site_var(other, p, len))
			strbuf_addn(&kept, p, len);
		p = end;
	}
	free(*vars);
	*vars = strbuf_detach(&kept);
}

static bool probe_has(const struct probe *p, const struct symbol *var)
{
	for (size_t i = 0; i < p->nlocals; i++)
		if (strcmp(p->locals[i]->name, var->name) == 0 &&
		    p->locals[i]->type == var->type)
			return true;
	return false;
}

/* Keep only the variables probe p has too (SystemTap lists what every
 * probe of the point provides). */
static void intersect(struct listing_line *line, struct probe *p)
{
	if (!line->have_vars) {
		line->vars = xcalloc(p->nlocals + 1, sizeof(*line->vars));
		if (p->nlocals)
			memcpy(line->vars, p->locals, p->nlocals * sizeof(*line->vars));
		line->nvars = p->nlocals;
		line->have_vars = true;
		return;
	}
	for (size_t i = 0; i < line->nvars; i++)
		if (line->vars[i] && !probe_has(p, line->vars[i]))
			line->vars[i] = NULL;
}

static int by_name(const void *a, const void *b)
{
	const struct listing_line *x = a, *y = b;

	return strcmp(x->name, y->name);
}

int list_probe_points(struct session *s, bool with_vars, FILE *out)
{
	struct listed_point *listed;
	struct listing_line *lines;
	size_t nlisted, nlines = 0;

	resolve_probe_points_for_listing(s, &listed, &nlisted);
	/* Variables' types come from the rest of pass 2; a failure there
	 * has been reported and leaves the types it could not infer. */
	if (with_vars && nlisted && resolve_symbols(s) == 0)
		infer_types(s);
	lines = xcalloc(nlisted + 1, sizeof(*lines));
	for (size_t i = 0; i < nlisted; i++) {
		struct listing_line *line = NULL;

		for (size_t j = 0; j < nlines && !line; j++)
			if (strcmp(lines[j].name, listed[i].name) == 0)
				line = &lines[j];
		if (!line) {
			line = &lines[nlines++];
			line->name = listed[i].name;
		}
		for (size_t k = listed[i].first; k < listed[i].end; k++) {
			intersect(line, s->probes[k]->probe);
			const char *vars = s->probes[k]->listing_vars;

			if (!vars)
				continue;
			if (!line->site_vars)
				line->site_vars = xstrdup(vars);
			else
				intersect_site_vars(&line->site_vars, vars);
		}
	}
	qsort(lines, nlines, sizeof(*lines), by_name);
	for (size_t i = 0; i < nlines; i++) {
		fputs(lines[i].name, out);
		if (with_vars && lines[i].site_vars)
			fputs(lines[i].site_vars, out);
		for (size_t j = 0; with_vars && j < lines[i].nvars; j++)
			if (lines[i].vars[j])
				fprintf(out, " %s:%s", lines[i].vars[j]->name,
					value_type_name(lines[i].vars[j]->type));
		fputc('\n', out);
		free(lines[i].vars);
		free(lines[i].site_vars);
	}
	for (size_t i = 0; i < nlisted; i++)
		free(listed[i].name);
	free(listed);
	free(lines);
	return nlines ? 0 : 1;
}
