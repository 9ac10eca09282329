/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The tapset library: script files that define functions, globals and probe
 * aliases for user scripts. The search path is every -I DIR in order, then
 * ctap's own tapset directory; each directory is searched with its ARCH/,
 * linux/ and linux/ARCH/ subdirectories. Macro files (.stpm) are loaded
 * eagerly, before any script is parsed; .stp files are only indexed (a fast
 * scan for the names they define) and parsed into s->program when pass 2
 * asks for a name they define, so a script parses only what it uses.
 */
#ifndef CTAP_TAPSET_H
#define CTAP_TAPSET_H

#include <stdbool.h>

#include "ast.h"
#include "preprocess.h"
#include "session.h"

/*
 * Build the index of the search path once and load every .stpm file's
 * macros. Returns 0 on success, -1 if a macro file failed (reported).
 */
int tapset_index_build(struct session *s);

/* The macros of the library's .stpm files, for preprocessing the user's
 * script; NULL before tapset_index_build. */
const struct macro_library *tapset_macros(const struct session *s);

/*
 * Parse into s->program (once per file) the tapset files that define the
 * function NAME (for each arity, the first file of the search path that
 * defines it: a file earlier on the path shadows later ones) or the global
 * NAME. Private definitions are never offered: they belong to their file.
 * Returns the number of files newly loaded, 0 if none (or all already
 * loaded), -1 if a tapset failed to parse (reported).
 */
int tapset_require_function(struct session *s, const char *name);
int tapset_require_global(struct session *s, const char *name);

/*
 * Likewise for every file defining a probe alias whose name may match PP:
 * PP's components (with * and ** wildcards) against the alias's name, which
 * may be a prefix of PP (the rest is the alias's suffix).
 */
int tapset_require_aliases(struct session *s, const struct probe_point *pp);

/*
 * The names of the public functions the library defines, loaded or not,
 * each once, for "similar:" suggestions. The array and its strings belong
 * to the index; returns the count (0 before tapset_index_build).
 */
size_t tapset_function_names(const struct session *s, const char *const **names);

/* True when LOC lies in a tapset file rather than the user's script. */
bool location_in_tapset(struct location loc);

/* How many library files have been parsed so far (-v reports it). */
int tapset_files_parsed(const struct session *s);

/* Parse every file of the library; 0 when all parsed cleanly. */
int tapset_load_all(struct session *s);

/*
 * --dump-functions and --dump-probe-aliases: parse the whole library and
 * print every public function ("name:type (param:type, ...)") or every
 * alias ("name = point, point"), sorted, one a line. 0 on success.
 */
int tapset_dump_functions(struct session *s, FILE *out);
int tapset_dump_probe_aliases(struct session *s, FILE *out);

/* Free the index (the parsed files belong to s->program). */
void tapset_index_free(struct session *s);

#endif
