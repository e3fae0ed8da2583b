/* normalize.h - NFKC for short strings such as aliases and trigger words
 * (private to extract/). Whole documents are normalized by doc.c with an
 * offset map; this is for data that needs none. */
#ifndef FG_NORMALIZE_H
#define FG_NORMALIZE_H

#include "factgraph/core.h"

/* NFKC of s into a (NUL-terminated). Returns NULL on invalid UTF-8 or OOM. */
char *fg_normalize_nfkc(fg_arena *a, fg_str s);

/* True if c is an ASCII letter or digit: the characters that make a Latin word,
 * so an alias must not start or end inside a run of them. */
static inline int fg_is_word_byte(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

#endif
