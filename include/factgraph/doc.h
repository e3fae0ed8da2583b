/* doc.h - one input document: validated, NFKC-normalized text split into sentences.
 *
 * The pipeline works on the normalized text (full-width ＮＶＩＤＩＡ becomes
 * NVIDIA); every normalized byte offset maps back to a byte offset in the
 * original input, so evidence and errors point into the user's file. */
#ifndef FACTGRAPH_DOC_H
#define FACTGRAPH_DOC_H

#include <stddef.h>
#include "factgraph/core.h"
#include "factgraph/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fg_lang {
    FG_LANG_AUTO = 0, /* detect: Japanese when the text has kana or kanji */
    FG_LANG_JA = 1,
    FG_LANG_EN = 2
} fg_lang;

/* "ja", "en" or "auto". Borrowed (static). */
const char *fg_lang_name(fg_lang lang);
/* Parses "ja"/"en"/"auto"; FG_EINVAL otherwise. */
fg_status fg_lang_parse(fg_lang *out, const char *name, fg_error *err);

typedef struct fg_doc fg_doc;

typedef struct fg_sentence {
    size_t index;       /* 0-based; the title line is sentence 0 */
    fg_str text;        /* normalized text; borrowed, valid until fg_doc_free() */
    size_t norm_start;  /* offset of text.ptr in fg_doc_text() */
    size_t orig_start;  /* byte span of the sentence in the original input */
    size_t orig_end;
} fg_sentence;

/* Loads a document from bytes. source names it in errors and evidence (a path
 * or "<stdin>"); copied. bytes are copied. The first line is the title.
 * Errors: FG_EUTF8 (with the byte offset, line and column of the first invalid
 * byte), FG_EEMPTY (no text, or binary data: NUL bytes), FG_ELIMIT (over
 * FG_MAX_DOC_BYTES), FG_ENOMEM, FG_EDEP (utf8proc).
 * On success *out is caller-owned; free with fg_doc_free(). On failure *out is NULL. */
fg_status fg_doc_load_mem(fg_doc **out, const char *source, const char *bytes, size_t len,
                          fg_lang lang, fg_error *err);

/* Reads path ("-" = standard input, named "<stdin>") and calls fg_doc_load_mem.
 * Errors as above plus FG_EIO (unreadable file, with strerror text). */
fg_status fg_doc_load_file(fg_doc **out, const char *path, fg_lang lang, fg_error *err);

/* NULL-safe. Frees the document and its arena (everything borrowed from it). */
void fg_doc_free(fg_doc *doc);

/* Borrowed; valid until fg_doc_free(doc). */
const char *fg_doc_source(const fg_doc *doc);
/* The title (first line, trimmed, normalized). Borrowed. */
fg_str fg_doc_title(const fg_doc *doc);
/* Detected or forced language (never FG_LANG_AUTO). */
fg_lang fg_doc_lang(const fg_doc *doc);
/* The whole normalized text. Borrowed. */
fg_str fg_doc_text(const fg_doc *doc);
/* The original input bytes (after reading; not normalized). Borrowed. */
fg_str fg_doc_original(const fg_doc *doc);

size_t fg_doc_sentence_count(const fg_doc *doc);
/* i < fg_doc_sentence_count(doc). Borrowed; valid until fg_doc_free(doc). */
const fg_sentence *fg_doc_sentence_get(const fg_doc *doc, size_t i);

/* Maps a byte offset in the normalized text to one in the original input.
 * An offset inside a character that normalization expanded maps to that
 * character's start. norm_offset may equal the text length. */
size_t fg_doc_orig_offset(const fg_doc *doc, size_t norm_offset);

/* Sets the article's date as the input gives it (a JSON Lines date field),
 * e.g. "2024-12-08". Copied into the document. Extraction does not read it
 * (yet); the facts file (facts.h) carries it. Errors: FG_ENOMEM. */
fg_status fg_doc_set_date(fg_doc *doc, const char *date, size_t len, fg_error *err);
/* The date set above, or NULL. Borrowed; valid until fg_doc_free(doc). */
const char *fg_doc_date(const fg_doc *doc);

/* Sets the article's date as the input gives it (a JSON Lines date field),
 * e.g. "2024-12-08". Copied into the document. Extraction does not read it
 * (yet); the facts file (facts.h) carries it. Errors: FG_ENOMEM. */
fg_status fg_doc_set_date(fg_doc *doc, const char *date, size_t len, fg_error *err);
/* The date set above, or NULL. Borrowed; valid until fg_doc_free(doc). */
const char *fg_doc_date(const fg_doc *doc);

/* The document's arena: later stages (mentions, facts) allocate from it so
 * that everything about a document is freed with it. Borrowed. */
fg_arena *fg_doc_arena(fg_doc *doc);

#ifdef __cplusplus
}
#endif
#endif
