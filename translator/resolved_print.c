// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -p2's product: the resolved program, in a stable text form modelled on
 * SystemTap's -p2 -v output: the kept globals with their types (and key
 * types for arrays), the kept functions with their parameter and result
 * types, and each derived probe with the probe point it came from, its
 * locals and its body after alias expansion.
 */
#include "elaborate.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probes/probes.h"

static void print_key_types(FILE *out, const struct symbol *sym)
{
	if (!sym->arity_known || sym->arity == 0)
		return;
	fputs(" [", out);
	for (int i = 0; i < sym->arity && i < MAX_ARRAY_KEYS; i++)
		fprintf(out, "%s%s", i ? ", " : "", value_type_name(sym->key_types[i]));
	fputc(']', out);
}

static void print_global(FILE *out, const struct symbol *g)
{
	fputs(g->name, out);
	if (g->max_entries)
		fprintf(out, "[%" PRIu64 "]", g->max_entries);
	if (g->wrap)
		fputc('%', out);
	fprintf(out, ":%s", value_type_name(g->type));
	print_key_types(out, g);
	print_global_init(out, g);
	fputc('\n', out);
}

static int by_name_then_arity(const void *a, const void *b)
{
	const struct function *fa = *(const struct function *const *)a;
	const struct function *fb = *(const struct function *const *)b;
	int c = strcmp(fa->name, fb->name);

	if (c)
		return c;
	return fa->nparams < fb->nparams ? -1 : fa->nparams > fb->nparams;
}

static void print_function(FILE *out, const struct function *f)
{
	fprintf(out, "%s:%s (", f->name, value_type_name(f->type));
	for (size_t i = 0; i < f->nparams; i++) {
		enum value_type type = i < f->nlocals ? f->locals[i]->type : f->params[i].type;

		fprintf(out, "%s%s:%s", i ? ", " : "", f->params[i].name,
			value_type_name(type));
	}
	fputs(")\n", out);
	if (f->nlocals > f->nparams) {
		fputs("  # locals\n", out);
		for (size_t i = f->nparams; i < f->nlocals; i++)
			fprintf(out, "  %s:%s\n", f->locals[i]->name,
				value_type_name(f->locals[i]->type));
	}
	if (f->embedded)
		fprintf(out, "%%{%s%%}\n", f->embedded);
	else
		print_stmt(out, f->body);
}

static void print_functions(FILE *out, const struct program *prog)
{
	const struct function **sorted;

	if (!prog->nfunctions)
		return;
	sorted = malloc(prog->nfunctions * sizeof(*sorted));
	if (!sorted)
		return;
	memcpy(sorted, prog->functions, prog->nfunctions * sizeof(*sorted));
	qsort(sorted, prog->nfunctions, sizeof(*sorted), by_name_then_arity);
	fputs("# functions\n", out);
	for (size_t i = 0; i < prog->nfunctions; i++)
		print_function(out, sorted[i]);
	free(sorted);
}

void print_resolved_program(FILE *out, const struct session *s)
{
	const struct program *prog = &s->program;

	if (prog->nglobals)
		fputs("# globals\n", out);
	for (size_t i = 0; i < prog->nglobals; i++)
		print_global(out, prog->globals[i]);
	print_functions(out, prog);
	fputs("# probes\n", out);
	for (size_t i = 0; i < s->nprobes; i++) {
		const struct derived_probe *dp = s->probes[i];
		const struct probe *probe = dp->probe;

		fputs(dp->pp, out);
		if (dp->condition) {
			fputs(" if (", out);
			print_expr(out, dp->condition);
			fputc(')', out);
		}
		fprintf(out, " /* <- %s */\n", dp->origin);
		if (probe->nlocals)
			fputs("  # locals\n", out);
		for (size_t j = 0; j < probe->nlocals; j++)
			fprintf(out, "  %s:%s\n", probe->locals[j]->name,
				value_type_name(probe->locals[j]->type));
		print_stmt(out, probe->body);
	}
}
