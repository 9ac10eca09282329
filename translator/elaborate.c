// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pass 2 driver. Like bpftrace's pass manager, each step is its own
 * function (in its own file) over the whole program; a step runs only when
 * the steps before it succeeded, so no step sees a half-resolved tree.
 *   1. probe points: aliases expanded, then points to derived probes
 *      (probe_points.c and probes/)
 *   1b. procfs probes' $value rewritten into tapset calls (probes/procfs_value.c)
 *   2. symbols: globals, locals, functions, tapsets to closure (resolve.c)
 *   3. pruning: unreachable functions and unused globals (prune.c); before
 *      types, so code no probe runs is not typed, as in SystemTap
 *   4. types: inference to a fixed point and every conflict (typecheck.c)
 *   5. no array modified inside a foreach over it (foreach_check.c)
 */
#include "elaborate.h"

#include "probes/probes.h"

int elaborate(struct session *s)
{
	int errors = resolve_probe_points(s);
	int warnings;

	errors += rewrite_procfs_values(s);
	errors += resolve_symbols(s);
	if (errors)
		return errors;
	warnings = prune_program(s);
	errors = infer_types(s);
	if (!errors)
		errors = check_foreach_modifications(s);
	if (!errors && s->nprobes == 0) {
		diag_semantic_error_plain("no probes found");
		errors++;
	}
	/* -W: a warning fails the pass as an error would. */
	if (!errors && warnings && s->warnings_are_errors && !s->suppress_warnings)
		errors = warnings;
	return errors;
}
