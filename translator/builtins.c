// SPDX-License-Identifier: GPL-2.0-or-later
#include "builtins.h"

#include <string.h>

#include "util.h"

static const struct builtin builtins[] = {
	{ "print", BUILTIN_PRINT, 1, -1, TYPE_UNKNOWN, NULL },
	{ "println", BUILTIN_PRINTLN, 0, -1, TYPE_UNKNOWN, NULL },
	{ "printf", BUILTIN_PRINTF, 1, -1, TYPE_UNKNOWN, NULL },
	{ "exit", BUILTIN_EXIT, 0, 0, TYPE_UNKNOWN, NULL },
	{ "pid", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_pid" },
	{ "tid", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_tid" },
	{ "target", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_target" },
	{ "cpu", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_cpu" },
	{ "user_mode", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_user_mode" },
	{ "execname", BUILTIN_CONTEXT_STRING, 0, 0, TYPE_STRING, "stp_execname" },
	/* The last successful =~ of this CPU's probe run (regex.stp in SystemTap). */
	{ "matched", BUILTIN_REGEX_GROUP, 1, 1, TYPE_STRING, "stp_regex_matched" },
	{ "matched_str", BUILTIN_CONTEXT_STRING, 0, 0, TYPE_STRING, "stp_regex_matched_str" },
	{ "ngroups", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_regex_ngroups" },
};

bool builtin_reads_regex_groups(const struct builtin *b)
{
	return b->kind == BUILTIN_REGEX_GROUP || strcmp(b->name, "matched_str") == 0 ||
	       strcmp(b->name, "ngroups") == 0;
}

const struct builtin *builtin_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(builtins); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

const struct builtin *builtin_table(size_t *count)
{
	*count = ARRAY_SIZE(builtins);
	return builtins;
}
