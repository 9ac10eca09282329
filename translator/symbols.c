// SPDX-License-Identifier: GPL-2.0-or-later
#include "symbols.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static struct kernel_symbols *loaded;
static bool load_tried;

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* System.map lines: "ffffffff81234560 T ksys_read". Text symbols only. */
static struct kernel_symbols *parse_system_map(FILE *f)
{
	struct kernel_symbols *syms = xcalloc(1, sizeof(*syms));
	char line[512], type, name[256];
	size_t kept = 0;

	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %c %255s", &type, name) != 2)
			continue;
		if (type != 'T' && type != 't' && type != 'W' && type != 'w')
			continue;
		VEC_PUSH(syms->names, syms->count, syms->cap, xstrdup(name));
	}
	qsort(syms->names, syms->count, sizeof(char *), compare_names);
	for (size_t i = 0; i < syms->count; i++) {
		if (kept && strcmp(syms->names[kept - 1], syms->names[i]) == 0)
			free(syms->names[i]);
		else
			syms->names[kept++] = syms->names[i];
	}
	syms->count = kept;
	return syms;
}

struct kernel_symbols *kernel_symbols_load(struct session *s)
{
	FILE *f;

	if (load_tried)
		return loaded;
	load_tried = true;
	if (!s->system_map)
		return NULL;
	f = fopen(s->system_map, "r");
	if (!f)
		return NULL;
	loaded = parse_system_map(f);
	fclose(f);
	if (s->verbose >= 2)
		fprintf(stderr, "Loaded %zu function symbols from %s\n",
			loaded->count, s->system_map);
	return loaded;
}

void kernel_symbols_free(void)
{
	if (!loaded)
		return;
	for (size_t i = 0; i < loaded->count; i++)
		free(loaded->names[i]);
	free(loaded->names);
	free(loaded);
	loaded = NULL;
	load_tried = false;
}
