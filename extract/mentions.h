/* mentions.h - finding entity mentions in a sentence (private to extract/). */
#ifndef FG_MENTIONS_H
#define FG_MENTIONS_H

#include "extract_int.h"
#include "factgraph/lexicon.h"
#include <stdlib.h>

/* The entities named most recently in the document, newest last: what 同社 and
 * "the company" refer to. */
#define FG_RECENT_MAX 32
typedef struct fg_recent {
    struct fg_recent_item {
        const char *id, *type;
        size_t sentence;
        size_t count;  /* mentions so far: how central the entity is */
        fg_str surface; /* as last written (borrowed from the document) */
        fg_str surface2; /* as written before that (国家市場監督管理総局(SAMR)) */
    } items[FG_RECENT_MAX];
    size_t count;
    size_t sentence;   /* the sentence being read, stamped on new items */
} fg_recent;

void fg_recent_note(fg_recent *r, const char *id, const char *type, fg_str surface);

/* Appends v to the arena-grown array *m of *n mentions (capacity *cap);
 * past FG_MAX_MENTIONS_PER_SENTENCE further mentions are dropped. */
fg_status fg_smentions_push(fg_arena *a, fg_smention **m, size_t *n, size_t *cap, fg_smention v,
                            fg_error *err);

/* Mentions in sentence text s, in text order, allocated from a. Resolves
 * references with recent and updates it with every name found. */
/* A reference (同社, 同省) names the document's topic when the types agree:
 * Japanese writes 同社 for the company the text is about, which is often not
 * the last one named. topic may be NULL. */
fg_status fg_mentions_find(const fg_rules *rules, const fg_lexicon *lex, fg_recent *recent,
                           struct fg_topic *topic, fg_arena *a, fg_lang lang, fg_str s,
                           fg_smention **out, size_t *count, fg_error *err);

/* Adds names the lexicon lacks, typed by cues (names.c), to the mentions
 * *m (n of them, allocated from a; the array may be replaced). tok may be
 * NULL (English). Keeps the mentions sorted by position. */
fg_status fg_names_find(const fg_rules *rules, fg_recent *recent, fg_arena *a, fg_lang lang,
                        fg_str text, const fg_token *tok, size_t ntok, fg_smention **m, size_t *n,
                        fg_error *err);

#endif
