/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The steps of pass 2, run in this order by elaborate() in elaborate.c.
 * Each returns the number of errors it reported.
 */
#ifndef CTAP_ELABORATE_H
#define CTAP_ELABORATE_H

#include "session.h"

/* Errors for every construct the steps below do not implement yet. */
int reject_unsupported(struct session *s);
/* Probe points to concrete sites through the provider registry. */
int resolve_probe_points(struct session *s);
/* Identifiers to globals, probe locals and built-in functions. */
int resolve_symbols(struct session *s);
/* Types of every variable and expression, to a fixed point; then checks. */
int infer_types(struct session *s);
/* Warnings for variables that are read but never written. */
void warn_unassigned(struct session *s);

#endif
