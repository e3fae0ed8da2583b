/* extract.c - runs the extractor over a document, sentence by sentence. */
#include "factgraph/extract.h"

#include <stdlib.h>
#include <string.h>

#include "extract_int.h"
#include "mentions.h"
#include "numbers.h"

struct fg_extractor {
    const fg_lexicon *lex;
    fg_tokenizer *tok;
    fg_arena *arena; /* rule tables */
    fg_rules rules;
};

fg_status fg_extractor_new(fg_extractor **out, const fg_lexicon *lex, fg_error *err)
{
    fg_status st = FG_OK;
    *out = NULL;
    fg_extractor *ex = calloc(1, sizeof(*ex));
    if (!ex || !(ex->arena = fg_arena_new())) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    ex->lex = lex;
    if ((st = fg_rules_load(&ex->rules, ex->arena, err)) != FG_OK) goto out;
    if ((st = fg_tokenizer_new(&ex->tok, err)) != FG_OK) goto out;
    *out = ex;
    ex = NULL;
out:
    fg_extractor_free(ex);
    return st;
}

void fg_extractor_free(fg_extractor *ex)
{
    if (!ex)
        return;
    fg_tokenizer_free(ex->tok);
    fg_arena_free(ex->arena);
    free(ex);
}

/* Growable arrays in the document arena. */
typedef struct {
    fg_mention *m;
    size_t n, cap;
    fg_fact *f;
    size_t nf, capf;
} results;

static void *grow(fg_arena *a, void *items, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return items;
    size_t ncap = *cap ? *cap * 2 : 32;
    void *p = fg_arena_calloc(a, ncap, size);
    if (p && n)
        memcpy(p, items, n * size);
    if (p)
        *cap = ncap;
    return p;
}

static fg_str orig_slice(const fg_doc *doc, const fg_sentence *s, size_t a, size_t b, size_t *oa,
                         size_t *ob)
{
    fg_str orig = fg_doc_original(doc);
    *oa = fg_doc_orig_offset(doc, s->norm_start + a);
    *ob = fg_doc_orig_offset(doc, s->norm_start + b);
    if (*ob < *oa)
        *ob = *oa;
    return fg_str_make(orig.ptr + *oa, *ob - *oa);
}

/* The amount in the trigger's clause [from, to) nearest the trigger; a
 * converted figure in brackets right after another (70億ドル(約1兆円)) defers
 * to the first one. */
static const fg_amount *pick_amount(fg_str text, const fg_amount *am, size_t n, size_t ts,
                                    size_t from, size_t to)
{
    const fg_amount *best = NULL;
    size_t bestd = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (am[i].start < from || am[i].end > to)
            continue;
        size_t d = am[i].end <= ts ? ts - am[i].end : am[i].start - ts;
        if (d < bestd) {
            best = &am[i];
            bestd = d;
        }
    }
    if (best && best > am) {
        const fg_amount *prev = best - 1;
        size_t gap = best->start - prev->end;
        if (gap <= 4 && memchr(text.ptr + prev->end, '(', gap))
            best = prev;
    }
    return best;
}

static fg_status sentence_facts(fg_extractor *ex, fg_doc *doc, const fg_sentence *s,
                                fg_smention *m, size_t nm, fg_cands *cands, results *r,
                                fg_error *err)
{
    fg_arena *a = fg_doc_arena(doc);
    fg_lang lang = fg_doc_lang(doc);
    if (cands->count == 0)
        return FG_OK;
    fg_amount am[16];
    fg_quantity qt[16];
    fg_date dt[8];
    size_t nam = fg_numbers_find_amounts(s->text, am, 16);
    size_t nqt = fg_numbers_find_quantities(s->text, qt, 16);
    size_t ndt = fg_numbers_find_dates(s->text, dt, 8, 0);
    size_t so, se;
    fg_str sent_orig = orig_slice(doc, s, 0, s->text.len, &so, &se);
    (void)nm;
    for (size_t i = 0; i < cands->count; i++) {
        const fg_cand *c = &cands->items[i];
        fg_fact *f = grow(a, r->f, r->nf, &r->capf, sizeof(*f));
        if (!f)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        r->f = f;
        f = &r->f[r->nf++];
        const fg_smention *src = &m[c->src], *dst = &m[c->dst];
        size_t oa, ob;
        f->type = c->type;
        f->src_id = src->id;
        f->src_type = src->type;
        f->dst_id = dst->id;
        f->dst_type = dst->type;
        /* 同社, it: a reference is no name of the entity */
        f->src_surface = src->coref ? FG_STR_NULL : orig_slice(doc, s, src->start, src->end, &oa, &ob);
        f->dst_surface = dst->coref ? FG_STR_NULL : orig_slice(doc, s, dst->start, dst->end, &oa, &ob);
        size_t lo = src->start, hi = src->end;
        if (dst->start < lo) lo = dst->start;
        if (c->trig_start < lo) lo = c->trig_start;
        if (dst->end > hi) hi = dst->end;
        if (c->trig_end > hi) hi = c->trig_end;
        orig_slice(doc, s, lo, hi, &f->start, &f->end);
        f->sentence = s->index;
        f->sentence_text = sent_orig;
        f->trigger = c->trigger;
        f->rule = c->rule;
        /* noun-phrase facts (NVIDIAのH20, TSMCの子会社JASM) state no modality,
         * amount or date of their own: those belong to the sentence's verb */
        if (strstr(c->rule, ".np."))
            continue;
        f->status = fg_attach_status(&ex->rules, lang, s->text, c->trig_start, c->trig_end);
        size_t from, to;
        fg_attach_clause(lang, s->text, c->trig_start, c->trig_end, &from, &to);
        const fg_amount *amt = pick_amount(s->text, am, nam, c->trig_start, from, to);
        if (amt) {
            f->has_amount = true;
            f->amount = amt->value;
            f->currency = amt->currency;
        }
        for (size_t q = 0; q < nqt; q++)
            if (qt[q].start >= from && qt[q].end <= to) {
                f->has_quantity = true;
                f->quantity = qt[q].value;
                break;
            }
        for (size_t q = 0; q < ndt; q++)
            if (dt[q].start >= from && dt[q].end <= to) {
                f->date = fg_arena_strndup(a, s->text.ptr + dt[q].start, dt[q].end - dt[q].start);
                f->date_norm = dt[q].norm[0] ? fg_arena_strdup(a, dt[q].norm) : NULL;
                break;
            }
    }
    return fg_arena_failed(a) ? fg_error_set(err, FG_ENOMEM, NULL, "out of memory") : FG_OK;
}

/* Whether a sentence without known names may still name an entity the
 * lexicon lacks: a capital letter or a Japanese name cue in it. */
static bool may_hold_name(const fg_rules *r, fg_lang lang, fg_str text)
{
    for (size_t i = 0; i < text.len; i++)
        if (text.ptr[i] >= 'A' && text.ptr[i] <= 'Z')
            return true;
    if (lang != FG_LANG_JA)
        return false;
    size_t n;
    const fg_cue *const *cues = fg_rules_cues(r, "namecue", &n);
    for (size_t i = 0; i < n; i++)
        if (cues[i]->lang == FG_LANG_JA && memmem(text.ptr, text.len, cues[i]->word.ptr, cues[i]->word.len))
            return true;
    return false;
}

fg_status fg_extract_doc(fg_extractor *ex, fg_doc *doc, fg_extraction *out, fg_error *err)
{
    fg_status st = FG_OK;
    fg_arena *a = fg_doc_arena(doc);
    fg_lang lang = fg_doc_lang(doc);
    results r = {0};
    fg_recent recent = {0};
    struct fg_topic topic = {NULL, NULL, 0, 0};
    memset(out, 0, sizeof(*out));
    for (size_t i = 0; i < fg_doc_sentence_count(doc) && st == FG_OK; i++) {
        const fg_sentence *s = fg_doc_sentence_get(doc, i);
        fg_smention *m = NULL;
        size_t nm = 0;
        recent.sentence = s->index;
        if ((st = fg_mentions_find(&ex->rules, ex->lex, &recent, &topic, a, lang, s->text, &m, &nm, err)) != FG_OK)
            break;
        /* MeCab is the costly step: a sentence with no known name and no cue
         * for an unknown one (社, 氏, 協会, a capital letter) holds no fact */
        if (nm == 0 && !may_hold_name(&ex->rules, lang, s->text))
            continue;
        fg_token *tok = NULL;
        size_t ntok = 0;
        if (lang == FG_LANG_JA)
            st = fg_tokenize_ja(ex->tok, a, s->text, &tok, &ntok, err);
        else
            st = fg_tokenize_en(a, s->text, &tok, &ntok, err);
        if (st == FG_OK)
            st = fg_names_find(&ex->rules, &recent, a, lang, s->text, lang == FG_LANG_JA ? tok : NULL, ntok,
                               &m, &nm, err);
        if (st != FG_OK)
            break;
        for (size_t k = 0; k < nm; k++) {
            if (m[k].coref)
                continue; /* 同社 names no new entity; its antecedent was recorded */
            fg_mention *mm = grow(a, r.m, r.n, &r.cap, sizeof(*mm));
            if (!mm)
                return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
            r.m = mm;
            mm = &r.m[r.n++];
            mm->id = m[k].id;
            mm->type = m[k].type;
            mm->surface = orig_slice(doc, s, m[k].start, m[k].end, &mm->start, &mm->end);
            mm->sentence = s->index;
            mm->origin = m[k].origin;
        }
        if (nm == 0)
            continue;
        fg_cands cands = {0};
        fg_sentctx c = {&ex->rules, a, lang, s->text, m, nm, tok, ntok, &cands, &topic, s->index, ex->lex};
        st = lang == FG_LANG_JA ? fg_rules_ja(&c, err) : fg_rules_en(&c, err);
        if (st == FG_OK)
            st = sentence_facts(ex, doc, s, c.m, c.nm, &cands, &r, err);
    }
    if (st != FG_OK)
        return st;
    out->mentions = r.m;
    out->mention_count = r.n;
    out->facts = r.f;
    out->fact_count = r.nf;
    return FG_OK;
}
