/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A reader of the kernel's BTF (BPF Type Format): the compact type
 * information the kernel build embeds in vmlinux (.BTF section) and
 * exposes as /sys/kernel/btf/vmlinux. It gives ctap the kernel's types,
 * function prototypes and tracepoint prototypes without DWARF. The format
 * is documented in the kernel's Documentation/bpf/btf.rst.
 */
#ifndef CTAP_BTF_H
#define CTAP_BTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum btf_kind {
	BTF_KIND_UNKNOWN = 0,
	BTF_KIND_INT = 1,
	BTF_KIND_PTR = 2,
	BTF_KIND_ARRAY = 3,
	BTF_KIND_STRUCT = 4,
	BTF_KIND_UNION = 5,
	BTF_KIND_ENUM = 6,
	BTF_KIND_FWD = 7,
	BTF_KIND_TYPEDEF = 8,
	BTF_KIND_VOLATILE = 9,
	BTF_KIND_CONST = 10,
	BTF_KIND_RESTRICT = 11,
	BTF_KIND_FUNC = 12,
	BTF_KIND_FUNC_PROTO = 13,
	BTF_KIND_VAR = 14,
	BTF_KIND_DATASEC = 15,
	BTF_KIND_FLOAT = 16,
	BTF_KIND_DECL_TAG = 17,
	BTF_KIND_TYPE_TAG = 18,
	BTF_KIND_ENUM64 = 19,
};

/* One type record, decoded; members/params point into the raw data. */
struct btf_type {
	enum btf_kind kind;
	const char *name;		/* "" when anonymous */
	uint16_t vlen;			/* members, params, enumerators */
	bool kind_flag;
	uint32_t size_or_type;		/* size (INT, STRUCT, ...) or referenced type */
	const uint32_t *extra;		/* the kind's trailing data */
};

struct btf;

/* Load BTF from a raw file (/sys/kernel/btf/vmlinux) or an ELF file's .BTF
 * section. NULL (with *why set to a static string) when there is none. */
struct btf *btf_load(const char *path, const char **why);
/* Split BTF over base (a module's .BTF over vmlinux's): its ids and
 * strings continue base's, which must outlive it. */
struct btf *btf_load_split(const char *path, const struct btf *base, const char **why);
void btf_free(struct btf *btf);

uint32_t btf_type_count(const struct btf *btf);	/* ids are 1..count-1 */
/* Type id's record; false for id 0 (void) or out of range. */
bool btf_type(const struct btf *btf, uint32_t id, struct btf_type *t);
const char *btf_string(const struct btf *btf, uint32_t offset);
/* The first type of this kind and name; 0 if none. Indexed on first use. */
uint32_t btf_find(struct btf *btf, enum btf_kind kind, const char *name);

/* Member i of a STRUCT/UNION: name, type, bit offset, bitfield size (0: not). */
void btf_member(const struct btf *btf, const struct btf_type *t, uint16_t i,
		const char **name, uint32_t *type, uint32_t *bit_offset,
		uint32_t *bitfield_size);
/* Parameter i of a FUNC_PROTO: name ("" in a pointer-to-function type), type. */
void btf_param(const struct btf *btf, const struct btf_type *t, uint16_t i,
	       const char **name, uint32_t *type);

#endif
