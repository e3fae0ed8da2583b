/* rules_en.c - English relations from word patterns.
 *
 * Subject-verb-object: the subject is the nearest name group before the verb
 * (auxiliaries, adverbs and "plans to" may stand between), the object the
 * nearest after it ("exports of the H20 to China" reaches H20 through "of";
 * "to X" is the recipient of a dat frame). Passives (was banned by, backed by,
 * founded by) swap them. "X, which is backed by Y" takes X as the subject of
 * the relative clause. Noun phrases: "Nvidia's H20" (develops), "X CEO Y",
 * "Y, chief executive of X" (leads), "a unit of X" (part_of). Facts must fit
 * the edge type's signature (data/cues.tsv). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "extract_int.h"

typedef struct en {
    fg_sentctx *c;
    int *mention_at_tok; /* token -> mention index or -1 */
    int *tok_of_m;       /* mention -> first token */
    int *tok_end_m;      /* mention -> one past last token */
} en;

static fg_str word(const en *e, int t)
{
    return e->c->tok[t].base;
}

static bool weq(const en *e, int t, const char *s)
{
    return t >= 0 && (size_t)t < e->c->ntok && fg_str_eq_cstr(word(e, t), s);
}

static bool is_clause_end(const en *e, int t);
static bool is_prep(const en *e, int t);
static bool is_reporting(const en *e, int t);
static int holder_before(const en *e, int p, const char *type, bool as_src);
static void note_topic(en *e);
static int topic_mention(en *e, const char *type);
static int office_mention(en *e, const fg_entity *ent);
static bool is_aux(const en *e, int t);

/* Trigger matching with inflections: ban, bans, banned, banning; approve,
 * approved, approving; supply, supplies, supplied. */
static bool inflects(fg_str w, fg_str stem)
{
    if (w.len < stem.len || strncmp(w.ptr, stem.ptr, stem.len) != 0) {
        /* approve -> approving: drop the final e */
        if (stem.len > 2 && stem.ptr[stem.len - 1] == 'e' && w.len >= stem.len - 1 &&
            strncmp(w.ptr, stem.ptr, stem.len - 1) == 0) {
            fg_str rest = fg_str_make(w.ptr + stem.len - 1, w.len - stem.len + 1);
            return fg_str_eq_cstr(rest, "ing") || fg_str_eq_cstr(rest, "ed");
        }
        /* supply -> supplies, supplied */
        if (stem.len > 2 && stem.ptr[stem.len - 1] == 'y' &&
            strncmp(w.ptr, stem.ptr, stem.len - 1) == 0 && w.len >= stem.len - 1) {
            fg_str rest = fg_str_make(w.ptr + stem.len - 1, w.len - stem.len + 1);
            return fg_str_eq_cstr(rest, "ies") || fg_str_eq_cstr(rest, "ied");
        }
        return false;
    }
    fg_str rest = fg_str_make(w.ptr + stem.len, w.len - stem.len);
    if (rest.len == 0)
        return true;
    /* not "er": developer and supplier are nouns (relational nouns, rules below) */
    static const char *const suf[] = {"s", "es", "ed", "d", "ing"};
    for (size_t i = 0; i < sizeof(suf) / sizeof(suf[0]); i++)
        if (fg_str_eq_cstr(rest, suf[i]))
            return true;
    /* doubled final consonant: ban -> banned, banning */
    if (rest.len >= 3 && rest.ptr[0] == stem.ptr[stem.len - 1] &&
        (fg_str_eq_cstr(fg_str_make(rest.ptr + 1, rest.len - 1), "ed") ||
         fg_str_eq_cstr(fg_str_make(rest.ptr + 1, rest.len - 1), "ing")))
        return true;
    return false;
}

/* The trigger at token t (multi-word triggers match following words), and
 * the token after it through *next. */
static const fg_trigger *trigger_at(const en *e, int t, int *next)
{
    const fg_sentctx *c = e->c;
    const fg_trigger *best = NULL;
    int best_next = t + 1;
    for (size_t i = 0; i < c->rules->trigger_count; i++) {
        const fg_trigger *tr = &c->rules->triggers[i];
        if (tr->lang != FG_LANG_EN)
            continue;
        const char *sp = memchr(tr->word.ptr, ' ', tr->word.len);
        fg_str first = fg_str_make(tr->word.ptr, sp ? (size_t)(sp - tr->word.ptr) : tr->word.len);
        if (!inflects(word(e, t), first))
            continue;
        int k = t + 1;
        bool ok = true;
        while (sp) {
            const char *w0 = sp + 1;
            const char *w1 = memchr(w0, ' ', tr->word.len - (size_t)(w0 - tr->word.ptr));
            fg_str wn = fg_str_make(w0, w1 ? (size_t)(w1 - w0) : tr->word.len - (size_t)(w0 - tr->word.ptr));
            /* "added ... to the Entity List" style phrases may skip a word or two */
            int q = k;
            while ((size_t)q < c->ntok && q - k < 6 && !fg_str_eq(word(e, q), wn) &&
                   e->mention_at_tok[q] < 0 && !is_clause_end(e, q) && !weq(e, q, ","))
                q++;
            if ((size_t)q < c->ntok && fg_str_eq(word(e, q), wn)) {
                k = q + 1;
            } else {
                ok = false;
                break;
            }
            sp = w1;
        }
        if (ok && (!best || tr->word.len > best->word.len)) {
            best = tr;
            best_next = k;
        }
    }
    *next = best_next;
    return best;
}

static bool is_aux(const en *e, int t)
{
    static const char *const aux[] = {"is", "are", "was", "were", "be", "been", "being", "has",
                                      "have", "had", "will", "would", "could", "can", "may",
                                      "might", "should", "must", "to", "also", "not", "already",
                                      "reportedly", "recently", "still", "now", "further", "jointly",
                                      "plans", "planned", "plan", "agreed", "wants", "aims", "expected",
                                      "set", "seeking", "seeks", "moved", "moving", "did", "does",
                                      "do", "then", "later", "formally", "officially", "quietly"};
    for (size_t i = 0; i < sizeof(aux) / sizeof(aux[0]); i++)
        if (weq(e, t, aux[i]))
            return true;
    return false;
}

static bool is_clause_end(const en *e, int t)
{
    return weq(e, t, ".") || weq(e, t, ";") || weq(e, t, ":") || weq(e, t, "which") ||
           weq(e, t, "who") || weq(e, t, "that") || weq(e, t, "while") || weq(e, t, "but") ||
           weq(e, t, "after") || weq(e, t, "before") || weq(e, t, "because") || weq(e, t, "as");
}

/* Names of one kind (companies and organizations count as one) can be
 * listed together; "Saudi Arabia, Humain" is a place and an apposition. */
static bool same_kind(const char *a, const char *b)
{
    bool ca = strcmp(a, "company") == 0 || strcmp(a, "organization") == 0;
    bool cb = strcmp(b, "company") == 0 || strcmp(b, "organization") == 0;
    return strcmp(a, b) == 0 || (ca && cb);
}

/* Whether mentions x and x+1 are joined in a list by "and", "or" or ",". */
static bool joined(const en *e, int x)
{
    int a = e->tok_end_m[x], b = e->tok_of_m[x + 1];
    bool j = b - a == 1 && (weq(e, a, ",") || weq(e, a, "and") || weq(e, a, "or"));
    j = j || (b - a == 2 && weq(e, a, ",") && weq(e, a + 1, "and"));
    /* a reference ("the chipmaker") is never one item of a list */
    return j && same_kind(e->c->m[x].type, e->c->m[x + 1].type) && !e->c->m[x].coref &&
           !e->c->m[x + 1].coref;
}

/* The group of mentions joined in a list that contains mention m: its first
 * and last mention indexes. */
static void group_of(const en *e, int m, int *lo, int *hi)
{
    *lo = *hi = m;
    while (*lo > 0 && joined(e, *lo - 1))
        (*lo)--;
    while ((size_t)*hi + 1 < e->c->nm && joined(e, *hi))
        (*hi)++;
    /* "According to Reuters, Tencent": names joined by commas alone are no
     * list; an English list ends with "and" or "or" */
    bool conj = false;
    for (int x = *lo; x < *hi; x++) {
        int a = e->tok_end_m[x];
        if (weq(e, a, "and") || weq(e, a, "or") || weq(e, a + 1, "and") || weq(e, a + 1, "or"))
            conj = true;
    }
    if (!conj)
        *lo = *hi = m;
}

static fg_status emit_groups(en *e, const char *type, int s, int d, size_t ts, size_t te,
                             const char *rule, fg_error *err)
{
    if (s < 0 || d < 0)
        return FG_OK;
    int slo, shi, dlo, dhi;
    group_of(e, s, &slo, &shi);
    group_of(e, d, &dlo, &dhi);
    if (!(shi < dlo || dhi < slo))
        return FG_OK; /* one group on both sides */
    for (int a = slo; a <= shi; a++)
        for (int b = dlo; b <= dhi; b++)
            if (fg_rules_fact_ok(e->c->rules, type, e->c->m[a].type, e->c->m[b].type)) {
                fg_status st = fg_cands_add(e->c, type, a, b, ts, te, rule, err);
                if (st != FG_OK)
                    return st;
            }
    return FG_OK;
}

/* Nearest mention before token t in the same clause whose type can be the
 * source of type. A relative clause ("X, which is backed by Y") reaches back
 * past "which". */
static int subject_before(const en *e, int t, const char *type)
{
    /* "a contract for Samsung to make": the for-phrase is the subject of the
     * infinitive */
    if (t >= 3 && weq(e, t - 1, "to") && e->mention_at_tok[t - 2] >= 0) {
        int m = e->mention_at_tok[t - 2];
        int f = e->tok_of_m[m] - 1;
        if (f >= 0 && weq(e, f, "for"))
            return fg_rules_sig_ok(e->c->rules, type, e->c->m[m].type, NULL, NULL) ? m : -1;
    }
    /* "Humain, which was launched by the PIF, has signed": the relative
     * clause between the subject and the verb is skipped */
    for (int k = t - 1; k > 1; k--) {
        if (weq(e, k, ",") ) {
            int q = k - 1;
            while (q > 0 && !weq(e, q, ",") && !weq(e, q, ".") && !weq(e, q, ";"))
                q--;
            if (q > 0 && weq(e, q, ",") && (weq(e, q + 1, "which") || weq(e, q + 1, "who"))) {
                t = q;
                break;
            }
            break;
        }
        if (e->mention_at_tok[k] >= 0 || is_clause_end(e, k))
            break;
    }
    /* "the start-up trains": a description that names no entity we know is
     * the subject; a name further back is not */
    int v = t - 1;
    while (v >= 0 && is_aux(e, v) && e->mention_at_tok[v] < 0)
        v--;
    if (v >= 1 && e->mention_at_tok[v] < 0 && e->c->tok[v].kind == FG_TOK_NOUN &&
        (weq(e, v - 1, "the") || weq(e, v - 1, "a") || weq(e, v - 1, "its") || weq(e, v - 1, "their")))
        return -1;
    for (int k = t - 1; k >= 0; k--) {
        int m = e->mention_at_tok[k];
        if (m >= 0 && e->tok_of_m[m] > 0 && is_prep(e, e->tok_of_m[m] - 1) &&
            !weq(e, e->tok_of_m[m] - 1, "by")) {
            k = e->tok_of_m[m]; /* according to Reuters, in China: not the subject */
            continue;
        }
        if (m >= 0) {
            int lo, hi;
            group_of(e, m, &lo, &hi);
            for (int x = hi; x >= lo; x--)
                if (fg_rules_sig_ok(e->c->rules, type, e->c->m[x].type, NULL, NULL))
                    return x;
            return -1;
        }
        if (weq(e, k, "which") || weq(e, k, "who")) {
            if (k >= 2 && weq(e, k - 1, ","))
                k -= 1;
            continue;
        }
        if (weq(e, k, ".") || weq(e, k, ";") || weq(e, k, "that") || weq(e, k, "while") ||
            weq(e, k, "but") || weq(e, k, "because") || is_reporting(e, k))
            return -1;
    }
    return -1;
}

/* Verbs of saying end the clause an object can be found in. */
static bool is_reporting(const en *e, int t)
{
    static const char *const verbs[] = {"said", "says", "say", "told", "noted",
                                        "according", "wrote", "reported"};
    for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
        if (weq(e, t, verbs[i]))
            return true;
    return false;
}

static bool is_prep(const en *e, int t)
{
    static const char *const preps[] = {"in", "of", "from", "for", "to", "with", "by", "at", "on",
                                        "into", "than", "as", "over", "about", "against", "under"};
    for (size_t i = 0; i < sizeof(preps) / sizeof(preps[0]); i++)
        if (weq(e, t, preps[i]))
            return true;
    return false;
}

/* The target after token t in the clause: among the names that fit, the one
 * whose type the signature prefers (a chip before its maker: "licences for
 * Nvidia to export its Blackwell chips" targets Blackwell), then the nearest.
 * to_only: only names after a recipient preposition (to, in, into, for, with).
 * with_only: only the name right after "with"/"against" (symmetric verbs). */
static int object_after(const en *e, int t, const char *type, bool to_only, bool src_side,
                        bool with_only)
{
    bool seen_to = false, seen_with = false, spent = false;
    int best = -1, best_rank = 1 << 20;
    for (int k = t; (size_t)k < e->c->ntok && k - t < 16; k++) {
        /* the recipient heads the phrase after "to": in "to their factories in
         * China" China is where, not whom */
        if (seen_to && is_prep(e, k)) {
            seen_to = false;
            spent = true;
        }
        /* "up to $6 billion" is an amount, not a recipient */
        bool up_to = weq(e, k, "to") && k > 0 && weq(e, k - 1, "up");
        if (!spent && !up_to && (weq(e, k, "to") || weq(e, k, "in") || weq(e, k, "into") ||
                                 weq(e, k, "for") || weq(e, k, "with")))
            seen_to = true;
        if (up_to)
            continue;
        if (is_reporting(e, k))
            break; /* "who heads the bureau, said the rules ... in China" */
        if (weq(e, k, "with") || weq(e, k, "against")) {
            seen_with = true;
            continue;
        }
        if (with_only && seen_with && is_prep(e, k))
            break;
        /* "exports of the H20", "100,000 of the processors" reach through
         * "of"; "its control of Arm" does not */
        if (weq(e, k, "of") && k > t && e->mention_at_tok[k - 1] < 0 &&
            e->c->tok[k - 1].kind != FG_TOK_NUMBER &&
            !fg_rules_cue_eq(e->c->rules, "ofnoun", FG_LANG_EN, word(e, k - 1)))
            break;
        int m = e->mention_at_tok[k];
        if (m >= 0) {
            int next = e->tok_end_m[m];
            bool possessor = next < (int)e->c->ntok && weq(e, next, "'s");
            /* "Intel's NAND flash business": a business, not the product;
             * "the Xi'an plant": a place naming a facility, not a recipient */
            const char *mt = e->c->m[m].type;
            if (next < (int)e->c->ntok &&
                ((fg_rules_cue_eq(e->c->rules, "unitword", FG_LANG_EN, word(e, next)) &&
                  (strcmp(mt, "chip") == 0 || strcmp(mt, "model") == 0)) ||
                 (fg_rules_cue_eq(e->c->rules, "facility", FG_LANG_EN, word(e, next)) &&
                  (strcmp(mt, "place") == 0 || strcmp(mt, "government") == 0)))) {
                k = next - 1;
                continue;
            }
            if ((to_only && !seen_to) || (with_only && !seen_with)) {
                k = next - 1;
                continue;
            }
            int rank = -1;
            bool ok = src_side ? fg_rules_sig_ok(e->c->rules, type, e->c->m[m].type, NULL, NULL)
                               : fg_rules_sig_ok(e->c->rules, type, NULL, e->c->m[m].type, &rank);
            if (!ok && !src_side && fg_rules_fact_ok(e->c->rules, type, NULL, e->c->m[m].type)) {
                ok = true;
                rank = 50; /* after anything the type itself takes */
            }
            if (ok && possessor)
                rank += 100; /* Nvidia's H20: the product first */
            if (ok && rank < best_rank) {
                best = m;
                best_rank = rank;
            }
            if (with_only && ok)
                break;
            k = next - 1;
            continue;
        }
        if (is_clause_end(e, k) || weq(e, k, ","))
            break;
    }
    return best;
}

/* The direct object right after a verb (supply the company with ...): a name
 * within the first three words, or -1. */
static int direct_object(const en *e, int t, const char *type)
{
    for (int k = t; (size_t)k < e->c->ntok && k - t < 3; k++) {
        int m = e->mention_at_tok[k];
        if (m >= 0)
            return fg_rules_sig_ok(e->c->rules, type, NULL, e->c->m[m].type, NULL) ? m : -1;
        if (!weq(e, k, "the") && !weq(e, k, "its") && !weq(e, k, "their") && !weq(e, k, "a"))
            return -1;
    }
    return -1;
}

/* The sentence's topic for the sentences after it: its first name that is
 * not inside a prepositional phrase and can act. */
static void note_topic(en *e)
{
    fg_sentctx *c = e->c;
    for (size_t m = 0; m < c->nm; m++) {
        int t = e->tok_of_m[m];
        /* the subject opens the sentence; a sentence that opens with a
         * reference (The start-up was founded ...) keeps its topic */
        /* the subject opens the sentence, or follows an opening phrase
         * ("In neighbouring Saudi Arabia, Humain, ..."); a name further in
         * ("Fidelity ... and Lightspeed co-led") is not reliably the subject */
        if (t > 0 && !(weq(e, t - 1, ",") && m + 1 >= 1) && !(t <= 1 && weq(e, 0, "the")))
            return;
        if (c->m[m].coref) {
            if (t <= 1) {
                c->topic->last_seen = c->sentence;
                return;
            }
            continue;
        }
        if (t > 0 && (is_prep(e, t - 1) || weq(e, t - 1, "'s")))
            continue;
        int lo, hi;
        group_of(e, (int)m, &lo, &hi);
        if (hi > lo)
            return; /* "Fidelity and Lightspeed co-led": no single subject */
        const char *ty = c->m[m].type;
        if (strcmp(ty, "company") == 0 || strcmp(ty, "government") == 0 ||
            strcmp(ty, "organization") == 0) {
            c->topic->id = c->m[m].id;
            c->topic->type = ty;
            c->topic->sentence = c->sentence;
            c->topic->last_seen = c->sentence;
            return;
        }
    }
}

/* The text's topic as a mention of this sentence: the one named here, or
 * one added outside the tokens (a dropped reference like "its round"). -1
 * when there is no topic of a type that can be type's target. */
static int topic_mention(en *e, const char *type)
{
    fg_sentctx *c = e->c;
    if (!c->topic || !c->topic->id ||
        !fg_rules_sig_ok(c->rules, type, NULL, c->topic->type, NULL))
        return -1;
    for (size_t q = 0; q < c->nm; q++)
        if (strcmp(c->m[q].id, c->topic->id) == 0)
            return (int)q;
    fg_smention *m = fg_arena_calloc(c->arena, c->nm + 1, sizeof(*m));
    int *to = fg_arena_calloc(c->arena, c->nm + 2, sizeof(int));
    int *te = fg_arena_calloc(c->arena, c->nm + 2, sizeof(int));
    if (!m || !to || !te)
        return -1; /* the arena's sticky flag reports it */
    memcpy(m, c->m, c->nm * sizeof(*m));
    memcpy(to, e->tok_of_m, c->nm * sizeof(int));
    memcpy(te, e->tok_end_m, c->nm * sizeof(int));
    m[c->nm] = (fg_smention){0, 0, c->topic->id, c->topic->type, "topic", true};
    to[c->nm] = te[c->nm] = (int)c->ntok;
    c->m = m;
    e->tok_of_m = to;
    e->tok_end_m = te;
    return (int)c->nm++;
}

/* A mention of entity ent for this sentence, added outside the tokens when
 * the sentence names it only by a word (Commerce Secretary). */
static int office_mention(en *e, const fg_entity *ent)
{
    fg_sentctx *c = e->c;
    for (size_t q = 0; q < c->nm; q++)
        if (strcmp(c->m[q].id, ent->id) == 0)
            return (int)q;
    struct fg_topic saved = *c->topic, office = {ent->id, ent->type, c->sentence, c->sentence};
    *c->topic = office;
    int q = topic_mention(e, "leads");
    *c->topic = saved;
    return q;
}

static fg_status verbs(en *e, fg_error *err)
{
    fg_sentctx *c = e->c;
    for (int t = 0; (size_t)t < c->ntok; t++) {
        if (e->mention_at_tok[t] >= 0 || c->tok[t].kind != FG_TOK_NOUN)
            continue;
        int next;
        const fg_trigger *tr = trigger_at(e, t, &next);
        if (!tr)
            continue;
        size_t ts = c->tok[t].start, te = c->tok[next - 1].end;
        const char *type = tr->type; /* a stake turns owning into funding */
        /* passive: was banned by X; backed by X; founded by X */
        /* passive: was banned by X; founded in 2021 by X (a time or place
         * phrase may come first) */
        int by_at = -1;
        for (int q = next; (size_t)q < c->ntok && q - next <= 4; q++) {
            if (weq(e, q, "by")) {
                by_at = q;
                break;
            }
            if (e->mention_at_tok[q] >= 0 || is_clause_end(e, q) || weq(e, q, ","))
                break;
            bool amount = c->tok[q].kind == FG_TOK_NUMBER || weq(e, q, "$") || weq(e, q, "€") ||
                          weq(e, q, "¥") || weq(e, q, "billion") || weq(e, q, "million") ||
                          weq(e, q, "about") || weq(e, q, "roughly") || weq(e, q, "nearly");
            if (q == next && !is_prep(e, q) && !amount)
                break; /* only "in 2021", "$1.6 billion" and the like may stand between */
        }
        bool passive = by_at >= 0;
        if (passive)
            next = by_at;
        int src, dst;
        const char *rule = "en.svo";
        bool rev = tr->frame == FG_FRAME_REV;
        if (passive) {
            src = object_after(e, next + 1, tr->type, false, !rev, false);
            dst = -1;
            /* the thing acted on stands before: "G42, chaired by Tahnoon" or "X was backed by" */
            int k = t - 1;
            while (k >= 0 && (is_aux(e, k) || weq(e, k, ",")))
                k--;
            if (k >= 0 && e->mention_at_tok[k] >= 0 &&
                (rev ? fg_rules_sig_ok(c->rules, tr->type, c->m[e->mention_at_tok[k]].type, NULL, NULL)
                     : fg_rules_sig_ok(c->rules, tr->type, NULL, c->m[e->mention_at_tok[k]].type, NULL)))
                dst = e->mention_at_tok[k];
            else
                dst = -1;
            /* "Ampere Computing, the maker of Arm-based chips, was founded by":
             * a passive with its auxiliary has the clause's subject as patient */
            bool with_aux = t > 0 && (weq(e, t - 1, "was") || weq(e, t - 1, "were") ||
                                      weq(e, t - 1, "been") || weq(e, t - 1, "is"));
            if (dst < 0 && with_aux && !rev) {
                int first = -1;
                for (size_t q = 0; q < c->nm && first < 0; q++)
                    if (e->tok_of_m[q] < t && !(e->tok_of_m[q] > 0 && is_prep(e, e->tok_of_m[q] - 1)))
                        first = (int)q;
                if (first >= 0 && fg_rules_fact_ok(c->rules, tr->type, NULL, c->m[first].type))
                    dst = first;
            }
            if (dst < 0) {
                for (int q = t - 1; q >= 0 && dst < 0; q--) {
                    if (weq(e, q, ".") || weq(e, q, ";"))
                        break;
                    int m = e->mention_at_tok[q];
                    if (m >= 0 && (rev ? fg_rules_sig_ok(c->rules, tr->type, c->m[m].type, NULL, NULL)
                                       : fg_rules_sig_ok(c->rules, tr->type, NULL, c->m[m].type, NULL)))
                        dst = m;
                }
            }
            if (rev) {
                int x = src;
                src = dst;
                dst = x;
            }
            rule = "en.passive";
        } else {
            src = subject_before(e, t, tr->type);
            /* SoftBank Group's planned purchase of Ampere: the possessor acts */
            for (int q = t - 1; q >= 0 && t - q <= 7; q--) {
                if (weq(e, q, "'s") && q > 0 && e->mention_at_tok[q - 1] >= 0) {
                    int pm = e->mention_at_tok[q - 1];
                    if (fg_rules_sig_ok(c->rules, tr->type, c->m[pm].type, NULL, NULL))
                        src = pm;
                    break;
                }
                if (e->mention_at_tok[q] >= 0 || is_clause_end(e, q) || weq(e, q, ","))
                    break;
            }
            if (tr->frame == FG_FRAME_SYM) {
                /* "together with X": the trigger already holds the "with" */
                bool has_with = fg_str_ends_with(tr->word, " with");
                dst = object_after(e, next, tr->type, false, false, !has_with);
                rule = "en.symmetric";
                /* Nvidia and AMD compete: the pair is the subject */
                int lo, hi;
                /* "A and B are both competing for X": each competes, not with
                 * each other */
                bool each = false;
                for (int q = src >= 0 ? e->tok_end_m[src] : t; q < t; q++)
                    if (weq(e, q, "both") || weq(e, q, "each") || weq(e, q, "all"))
                        each = true;
                if (dst < 0 && src >= 0 && !each && (group_of(e, src, &lo, &hi), hi > lo)) {
                    for (int x = lo; x <= hi; x++)
                        for (int y = x + 1; y <= hi; y++)
                            if (fg_rules_sig_ok(c->rules, tr->type, c->m[x].type, c->m[y].type, NULL)) {
                                fg_status st = fg_cands_add(c, tr->type, x, y, ts, te,
                                                            "en.symmetric-group", err);
                                if (st != FG_OK)
                                    return st;
                            }
                    continue;
                }
            } else if (tr->frame == FG_FRAME_ROUND) {
                /* General Catalyst and Lightspeed co-led its previous round: the
                 * round is the topic's, which the sentence need not name */
                dst = -1;
                for (int q = next; (size_t)q < c->ntok && q - next <= 4 && dst < 0; q++)
                    if (weq(e, q, "round") || weq(e, q, "rounds")) {
                        /* "a round in the start-up" names it; "the round" is the topic's */
                        if (weq(e, q + 1, "in") || weq(e, q + 1, "for"))
                            dst = object_after(e, q + 2, tr->type, false, false, false);
                        if (dst < 0)
                            dst = topic_mention(e, tr->type);
                    }
                rule = "en.round";
            } else if (tr->frame == FG_FRAME_LIST) {
                /* added Sugon to the Entity List: the name between the verb and "to" */
                dst = -1;
                int k = t - 1;
                if (weq(e, k, "the"))
                    k--;
                if (weq(e, k, "to") || weq(e, k, "on"))
                    k--;
                if (k >= 0 && e->mention_at_tok[k] >= 0 &&
                    fg_rules_sig_ok(c->rules, tr->type, NULL, c->m[e->mention_at_tok[k]].type, NULL))
                    dst = e->mention_at_tok[k];
                src = dst >= 0 ? subject_before(e, e->tok_of_m[dst], tr->type) : -1;
                rule = "en.list";
            } else if (tr->frame == FG_FRAME_DAT) {
                dst = object_after(e, next, tr->type, true, false, false);
                if (dst < 0) /* supply the company with chips; not "supply the processors and Cisco" */
                    dst = direct_object(e, next, tr->type);
            } else if (tr->frame == FG_FRAME_FROM) {
                /* received $6.1 billion in grants from the Commerce Department;
                 * closed a funding round led by Iconiq; a grant to Intel */
                int k = next;
                while ((size_t)k < c->ntok && k - next < 12 && !weq(e, k, "from") &&
                       !weq(e, k, "to") && !(weq(e, k, "led") && weq(e, k + 1, "by")) &&
                       !is_clause_end(e, k))
                    k++;
                dst = -1;
                if (weq(e, k, "to")) {
                    /* the department finalized a grant to Intel */
                    dst = object_after(e, k + 1, tr->type, false, false, false);
                    rule = "en.svo";
                } else if (weq(e, k, "led") || weq(e, k, "from")) {
                    if (weq(e, k, "led"))
                        k++;
                    src = object_after(e, k + 1, tr->type, false, true, false);
                    /* the receiver is the clause's subject, any type that can be funded */
                    dst = holder_before(e, t, tr->type, false);
                    rule = "en.receive";
                }
            } else if (rev) {
                /* PIF owns Humain: Humain part_of PIF; but owning 14% of X, or a
                 * stake in it, is funding X */
                int owner = subject_before(e, t, "funds");
                int owned = object_after(e, next, tr->type, false, true, false);
                bool stake = false;
                for (int q = next; owned >= 0 && q < e->tok_of_m[owned]; q++)
                    if (weq(e, q, "%") || weq(e, q, "percent") || weq(e, q, "stake"))
                        stake = true;
                if (stake) {
                    type = "funds";
                    src = owner;
                    dst = owned >= 0 && fg_rules_sig_ok(c->rules, "funds", NULL, c->m[owned].type, NULL) ? owned : -1;
                } else {
                    src = owned;
                    dst = owner;
                }
            } else {
                dst = object_after(e, next, tr->type, false, false, false);
            }
        }
        /* sold its stake in ByteDance: a blocker word before the object */
        if (dst >= 0 && !passive)
            for (int q = next; q < e->tok_of_m[dst]; q++)
                if (fg_rules_cue_eq(c->rules, "blocker", FG_LANG_EN, word(e, q))) {
                    dst = -1;
                    break; /* the loop's bound read tok_of_m[dst] */
                }
        /* a partnership between X and Y: the pair after "between" */
        if (tr->frame == FG_FRAME_SYM && weq(e, next, "between")) {
            int q = next + 1;
            if (weq(e, q, "the"))
                q++;
            if ((size_t)q < c->ntok && e->mention_at_tok[q] >= 0) {
                int lo, hi;
                group_of(e, e->mention_at_tok[q], &lo, &hi);
                for (int x = lo; x <= hi; x++)
                    for (int y = x + 1; y <= hi; y++)
                        if (fg_rules_sig_ok(c->rules, tr->type, c->m[x].type, c->m[y].type, NULL)) {
                            fg_status st = fg_cands_add(c, tr->type, x, y, ts, te, "en.between", err);
                            if (st != FG_OK)
                                return st;
                        }
            }
            continue;
        }
        fg_status st = emit_groups(e, type, src, dst, ts, te, rule, err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

/* Nvidia's H20 / Nvidia H20: the maker. */
static fg_status possessives(en *e, fg_error *err)
{
    fg_sentctx *c = e->c;
    for (size_t m = 0; m + 1 < c->nm; m++) {
        int a = e->tok_end_m[m], b = e->tok_of_m[m + 1];
        bool poss = (b - a == 1 && weq(e, a, "'s")) || b == a;
        if (!poss)
            continue;
        int after_y = e->tok_end_m[m + 1];
        if ((size_t)after_y < c->ntok && fg_rules_cue_eq(c->rules, "unitword", FG_LANG_EN, word(e, after_y)) &&
            strcmp(c->m[m + 1].type, "company") != 0)
            continue; /* Intel's NAND flash business: a business, not a product */
        if (fg_rules_sig_ok(c->rules, "develops", c->m[m].type, c->m[m + 1].type, NULL) &&
            strcmp(c->m[m + 1].type, "company") != 0) {
            fg_status st = fg_cands_add(c, "develops", (int)m, (int)m + 1, c->m[m].end,
                                        c->m[m + 1].start, "en.np.possessive", err);
            if (st != FG_OK)
                return st;
        }
        /* Microsoft's Azure cloud, Samsung's Device Solutions division */
        int after = e->tok_end_m[m + 1];
        if (b - a == 1 && (size_t)after < c->ntok &&
            fg_rules_cue_eq(c->rules, "unitword", FG_LANG_EN, word(e, after)) &&
            fg_rules_sig_ok(c->rules, "part_of", c->m[m + 1].type, c->m[m].type, NULL)) {
            fg_status st = fg_cands_add(c, "part_of", (int)m + 1, (int)m, c->m[m].end,
                                        c->tok[after].end, "en.np.unit", err);
            if (st != FG_OK)
                return st;
        }
    }
    return FG_OK;
}

/* "Nvidia CEO Jensen Huang", "Jensen Huang, chief executive of Nvidia",
 * "Nvidia's chief executive, Jensen Huang", "President Donald Trump". */
static fg_status titles(en *e, fg_error *err)
{
    fg_sentctx *c = e->c;
    for (int t = 0; (size_t)t < c->ntok; t++) {
        if (e->mention_at_tok[t] >= 0)
            continue;
        const fg_cue *cue = fg_rules_cue_at(c->rules, "title", FG_LANG_EN, c->text, c->tok[t].start);
        if (!cue)
            continue;
        size_t tend = c->tok[t].start + cue->word.len;
        int te = t;
        while ((size_t)te + 1 < c->ntok && c->tok[te + 1].start < tend)
            te++;
        if (t > 0 && (weq(e, t - 1, "former") || weq(e, t - 1, "ex")))
            continue;
        int person = -1, org = -1;
        /* title then person: CEO Jensen Huang, chief executive, Jensen Huang */
        int k = te + 1;
        if (weq(e, k, ","))
            k++;
        if ((size_t)k < c->ntok && e->mention_at_tok[k] >= 0 &&
            strcmp(c->m[e->mention_at_tok[k]].type, "person") == 0)
            person = e->mention_at_tok[k];
        /* org right before the title: Nvidia CEO, Nvidia's CEO */
        int b = t - 1;
        if (weq(e, b, "'s"))
            b--;
        if (b >= 0 && e->mention_at_tok[b] >= 0 && strcmp(c->m[e->mention_at_tok[b]].type, "person") != 0)
            org = e->mention_at_tok[b];
        /* "its chief executive": the sentence's subject, when it is a company */
        if (org < 0 && (weq(e, t - 1, "its") || weq(e, t - 2, "its")))
            for (size_t q = 0; q < c->nm && org < 0; q++)
                if (strcmp(c->m[q].type, "company") == 0 && e->tok_of_m[q] < t &&
                    !(e->tok_of_m[q] > 0 && is_prep(e, e->tok_of_m[q] - 1)))
                    org = (int)q;
        /* Satya Nadella, Microsoft's chief executive */
        if (person < 0 && org >= 0) {
            int p = e->tok_of_m[org] - 1;
            while (p >= 0 && (weq(e, p, ",") || weq(e, p, "the")))
                p--;
            if (p >= 0 && e->mention_at_tok[p] >= 0 &&
                strcmp(c->m[e->mention_at_tok[p]].type, "person") == 0)
                person = e->mention_at_tok[p];
        }
        /* person, title of org */
        if (person < 0) {
            int p = t - 1;
            while (p >= 0 && (weq(e, p, ",") || weq(e, p, "the") || weq(e, p, "a") || weq(e, p, "its") ||
                              weq(e, p, "as") || weq(e, p, "is") || weq(e, p, "co")))
                p--;
            if (p >= 0 && e->mention_at_tok[p] >= 0 &&
                strcmp(c->m[e->mention_at_tok[p]].type, "person") == 0)
                person = e->mention_at_tok[p];
            if (person >= 0 && org < 0 && weq(e, te + 1, "of") && (size_t)te + 2 < c->ntok) {
                int q = te + 2;
                if (weq(e, q, "the"))
                    q++;
                if ((size_t)q < c->ntok && e->mention_at_tok[q] >= 0)
                    org = e->mention_at_tok[q];
            }
        }
        if (person >= 0 && org < 0 && weq(e, te + 1, "of")) {
            int q = te + 2;
            if (weq(e, q, "the"))
                q++;
            if ((size_t)q < c->ntok && e->mention_at_tok[q] >= 0)
                org = e->mention_at_tok[q];
        }
        /* "Commerce Secretary Gina Raimondo": the word before the title names
         * the office (the Commerce Department), found through the lexicon */
        if (person >= 0 && org < 0 && t > 0 && c->lex && c->tok[t - 1].kind == FG_TOK_NOUN &&
            e->mention_at_tok[t - 1] < 0) {
            fg_str w = fg_str_make(c->text.ptr + c->tok[t - 1].start, c->tok[t - 1].end - c->tok[t - 1].start);
            static const char *const forms[] = {"%.*s Department", "Department of %.*s",
                                                "%.*s Ministry", "Ministry of %.*s"};
            for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]) && org < 0; f++) {
                char name[128];
                snprintf(name, sizeof(name), forms[f], (int)w.len, w.ptr);
                const fg_entity *office = fg_lexicon_find_alias(c->lex, fg_str_cstr(name));
                if (office && strcmp(office->type, "government") == 0)
                    org = office_mention(e, office);
            }
        }
        if (person < 0 || org < 0)
            continue;
        if (!fg_rules_sig_ok(c->rules, "leads", c->m[person].type, c->m[org].type, NULL))
            continue;
        fg_status st = fg_cands_add(c, "leads", person, org, c->tok[t].start, tend, "en.np.title", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

/* A name fitting type on one side (as_src), searched backwards from token
 * p-1 for up to eight words: the name an apposition or a copula describes
 * ("Anthropic, the San Francisco-based developer of"). Skips possessors
 * (Anthropic's) and names inside prepositional phrases. */
static int holder_before(const en *e, int p, const char *type, bool as_src)
{
    for (int k = p - 1; k >= 0 && p - k <= 14; k--) {
        if (weq(e, k, ".") || weq(e, k, ";") || weq(e, k, "but") || weq(e, k, "that"))
            return -1;
        int m = e->mention_at_tok[k];
        if (m < 0)
            continue;
        k = e->tok_of_m[m];
        bool possessor = weq(e, e->tok_end_m[m], "'s");
        /* a name in a prepositional phrase is no subject, but an apposition
         * still describes it (operated by Khazna, a subsidiary of G42) */
        bool appositive = weq(e, e->tok_end_m[m], ",");
        bool in_pp = k > 0 && is_prep(e, k - 1) && !appositive;
        bool fits = as_src ? fg_rules_sig_ok(e->c->rules, type, e->c->m[m].type, NULL, NULL)
                           : fg_rules_sig_ok(e->c->rules, type, NULL, e->c->m[m].type, NULL);
        if (fits && !possessor && !in_pp)
            return m;
    }
    return -1;
}

/* Relational nouns (data/cues.tsv "relnoun"): "X, the maker of Y", "X, Y's
 * larger rival", "X, the Grok chatbot developer", "X is a subsidiary of Y",
 * "X, which owns 14% of Y" is not one (a stake is funding, see verbs). The
 * owner is the name the noun is of (after of/to/in, or a possessor or a
 * name right before the noun); the holder is the name described. */
static fg_status relnouns(en *e, fg_error *err)
{
    fg_sentctx *c = e->c;
    for (int t = 0; (size_t)t < c->ntok; t++) {
        if (e->mention_at_tok[t] >= 0)
            continue;
        fg_str w = word(e, t);
        const fg_cue *cue = fg_rules_cue_eq(c->rules, "relnoun", FG_LANG_EN, w);
        if (!cue && w.len > 3 && w.ptr[w.len - 1] == 's') /* rivals, investors */
            cue = fg_rules_cue_eq(c->rules, "relnoun", FG_LANG_EN, fg_str_make(w.ptr, w.len - 1));
        if (!cue)
            continue;
        bool holder_src;
        const char *rtype = fg_rules_relnoun(c->rules, cue, &holder_src);
        const fg_signature *sig = rtype ? fg_rules_sig(c->rules, rtype) : NULL;
        if (!sig)
            continue;
        int owner = -1, holder = -1;
        /* owner before the noun: "Anthropic's larger rival", "the Grok chatbot developer" */
        for (int k = t - 1; k >= 0 && t - k <= 3 && owner < 0; k--) {
            int m = e->mention_at_tok[k];
            if (m < 0) {
                if (weq(e, k, ",") || weq(e, k, "the") || weq(e, k, "a") || weq(e, k, "an"))
                    break;
                continue;
            }
            bool fits = holder_src ? fg_rules_sig_ok(c->rules, sig->type, NULL, c->m[m].type, NULL)
                                   : fg_rules_sig_ok(c->rules, sig->type, c->m[m].type, NULL, NULL);
            /* "the foundry's US subsidiary": a bare state or place before the
             * noun is an adjective of nationality, not the owner */
            bool possessor = weq(e, e->tok_end_m[m], "'s");
            bool nationality = !possessor && (strcmp(c->m[m].type, "government") == 0 ||
                                              strcmp(c->m[m].type, "place") == 0);
            if (fits && !nationality)
                owner = m;
            break;
        }
        if (owner >= 0) {
            /* "OpenAI, Anthropic's larger rival" / "X is Y's rival": the holder
             * stands right before, set off by a comma or a copula ("other Arm
             * customers" describes nobody in particular) */
            holder = -1;
            int o = e->tok_of_m[owner];
            int k0 = o - 1;
            while (k0 >= 0 && o - k0 <= 2 && (weq(e, k0, "the") || weq(e, k0, "its")))
                k0--;
            if (k0 >= 0 && (weq(e, k0, ",") || weq(e, k0, "is") || weq(e, k0, "was") || weq(e, k0, "as")))
                holder = holder_before(e, k0, sig->type, holder_src);
            int k = t + 1;
            if (holder < 0 && weq(e, k, ","))
                k++;
            if (holder < 0 && (size_t)k < c->ntok && e->mention_at_tok[k] >= 0) /* Y's rival X */
                holder = e->mention_at_tok[k];
        } else {
            /* owner after the noun: "maker of the Claude chatbot", "subsidiary of G42" */
            for (int k = t + 1; (size_t)k < c->ntok && k - t <= 6; k++) {
                if (is_clause_end(e, k) || weq(e, k, ","))
                    break;
                int m = e->mention_at_tok[k];
                if (m < 0)
                    continue;
                bool fits = holder_src ? fg_rules_sig_ok(c->rules, sig->type, NULL, c->m[m].type, NULL)
                                       : fg_rules_sig_ok(c->rules, sig->type, c->m[m].type, NULL, NULL);
                if (fits && k > t + 1 && (is_prep(e, t + 1) || weq(e, t + 1, "'s"))) {
                    owner = m;
                    break;
                }
                /* "Solidigm, the unit SK hynix formed": the owner right after a
                 * unit noun, as the subject of a relative clause */
                if (fits && k == t + 1 && strcmp(sig->type, "part_of") == 0 &&
                    !weq(e, e->tok_end_m[m], "'s") && holder_src) {
                    owner = m;
                    break;
                }
                k = e->tok_end_m[m] - 1;
            }
            if (owner >= 0)
                holder = holder_before(e, t, sig->type, holder_src);
        }
        if (owner < 0 || holder < 0 || owner == holder)
            continue;
        int src = holder_src ? holder : owner, dst = holder_src ? owner : holder;
        if (!fg_rules_sig_ok(c->rules, sig->type, c->m[src].type, c->m[dst].type, NULL))
            continue;
        fg_status st = fg_cands_add(c, sig->type, src, dst, c->tok[t].start, c->tok[t].end,
                                    "en.np.relnoun", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

fg_status fg_rules_en(fg_sentctx *c, fg_error *err)
{
    en e = {c, NULL, NULL, NULL};
    e.mention_at_tok = fg_arena_calloc(c->arena, c->ntok + 1, sizeof(int));
    e.tok_of_m = fg_arena_calloc(c->arena, c->nm + 1, sizeof(int));
    e.tok_end_m = fg_arena_calloc(c->arena, c->nm + 1, sizeof(int));
    if (!e.mention_at_tok || !e.tok_of_m || !e.tok_end_m)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    for (size_t t = 0; t < c->ntok; t++)
        e.mention_at_tok[t] = -1;
    size_t t = 0;
    for (size_t m = 0; m < c->nm; m++) {
        while (t < c->ntok && c->tok[t].end <= c->m[m].start)
            t++;
        e.tok_of_m[m] = (int)t;
        size_t k = t;
        while (k < c->ntok && c->tok[k].start < c->m[m].end) {
            e.mention_at_tok[k] = (int)m;
            k++;
        }
        e.tok_end_m[m] = (int)k;
        /* 両社-style duplicates share tokens: keep t for the next mention */
        if (m + 1 < c->nm && c->m[m + 1].start >= c->m[m].end)
            t = k;
    }
    fg_status st = verbs(&e, err);
    if (c->topic)
        note_topic(&e);
    if (st == FG_OK) st = possessives(&e, err);
    if (st == FG_OK) st = titles(&e, err);
    if (st == FG_OK) st = relnouns(&e, err);
    return st;
}
