/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Types dwarf_test checks: compiled into a program with -g, and into the
 * test itself, whose sizeof/offsetof are the expected layout. */
typedef unsigned int test_u32;
typedef const volatile test_u32 test_cv_u32;

enum test_color { TEST_RED = -1, TEST_GREEN = 2 };

struct test_inner {
	char name[16];
	long value;
};

struct test_outer {
	int a;
	unsigned flag : 3;
	signed level : 5;
	struct test_inner items[4];
	union {
		int x;
		char c;
	};
	test_cv_u32 counter;
	enum test_color color;
	struct test_outer *next;
	int grid[2][3];
};
