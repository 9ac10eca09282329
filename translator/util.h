/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small allocation and string-building helpers used across the translator. */
#ifndef CTAP_UTIL_H
#define CTAP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Allocation never returns NULL: running out of memory ends stap. */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Both NULL, or both strings and equal. */
bool same_string(const char *a, const char *b);

/* Grow *array (of *capacity elements of elem_size) so index `needed` fits. */
void grow_array(void **array, size_t *capacity, size_t needed, size_t elem_size);
#define VEC_PUSH(arr, count, cap, value)                                      \
	do {                                                                  \
		grow_array((void **)&(arr), &(cap), (count) + 1, sizeof(*(arr))); \
		(arr)[(count)++] = (value);                                   \
	} while (0)

/* Give back an array's unused capacity: the array is kept as it is. */
#define VEC_FIT(arr, count, cap)                                              \
	do {                                                                  \
		if ((arr) && (count) < (cap)) {                               \
			(arr) = xrealloc((arr), (count) * sizeof(*(arr)));   \
			(cap) = (count);                                      \
		}                                                             \
	} while (0)

/* A growable NUL-terminated byte string. */
struct strbuf {
	char *data;
	size_t len;
	size_t cap;
};

void strbuf_init(struct strbuf *sb);
void strbuf_free(struct strbuf *sb);
void strbuf_addn(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append s as the body of a C string literal (escaping as needed). */
void strbuf_add_c_string(struct strbuf *sb, const char *s, size_t n);
/* Hand the buffer to the caller; sb is left empty. */
char *strbuf_detach(struct strbuf *sb);

/*
 * A bump allocator for many small strings freed together (pass 1's token
 * texts): one malloc per chunk instead of one per string. They stay valid
 * until arena_free.
 */
struct arena {
	struct arena_chunk *chunks;	/* newest first */
	char *pos, *end;		/* free space in the newest chunk */
};

void arena_init(struct arena *arena);
void arena_free(struct arena *arena);
/* A NUL-terminated copy of n bytes (which may hold NULs). */
char *arena_strndup(struct arena *arena, const char *s, size_t n);

/* Read a whole file; NULL with errno set on failure. */
char *read_file(const char *path, size_t *len);
/* Write a whole file; 0 on success, -1 with errno set. */
int write_file(const char *path, const char *data, size_t len);

/* 64-bit FNV-1a, for cache keys and module names. */
unsigned long long hash_bytes(unsigned long long h, const void *data, size_t len);
#define HASH_INIT 0xcbf29ce484222325ULL

#endif
