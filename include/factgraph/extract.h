/* extract.h - from a document to entity mentions and typed facts.
 *
 * The extractor finds mentions (lexicon names, plus names the lexicon lacks,
 * found by MeCab for Japanese and by capitalization and chip-code shape for
 * English) and draws facts from trigger words and the sentence's structure.
 * Everything it returns lives in the document's arena. */
#ifndef FACTGRAPH_EXTRACT_H
#define FACTGRAPH_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>
#include "factgraph/core.h"
#include "factgraph/doc.h"
#include "factgraph/error.h"
#include "factgraph/lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fg_mention {
    const char *id;      /* canonical entity id */
    const char *type;    /* node type */
    fg_str surface;      /* the name as written in the original input */
    size_t sentence;     /* sentence index */
    size_t start, end;   /* byte span in the original input */
    const char *origin;  /* "lexicon", "mecab", "shape": how it was found */
} fg_mention;

typedef struct fg_fact {
    const char *type;              /* edge type from SCHEMA.md */
    const char *src_id, *src_type; /* source entity */
    const char *dst_id, *dst_type; /* target entity */
    fg_str src_surface, dst_surface;
    const char *status;      /* NULL (stated as done), "planned", "considered", "reported", "denied" */
    bool has_amount;
    double amount;           /* e.g. 16000000000 */
    const char *currency;    /* ISO 4217: "USD", "JPY", "CNY", "EUR", ... */
    bool has_quantity;
    double quantity;         /* e.g. 230000 */
    const char *date;        /* as written, or NULL */
    const char *date_norm;   /* "2024", "2024-12", "2024-12-08", or NULL */
    size_t sentence;         /* sentence index */
    fg_str sentence_text;    /* the sentence as written in the original input */
    size_t start, end;       /* byte span (original input) from first argument to trigger */
    const char *trigger;     /* the trigger word as it appears (normalized) */
    const char *rule;        /* the name of the rule that drew the fact */
} fg_fact;

/* Everything extracted from one document. Borrowed; valid until fg_doc_free(). */
typedef struct fg_extraction {
    const fg_mention *mentions;
    size_t mention_count;
    const fg_fact *facts;
    size_t fact_count;
} fg_extraction;

typedef struct fg_extractor fg_extractor;

/* lex is borrowed and must outlive the extractor. Opens MeCab (FG_EDEP when the
 * dictionary is missing, with MeCab's message). Caller owns; free with
 * fg_extractor_free(). One extractor per thread. */
fg_status fg_extractor_new(fg_extractor **out, const fg_lexicon *lex, fg_error *err);
/* NULL-safe. */
void fg_extractor_free(fg_extractor *ex);

/* Extracts mentions and facts from doc. *out's arrays are allocated from doc's
 * arena: borrowed, valid until fg_doc_free(doc). Errors: FG_ENOMEM, FG_EDEP. */
fg_status fg_extract_doc(fg_extractor *ex, fg_doc *doc, fg_extraction *out, fg_error *err);

#ifdef __cplusplus
}
#endif
#endif
