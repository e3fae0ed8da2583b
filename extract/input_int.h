/* input_int.h - the readers' private helpers, shared by input.c (files,
 * gzip, records), input_html.c (HTML to text) and input_json.c (a JSON
 * record to text). Each turns markup into the plain text fg_doc_load_mem()
 * reads: the title, a line break, the body. */
#ifndef FG_INPUT_INT_H
#define FG_INPUT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include "factgraph/core.h"
#include "factgraph/error.h"
#include "factgraph/input.h"

/* Appends the page's text to out (see fg_doc_load_html() in input.h for what
 * is kept). Errors: FG_EDEP (libxml2 failed, iconv lacks the charset),
 * FG_ELIMIT, FG_ENOMEM. Thread-safe. */
fg_status fg_html_text(fg_buf *out, const char *bytes, size_t len, fg_error *err);

/* Converts bytes in charset to UTF-8, appending to out. Bytes that do not
 * convert become U+FFFD each; *replaced (may be NULL) counts them. charset
 * "UTF-8" validates and repairs. Errors: FG_EDEP (iconv does not know the
 * charset), FG_ELIMIT, FG_ENOMEM. */
fg_status fg_charset_to_utf8(fg_buf *out, const char *charset, const char *bytes, size_t len,
                             size_t *replaced, fg_error *err);

/* One JSON record's fields. The buffers are the caller's (fg_buf_init them
 * first, fg_buf_release them after); id and date are empty when absent. */
struct fg_json_record {
    fg_buf text;     /* title, '\n', text; or the text alone */
    fg_buf id;
    fg_buf date;
};

/* Reads one JSON object (bytes[0..len)) into r, with the field names in
 * opts. Errors: FG_EPARSE with the line, column and byte offset in bytes
 * (1-based line and column, as jansson counts them), FG_ENOMEM. */
fg_status fg_json_record_read(struct fg_json_record *r, const char *bytes, size_t len,
                              const fg_input_opts *opts, fg_error *err);

/* The same from a parsed object (a json_t *, as void * so this header does
 * not include jansson.h). Errors: FG_EPARSE (no text field, a field of the
 * wrong type), FG_ENOMEM. */
fg_status fg_json_record_from(struct fg_json_record *r, const void *object,
                              const fg_input_opts *opts, fg_error *err);

#endif
