// SPDX-License-Identifier: GPL-2.0-or-later
#include "alias.h"

#include <stdlib.h>
#include <string.h>

#include "ast_copy.h"
#include "util.h"

int alias_check_names(struct program *prog, size_t *checked)
{
	int errors = 0;

	for (; *checked < prog->naliases; (*checked)++) {
		const struct probe *alias = prog->aliases[*checked];
		const struct probe_point *name = alias->alias;

		for (size_t c = 0; c < name->ncomponents; c++) {
			char *message;

			if (!name->components[c].arg)
				continue;
			/* SystemTap's two-part message, its token description included. */
			diag_semantic_error("while registering probe alias", "keyword",
					    alias->loc);
			message = xasprintf("alias component %s contains illegal parameter",
					    name->components[c].name);
			diag_semantic_error_plain(message);
			free(message);
			errors++;
			break;
		}
	}
	return errors;
}

/* a && b, either of which may be NULL (copies). */
static struct expr *conjunction(const struct expr *a, const struct expr *b)
{
	struct expr *e;

	if (!a || !b)
		return expr_copy(a ? a : b);
	e = expr_new(EXPR_LOGICAL, b->loc);
	strcpy(e->u.op.op, "&&");
	e->u.op.left = expr_copy(a);
	e->u.op.right = expr_copy(b);
	return e;
}

static struct probe_point *expanded_point(const struct probe_point *alias_point,
					  const struct probe_point *user_point,
					  size_t suffix_at)
{
	struct probe_point *pp = probe_point_copy(alias_point);
	size_t cap = pp->ncomponents;

	for (size_t i = suffix_at; i < user_point->ncomponents; i++) {
		struct probe_point_component c = {
			xstrdup(user_point->components[i].name),
			expr_copy(user_point->components[i].arg),
			user_point->components[i].loc,
		};

		VEC_PUSH(pp->components, pp->ncomponents, cap, c);
	}
	expr_free(pp->condition);
	pp->condition = conjunction(alias_point->condition, user_point->condition);
	return pp;
}

struct probe *alias_expand(const struct probe *alias, const struct stmt *user_body,
			   const struct probe_point *user_point, size_t suffix_at)
{
	struct probe *p = xcalloc(1, sizeof(*p));
	struct stmt *body = stmt_new(STMT_BLOCK, alias->body->loc);
	size_t cap = 0;

	p->loc = alias->loc;
	for (size_t i = 0; i < alias->npoints; i++)
		VEC_PUSH(p->points, p->npoints, cap,
			 expanded_point(alias->points[i], user_point, suffix_at));
	if (alias->alias_epilogue) {
		VEC_PUSH(body->u.block.items, body->u.block.count, body->u.block.cap,
			 stmt_copy(user_body));
		VEC_PUSH(body->u.block.items, body->u.block.count, body->u.block.cap,
			 stmt_copy(alias->body));
	} else {
		VEC_PUSH(body->u.block.items, body->u.block.count, body->u.block.cap,
			 stmt_copy(alias->body));
		VEC_PUSH(body->u.block.items, body->u.block.count, body->u.block.cap,
			 stmt_copy(user_body));
	}
	p->body = body;
	return p;
}

char *alias_origin_text(const struct probe *alias)
{
	struct strbuf sb;
	char *name = probe_point_string(alias->alias);

	strbuf_init(&sb);
	strbuf_addf(&sb, "%s %s ", name, alias->alias_epilogue ? "+=" : "=");
	free(name);
	for (size_t i = 0; i < alias->npoints; i++) {
		char *pp = probe_point_string(alias->points[i]);

		strbuf_addf(&sb, "%s%s", i ? ", " : "", pp);
		free(pp);
	}
	return strbuf_detach(&sb);
}
