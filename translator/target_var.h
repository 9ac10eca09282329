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
	bool in_register;		/* location is DWARF register `reg` alone */
	unsigned reg;
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
	TARGET_PRETTY,		/* $var$, $$parms$$, ...: the pretty plan */
};

/*
 * A pretty print ($var$, $var$$, $$parms$) as the runtime's stp_pretty()
 * runs it: groups, each a value printed from one base (SystemTap prints
 * "ERROR" for a group whose reads fault), made of text and reads at
 * offsets from the base. Built by target_pretty.c.
 */
enum pretty_op_kind {
	PRETTY_TEXT,		/* text */
	PRETTY_BEGIN,		/* a group: base = its value (group) */
	PRETTY_END,
	PRETTY_NUMBER,		/* size bytes at base+offset (0: base itself), conv */
	PRETTY_STRING_AT,	/* a quoted C string at base+offset */
	PRETTY_STRING_PTR,	/* a quoted C string at *(base+offset) (size 0: at base) */
	PRETTY_DEREF,		/* base = *(base+offset): a pointer printed at the top */
};

struct pretty_op {
	enum pretty_op_kind kind;
	char *text;			/* TEXT */
	uint64_t offset;
	unsigned size;			/* NUMBER, STRING_PTR: 0 = the base is the value */
	char conv;			/* NUMBER: 'i' 'u' 'p' (%#x) 'c' ('%#c') */
	unsigned bit_offset, bit_size;	/* NUMBER: a bitfield */
	size_t group;			/* BEGIN: which base */
};

/* Where each group's base comes from. */
struct pretty_group {
	int arg;			/* stp_arg index, or PRETTY_BASE_WALK, */
	char *location;			/* or a DWARF location (context_var) */
};
#define PRETTY_BASE_WALK (-2)	/* the value or address the walk ends on */

/* Where the walk starts. */
enum target_base {
	BASE_ARG,		/* stp_arg(c, arg): a context variable */
	BASE_OPERAND,		/* @cast's first operand, a pointer to cast_pointer's target */
	BASE_SYMBOL,		/* @var: the address of the kernel global `symbol` */
};

struct target_access {
	enum target_result result;
	enum target_base base;
	int arg;			/* the variable's stp_arg index, */
	char *location;			/* or its DWARF location (context_var) */
	bool in_memory;
	bool in_register;
	unsigned reg;
	const struct expr *operand;	/* OPERAND */
	char *symbol;			/* SYMBOL */
	struct ctype cast_pointer;	/* OPERAND: the walk's first type */
	bool write;			/* assigned (guru mode) */
	struct target_step *steps;
	size_t nsteps;
	uint64_t string_max;		/* STRING: the array's length */
	unsigned bit_offset, bit_size;	/* a bitfield in the last LOAD */
	struct context_var *parms;	/* PARMS: the variables listed */
	size_t nparms;
	struct pretty_op *pretty;	/* PRETTY */
	size_t npretty;
	struct pretty_group *groups;
	size_t ngroups;
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
					 bool write, char **message, struct location *at);
/* target_pretty.c: the plan of a pretty print. The value is in hand
 * (a variable, a loaded pointer) or, in_memory, at the walk's address;
 * deep for `$$`. */
void pretty_add_value(struct target_access *a, const struct ctype *type, bool in_memory,
		      bool deep, int arg, const char *location);
void pretty_add_text(struct target_access *a, const char *text);
void pretty_free(struct target_access *a);
bool pretty_equal(const struct target_access *a, const struct target_access *b);
void emit_pretty(struct emitter *em, const struct target_access *a, const char *what,
		 struct location loc,
		 void (*emit_walk)(struct emitter *em, const struct target_access *a,
				   const char *what, struct location loc));

/*
 * @cast(ptr, "type")... with type found, and @var("name") with the global's
 * type; the same walk as context variables. write: e is assigned.
 */
struct target_access *target_cast_resolve(const struct expr *e, const struct ctype *type,
					  bool write, char **message, struct location *at);
struct target_access *target_global_resolve(const struct expr *e, const char *symbol,
					    const struct ctype *type, bool write,
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
/* Pass 3: `e op value` for an assigned target (=, +=, ...): its new value. */
void emit_target_write(struct emitter *em, const struct expr *assign);
/* The statements of a kretprobe entry function that save at-entry access
 * e in its slots (c->entry_values[entry_slot...]). */
void emit_target_var_at_entry(struct emitter *em, const struct expr *e);
/* How many slots an at-entry access takes ($$parms: one per variable). */
size_t target_entry_slots(const struct target_access *a);

#endif
