// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * --dump-functions and --dump-probe-aliases: what the whole library offers,
 * in SystemTap's listing forms. These two options are the only ones that
 * parse every tapset file.
 */
#include "tapset.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Print LINES sorted, without repeats (a name defined twice is listed
 * once when both definitions read alike), and free them. */
static void print_sorted(FILE *out, char **lines, size_t n)
{
	if (n)
		qsort(lines, n, sizeof(*lines), compare_strings);
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || strcmp(lines[i], lines[i - 1]) != 0)
			fprintf(out, "%s\n", lines[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

/* "name:type (param:type, ...)", types "unknown" where not declared. */
static char *function_signature(const struct function *f)
{
	struct strbuf sb;

	strbuf_init(&sb);
	strbuf_addf(&sb, "%s:%s (", f->name, value_type_name(f->type));
	for (size_t i = 0; i < f->nparams; i++)
		strbuf_addf(&sb, "%s%s:%s", i ? ", " : "", f->params[i].name,
			    value_type_name(f->params[i].type));
	strbuf_addc(&sb, ')');
	return strbuf_detach(&sb);
}

int tapset_dump_functions(struct session *s, FILE *out)
{
	const struct program *prog = &s->program;
	char **lines = NULL;
	size_t n = 0, cap = 0;

	if (tapset_load_all(s) != 0)
		return -1;
	for (size_t i = 0; i < prog->nfunctions; i++) {
		const struct function *f = prog->functions[i];

		/* Private functions, internal ones (named with a leading '_', as
		 * SystemTap leaves them out too) and the script's own are not
		 * the library's offer. */
		if (f->private_ || f->name[0] == '_' || !location_in_tapset(f->loc))
			continue;
		VEC_PUSH(lines, n, cap, function_signature(f));
	}
	print_sorted(out, lines, n);
	return 0;
}

/* "name = point, point" for an alias, "name += ..." for an epilogue one. */
static char *alias_line(const struct probe *alias)
{
	struct strbuf sb;
	char *name = probe_point_string(alias->alias);

	strbuf_init(&sb);
	strbuf_addf(&sb, "%s %s ", name, alias->alias_epilogue ? "+=" : "=");
	free(name);
	for (size_t i = 0; i < alias->npoints; i++) {
		char *point = probe_point_string(alias->points[i]);

		strbuf_addf(&sb, "%s%s", i ? ", " : "", point);
		free(point);
	}
	return strbuf_detach(&sb);
}

int tapset_dump_probe_aliases(struct session *s, FILE *out)
{
	const struct program *prog = &s->program;
	char **lines = NULL;
	size_t n = 0, cap = 0;

	if (tapset_load_all(s) != 0)
		return -1;
	for (size_t i = 0; i < prog->naliases; i++) {
		if (!location_in_tapset(prog->aliases[i]->loc))
			continue;
		VEC_PUSH(lines, n, cap, alias_line(prog->aliases[i]));
	}
	print_sorted(out, lines, n);
	return 0;
}
