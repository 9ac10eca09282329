/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The probe-point provider registry. Each family (begin/end, timer, kprobe,
 * ...) recognises the probe points it owns, turns each into concrete probe
 * sites (derived probes), and emits the C tables that register them.
 */
#ifndef CTAP_PROBES_H
#define CTAP_PROBES_H

#include <stdbool.h>
#include <stdint.h>

#include "../session.h"
#include "../util.h"
#include "../target_var.h"

struct probe_provider;
struct tracepoint_event;
struct dwarf_site;

struct derived_probe {
	struct probe *probe;		/* the script probe whose body runs */
	const struct probe_point *point;
	char *pp;			/* canonical probe point text */
	/* How the script asked for it, as SystemTap's -p2 shows it:
	 * "my.alias = begin, end <- my.alias,end" (one "NAME = POINTS <- "
	 * per alias expanded, then the user's probe points). */
	char *origin;
	/* The probe point's if (...) condition (after alias expansion, the
	 * conjunction of the user's and the aliases'), or NULL; it reads only
	 * globals, bound to them by the probe-point step. */
	const struct expr *condition;
	struct probe_point *owned_point;	/* point, when made by wildcard expansion */
	/* The $variables this site offers (provider's context_vars), loaded
	 * on first use by derived_probe_context_vars. */
	struct context_var *context_vars;
	size_t ncontext_vars;
	bool context_vars_loaded;
	/* A .return site's variables at its function's entry (@entry). */
	struct context_var *entry_vars;
	size_t nentry_vars;
	bool entry_vars_loaded;
	const struct probe_provider *provider;
	int index;			/* position in stp_probes[] */
	int handler;			/* which script probe's handler */
	/* -L: " $name:type ..." a provider knows without pass 2 (the
	 * DWARF variables of the site), or NULL. */
	char *listing_vars;
	union {
		struct {
			bool is_end;
			int64_t sequence;
		} begin_end;
		struct {
			char *period;	/* nanoseconds, a C constant expression */
			char *spread;	/* .randomize(M) likewise, or NULL */
			bool profile;	/* timer.profile: every tick, every CPU */
		} timer;
		struct {
			/* Placed at symbol+offset, or at address when symbol
			 * is NULL (kernel.statement(ADDR).absolute). */
			char *symbol;		/* "name" or "module:name" */
			char *module;		/* in a module's text: its name */
			uint64_t offset;
			uint64_t address;
			bool is_return;
			bool raw;		/* kprobe.*: no context variables */
			int maxactive;		/* .maxactive(N); 0: the kernel's default */
			/* From the kernel's DWARF (NULL when placed from
			 * System.map): the function, its CU and the probe
			 * address, for $variables. */
			struct dwarf_site *dwarf;
		} kprobe;
		struct {
			const struct tracepoint_event *event;
		} tracepoint;
		struct {
			uint32_t type;		/* perf_event_attr.type */
			uint64_t config;
			uint64_t sample_period;
		} perf;
		struct {
			char *name;		/* under /proc/systemtap/MODULE/ */
			bool is_write;
			int64_t maxsize;	/* .read.maxsize(N); 0: MAXSTRINGLEN */
		} procfs;
	} u;
};

enum match_result {
	MATCH_NONE,	/* not this family's probe point */
	MATCH_OK,	/* one or more sites added */
	MATCH_EMPTY,	/* this family's, but it names no site (fine if optional) */
	MATCH_ERROR,	/* this family's, but wrong: *err says why */
};

struct match_error {
	char *message;
	struct location loc;	/* loc.file NULL: about the whole point, no location */
};

struct probe_provider {
	const char *name;
	/* The probe-point forms this family serves, as --dump-probe-types
	 * lists them ("timer.ms(number).randomize(number)"); NULL-terminated.
	 * A point reaches match() only when it has one of these shapes. */
	const char *const *forms;
	/* Recognise pp; for each concrete site call derived_probe_add and
	 * fill in the family's part of the derived probe it returns. */
	enum match_result (*match)(struct session *s, struct probe *probe,
				   const struct probe_point *pp,
				   struct match_error *err);
	/* Append this family's tables to defs and its stp_script fields
	 * (".begin = ..., .nbegin = N,") to fields. NULL: pass 3 cannot
	 * register this family yet (pass 3 rejects such probes). */
	void (*emit)(struct session *s, struct derived_probe **probes, size_t n,
		     struct strbuf *defs, struct strbuf *fields);
	void (*free_data)(struct derived_probe *dp);
	/* The context variables ($name) site dp offers, malloc'd; false with
	 * *why when they cannot be known (no BTF). NULL: the family has none. */
	bool (*context_vars)(struct session *s, struct derived_probe *dp,
			     struct context_var **vars, size_t *n, char **why);
};

extern const struct probe_provider begin_end_provider;
extern const struct probe_provider timer_provider;
extern const struct probe_provider kprobe_provider;
extern const struct probe_provider tracepoint_provider;
extern const struct probe_provider kprobe_raw_provider;
extern const struct probe_provider kernel_dwarf_provider;
extern const struct probe_provider module_dwarf_provider;
extern const struct probe_provider perf_provider;
extern const struct probe_provider procfs_provider;
extern const struct probe_provider error_provider;
extern const struct probe_provider never_provider;

/* All providers, in registration order (begin/end first). */
const struct probe_provider *const *probe_providers(size_t *count);

/*
 * kernel.function(PATTERN) and kernel.statement from the kernel's DWARF
 * (probes/dwarf.c), for the kprobe family's forms too: MATCH_NONE when the
 * point can be served from System.map and there is no DWARF.
 */
enum match_result kernel_dwarf_match(struct session *s, struct probe *probe,
				     const struct probe_point *pp,
				     struct match_error *err);

/* Shared by the kernel's and the modules' DWARF probe points (dwarf.c). */
struct debuginfo;
struct dwarf_site;
/* What the components after .function(...) ask for. */
struct function_suffix {
	int kind;			/* enum dwarf_function_kind */
	bool is_return;
	bool exported;
	int64_t maxactive;
	char *text;			/* as the user wrote it: ".return.maxactive(4)" */
};
/* Parse the components of pp from `from` on; false with *err. */
bool dwarf_function_suffix_parse(const struct probe_point *pp, size_t from,
				 struct function_suffix *suffix, struct match_error *err);
/* SystemTap's "no match (similar functions: ...)" for a plain name. */
enum match_result dwarf_no_function(const struct debuginfo *di, const char *name,
				    struct match_error *err);
/* A kprobe-family probe for site (its DWARF and -L variables); the caller
 * places it (u.kprobe.symbol, offset). */
struct derived_probe *dwarf_site_probe_add(struct session *s, struct probe *probe,
					   const struct probe_point *pp,
					   const struct dwarf_site *site, char *pp_text,
					   bool is_return, int maxactive);
/*
 * The $variables of a kernel.function/statement site placed from DWARF
 * (probes/dwarf_vars.c): parameters and the locals in scope, located at
 * the probe address; $return for .return.
 */
bool dwarf_site_context_vars(struct session *s, struct derived_probe *dp, bool at_entry,
			     struct context_var **vars, size_t *n, char **why);
/* A kernel.function .return site's parameters at the function's entry,
 * from DWARF or BTF (probes/kprobe.c). */
bool kprobe_entry_vars(struct session *s, struct derived_probe *dp,
		       struct context_var **vars, size_t *n, char **why);

/* Helpers for match functions. */
bool component_is(const struct probe_point *pp, size_t i, const char *name);
/* The component's numeric argument; false (with *err set) if absent or not a number. */
bool component_number(const struct probe_point *pp, size_t i, int64_t *value,
		      struct match_error *err);
bool component_string(const struct probe_point *pp, size_t i, const char **value,
		      struct match_error *err);

/* A new site of probe at pp, appended to s->probes (pp text: canonical). */
struct derived_probe *derived_probe_add(struct session *s, struct probe *probe,
					const struct probe_point *pp,
					const struct probe_provider *provider,
					char *pp_text);
void derived_probe_free(struct derived_probe *dp);
/* dp's context variables (cached); false with *why (malloc'd) if none can be
 * known for this site: a family without them, or missing type information. */
bool derived_probe_context_vars(struct session *s, struct derived_probe *dp,
				const struct context_var **vars, size_t *n, char **why);
/* A kernel .return site (its kretprobe can save values at entry). */
bool derived_probe_is_return(const struct derived_probe *dp);
/* A .return site's variables as they are at the function's entry
 * (cached); false with *why elsewhere. */
bool derived_probe_entry_vars(struct session *s, struct derived_probe *dp,
			      const struct context_var **vars, size_t *n, char **why);

#endif
