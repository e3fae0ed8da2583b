/* error.h - status codes and the caller-owned error struct (after jansson's json_error_t).
 *
 * Every function that can fail returns fg_status (FG_OK == 0) and fills an
 * optional fg_error. The first error wins: a filled struct is not overwritten,
 * so the innermost, most precise message reaches the user. Filling the struct
 * never allocates. */
#ifndef FACTGRAPH_ERROR_H
#define FACTGRAPH_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Codes are only appended, never renumbered. */
typedef enum fg_status {
    FG_OK = 0,
    FG_ENOMEM = 1,  /* an allocation failed */
    FG_EIO = 2,     /* a file could not be read or written */
    FG_EUTF8 = 3,   /* input is not valid UTF-8 */
    FG_EPARSE = 4,  /* input is malformed (lexicon line, JSON, ...) */
    FG_ELIMIT = 5,  /* input exceeds a limit in core/limits.h */
    FG_EINVAL = 6,  /* an argument or option is invalid */
    FG_EDEP = 7,    /* a dependency (igraph, MeCab, cgraph, ...) failed */
    FG_EEMPTY = 8   /* input has no content (empty file, binary file) */
} fg_status;

#define FG_ERROR_SOURCE_MAX 160
#define FG_ERROR_TEXT_MAX 200

typedef struct fg_error {
    fg_status code;                   /* same value the function returned */
    char source[FG_ERROR_SOURCE_MAX]; /* path as the user typed it, or "<stdin>" */
    long line, column;                /* 1-based; column in characters; 0 = unknown */
    size_t offset;                    /* byte offset into the original input */
    int has_offset;                   /* offset is meaningful */
    char text[FG_ERROR_TEXT_MAX];     /* lowercase, no final period */
} fg_error;

/* Clears err (may be NULL) so that the next error is recorded. */
void fg_error_clear(fg_error *err);

/* Records an error unless err is NULL or already holds one; returns code so
 * callers can write `return fg_error_set(...)`. source may be NULL. A source
 * longer than the field keeps its tail ("...name.txt"), so the file name survives. */
fg_status fg_error_set(fg_error *err, fg_status code, const char *source,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Like fg_error_set, with a position in the input (line/column 0 = unknown). */
fg_status fg_error_set_at(fg_error *err, fg_status code, const char *source,
                          long line, long column, size_t offset,
                          const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Sets err->source if the error has none yet (a callee may not know the path). */
void fg_error_set_source(fg_error *err, const char *source);

/* Formats err as "source:line:col: text" (or "source: byte N: text") into buf.
 * Copied; buf is always NUL-terminated. */
void fg_error_format(const fg_error *err, char *buf, size_t size);

/* A static, lowercase description of a code. Borrowed; never free. */
const char *fg_strerror(fg_status code);

#ifdef __cplusplus
}
#endif
#endif
