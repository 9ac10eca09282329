/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The abstract syntax tree: what pass 1 produces and passes 2-3 annotate.
 * Table of contents: values and types, symbols, expressions, statements,
 * probe points, probes, the program.
 */
#ifndef CTAP_AST_H
#define CTAP_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

enum value_type {
	TYPE_UNKNOWN,
	TYPE_LONG,
	TYPE_STRING,
	TYPE_STATS,		/* a statistic: s <<< v, @count(s) */
};

#define MAX_ARRAY_KEYS 9	/* SystemTap's limit on an array's index arity */

const char *value_type_name(enum value_type type);

/* A variable: a global, or a local of one probe. */
enum symbol_scope { SCOPE_GLOBAL, SCOPE_LOCAL };

struct symbol {
	char *name;
	enum symbol_scope scope;
	enum value_type type;
	struct location loc;		/* declaration or first use */
	struct expr *init;		/* global initialiser, or NULL */
	int index;			/* globals: declaration order */
	bool private_;			/* 'private global' */
	bool wrap;			/* global a%: a full array wraps */
	uint64_t max_entries;		/* global a[N]; 0 if not given */
	bool read;
	bool written;
	/* Pass 2: what resolution and type inference learned. */
	bool arity_known;		/* arity below is known */
	int arity;			/* index keys: 0 for a scalar */
	const struct expr *arity_origin;	/* where the arity was first seen */
	enum value_type key_types[MAX_ARRAY_KEYS];
	const struct expr *key_origins[MAX_ARRAY_KEYS];
	const struct expr *type_origin;	/* where the type was first inferred */
	int type_origin_index;		/* >= 0: from argument N of a call */
	bool is_param;			/* a function's parameter */
};

enum expr_kind {
	EXPR_NUMBER,		/* 42, 0x2a */
	EXPR_STRING,		/* "text" */
	EXPR_SYMBOL,		/* a variable */
	EXPR_UNARY,		/* - ! ~ + */
	EXPR_BINARY,		/* + - * / % << >> & | ^, and . (concatenation) */
	EXPR_COMPARISON,	/* < <= > >= == != */
	EXPR_LOGICAL,		/* && || */
	EXPR_TERNARY,		/* c ? a : b */
	EXPR_ASSIGN,		/* = += -= *= /= %= ... .= */
	EXPR_INCDEC,		/* ++x x++ --x x-- */
	EXPR_CALL,		/* name(args) */
	EXPR_REGEX,		/* s =~ "re", s !~ "re": op, right is a STRING */
	EXPR_INDEX,		/* base[k, ...]: index (a NULL key is '*') */
	EXPR_ARRAY_IN,		/* [k, ...] in base: index as for EXPR_INDEX */
	EXPR_STAT,		/* @count @sum @min @max @avg @variance: at */
	EXPR_HIST,		/* @hist_log(x), @hist_linear(x, lo, hi, step): at */
	EXPR_AT,		/* @entry @defined @probewrite @const @kregister
				 * @uregister @kderef @uderef: at */
	EXPR_TARGET,		/* $var, $$vars, @cast(...), @var(...) + suffixes */
	EXPR_EMBEDDED,		/* %{ C %} as an expression (guru mode): code */
};

/* One step after a target value: ->field, [index], or a $ / $$ pretty print. */
enum target_suffix_kind { SUFFIX_FIELD, SUFFIX_INDEX, SUFFIX_PRETTY };

struct target_suffix {
	enum target_suffix_kind kind;
	char *text;			/* FIELD: the name; PRETTY: "$" or "$$" */
	struct expr *index;		/* INDEX */
	struct location loc;
};

/* A target value's parts, out of line: the biggest expression, and a rare
 * one, so the others do not carry its size. */
struct target_value {
	char *name;			/* "$var", "$$parms", "@cast", "@var" */
	struct expr **args;		/* @cast and @var operands */
	size_t nargs;
	struct target_suffix *suffixes;
	size_t nsuffixes;
	bool address_of;		/* &$var->f */
	/* $var: how to read it, set by pass 2 (target_var.h) */
	struct target_access *access;
};

struct builtin;
struct target_access;

/* 56 bytes: kind and type side by side, an 8-byte location, and the
 * rare big member out of line (a big script has hundreds of thousands of
 * expressions). */
struct expr {
	enum expr_kind kind;
	enum value_type type;		/* set by pass 2 */
	struct location loc;		/* of the token errors point at */
	union {
		uint64_t number;
		struct {
			char *bytes;
			size_t len;
		} string;
		struct {
			char *name;
			struct symbol *sym;	/* set by pass 2 */
		} symbol;
		struct {
			char op[4];
			struct expr *left;	/* NULL for unary */
			struct expr *right;
			bool prefix;		/* INCDEC: ++x rather than x++ */
		} op;
		struct {
			struct expr *cond, *then, *otherwise;
		} ternary;
		struct {
			char *name;
			struct expr **args;
			size_t nargs;
			const struct builtin *builtin;	/* set by pass 2 */
			struct function *function;	/* or this, set by pass 2 */
		} call;
		struct {
			struct expr *base;	/* SYMBOL, HIST or TARGET */
			struct expr **keys;	/* NULL entries are '*' */
			size_t nkeys;
		} index;
		struct {
			char *name;		/* with the '@': "@count" */
			struct expr **args;
			size_t nargs;
			/* @entry(EXPR) of a general EXPR, kept whole by pass 2:
			 * the slot its value at entry is saved in */
			unsigned entry_slot;
		} at;
		struct target_value *target;	/* allocated with the expression */
		char *code;			/* EMBEDDED */
	} u;
};

enum stmt_kind {
	STMT_BLOCK,
	STMT_EXPR,
	STMT_IF,
	STMT_NULL,		/* a lone ';' */
	STMT_WHILE,		/* while (cond) body */
	STMT_FOR,		/* for (init; cond; incr) body */
	STMT_BREAK,
	STMT_CONTINUE,
	STMT_NEXT,		/* end this probe's handler */
	STMT_RETURN,		/* return [expr], in a function */
	STMT_FOREACH,		/* foreach (v = [k, ...] in a[slice]+ limit n) body */
	STMT_DELETE,		/* delete expr: expr */
	STMT_TRY,		/* try block catch [(var)] block */
};

/* foreach's sort: none, on the value (column 0), or on key N (1-based). */
struct foreach_sort {
	int column;
	int direction;			/* +1 ascending, -1 descending, 0 none */
	const char *aggregate;		/* a @sum+ sort of statistics: "@sum", or NULL */
	struct location loc;		/* of the '+' or '-' */
};

/* A foreach's parts, out of line: the biggest statement by far, and a rare
 * one, so the other statements do not carry its size. */
struct foreach_loop {
	struct expr *value;	/* SYMBOL, or NULL */
	struct expr **keys;	/* SYMBOLs */
	size_t nkeys;
	struct expr *array;	/* SYMBOL or HIST */
	struct expr **slice;	/* NULL entries are '*' */
	size_t nslice;	/* 0: no slice */
	struct foreach_sort sort;
	struct expr *limit;	/* NULL if none */
	struct stmt *body;
};

struct stmt {
	enum stmt_kind kind;
	struct location loc;
	union {
		struct {
			struct stmt **items;
			size_t count;
			size_t cap;
		} block;
		struct expr *expr;	/* STMT_EXPR, STMT_DELETE; STMT_RETURN's value or NULL */
		struct {
			struct expr *cond;
			struct stmt *then;
			struct stmt *otherwise;	/* NULL if no else */
		} if_;
		struct {
			struct expr *init;	/* for only; NULL if empty */
			struct expr *cond;	/* NULL: forever */
			struct expr *incr;	/* for only; NULL if empty */
			struct stmt *body;
		} loop;
		struct foreach_loop *foreach;	/* allocated with the statement */
		struct {
			struct stmt *body;
			struct expr *catch_var;	/* SYMBOL, or NULL */
			struct stmt *handler;
		} try_;
	} u;
};

/* kernel.function("ksys_read").return: components with optional literal
 * parameters, optional ('?') or sufficient ('!') marks, and a condition. */
struct probe_point_component {
	char *name;
	struct expr *arg;		/* NUMBER or STRING literal, or NULL */
	struct location loc;
};

struct probe_point {
	struct probe_point_component *components;
	size_t ncomponents;
	bool optional;
	bool sufficient;
	struct expr *condition;		/* if (...) or NULL */
	struct location loc;
};

struct probe {
	struct probe_point *alias;	/* 'probe ALIAS = ...' or NULL */
	bool alias_epilogue;		/* '+=' rather than '=' */
	struct probe_point **points;
	size_t npoints;
	struct stmt *body;
	struct location loc;		/* the 'probe' keyword */
	struct symbol **locals;		/* set by pass 2 */
	size_t nlocals;
	size_t locals_cap;
};

/* Embedded-C pragmas of a function, from comments in its %{ %} body. */
enum function_pragma {
	PRAGMA_PURE = 1 << 0,
	PRAGMA_UNPRIVILEGED = 1 << 1,
	PRAGMA_MYPROC_UNPRIVILEGED = 1 << 2,
	PRAGMA_GURU = 1 << 3,
	PRAGMA_STABLE = 1 << 4,
	PRAGMA_UNMANGLED = 1 << 5,
};

struct parameter {
	char *name;
	enum value_type type;		/* TYPE_UNKNOWN when not declared */
	struct location loc;
};

struct function {
	char *name;
	struct location loc;		/* the name */
	enum value_type type;		/* declared result, or TYPE_UNKNOWN */
	struct parameter *params;
	size_t nparams;
	struct stmt *body;		/* a script body, or NULL */
	char *embedded;			/* an embedded-C body, or NULL */
	unsigned pragmas;		/* enum function_pragma bits */
	bool private_;
	bool has_priority;		/* function f() : 10 { } */
	int64_t priority;
	/* Pass 2: parameters (in order) then locals; freed with the function. */
	struct symbol **locals;
	size_t nlocals;
	size_t locals_cap;
	const struct expr *type_origin;	/* where the result type was first inferred */
	bool used;			/* called from a kept probe or function */
};

/* %{ C %} at the top level: copied into the module (guru mode). */
struct embedded_block {
	char *code;
	struct location loc;
};

struct program {
	struct source_file **files;
	size_t nfiles;
	size_t files_cap;
	struct symbol **globals;
	size_t nglobals;
	size_t globals_cap;
	struct probe **probes;
	size_t nprobes;
	size_t probes_cap;
	struct function **functions;
	size_t nfunctions;
	size_t functions_cap;
	struct probe **aliases;		/* probe NAME = / += POINTS { } */
	size_t naliases;
	size_t aliases_cap;
	struct embedded_block *embedded;
	size_t nembedded;
	size_t embedded_cap;
};

/* A node from anywhere is freed with expr_free or stmt_free, never free(). */
struct expr *expr_new(enum expr_kind kind, struct location loc);
struct stmt *stmt_new(enum stmt_kind kind, struct location loc);

/*
 * The parser's node allocator: a file's expressions and statements are
 * carved from large chunks instead of one malloc each. expr_free and
 * stmt_free recognise such a node (by its address) and leave its memory to
 * the arena, which is released once it is closed (no more nodes come) and
 * its last node has been freed, wherever that node has moved meanwhile.
 */
struct node_arena;
struct node_arena *node_arena_new(void);
struct expr *node_arena_expr(struct node_arena *arena, enum expr_kind kind,
			     struct location loc);
struct stmt *node_arena_stmt(struct node_arena *arena, enum stmt_kind kind,
			     struct location loc);
/* A NUL-terminated copy of text[0..len) in the arena: a name or a string
 * of one of its nodes. It lives as long as the arena. */
char *node_arena_text(struct node_arena *arena, const char *text, size_t len);
/* Frees a node's text wherever it came from: malloc, or an arena (where
 * it stays). Pass 2 may replace any node text: it frees the old this way. */
void node_text_free(char *text);
void node_arena_close(struct node_arena *arena);
/* Replace node e's contents, in place (its parent keeps pointing at it),
 * by those of with (from expr_new), and free e's old contents and with.
 * An arena node holds only its kind's part of the union, so e must be of
 * a kind carved whole (see ast.c) or at least as big as with's. */
void expr_replace(struct expr *e, struct expr *with);
struct symbol *symbol_new(const char *name, enum symbol_scope scope,
			  struct location loc);
void expr_free(struct expr *e);
void stmt_free(struct stmt *s);
void symbol_free(struct symbol *sym);
void probe_point_free(struct probe_point *pp);
void probe_free(struct probe *p);
void function_free(struct function *f);
void program_free(struct program *prog);

/* The canonical text of a probe point: kernel.function("x").return */
char *probe_point_string(const struct probe_point *pp);

/* Canonical script text: parsing it again gives the same tree. */
void print_expr(FILE *out, const struct expr *e);
void print_stmt(FILE *out, const struct stmt *s);
void print_string_literal(FILE *out, const char *bytes, size_t len);
void print_global_init(FILE *out, const struct symbol *g);
void print_program(FILE *out, const struct program *prog);

/* The value type keyword's spelling for declarations: "long", "string". */
const char *value_type_keyword(enum value_type type);

#endif
