/* core.h - the layer every stage may use: arena, string views and buffers, hash map.
 *
 * Ownership: an fg_arena owns everything allocated from it and frees it all at
 * once; nothing allocated from an arena is freed singly. fg_str is a non-owning
 * view (pointer + length, maybe without a NUL). fg_buf owns its bytes. */
#ifndef FACTGRAPH_CORE_H
#define FACTGRAPH_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include "factgraph/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- arena ------------------------------------------------------------ */

typedef struct fg_arena fg_arena;

/* Caller owns; free with fg_arena_free(). Returns NULL when out of memory. */
fg_arena *fg_arena_new(void);
/* Frees every allocation at once. NULL-safe. */
void fg_arena_free(fg_arena *a);
/* Returns size bytes aligned for any type, or NULL (and sets the sticky failed
 * flag). Borrowed; valid until fg_arena_free(a). */
void *fg_arena_alloc(fg_arena *a, size_t size);
/* Zeroed allocation of n * size bytes; NULL on overflow or out of memory. */
void *fg_arena_calloc(fg_arena *a, size_t n, size_t size);
/* Copies len bytes and a NUL. Borrowed; valid until fg_arena_free(a). */
char *fg_arena_strndup(fg_arena *a, const char *s, size_t len);
char *fg_arena_strdup(fg_arena *a, const char *s);
/* printf into the arena. Borrowed; valid until fg_arena_free(a). */
char *fg_arena_printf(fg_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* True once any allocation from a has failed (SQLite's sticky OOM). */
bool fg_arena_failed(const fg_arena *a);
/* Bytes handed out so far (for memory accounting in benchmarks). */
size_t fg_arena_used(const fg_arena *a);

/* ---- string views ----------------------------------------------------- */

typedef struct fg_str {
    const char *ptr;
    size_t len;
} fg_str;

#define FG_STR_NULL ((fg_str){NULL, 0})
static inline fg_str fg_str_make(const char *p, size_t n) { fg_str s = {p, n}; return s; }
fg_str fg_str_cstr(const char *s);
bool fg_str_eq(fg_str a, fg_str b);
bool fg_str_eq_cstr(fg_str a, const char *b);
bool fg_str_starts_with(fg_str s, const char *prefix);
bool fg_str_ends_with(fg_str s, const char *suffix);
/* Strips ASCII white space and U+3000 (ideographic space) at both ends. */
fg_str fg_str_trim(fg_str s);

/* ---- UTF-8 helpers ---------------------------------------------------- */

/* Decodes one code point at s[0..len); returns its byte length (1..4), or 0 if
 * the bytes there are not valid UTF-8. *cp receives the code point. */
size_t fg_utf8_decode(const char *s, size_t len, int *cp);
/* Byte length of the code point starting with byte b (1 for invalid bytes). */
size_t fg_utf8_seqlen(unsigned char b);
/* Offset of the first invalid byte, or len if s is valid UTF-8. */
size_t fg_utf8_validate(const char *s, size_t len);
/* Number of code points in s (invalid bytes count as one each). */
size_t fg_utf8_count(const char *s, size_t len);

/* ---- owning buffer ---------------------------------------------------- */

/* Invariants (git strbuf): ptr is never NULL after init and always
 * NUL-terminated; it may hold NULs, so use len. A buffer grows up to max bytes
 * (curl dynbuf); past that, appends fail with FG_ELIMIT. */
typedef struct fg_buf {
    char *ptr;
    size_t len, cap, max;
} fg_buf;

#define FG_BUF_DEFAULT_MAX ((size_t)1 << 31)
/* Caller's storage; release with fg_buf_release(). max 0 = FG_BUF_DEFAULT_MAX. */
void fg_buf_init(fg_buf *b, size_t max);
void fg_buf_release(fg_buf *b);
void fg_buf_reset(fg_buf *b);
/* Appends len bytes; data may point into b itself. */
fg_status fg_buf_add(fg_buf *b, const void *data, size_t len, fg_error *err);
fg_status fg_buf_adds(fg_buf *b, const char *s, fg_error *err);
fg_status fg_buf_addc(fg_buf *b, char c, fg_error *err);
fg_status fg_buf_printf(fg_buf *b, fg_error *err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Hands the bytes to the caller (free with free()) and leaves b empty. */
char *fg_buf_detach(fg_buf *b, size_t *len);

/* ---- hash map: byte-string keys to pointers, insertion-ordered ---------- */

typedef struct fg_map fg_map;

/* Caller owns; free with fg_map_free(). Keys are copied into the map. */
fg_status fg_map_new(fg_map **out, fg_error *err);
void fg_map_free(fg_map *m);
/* Inserts or replaces key -> value. */
fg_status fg_map_put(fg_map *m, const char *key, size_t keylen, void *value, fg_error *err);
/* Returns the value, or NULL if absent. */
void *fg_map_find(const fg_map *m, const char *key, size_t keylen);
size_t fg_map_count(const fg_map *m);
/* Iterates in insertion order: call with *iter = NULL first; returns false at
 * the end. key/value are borrowed, valid until the map changes. */
bool fg_map_next(const fg_map *m, void **iter, fg_str *key, void **value);

#ifdef __cplusplus
}
#endif
#endif
