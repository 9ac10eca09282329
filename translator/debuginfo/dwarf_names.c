// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Types and global variables by name in a DWARF file, for @cast and @var
 * (target_types.c): the first DIE at a unit's top level with that name and
 * one of the tags asked for, in any unit or in the unit of one source file
 * (@var("name@file")). The index (dwarf_index.c) holds functions
 * only, so this walks the units in order and stops at the first match:
 * common kernel types and globals are met in the first units, a name that
 * exists nowhere costs one walk over every unit's top level.
 */
#include "debuginfo.h"

#include <dwarf.h>
#include <string.h>

/* A unit's name ("kernel/time/jiffies.c", maybe with a directory in
 * front) is file, or ends in "/" file. */
static bool unit_is_file(Dwarf_Die *cu, const char *file)
{
	const char *name = dwarf_diename(cu);
	size_t n, f = strlen(file);

	if (!name)
		return false;
	n = strlen(name);
	return strcmp(name, file) == 0 ||
	       (n > f && name[n - f - 1] == '/' && strcmp(name + n - f, file) == 0);
}

static bool tag_wanted(int tag, const int *tags, size_t ntags)
{
	for (size_t i = 0; i < ntags; i++)
		if (tags[i] == tag)
			return true;
	return false;
}

bool dwarf_find_named(struct debuginfo *di, const int *tags, size_t ntags, const char *name,
		      const char *file, bool definition, Dwarf_Die *out)
{
	Dwarf_Off offset = 0, next;
	size_t header_size;

	while (dwarf_nextcu(di->dwarf, offset, &next, &header_size, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu, die;

		if (dwarf_offdie(di->dwarf, offset + header_size, &cu) &&
		    (!file || unit_is_file(&cu, file)) && dwarf_child(&cu, &die) == 0) {
			do {
				const char *die_name;

				if (!tag_wanted(dwarf_tag(&die), tags, ntags))
					continue;
				die_name = dwarf_diename(&die);
				if (!die_name || strcmp(die_name, name) != 0)
					continue;
				if (definition && dwarf_hasattr(&die, DW_AT_declaration))
					continue;
				*out = die;
				return true;
			} while (dwarf_siblingof(&die, &die) == 0);
		}
		offset = next;
	}
	return false;
}
