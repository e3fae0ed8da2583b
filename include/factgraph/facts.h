/* facts.h - the facts file: what `factgraph extract` writes (the map step)
 * and `factgraph merge` reads (the reduce step).
 *
 * JSON Lines, UTF-8, one object per document, which holds everything
 * fg_graph_add_extraction() reads, so that merging facts files gives the same
 * graph as building from the articles:
 *
 *   {"doc": "news/a.txt", "lang": "ja", "date": "2024-12-08",
 *    "mentions": [{"id": "NVIDIA", "type": "company", "surface": "エヌビディア",
 *                  "sentence": 1, "start": 10, "end": 28, "origin": "lexicon"}, ...],
 *    "facts": [{"type": "bans", "source": "US Department of Commerce",
 *               "source_type": "government", "target": "H20", "target_type": "chip",
 *               "source_surface": "米商務省", "target_surface": "H20",
 *               "status": "planned", "amount": 16000000000.0, "currency": "USD",
 *               "quantity": 230000.0, "date": "12月8日", "date_normalized": "2024-12-08",
 *               "sentence": 1, "text": "…", "start": 0, "end": 60,
 *               "trigger": "禁止", "rule": "ja.clause"}, ...]}
 *
 * "date" (the article's, see fg_doc_set_date()), "source_surface" and
 * "target_surface" (absent for references like 同社), and the fact's status,
 * amount with currency, quantity, date and date_normalized are left out when
 * absent. Offsets are bytes into the document (input.h). Each line stands
 * alone: files can be concatenated, split at line breaks, or shuffled (a
 * merge sorts everything, see fg_graph_canonicalize()), which is what
 * streaming engines (Hadoop Streaming, Spark's RDD.pipe) do to lines. */
#ifndef FACTGRAPH_FACTS_H
#define FACTGRAPH_FACTS_H

#include <stddef.h>
#include "factgraph/core.h"
#include "factgraph/doc.h"
#include "factgraph/error.h"
#include "factgraph/extract.h"
#include "factgraph/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Appends doc's record (one line, with its '\n') to out: its id
 * (fg_doc_source()), language, date, and x's mentions and facts. doc and x
 * are borrowed. Thread-safe for distinct out buffers. Errors: FG_ENOMEM,
 * FG_ELIMIT (out's maximum), FG_EUTF8 (a string that is not UTF-8: cannot
 * happen for what fg_extract_doc() returns). */
fg_status fg_facts_format(fg_buf *out, const fg_doc *doc, const fg_extraction *x,
                          fg_error *err);

/* One record read back. Everything is borrowed from the arena given to
 * fg_facts_parse(): valid until fg_arena_free(). */
typedef struct fg_facts_record {
    const char *doc;      /* document id */
    const char *lang;     /* "ja", "en", or NULL */
    const char *date;     /* or NULL */
    fg_extraction x;
} fg_facts_record;

/* Parses one line (without its line break) into *out, allocating from a.
 * Errors: FG_EPARSE (not JSON, with line 1, column and byte offset within
 * line; or not a facts record: a field missing or of the wrong type),
 * FG_ENOMEM. *out is unspecified after an error. */
fg_status fg_facts_parse(fg_facts_record *out, fg_arena *a, const char *line, size_t len,
                         fg_error *err);

/* Parses one line and adds it to g as one document
 * (fg_graph_add_extraction() and fg_graph_count_document()). Errors: those of
 * fg_facts_parse(), then FG_ENOMEM from the graph, which then may hold part of
 * the record (graph.h). */
fg_status fg_graph_add_facts_line(fg_graph *g, const char *line, size_t len, fg_error *err);

#ifdef __cplusplus
}
#endif
#endif
