/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Functions the translator implements directly: the printing family, which
 * SystemTap treats as language built-ins, and the few context functions
 * this stage needs. Each knows its arity, argument and result types, and
 * the runtime call it becomes.
 */
#ifndef CTAP_BUILTINS_H
#define CTAP_BUILTINS_H

#include <stdbool.h>
#include <stddef.h>

#include "ast.h"

enum builtin_kind {
	BUILTIN_PRINT,		/* print(x, ...) and its kin: see `print` */
	BUILTIN_PRINTF,		/* printf("fmt", ...), sprintf */
	BUILTIN_EXIT,		/* exit() */
	BUILTIN_CONTEXT_LONG,	/* pid() etc.: a runtime call returning long */
	BUILTIN_CONTEXT_STRING,	/* execname(): a runtime call filling a buffer */
	BUILTIN_REGEX_GROUP,	/* matched(n): group n of the last =~ match */
};

/* How a print-family builtin (BUILTIN_PRINT, BUILTIN_PRINTF) prints. */
enum {
	PRINT_TO_STRING = 1,	/* sprint...: returns the text instead */
	PRINT_NEWLINE = 2,	/* ...ln: a newline after the values */
	PRINT_DELIMITED = 4,	/* ...d: a literal first argument goes between values */
};

struct builtin {
	const char *name;
	enum builtin_kind kind;
	int min_args;
	int max_args;		/* -1: any number */
	enum value_type result;
	const char *runtime_call;	/* for the CONTEXT kinds */
	unsigned print;		/* PRINT_* for the print family */
};

const struct builtin *builtin_lookup(const char *name);
/* matched(), matched_str(), ngroups(): =~ must then record its groups. */
bool builtin_reads_regex_groups(const struct builtin *b);
/* Names of all builtins, for "similar:" suggestions. */
const struct builtin *builtin_table(size_t *count);

#endif
