/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The steps of pass 2, run in this order by elaborate() in elaborate.c.
 * Each returns the number of errors it reported.
 */
#ifndef CTAP_ELABORATE_H
#define CTAP_ELABORATE_H

#include "session.h"

/* Probe points to concrete sites through the provider registry. */
int resolve_probe_points(struct session *s);
/* procfs probes' $value to calls of the procfs tapset (probes/procfs_value.c). */
int rewrite_procfs_values(struct session *s);
/* Identifiers to globals, locals, parameters, script, tapset and built-in
 * functions (loading tapsets as needed); array arities. */
int resolve_symbols(struct session *s);
/* Types of every variable, array key, function and expression, to a fixed
 * point; then every conflict. */
int infer_types(struct session *s);
/* No element of an array stored or deleted inside a foreach over it,
 * directly or through a called function (foreach_check.c). */
int check_foreach_modifications(struct session *s);
/* Unused functions, globals and locals removed (unless -u); warnings for
 * variables read but never written. Returns the warnings given. */
int prune_program(struct session *s);
/* Dead stores to locals and statements that do nothing, unless -u
 * (elide.c, called by prune_program); returns the warnings given. */
int elide_dead_code(struct session *s);

/* True when loc lies in the user's script rather than a tapset. */
bool in_user_script(const struct program *prog, struct location loc);

/* Errors for every construct pass 3 does not implement yet (pass 3's
 * first step, in unsupported.c). */
int reject_unsupported(struct session *s);
/* Whether e reads or writes a global, itself or through the functions it
 * calls (translate.c's lock analysis). */
bool expr_uses_globals(const struct session *s, const struct expr *e);

#endif
