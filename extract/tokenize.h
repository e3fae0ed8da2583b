/* tokenize.h - MeCab for Japanese, a small word splitter for English
 * (private to extract/). Tokens carry byte offsets into the sentence text. */
#ifndef FG_TOKENIZE_H
#define FG_TOKENIZE_H

#include <stdbool.h>
#include "factgraph/core.h"
#include "factgraph/error.h"

typedef enum fg_tok_kind {
    FG_TOK_OTHER = 0,
    FG_TOK_NOUN,      /* 名詞 (not a number) / English word */
    FG_TOK_NUMBER,    /* 名詞,数 / digits */
    FG_TOK_VERB,      /* 動詞 */
    FG_TOK_ADJ,       /* 形容詞, 形容動詞 stems */
    FG_TOK_PARTICLE,  /* 助詞 */
    FG_TOK_AUX,       /* 助動詞 */
    FG_TOK_SYMBOL,    /* 記号 / punctuation */
    FG_TOK_PREFIX     /* 接頭詞 */
} fg_tok_kind;

typedef struct fg_token {
    size_t start, end;   /* byte span in the sentence text */
    fg_tok_kind kind;
    bool suffix;         /* 名詞,接尾 or 動詞,接尾 (e.g. 社, れる) */
    bool proper;         /* 名詞,固有名詞 */
    bool surname;        /* 名詞,固有名詞,人名,姓 */
    bool given_name;     /* 名詞,固有名詞,人名,名 */
    bool org_name;       /* 名詞,固有名詞,組織: a name MeCab's dictionary knows */
    char sub[16];        /* second POS field, e.g. "固有名詞", "サ変接続", "格助詞" (truncated) */
    fg_str base;         /* base form (borrowed from the arena); surface when unknown */
} fg_token;

typedef struct fg_tokenizer fg_tokenizer;

/* Opens MeCab with the system dictionary. Caller owns; free with
 * fg_tokenizer_free(). FG_EDEP with MeCab's message when no dictionary. */
fg_status fg_tokenizer_new(fg_tokenizer **out, fg_error *err);
void fg_tokenizer_free(fg_tokenizer *t);

/* Tokenizes text with MeCab. *out is allocated from a (borrowed, valid until
 * fg_arena_free(a)). */
fg_status fg_tokenize_ja(fg_tokenizer *t, fg_arena *a, fg_str text, fg_token **out, size_t *count,
                         fg_error *err);

/* Splits English text into words, numbers and punctuation. Same ownership. */
fg_status fg_tokenize_en(fg_arena *a, fg_str text, fg_token **out, size_t *count, fg_error *err);

#endif
