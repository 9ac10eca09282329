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

struct macro_library;

struct preprocess_target {
	const char *release;		/* kernel_vr: 6.1.0-56-amd64 */
	const char *arch;		/* x86_64 */
	const char *config_path;	/* the target's .config, or NULL */
	int nargs;			/* $# and @# */
	char *const *args;		/* $1 and @1 are args[0] */
	bool guru;			/* -g: embedded C, guru-only operators */
	const char *systemtap_version;	/* systemtap_v (--compatible); NULL: ctap's */
	/* @define's of the tapsets' .stpm files, or NULL: @NAME looks first
	 * at the file's own macros, then here. */
	const struct macro_library *macros;
};

/*
 * A file's preprocessed tokens, pulled one at a time: the file is lexed
 * as they are asked for. Token texts go to ARENA, which must outlive
 * every token handed out. Errors are reported as parse errors.
 */
struct preprocessor;
struct preprocessor *preprocessor_new(const struct source_file *file,
				      const struct preprocess_target *target,
				      struct arena *arena);
/* The next token, written to *tok; TOK_EOF at the end, and again on every
 * later call. */
void preprocessor_next(struct preprocessor *pp, struct token *tok);
/* Whether the file held any token before preprocessing. */
bool preprocessor_file_had_tokens(const struct preprocessor *pp);
void preprocessor_free(struct preprocessor *pp);

/*
 * The @define's of .stpm files, which SystemTap loads from the tapset
 * directories before any script: every script and tapset may use them.
 */
struct macro_library *macro_library_new(void);
void macro_library_free(struct macro_library *lib);
/*
 * Preprocess FILE, a .stpm holding only @define's, comments and %( %)
 * conditionals (anything else is the parse error "unexpected token in
 * library macro file"), and keep its @define's in LIB. A name defined by
 * an earlier file is an error. A file with errors adds no macro (SystemTap
 * skips it whole). LIB takes FILE: tokens expanded from its macros point
 * into it, so free LIB after every program parsed with it. Returns the
 * error count; errors are reported as parse errors.
 */
int macro_library_load(struct macro_library *lib, struct source_file *file,
		       const struct preprocess_target *target);

#endif
