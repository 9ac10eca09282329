// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for pass 1: any bytes go through the lexer, the
 * preprocessor (against a fixed target) and the parser, then the tree is
 * printed and freed. Built with ASan and UBSan by `make fuzz`; any crash,
 * leak, overflow or undefined behaviour is a finding.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../../translator/ast.h"
#include "../../translator/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Tapset-style macros every input may use, as a .stpm would define them:
 * their bodies use each other, so library scoping is exercised too. */
static const char library_text[] =
	"@define lib_one %( 1 %)\n"
	"@define lib_sum(a, b) %( (@a + @b + @lib_one) %)\n"
	"@define lib_cond(x) %( %( arch == \"x86_64\" %? @x %: 0 %) %)\n";

static struct macro_library *library(const struct preprocess_target *target)
{
	static struct macro_library *lib;

	if (!lib) {
		lib = macro_library_new();
		macro_library_load(lib, source_file_new("<fuzz.stpm>", library_text,
							strlen(library_text)), target);
	}
	return lib;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *const args[] = { "1", "begin" };
	struct preprocess_target target = {
		.release = "6.1.0-56-amd64",
		.arch = "x86_64",
		.config_path = NULL,
		.nargs = 2,
		.args = args,
	};
	struct program prog = { 0 };
	struct source_file *file = source_file_new("<fuzz>", (const char *)data, size);
	FILE *sink = fopen("/dev/null", "w");

	/* Half the inputs in guru mode, so embedded C and the guru-only
	 * operators are parsed too (the choice must be a function of the
	 * input, for reproducible findings). */
	target.guru = size & 1;
	target.macros = library(&target);

	if (parse_file(&prog, file, &target) == 0 && sink)
		print_program(sink, &prog);
	if (sink)
		fclose(sink);
	program_free(&prog);
	return 0;
}
