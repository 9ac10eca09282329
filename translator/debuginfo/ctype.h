/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ctype: the translator's one description of a C type of the target, what
 * every `$var` compiler walks. BTF (btf_ctype.c) builds them today; a
 * DWARF reader builds the same structures, so the code that turns
 * `$var->field[i]` into fault-safe reads (target_var.c) serves both.
 * Typedefs and const/volatile are looked through: a ctype is what the
 * bytes are, `name` is how a message spells it.
 */
#ifndef CTAP_CTYPE_H
#define CTAP_CTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ctype_kind {
	CTYPE_VOID,
	CTYPE_INT,		/* also bool, char; enums are CTYPE_ENUM */
	CTYPE_ENUM,
	CTYPE_FLOAT,
	CTYPE_POINTER,		/* target */
	CTYPE_ARRAY,		/* target, nelems */
	CTYPE_STRUCT,		/* members */
	CTYPE_UNION,		/* members */
	CTYPE_FUNCTION,		/* not a value: only pointed to */
};

struct ctype;

struct ctype_member {
	const char *name;		/* "" for an anonymous struct/union */
	const struct ctype *type;
	uint64_t bit_offset;		/* from the start of the aggregate */
	unsigned bitfield_size;		/* 0: not a bitfield */
};

/* Where ctypes come from; members are loaded on first use, since a
 * kernel's struct graph is large and a script touches a few fields. */
struct ctype_source {
	void (*load_members)(struct ctype_source *src, struct ctype *t);
};

struct ctype {
	enum ctype_kind kind;
	const char *name;		/* "struct task_struct", "int", "char *" */
	uint64_t size;			/* bytes; 0 for void and functions */
	bool is_signed;			/* INT, ENUM */
	bool is_char;			/* INT: a char (arrays of it are strings) */
	const struct ctype *target;	/* POINTER, ARRAY element */
	uint64_t nelems;		/* ARRAY */
	/* STRUCT, UNION: use ctype_find_member / ctype_member_names */
	struct ctype_member *members;
	size_t nmembers;
	bool members_loaded;
	struct ctype_source *source;
	uint32_t source_id;		/* the source's own id of this type */
};

/* Load t's members (struct/union) from its source, once. */
void ctype_load_members(struct ctype *t);

/*
 * The member `name` of a struct/union t, looking into anonymous members
 * as C does. Fills *found with the member's type and its bit offset from
 * the start of t. False if t has no such member.
 */
bool ctype_find_member(struct ctype *t, const char *name, struct ctype_member *found);

/* Every member name of t reachable as above (for "similar:" messages);
 * the array is malloc'd, the names are t's. */
const char **ctype_member_names(struct ctype *t, size_t *count);

/* A value a script can hold: integers, enums, pointers; char arrays are
 * strings. */
bool ctype_is_integral(const struct ctype *t);
bool ctype_is_string(const struct ctype *t);

#endif
