/* attach.c - the status of a fact from the words around its trigger. */
#include <string.h>

#include "extract_int.h"

static int strength(const char *status)
{
    if (!status) return 0;
    if (strcmp(status, "reported") == 0) return 1;
    if (strcmp(status, "planned") == 0) return 2;
    if (strcmp(status, "considered") == 0) return 3;
    if (strcmp(status, "denied") == 0) return 4;
    return 0;
}

/* Japanese puts modality after the verb (購入を検討している), and a source
 * anywhere (関係者によると); English puts it before (plans to buy) or around
 * (denied that it bought). So Japanese scans from the trigger to the end,
 * English the whole sentence up to a little after the verb. "reported" cues
 * count anywhere in the sentence in both languages. */
const char *fg_attach_status(const fg_rules *r, fg_lang lang, fg_str sent, size_t ts, size_t te)
{
    const char *best = NULL;
    size_t from = lang == FG_LANG_JA ? ts : 0;
    size_t to = sent.len;
    for (size_t pos = 0; pos < to;) {
        const fg_cue *c = fg_rules_cue_at(r, "status", lang, sent, pos);
        if (c) {
            bool in_scope = pos >= from || strcmp(c->value, "reported") == 0;
            /* a Japanese cue inside the trigger word itself (計画 in 計画的) is not modality */
            if (in_scope && !(pos >= ts && pos < te) && strength(c->value) > strength(best))
                best = c->value;
            pos += c->word.len;
        } else {
            pos += fg_utf8_seqlen((unsigned char)sent.ptr[pos]);
        }
    }
    return best;
}

fg_status fg_cands_add(fg_sentctx *c, const char *type, int src, int dst, size_t ts, size_t te,
                       const char *rule, fg_error *err)
{
    if (src < 0 || dst < 0 || src == dst)
        return FG_OK;
    if (strcmp(c->m[src].id, c->m[dst].id) == 0)
        return FG_OK;
    for (size_t i = 0; i < c->out->count; i++) {
        fg_cand *x = &c->out->items[i];
        if (strcmp(x->type, type) == 0 && strcmp(c->m[x->src].id, c->m[src].id) == 0 &&
            strcmp(c->m[x->dst].id, c->m[dst].id) == 0)
            return FG_OK;
    }
    if (c->out->count == c->out->cap) {
        size_t ncap = c->out->cap ? c->out->cap * 2 : 16;
        fg_cand *n = fg_arena_calloc(c->arena, ncap, sizeof(*n));
        if (!n)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        if (c->out->count)
            memcpy(n, c->out->items, c->out->count * sizeof(*n));
        c->out->items = n;
        c->out->cap = ncap;
    }
    char *trig = fg_arena_strndup(c->arena, c->text.ptr + ts, te - ts);
    if (!trig)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    fg_cand *x = &c->out->items[c->out->count++];
    x->type = type;
    x->src = src;
    x->dst = dst;
    x->trig_start = ts;
    x->trig_end = te;
    x->trigger = trig;
    x->rule = rule;
    return FG_OK;
}
