// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The DWARF layers under $var: dwarf_ctype.c against a program compiled
 * with -g from dwarf_test_types.h (sizes, member and bitfield offsets,
 * anonymous unions, arrays of structs, typedef and qualifier chains,
 * enums, recursive pointers, multi-dimensional arrays, all checked
 * against this compiler's own sizeof/offsetof), and dwarf_location.c's
 * compilation of location expressions into C. Prints
 * "dwarf: N checks, N failures" and exits non-zero on any failure.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../translator/debuginfo/dwarf_ctype.h"
#include "../../translator/debuginfo/dwarf_location.h"
#include "dwarf_test_types.h"

static unsigned long checks, failures;

#define CHECK(cond)                                                        \
	do {                                                               \
		checks++;                                                  \
		if (!(cond)) {                                             \
			failures++;                                        \
			fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                          \
	} while (0)

static const struct ctype *member(const struct ctype *t, const char *name,
				  uint64_t *bit_offset, unsigned *bits)
{
	struct ctype_member m;

	if (!ctype_find_member((struct ctype *)t, name, &m)) {
		fprintf(stderr, "no member %s in %s\n", name, t->name);
		return NULL;
	}
	*bit_offset = m.bit_offset;
	*bits = m.bitfield_size;
	return m.type;
}

/* The top-level DIE named name with tag, and its CU. */
static bool find_top(Dwarf *dwarf, int tag, const char *want, Dwarf_Die *out, Dwarf_Die *cu_out)
{
	Dwarf_Off off = 0, next;
	size_t header;

	while (dwarf_nextcu(dwarf, off, &next, &header, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu, child;

		if (dwarf_offdie(dwarf, off + header, &cu) && dwarf_child(&cu, &child) == 0) {
			do {
				const char *name = dwarf_diename(&child);

				if (dwarf_tag(&child) == tag && name && strcmp(name, want) == 0) {
					*out = child;
					*cu_out = cu;
					return true;
				}
			} while (dwarf_siblingof(&child, &child) == 0);
		}
		off = next;
	}
	return false;
}

static struct elf_function_symbol printk_symbol;
static struct debuginfo kernel_image;

/*
 * test_function's parameter at its entry: -O0 keeps it at DW_OP_fbreg
 * from a DW_OP_call_frame_cfa frame base, and the CFI says the CFA is
 * %rsp + 8 at the first instruction (the return address just pushed).
 */
static void check_frame_location(Dwarf *dwarf, struct dwarf_ctypes *types)
{
	Dwarf_Die function, cu, param;
	Dwarf_Addr entry;
	struct dwarf_location loc;
	char *why = NULL;
	const char *cfa = "((stp_dwarf_register(c, 7) + 8LL) + -";

	if (!find_top(dwarf, DW_TAG_subprogram, "test_function", &function, &cu) ||
	    dwarf_entrypc(&function, &entry) != 0 || dwarf_child(&function, &param) != 0) {
		CHECK(!"test_function found");
		return;
	}
	kernel_image.dwarf = dwarf;
	struct dwarf_location_site site = { &kernel_image, &cu, &function, entry };

	if (!dwarf_variable_location(&site, &param, dwarf_ctype_of_die(types, &param),
				     &loc, &why)) {
		CHECK(!"the parameter's location compiles");
		fprintf(stderr, "parameter: %s\n", why);
	} else {
		CHECK(loc.in_memory);
		CHECK(strncmp(loc.expr, cfa, strlen(cfa)) == 0);
		if (strncmp(loc.expr, cfa, strlen(cfa)) != 0)
			fprintf(stderr, "parameter at %s\n", loc.expr);
		free(loc.expr);
	}
	free(why);
	if (kernel_image.eh_frame_cfi)
		dwarf_cfi_end(kernel_image.eh_frame_cfi);
	kernel_image.eh_frame_cfi = NULL;
	kernel_image.dwarf = NULL;
}

static void check_types(const char *program)
{
	int fd = open(program, O_RDONLY);
	Dwarf *dwarf = fd >= 0 ? dwarf_begin(fd, DWARF_C_READ) : NULL;
	struct dwarf_ctypes *types;
	const struct ctype *outer, *t, *e;
	Dwarf_Die global, cu;
	uint64_t off;
	unsigned bits;

	CHECK(dwarf != NULL);
	if (!dwarf || !find_top(dwarf, DW_TAG_variable, "test_global", &global, &cu)) {
		CHECK(!"test_global found");
		return;
	}
	types = dwarf_ctypes_new(dwarf);
	outer = dwarf_ctype_of_die(types, &global);
	CHECK(outer->kind == CTYPE_STRUCT);
	CHECK(strcmp(outer->name, "struct test_outer") == 0);
	CHECK(outer->size == sizeof(struct test_outer));
	CHECK(dwarf_ctype_of_die(types, &global) == outer);	/* memoised */

	t = member(outer, "a", &off, &bits);
	CHECK(t && t->kind == CTYPE_INT && t->is_signed && t->size == 4 && off == 0);

	/* bitfields: where this compiler put them, read back from memory */
	{
		struct test_outer probe = { 0 };
		unsigned char bytes[sizeof(probe)];
		uint64_t word;

		probe.flag = 5;
		memcpy(bytes, &probe, sizeof(bytes));
		t = member(outer, "flag", &off, &bits);
		CHECK(t && bits == 3 && !t->is_signed);
		if (t) {
			memcpy(&word, bytes + off / 8, sizeof(word));
			CHECK(((word >> (off % 8)) & 7) == 5);
		}
		memset(&probe, 0, sizeof(probe));
		probe.level = -3;
		memcpy(bytes, &probe, sizeof(bytes));
		t = member(outer, "level", &off, &bits);
		CHECK(t && bits == 5 && t->is_signed);
		if (t) {
			memcpy(&word, bytes + off / 8, sizeof(word));
			CHECK(((word >> (off % 8)) & 31) == (uint64_t)(-3 & 31));
		}
	}

	t = member(outer, "items", &off, &bits);
	CHECK(t && t->kind == CTYPE_ARRAY && t->nelems == 4 &&
	      off == 8 * offsetof(struct test_outer, items));
	if (t) {
		e = t->target;
		CHECK(e->kind == CTYPE_STRUCT && e->size == sizeof(struct test_inner));
		CHECK(t->size == sizeof(((struct test_outer *)0)->items));
		t = member(e, "name", &off, &bits);
		CHECK(t && ctype_is_string(t) && t->nelems == 16 && off == 0);
		t = member(e, "value", &off, &bits);
		CHECK(t && off == 8 * offsetof(struct test_inner, value));
	}

	/* a member of an anonymous union, found as C finds it */
	t = member(outer, "c", &off, &bits);
	CHECK(t && t->is_char && off == 8 * offsetof(struct test_outer, c));

	/* typedef of const volatile typedef: the bytes are an unsigned int */
	t = member(outer, "counter", &off, &bits);
	CHECK(t && t->kind == CTYPE_INT && !t->is_signed && t->size == 4 &&
	      off == 8 * offsetof(struct test_outer, counter));

	t = member(outer, "color", &off, &bits);
	CHECK(t && t->kind == CTYPE_ENUM && t->size == sizeof(enum test_color));

	t = member(outer, "next", &off, &bits);
	CHECK(t && t->kind == CTYPE_POINTER && t->target == outer);	/* recursion ends */

	t = member(outer, "grid", &off, &bits);
	CHECK(t && t->kind == CTYPE_ARRAY && t->nelems == 2 && t->size == sizeof(int[2][3]));
	if (t) {
		CHECK(t->target->kind == CTYPE_ARRAY && t->target->nelems == 3 &&
		      t->target->size == sizeof(int[3]));
		CHECK(t->target->target->kind == CTYPE_INT);
	}

	{
		Dwarf_Die back;

		CHECK(dwarf_ctype_die(types, outer, &back) &&
		      dwarf_tag(&back) == DW_TAG_structure_type);
	}
	check_frame_location(dwarf, types);
	dwarf_ctypes_free(types);
	dwarf_end(dwarf);
	close(fd);
}


/* ops compile to want (NULL: refused, with a reason). */
static void check_expr(const Dwarf_Op *ops, size_t n, const char *want)
{
	struct dwarf_location_site site = { .di = &kernel_image };
	char *expr = NULL, *why = NULL;
	bool ok = dwarf_expr_value(&site, NULL, ops, n, &expr, &why);

	checks++;
	if (want ? !ok || strcmp(expr, want) != 0 : ok || !why) {
		failures++;
		fprintf(stderr, "expression: got %s (%s), want %s\n", expr ? expr : "(refused)",
			why ? why : "", want ? want : "refused");
	}
	free(expr);
	free(why);
}

static void check_locations(void)
{
	const Dwarf_Op breg[] = { { .atom = DW_OP_breg7, .number = 8 } };
	const Dwarf_Op deref[] = { { .atom = DW_OP_breg5, .number = 0 },
				   { .atom = DW_OP_deref },
				   { .atom = DW_OP_plus_uconst, .number = 16 } };
	const Dwarf_Op arith[] = { { .atom = DW_OP_lit3 }, { .atom = DW_OP_lit4 },
				   { .atom = DW_OP_mul }, { .atom = DW_OP_consts, .number = -2 },
				   { .atom = DW_OP_plus }, { .atom = DW_OP_stack_value } };
	const Dwarf_Op swap[] = { { .atom = DW_OP_lit1 }, { .atom = DW_OP_lit2 },
				  { .atom = DW_OP_swap }, { .atom = DW_OP_minus },
				  { .atom = DW_OP_stack_value } };
	const Dwarf_Op reg[] = { { .atom = DW_OP_reg3 } };
	const Dwarf_Op sized[] = { { .atom = DW_OP_breg4, .number = -4 },
				   { .atom = DW_OP_deref_size, .number = 4 } };
	const Dwarf_Op branch[] = { { .atom = DW_OP_lit0 }, { .atom = DW_OP_bra, .number = 2 } };
	const Dwarf_Op underflow[] = { { .atom = DW_OP_plus } };
	const Dwarf_Op address[] = { { .atom = DW_OP_addr, .number = 0x2040 } };
	const Dwarf_Op divide[] = { { .atom = DW_OP_lit8 }, { .atom = DW_OP_breg0 },
				    { .atom = DW_OP_div }, { .atom = DW_OP_stack_value } };

	check_expr(breg, 1, "(stp_dwarf_register(c, 7) + 8LL)");
	check_expr(deref, 3, "(stp_kread(c, (stp_dwarf_register(c, 5) + 0LL), 8, 0, stp_where) + 16LL)");
	check_expr(arith, 6, "((3LL * 4LL) + (-2LL))");
	check_expr(swap, 5, "(2LL - 1LL)");
	check_expr(reg, 1, "stp_dwarf_register(c, 3)");
	check_expr(sized, 2, "stp_kread(c, (stp_dwarf_register(c, 4) + -4LL), 4, 0, stp_where)");
	check_expr(divide, 4, "stp_div(c, 8LL, (stp_dwarf_register(c, 0) + 0LL), stp_where)");
	check_expr(address, 1, "stp_kernel_static(0x2040ULL, 0x1000ULL)");
	check_expr(branch, 2, NULL);
	check_expr(underflow, 1, NULL);
	check_expr(NULL, 0, NULL);	/* no operations: optimized out */
}

int main(void)
{
	/* a kernel whose _printk is at 0x1000: statics relocate by it */
	printk_symbol = (struct elf_function_symbol){ 0x1000, 16, "_printk", true };
	kernel_image = (struct debuginfo){ .symbols = &printk_symbol, .nsymbols = 1 };
	char program[] = "/tmp/ctap-dwarf-test-XXXXXX";
	int fd = mkstemp(program);
	char *cmd;

	if (fd < 0)
		return 2;
	close(fd);
	if (asprintf(&cmd, "%s -g -O0 -I%s -o %s %s/dwarf_test_prog.c",
		     getenv("CC") ? getenv("CC") : "cc", DWARF_TEST_DIR, program,
		     DWARF_TEST_DIR) < 0 || system(cmd) != 0) {
		fprintf(stderr, "cannot compile the test program: %s\n", cmd);
		unlink(program);
		return 2;
	}
	free(cmd);
	check_types(program);
	unlink(program);
	check_locations();
	printf("dwarf: %lu checks, %lu failures\n", checks, failures);
	return failures != 0;
}
