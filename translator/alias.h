/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Probe aliases: `probe NAME = POINTS { prologue }` and
 * `probe NAME += POINTS { epilogue }`. A probe on NAME becomes a probe on
 * each of POINTS whose body is { prologue; body } or { body; epilogue }:
 * one body, so the alias's and the user's locals are the same variables.
 */
#ifndef CTAP_ALIAS_H
#define CTAP_ALIAS_H

#include "ast.h"

/*
 * Report every alias from prog->aliases[*checked] on whose name has a
 * parameter (SystemTap's "alias component NAME contains illegal
 * parameter"); *checked becomes prog->naliases. Returns the errors.
 */
int alias_check_names(struct program *prog, size_t *checked);

/*
 * The probe that a probe with body user_body at user_point (a point that
 * names alias, its components from suffix_at on being a suffix for every
 * point of the alias) becomes. Its points are copies of the alias's, with
 * the suffix appended, the user point's condition joined to each one's
 * with &&. (An optional or sufficient user point makes them optional too:
 * the caller resolves them so, their text unchanged, as SystemTap.)
 */
struct probe *alias_expand(const struct probe *alias, const struct stmt *user_body,
			   const struct probe_point *user_point, size_t suffix_at);

/* "NAME = POINT, POINT" as SystemTap's -p2 shows where a probe came from. */
char *alias_origin_text(const struct probe *alias);

#endif
