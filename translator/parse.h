/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pass 1b: tokens to the abstract syntax tree. */
#ifndef CTAP_PARSE_H
#define CTAP_PARSE_H

#include "ast.h"
#include "preprocess.h"

/*
 * Lex, preprocess (for target) and parse one file into prog (globals and
 * probes are appended; the file is owned by prog afterwards). Every error is reported; the parser resumes
 * at the next top-level declaration. Returns the number of parse errors.
 */
int parse_file(struct program *prog, struct source_file *file,
	       const struct preprocess_target *target);

#endif
