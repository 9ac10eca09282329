// SPDX-License-Identifier: GPL-2.0-or-later
#include "cache.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

char *module_cache_dir(void)
{
	const char *dir = getenv("CTAP_DIR");
	const char *home = getenv("HOME");

	if (dir && *dir)
		return xasprintf("%s/cache", dir);
	return xasprintf("%s/.ctap/cache", home && *home ? home : "/tmp");
}

/* Hash the contents of path, under a name (not the path: the generated C
 * lives in a fresh temporary directory each run). */
static bool hash_file(unsigned long long *h, const char *name, const char *path)
{
	size_t len;
	char *data = read_file(path, &len);

	if (!data)
		return false;
	*h = hash_bytes(*h, name, strlen(name) + 1);
	*h = hash_bytes(*h, data, len);
	free(data);
	return true;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Hash every file below dir, in a fixed (sorted) order. */
static bool hash_tree(unsigned long long *h, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;
	bool ok = d != NULL;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.')
			VEC_PUSH(names, n, cap, xstrdup(e->d_name));
	if (d)
		closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), compare_names);
	for (size_t i = 0; i < n; i++) {
		char *path = xasprintf("%s/%s", dir, names[i]);
		struct stat st;

		if (ok && stat(path, &st) == 0)
			ok = S_ISDIR(st.st_mode) ? hash_tree(h, path)
						  : hash_file(h, names[i], path);
		free(path);
		free(names[i]);
	}
	free(names);
	return ok;
}

char *module_cache_path(const struct session *s)
{
	unsigned long long h = HASH_INIT;
	char *config = xasprintf("%s/.config", s->kernel_build_dir);
	char *dir, *path = NULL;
	bool ok;

	h = hash_bytes(h, s->module_name, strlen(s->module_name) + 1);
	h = hash_bytes(h, s->release, strlen(s->release) + 1);
	h = hash_bytes(h, s->kernel_build_dir, strlen(s->kernel_build_dir) + 1);
	ok = hash_file(&h, "module.c", s->c_source) && hash_file(&h, ".config", config) &&
	     hash_tree(&h, s->runtime_dir);
	free(config);
	if (!ok)
		return NULL;
	dir = module_cache_dir();
	path = xasprintf("%s/%016llx/%s.ko", dir, h, s->module_name);
	free(dir);
	return path;
}

/* mkdir -p for the directories above path. */
static int make_parents(const char *path)
{
	char *copy = xstrdup(path);
	int rc = 0;

	for (char *p = copy + 1; *p && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(copy, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*p = '/';
	}
	free(copy);
	return rc;
}

int module_cache_store(const char *built, const char *cached)
{
	char *tmp = xasprintf("%s.%d.tmp", cached, (int)getpid());
	size_t len;
	char *data = read_file(built, &len);
	int rc = -1;

	if (data && make_parents(cached) == 0 && write_file(tmp, data, len) == 0 &&
	    rename(tmp, cached) == 0)
		rc = 0;
	if (rc != 0)
		unlink(tmp);
	free(data);
	free(tmp);
	return rc;
}
