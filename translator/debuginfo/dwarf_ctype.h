/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DWARF type DIEs as ctypes (ctype.h): the same descriptions BTF gives, so
 * the `$var` walk (target_var.c), and later @cast/@var, serve both.
 *
 *   struct dwarf_ctypes *types = dwarf_ctypes_new(dwarf);
 *   const struct ctype *t = dwarf_ctype_of_die(types, &variable_die);
 *   ... ctype_find_member((struct ctype *)t->target, "f_path", &m) ...
 *   dwarf_ctypes_free(types);
 *
 * One ctype per type DIE, memoised by DIE offset and owned by the
 * dwarf_ctypes; typedefs and const/volatile share their target's ctype
 * (a ctype is what the bytes are). Struct and union members are read on
 * first use. A struct known only by a declaration has no members.
 */
#ifndef CTAP_DWARF_CTYPE_H
#define CTAP_DWARF_CTYPE_H

#include <elfutils/libdw.h>

#include "ctype.h"

struct dwarf_ctypes;

struct dwarf_ctypes *dwarf_ctypes_new(Dwarf *dwarf);
void dwarf_ctypes_free(struct dwarf_ctypes *types);

/* The ctype of a type DIE (base, pointer, struct, union, enum, array,
 * typedef, const, volatile, subroutine); NULL type: void. */
const struct ctype *dwarf_ctype(struct dwarf_ctypes *types, Dwarf_Die *type);

/* The ctype of what die's DW_AT_type names (a variable, parameter,
 * member or function's return); void when it has none. */
const struct ctype *dwarf_ctype_of_die(struct dwarf_ctypes *types, Dwarf_Die *die);

/* The DIE a ctype was made from (for a struct: its definition or
 * declaration); false for the void made for a missing type. */
bool dwarf_ctype_die(struct dwarf_ctypes *types, const struct ctype *t, Dwarf_Die *die);

#endif
