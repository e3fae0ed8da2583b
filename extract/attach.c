/* attach.c - the status of a fact from the words around its trigger. */
#include <string.h>
#include <strings.h>

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

/* A Japanese clause ends at a comma after a verb or auxiliary ending in
 * hiragana (禁止しており、 / 開発したが、), not after a noun in a list (A、B) or a
 * particle (米国は、). */
static bool ja_clause_comma(fg_str s, size_t pos)
{
    static const char *const particles[] = {"は", "も", "に", "を", "と", "で", "へ", "の", "や"};
    if (pos + 3 > s.len || memcmp(s.ptr + pos, "、", 3) != 0 || pos < 3)
        return false;
    const unsigned char *p = (const unsigned char *)s.ptr + pos - 3;
    int cp = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    if (!(p[0] >= 0xE0 && p[0] < 0xF0) || cp < 0x3041 || cp > 0x3096)
        return false; /* not hiragana */
    for (size_t i = 0; i < sizeof(particles) / sizeof(particles[0]); i++)
        if (memcmp(p, particles[i], 3) == 0)
            return false;
    return true;
}

/* An English clause ends at ", which", ";", " but ", " while " and the like. */
static bool en_clause_break(fg_str s, size_t pos)
{
    static const char *const breaks[] = {", which", ", who", ";", " but ", " while ", ", and ",
                                         ", saying", " after ", " before ", " because ", " said ",
                                         " says ", " told "};
    for (size_t i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
        size_t n = strlen(breaks[i]);
        if (s.len - pos >= n && memcmp(s.ptr + pos, breaks[i], n) == 0)
            return true;
    }
    return false;
}

/* Japanese puts modality after the verb (購入を検討している), so it is read
 * from the trigger to the end of its clause; English puts it before or
 * around the verb (plans to buy; denied that it bought), so the whole clause
 * around the trigger is read. A source (関係者によると, according to) makes a
 * fact reported from anywhere in the sentence. */
void fg_attach_clause(fg_lang lang, fg_str sent, size_t ts, size_t te, size_t *from, size_t *to)
{
    bool (*brk)(fg_str, size_t) = lang == FG_LANG_JA ? ja_clause_comma : en_clause_break;
    *from = 0;
    *to = sent.len;
    for (size_t p = 0; p < ts; p += fg_utf8_seqlen((unsigned char)sent.ptr[p]))
        if (brk(sent, p))
            *from = p + 1;
    for (size_t p = te; p < sent.len; p += fg_utf8_seqlen((unsigned char)sent.ptr[p]))
        if (brk(sent, p)) {
            *to = p;
            break;
        }
}

const char *fg_attach_status(const fg_rules *r, fg_lang lang, fg_str sent, size_t ts, size_t te)
{
    const char *best = NULL;
    size_t from, to;
    fg_attach_clause(lang, sent, ts, te, &from, &to);
    if (lang == FG_LANG_JA)
        from = ts; /* modality follows the verb */
    for (size_t pos = 0; pos < sent.len;) {
        const fg_cue *c = fg_rules_cue_at(r, "status", lang, sent, pos);
        if (c) {
            bool in_scope = (pos >= from && pos < to) || strcmp(c->value, "reported") == 0;
            /* a cue inside the trigger word itself (計画 in 計画的) is not modality */
            if (in_scope && !(pos >= ts && pos < te) && strength(c->value) > strength(best))
                best = c->value;
            pos += c->word.len;
        } else {
            pos += fg_utf8_seqlen((unsigned char)sent.ptr[pos]);
        }
    }
    return best;
}

/* Whether the trigger at [ts, te) is an acquisition word (data/cues.tsv
 * "acquire"), in any inflection for English. */
static bool is_acquire(const fg_sentctx *c, size_t ts, size_t te)
{
    size_t n;
    const fg_cue *const *cues = fg_rules_cues(c->rules, "acquire", &n);
    for (size_t i = 0; i < n; i++) {
        const fg_cue *cue = cues[i];
        if (cue->lang == c->lang && te - ts >= cue->word.len - 1 &&
            strncasecmp(c->text.ptr + ts, cue->word.ptr,
                        cue->word.ptr[cue->word.len - 1] == 'e' ? cue->word.len - 1 : cue->word.len) == 0)
            return true;
    }
    return false;
}

fg_status fg_cands_add(fg_sentctx *c, const char *type, int src, int dst, size_t ts, size_t te,
                       const char *rule, fg_error *err)
{
    if (src < 0 || dst < 0 || src == dst)
        return FG_OK;
    /* which makes ChatGPT: a model is developed; launched by the PIF: a
     * company set up by another is its unit (data/cues.tsv "retype") */
    const char *re = fg_rules_retype(c->rules, type, c->m[dst].type);
    if (re) {
        if (strcmp(re, "part_of") == 0) {
            int x = src;
            src = dst;
            dst = x;
        }
        type = re;
    }
    /* buying a company is a takeover: the bought company becomes the buyer's
     * unit (エヌビディアによるメラノックスの買収, Nvidia acquired Run:ai) */
    if (strcmp(type, "orders") == 0 && strcmp(c->m[dst].type, "company") == 0 &&
        is_acquire(c, ts, te)) {
        const fg_signature *sig = fg_rules_sig(c->rules, "part_of");
        if (!sig)
            return FG_OK;
        type = sig->type;
        int x = src;
        src = dst;
        dst = x;
    }
    if (strcmp(c->m[src].id, c->m[dst].id) == 0)
        return FG_OK;
    /* a state or a place is never a unit of a company */
    if (strcmp(type, "part_of") == 0 && strcmp(c->m[dst].type, "company") == 0 &&
        (strcmp(c->m[src].type, "government") == 0 || strcmp(c->m[src].type, "place") == 0))
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
