// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Pretty printing: `$var$`, `$var$$`, `$$parms$`, `@cast(...)$`. The
 * format is SystemTap's (its -p2 shows the sprintf it builds):
 *   struct/union   {.a=1, .b=0x..., <union>={...}, <class>={...}}
 *   array          [first, ...]   (only the first element, always ", ...")
 *   char * / char[] "quoted"      (kernel string, user memory as fallback)
 *   char            'c'            (%#c)
 *   integer, enum   %i or %u by signedness; float "?"; pointer %p (%#x)
 * `$` prints the top level's members and shows nested structs and arrays
 * as {...} and [...]; `$$` expands them. A pointer at the top is followed
 * once. A value's format takes at most 32 values (SystemTap's printf
 * argument limit): past that a struct ends with ", ...". A group whose
 * read faults prints "ERROR" instead, as SystemTap's try/catch does.
 */
#include "target_var.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "util.h"

/* SystemTap's limit of values in one sprintf (PR10750). */
#define PRETTY_MAX_VALUES 32

struct pretty_builder {
	struct target_access *a;
	bool deep;
	unsigned values;
};

static struct pretty_op *add_op(struct target_access *a, struct pretty_op op)
{
	size_t cap = a->npretty;

	grow_array((void **)&a->pretty, &cap, a->npretty + 1, sizeof(op));
	a->pretty[a->npretty] = op;
	return &a->pretty[a->npretty++];
}

void pretty_add_text(struct target_access *a, const char *text)
{
	struct pretty_op *last = a->npretty ? &a->pretty[a->npretty - 1] : NULL;
	char *joined;

	if (last && last->kind == PRETTY_TEXT) {
		joined = xasprintf("%s%s", last->text, text);
		free(last->text);
		last->text = joined;
		return;
	}
	add_op(a, (struct pretty_op){ .kind = PRETTY_TEXT, .text = xstrdup(text) });
}

static void add_value(struct pretty_builder *b, struct pretty_op op)
{
	add_op(b->a, op);
	b->values++;
}

static bool is_char(const struct ctype *t)
{
	return t && t->kind == CTYPE_INT && t->is_char && t->size == 1;
}

static char number_conv(const struct ctype *t)
{
	return t->is_signed ? 'i' : 'u';
}

static void object_at(struct pretty_builder *b, const struct ctype *t, uint64_t offset,
		      bool top);

static void struct_at(struct pretty_builder *b, const struct ctype *t, uint64_t offset,
		      bool top)
{
	size_t count = 0;

	if (!top && !b->deep) {
		pretty_add_text(b->a, "{...}");
		return;
	}
	ctype_load_members((struct ctype *)t);
	pretty_add_text(b->a, "{");
	for (size_t i = 0; i < t->nmembers; i++) {
		const struct ctype_member *m = &t->members[i];
		uint64_t at = offset + m->bit_offset / 8;

		if (b->values >= PRETTY_MAX_VALUES) {
			pretty_add_text(b->a, ", ...");
			break;
		}
		if (count++)
			pretty_add_text(b->a, ", ");
		if (*m->name) {
			pretty_add_text(b->a, ".");
			pretty_add_text(b->a, m->name);
			pretty_add_text(b->a, "=");
		} else {
			pretty_add_text(b->a, m->type->kind == CTYPE_UNION ? "<union>=" : "<class>=");
		}
		if (m->bitfield_size)
			add_value(b, (struct pretty_op){ .kind = PRETTY_NUMBER, .offset = at,
							 .size = 8, .conv = number_conv(m->type),
							 .bit_offset = m->bit_offset % 8,
							 .bit_size = m->bitfield_size });
		else
			object_at(b, m->type, at, false);
	}
	pretty_add_text(b->a, "}");
}

static void array_at(struct pretty_builder *b, const struct ctype *t, uint64_t offset,
		     bool top)
{
	if (!top && !b->deep) {
		pretty_add_text(b->a, "[...]");
		return;
	}
	if (is_char(t->target)) {
		add_value(b, (struct pretty_op){ .kind = PRETTY_STRING_AT, .offset = offset });
		return;
	}
	/* SystemTap prints the first element only, its size being unknown to it. */
	pretty_add_text(b->a, "[");
	if (b->values < PRETTY_MAX_VALUES)
		object_at(b, t->target, offset, false);
	pretty_add_text(b->a, ", ...]");
}

/* Whether a pointer to t at the top is followed to print t. */
static bool followed_at_top(const struct ctype *t)
{
	return t->kind == CTYPE_STRUCT || t->kind == CTYPE_UNION || t->kind == CTYPE_ARRAY ||
	       t->kind == CTYPE_INT || t->kind == CTYPE_ENUM || t->kind == CTYPE_FLOAT ||
	       t->kind == CTYPE_POINTER;
}

static void pointer_at(struct pretty_builder *b, const struct ctype *t, uint64_t offset,
		       bool top)
{
	if (is_char(t->target)) {
		add_value(b, (struct pretty_op){ .kind = PRETTY_STRING_PTR, .offset = offset,
						 .size = 8 });
	} else if (top && followed_at_top(t->target)) {
		add_op(b->a, (struct pretty_op){ .kind = PRETTY_DEREF, .offset = offset });
		object_at(b, t->target, 0, true);
	} else {
		add_value(b, (struct pretty_op){ .kind = PRETTY_NUMBER, .offset = offset,
						 .size = 8, .conv = 'p' });
	}
}

/* The object of type t at base + offset. */
static void object_at(struct pretty_builder *b, const struct ctype *t, uint64_t offset,
		      bool top)
{
	switch (t->kind) {
	case CTYPE_INT:
	case CTYPE_ENUM:
		if (is_char(t)) {
			pretty_add_text(b->a, "'");
			add_value(b, (struct pretty_op){ .kind = PRETTY_NUMBER, .offset = offset,
							 .size = 1, .conv = 'c' });
			pretty_add_text(b->a, "'");
		} else {
			add_value(b, (struct pretty_op){ .kind = PRETTY_NUMBER, .offset = offset,
							 .size = (unsigned)t->size,
							 .conv = number_conv(t) });
		}
		break;
	case CTYPE_POINTER:
		pointer_at(b, t, offset, top);
		break;
	case CTYPE_ARRAY:
		array_at(b, t, offset, top);
		break;
	case CTYPE_STRUCT:
	case CTYPE_UNION:
		struct_at(b, t, offset, top);
		break;
	case CTYPE_FLOAT:
	case CTYPE_VOID:
	case CTYPE_FUNCTION:
		pretty_add_text(b->a, "?");
		break;
	}
}

/* A value in hand: an integer, or a pointer (its target is at base). */
static void value_in_hand(struct pretty_builder *b, const struct ctype *t)
{
	if (t->kind == CTYPE_POINTER && is_char(t->target))
		add_value(b, (struct pretty_op){ .kind = PRETTY_STRING_PTR });
	else if (t->kind == CTYPE_POINTER && followed_at_top(t->target))
		object_at(b, t->target, 0, true);
	else if (t->kind == CTYPE_POINTER)
		add_value(b, (struct pretty_op){ .kind = PRETTY_NUMBER, .conv = 'p' });
	else if (is_char(t)) {
		pretty_add_text(b->a, "'");
		add_value(b, (struct pretty_op){ .kind = PRETTY_NUMBER, .conv = 'c' });
		pretty_add_text(b->a, "'");
	} else if (t->kind == CTYPE_INT || t->kind == CTYPE_ENUM)
		add_value(b, (struct pretty_op){ .kind = PRETTY_NUMBER, .conv = number_conv(t) });
	else
		pretty_add_text(b->a, "?");
}

void pretty_add_value(struct target_access *a, const struct ctype *type, bool in_memory,
		      bool deep, int arg, const char *location)
{
	struct pretty_builder b = { .a = a, .deep = deep };
	size_t cap = a->ngroups;

	grow_array((void **)&a->groups, &cap, a->ngroups + 1, sizeof(*a->groups));
	a->groups[a->ngroups].arg = arg;
	a->groups[a->ngroups].location = location ? xstrdup(location) : NULL;
	add_op(a, (struct pretty_op){ .kind = PRETTY_BEGIN, .group = a->ngroups++ });
	if (in_memory)
		object_at(&b, type, 0, true);
	else
		value_in_hand(&b, type);
	add_op(a, (struct pretty_op){ .kind = PRETTY_END });
}

void pretty_free(struct target_access *a)
{
	for (size_t i = 0; i < a->npretty; i++)
		free(a->pretty[i].text);
	free(a->pretty);
	for (size_t i = 0; i < a->ngroups; i++)
		free(a->groups[i].location);
	free(a->groups);
}

bool pretty_equal(const struct target_access *a, const struct target_access *b)
{
	if (a->npretty != b->npretty || a->ngroups != b->ngroups)
		return false;
	for (size_t i = 0; i < a->ngroups; i++)
		if (a->groups[i].arg != b->groups[i].arg ||
		    !same_string(a->groups[i].location, b->groups[i].location))
			return false;
	for (size_t i = 0; i < a->npretty; i++) {
		const struct pretty_op *x = &a->pretty[i], *y = &b->pretty[i];

		if (x->kind != y->kind || x->offset != y->offset || x->size != y->size ||
		    x->conv != y->conv || x->bit_offset != y->bit_offset ||
		    x->bit_size != y->bit_size || x->group != y->group ||
		    (x->text && strcmp(x->text, y->text) != 0))
			return false;
	}
	return true;
}

static const char *const op_names[] = {
	[PRETTY_TEXT] = "STP_PP_TEXT", [PRETTY_BEGIN] = "STP_PP_BEGIN",
	[PRETTY_END] = "STP_PP_END", [PRETTY_NUMBER] = "STP_PP_NUMBER",
	[PRETTY_STRING_AT] = "STP_PP_STRING_AT", [PRETTY_STRING_PTR] = "STP_PP_STRING_PTR",
	[PRETTY_DEREF] = "STP_PP_DEREF",
};

/*
 * The plan as a static table and a call of the runtime's interpreter:
 * ({ static const struct stp_pp_op ops[] = {...};
 *    stp_pretty(c, buf, ops, N, (const int64_t[]){ base, ... }); })
 */
void emit_pretty(struct emitter *em, const struct target_access *a, const char *what,
		 struct location loc,
		 void (*emit_walk)(struct emitter *em, const struct target_access *a,
				   const char *what, struct location loc))
{
	put(em, "({ static const struct stp_pp_op stp_pp[] = {");
	for (size_t i = 0; i < a->npretty; i++) {
		const struct pretty_op *op = &a->pretty[i];

		putf(em, " { %s, ", op_names[op->kind]);
		if (op->text)
			put_c_string(em, op->text, strlen(op->text));
		else
			put(em, "NULL");
		putf(em, ", %lluULL, %u, '%c', %u, %u, %zu },", (unsigned long long)op->offset,
		     op->size, op->conv ? op->conv : ' ', op->bit_offset, op->bit_size,
		     op->group);
	}
	putf(em, " }; stp_pretty(c, l->tmp%zu, stp_pp, %zu, ", em->needs->string_temps++,
	     a->npretty);
	if (!a->ngroups)
		put(em, "NULL");	/* $$locals$ where there are none */
	else
		put(em, "(const int64_t[]){ ");
	for (size_t i = 0; i < a->ngroups; i++) {
		if (i)
			put(em, ", ");
		if (a->groups[i].arg == PRETTY_BASE_WALK)
			emit_walk(em, a, what, loc);
		else if (a->groups[i].location)
			put(em, a->groups[i].location);
		else
			putf(em, "stp_arg(c, %d)", a->groups[i].arg);
	}
	put(em, a->ngroups ? " }); })" : "); })");
}
