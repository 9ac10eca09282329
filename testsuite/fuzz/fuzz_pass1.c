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

#include "../../translator/ast.h"
#include "../../translator/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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

	if (parse_file(&prog, file, &target) == 0 && sink)
		print_program(sink, &prog);
	if (sink)
		fclose(sink);
	program_free(&prog);
	return 0;
}
