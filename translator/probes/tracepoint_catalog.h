/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The target kernel's tracepoints. Which events exist and their systems
 * come from its headers (the .h files of include/trace/events: TRACE_SYSTEM, then
 * TRACE_EVENT / DEFINE_EVENT and their variants); an event is kept when
 * the kernel's BTF has its `btf_trace_<event>` prototype (so it is built
 * in), and its argument names come from the BTF of the event class's
 * `__bpf_trace_<class>` function.
 */
#ifndef CTAP_TRACEPOINT_CATALOG_H
#define CTAP_TRACEPOINT_CATALOG_H

#include "../debuginfo/kernel_btf.h"
#include "../target_var.h"

struct tracepoint_event {
	char *system;
	char *name;
	char *class_name;		/* the DECLARE_EVENT_CLASS (or the event) */
	uint32_t proto;			/* BTF FUNC_PROTO of btf_trace_<name> */
};

struct tracepoint_catalog {
	struct kernel_btf *btf;
	struct tracepoint_event *events;
	size_t count;
};

/* Loaded once per run; NULL with *why (malloc'd) when headers or BTF lack. */
struct tracepoint_catalog *tracepoint_catalog_load(struct session *s, char **why);

/* The event's arguments (without the leading void *data), as context
 * variables numbered from 0; false with *why if a type cannot be passed. */
bool tracepoint_event_args(struct tracepoint_catalog *cat, const struct tracepoint_event *ev,
			   struct context_var **vars, size_t *n, char **why);

#endif
