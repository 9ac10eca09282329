/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The probe-point step's entry for -l and -L (resolve_probe_points, the
 * step pass 2 runs, is declared in elaborate.h). */
#ifndef CTAP_PROBE_POINTS_H
#define CTAP_PROBE_POINTS_H

#include <stddef.h>

#include "session.h"

/* One match of a listed pattern: its name (an alias's name, or a family's
 * concrete point) and the derived probes it gave, s->probes[first..end). */
struct listed_point {
	char *name;
	size_t first, end;
};

/* resolve_probe_points with every point optional and no error for what
 * matches nothing; *listed receives each top-level match (caller frees). */
int resolve_probe_points_for_listing(struct session *s, struct listed_point **listed,
				     size_t *count);

#endif
