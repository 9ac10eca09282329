/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Source files, locations, and SystemTap-style error reporting. */
#ifndef CTAP_DIAG_H
#define CTAP_DIAG_H

#include <stdbool.h>
#include <stddef.h>

/* One script or tapset file, held in memory for the whole run. */
struct source_file {
	char *name;	/* as shown in messages: a path or "<input>" */
	char *text;	/* NUL-terminated contents */
	size_t len;
};

struct location {
	const struct source_file *file;
	int line;	/* 1-based */
	int col;	/* 1-based, in bytes */
};

struct source_file *source_file_new(const char *name, const char *text, size_t len);
void source_file_free(struct source_file *file);

/* "FILE:LINE:COL", freshly allocated. */
char *location_string(struct location loc);

/* Count of errors reported so far, per kind. */
extern int diag_parse_errors;
extern int diag_semantic_errors;
extern int diag_warnings;
extern bool diag_suppress_warnings;	/* -w */
extern bool diag_show_similar_warnings;	/* -v: repeats of a message too */

/* At exit: how many similar errors and warnings were held back (a message
 * repeated about another token is, without -v); frees what diag kept. */
void diag_finish(void);

/*
 * A parse error in SystemTap's layout:
 *   parse error: MESSAGE
 *           saw: TOKEN-DESCRIPTION at FILE:LINE:COL
 *        source: the source line
 *                caret under the column
 * `label` is "saw" or "at"; token_desc may be NULL for a bare location.
 */
void diag_parse_error(const char *message, const char *label,
		      const char *token_desc, struct location loc);

/* A pass-1 error without a position, printed as given. */
void diag_error_plain(const char *message);

/* "semantic error: MESSAGE: TOKEN-DESCRIPTION at FILE:LINE:COL" + source. */
void diag_semantic_error(const char *message, const char *token_desc,
			 struct location loc);
/* The second part of a semantic error: where the conflicting fact came
 * from ("type was first inferred here (long): identifier 'x' at ..."), or
 * with message NULL just the place. Not counted as another error. */
void diag_semantic_error_chained(const char *message, const char *what,
				 const char *name, struct location loc);
/* A semantic error with no source position. */
void diag_semantic_error_plain(const char *message);

/* "WARNING: MESSAGE: TOKEN-DESCRIPTION at FILE:LINE:COL" + source. */
void diag_warning(const char *message, const char *token_desc,
		  struct location loc);

#endif
