/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A read-only walk over every statement and expression of a program. */
#ifndef CTAP_AST_WALK_H
#define CTAP_AST_WALK_H

#include "ast.h"

/* Called for each node, parents before children; either may be NULL. */
struct ast_visitor {
	void (*expr)(const struct expr *e, void *ctx);
	void (*stmt)(const struct stmt *st, void *ctx);
	void *ctx;
};

void walk_expr(const struct ast_visitor *v, const struct expr *e);
void walk_stmt(const struct ast_visitor *v, const struct stmt *st);
/* Probe bodies in order, then script function bodies in order. */
void walk_program(const struct ast_visitor *v, const struct program *prog);

#endif
