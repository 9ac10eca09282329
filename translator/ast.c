// SPDX-License-Identifier: GPL-2.0-or-later
#include "ast.h"
#include "target_var.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util.h"

const char *value_type_name(enum value_type type)
{
	switch (type) {
	case TYPE_LONG: return "long";
	case TYPE_STRING: return "string";
	case TYPE_STATS: return "stats";
	case TYPE_UNKNOWN: break;
	}
	return "unknown";
}

const char *value_type_keyword(enum value_type type)
{
	return type == TYPE_STRING ? "string" : "long";
}

/* The out-of-line parts an expression of this kind comes with. */
static void expr_init(struct expr *e, enum expr_kind kind, struct location loc)
{
	e->kind = kind;
	e->loc = loc;
	if (kind == EXPR_TARGET)
		e->u.target = xcalloc(1, sizeof(*e->u.target));
}

struct expr *expr_new(enum expr_kind kind, struct location loc)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	expr_init(e, kind, loc);
	return e;
}

/* The out-of-line parts a statement of this kind comes with. */
static void stmt_init(struct stmt *s, enum stmt_kind kind, struct location loc)
{
	s->kind = kind;
	s->loc = loc;
	if (kind == STMT_FOREACH)
		s->u.foreach = xcalloc(1, sizeof(*s->u.foreach));
}

struct stmt *stmt_new(enum stmt_kind kind, struct location loc)
{
	struct stmt *s = xcalloc(1, sizeof(*s));

	stmt_init(s, kind, loc);
	return s;
}

/* Nodes are carved from a chunk's start upwards, texts from its end
 * downwards, so neither wastes space aligning the other. */
/*
 * A node in an arena is carved with only its kind's part of the union: a
 * number takes 24 bytes, a symbol 32, where the whole struct is 56. Kinds
 * that pass 2 rewrites in place into another kind (expr_replace: procfs
 * $value, an assignment or a read, becomes a call or a string; @entry(x)
 * becomes x) are carved
 * whole. Under AddressSanitizer every node is carved whole with the rest
 * poisoned, so reading or writing past a short node is caught.
 */
#if defined(__SANITIZE_ADDRESS__)
#define NODE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NODE_ASAN 1
#endif
#endif
#ifdef NODE_ASAN
#include <sanitizer/asan_interface.h>
#endif

#define NODE_ROUND(n) (((n) + 7) & ~(size_t)7)
#define EXPR_PART(member) \
	NODE_ROUND(offsetof(struct expr, u) + sizeof(((struct expr *)0)->u.member))
#define STMT_PART(member) \
	NODE_ROUND(offsetof(struct stmt, u) + sizeof(((struct stmt *)0)->u.member))

/* The bytes a node of each kind is carved with: a table, as the parser
 * asks for every node. */
static const unsigned char expr_carved[] = {
	[EXPR_NUMBER] = EXPR_PART(number),
	[EXPR_STRING] = EXPR_PART(string),
	[EXPR_SYMBOL] = EXPR_PART(symbol),
	[EXPR_UNARY] = EXPR_PART(op),
	[EXPR_BINARY] = EXPR_PART(op),
	[EXPR_COMPARISON] = EXPR_PART(op),
	[EXPR_LOGICAL] = EXPR_PART(op),
	[EXPR_TERNARY] = EXPR_PART(ternary),
	[EXPR_ASSIGN] = sizeof(struct expr),	/* rewritten in place by pass 2 */
	[EXPR_INCDEC] = EXPR_PART(op),
	[EXPR_CALL] = EXPR_PART(call),
	[EXPR_REGEX] = EXPR_PART(op),
	[EXPR_INDEX] = EXPR_PART(index),
	[EXPR_ARRAY_IN] = EXPR_PART(index),
	[EXPR_STAT] = EXPR_PART(at),
	[EXPR_HIST] = EXPR_PART(at),
	[EXPR_AT] = sizeof(struct expr),	/* @entry(x) becomes x in place (pass 2) */
	[EXPR_TARGET] = sizeof(struct expr),	/* rewritten in place by pass 2 */
	[EXPR_EMBEDDED] = EXPR_PART(code),
};

static const unsigned char stmt_carved[] = {
	[STMT_BLOCK] = STMT_PART(block),
	[STMT_EXPR] = STMT_PART(expr),
	[STMT_IF] = STMT_PART(if_),
	[STMT_NULL] = offsetof(struct stmt, u),
	[STMT_WHILE] = STMT_PART(loop),
	[STMT_FOR] = STMT_PART(loop),
	[STMT_BREAK] = offsetof(struct stmt, u),
	[STMT_CONTINUE] = offsetof(struct stmt, u),
	[STMT_NEXT] = offsetof(struct stmt, u),
	[STMT_RETURN] = STMT_PART(expr),
	[STMT_FOREACH] = STMT_PART(foreach),
	[STMT_DELETE] = STMT_PART(expr),
	[STMT_TRY] = STMT_PART(try_),
};

_Static_assert(sizeof(expr_carved) == EXPR_EMBEDDED + 1, "every expression kind sized");
_Static_assert(sizeof(stmt_carved) == STMT_TRY + 1, "every statement kind sized");

/* A kind missing from a table (0) is carved whole: always safe. */
static size_t expr_carved_size(enum expr_kind kind)
{
	return expr_carved[kind] ? expr_carved[kind] : sizeof(struct expr);
}

static size_t stmt_carved_size(enum stmt_kind kind)
{
	return stmt_carved[kind] ? stmt_carved[kind] : sizeof(struct stmt);
}

struct node_arena {
	size_t live;			/* nodes allocated and not yet freed */
	bool closed;
	char *pos, *end;		/* free space in the newest chunk */
	size_t chunk_size;		/* of the next chunk */
};

/* Every live arena chunk, sorted by address, to tell an arena node from a
 * malloc'd one. A parse makes a few dozen chunks at most. */
struct node_chunk {
	char *start, *end;
	struct node_arena *arena;
};

static struct node_chunk *node_chunks;
static size_t node_nchunks, node_chunks_cap;

#define NODE_CHUNK_FIRST (16 * 1024)
#define NODE_CHUNK_MAX (256 * 1024)

struct node_arena *node_arena_new(void)
{
	struct node_arena *arena = xcalloc(1, sizeof(*arena));

	arena->chunk_size = NODE_CHUNK_FIRST;
	return arena;
}

/* Fault a new chunk's pages in with one call rather than one trap per page
 * (a big script's tree is thousands of pages). Only a hint: kernels before
 * 5.14 refuse it and the pages fault in as they are touched. */
static void prefault(char *start, char *end)
{
#ifdef MADV_POPULATE_WRITE
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t from = ((uintptr_t)start + page - 1) & ~(page - 1);
	uintptr_t to = (uintptr_t)end & ~(page - 1);

	if (to > from)
		madvise((void *)from, to - from, MADV_POPULATE_WRITE);
#else
	(void)start;
	(void)end;
#endif
}

/* A new chunk of at least need bytes. */
static void add_chunk(struct node_arena *arena, size_t need)
{
	size_t size = need > arena->chunk_size ? need : arena->chunk_size;
	struct node_chunk chunk = { xmalloc(size), NULL, arena };
	size_t i = node_nchunks;

	chunk.end = chunk.start + size;
	prefault(chunk.start, chunk.end);
	grow_array((void **)&node_chunks, &node_chunks_cap, node_nchunks + 1,
		   sizeof(*node_chunks));
	while (i > 0 && node_chunks[i - 1].start > chunk.start) {
		node_chunks[i] = node_chunks[i - 1];
		i--;
	}
	node_chunks[i] = chunk;
	node_nchunks++;
	arena->pos = chunk.start;
	arena->end = chunk.end;
	if (arena->chunk_size < NODE_CHUNK_MAX)
		arena->chunk_size *= 2;
}

/* A node whose first size bytes are zeroed, of whole bytes in all; sizes
 * are multiples of 8, so nodes stay aligned. */
static void *arena_node(struct node_arena *arena, size_t size, size_t whole)
{
	void *node;
	size_t carved = size;

#ifdef NODE_ASAN
	carved = whole;
#else
	(void)whole;
#endif
	if ((size_t)(arena->end - arena->pos) < carved)
		add_chunk(arena, carved);
	node = arena->pos;
	arena->pos += carved;
	arena->live++;
	memset(node, 0, size);
#ifdef NODE_ASAN
	ASAN_POISON_MEMORY_REGION((char *)node + size, whole - size);
#endif
	return node;
}

struct expr *node_arena_expr(struct node_arena *arena, enum expr_kind kind,
			     struct location loc)
{
	struct expr *e = arena_node(arena, expr_carved_size(kind), sizeof(*e));

	expr_init(e, kind, loc);
	return e;
}

struct stmt *node_arena_stmt(struct node_arena *arena, enum stmt_kind kind,
			     struct location loc)
{
	struct stmt *s = arena_node(arena, stmt_carved_size(kind), sizeof(*s));

	stmt_init(s, kind, loc);
	return s;
}

char *node_arena_text(struct node_arena *arena, const char *text, size_t len)
{
	char *copy;

	if ((size_t)(arena->end - arena->pos) < len + 1)
		add_chunk(arena, len + 1);
	arena->end -= len + 1;
	copy = arena->end;
	memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

static void release_arena(struct node_arena *arena)
{
	size_t kept = 0;

	for (size_t i = 0; i < node_nchunks; i++) {
		if (node_chunks[i].arena == arena) {
#ifdef NODE_ASAN
			ASAN_UNPOISON_MEMORY_REGION(node_chunks[i].start,
						    (size_t)(node_chunks[i].end -
							     node_chunks[i].start));
#endif
			free(node_chunks[i].start);
		} else
			node_chunks[kept++] = node_chunks[i];
	}
	node_nchunks = kept;
	if (!node_nchunks) {
		free(node_chunks);
		node_chunks = NULL;
		node_chunks_cap = 0;
	}
	free(arena);
}

void node_arena_close(struct node_arena *arena)
{
	arena->closed = true;
	if (!arena->live)
		release_arena(arena);
}

/* The arena holding node, or NULL for a malloc'd one. */
static struct node_arena *node_owner(const void *node)
{
	const char *p = node;
	size_t lo = 0, hi = node_nchunks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p < node_chunks[mid].start)
			hi = mid;
		else if (p >= node_chunks[mid].end)
			lo = mid + 1;
		else
			return node_chunks[mid].arena;
	}
	return NULL;
}

void node_text_free(char *text)
{
	if (!node_owner(text))
		free(text);
}

static void node_free(void *node)
{
	struct node_arena *arena = node_owner(node);

	if (!arena) {
		free(node);
		return;
	}
	if (--arena->live == 0 && arena->closed)
		release_arena(arena);
}

void expr_replace(struct expr *e, struct expr *with)
{
	/* The current kind's carved size is what e is known to hold: a node
	 * rewritten before may hold more, never less. */
	size_t room = node_owner(e) ? expr_carved_size(e->kind) : sizeof(*e);
	size_t size = node_owner(with) ? expr_carved_size(with->kind) : sizeof(*with);
	struct expr old;

	if (size > room) {
		fprintf(stderr, "stap: internal error: an expression rewritten in place "
			"into a bigger kind\n");
		abort();
	}
	memcpy(&old, e, room);
	memcpy(e, with, size);
	memcpy(with, &old, room);
	/* with's kind is now e's old one, and so is what expr_free frees. */
	expr_free(with);
}

struct symbol *symbol_new(const char *name, enum symbol_scope scope,
			  struct location loc)
{
	struct symbol *sym = xcalloc(1, sizeof(*sym));

	sym->name = xstrdup(name);
	sym->scope = scope;
	sym->loc = loc;
	return sym;
}

/* Free an array of expressions (NULL entries allowed) and the array. */
static void expr_list_free(struct expr **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expr_free(list[i]);
	free(list);
}

void expr_free(struct expr *e)
{
	if (!e)
		return;
	switch (e->kind) {
	case EXPR_NUMBER:
		break;
	case EXPR_STRING:
		node_text_free(e->u.string.bytes);
		break;
	case EXPR_SYMBOL:
		node_text_free(e->u.symbol.name);
		break;
	case EXPR_UNARY:
	case EXPR_BINARY:
	case EXPR_COMPARISON:
	case EXPR_LOGICAL:
	case EXPR_ASSIGN:
	case EXPR_INCDEC:
		expr_free(e->u.op.left);
		expr_free(e->u.op.right);
		break;
	case EXPR_TERNARY:
		expr_free(e->u.ternary.cond);
		expr_free(e->u.ternary.then);
		expr_free(e->u.ternary.otherwise);
		break;
	case EXPR_CALL:
		node_text_free(e->u.call.name);
		expr_list_free(e->u.call.args, e->u.call.nargs);
		break;
	case EXPR_REGEX:
		expr_free(e->u.op.left);
		expr_free(e->u.op.right);
		break;
	case EXPR_INDEX:
	case EXPR_ARRAY_IN:
		expr_free(e->u.index.base);
		expr_list_free(e->u.index.keys, e->u.index.nkeys);
		break;
	case EXPR_STAT:
	case EXPR_HIST:
	case EXPR_AT:
		node_text_free(e->u.at.name);
		expr_list_free(e->u.at.args, e->u.at.nargs);
		break;
	case EXPR_TARGET:
		target_access_free(e->u.target->access);
		node_text_free(e->u.target->name);
		expr_list_free(e->u.target->args, e->u.target->nargs);
		for (size_t i = 0; i < e->u.target->nsuffixes; i++) {
			node_text_free(e->u.target->suffixes[i].text);
			expr_free(e->u.target->suffixes[i].index);
		}
		free(e->u.target->suffixes);
		free(e->u.target);
		break;
	case EXPR_EMBEDDED:
		node_text_free(e->u.code);
		break;
	}
	node_free(e);
}

void stmt_free(struct stmt *s)
{
	if (!s)
		return;
	switch (s->kind) {
	case STMT_BLOCK:
		for (size_t i = 0; i < s->u.block.count; i++)
			stmt_free(s->u.block.items[i]);
		free(s->u.block.items);
		break;
	case STMT_EXPR:
	case STMT_RETURN:
		expr_free(s->u.expr);
		break;
	case STMT_IF:
		expr_free(s->u.if_.cond);
		stmt_free(s->u.if_.then);
		stmt_free(s->u.if_.otherwise);
		break;
	case STMT_WHILE:
	case STMT_FOR:
		expr_free(s->u.loop.init);
		expr_free(s->u.loop.cond);
		expr_free(s->u.loop.incr);
		stmt_free(s->u.loop.body);
		break;
	case STMT_FOREACH:
		expr_free(s->u.foreach->value);
		expr_list_free(s->u.foreach->keys, s->u.foreach->nkeys);
		expr_free(s->u.foreach->array);
		expr_list_free(s->u.foreach->slice, s->u.foreach->nslice);
		expr_free(s->u.foreach->limit);
		stmt_free(s->u.foreach->body);
		free(s->u.foreach);
		break;
	case STMT_DELETE:
		expr_free(s->u.expr);
		break;
	case STMT_TRY:
		stmt_free(s->u.try_.body);
		expr_free(s->u.try_.catch_var);
		stmt_free(s->u.try_.handler);
		break;
	case STMT_NULL:
	case STMT_BREAK:
	case STMT_CONTINUE:
	case STMT_NEXT:
		break;
	}
	node_free(s);
}

void symbol_free(struct symbol *sym)
{
	if (!sym)
		return;
	free(sym->name);
	expr_free(sym->init);
	free(sym);
}

void probe_point_free(struct probe_point *pp)
{
	if (!pp)
		return;
	for (size_t i = 0; i < pp->ncomponents; i++) {
		free(pp->components[i].name);
		expr_free(pp->components[i].arg);
	}
	free(pp->components);
	expr_free(pp->condition);
	free(pp);
}

void probe_free(struct probe *p)
{
	probe_point_free(p->alias);
	for (size_t i = 0; i < p->npoints; i++)
		probe_point_free(p->points[i]);
	free(p->points);
	stmt_free(p->body);
	for (size_t i = 0; i < p->nlocals; i++)
		symbol_free(p->locals[i]);
	free(p->locals);
	free(p);
}

void function_free(struct function *f)
{
	for (size_t i = 0; i < f->nparams; i++)
		free(f->params[i].name);
	free(f->params);
	free(f->name);
	stmt_free(f->body);
	free(f->embedded);
	for (size_t i = 0; i < f->nlocals; i++)
		symbol_free(f->locals[i]);
	free(f->locals);
	free(f);
}

void program_free(struct program *prog)
{
	for (size_t i = 0; i < prog->naliases; i++)
		probe_free(prog->aliases[i]);
	free(prog->aliases);
	for (size_t i = 0; i < prog->nfunctions; i++)
		function_free(prog->functions[i]);
	free(prog->functions);
	for (size_t i = 0; i < prog->nembedded; i++)
		free(prog->embedded[i].code);
	free(prog->embedded);
	for (size_t i = 0; i < prog->nprobes; i++)
		probe_free(prog->probes[i]);
	free(prog->probes);
	for (size_t i = 0; i < prog->nglobals; i++)
		symbol_free(prog->globals[i]);
	free(prog->globals);
	for (size_t i = 0; i < prog->nfiles; i++)
		source_file_free(prog->files[i]);
	free(prog->files);
	memset(prog, 0, sizeof(*prog));
}

