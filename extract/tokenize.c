/* tokenize.c - the one file that talks to MeCab. */
#include "tokenize.h"

#include <mecab.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

struct fg_tokenizer {
    mecab_t *mecab;
};

fg_status fg_tokenizer_new(fg_tokenizer **out, fg_error *err)
{
    *out = NULL;
    fg_tokenizer *t = calloc(1, sizeof(*t));
    if (!t)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    t->mecab = mecab_new2("");
    if (!t->mecab) {
        const char *why = mecab_strerror(NULL);
        free(t);
        return fg_error_set(err, FG_EDEP, NULL, "cannot start mecab (is mecab-ipadic-utf8 installed?): %s",
                            why ? why : "unknown error");
    }
    *out = t;
    return FG_OK;
}

void fg_tokenizer_free(fg_tokenizer *t)
{
    if (!t)
        return;
    mecab_destroy(t->mecab);
    free(t);
}

/* The i-th comma-separated field of an ipadic feature string. */
static fg_str feature_field(const char *feature, int i)
{
    const char *p = feature;
    for (int k = 0; k < i; k++) {
        p = strchr(p, ',');
        if (!p)
            return FG_STR_NULL;
        p++;
    }
    const char *e = strchr(p, ',');
    return fg_str_make(p, e ? (size_t)(e - p) : strlen(p));
}

static fg_tok_kind kind_of(fg_str pos1, fg_str pos2)
{
    if (fg_str_eq_cstr(pos1, "名詞"))
        return fg_str_eq_cstr(pos2, "数") ? FG_TOK_NUMBER : FG_TOK_NOUN;
    if (fg_str_eq_cstr(pos1, "動詞")) return FG_TOK_VERB;
    if (fg_str_eq_cstr(pos1, "形容詞")) return FG_TOK_ADJ;
    if (fg_str_eq_cstr(pos1, "助詞")) return FG_TOK_PARTICLE;
    if (fg_str_eq_cstr(pos1, "助動詞")) return FG_TOK_AUX;
    if (fg_str_eq_cstr(pos1, "記号")) return FG_TOK_SYMBOL;
    if (fg_str_eq_cstr(pos1, "接頭詞")) return FG_TOK_PREFIX;
    return FG_TOK_OTHER;
}

fg_status fg_tokenize_ja(fg_tokenizer *t, fg_arena *a, fg_str text, fg_token **out, size_t *count,
                         fg_error *err)
{
    *out = NULL;
    *count = 0;
    const mecab_node_t *node = mecab_sparse_tonode2(t->mecab, text.ptr, text.len);
    if (!node)
        return fg_error_set(err, FG_EDEP, NULL, "mecab: %s", mecab_strerror(t->mecab));
    size_t n = 0;
    for (const mecab_node_t *p = node; p; p = p->next)
        if (p->stat != MECAB_BOS_NODE && p->stat != MECAB_EOS_NODE)
            n++;
    fg_token *toks = fg_arena_calloc(a, n ? n : 1, sizeof(*toks));
    if (!toks)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    size_t i = 0;
    for (const mecab_node_t *p = node; p; p = p->next) {
        if (p->stat == MECAB_BOS_NODE || p->stat == MECAB_EOS_NODE)
            continue;
        fg_token *tk = &toks[i++];
        tk->start = (size_t)(p->surface - text.ptr);
        tk->end = tk->start + p->length;
        fg_str pos1 = feature_field(p->feature, 0), pos2 = feature_field(p->feature, 1);
        tk->kind = kind_of(pos1, pos2);
        tk->suffix = fg_str_eq_cstr(pos2, "接尾");
        tk->proper = fg_str_eq_cstr(pos2, "固有名詞");
        tk->org_name = tk->proper && fg_str_eq_cstr(feature_field(p->feature, 2), "組織");
        if (tk->proper && fg_str_eq_cstr(feature_field(p->feature, 2), "人名")) {
            fg_str pos4 = feature_field(p->feature, 3);
            tk->surname = fg_str_eq_cstr(pos4, "姓");
            tk->given_name = fg_str_eq_cstr(pos4, "名");
        }
        size_t sl = pos2.len < sizeof(tk->sub) - 1 ? pos2.len : 0;
        memcpy(tk->sub, pos2.ptr, sl);
        tk->sub[sl] = '\0';
        fg_str base = feature_field(p->feature, 6);
        if (base.len == 0 || fg_str_eq_cstr(base, "*"))
            base = fg_str_make(text.ptr + tk->start, tk->end - tk->start);
        char *b = fg_arena_strndup(a, base.ptr, base.len);
        if (!b)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        tk->base = fg_str_make(b, base.len);
    }
    *out = toks;
    *count = n;
    return FG_OK;
}

fg_status fg_tokenize_en(fg_arena *a, fg_str text, fg_token **out, size_t *count, fg_error *err)
{
    *out = NULL;
    *count = 0;
    size_t cap = text.len / 2 + 2, n = 0;
    fg_token *toks = fg_arena_calloc(a, cap, sizeof(*toks));
    if (!toks)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    const unsigned char *s = (const unsigned char *)text.ptr;
    size_t i = 0;
    while (i < text.len && n < cap) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            i++;
            continue;
        }
        size_t st = i;
        fg_tok_kind kind;
        if (fg_is_word_byte(c) || c >= 0x80) {
            bool digits = true;
            while (i < text.len) {
                unsigned char d = s[i];
                if (fg_is_word_byte(d) || d >= 0x80) {
                    if (!(d >= '0' && d <= '9'))
                        digits = false;
                    i++;
                } else if ((d == '-' || d == '.' || d == ',' || d == '\'') && i + 1 < text.len &&
                           fg_is_word_byte(s[i + 1]) && d != '\'' &&
                           !(d == ',' && !digits) && !(d == '.' && !digits)) {
                    i++; /* 1.5, 200,000, state-of-the-art */
                } else if (d == '-' && i + 1 < text.len && fg_is_word_byte(s[i + 1])) {
                    i++;
                } else {
                    break;
                }
            }
            kind = digits ? FG_TOK_NUMBER : FG_TOK_NOUN;
        } else if (c == '\'' && i + 1 < text.len && (s[i + 1] == 's' || s[i + 1] == 'S') &&
                   (i + 2 >= text.len || !fg_is_word_byte(s[i + 2]))) {
            i += 2; /* possessive 's */
            kind = FG_TOK_PARTICLE;
        } else {
            i++;
            kind = FG_TOK_SYMBOL;
        }
        fg_token *tk = &toks[n++];
        tk->start = st;
        tk->end = i;
        tk->kind = kind;
        /* base: lowercased word */
        char *b = fg_arena_strndup(a, text.ptr + st, i - st);
        if (!b)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        for (size_t k = 0; k < i - st; k++)
            if (b[k] >= 'A' && b[k] <= 'Z')
                b[k] = (char)(b[k] - 'A' + 'a');
        tk->base = fg_str_make(b, i - st);
    }
    *out = toks;
    *count = n;
    return FG_OK;
}
