/* SPDX-License-Identifier: GPL-2.0-or-later */
/* stap -l PATTERN and -L PATTERN: the probe points a pattern matches. */
#ifndef CTAP_LISTING_H
#define CTAP_LISTING_H

#include <stdbool.h>
#include <stdio.h>

#include "session.h"

/* The script -l/-L resolves: a probe on the pattern with an empty body. */
char *listing_script(const char *pattern);

/*
 * With the listing script parsed into s->program: print each probe point
 * the pattern matches, sorted, once (an alias by its name, a family's
 * point as resolved); with_vars adds the variables every probe of that
 * point has (an alias's locals, by type). Returns stap's exit status:
 * 1 when nothing matched, as SystemTap.
 */
int list_probe_points(struct session *s, bool with_vars, FILE *out);

#endif
