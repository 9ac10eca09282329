// SPDX-License-Identifier: GPL-2.0-or-later
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int diag_parse_errors;
int diag_semantic_errors;
int diag_warnings;
bool diag_suppress_warnings;
bool diag_show_similar_warnings;

/*
 * As SystemTap does, a message already shown about one token is held
 * back about the next (unless -v), and counted: "unresolved type" for
 * ten variables is one message and a count.
 */
struct shown_messages {
	char **texts;
	size_t count, cap;
	int held;
};

static struct shown_messages shown_warnings, shown_errors;

static bool hold_back(struct shown_messages *shown, const char *message)
{
	for (size_t i = 0; i < shown->count; i++) {
		if (strcmp(shown->texts[i], message) == 0) {
			if (diag_show_similar_warnings)
				return false;
			shown->held++;
			return true;
		}
	}
	VEC_PUSH(shown->texts, shown->count, shown->cap, xstrdup(message));
	return false;
}

static void finish_shown(struct shown_messages *shown, const char *what)
{
	if (shown->held)
		fprintf(stderr, "Number of similar %s messages suppressed: %d.\n"
			"Rerun with -v to see them.\n", what, shown->held);
	for (size_t i = 0; i < shown->count; i++)
		free(shown->texts[i]);
	free(shown->texts);
	memset(shown, 0, sizeof(*shown));
}

void diag_finish(void)
{
	finish_shown(&shown_errors, "error");
	finish_shown(&shown_warnings, "warning");
}

struct source_file **source_file_table;
static size_t source_file_slots, source_file_cap;
static size_t source_file_free_hint;	/* no free slot below this */

/* The lowest free slot's id (an index + 1), growing the table if needed. */
static unsigned take_source_file_id(void)
{
	size_t i = source_file_free_hint < source_file_slots ? source_file_free_hint
							    : source_file_slots;

	while (i < source_file_slots && source_file_table[i])
		i++;
	if (i == source_file_slots) {
		if (source_file_slots == MAX_SOURCE_FILES) {
			fprintf(stderr, "stap: more than %d source files at once\n",
				MAX_SOURCE_FILES);
			exit(1);
		}
		VEC_PUSH(source_file_table, source_file_slots, source_file_cap, NULL);
	}
	source_file_free_hint = i + 1;
	return (unsigned)i + 1;
}

struct source_file *source_file_new(const char *name, const char *text, size_t len)
{
	return source_file_adopt(name, xstrndup(text, len), len);
}

struct source_file *source_file_adopt(const char *name, char *text, size_t len)
{
	struct source_file *file = xcalloc(1, sizeof(*file));

	file->name = xstrdup(name);
	file->text = text;
	file->len = len;
	file->id = take_source_file_id();
	source_file_table[file->id - 1] = file;
	return file;
}

void source_file_free(struct source_file *file)
{
	if (!file)
		return;
	source_file_table[file->id - 1] = NULL;
	if (file->id - 1 < source_file_free_hint)
		source_file_free_hint = file->id - 1;
	if (file->id == source_file_slots) {
		while (source_file_slots && !source_file_table[source_file_slots - 1])
			source_file_slots--;
		if (!source_file_slots) {
			free(source_file_table);
			source_file_table = NULL;
			source_file_cap = 0;
		}
	}
	free(file->name);
	free(file->text);
	free(file);
}

char *location_string(struct location loc)
{
	const struct source_file *file = location_file(loc);

	return xasprintf("%s:%d:%d", file ? file->name : "", loc.line, loc.col);
}

/* Print the source line of loc after `indent` spaces of label, then a caret
 * line that reproduces the line's tabs so the caret lines up. */
static void print_source_line(FILE *out, const char *label, int width,
			      struct location loc)
{
	const struct source_file *file = location_file(loc);
	const char *text, *start, *end;
	struct strbuf caret;
	int line = 1;

	if (!file || loc.line < 1)
		return;
	text = file->text;
	start = text;
	while (line < loc.line && *start) {
		if (*start++ == '\n')
			line++;
	}
	end = strchr(start, '\n');
	if (!end)
		end = start + strlen(start);
	/* One write for both lines: stderr is unbuffered. */
	strbuf_init(&caret);
	strbuf_addf(&caret, "%*s %.*s\n%*s ", width, label, (int)(end - start), start, width, "");
	for (int i = 0; i < loc.col - 1 && start + i < end; i++)
		strbuf_addc(&caret, start[i] == '\t' ? '\t' : ' ');
	strbuf_adds(&caret, "^\n");
	fputs(caret.data, out);
	strbuf_free(&caret);
}

void diag_parse_error(const char *message, const char *label,
		      const char *token_desc, struct location loc)
{
	char *where = location_string(loc);
	char label_colon[32];

	snprintf(label_colon, sizeof(label_colon), "%s:", label);
	diag_parse_errors++;
	fprintf(stderr, "parse error: %s\n", message);
	if (token_desc)
		fprintf(stderr, "%12s %s at %s\n", label_colon, token_desc, where);
	else
		fprintf(stderr, "%12s %s\n", label_colon, where);
	print_source_line(stderr, "source:", 12, loc);
	fputc('\n', stderr);
	free(where);
}

void diag_error_plain(const char *message)
{
	diag_parse_errors++;
	fprintf(stderr, "%s\n", message);
}

void diag_semantic_error(const char *message, const char *token_desc,
			 struct location loc)
{
	char *where;

	diag_semantic_errors++;
	if (hold_back(&shown_errors, message))
		return;
	where = location_string(loc);
	fprintf(stderr, "semantic error: %s: %s at %s\n", message,
		token_desc, where);
	print_source_line(stderr, "source:", 15, loc);
	fputc('\n', stderr);
	free(where);
}

void diag_semantic_error_chained(const char *message, const char *what,
				 const char *name, struct location loc)
{
	char *where = location_string(loc);

	if (message)
		fprintf(stderr, "semantic error: %s: %s '%s' at %s\n", message, what,
			name, where);
	else
		fprintf(stderr, "%s '%s' at %s\n", what, name, where);
	print_source_line(stderr, "source:", 15, loc);
	fputc('\n', stderr);
	free(where);
}

void diag_semantic_error_plain(const char *message)
{
	diag_semantic_errors++;
	fprintf(stderr, "semantic error: %s\n\n", message);
}

void diag_warning(const char *message, const char *token_desc,
		  struct location loc)
{
	char *where;

	if (diag_suppress_warnings)
		return;
	diag_warnings++;
	if (hold_back(&shown_warnings, message))
		return;
	where = location_string(loc);
	fprintf(stderr, "WARNING: %s: %s at %s\n", message, token_desc, where);
	print_source_line(stderr, "source:", 8, loc);
	free(where);
}
