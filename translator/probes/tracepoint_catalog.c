// SPDX-License-Identifier: GPL-2.0-or-later
#include "tracepoint_catalog.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"

static struct tracepoint_catalog *loaded;
static bool load_tried;

static bool opendir_ok(const char *path)
{
	DIR *d = opendir(path);

	if (d)
		closedir(d);
	return d != NULL;
}

/* The headers directory holding include/trace/events: the build tree or,
 * in Debian's split packages, the -common tree its Makefile includes. */
static char *events_dir(const struct session *s)
{
	char *dir = xasprintf("%s/include/trace/events", s->kernel_build_dir);
	char *makefile, *text, *line;

	if (opendir_ok(dir))
		return dir;
	free(dir);
	makefile = xasprintf("%s/Makefile", s->kernel_build_dir);
	text = read_file(makefile, NULL);
	free(makefile);
	dir = NULL;
	for (line = text ? strtok(text, "\n") : NULL; line && !dir; line = strtok(NULL, "\n")) {
		size_t len = strlen(line);

		if (strncmp(line, "include ", 8) == 0 && len > 17 &&
		    strcmp(line + len - 9, "/Makefile") == 0)
			dir = xasprintf("%.*s/include/trace/events", (int)(len - 17), line + 8);
	}
	free(text);
	return dir;
}

/* The identifier at *p (after blanks), advancing past it; "" if none. */
static char *take_identifier(const char **p)
{
	const char *start;

	while (**p == ' ' || **p == '\t' || **p == '(' || **p == ',')
		(*p)++;
	start = *p;
	while (isalnum((unsigned char)**p) || **p == '_')
		(*p)++;
	return xstrndup(start, (size_t)(*p - start));
}

/* The FUNC_PROTO a `btf_trace_<name>` typedef points to, or 0. */
static uint32_t trace_prototype(struct btf *btf, const char *name)
{
	char *typedef_name = xasprintf("btf_trace_%s", name);
	uint32_t id = btf_find(btf, BTF_KIND_TYPEDEF, typedef_name);
	struct btf_type t;
	uint32_t proto;

	free(typedef_name);
	if (!id || !btf_type(btf, id, &t) || !btf_type(btf, t.size_or_type, &t) ||
	    t.kind != BTF_KIND_PTR)
		return 0;
	proto = t.size_or_type;
	return btf_type(btf, proto, &t) && t.kind == BTF_KIND_FUNC_PROTO ? proto : 0;
}

/* Keep the event if the kernel has it; takes class_name and name. */
static void add_event(struct tracepoint_catalog *cat, size_t *cap, const char *system,
		      char *class_name, char *name)
{
	uint32_t proto = *name ? trace_prototype(cat->btf->btf, name) : 0;
	bool seen = false;

	/* An event declared twice (config branches) is one event. */
	for (size_t i = 0; i < cat->count && !seen; i++)
		seen = strcmp(cat->events[i].name, name) == 0;
	if (!proto || seen) {
		free(class_name);
		free(name);
		return;
	}
	VEC_PUSH(cat->events, cat->count, *cap,
		 ((struct tracepoint_event){ xstrdup(system), name, class_name, proto }));
}

/* One header: its TRACE_SYSTEM and the events it declares. */
static void scan_header(struct tracepoint_catalog *cat, size_t *cap, const char *path)
{
	static const char *const with_class[] = {
		"DEFINE_EVENT", "DEFINE_EVENT_FN", "DEFINE_EVENT_PRINT",
		"DEFINE_EVENT_CONDITION",
	};
	static const char *const own_class[] = {
		"TRACE_EVENT", "TRACE_EVENT_FN", "TRACE_EVENT_FN_COND",
		"TRACE_EVENT_CONDITION",
	};
	char *text = read_file(path, NULL), *system = NULL;

	for (char *line = text ? strtok(text, "\n") : NULL; line; line = strtok(NULL, "\n")) {
		const char *p = line;
		char *word;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "#define TRACE_SYSTEM ", 21) == 0) {
			p += 21;
			free(system);
			system = take_identifier(&p);
			continue;
		}
		if (!system || !isupper((unsigned char)*p))
			continue;
		word = take_identifier(&p);
		if (*p == '(') {
			for (size_t i = 0; i < ARRAY_SIZE(with_class); i++)
				if (strcmp(word, with_class[i]) == 0) {
					char *class_name = take_identifier(&p);

					add_event(cat, cap, system, class_name, take_identifier(&p));
				}
			for (size_t i = 0; i < ARRAY_SIZE(own_class); i++)
				if (strcmp(word, own_class[i]) == 0) {
					char *name = take_identifier(&p);

					add_event(cat, cap, system, xstrdup(name), name);
				}
		}
		free(word);
	}
	free(system);
	free(text);
}

static int compare_events(const void *a, const void *b)
{
	const struct tracepoint_event *x = a, *y = b;
	int c = strcmp(x->system, y->system);

	return c ? c : strcmp(x->name, y->name);
}

struct tracepoint_catalog *tracepoint_catalog_load(struct session *s, char **why)
{
	struct kernel_btf *kb;
	char *dir;
	DIR *d;
	struct dirent *ent;
	size_t cap = 0;

	*why = NULL;
	if (load_tried) {
		if (!loaded)
			*why = xasprintf("no tracepoint catalog for kernel %s", s->release);
		return loaded;
	}
	load_tried = true;
	kb = kernel_btf_load(s, why);
	if (!kb)
		return NULL;
	dir = events_dir(s);
	d = dir ? opendir(dir) : NULL;
	if (!d) {
		*why = xasprintf("no tracepoint headers (include/trace/events) for kernel %s "
				 "under %s", s->release, s->kernel_build_dir);
		free(dir);
		return NULL;
	}
	loaded = xcalloc(1, sizeof(*loaded));
	loaded->btf = kb;
	while ((ent = readdir(d))) {
		size_t len = strlen(ent->d_name);
		char *path;

		if (len < 3 || strcmp(ent->d_name + len - 2, ".h") != 0)
			continue;
		path = xasprintf("%s/%s", dir, ent->d_name);
		scan_header(loaded, &cap, path);
		free(path);
	}
	closedir(d);
	free(dir);
	qsort(loaded->events, loaded->count, sizeof(*loaded->events), compare_events);
	if (s->verbose >= 2)
		fprintf(stderr, "Found %zu tracepoints in the headers and BTF of %s\n",
			loaded->count, s->release);
	return loaded;
}

/* The argument names of the event's class function, if BTF has it. */
static uint32_t class_function_proto(struct tracepoint_catalog *cat,
				     const struct tracepoint_event *ev)
{
	char *name = xasprintf("__bpf_trace_%s", ev->class_name);
	uint32_t id = btf_find(cat->btf->btf, BTF_KIND_FUNC, name);
	struct btf_type t;

	free(name);
	return id && btf_type(cat->btf->btf, id, &t) ? t.size_or_type : 0;
}

bool tracepoint_event_args(struct tracepoint_catalog *cat, const struct tracepoint_event *ev,
			   struct context_var **vars, size_t *n, char **why)
{
	struct btf *btf = cat->btf->btf;
	struct btf_type proto, named;
	uint32_t named_id = class_function_proto(cat, ev);
	bool have_names = named_id && btf_type(btf, named_id, &named);

	btf_type(btf, ev->proto, &proto);
	if (have_names && named.vlen != proto.vlen)
		have_names = false;
	*n = 0;
	*vars = xcalloc(proto.vlen ? proto.vlen : 1, sizeof(**vars));
	for (uint16_t i = 1; i < proto.vlen; i++) {
		const char *name;
		uint32_t type;
		const struct ctype *ct;

		btf_param(btf, &proto, i, &name, &type);
		if (have_names)
			btf_param(btf, &named, i, &name, &type);
		ct = kernel_btf_ctype(cat->btf, type);
		if (!ctype_is_integral(ct)) {
			*why = xasprintf("tracepoint %s:%s: argument %u has type %s, "
					 "which ctap cannot receive", ev->system, ev->name,
					 (unsigned)i, ct->name);
			free(*vars);
			*vars = NULL;
			return false;
		}
		(*vars)[*n].name = *name ? name : "";
		(*vars)[*n].type = ct;
		(*vars)[*n].arg = (int)(i - 1);
		(*n)++;
	}
	return true;
}
