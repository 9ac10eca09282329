// SPDX-License-Identifier: GPL-2.0-or-later
#include "ctype.h"

#include <stdlib.h>
#include <string.h>

#include "../util.h"

void ctype_load_members(struct ctype *t)
{
	if (!t->members_loaded && t->source)
		t->source->load_members(t->source, t);
	t->members_loaded = true;
}

bool ctype_find_member(struct ctype *t, const char *name, struct ctype_member *found)
{
	if (t->kind != CTYPE_STRUCT && t->kind != CTYPE_UNION)
		return false;
	ctype_load_members(t);
	for (size_t i = 0; i < t->nmembers; i++) {
		const struct ctype_member *m = &t->members[i];

		if (strcmp(m->name, name) == 0) {
			*found = *m;
			return true;
		}
		if (!*m->name && ctype_find_member((struct ctype *)m->type, name, found)) {
			found->bit_offset += m->bit_offset;
			return true;
		}
	}
	return false;
}

static void collect_names(struct ctype *t, const char ***names, size_t *count, size_t *cap)
{
	ctype_load_members(t);
	for (size_t i = 0; i < t->nmembers; i++) {
		const struct ctype_member *m = &t->members[i];

		if (*m->name)
			VEC_PUSH(*names, *count, *cap, m->name);
		else if (m->type->kind == CTYPE_STRUCT || m->type->kind == CTYPE_UNION)
			collect_names((struct ctype *)m->type, names, count, cap);
	}
}

const char **ctype_member_names(struct ctype *t, size_t *count)
{
	const char **names = NULL;
	size_t cap = 0;

	*count = 0;
	if (t->kind == CTYPE_STRUCT || t->kind == CTYPE_UNION)
		collect_names(t, &names, count, &cap);
	return names;
}

bool ctype_is_integral(const struct ctype *t)
{
	return t->kind == CTYPE_INT || t->kind == CTYPE_ENUM || t->kind == CTYPE_POINTER;
}

bool ctype_is_string(const struct ctype *t)
{
	return t->kind == CTYPE_ARRAY && t->target->kind == CTYPE_INT && t->target->is_char;
}
