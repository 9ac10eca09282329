// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The module's files under /sys/kernel/debug/ctap_<module>/: "control"
 * (commands in, tagged message lines out) and the relay channel's
 * per-CPU "trace<N>" files, whose records carry a sequence number so the
 * output of all CPUs comes out in the order handlers produced it.
 */
#include "staprun.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEBUGFS "/sys/kernel/debug"
#define RECORD_MAGIC 0x70617463U

struct record_header {
	uint32_t magic;
	uint32_t len;
	uint64_t seq;
};

struct stream {
	int fd;
	char name[32];
	char *buf;		/* bytes read but not yet output */
	size_t len, cap;
	bool corrupt;
};

struct transport {
	int control_fd;
	struct stream *streams;
	size_t nstreams;
	char msg_line[1024];	/* a message line in progress */
	size_t msg_len;
	uint64_t next_seq;	/* the record expected next (the first is 1) */
	uint64_t held_max;	/* the newest record held back last round, or 0 */
};

/* A complete record in a stream's buffer. */
struct pending {
	uint64_t seq;
	const char *data;
	uint32_t len;
	size_t stream;		/* index in transport.streams */
	size_t end;		/* offset just past it in the stream's buffer */
};

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int open_streams(struct transport *t, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char path[1024];
		struct stream *s;

		if (strncmp(e->d_name, "trace", 5) != 0 || strlen(e->d_name) > 16)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		t->streams = realloc(t->streams, (t->nstreams + 1) * sizeof(*t->streams));
		if (!t->streams)
			abort();
		s = &t->streams[t->nstreams];
		memset(s, 0, sizeof(*s));
		memcpy(s->name, e->d_name, strlen(e->d_name) + 1);
		s->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (s->fd < 0) {
			fprintf(stderr, "staprun: cannot open %s: %s\n", path, strerror(errno));
			closedir(d);
			return -1;
		}
		t->nstreams++;
	}
	closedir(d);
	return t->nstreams ? 0 : -1;
}

struct transport *transport_open(const char *module_name)
{
	char dir[512], path[600];
	struct transport *t;

	snprintf(dir, sizeof(dir), DEBUGFS "/ctap_%s", module_name);
	if (!is_dir(dir) && mount("debugfs", DEBUGFS, "debugfs", 0, NULL) != 0 &&
	    errno != EBUSY) {
		fprintf(stderr, "staprun: cannot mount debugfs on " DEBUGFS ": %s\n",
			strerror(errno));
		return NULL;
	}
	if (!is_dir(dir)) {
		fprintf(stderr, "staprun: module %s has no control directory %s\n",
			module_name, dir);
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		abort();
	t->control_fd = -1;
	t->next_seq = 1;
	snprintf(path, sizeof(path), "%s/control", dir);
	t->control_fd = open(path, O_RDWR | O_CLOEXEC);
	if (t->control_fd < 0) {
		fprintf(stderr, "staprun: cannot open %s: %s\n", path, strerror(errno));
		transport_close(t);
		return NULL;
	}
	if (open_streams(t, dir) != 0) {
		fprintf(stderr, "staprun: cannot open the output channel in %s\n", dir);
		transport_close(t);
		return NULL;
	}
	return t;
}

int transport_command(struct transport *t, const char *command)
{
	ssize_t n;

	do
		n = write(t->control_fd, command, strlen(command));
	while (n < 0 && errno == EINTR);
	return n < 0 ? -errno : 0;
}

static void handle_message(const char *line, bool *exit_requested, bool *failed)
{
	switch (line[0]) {
	case 'E':
		*failed = true;
		/* fall through */
	case 'W':
		fprintf(stderr, "%s\n", line + 1);
		break;
	case 'F':
		*failed = true;
		break;
	case 'X':
		*exit_requested = true;
		break;
	default:
		fprintf(stderr, "staprun: unknown message from the module: %s\n", line);
		break;
	}
}

void transport_read_messages(struct transport *t, bool *exit_requested, bool *failed)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(t->control_fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				t->msg_line[t->msg_len] = '\0';
				handle_message(t->msg_line, exit_requested, failed);
				t->msg_len = 0;
			} else if (t->msg_len < sizeof(t->msg_line) - 1) {
				t->msg_line[t->msg_len++] = buf[i];
			}
		}
	}
	fflush(stderr);
}

/*
 * Read what the stream holds now. Until the last drain, a round stops at a
 * short read (the file was empty at that moment) or after ROUND_LIMIT
 * bytes: a script that prints on every read() would otherwise, probing
 * staprun's own reads, keep a round going forever. After "stop" nothing
 * writes any more, so the last drain reads to the end.
 */
#define ROUND_LIMIT (16u << 20)

static void stream_fill(struct stream *s, bool final)
{
	size_t got = 0;

	for (;;) {
		size_t want;
		ssize_t n;

		if (s->cap - s->len < 65536) {
			s->cap = s->cap ? s->cap * 2 : 262144;
			s->buf = realloc(s->buf, s->cap);
			if (!s->buf)
				abort();
		}
		want = s->cap - s->len;
		n = read(s->fd, s->buf + s->len, want);
		if (n <= 0)
			break;
		s->len += (size_t)n;
		got += (size_t)n;
		if (!final && ((size_t)n < want || got >= ROUND_LIMIT))
			break;
	}
}

static int compare_seq(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Complete records of stream `index`, appended to *list. */
static void stream_records(struct stream *s, size_t index, struct pending **list, size_t *n,
			   size_t *cap)
{
	size_t off = 0;

	while (!s->corrupt && s->len - off >= sizeof(struct record_header)) {
		struct record_header h;

		memcpy(&h, s->buf + off, sizeof(h));
		if (h.magic != RECORD_MAGIC) {
			fprintf(stderr, "staprun: corrupt output record in %s; "
				"its later output is lost\n", s->name);
			s->corrupt = true;
			break;
		}
		if (s->len - off - sizeof(h) < h.len)
			break;
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*list = realloc(*list, *cap * sizeof(**list));
			if (!*list)
				abort();
		}
		off += sizeof(h) + h.len;
		(*list)[(*n)++] = (struct pending){ h.seq, s->buf + off - h.len, h.len, index, off };
	}
}

/*
 * Whether the record comes out this round. Records come out in sequence
 * order; one after a gap in the sequence waits a round, as the record
 * filling the gap may be in the middle of its write on another CPU. A gap
 * still open after a round is output the kernel dropped (it counts it).
 */
static bool record_due(const struct transport *t, uint64_t seq, bool final)
{
	return final || seq <= t->next_seq || seq <= t->held_max;
}

int transport_drain_output(struct transport *t, FILE *out, bool final)
{
	struct pending *list = NULL;
	size_t n = 0, cap = 0, i;
	size_t *used = calloc(t->nstreams + 1, sizeof(*used));
	int rc = 0;

	if (!used)
		abort();
	for (i = 0; i < t->nstreams; i++) {
		stream_fill(&t->streams[i], final);
		stream_records(&t->streams[i], i, &list, &n, &cap);
	}
	qsort(list, n, sizeof(*list), compare_seq);
	for (i = 0; i < n && record_due(t, list[i].seq, final); i++) {
		if (fwrite(list[i].data, 1, list[i].len, out) != list[i].len)
			rc = -1;
		if (list[i].seq >= t->next_seq)
			t->next_seq = list[i].seq + 1;
		used[list[i].stream] = list[i].end;
	}
	t->held_max = i < n ? list[n - 1].seq : 0;
	if (fflush(out) != 0)
		rc = -1;
	for (i = 0; i < t->nstreams; i++) {
		struct stream *s = &t->streams[i];

		memmove(s->buf, s->buf + used[i], s->len - used[i]);
		s->len -= used[i];
	}
	free(list);
	free(used);
	return rc;
}

void transport_close(struct transport *t)
{
	if (!t)
		return;
	if (t->control_fd >= 0)
		close(t->control_fd);
	for (size_t i = 0; i < t->nstreams; i++) {
		close(t->streams[i].fd);
		free(t->streams[i].buf);
	}
	free(t->streams);
	free(t);
}
