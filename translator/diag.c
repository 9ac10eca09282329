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

struct source_file *source_file_new(const char *name, const char *text, size_t len)
{
	struct source_file *file = xcalloc(1, sizeof(*file));

	file->name = xstrdup(name);
	file->text = xstrndup(text, len);
	file->len = len;
	return file;
}

void source_file_free(struct source_file *file)
{
	if (!file)
		return;
	free(file->name);
	free(file->text);
	free(file);
}

char *location_string(struct location loc)
{
	return xasprintf("%s:%d:%d", loc.file ? loc.file->name : "",
			 loc.line, loc.col);
}

/* Print the source line of loc after `indent` spaces of label, then a caret
 * line that reproduces the line's tabs so the caret lines up. */
static void print_source_line(FILE *out, const char *label, int width,
			      struct location loc)
{
	const char *text, *start, *end;
	int line = 1;

	if (!loc.file || loc.line < 1)
		return;
	text = loc.file->text;
	start = text;
	while (line < loc.line && *start) {
		if (*start++ == '\n')
			line++;
	}
	end = strchr(start, '\n');
	if (!end)
		end = start + strlen(start);
	fprintf(out, "%*s %.*s\n", width, label, (int)(end - start), start);
	fprintf(out, "%*s ", width, "");
	for (int i = 0; i < loc.col - 1 && start + i < end; i++)
		fputc(start[i] == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
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
	char *where = location_string(loc);

	diag_semantic_errors++;
	fprintf(stderr, "semantic error: %s: %s at %s\n", message,
		token_desc, where);
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
	where = location_string(loc);
	diag_warnings++;
	fprintf(stderr, "WARNING: %s: %s at %s\n", message, token_desc, where);
	print_source_line(stderr, "source:", 8, loc);
	free(where);
}
