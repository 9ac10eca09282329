// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * DWARF type DIEs to ctypes. A ctype is registered under its DIE offset
 * before anything it refers to is built, so recursive types (a struct
 * holding a pointer to itself) end; struct members wait for first use.
 */
#include "dwarf_ctype.h"

#include <dwarf.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "debuginfo.h"

struct dwarf_ctype {
	struct ctype t;			/* first: a ctype * is a dwarf_ctype * */
	Dwarf_Off die;			/* the slot it owns; other slots share it */
};

struct dwarf_ctypes {
	Dwarf *dwarf;
	struct ctype_source source;
	/* open addressing on DIE offset; a typedef's slot holds its target */
	Dwarf_Off *keys;
	struct dwarf_ctype **values;
	size_t capacity, count;
	struct ctype void_type;
};

static size_t slot_of(const struct dwarf_ctypes *types, Dwarf_Off key)
{
	size_t i = (size_t)(key * 0x9e3779b97f4a7c15ULL) & (types->capacity - 1);

	while (types->values[i] && types->keys[i] != key)
		i = (i + 1) & (types->capacity - 1);
	return i;
}

static void remember(struct dwarf_ctypes *types, Dwarf_Off key, struct dwarf_ctype *t)
{
	if (2 * (types->count + 1) > types->capacity) {
		Dwarf_Off *keys = types->keys;
		struct dwarf_ctype **values = types->values;
		size_t old = types->capacity;

		types->capacity = old ? 2 * old : 256;
		types->keys = xcalloc(types->capacity, sizeof(*types->keys));
		types->values = xcalloc(types->capacity, sizeof(*types->values));
		for (size_t i = 0; i < old; i++) {
			if (values[i]) {
				size_t j = slot_of(types, keys[i]);

				types->keys[j] = keys[i];
				types->values[j] = values[i];
			}
		}
		free(keys);
		free(values);
	}
	size_t i = slot_of(types, key);

	if (!types->values[i])
		types->count++;
	types->keys[i] = key;
	types->values[i] = t;
}

static struct dwarf_ctype *recall(const struct dwarf_ctypes *types, Dwarf_Off key)
{
	return types->capacity ? types->values[slot_of(types, key)] : NULL;
}

static uint64_t die_udata(Dwarf_Die *die, int name, uint64_t fallback)
{
	Dwarf_Attribute attr;
	Dwarf_Word value;

	if (!dwarf_attr_integrate(die, name, &attr) || dwarf_formudata(&attr, &value) != 0)
		return fallback;
	return value;
}

static bool referenced(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(die, DW_AT_type, &attr) && dwarf_formref_die(&attr, type);
}

static struct dwarf_ctype *new_ctype(struct dwarf_ctypes *types, Dwarf_Die *die,
				     enum ctype_kind kind)
{
	struct dwarf_ctype *t = xcalloc(1, sizeof(*t));

	t->t.kind = kind;
	t->t.name = dwarf_type_name(die);
	t->t.source = &types->source;
	t->die = dwarf_dieoffset(die);
	remember(types, t->die, t);
	return t;
}

static void build_base(struct dwarf_ctype *t, Dwarf_Die *die)
{
	uint64_t encoding = die_udata(die, DW_AT_encoding, DW_ATE_signed);

	t->t.size = die_udata(die, DW_AT_byte_size, 0);
	switch (encoding) {
	case DW_ATE_float:
	case DW_ATE_complex_float:
		t->t.kind = CTYPE_FLOAT;
		break;
	case DW_ATE_signed_char:
	case DW_ATE_unsigned_char:
		t->t.is_char = true;
		t->t.is_signed = encoding == DW_ATE_signed_char;
		break;
	default:
		t->t.is_signed = encoding == DW_ATE_signed;
		/* gcc says "char" with DW_ATE_signed_char; be sure anyway */
		t->t.is_char = t->t.size == 1 && strstr(t->t.name, "char");
		break;
	}
}

/* An array's element count from its first subrange; a later subrange
 * makes the element an array itself (int a[2][3]: 2 of int[3]). */
static uint64_t subrange_count(Dwarf_Die *subrange)
{
	Dwarf_Attribute attr;
	Dwarf_Sword upper;

	if (dwarf_attr_integrate(subrange, DW_AT_count, &attr))
		return die_udata(subrange, DW_AT_count, 0);
	if (dwarf_attr_integrate(subrange, DW_AT_upper_bound, &attr) &&
	    dwarf_formsdata(&attr, &upper) == 0 && upper >= 0)
		return (uint64_t)upper + 1 - die_udata(subrange, DW_AT_lower_bound, 0);
	return 0;	/* a flexible array member: int a[] */
}

static void build_array(struct dwarf_ctypes *types, struct dwarf_ctype *t, Dwarf_Die *die)
{
	Dwarf_Die element, subrange;
	const struct ctype *target = referenced(die, &element) ?
				     dwarf_ctype(types, &element) : &types->void_type;
	Dwarf_Die ranges[8];
	size_t n = 0;

	if (dwarf_child(die, &subrange) == 0) {
		do {
			if (dwarf_tag(&subrange) == DW_TAG_subrange_type && n < 8)
				ranges[n++] = subrange;
		} while (dwarf_siblingof(&subrange, &subrange) == 0);
	}
	/* Innermost dimension first: int a[2][3] is 2 arrays of int[3]. */
	for (size_t i = n; i-- > 1;) {
		struct dwarf_ctype *inner = xcalloc(1, sizeof(*inner));

		inner->t.kind = CTYPE_ARRAY;
		inner->t.name = xasprintf("%s[]", target->name);
		inner->t.target = target;
		inner->t.nelems = subrange_count(&ranges[i]);
		inner->t.size = inner->t.nelems * target->size;
		/* keyed by the subrange DIE, so freeing finds it */
		inner->die = dwarf_dieoffset(&ranges[i]);
		remember(types, inner->die, inner);
		target = &inner->t;
	}
	t->t.target = target;
	t->t.nelems = n ? subrange_count(&ranges[0]) : 0;
	t->t.size = t->t.nelems * target->size;
}

static const struct ctype *build(struct dwarf_ctypes *types, Dwarf_Die *die)
{
	struct dwarf_ctype *t;
	Dwarf_Die target;

	switch (dwarf_tag(die)) {
	case DW_TAG_typedef:
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type: {
		const struct ctype *looked_through = referenced(die, &target) ?
						     dwarf_ctype(types, &target) : &types->void_type;

		/* shared: the slot points at the target's ctype */
		remember(types, dwarf_dieoffset(die),
			 (struct dwarf_ctype *)(uintptr_t)looked_through);
		return looked_through;
	}
	case DW_TAG_base_type:
		t = new_ctype(types, die, CTYPE_INT);
		build_base(t, die);
		return &t->t;
	case DW_TAG_enumeration_type:
		t = new_ctype(types, die, CTYPE_ENUM);
		t->t.size = die_udata(die, DW_AT_byte_size, 4);
		if (referenced(die, &target))
			t->t.is_signed = dwarf_ctype(types, &target)->is_signed;
		return &t->t;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		t = new_ctype(types, die, CTYPE_POINTER);
		t->t.size = die_udata(die, DW_AT_byte_size, 8);
		t->t.target = referenced(die, &target) ? dwarf_ctype(types, &target)
						       : &types->void_type;
		return &t->t;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		t = new_ctype(types, die, dwarf_tag(die) == DW_TAG_union_type ? CTYPE_UNION
									      : CTYPE_STRUCT);
		t->t.size = die_udata(die, DW_AT_byte_size, 0);
		return &t->t;
	case DW_TAG_array_type:
		t = new_ctype(types, die, CTYPE_ARRAY);
		build_array(types, t, die);
		return &t->t;
	case DW_TAG_subroutine_type:
		t = new_ctype(types, die, CTYPE_FUNCTION);
		return &t->t;
	default:
		t = new_ctype(types, die, CTYPE_VOID);
		return &t->t;
	}
}

const struct ctype *dwarf_ctype(struct dwarf_ctypes *types, Dwarf_Die *type)
{
	struct dwarf_ctype *known;

	if (!type)
		return &types->void_type;
	known = recall(types, dwarf_dieoffset(type));
	return known ? &known->t : build(types, type);
}

const struct ctype *dwarf_ctype_of_die(struct dwarf_ctypes *types, Dwarf_Die *die)
{
	Dwarf_Die type;

	return referenced(die, &type) ? dwarf_ctype(types, &type) : &types->void_type;
}

bool dwarf_ctype_die(struct dwarf_ctypes *types, const struct ctype *t, Dwarf_Die *die)
{
	if (t == &types->void_type)
		return false;
	return dwarf_offdie(types->dwarf, ((const struct dwarf_ctype *)t)->die, die) != NULL;
}

/*
 * A member's bit offset from the start of its aggregate: DWARF 4+
 * DW_AT_data_bit_offset, or a byte DW_AT_data_member_location (a constant,
 * or DWARF 2's DW_OP_plus_uconst) plus, for an old-style bitfield,
 * DW_AT_bit_offset counted from the storage unit's most significant bit.
 */
static uint64_t member_bit_offset(Dwarf_Die *member, const struct ctype *type,
				  unsigned bit_size)
{
	Dwarf_Attribute attr;
	Dwarf_Word bytes = 0;
	uint64_t bits;

	if (dwarf_attr_integrate(member, DW_AT_data_bit_offset, &attr))
		return die_udata(member, DW_AT_data_bit_offset, 0);
	if (dwarf_attr_integrate(member, DW_AT_data_member_location, &attr) &&
	    dwarf_formudata(&attr, &bytes) != 0) {
		Dwarf_Op *ops;
		size_t n;

		bytes = 0;
		if (dwarf_getlocation(&attr, &ops, &n) == 0 && n == 1 &&
		    ops[0].atom == DW_OP_plus_uconst)
			bytes = ops[0].number;
	}
	bits = bytes * 8;
	if (bit_size && dwarf_attr_integrate(member, DW_AT_bit_offset, &attr)) {
		uint64_t storage = die_udata(member, DW_AT_byte_size, type->size) * 8;

		bits += storage - die_udata(member, DW_AT_bit_offset, 0) - bit_size;
	}
	return bits;
}

static void load_members(struct ctype_source *src, struct ctype *t)
{
	struct dwarf_ctypes *types = (struct dwarf_ctypes *)((char *)src -
							     offsetof(struct dwarf_ctypes, source));
	Dwarf_Die die, child;
	size_t cap = 0;

	if (!dwarf_ctype_die(types, t, &die) || dwarf_child(&die, &child) != 0)
		return;
	do {
		struct ctype_member m;
		const char *name;

		if (dwarf_tag(&child) != DW_TAG_member)
			continue;
		name = dwarf_diename(&child);
		m.name = name ? name : "";
		m.type = dwarf_ctype_of_die(types, &child);
		m.bitfield_size = (unsigned)die_udata(&child, DW_AT_bit_size, 0);
		m.bit_offset = member_bit_offset(&child, m.type, m.bitfield_size);
		VEC_PUSH(t->members, t->nmembers, cap, m);
	} while (dwarf_siblingof(&child, &child) == 0);
}

struct dwarf_ctypes *dwarf_ctypes_new(Dwarf *dwarf)
{
	struct dwarf_ctypes *types = xcalloc(1, sizeof(*types));

	types->dwarf = dwarf;
	types->source.load_members = load_members;
	types->void_type.kind = CTYPE_VOID;
	types->void_type.name = "void";
	types->void_type.members_loaded = true;
	return types;
}

void dwarf_ctypes_free(struct dwarf_ctypes *types)
{
	if (!types)
		return;
	/* A typedef's slot shares its target's ctype: forget those first,
	 * while every ctype is still there to look at. */
	for (size_t i = 0; i < types->capacity; i++) {
		struct dwarf_ctype *t = types->values[i];

		if (t && (&t->t == &types->void_type || t->die != types->keys[i]))
			types->values[i] = NULL;
	}
	for (size_t i = 0; i < types->capacity; i++) {
		struct dwarf_ctype *t = types->values[i];

		if (!t)
			continue;
		free((char *)t->t.name);
		free(t->t.members);
		free(t);
	}
	free(types->keys);
	free(types->values);
	free(types);
}
