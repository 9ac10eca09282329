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
};

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
	bool read;
	bool written;
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
};

struct builtin;

struct expr {
	enum expr_kind kind;
	struct location loc;		/* of the token errors point at */
	enum value_type type;		/* set by pass 2 */
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
		} call;
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
		struct expr *expr;
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
	struct probe_point **points;
	size_t npoints;
	struct stmt *body;
	struct location loc;		/* the 'probe' keyword */
	struct symbol **locals;		/* set by pass 2 */
	size_t nlocals;
	size_t locals_cap;
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
};

struct expr *expr_new(enum expr_kind kind, struct location loc);
struct stmt *stmt_new(enum stmt_kind kind, struct location loc);
struct symbol *symbol_new(const char *name, enum symbol_scope scope,
			  struct location loc);
void expr_free(struct expr *e);
void stmt_free(struct stmt *s);
void symbol_free(struct symbol *sym);
void probe_point_free(struct probe_point *pp);
void program_free(struct program *prog);

/* The canonical text of a probe point: kernel.function("x").return */
char *probe_point_string(const struct probe_point *pp);

/* Canonical script text: parsing it again gives the same tree. */
void print_expr(FILE *out, const struct expr *e);
void print_stmt(FILE *out, const struct stmt *s);
void print_string_literal(FILE *out, const char *bytes, size_t len);
void print_global_init(FILE *out, const struct symbol *g);
void print_program(FILE *out, const struct program *prog);

#endif
