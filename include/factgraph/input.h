/* input.h - reading documents from the files researchers have: plain text,
 * HTML pages, JSON Lines, JSON, and gzip-compressed files of any of these.
 *
 * Reading is split in two so that the costly part can run in worker threads
 * while one thread reads the files in order:
 *   - fg_input_next() reads the next document's raw bytes (one file, one JSON
 *     Lines line, one element of a JSON array). It only does I/O, gunzip and
 *     line splitting, and must be called from one thread at a time per input;
 *   - fg_input_item_load() turns those bytes into an fg_doc: it parses the
 *     HTML or JSON, converts the charset, and calls fg_doc_load_mem(). It
 *     touches no shared state, so several threads may load items at once
 *     (from the same input too).
 *
 * Document ids (fg_doc_source(), used in evidence): the path as given ("-" is
 * "<stdin>"); for JSON Lines, "PATH#ID" with the record's id field, or
 * "PATH:LINE" when the record has none; for a JSON array, "PATH#ID" or
 * "PATH[INDEX]" (0-based).
 *
 * Byte offsets (evidence, errors) count in the decompressed bytes. For HTML
 * and JSON they point into the document's text as the reader built it (the
 * title, a line break, then the body), not into the markup: the sentence text
 * in evidence is what a reader of the page sees. Errors about a JSON Lines
 * record carry its line number and the byte offset of the error in the file. */
#ifndef FACTGRAPH_INPUT_H
#define FACTGRAPH_INPUT_H

#include <stdint.h>
#include <stddef.h>
#include "factgraph/core.h"
#include "factgraph/doc.h"
#include "factgraph/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fg_input_format {
    FG_INPUT_AUTO = 0,  /* from the name (.txt, .html/.htm, .jsonl/.ndjson, .json,
                           each optionally .gz), else sniffed from the content */
    FG_INPUT_TEXT = 1,  /* UTF-8 text, first line the title */
    FG_INPUT_HTML = 2,  /* an HTML page */
    FG_INPUT_JSONL = 3, /* JSON Lines: one object per line, one document each */
    FG_INPUT_JSON = 4   /* one JSON object, or an array of them */
} fg_input_format;

/* Parses "auto", "text" (or "txt"), "html", "jsonl", "json"; FG_EINVAL otherwise. */
fg_status fg_input_format_parse(fg_input_format *out, const char *name, fg_error *err);

typedef struct fg_input_opts {
    fg_input_format format; /* FG_INPUT_AUTO: per file */
    fg_lang lang;           /* passed to fg_doc_load_mem() */
    /* JSON field names; borrowed, must outlive the input and its items. */
    const char *text_field, *title_field, *id_field, *date_field;
} fg_input_opts;

#define FG_INPUT_OPTS_INIT {FG_INPUT_AUTO, FG_LANG_AUTO, "text", "title", "id", "date"}

/* An open file yielding documents. */
typedef struct fg_input fg_input;
/* One document's raw bytes, read but not yet parsed. */
typedef struct fg_input_item fg_input_item;

/* Opens path ("-" = standard input). opts is borrowed and must outlive the
 * input and every item it yields. Errors: FG_EIO (with the system's text),
 * FG_ENOMEM. On success *out is caller-owned; free with fg_input_free(). */
fg_status fg_input_open(fg_input **out, const char *path, const fg_input_opts *opts,
                        fg_error *err);
/* NULL-safe. Items already returned stay valid. */
void fg_input_free(fg_input *in);

/* Reads the next document. *out is NULL at the end. After an error, call
 * again: a bad record (a JSON Lines line over FG_MAX_DOC_BYTES) is skipped and
 * the next call returns the next one; a read error (FG_EIO, or FG_EPARSE for a
 * corrupt gzip stream) ends the input, and the next call returns the end.
 * Errors: FG_EIO, FG_EPARSE, FG_ELIMIT, FG_ENOMEM. On success *out (if not
 * NULL) is caller-owned; free with fg_input_item_free(). */
fg_status fg_input_next(fg_input_item **out, fg_input *in, fg_error *err);

/* Bytes of the file consumed so far (compressed bytes for gzip), and the
 * file's size (0 when unknown: a pipe). For progress reports. */
uint64_t fg_input_offset(const fg_input *in);
uint64_t fg_input_size(const fg_input *in);

/* Parses the item into a document: HTML to text (fg_doc_load_html), a JSON
 * record to text and fields (fg_doc_load_json), text as it is. Thread-safe.
 * Errors: those of fg_doc_load_mem() (the source names the file, and for a
 * JSON Lines record the line), FG_EPARSE (bad JSON, with line, column and
 * byte offset; a record without the text field), FG_EDEP (libxml2, iconv).
 * On success *out is caller-owned; free with fg_doc_free(). */
fg_status fg_input_item_load(fg_doc **out, const fg_input_item *item, fg_error *err);
/* The file the item came from, as given. Borrowed; valid until fg_input_item_free(). */
const char *fg_input_item_path(const fg_input_item *item);
/* Bytes in the item (decompressed). */
size_t fg_input_item_size(const fg_input_item *item);
/* The item's bytes as read: a whole file, or a JSON Lines line without its
 * line break (for readers of other line formats, such as facts files).
 * Borrowed; valid until fg_input_item_free(). */
fg_str fg_input_item_bytes(const fg_input_item *item);
/* A JSON Lines record's line number (1-based), 0 for other items; and the
 * byte offset of the item's first byte in the decompressed file. */
long fg_input_item_line(const fg_input_item *item);
uint64_t fg_input_item_offset(const fg_input_item *item);
/* NULL-safe. */
void fg_input_item_free(fg_input_item *item);

/* Loads an HTML page: the title (the first <h1>, else og:title, else
 * <title>) and the body text, without scripts, styles, navigation, headers,
 * footers, asides, forms, hidden elements and elements whose class, id or
 * role names boilerplate (menu, share, related, comment, advert, ...); when
 * the page has an <article> (or <main>), only the largest one is read. Block
 * elements end lines, and every line break ends a sentence (doc.h). The
 * charset comes from a byte order mark, then <meta charset> or <meta
 * http-equiv="Content-Type">, else UTF-8 when the bytes are valid UTF-8, else
 * EUC-JP or Shift_JIS (CP932), whichever converts; bytes that do not convert
 * become U+FFFD. source is copied. Errors: FG_EEMPTY (no text), FG_EDEP
 * (libxml2, or iconv lacks the charset), and those of fg_doc_load_mem(). */
fg_status fg_doc_load_html(fg_doc **out, const char *source, const char *bytes, size_t len,
                           fg_lang lang, fg_error *err);

/* Loads one JSON object (a JSON Lines record) named by the fields in opts:
 * text (a string, required), title, id (a string or an integer) and date
 * (strings, optional; the date is stored with fg_doc_set_date()). The text
 * read is the title, a line break and the text, or the text alone. The
 * document's source is "PATH#ID", or source as given when there is no id.
 * path and source are copied. Errors: FG_EPARSE (bad JSON, not an object, no
 * text field, a field of the wrong type; line 1-based within bytes), and
 * those of fg_doc_load_mem(). */
fg_status fg_doc_load_json(fg_doc **out, const char *path, const char *source,
                           const char *bytes, size_t len, const fg_input_opts *opts,
                           fg_error *err);

#ifdef __cplusplus
}
#endif
#endif
