// SPDX-License-Identifier: GPL-2.0-or-later
#include "similar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "util.h"

/* Levenshtein distance. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xcalloc(lb + 1, sizeof(*row));
	size_t result;

	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

void similar_offer(struct similar_names *c, const char *candidate)
{
	size_t d, at;

	if (!c->keep_self && strcmp(candidate, c->name) == 0)
		return;
	for (size_t i = 0; i < c->count; i++)
		if (strcmp(c->names[i], candidate) == 0)
			return;
	d = edit_distance(c->name, candidate);
	if (d > c->limit)
		return;
	for (at = c->count; at > 0 && c->distances[at - 1] > d; at--)
		;
	if (at == MAX_SIMILAR_NAMES)
		return;
	if (c->count < MAX_SIMILAR_NAMES)
		c->count++;
	memmove(&c->names[at + 1], &c->names[at], (c->count - 1 - at) * sizeof(c->names[0]));
	memmove(&c->distances[at + 1], &c->distances[at],
		(c->count - 1 - at) * sizeof(c->distances[0]));
	c->names[at] = candidate;
	c->distances[at] = d;
}

void similar_init(struct similar_names *c, const char *name, bool limited)
{
	memset(c, 0, sizeof(*c));
	c->name = name;
	c->limit = limited ? strlen(name) / 3 + 1 : SIZE_MAX;
}

char *similar_join(const struct similar_names *c)
{
	struct strbuf sb;

	strbuf_init(&sb);
	for (size_t i = 0; i < c->count; i++) {
		strbuf_adds(&sb, i ? ", " : "");
		strbuf_adds(&sb, c->names[i]);
	}
	if (!sb.data)
		return xstrdup("");
	return strbuf_detach(&sb);
}

char *similar_function_names(const struct program *prog, const char *name,
			     const char *const *library, size_t nlibrary)
{
	struct similar_names c;
	size_t count;
	const struct builtin *table = builtin_table(&count);

	similar_init(&c, name, true);
	for (size_t i = 0; i < count; i++)
		similar_offer(&c, table[i].name);
	for (size_t i = 0; i < prog->nfunctions; i++)
		similar_offer(&c, prog->functions[i]->name);
	for (size_t i = 0; i < nlibrary; i++)
		similar_offer(&c, library[i]);
	return similar_join(&c);
}

char *similar_symbol_names(struct symbol *const *syms, size_t n, const char *name)
{
	struct similar_names c;

	similar_init(&c, name, true);
	for (size_t i = 0; i < n; i++)
		similar_offer(&c, syms[i]->name);
	return similar_join(&c);
}
