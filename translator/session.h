/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One struct with every option and every fact about the target. */
#ifndef CTAP_SESSION_H
#define CTAP_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ast.h"

struct derived_probe;
struct tapset_index;

struct session {
	/* What to run. */
	const char *script_path;	/* NULL with -e */
	const char *script_text;	/* -e */
	int last_pass;			/* -p N, 5 by default */
	int verbose;			/* -v count */
	bool keep_build_dir;		/* -k */
	bool suppress_warnings;		/* -w */
	bool warnings_are_errors;	/* -W */
	bool keep_unused;		/* -u: no pruning of unused functions, globals */
	char *module_name;		/* -m, or derived from the script hash */
	bool module_name_given;
	const char *output_file;	/* -o */
	const char *target_command;	/* -c */
	const char *target_pid;		/* -x */
	char **defines;			/* -D NAME[=VALUE] */
	size_t ndefines, defines_cap;
	bool use_cache;			/* off with --disable-cache */
	char **script_args;		/* after the script: $1, @1, ...; $# */
	int nscript_args;
	bool guru;			/* -g: embedded C and guru-only operators */
	const char *compatible;		/* --compatible VERSION: systemtap_v */
	char **include_dirs;		/* -I DIR: more tapset directories, in order */
	size_t ninclude_dirs, include_dirs_cap;
	bool dump_functions;		/* --dump-functions */
	bool dump_probe_aliases;	/* --dump-probe-aliases */
	bool dump_probe_types;		/* --dump-probe-types */
	const char *list_pattern;	/* -l / -L PATTERN */
	bool list_vars;			/* -L: with each point's variables */
	char *list_script;		/* the script -l/-L resolves */

	/* The target kernel. */
	char *release;			/* -r, --vm series, or uname -r */
	char *kernel_build_dir;		/* /lib/modules/RELEASE/build */
	char *system_map;		/* the target's System.map, NULL if none found */
	char *kernel_config;		/* the target's .config, NULL if none found */
	char *arch;			/* the target's architecture (uname -m) */
	const char *vm_series;		/* --vm[=SERIES], NULL if not */

	/* Where ctap's own pieces are. */
	char *runtime_dir;
	char *staprun_path;
	char *vm_tool;			/* vm/ctap-vm */
	char *kernels_tool;		/* vm/ctap-kernels */
	char *tapset_dir;		/* ctap's own tapset library */
	struct tapset_index *tapsets;	/* the library's index (tapset.c) */

	/* Products of the passes. */
	bool regex_groups_read;		/* pass 2: the script calls matched() & co. */
	struct program program;
	struct derived_probe **probes;	/* pass 2: concrete probe sites */
	size_t nprobes, probes_cap;
	char *c_source;			/* pass 3 */
	char *build_dir;		/* pass 3-4 */
	char *module_path;		/* pass 4 */
};

/* Pass 2: resolve and type-check the program; 0 on success. */
int elaborate(struct session *s);
/* -p2's product: the resolved probes, their sites, and the typed globals. */
void print_resolved_program(FILE *out, const struct session *s);
/* Pass 3: write the module's C source into s->build_dir; 0 on success. */
int translate(struct session *s);
/* Pass 4: build the module with the target's kbuild; 0 on success. */
int build_module(struct session *s);
/* Remove the build directory unless -k asked to keep it (then print it). */
void cleanup_build_dir(struct session *s);
/* Pass 5: run the module with staprun (or in the VM); returns stap's exit status. */
int run_module(struct session *s);

#endif
