// SPDX-License-Identifier: GPL-2.0-or-later
/* Compiled with -g by dwarf_test: its DWARF describes test_global. */
#include "dwarf_test_types.h"

struct test_outer test_global;

/* At -O0 its parameter lives in the frame: DW_OP_fbreg from the CFA. */
int test_function(int param)
{
	int local = param * 2;

	return local;
}

int main(void)
{
	return test_global.a + test_function(1);
}
