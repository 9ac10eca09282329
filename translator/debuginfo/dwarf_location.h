/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DWARF location expressions compiled to C. A variable's location at a
 * probe address becomes one C expression (int64_t) over the runtime's
 * probe context `c`: registers through stp_dwarf_register(c, DWARF
 * number), memory through stp_kread() (fault-safe; a fault is a script
 * error), statics through stp_kernel_static() (KASLR-safe). The expression
 * is either the variable's value (a register, DW_OP_stack_value, pieces
 * assembled) or the address of its bytes in memory.
 *
 *   struct dwarf_location_site at = { di, &cu, &scope_die, pc };
 *   struct dwarf_location loc;
 *   if (!dwarf_variable_location(&at, &var_die, type, &loc, &why))
 *           error("... %s", why);   // "it is optimized out here", ...
 *
 * Reads inside the expression report faults near `stp_where`, a
 * `const char *` the caller's C must have in scope.
 */
#ifndef CTAP_DWARF_LOCATION_H
#define CTAP_DWARF_LOCATION_H

#include <elfutils/libdw.h>
#include <stdbool.h>
#include <stdint.h>

#include "ctype.h"
#include "debuginfo.h"

/* Where a location is evaluated. */
struct dwarf_location_site {
	struct debuginfo *di;
	Dwarf_Die *cu;
	/* The function the probe is in, or an inlined instance in it: its
	 * enclosing subprogram gives the frame base and the entry pc. */
	Dwarf_Die *function;
	uint64_t pc;			/* link-time probe address */
};

struct dwarf_location {
	bool in_memory;			/* expr is the address of the bytes */
	char *expr;			/* malloc'd C expression, int64_t */
	bool in_register;		/* the value is DWARF register reg alone */
	unsigned reg;			/* (guru writes set it there) */
};

/*
 * The location of variable (a formal_parameter or variable DIE) of type
 * at site: its DW_AT_location (a location list picked by pc), or
 * DW_AT_const_value. A value narrower than 8 bytes is truncated and
 * extended by type's signedness. False with *why (malloc'd, SystemTap's
 * wording where it has one) when it cannot be read here.
 */
bool dwarf_variable_location(const struct dwarf_location_site *site, Dwarf_Die *variable,
			     const struct ctype *type, struct dwarf_location *out, char **why);

/*
 * The C expression of a DWARF expression that computes an address or
 * value (a frame base, a CFA rule, DW_AT_data_member_location). attr is
 * the attribute ops came from (for DW_OP_entry_value's block), or NULL.
 */
bool dwarf_expr_value(const struct dwarf_location_site *site, Dwarf_Attribute *attr,
		      const Dwarf_Op *ops, size_t nops, char **expr, char **why);

/* value (a C expression, consumed) cut to type's size and extended by
 * its signedness, when type is narrower than 8 bytes (an int in rax). */
char *dwarf_value_of_type(char *value, const struct ctype *type);

#endif
