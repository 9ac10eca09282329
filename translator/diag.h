/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Source files, locations, and SystemTap-style error reporting. */
#ifndef CTAP_DIAG_H
#define CTAP_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One script or tapset file, held in memory for the whole run. */
struct source_file {
	char *name;	/* as shown in messages: a path or "<input>" */
	char *text;	/* NUL-terminated contents */
	size_t len;
	unsigned id;	/* what a location holds: see location_file */
};

/*
 * A position in a source file, packed into 8 bytes because every tree
 * node and token carries one (a 20,000-line script has about 200,000).
 * `line` and `col` read as plain ints; the file is location_file(loc).
 * Positions past LOCATION_MAX lines or columns (a file over 16 MB) show
 * as LOCATION_MAX. The bit-fields are uint64_t (GCC and Clang both take
 * them) so that the three share one word.
 */
struct location {
	uint64_t line : 24;	/* 1-based; 0: no position */
	uint64_t col : 24;	/* 1-based, in bytes */
	uint64_t file_id : 16;	/* source_file id; 0: no file */
};

#define LOCATION_MAX 0xffffff
/* Live source files, by id - 1; slots of freed files are reused. */
#define MAX_SOURCE_FILES 0xffff
extern struct source_file **source_file_table;

/* NULL for a location without a file. */
static inline const struct source_file *location_file(struct location loc)
{
	return loc.file_id ? source_file_table[loc.file_id - 1] : NULL;
}

/* A location in file (NULL: none), clamped to what the fields hold. */
static inline struct location location_at(const struct source_file *file, int line, int col)
{
	/* All fields in one initialiser: the compiler builds the word in a
	 * register instead of three read-modify-writes of memory. */
	return (struct location){
		.line = line < 0 ? 0 : line > LOCATION_MAX ? LOCATION_MAX : (unsigned)line,
		.col = col < 0 ? 0 : col > LOCATION_MAX ? LOCATION_MAX : (unsigned)col,
		.file_id = file ? file->id : 0,
	};
}

/* Registers the file, so locations can name it (see location_file). More
 * than MAX_SOURCE_FILES files alive at once end stap with a message. */
struct source_file *source_file_new(const char *name, const char *text, size_t len);
/* The same, taking over text (malloc'd, NUL at text[len]) instead of
 * copying it: a big script is not copied and faulted in twice. */
struct source_file *source_file_adopt(const char *name, char *text, size_t len);
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
