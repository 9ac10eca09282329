/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Context variables: `$name`, `$name->field[i]->field`, `&$name->field`,
 * `$$parms`. Pass 2 resolves each against the probe's context variables
 * (what the probe family offers: tracepoint arguments, function parameters
 * from BTF, ...) into an access plan over ctypes; pass 3 turns the plan
 * into C that reads memory only through the runtime's fault-safe readers.
 */
#ifndef CTAP_TARGET_VAR_H
#define CTAP_TARGET_VAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"
#include "debuginfo/ctype.h"

struct emitter;
struct session;

/* A variable a probe site offers. Without a location its value is the
 * runtime's stp_arg(c, arg): argument `arg` of the probed call (tracepoint
 * argument or function parameter), or with arg == CONTEXT_ARG_RETURN the
 * return value. From DWARF, `location` is a C expression (see
 * debuginfo/dwarf_location.h) of its value, or of its address when
 * in_memory; `unavailable` says why a variable that exists cannot be read
 * at this site. The strings are the derived probe's (freed with it). */
#define CONTEXT_ARG_RETURN (-1)
struct context_var {
	const char *name;
	const struct ctype *type;
	int arg;
	char *location;
	bool in_memory;
	char *unavailable;
	bool is_local;			/* $$locals, not $$parms */
};

enum target_step_kind {
	STEP_OFFSET,		/* address += offset */
	STEP_INDEX,		/* address += index * size */
	STEP_LOAD,		/* value = *(size bytes at address) */
};

struct target_step {
	enum target_step_kind kind;
	uint64_t offset;		/* OFFSET */
	const struct expr *index;	/* INDEX */
	uint64_t size;			/* INDEX: element size; LOAD: bytes */
	bool is_signed;			/* LOAD */
};

enum target_result {
	TARGET_LONG,		/* the value after the steps */
	TARGET_STRING,		/* a char array at the address */
	TARGET_PARMS,		/* $$parms/$$locals/$$vars: "name=0x.. name=?" */
};

struct target_access {
	enum target_result result;
	int arg;			/* the variable's stp_arg index */
	char *location;			/* or its DWARF location (context_var) */
	bool in_memory;
	struct target_step *steps;
	size_t nsteps;
	uint64_t string_max;		/* STRING: the array's length */
	unsigned bit_offset, bit_size;	/* a bitfield in the last LOAD */
	struct context_var *parms;	/* PARMS: the variables listed */
	size_t nparms;
	/*
	 * When the sites of one probe read the variable differently (an
	 * inlined copy keeps it in another register), each site has its own
	 * access: this one serves the derived probe whose stp_probes[] index
	 * *site_index is (final only after pass 2's pruning), next_site the
	 * others. NULL: this access serves every site.
	 */
	const int *site_index;
	struct target_access *next_site;
	/*
	 * Read at the probed function's entry and kept for its return:
	 * @entry($var), or a parameter named in a .return probe. The
	 * kretprobe's entry handler stores the value in slot entry_slot of
	 * the instance's data; the handler reads it back (c->entry_values).
	 */
	bool at_entry;
	bool entry_operator;		/* written @entry(...), not implied */
	unsigned entry_slot;
};

/*
 * Resolve target expression e against vars; NULL with *message set (and
 * *at where it points) when it names nothing or uses a type wrongly.
 */
struct target_access *target_var_resolve(const struct expr *e,
					 const struct context_var *vars, size_t nvars,
					 char **message, struct location *at);
/* Whether two sites resolved e the same way (one handler serves both). */
bool target_access_equal(const struct target_access *a, const struct target_access *b);
/* Whether two sites' accesses give the same kind of script value (long,
 * string), so that one expression can pick between them per site. */
bool target_access_compatible(const struct target_access *a, const struct target_access *b);
void target_access_free(struct target_access *access);

/* Pass 3: e's value as a C expression (int64_t, or const char * for
 * strings); for an access read at entry, the slot it was saved in. */
void emit_target_var(struct emitter *em, const struct expr *e);
/* The statements of a kretprobe entry function that save at-entry access
 * e in its slots (c->entry_values[entry_slot...]). */
void emit_target_var_at_entry(struct emitter *em, const struct expr *e);
/* How many slots an at-entry access takes ($$parms: one per variable). */
size_t target_entry_slots(const struct target_access *a);

#endif
