// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The probe-point step of pass 2: every probe point of every probe is
 * offered to the provider registry (probes/registry.c), whose families turn
 * it into concrete probe sites (derived probes).
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

