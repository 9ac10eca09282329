/* SPDX-License-Identifier: GPL-2.0-or-later */
/* How messages name an expression: its token and where it is. */
#ifndef CTAP_EXPR_DESC_H
#define CTAP_EXPR_DESC_H

#include "ast.h"

/* SystemTap's words for e's token: "identifier 'x'", "operator '+'", ... */
char *expr_desc(const struct expr *e);
struct location expr_loc(const struct expr *e);

#endif
