// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pass 2 driver and the probe-point step. Like bpftrace's pass manager,
 * each step is its own function (in its own file) over the whole program;
 * a step runs only when the steps before it succeeded, so no step sees a
 * half-resolved tree.
 */
#include "elaborate.h"

#include <stdlib.h>
#include <string.h>

#include "probes/probes.h"
#include "util.h"

static int resolve_one_point(struct session *s, struct probe *probe,
			     const struct probe_point *pp)
{
	size_t nproviders;
	const struct probe_provider *const *providers = probe_providers(&nproviders);
	struct match_error err = { NULL, pp->loc };
	char *text;

	if (pp->condition) {
		diag_semantic_error("probe point conditions ('if (...)') are not "
				    "supported by this ctap yet", "probe point",
				    pp->loc);
		return 1;
	}
	for (size_t i = 0; i < nproviders; i++) {
		switch (providers[i]->match(s, probe, pp, &err)) {
		case MATCH_NONE:
			continue;
		case MATCH_OK:
			return 0;
		case MATCH_ERROR:
			text = probe_point_string(pp);
			diag_semantic_error(err.message, "while resolving probe point",
					    err.loc);
			free(err.message);
			free(text);
			return 1;
		case MATCH_EMPTY:
			goto no_match;
		}
	}
no_match:
	if (pp->optional)
		return 0;
	text = probe_point_string(pp);
	err.message = xasprintf("no match while resolving probe point %s", text);
	diag_semantic_error(err.message, "probe point", pp->loc);
	free(err.message);
	free(text);
	return 1;
}

int resolve_probe_points(struct session *s)
{
	int errors = 0;

	for (size_t i = 0; i < s->program.nprobes; i++) {
		struct probe *probe = s->program.probes[i];
		size_t before = s->nprobes;

		for (size_t j = 0; j < probe->npoints; j++)
			errors += resolve_one_point(s, probe, probe->points[j]);
		for (size_t k = before; k < s->nprobes; k++)
			s->probes[k]->handler = (int)i;
	}
	return errors;
}

int elaborate(struct session *s)
{
	int errors = resolve_probe_points(s);

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

void print_resolved_program(FILE *out, const struct session *s)
{
	const struct program *prog = &s->program;

	if (prog->nglobals)
		fputs("# globals\n", out);
	for (size_t i = 0; i < prog->nglobals; i++) {
		const struct symbol *g = prog->globals[i];

		fprintf(out, "%s:%s", g->name, value_type_name(g->type));
		print_global_init(out, g);
		fputc('\n', out);
	}
	fputs("# probes\n", out);
	for (size_t i = 0; i < s->nprobes; i++) {
		const struct derived_probe *dp = s->probes[i];
		const struct probe *probe = dp->probe;
		char *from = probe_point_string(dp->point);

		fprintf(out, "%s /* <- %s */\n", dp->pp, from);
		free(from);
		for (size_t j = 0; j < probe->nlocals; j++)
			fprintf(out, "# local %s:%s\n", probe->locals[j]->name,
				value_type_name(probe->locals[j]->type));
		print_stmt(out, probe->body);
	}
}
