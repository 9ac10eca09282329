/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Deep copies of AST pieces, for alias expansion: every probe on an alias
 * gets its own copy of the alias's body and points. Copies are allocated
 * like parsed nodes that expr_free/stmt_free/probe_point_free release, and
 * carry no pass-2 annotations (types, bound symbols and functions).
 */
#ifndef CTAP_AST_COPY_H
#define CTAP_AST_COPY_H

#include "ast.h"

struct expr *expr_copy(const struct expr *e);		/* NULL gives NULL */
struct stmt *stmt_copy(const struct stmt *s);		/* NULL gives NULL */
struct probe_point *probe_point_copy(const struct probe_point *pp);

#endif
