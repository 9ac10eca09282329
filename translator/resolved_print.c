// SPDX-License-Identifier: GPL-2.0-or-later
/* -p2's product: the resolved program, in a stable text form. */
#include "elaborate.h"

#include <stdio.h>
#include <stdlib.h>

#include "probes/probes.h"

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
