/* extract_int.h - what the extractor's files share (private to extract/).
 *
 * Flow for one sentence: mentions (mentions.c) -> tokens (tokenize.c) ->
 * candidate facts (rules_ja.c / rules_en.c) -> status, amount, quantity and
 * date attached (attach.c) -> appended to the document's facts (extract.c). */
#ifndef FG_EXTRACT_INT_H
#define FG_EXTRACT_INT_H

#include <stdbool.h>
#include "factgraph/extract.h"
#include "tokenize.h"

/* ---- rule tables (rules.c), loaded from data/triggers.tsv and data/cues.tsv ---- */

typedef enum fg_frame { FG_FRAME_OBJ, FG_FRAME_DAT, FG_FRAME_FROM, FG_FRAME_SYM, FG_FRAME_OBJDAT, FG_FRAME_REV, FG_FRAME_LIST,
                         FG_FRAME_ROUND } fg_frame;

typedef struct fg_trigger {
    fg_lang lang;
    const char *type;  /* edge type */
    fg_str word;       /* normalized */
    fg_frame frame;
} fg_trigger;

typedef struct fg_cue {
    fg_lang lang;      /* FG_LANG_AUTO = any */
    const char *kind;  /* "status", "coref", "title", "abbrev", "statenoun", "head", "parent" */
    fg_str word;
    const char *value;
} fg_cue;

#define FG_SIG_MAX_TYPES 8
typedef struct fg_signature {
    const char *type;
    const char *src[FG_SIG_MAX_TYPES];
    const char *dst[FG_SIG_MAX_TYPES];
} fg_signature;

typedef struct fg_rules {
    fg_trigger *triggers;
    size_t trigger_count;
    fg_cue *cues;
    size_t cue_count;
    fg_signature *sigs;
    size_t sig_count;
    size_t trigger_cap, cue_cap, sig_cap; /* growth while loading */
    /* The cues grouped by kind, each group bucketed by its words' first byte
     * (ASCII folded), in file order: lookups run at every position of every
     * sentence, so they must not scan the whole table. */
    struct fg_cue_kind {
        const char *kind;
        const fg_cue **cues;
        size_t count;
        size_t first[257]; /* cues[first[b]] .. cues[first[b + 1]] start with byte b */
    } *kinds;
    size_t kind_count;
} fg_rules;

/* Parses the embedded tables into a (borrowed pointers into a). */
fg_status fg_rules_load(fg_rules *r, fg_arena *a, fg_error *err);
const fg_signature *fg_rules_sig(const fg_rules *r, const char *type);
/* Whether src/dst types fit the edge type; rank of the dst type in the
 * signature (0 = preferred) through *rank when not NULL. */
bool fg_rules_sig_ok(const fg_rules *r, const char *type, const char *src_type,
                     const char *dst_type, int *rank);
/* The cues of kind (borrowed), by first byte and in file order among those with the
 * same first byte; their number in *n; NULL if none. */
const fg_cue *const *fg_rules_cues(const fg_rules *r, const char *kind, size_t *n);
/* The cue of kind whose word starts text at pos (longest), or NULL. */
const fg_cue *fg_rules_cue_at(const fg_rules *r, const char *kind, fg_lang lang, fg_str text,
                              size_t pos);
/* The edge type a fact of type with a target of dst_type really states
 * (data/cues.tsv "retype": manufacturing a model is developing it), or NULL.
 * A part_of result is stated the other way round (the target is the unit). */
const char *fg_rules_retype(const fg_rules *r, const char *type, const char *dst_type);
/* Whether a fact of type between these node types can be stated, as it is or
 * once retyped (fg_cands_add does the retyping). NULL types match any. */
bool fg_rules_fact_ok(const fg_rules *r, const char *type, const char *src_type, const char *dst_type);
/* A relational-noun cue's edge type (interned) and direction, or NULL when
 * the cue names no known type. */
const char *fg_rules_relnoun(const fg_rules *r, const fg_cue *cue, bool *holder_is_src);
/* The cue of kind whose word equals w exactly, or NULL. */
const fg_cue *fg_rules_cue_eq(const fg_rules *r, const char *kind, fg_lang lang, fg_str w);

/* ---- per-sentence working data ---- */

/* What the text is about: the last subject (は/が) that can act. Japanese
 * drops it and refers to it with 同社. */
struct fg_topic {
    const char *id, *type;
    size_t sentence;             /* where it became the topic */
    size_t last_seen;            /* the last sentence that named or used it */
};

typedef struct fg_smention {
    size_t start, end;      /* byte span in the sentence text (normalized) */
    const char *id, *type;
    const char *origin;
    bool coref;             /* 同社, the company: resolved to id */
} fg_smention;

/* A candidate fact inside one sentence, before attributes are attached. */
typedef struct fg_cand {
    const char *type;
    int src, dst;           /* indexes into the sentence's mentions */
    size_t trig_start, trig_end; /* trigger span in the sentence text */
    const char *trigger;
    const char *rule;
} fg_cand;

typedef struct fg_cands {
    fg_cand *items;
    size_t count, cap;
} fg_cands;

typedef struct fg_sentctx {
    const fg_rules *rules;
    fg_arena *arena;
    fg_lang lang;
    fg_str text;                 /* sentence text, normalized */
    fg_smention *m;              /* mentions in text order */
    size_t nm;
    fg_token *tok;
    size_t ntok;
    fg_cands *out;
    struct fg_topic *topic;      /* the document's current topic: read and updated */
    size_t sentence;             /* sentence index */
    const fg_lexicon *lex;       /* names, for offices named by a word (Commerce Secretary) */
} fg_sentctx;

/* Adds a candidate (deduplicated by type/src/dst within the sentence). */
fg_status fg_cands_add(fg_sentctx *c, const char *type, int src, int dst, size_t ts, size_t te,
                       const char *rule, fg_error *err);

/* Japanese and English relation rules over one sentence. */
fg_status fg_rules_ja(fg_sentctx *c, fg_error *err);
fg_status fg_rules_en(fg_sentctx *c, fg_error *err);

/* The clause around a trigger at [ts, te): *from..*to in the sentence. A
 * Japanese clause ends at a comma after a verb ending (しており、); an English
 * one at ", which", ";", " but " and the like. */
void fg_attach_clause(fg_lang lang, fg_str sent, size_t ts, size_t te, size_t *from, size_t *to);

/* Status for a fact whose trigger spans [ts, te) in the sentence, or NULL. */
const char *fg_attach_status(const fg_rules *r, fg_lang lang, fg_str sent, size_t ts, size_t te);

#endif
