// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The tapset library's search path, its index and lazy loading. SystemTap
 * parses all ~480 library files on every run; ctap scans them for the names
 * they define (tapset_scan.c) and parses a file only when pass 2 asks for
 * one of its names, so a script that uses one tapset function parses one
 * tapset file (and what that file uses in turn).
 */
#include "tapset.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "parse.h"
#include "tapset_scan.h"
#include "util.h"

struct tapset_file {
	char *path;
	bool loaded;
};

struct tapset_entry {
	enum tapset_definition_kind kind;
	char *name;			/* an alias: components joined by '.' */
	bool private_;
	size_t file;			/* index into files: search order */
};

struct tapset_index {
	struct tapset_file *files;
	size_t nfiles, files_cap;
	struct tapset_entry *entries;
	size_t nentries, entries_cap;
	struct macro_library *macros;
	struct preprocess_target target;	/* the user's, privileged */
	int parsed;
	const char **function_names;	/* built on first request */
	size_t nfunction_names;
};

/* Every source file the library contributed, for location_in_tapset (whose
 * callers hold only a location). Pointers are compared, never followed. */
static const struct source_file **tapset_sources;
static size_t ntapset_sources, tapset_sources_cap;

static bool has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), m = strlen(suffix);

	return n > m && strcmp(name + n - m, suffix) == 0;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The regular files of DIR whose names end in SUFFIX, sorted as glob(3)
 * sorts them; a missing directory has none. */
static char **list_directory(const char *dir, const char *suffix, size_t *count)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t cap = 0;

	*count = 0;
	if (!d)
		return NULL;
	while ((de = readdir(d))) {
		char *path;
		struct stat st;

		if (!has_suffix(de->d_name, suffix))
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			VEC_PUSH(names, *count, cap, path);
		else
			free(path);
	}
	closedir(d);
	if (*count)
		qsort(names, *count, sizeof(*names), compare_names);
	return names;
}

/*
 * The directories searched, in order: each -I DIR, then ctap's library;
 * within each, the most specific first, as SystemTap searches them:
 * DIR/linux/ARCH, DIR/linux, DIR/ARCH, DIR.
 */
static char **search_path(const struct session *s, size_t *count)
{
	char **dirs = NULL;
	size_t cap = 0;

	*count = 0;
	for (size_t i = 0; i <= s->ninclude_dirs; i++) {
		const char *base = i < s->ninclude_dirs ? s->include_dirs[i] : s->tapset_dir;

		if (!base)
			continue;
		VEC_PUSH(dirs, *count, cap, xasprintf("%s/linux/%s", base, s->arch));
		VEC_PUSH(dirs, *count, cap, xasprintf("%s/linux", base));
		VEC_PUSH(dirs, *count, cap, xasprintf("%s/%s", base, s->arch));
		VEC_PUSH(dirs, *count, cap, xstrdup(base));
	}
	return dirs;
}

static void remember_source(const struct source_file *file)
{
	VEC_PUSH(tapset_sources, ntapset_sources, tapset_sources_cap, file);
}

bool location_in_tapset(struct location loc)
{
	for (size_t i = 0; i < ntapset_sources; i++)
		if (tapset_sources[i] == location_file(loc))
			return true;
	return false;
}

static int load_macro_file(struct tapset_index *index, const char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	struct source_file *file;

	if (!text) {
		fprintf(stderr, "stap: cannot read tapset '%s': %s\n", path, strerror(errno));
		return -1;
	}
	file = source_file_adopt(path, text, len);
	remember_source(file);
	return macro_library_load(index->macros, file, &index->target) ? -1 : 0;
}

struct scan_context {
	struct tapset_index *index;
	size_t file;
};

static void add_definition(void *ctx, const struct tapset_definition *def)
{
	struct scan_context *sc = ctx;
	struct tapset_index *index = sc->index;
	struct tapset_entry entry = { def->kind, xstrndup(def->name, def->name_len),
				      def->private_, sc->file };

	VEC_PUSH(index->entries, index->nentries, index->entries_cap, entry);
}

static int index_script_file(struct tapset_index *index, char *path)
{
	size_t len;
	char *text = read_file(path, &len);
	struct scan_context ctx = { index, index->nfiles };
	struct tapset_file file = { path, false };

	if (!text) {
		fprintf(stderr, "stap: cannot read tapset '%s': %s\n", path, strerror(errno));
		free(path);
		return -1;
	}
	VEC_PUSH(index->files, index->nfiles, index->files_cap, file);
	tapset_scan(text, len, add_definition, &ctx);
	free(text);
	return 0;
}

/* Index every .stp of DIR (taking the paths), or load every .stpm. */
static int index_directory(struct tapset_index *index, const char *dir, bool macros)
{
	size_t count;
	char **paths = list_directory(dir, macros ? ".stpm" : ".stp", &count);
	int status = 0;

	for (size_t i = 0; i < count; i++) {
		if (macros) {
			if (load_macro_file(index, paths[i]) != 0)
				status = -1;
			free(paths[i]);
		} else if (index_script_file(index, paths[i]) != 0) {
			status = -1;
		}
	}
	free(paths);
	return status;
}

int tapset_index_build(struct session *s)
{
	struct tapset_index *index = xcalloc(1, sizeof(*index));
	size_t ndirs;
	char **dirs = search_path(s, &ndirs);
	int status = 0;

	s->tapsets = index;
	index->macros = macro_library_new();
	/* Tapsets see the target as the user's script does; like SystemTap's,
	 * they are privileged: embedded C is theirs to use. */
	index->target.release = s->release;
	index->target.arch = s->arch;
	index->target.config_path = s->kernel_config;
	index->target.nargs = s->nscript_args;
	index->target.args = s->script_args;
	index->target.guru = true;
	index->target.systemtap_version = s->compatible;
	index->target.macros = index->macros;
	/* Every macro file first: any .stp may use any library macro. */
	for (size_t i = 0; i < ndirs; i++)
		if (index_directory(index, dirs[i], true) != 0)
			status = -1;
	for (size_t i = 0; i < ndirs; i++) {
		if (index_directory(index, dirs[i], false) != 0)
			status = -1;
		free(dirs[i]);
	}
	free(dirs);
	return status;
}

const struct macro_library *tapset_macros(const struct session *s)
{
	return s->tapsets ? s->tapsets->macros : NULL;
}

int tapset_files_parsed(const struct session *s)
{
	return s->tapsets ? s->tapsets->parsed : 0;
}

static int load_file(struct session *s, size_t i, const char *why);

/*
 * Parse, before file I, the files earlier on the search path that define
 * a public function I defines too: the first definition in program order
 * is the one called, and it must be the one the search path puts first,
 * even when I was asked for another of its names.
 */
static int load_earlier_definers(struct session *s, size_t i)
{
	struct tapset_index *index = s->tapsets;
	int status = 0;

	for (size_t e = 0; e < index->nentries && status >= 0; e++) {
		const struct tapset_entry *mine = &index->entries[e];
		char *why;

		if (mine->file != i || mine->kind != TAPSET_FUNCTION || mine->private_)
			continue;
		why = xasprintf("function '%s'", mine->name);
		for (size_t d = 0; d < index->nentries && status >= 0; d++) {
			const struct tapset_entry *other = &index->entries[d];

			if (other->file < i && other->kind == TAPSET_FUNCTION &&
			    !other->private_ && !index->files[other->file].loaded &&
			    strcmp(other->name, mine->name) == 0)
				status = load_file(s, other->file, why);
		}
		free(why);
	}
	return status < 0 ? -1 : 0;
}

/* Parse file I into the program unless it already is; 1 when parsed now,
 * 0 when it already was, -1 on a parse error. WHY is for -vv. */
static int load_file(struct session *s, size_t i, const char *why)
{
	struct tapset_index *index = s->tapsets;
	struct tapset_file *tf = &index->files[i];
	struct source_file *file;
	size_t len;
	char *text;

	if (tf->loaded)
		return 0;
	tf->loaded = true;
	if (load_earlier_definers(s, i) != 0)
		return -1;
	text = read_file(tf->path, &len);
	if (!text) {
		fprintf(stderr, "stap: cannot read tapset '%s': %s\n", tf->path, strerror(errno));
		return -1;
	}
	file = source_file_adopt(tf->path, text, len);
	remember_source(file);
	index->parsed++;
	if (s->verbose >= 2)
		fprintf(stderr, "Parsing library script %s for %s\n", tf->path, why);
	return parse_file(&s->program, file, &index->target) > 0 ? -1 : 1;
}

/* Load every file with a public definition of KIND NAME, in search order,
 * so that the search path's first definition is the program's first. */
static int require_named(struct session *s, enum tapset_definition_kind kind,
			 const char *name, const char *what)
{
	struct tapset_index *index = s->tapsets;
	int loaded = 0;
	char *why;

	if (!index)
		return 0;
	why = xasprintf("%s '%s'", what, name);
	for (size_t i = 0; i < index->nentries; i++) {
		const struct tapset_entry *e = &index->entries[i];
		int status;

		if (e->kind != kind || e->private_ || strcmp(e->name, name) != 0)
			continue;
		status = load_file(s, e->file, why);
		if (status < 0) {
			loaded = -1;
			break;
		}
		loaded += status;
	}
	free(why);
	return loaded;
}

static int compare_name_pointers(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t tapset_function_names(const struct session *s, const char *const **names)
{
	struct tapset_index *index = s->tapsets;
	size_t cap = 0, n = 0;

	*names = NULL;
	if (!index)
		return 0;
	if (!index->function_names) {
		for (size_t i = 0; i < index->nentries; i++)
			if (index->entries[i].kind == TAPSET_FUNCTION && !index->entries[i].private_)
				VEC_PUSH(index->function_names, n, cap, index->entries[i].name);
		if (n)
			qsort(index->function_names, n, sizeof(*index->function_names),
			      compare_name_pointers);
		index->nfunction_names = 0;
		for (size_t i = 0; i < n; i++)
			if (i == 0 || strcmp(index->function_names[i],
					     index->function_names[i - 1]) != 0)
				index->function_names[index->nfunction_names++] =
					index->function_names[i];
	}
	*names = index->function_names;
	return index->nfunction_names;
}

int tapset_require_function(struct session *s, const char *name)
{
	return require_named(s, TAPSET_FUNCTION, name, "function");
}

int tapset_require_global(struct session *s, const char *name)
{
	return require_named(s, TAPSET_GLOBAL, name, "global");
}

/*
 * Whether an alias with components ALIAS[AI..] may serve the probe point's
 * components from PI on: each alias component must match the point's
 * (an fnmatch pattern), "**" matches any number of components, and the
 * alias may be a prefix of the point (the rest is its suffix).
 */
static bool alias_may_match(char **alias, size_t nalias, size_t ai,
			    const struct probe_point *pp, size_t pi)
{
	if (pi == pp->ncomponents)
		return ai == nalias;
	if (strcmp(pp->components[pi].name, "**") == 0)
		return alias_may_match(alias, nalias, ai, pp, pi + 1) ||
		       (ai < nalias && alias_may_match(alias, nalias, ai + 1, pp, pi));
	if (ai == nalias)
		return true;
	return fnmatch(pp->components[pi].name, alias[ai], 0) == 0 &&
	       alias_may_match(alias, nalias, ai + 1, pp, pi + 1);
}

/* Split "a.b.c" into its components (pointers into COPY, which it edits). */
static size_t split_components(char *copy, char **components, size_t max)
{
	size_t n = 0;

	for (char *p = copy; p && n < max; n++) {
		components[n] = p;
		p = strchr(p, '.');
		if (p)
			*p++ = '\0';
	}
	return n;
}

static bool alias_name_may_match(const char *name, const struct probe_point *pp)
{
	char *copy = xstrdup(name);
	char *components[64];
	size_t n = split_components(copy, components, ARRAY_SIZE(components));
	bool match = alias_may_match(components, n, 0, pp, 0);

	free(copy);
	return match;
}

int tapset_require_aliases(struct session *s, const struct probe_point *pp)
{
	struct tapset_index *index = s->tapsets;
	int loaded = 0;
	char *why;

	if (!index)
		return 0;
	why = probe_point_string(pp);
	for (size_t i = 0; i < index->nentries; i++) {
		const struct tapset_entry *e = &index->entries[i];
		int status;

		if (e->kind != TAPSET_ALIAS || index->files[e->file].loaded ||
		    !alias_name_may_match(e->name, pp))
			continue;
		status = load_file(s, e->file, why);
		if (status < 0) {
			loaded = -1;
			break;
		}
		loaded += status;
	}
	free(why);
	return loaded;
}

/* Parse every file of the library (the dumps describe all of it). */
int tapset_load_all(struct session *s)
{
	int errors = 0;

	for (size_t i = 0; s->tapsets && i < s->tapsets->nfiles; i++)
		if (load_file(s, i, "the whole library") < 0)
			errors++;
	return errors ? -1 : 0;
}

void tapset_index_free(struct session *s)
{
	struct tapset_index *index = s->tapsets;

	if (!index)
		return;
	for (size_t i = 0; i < index->nfiles; i++)
		free(index->files[i].path);
	free(index->files);
	for (size_t i = 0; i < index->nentries; i++)
		free(index->entries[i].name);
	free(index->entries);
	free(index->function_names);
	macro_library_free(index->macros);
	free(index);
	s->tapsets = NULL;
	free(tapset_sources);
	tapset_sources = NULL;
	ntapset_sources = tapset_sources_cap = 0;
}
