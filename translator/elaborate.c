// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pass 2 driver. Like bpftrace's pass manager,
 * each step is its own function (in its own file) over the whole program;
 * a step runs only when the steps before it succeeded, so no step sees a
 * half-resolved tree.
 */
#include "elaborate.h"

#include "probes/probes.h"

int elaborate(struct session *s)
{
	int unsupported = reject_unsupported(s);
	int errors = unsupported + resolve_probe_points(s);

	/* The steps below handle only what reject_unsupported lets through. */
	if (unsupported)
		return errors;
	errors += resolve_symbols(s);
	if (!errors)
		errors = infer_types(s);
	if (!errors)
		warn_unassigned(s);
	if (!errors && s->nprobes == 0) {
		diag_semantic_error_plain("no probes found");
		errors++;
	}
	return errors;
}
