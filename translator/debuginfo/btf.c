// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * BTF reader. The data is used where it lies (the file is mapped): one pass
 * at load finds where each type record starts (records have kind-dependent
 * lengths), and a hash of names is built on the first lookup by name.
 */
#include "btf.h"

#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../util.h"

#define BTF_MAGIC 0xeB9F

struct btf_header {
	uint16_t magic;
	uint8_t version;
	uint8_t flags;
	uint32_t hdr_len;
	uint32_t type_off;
	uint32_t type_len;
	uint32_t str_off;
	uint32_t str_len;
};

struct btf {
	/* Split BTF (a module's .BTF): ids and string offsets continue the
	 * base's, and records[] starts with the base's records. */
	const struct btf *base;
	void *map;
	size_t map_len;
	const char *strings;
	uint32_t strings_len;
	const uint32_t **records;	/* records[id], id 1..count-1 */
	uint32_t count;
	uint32_t *name_hash;		/* open addressing over ids; 0 empty */
	size_t name_hash_size;
};

/* Bytes after the 12-byte common header that a record of kind carries. */
static size_t record_extra(unsigned kind, unsigned vlen)
{
	switch (kind) {
	case BTF_KIND_INT: return 4;
	case BTF_KIND_ARRAY: return 12;
	case BTF_KIND_STRUCT: case BTF_KIND_UNION: return 12u * vlen;
	case BTF_KIND_ENUM: return 8u * vlen;
	case BTF_KIND_FUNC_PROTO: return 8u * vlen;
	case BTF_KIND_VAR: return 4;
	case BTF_KIND_DATASEC: return 12u * vlen;
	case BTF_KIND_DECL_TAG: return 4;
	case BTF_KIND_ENUM64: return 12u * vlen;
	default: return 0;
	}
}

/* The .BTF section of an ELF64 image, or NULL. */
static const void *elf_btf_section(const void *image, size_t len, size_t *size)
{
	const Elf64_Ehdr *eh = image;
	const Elf64_Shdr *sh, *strtab;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff == 0 ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) > len ||
	    eh->e_shstrndx >= eh->e_shnum)
		return NULL;
	sh = (const Elf64_Shdr *)((const char *)image + eh->e_shoff);
	strtab = &sh[eh->e_shstrndx];
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		size_t name = strtab->sh_offset + sh[i].sh_name;

		if (name + 5 > len || strcmp((const char *)image + name, ".BTF") != 0)
			continue;
		if (sh[i].sh_offset + sh[i].sh_size > len)
			return NULL;
		*size = sh[i].sh_size;
		return (const char *)image + sh[i].sh_offset;
	}
	return NULL;
}

static bool index_records(struct btf *btf, const char *types, uint32_t len)
{
	size_t cap = 0;
	uint32_t pos = 0;

	btf->count = 0;
	VEC_PUSH(btf->records, btf->count, cap, NULL);	/* id 0: void */
	for (uint32_t id = 1; btf->base && id < btf->base->count; id++)
		VEC_PUSH(btf->records, btf->count, cap, btf->base->records[id]);
	while (pos + 12 <= len) {
		const uint32_t *rec = (const uint32_t *)(types + pos);
		unsigned kind = (rec[1] >> 24) & 0x1f, vlen = rec[1] & 0xffff;

		VEC_PUSH(btf->records, btf->count, cap, rec);
		pos += 12 + (uint32_t)record_extra(kind, vlen);
	}
	return pos == len;
}

static struct btf *load(const char *path, const struct btf *base, const char **why)
{
	struct btf *btf;
	struct stat st;
	const struct btf_header *h;
	size_t size;
	int fd = open(path, O_RDONLY);
	void *map;

	*why = "cannot open";
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || st.st_size < (off_t)sizeof(*h)) {
		close(fd);
		*why = "too short";
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return NULL;
	h = map;
	size = (size_t)st.st_size;
	if (h->magic != BTF_MAGIC)
		h = elf_btf_section(map, size, &size);
	*why = "no BTF data";
	if (!h || size < sizeof(*h) || h->magic != BTF_MAGIC ||
	    (uint64_t)h->hdr_len + h->type_off + h->type_len > size ||
	    (uint64_t)h->hdr_len + h->str_off + h->str_len > size) {
		munmap(map, (size_t)st.st_size);
		return NULL;
	}
	btf = xcalloc(1, sizeof(*btf));
	btf->base = base;
	btf->map = map;
	btf->map_len = (size_t)st.st_size;
	btf->strings = (const char *)h + h->hdr_len + h->str_off;
	btf->strings_len = h->str_len;
	if (!index_records(btf, (const char *)h + h->hdr_len + h->type_off, h->type_len)) {
		*why = "malformed BTF type section";
		btf_free(btf);
		return NULL;
	}
	return btf;
}

struct btf *btf_load(const char *path, const char **why)
{
	return load(path, NULL, why);
}

struct btf *btf_load_split(const char *path, const struct btf *base, const char **why)
{
	return load(path, base, why);
}

void btf_free(struct btf *btf)
{
	if (!btf)
		return;
	munmap(btf->map, btf->map_len);
	free(btf->records);
	free(btf->name_hash);
	free(btf);
}

uint32_t btf_type_count(const struct btf *btf)
{
	return btf->count;
}

const char *btf_string(const struct btf *btf, uint32_t offset)
{
	if (btf->base) {
		if (offset < btf->base->strings_len)
			return btf_string(btf->base, offset);
		offset -= btf->base->strings_len;
	}
	return offset < btf->strings_len ? btf->strings + offset : "";
}

bool btf_type(const struct btf *btf, uint32_t id, struct btf_type *t)
{
	const uint32_t *rec;

	if (id == 0 || id >= btf->count)
		return false;
	rec = btf->records[id];
	t->name = btf_string(btf, rec[0]);
	t->kind = (enum btf_kind)((rec[1] >> 24) & 0x1f);
	t->vlen = rec[1] & 0xffff;
	t->kind_flag = rec[1] >> 31;
	t->size_or_type = rec[2];
	t->extra = rec + 3;
	return true;
}

static unsigned long name_hash(const char *s)
{
	return (unsigned long)hash_bytes(5381, s, strlen(s));
}

static void build_name_hash(struct btf *btf)
{
	size_t size = 1;

	while (size < 2 * (size_t)btf->count)
		size <<= 1;
	btf->name_hash = xcalloc(size, sizeof(*btf->name_hash));
	btf->name_hash_size = size;
	for (uint32_t id = 1; id < btf->count; id++) {
		const char *name = btf_string(btf, btf->records[id][0]);
		size_t slot;

		if (!*name)
			continue;
		slot = name_hash(name) & (size - 1);
		while (btf->name_hash[slot])
			slot = (slot + 1) & (size - 1);
		btf->name_hash[slot] = id;
	}
}

/* 0 for an id of split BTF's own, 1 for one of its base's. */
static int own_rank(const struct btf *btf, uint32_t id)
{
	return btf->base && id < btf->base->count;
}

uint32_t btf_find(struct btf *btf, enum btf_kind kind, const char *name)
{
	uint32_t best = 0;

	if (!btf->name_hash)
		build_name_hash(btf);
	for (size_t slot = name_hash(name) & (btf->name_hash_size - 1);
	     btf->name_hash[slot]; slot = (slot + 1) & (btf->name_hash_size - 1)) {
		uint32_t id = btf->name_hash[slot];
		struct btf_type t;

		btf_type(btf, id, &t);
		if (t.kind != kind || strcmp(t.name, name) != 0)
			continue;
		/* Slots are filled in id order, but probing wraps: keep the lowest,
		 * of split BTF's own ids first (a module's function, not the
		 * kernel's of the same name). */
		if (!best || own_rank(btf, id) < own_rank(btf, best) ||
		    (own_rank(btf, id) == own_rank(btf, best) && id < best))
			best = id;
	}
	return best;
}

void btf_member(const struct btf *btf, const struct btf_type *t, uint16_t i,
		const char **name, uint32_t *type, uint32_t *bit_offset,
		uint32_t *bitfield_size)
{
	const uint32_t *m = t->extra + 3 * i;

	*name = btf_string(btf, m[0]);
	*type = m[1];
	if (t->kind_flag) {
		*bit_offset = m[2] & 0xffffff;
		*bitfield_size = m[2] >> 24;
	} else {
		*bit_offset = m[2];
		*bitfield_size = 0;
	}
}

void btf_param(const struct btf *btf, const struct btf_type *t, uint16_t i,
	       const char **name, uint32_t *type)
{
	const uint32_t *p = t->extra + 2 * i;

	*name = btf_string(btf, p[0]);
	*type = p[1];
}
