/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pass 1's preprocessor, between the lexer and the parser: conditionals
 *   %( CONDITION %? TOKENS [ %: TOKENS ] %)
 * decided against the target (kernel_v, kernel_vr, arch, runtime,
 * systemtap_v, systemtap_privilege, guru_mode, CONFIG_*, $#, @#), and
 * macros: @define NAME[(PARAM, ...)] %( BODY %), used as @NAME[(ARGS)];
 * and script arguments: $N becomes the tokens of argument N, @N a string
 * of it, $# the count and @# a string of it, as SystemTap substitutes them.
 */
#ifndef CTAP_PREPROCESS_H
#define CTAP_PREPROCESS_H

#include <stdbool.h>

#include "lex.h"

struct preprocess_target {
	const char *release;		/* kernel_vr: 6.1.0-56-amd64 */
	const char *arch;		/* x86_64 */
	const char *config_path;	/* the target's .config, or NULL */
	int nargs;			/* $# and @# */
	char *const *args;		/* $1 and @1 are args[0] */
	bool guru;			/* -g: embedded C, guru-only operators */
	const char *systemtap_version;	/* systemtap_v (--compatible); NULL: ctap's */
};

/*
 * Replace tokens by their preprocessed form (the list keeps its TOK_EOF
 * end). Errors are reported as parse errors; returns how many.
 */
int preprocess(struct token_list *tokens, const struct preprocess_target *target);

#endif
