// SPDX-License-Identifier: GPL-2.0-or-later
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void out_of_memory(void)
{
	fputs("stap: out of memory\n", stderr);
	exit(1);
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		out_of_memory();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

bool same_string(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

char *xasprintf(const char *fmt, ...)
{
	struct strbuf sb;
	va_list ap;

	strbuf_init(&sb);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	return strbuf_detach(&sb);
}

void grow_array(void **array, size_t *capacity, size_t needed, size_t elem_size)
{
	size_t cap = *capacity;

	if (needed <= cap)
		return;
	cap = cap ? cap * 2 : 8;
	while (cap < needed)
		cap *= 2;
	*array = xrealloc(*array, cap * elem_size);
	*capacity = cap;
}

void strbuf_init(struct strbuf *sb)
{
	sb->data = NULL;
	sb->len = 0;
	sb->cap = 0;
}

void strbuf_free(struct strbuf *sb)
{
	free(sb->data);
	strbuf_init(sb);
}

static void strbuf_reserve(struct strbuf *sb, size_t extra)
{
	grow_array((void **)&sb->data, &sb->cap, sb->len + extra + 1, 1);
}

void strbuf_addn(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_reserve(sb, n);
	memcpy(sb->data + sb->len, s, n);
	sb->len += n;
	sb->data[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_addn(sb, s, strlen(s));
}

void strbuf_addc(struct strbuf *sb, char c)
{
	strbuf_addn(sb, &c, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	strbuf_reserve(sb, (size_t)n);
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_add_c_string(struct strbuf *sb, const char *s, size_t n)
{
	/* Octal escapes are always three digits so a following digit can
	 * never be absorbed into the escape. */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '\\': strbuf_adds(sb, "\\\\"); break;
		case '"': strbuf_adds(sb, "\\\""); break;
		case '\n': strbuf_adds(sb, "\\n"); break;
		case '\t': strbuf_adds(sb, "\\t"); break;
		default:
			if (c < 0x20 || c >= 0x7f)
				strbuf_addf(sb, "\\%03o", c);
			else
				strbuf_addc(sb, (char)c);
		}
	}
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->data ? sb->data : xstrdup("");

	strbuf_init(sb);
	return p;
}

struct arena_chunk {
	struct arena_chunk *next;
	max_align_t data[];
};

/* Chunks grow with the arena, so a big script needs few of them. */
#define ARENA_MIN_CHUNK 4096
#define ARENA_MAX_CHUNK (1 << 20)

void arena_init(struct arena *arena)
{
	arena->chunks = NULL;
	arena->pos = arena->end = NULL;
}

void arena_free(struct arena *arena)
{
	while (arena->chunks) {
		struct arena_chunk *next = arena->chunks->next;

		free(arena->chunks);
		arena->chunks = next;
	}
	arena_init(arena);
}

/* Make room for size more bytes at arena->pos. */
static void arena_reserve(struct arena *arena, size_t size)
{
	if ((size_t)(arena->end - arena->pos) < size) {
		size_t last = arena->chunks ? (size_t)(arena->end - (char *)arena->chunks->data) : 0;
		size_t bytes = last * 2 < ARENA_MIN_CHUNK ? ARENA_MIN_CHUNK :
			       last * 2 > ARENA_MAX_CHUNK ? ARENA_MAX_CHUNK : last * 2;
		struct arena_chunk *chunk;

		if (bytes < size)
			bytes = size;
		chunk = xmalloc(sizeof(*chunk) + bytes);
		chunk->next = arena->chunks;
		arena->chunks = chunk;
		arena->pos = (char *)chunk->data;
		arena->end = arena->pos + bytes;
	}
}

/* Packed without alignment: short names take a few bytes each. */
char *arena_strndup(struct arena *arena, const char *s, size_t n)
{
	char *p;

	arena_reserve(arena, n + 1);
	p = arena->pos;
	arena->pos += n + 1;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Sized by fstat, so a regular file takes one read into an exact buffer;
 * the buffer grows for anything longer (pipes, a file still growing). */
char *read_file(const char *path, size_t *len)
{
	struct stat st;
	size_t cap, used = 0;
	char *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	cap = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 65536;
	buf = xmalloc(cap);
	for (;;) {
		char probe;
		ssize_t n;

		/* Full: one byte more means the buffer must grow. */
		if (used + 1 == cap) {
			n = read(fd, &probe, 1);
			if (n == 1) {
				cap *= 2;
				buf = xrealloc(buf, cap);
				buf[used++] = probe;
				continue;
			}
		} else {
			n = read(fd, buf + used, cap - used - 1);
		}
		if (n == 0)
			break;
		if (n < 0) {
			int saved = errno;

			if (saved == EINTR)
				continue;
			close(fd);
			free(buf);
			errno = saved;
			return NULL;
		}
		used += (size_t)n;
	}
	close(fd);
	buf[used] = '\0';
	if (len)
		*len = used;
	return buf;
}

int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			int saved = errno;

			if (saved == EINTR)
				continue;
			close(fd);
			errno = saved;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return close(fd);
}

unsigned long long hash_bytes(unsigned long long h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
