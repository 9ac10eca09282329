// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The function index of a vmlinux: every function body and inlined
 * instance, by name, with its declaration, DIE offset and entry address.
 * Built by one walk over the CUs' function trees (types are skipped) and
 * cached on disk under the build ID, so later runs read one file and then
 * touch only the CUs of the functions a script names. Format: see
 * doc/internals.md ("DWARF index").
 */
#include "debuginfo.h"

#include <dwarf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util.h"

#define INDEX_MAGIC "CTAPDWI1"

struct index_header {
	char magic[8];
	char build_id[64];		/* NUL-padded hex */
	uint64_t count;
	uint64_t strings_len;
};

/* Strings interned while building: an open-addressing table of offsets. */
struct string_table {
	struct strbuf data;
	uint32_t *slots;		/* offset + 1; 0 = empty */
	size_t nslots, used;
};

static uint32_t intern(struct string_table *t, const char *s)
{
	size_t len = strlen(s);
	size_t i;

	if (2 * (t->used + 1) > t->nslots) {
		struct string_table bigger = { t->data, NULL, t->nslots ? 2 * t->nslots : 4096, 0 };

		bigger.slots = xcalloc(bigger.nslots, sizeof(uint32_t));
		for (size_t j = 0; j < t->nslots; j++) {
			const char *old;

			if (!t->slots[j])
				continue;
			old = t->data.data + t->slots[j] - 1;
			i = hash_bytes(HASH_INIT, old, strlen(old)) & (bigger.nslots - 1);
			while (bigger.slots[i])
				i = (i + 1) & (bigger.nslots - 1);
			bigger.slots[i] = t->slots[j];
			bigger.used++;
		}
		free(t->slots);
		*t = bigger;
	}
	i = hash_bytes(HASH_INIT, s, len) & (t->nslots - 1);
	while (t->slots[i]) {
		if (strcmp(t->data.data + t->slots[i] - 1, s) == 0)
			return t->slots[i] - 1;
		i = (i + 1) & (t->nslots - 1);
	}
	t->slots[i] = (uint32_t)t->data.len + 1;
	t->used++;
	strbuf_addn(&t->data, s, len + 1);
	return t->slots[i] - 1;
}

struct index_builder {
	struct string_table strings;
	struct dwarf_entry *entries;
	size_t count, cap;
};

static bool entry_pc_of(Dwarf_Die *die, Dwarf_Addr *pc)
{
	Dwarf_Addr base, start, end;
	ptrdiff_t offset;

	if (dwarf_entrypc(die, pc) == 0)
		return *pc != 0;
	offset = dwarf_ranges(die, 0, &base, &start, &end);
	if (offset <= 0)
		return false;
	*pc = start;
	return start != 0;
}

static void add_entry(struct index_builder *b, Dwarf_Die *die, bool is_inline)
{
	Dwarf_Attribute attr;
	const char *name = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_name, &attr));
	const char *file;
	int line = 0;
	Dwarf_Addr pc;
	struct dwarf_entry e;

	if (!name || !entry_pc_of(die, &pc))
		return;
	file = dwarf_decl_file(die);
	dwarf_decl_line(die, &line);
	e.name = intern(&b->strings, name);
	e.decl_file = intern(&b->strings, file ? file : "");
	e.decl_line = line > 0 ? (uint32_t)line : 0;
	e.flags = is_inline ? DWARF_ENTRY_INLINE : 0;
	e.die = dwarf_dieoffset(die);
	e.entry_pc = pc;
	VEC_PUSH(b->entries, b->count, b->cap, e);
}

/* Functions and the inlined instances inside them (and their blocks). */
static void walk_functions(struct index_builder *b, Dwarf_Die *parent)
{
	Dwarf_Die child;

	if (dwarf_child(parent, &child) != 0)
		return;
	do {
		switch (dwarf_tag(&child)) {
		case DW_TAG_subprogram:
			if (!dwarf_hasattr(&child, DW_AT_declaration))
				add_entry(b, &child, false);
			walk_functions(b, &child);
			break;
		case DW_TAG_inlined_subroutine:
			add_entry(b, &child, true);
			walk_functions(b, &child);
			break;
		case DW_TAG_lexical_block:
			walk_functions(b, &child);
			break;
		default:
			break;
		}
	} while (dwarf_siblingof(&child, &child) == 0);
}

static const char *sort_strings;

static int by_name_then_pc(const void *a, const void *b)
{
	const struct dwarf_entry *x = a, *y = b;
	int c = strcmp(sort_strings + x->name, sort_strings + y->name);

	if (c)
		return c;
	return x->entry_pc < y->entry_pc ? -1 : x->entry_pc > y->entry_pc;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void mark_exported(struct debuginfo *di, struct index_builder *b)
{
	size_t n;
	char **names = debuginfo_exported_names(di, &n);

	for (size_t i = 0; i < b->count; i++) {
		const char *name = b->strings.data.data + b->entries[i].name;

		if (!(b->entries[i].flags & DWARF_ENTRY_INLINE) &&
		    bsearch(&name, names, n, sizeof(*names), compare_names))
			b->entries[i].flags |= DWARF_ENTRY_EXPORTED;
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void build_index(struct debuginfo *di)
{
	struct index_builder b = { 0 };
	Dwarf_Off offset = 0, next;
	size_t header_size;

	strbuf_init(&b.strings.data);
	intern(&b.strings, "");
	while (dwarf_nextcu(di->dwarf, offset, &next, &header_size, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(di->dwarf, offset + header_size, &cu))
			walk_functions(&b, &cu);
		offset = next;
	}
	mark_exported(di, &b);
	sort_strings = b.strings.data.data;
	qsort(b.entries, b.count, sizeof(*b.entries), by_name_then_pc);
	free(b.strings.slots);
	di->index.count = b.count;
	di->index.entries = b.entries;
	di->index.strings_len = b.strings.data.len;
	di->index.strings = strbuf_detach(&b.strings.data);
	di->index.storage = NULL;
}

static char *index_dir(void)
{
	const char *dir = getenv("CTAP_DIR");
	const char *home = getenv("HOME");

	if (dir && *dir)
		return xasprintf("%s/dwarf-index", dir);
	return xasprintf("%s/.ctap/dwarf-index", home && *home ? home : "/tmp");
}

char *dwarf_index_cache_path(const struct debuginfo *di)
{
	char *dir = index_dir();
	char *path = xasprintf("%s/%s.idx", dir, di->build_id);

	free(dir);
	return path;
}

static bool load_cached(struct debuginfo *di, const char *path)
{
	size_t len;
	char *data = read_file(path, &len);
	struct index_header h;
	size_t entries_size;

	if (!data)
		return false;
	if (len < sizeof(h))
		goto bad;
	memcpy(&h, data, sizeof(h));
	entries_size = h.count * sizeof(struct dwarf_entry);
	if (memcmp(h.magic, INDEX_MAGIC, 8) != 0 ||
	    strncmp(h.build_id, di->build_id, sizeof(h.build_id)) != 0 ||
	    h.count > len / sizeof(struct dwarf_entry) ||
	    sizeof(h) + entries_size + h.strings_len != len ||
	    h.strings_len == 0 || data[len - 1] != '\0')
		goto bad;
	di->index.storage = data;
	di->index.entries = (struct dwarf_entry *)(data + sizeof(h));
	di->index.count = h.count;
	di->index.strings = data + sizeof(h) + entries_size;
	di->index.strings_len = h.strings_len;
	for (size_t i = 0; i < h.count; i++)
		if (di->index.entries[i].name >= h.strings_len ||
		    di->index.entries[i].decl_file >= h.strings_len) {
			memset(&di->index, 0, sizeof(di->index));
			goto bad;
		}
	return true;
bad:
	free(data);
	return false;
}

static void make_dirs(const char *path)
{
	char *copy = xstrdup(path);

	for (char *p = copy + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(copy, 0755);
		*p = '/';
	}
	mkdir(copy, 0755);
	free(copy);
}

/* Written to a temporary name and renamed: a reader never sees half a file. */
static void save(const struct debuginfo *di, const char *path, int verbose)
{
	struct index_header h = { INDEX_MAGIC, { 0 }, di->index.count, di->index.strings_len };
	char *dir = index_dir();
	char *tmp = xasprintf("%s.%d.tmp", path, (int)getpid());
	FILE *f;
	bool ok;

	snprintf(h.build_id, sizeof(h.build_id), "%s", di->build_id);
	make_dirs(dir);
	free(dir);
	f = fopen(tmp, "wb");
	ok = f && fwrite(&h, sizeof(h), 1, f) == 1 &&
	     fwrite(di->index.entries, sizeof(struct dwarf_entry), di->index.count, f) ==
		     di->index.count &&
	     fwrite(di->index.strings, 1, di->index.strings_len, f) == di->index.strings_len;
	if (f && fclose(f) != 0)
		ok = false;
	if (ok && rename(tmp, path) == 0) {
		if (verbose >= 2)
			fprintf(stderr, "Saved the DWARF index of %s in %s\n", di->path, path);
	} else {
		if (verbose >= 1)
			fprintf(stderr, "stap: cannot cache the DWARF index in %s: %s\n",
				path, strerror(errno));
		unlink(tmp);
	}
	free(tmp);
}

int dwarf_index_load(struct debuginfo *di, int verbose)
{
	char *path = dwarf_index_cache_path(di);

	if (load_cached(di, path)) {
		if (verbose >= 2)
			fprintf(stderr, "Loaded the DWARF index of %s from %s (%zu functions)\n",
				di->path, path, di->index.count);
		free(path);
		return 0;
	}
	build_index(di);
	if (verbose >= 2)
		fprintf(stderr, "Indexed %zu functions of %s\n", di->index.count, di->path);
	save(di, path, verbose);
	free(path);
	return 0;
}

void dwarf_index_free(struct dwarf_index *index)
{
	if (index->storage) {
		free(index->storage);
	} else {
		free(index->entries);
		free(index->strings);
	}
	memset(index, 0, sizeof(*index));
}
