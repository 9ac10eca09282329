// SPDX-License-Identifier: GPL-2.0-or-later
/* Compiled with -g by dwarf_test: its DWARF describes test_global. */
#include "dwarf_test_types.h"

struct test_outer test_global;

int main(void)
{
	return test_global.a;
}
