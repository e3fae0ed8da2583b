/* lexicon.h - known entities: canonical id, node type, aliases in any language.
 *
 * File format (UTF-8, one entity per line, '#' starts a comment line):
 *
 *     id <TAB> type <TAB> alias | alias | ...
 *
 * e.g. "NVIDIA\tcompany\tNVIDIA|Nvidia|エヌビディア|英伟达". The id is always an
 * alias of itself. type is one of the node types in SCHEMA.md (or a new
 * lowercase word). Aliases are NFKC-normalized when loaded, so a full-width
 * spelling need not be listed. A later line with an id already present
 * overrides its type and adds its aliases; an alias already claimed by another
 * id moves to the later one, so a user's file overrides the default lexicon.
 *
 * Matching: Latin aliases must start and end at a word boundary; aliases of
 * 4 characters or fewer match case-sensitively (so "US" is not "us", "AMD" is
 * not "amd" in a URL), longer ones ignore ASCII case. */
#ifndef FACTGRAPH_LEXICON_H
#define FACTGRAPH_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include "factgraph/core.h"
#include "factgraph/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fg_lexicon fg_lexicon;

/* One entity. Borrowed from the lexicon; valid until fg_lexicon_free(). */
typedef struct fg_entity {
    const char *id;
    const char *type;
} fg_entity;

/* An empty lexicon. Caller owns; free with fg_lexicon_free(). */
fg_status fg_lexicon_new(fg_lexicon **out, fg_error *err);
/* NULL-safe. */
void fg_lexicon_free(fg_lexicon *lex);

/* Adds the default lexicon compiled from data/lexicon.tsv. */
fg_status fg_lexicon_load_default(fg_lexicon *lex, fg_error *err);
/* Adds entries from a file in the format above. Errors name the file and line:
 * FG_EIO, FG_EPARSE (missing column, empty id, bad type), FG_EUTF8, FG_ELIMIT. */
fg_status fg_lexicon_load_file(fg_lexicon *lex, const char *path, fg_error *err);
/* Same from memory; source names it in errors. text is copied. */
fg_status fg_lexicon_load_mem(fg_lexicon *lex, const char *source, const char *text,
                              size_t len, fg_error *err);
/* Adds one alias (and the entity if new; type NULL keeps an existing type). Copied. */
fg_status fg_lexicon_add(fg_lexicon *lex, const char *id, const char *type, const char *alias,
                         fg_error *err);

size_t fg_lexicon_count(const fg_lexicon *lex);
/* The entity with this canonical id, or NULL. */
const fg_entity *fg_lexicon_find_id(const fg_lexicon *lex, fg_str id);
/* The entity that this exact (normalized) alias names, or NULL. */
const fg_entity *fg_lexicon_find_alias(const fg_lexicon *lex, fg_str alias);

/* Longest alias that starts at byte pos of text (normalized text) and respects
 * the boundary and case rules above. Returns its byte length (0 = none) and
 * sets *out. */
size_t fg_lexicon_match_at(const fg_lexicon *lex, fg_str text, size_t pos, const fg_entity **out);

/* True if type is one SCHEMA.md names (company, chip, government, person,
 * model, organization, place). */
bool fg_lexicon_is_schema_type(const char *type);

#ifdef __cplusplus
}
#endif
#endif
