// SPDX-License-Identifier: GPL-2.0-or-later
#include "symbols.h"

#include <elf.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locate.h"
#include "util.h"

static struct module_symbols **loaded;
static size_t nloaded, loaded_cap;

static char *canonical_name(const char *name)
{
	char *c = xstrdup(name);

	for (char *p = c; *p; p++)
		if (*p == '-')
			*p = '_';
	return c;
}

/* nftw has no user pointer: the search's state lives here. */
static const char *wanted;
static char *found_path;

static int find_ko(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	const char *base = path + ftw->base;
	size_t len = strcspn(base, ".");
	char *name;
	int done;

	(void)st;
	if (type != FTW_F || (strcmp(base + len, ".ko") != 0 && strcmp(base + len, ".ko.xz") != 0))
		return 0;
	name = xstrndup(base, len);
	for (char *p = name; *p; p++)
		if (*p == '-')
			*p = '_';
	done = strcmp(name, wanted) == 0;
	free(name);
	if (done)
		found_path = xstrdup(path);
	return done;
}

/* The module file's bytes, decompressed. */
static char *read_module(const char *path, size_t *len)
{
	size_t plen = strlen(path), cap = 0;
	char *cmd, *data = NULL, chunk[65536];
	FILE *p;
	size_t n;

	*len = 0;
	if (plen < 3 || strcmp(path + plen - 3, ".xz") != 0)
		return read_file(path, len);
	cmd = xasprintf("xz -dc '%s' 2>/dev/null", path);
	p = popen(cmd, "r");
	free(cmd);
	if (!p)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0) {
		grow_array((void **)&data, &cap, *len + n, 1);
		memcpy(data + *len, chunk, n);
		*len += n;
	}
	if (pclose(p) != 0) {
		free(data);
		return NULL;
	}
	return data;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Defined functions of an ELF64 relocatable object; false if not one. */
static bool collect_functions(struct module_symbols *ms, const char *image, size_t len)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
	const Elf64_Shdr *sh;
	size_t kept = 0;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len)
		return false;
	sh = (const Elf64_Shdr *)(image + eh->e_shoff);
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *strtab;
		const Elf64_Sym *sym;

		if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
			continue;
		strtab = &sh[sh[i].sh_link];
		if (sh[i].sh_offset + sh[i].sh_size > len || strtab->sh_offset + strtab->sh_size > len)
			return false;
		sym = (const Elf64_Sym *)(image + sh[i].sh_offset);
		for (size_t k = 0; k < sh[i].sh_size / sizeof(*sym); k++) {
			if (ELF64_ST_TYPE(sym[k].st_info) != STT_FUNC ||
			    sym[k].st_shndx == SHN_UNDEF || sym[k].st_name >= strtab->sh_size)
				continue;
			VEC_PUSH(ms->names, ms->count, ms->cap,
				 xstrndup(image + strtab->sh_offset + sym[k].st_name,
					  strtab->sh_size - sym[k].st_name));
		}
	}
	qsort(ms->names, ms->count, sizeof(char *), compare_names);
	for (size_t i = 0; i < ms->count; i++) {
		if (kept && strcmp(ms->names[kept - 1], ms->names[i]) == 0)
			free(ms->names[i]);
		else
			ms->names[kept++] = ms->names[i];
	}
	ms->count = kept;
	return true;
}

struct module_symbols *module_symbols_load(struct session *s, const char *name, char **why)
{
	char *canonical = canonical_name(name), *dirs[2], *image;
	struct module_symbols *ms;
	size_t len;

	for (size_t i = 0; i < nloaded; i++)
		if (strcmp(loaded[i]->module, canonical) == 0) {
			free(canonical);
			return loaded[i];
		}
	dirs[0] = xasprintf("%s/kernels/%s/lib/modules/%s/kernel", ctap_cache_dir(),
			    s->release, s->release);
	dirs[1] = xasprintf("/lib/modules/%s/kernel", s->release);
	wanted = canonical;
	found_path = NULL;
	for (size_t i = 0; i < 2 && !found_path; i++)
		nftw(dirs[i], find_ko, 16, FTW_PHYS);
	free(dirs[0]);
	free(dirs[1]);
	if (!found_path) {
		*why = xasprintf("module '%s' not found for kernel %s (no %s.ko in its "
				 "lib/modules)", name, s->release, canonical);
		free(canonical);
		return NULL;
	}
	image = read_module(found_path, &len);
	ms = xcalloc(1, sizeof(*ms));
	ms->module = canonical;
	if (!image || !collect_functions(ms, image, len)) {
		*why = xasprintf("cannot read the symbols of module '%s' (%s)", name, found_path);
		free(image);
		free(found_path);
		free(ms->names);
		free(ms);
		free(canonical);
		return NULL;
	}
	free(image);
	free(found_path);
	VEC_PUSH(loaded, nloaded, loaded_cap, ms);
	return ms;
}
