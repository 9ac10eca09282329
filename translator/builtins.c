// SPDX-License-Identifier: GPL-2.0-or-later
#include "builtins.h"

#include <string.h>

#include "util.h"

static const struct builtin builtins[] = {
	/* SystemTap's print_format family; a delimited one takes the
	 * delimiter and at least two values. */
	{ "print", BUILTIN_PRINT, 1, -1, TYPE_UNKNOWN, NULL, 0 },
	{ "println", BUILTIN_PRINT, 0, -1, TYPE_UNKNOWN, NULL, PRINT_NEWLINE },
	{ "printd", BUILTIN_PRINT, 3, -1, TYPE_UNKNOWN, NULL, PRINT_DELIMITED },
	{ "printdln", BUILTIN_PRINT, 3, -1, TYPE_UNKNOWN, NULL,
	  PRINT_DELIMITED | PRINT_NEWLINE },
	{ "sprint", BUILTIN_PRINT, 1, -1, TYPE_STRING, NULL, PRINT_TO_STRING },
	{ "sprintln", BUILTIN_PRINT, 0, -1, TYPE_STRING, NULL,
	  PRINT_TO_STRING | PRINT_NEWLINE },
	{ "sprintd", BUILTIN_PRINT, 3, -1, TYPE_STRING, NULL,
	  PRINT_TO_STRING | PRINT_DELIMITED },
	{ "sprintdln", BUILTIN_PRINT, 3, -1, TYPE_STRING, NULL,
	  PRINT_TO_STRING | PRINT_DELIMITED | PRINT_NEWLINE },
	{ "printf", BUILTIN_PRINTF, 1, -1, TYPE_UNKNOWN, NULL, 0 },
	{ "sprintf", BUILTIN_PRINTF, 1, -1, TYPE_STRING, NULL, PRINT_TO_STRING },
	{ "exit", BUILTIN_EXIT, 0, 0, TYPE_UNKNOWN, NULL, 0 },
	{ "pid", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_pid", 0 },
	{ "tid", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_tid", 0 },
	{ "target", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_target", 0 },
	{ "cpu", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_cpu", 0 },
	{ "user_mode", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_user_mode", 0 },
	{ "execname", BUILTIN_CONTEXT_STRING, 0, 0, TYPE_STRING, "stp_execname", 0 },
	/* the current task_struct's address (task.stp in SystemTap), for @cast */
	{ "task_current", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_task_current", 0 },
	/* The last successful =~ of this CPU's probe run (regex.stp in SystemTap). */
	{ "matched", BUILTIN_REGEX_GROUP, 1, 1, TYPE_STRING, "stp_regex_matched", 0 },
	{ "matched_str", BUILTIN_CONTEXT_STRING, 0, 0, TYPE_STRING, "stp_regex_matched_str", 0 },
	{ "ngroups", BUILTIN_CONTEXT_LONG, 0, 0, TYPE_LONG, "stp_regex_ngroups", 0 },
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
