/* rules_ja.c - Japanese relations from MeCab tokens and particles.
 *
 * Each mention gets a role from the particle that follows it (after nouns that
 * still refer to it: H20 GPUを, 米国の当局者が): が agent, は/も topic, を object,
 * に/へ recipient, に対する target, によって agent of a passive, から source,
 * と partner or coordination, の modifier. Mentions joined by 、/と/や/および
 * form one group that shares the last member's role. Each trigger word then
 * takes its agent and target from the nearest groups before it with the right
 * roles; a passive (〜される) or a "receive" verb (出資を受ける) swaps them. Noun
 * phrase rules add what needs no verb: NVIDIAのH20 (develops), titles
 * (CEOのX, X首相: leads) and 親会社/傘下/子会社 (part_of). Every fact must fit
 * the edge type's signature in data/cues.tsv, which keeps the rules honest. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_int.h"

typedef enum role {
    R_NONE, R_GA, R_WA, R_MO, R_WO, R_DAT, R_DATNO, R_TARGET, R_BY, R_FROM, R_WITH,
    R_COORD, R_NO, R_NOM, R_NOTRIG, R_DE, R_EXT
} role;

typedef struct unit {
    int m;              /* mention index, or -1 for a token */
    size_t t0, t1;      /* token range */
} unit;

typedef struct group {
    int first, last;    /* member mention indexes (consecutive in text order) */
    int u_first, u_last;/* their units */
    role r;
    int role_unit;      /* unit where the role was read */
    int trig_unit;      /* R_NOTRIG: the trigger noun it modifies */
    bool competitors;   /* AやBのような競合: rivals of the sentence's subject */
} group;

typedef struct ja {
    fg_sentctx *c;
    unit *u;
    int nu;
    int *unit_of_tok;   /* token -> unit */
    group *g;
    int ng;
    int *group_of_m;    /* mention -> group */
    role *mrole;        /* mention -> role */
    int *mrole_unit;
    int topic_group;    /* group of the carried-over topic mention, or -1 */
} ja;

static fg_str tsurf(const ja *j, size_t t)
{
    const fg_token *k = &j->c->tok[t];
    return fg_str_make(j->c->text.ptr + k->start, k->end - k->start);
}

static bool ueq(const ja *j, int u, const char *s)
{
    return u >= 0 && u < j->nu && j->u[u].m < 0 && fg_str_eq_cstr(tsurf(j, j->u[u].t0), s);
}

static bool ubase(const ja *j, int u, const char *s)
{
    return u >= 0 && u < j->nu && j->u[u].m < 0 && fg_str_eq_cstr(j->c->tok[j->u[u].t0].base, s);
}

static bool uis_mention(const ja *j, int u)
{
    return u >= 0 && u < j->nu && j->u[u].m >= 0;
}

static const fg_token *utok(const ja *j, int u)
{
    return &j->c->tok[j->u[u].t0];
}

static bool is_open_bracket(const ja *j, int u)
{
    return ueq(j, u, "「") || ueq(j, u, "『") || ueq(j, u, "\"") || ueq(j, u, "“");
}

static bool is_close_bracket(const ja *j, int u)
{
    return ueq(j, u, "」") || ueq(j, u, "』") || ueq(j, u, "\"") || ueq(j, u, "”");
}

/* Skips 「 before a unit. */
static int skip_open(const ja *j, int u)
{
    while (u < j->nu && is_open_bracket(j, u))
        u++;
    return u;
}

/* The trigger that starts at token t, longest first, or NULL. A noun trigger
 * right before another trigger noun is a modifier in a compound (輸出規制: the
 * head 規制 acts), so it does not act itself. */
static const fg_trigger *trigger_at(const ja *j, size_t t)
{
    const fg_sentctx *c = j->c;
    const fg_token *k = &c->tok[t];
    const fg_trigger *best = NULL;
    for (size_t i = 0; i < c->rules->trigger_count; i++) {
        const fg_trigger *tr = &c->rules->triggers[i];
        if (tr->lang != FG_LANG_JA)
            continue;
        bool hit = fg_str_eq(k->base, tr->word);
        if (!hit && k->kind == FG_TOK_NOUN && c->text.len - k->start >= tr->word.len &&
            memcmp(c->text.ptr + k->start, tr->word.ptr, tr->word.len) == 0) {
            /* must end at a token boundary */
            size_t e = k->start + tr->word.len;
            for (size_t q = t; q < c->ntok && c->tok[q].start < e; q++)
                if (c->tok[q].end == e)
                    hit = true;
        }
        if (hit && (!best || tr->word.len > best->word.len))
            best = tr;
    }
    return best;
}

static bool is_head_noun(const ja *j, int u)
{
    if (u >= j->nu || j->u[u].m >= 0)
        return false;
    const fg_token *k = utok(j, u);
    if (k->kind != FG_TOK_NOUN)
        return false;
    return fg_rules_cue_eq(j->c->rules, "head", FG_LANG_JA, tsurf(j, j->u[u].t0)) != NULL;
}

/* A token that starts with a closing bracket (")", ")、", ")」"). */
static bool starts_close(const ja *j, int u)
{
    return u >= 0 && u < j->nu && j->u[u].m < 0 && tsurf(j, j->u[u].t0).len > 0 &&
           tsurf(j, j->u[u].t0).ptr[0] == ')';
}

/* Past nouns that still name the mention (GPU, 政府, 社) and brackets. */
static int skip_heads(const ja *j, int u)
{
    for (int guard = 0; u < j->nu && guard < 16; guard++) {
        if (is_head_noun(j, u) || is_close_bracket(j, u)) {
            u++;
        } else if (ueq(j, u, "の") && is_head_noun(j, u + 1)) {
            u += 2;
        } else if (ueq(j, u, "(") && u + 1 < j->nu) {
            int k = u + 1;
            while (k < j->nu && k - u < 40 && !starts_close(j, k))
                k++;
            if (k >= j->nu || k - u >= 40)
                break;
            /* MeCab may glue what follows to the bracket: ")、", ")」" */
            u = ueq(j, k, ")") ? k + 1 : k;
            if (u == k)
                break;
        } else {
            break;
        }
    }
    return u;
}

/* Names of one kind (companies and organizations count as one) can be
 * listed together; a government and a company in a row are no list. */
static bool same_kind(const ja *j, int ua, int ub)
{
    if (!uis_mention(j, ua) || !uis_mention(j, ub))
        return false;
    const char *a = j->c->m[j->u[ua].m].type, *b = j->c->m[j->u[ub].m].type;
    bool ca = strcmp(a, "company") == 0 || strcmp(a, "organization") == 0;
    bool cb = strcmp(b, "company") == 0 || strcmp(b, "organization") == 0;
    return strcmp(a, b) == 0 || (ca && cb);
}

static role classify(const ja *j, int u, int *role_unit)
{
    *role_unit = u;
    if (u >= j->nu)
        return R_NONE;
    if (j->u[u].m >= 0)
        return R_NOM;
    fg_str s = tsurf(j, j->u[u].t0);
    const fg_token *k = utok(j, u);
    bool next_is_mention = uis_mention(j, skip_open(j, u + 1));
    if (s.len > 1 && s.ptr[0] == ')') {
        s.ptr++; /* ")、" glued by MeCab: the comma counts */
        s.len--;
    }
    if (fg_str_eq_cstr(s, "、") || fg_str_eq_cstr(s, "・") || fg_str_eq_cstr(s, ",") ||
        fg_str_eq_cstr(s, "および") || fg_str_eq_cstr(s, "及び") || fg_str_eq_cstr(s, "ならびに") ||
        fg_str_eq_cstr(s, "並びに") || fg_str_eq_cstr(s, "や")) {
        if (next_is_mention && !(fg_str_eq_cstr(s, "、") && j->u[0].m >= 0 && u <= 3 &&
                                 skip_heads(j, 1) == u && !same_kind(j, 0, skip_open(j, u + 1))))
            return R_COORD;
        if (next_is_mention)
            return R_WA;
        /* 経産省、ラピダスに…: a name that opens the sentence and is followed
         * by a comma, with no list, is the topic (headline style) */
        if (fg_str_eq_cstr(s, "、") && j->u[0].m >= 0 && u <= 3 && skip_heads(j, 1) == u &&
            !next_is_mention)
            return R_WA;
        /* A、B、CなどのX with C unknown to the lexicon: the list goes on */
        for (int q = u + 1; q < j->nu && q <= u + 3 && j->u[q].m < 0; q++) {
            if (ueq(j, q, "など") || ueq(j, q, "等") || ueq(j, q, "ら"))
                return R_EXT;
            if (utok(j, q)->kind != FG_TOK_NOUN)
                break;
        }
        return R_NONE;
    }
    if (fg_str_eq_cstr(s, "向け"))
        return R_DAT;
    if (fg_str_eq_cstr(s, "など") || fg_str_eq_cstr(s, "ら") || fg_str_eq_cstr(s, "等"))
        return R_EXT;
    if (k->kind != FG_TOK_PARTICLE)
        return R_NONE;
    /* MeCab keeps some compound particles whole */
    if (fg_str_eq_cstr(s, "に対し") || fg_str_eq_cstr(s, "に対して") || fg_str_eq_cstr(s, "に対する"))
        return R_TARGET;
    if (fg_str_eq_cstr(s, "にとって") || fg_str_eq_cstr(s, "について") || fg_str_eq_cstr(s, "として") ||
        fg_str_eq_cstr(s, "に関して") || fg_str_eq_cstr(s, "に関する"))
        return R_NONE;
    if (fg_str_eq_cstr(s, "に向け") || fg_str_eq_cstr(s, "に向けて"))
        return R_DAT;
    if (fg_str_eq_cstr(s, "が")) return R_GA;
    if (fg_str_eq_cstr(s, "は")) return R_WA;
    if (fg_str_eq_cstr(s, "も")) return R_MO;
    if (fg_str_eq_cstr(s, "を")) {
        if (ubase(j, u + 1, "含む") || ubase(j, u + 1, "はじめ") || ubase(j, u + 1, "始め"))
            return R_EXT;
        return R_WO;
    }
    if (fg_str_eq_cstr(s, "に")) {
        if (ubase(j, u + 1, "対する") || ueq(j, u + 1, "対し"))
            return R_TARGET;
        if (ubase(j, u + 1, "よる"))
            return R_BY;
        if (ueq(j, u + 1, "とって") || ueq(j, u + 1, "おい") || ueq(j, u + 1, "よれ"))
            return R_NONE;
        if (ueq(j, u + 1, "向け"))
            return R_DAT;
        return R_DAT;
    }
    if (fg_str_eq_cstr(s, "による") || fg_str_eq_cstr(s, "により") || fg_str_eq_cstr(s, "によって"))
        return R_BY;
    if (fg_str_eq_cstr(s, "へ"))
        return ueq(j, u + 1, "の") ? R_DATNO : R_DAT;
    if (fg_str_eq_cstr(s, "から") || fg_str_eq_cstr(s, "より"))
        return R_FROM;
    if (fg_str_eq_cstr(s, "と")) {
        if (next_is_mention || (ueq(j, u + 1, "、") && uis_mention(j, skip_open(j, u + 2))))
            return R_COORD;
        if (ubase(j, u + 1, "いう") || ubase(j, u + 1, "いく"))
            return R_EXT; /* といった */
        return R_WITH;
    }
    if (fg_str_eq_cstr(s, "の")) {
        if (next_is_mention)
            return R_NOM;
        if (ubase(j, u + 1, "よう") )
            return R_EXT; /* のような */
        return R_NO;
    }
    if (fg_str_eq_cstr(s, "で"))
        return R_DE;
    if (fg_str_eq_cstr(s, "との"))
        return R_WITH;
    return R_NONE;
}

static bool is_case_particle(role r)
{
    return r == R_GA || r == R_WA || r == R_MO || r == R_WO || r == R_DAT || r == R_TARGET ||
           r == R_BY || r == R_FROM || r == R_WITH || r == R_DE;
}

/* Follows "Aのような競合他社が" / "AやBなどの企業は" / "Aの高性能GPUを" to the
 * particle of the phrase the group belongs to. A trigger noun on the way
 * makes the group its modifier (米国の規制: the regulation's agent). */
static role follow_phrase(ja *j, group *g, int from)
{
    for (int u = from; u < j->nu && u - from < 24; u++) {
        if (j->u[u].m >= 0) {
            int mi = j->u[u].m;
            if (j->mrole[mi] == R_DATNO || j->mrole[mi] == R_NO)
                continue; /* H800の中国への輸出 */
            return g->r == R_NO ? R_NOM : R_NONE;
        }
        const fg_token *k = utok(j, u);
        const fg_trigger *tr = trigger_at(j, j->u[u].t0);
        if (tr && k->kind == FG_TOK_NOUN) {
            if (tr->frame == FG_FRAME_SYM && (g->r == R_EXT))
                g->competitors = strcmp(tr->type, "competes") == 0;
            /* H800の輸出を禁止: H800 modifies the trigger noun 輸出 and is also
             * the object of 禁止, so remember the noun and read on */
            if ((g->r == R_NO || g->r == R_EXT) && g->trig_unit < 0)
                g->trig_unit = u;
            continue;
        }
        int ru;
        role r = classify(j, u, &ru);
        if (is_case_particle(r)) {
            g->role_unit = ru;
            /* 中国の企業が: a modifier of the subject is not the agent */
            if (g->r == R_NO && (r == R_GA || r == R_WA))
                return g->trig_unit >= 0 ? R_NOTRIG : R_NONE;
            return r;
        }
        if (r == R_EXT || r == R_NO || r == R_DATNO || r == R_NOM)
            continue;
        if (k->kind == FG_TOK_NOUN || k->kind == FG_TOK_NUMBER || k->kind == FG_TOK_PREFIX ||
            k->kind == FG_TOK_ADJ || k->kind == FG_TOK_AUX || is_open_bracket(j, u) ||
            is_close_bracket(j, u) || fg_str_eq_cstr(tsurf(j, j->u[u].t0), "な") ||
            ubase(j, u, "含む") || ubase(j, u, "はじめ") || ubase(j, u, "いう") ||
            ubase(j, u, "よう") || ubase(j, u, "する"))
            continue;
        break;
    }
    return g->trig_unit >= 0 ? R_NOTRIG : R_NONE;
}

static fg_status build(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    fg_arena *a = c->arena;
    j->u = fg_arena_calloc(a, c->ntok + c->nm + 1, sizeof(unit));
    j->unit_of_tok = fg_arena_calloc(a, c->ntok + 1, sizeof(int));
    j->g = fg_arena_calloc(a, c->nm + 2, sizeof(group));
    j->group_of_m = fg_arena_calloc(a, c->nm + 2, sizeof(int));
    j->mrole = fg_arena_calloc(a, c->nm + 2, sizeof(role));
    j->mrole_unit = fg_arena_calloc(a, c->nm + 2, sizeof(int));
    if (!j->u || !j->unit_of_tok || !j->g || !j->group_of_m || !j->mrole || !j->mrole_unit)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    size_t t = 0, mi = 0;
    int *unit_of_m = fg_arena_calloc(a, c->nm + 1, sizeof(int));
    if (!unit_of_m)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    for (size_t k = 0; k < c->nm; k++)
        unit_of_m[k] = -1;
    while (t < c->ntok) {
        while (mi < c->nm && c->m[mi].end <= c->tok[t].start)
            mi++; /* a mention no token overlaps (cannot happen, but be safe) */
        if (mi < c->nm && c->tok[t].end > c->m[mi].start && c->tok[t].start < c->m[mi].end) {
            size_t t0 = t;
            while (t < c->ntok && c->tok[t].start < c->m[mi].end)
                t++;
            /* 両社 gives two mentions over the same span: one unit each */
            size_t span_start = c->m[mi].start;
            while (mi < c->nm && c->m[mi].start == span_start) {
                unit *un = &j->u[j->nu];
                un->m = (int)mi;
                un->t0 = t0;
                un->t1 = t;
                unit_of_m[mi] = j->nu;
                for (size_t q = t0; q < t; q++)
                    j->unit_of_tok[q] = j->nu;
                j->nu++;
                mi++;
            }
        } else {
            unit *un = &j->u[j->nu];
            un->m = -1;
            un->t0 = t;
            un->t1 = t + 1;
            j->unit_of_tok[t] = j->nu;
            j->nu++;
            t++;
        }
    }
    /* roles */
    for (int u = 0; u < j->nu; u++) {
        int m = j->u[u].m;
        if (m < 0)
            continue;
        role r;
        int ru = u + 1;
        if (uis_mention(j, u + 1) && c->m[j->u[u + 1].m].start == c->m[m].start)
            r = R_COORD;
        else
            r = classify(j, skip_heads(j, u + 1), &ru);
        j->mrole[m] = r;
        j->mrole_unit[m] = ru;
    }
    /* H100の中国への輸出: the の skips over a name that itself modifies the
     * noun ahead (への, からの), so H100 is no modifier of 中国 */
    for (size_t m = 0; m + 1 < c->nm; m++)
        if (j->mrole[m] == R_NOM && (j->mrole[m + 1] == R_DATNO ||
                                     (j->mrole[m + 1] == R_FROM && ueq(j, j->mrole_unit[m + 1] + 1, "の"))))
            j->mrole[m] = R_NO;
    /* 騰訊控股(テンセント): a name in brackets right after a name is the same
     * entity spelled again, an apposition, not a member of a list */
    bool *appos = fg_arena_calloc(a, c->nm + 1, sizeof(bool));
    if (!appos)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    for (int u = 2; u + 1 < j->nu; u++)
        if (uis_mention(j, u) && ueq(j, u - 1, "(") && uis_mention(j, u - 2) && starts_close(j, u + 1))
            appos[j->u[u].m] = true;
    /* groups */
    j->ng = 0;
    int last_real = -1;
    for (int u = 0; u < j->nu; u++) {
        int m = j->u[u].m;
        if (m < 0)
            continue;
        if (appos[m] && j->ng) {
            j->group_of_m[m] = j->group_of_m[m - 1];
            continue;
        }
        group *prev = j->ng ? &j->g[j->ng - 1] : NULL;
        if (prev && j->mrole[prev->last] == R_COORD && prev->last == last_real) {
            prev->last = m;
            prev->u_last = u;
        } else {
            group *g = &j->g[j->ng++];
            memset(g, 0, sizeof(*g));
            g->first = g->last = m;
            g->u_first = g->u_last = u;
            g->trig_unit = -1;
        }
        j->group_of_m[m] = j->ng - 1;
        last_real = m;
    }
    for (int gi = 0; gi < j->ng; gi++) {
        group *g = &j->g[gi];
        g->r = j->mrole[g->last];
        g->role_unit = j->mrole_unit[g->last];
        if (g->r == R_EXT || g->r == R_NO)
            g->r = follow_phrase(j, g, g->role_unit + 1);
    }
    return FG_OK;
}

/* A verb of its own between u0 and u1 ends the clause: objects do not cross it. */
static bool clause_break(const ja *j, int u0, int u1)
{
    for (int u = u0 + 1; u < u1; u++) {
        if (j->u[u].m >= 0)
            continue;
        const fg_token *k = utok(j, u);
        if (k->kind == FG_TOK_VERB && strcmp(k->sub, "自立") == 0 &&
            !ubase(j, u, "含む") && !ubase(j, u, "いう") && !ubase(j, u, "よる") &&
            !ubase(j, u, "対する") && !ubase(j, u, "はじめ"))
            return true;
        if (ueq(j, u, "。"))
            return true;
    }
    return false;
}

static bool group_fits(const ja *j, int gi, const char *type, bool as_src, bool *any)
{
    const fg_sentctx *c = j->c;
    if (gi < 0)
        return false;
    for (int m = j->g[gi].first; m <= j->g[gi].last; m++) {
        bool ok = as_src ? fg_rules_sig_ok(c->rules, type, c->m[m].type, NULL, NULL)
                         : fg_rules_sig_ok(c->rules, type, NULL, c->m[m].type, NULL);
        if (ok) {
            if (any) *any = true;
            return true;
        }
    }
    return false;
}

static fg_status emit(ja *j, const char *type, int sg, int dg, size_t ts, size_t te,
                      const char *rule, fg_error *err)
{
    fg_sentctx *c = j->c;
    if (sg < 0 || dg < 0 || sg == dg)
        return FG_OK;
    for (int s = j->g[sg].first; s <= j->g[sg].last; s++)
        for (int d = j->g[dg].first; d <= j->g[dg].last; d++)
            if (fg_rules_sig_ok(c->rules, type, c->m[s].type, c->m[d].type, NULL)) {
                fg_status st = fg_cands_add(c, type, s, d, ts, te, rule, err);
                if (st != FG_OK)
                    return st;
            }
    return FG_OK;
}

/* Units after a trigger that belong to its predicate: する, れる, た, て, いる ... */
static int skip_predicate(const ja *j, int u)
{
    while (u < j->nu && j->u[u].m < 0) {
        const fg_token *k = utok(j, u);
        if (k->kind == FG_TOK_AUX || (k->kind == FG_TOK_VERB && strcmp(k->sub, "自立") != 0) ||
            ubase(j, u, "する") || ubase(j, u, "いる") || ueq(j, u, "て") || ueq(j, u, "た"))
            u++;
        else
            break;
    }
    return u;
}

static fg_status trigger_facts(ja *j, int tu, const fg_trigger *tr, fg_error *err)
{
    fg_sentctx *c = j->c;
    const fg_token *tk = utok(j, tu);
    size_t ts = tk->start, te = tk->start + tr->word.len;
    /* passive: 禁止される, 禁じられる; receive: 出資を受ける, 資金を得る */
    int k = tu + 1;
    if (ubase(j, k, "する"))
        k++;
    bool passive = ubase(j, k, "れる") || ubase(j, k, "られる");
    bool receive = ueq(j, tu + 1, "を") &&
                   (ubase(j, tu + 2, "受ける") || ubase(j, tu + 2, "得る") ||
                    ubase(j, tu + 2, "獲得") || ubase(j, tu + 2, "受領") ||
                    ubase(j, tu + 2, "調達"));
    int agent = -1, wa = -1, mo = -1, obj = -1, dat = -1, target = -1, by = -1, from = -1,
        with = -1, notrig = -1;
    for (int gi = j->ng - 1; gi >= 0; gi--) {
        group *g = &j->g[gi];
        if (g->u_last >= tu)
            continue;
        bool brk = clause_break(j, g->role_unit, tu);
        switch (g->r) {
        case R_GA: if (agent < 0 && !brk) agent = gi; break;
        case R_WA: if (wa < 0) wa = gi; break;
        case R_MO: if (mo < 0) mo = gi; break;
        case R_WO: if (obj < 0 && !brk) obj = gi; break;
        case R_DAT: case R_DATNO: if (dat < 0 && !brk) dat = gi; break;
        case R_TARGET: if (target < 0 && !brk) target = gi; break;
        case R_BY: if (by < 0) by = gi; break;
        case R_FROM: if (from < 0 && !brk) from = gi; break;
        case R_WITH: if (with < 0 && !brk) with = gi; break;
        case R_NOTRIG: break;
        default: break;
        }
        if (g->trig_unit == tu && notrig < 0)
            notrig = gi;
    }
    int subj = agent >= 0 ? agent : wa;
    /* no subject anywhere before the trigger: Japanese drops the subject that
     * is the topic of the preceding sentences (同社は…。2024年には…を調達した) */
    /* any subject phrase, named or not (チェン氏は, 中国のAI企業が), blocks it */
    bool has_subject = false;
    for (int u = 0; u < tu; u++)
        if (j->u[u].m < 0 && utok(j, u)->kind == FG_TOK_PARTICLE &&
            (ueq(j, u, "が") || ueq(j, u, "は") || ueq(j, u, "も")) &&
            !(u > 0 && j->u[u - 1].m < 0 && utok(j, u - 1)->kind == FG_TOK_PARTICLE))
            has_subject = true; /* では, には: a contrasted place or time, no subject */
    bool topic_named = false;
    for (int gi = 0; gi < j->ng && j->topic_group >= 0; gi++)
        for (int m = j->g[gi].first; gi != j->topic_group && m <= j->g[gi].last; m++)
            if (strcmp(c->m[m].id, c->m[j->g[j->topic_group].first].id) == 0)
                topic_named = true;
    if (subj < 0 && !has_subject && !passive && !topic_named && j->topic_group >= 0)
        subj = j->topic_group;
    /* a relative clause: H20を購入したByteDance */
    int after = skip_predicate(j, tu + 1);
    for (int n = 0; n < 6 && after < j->nu && j->u[after].m < 0 &&
                    (utok(j, after)->kind == FG_TOK_NOUN || utok(j, after)->kind == FG_TOK_PREFIX ||
                     is_open_bracket(j, after));
         n++)
        after++;
    int head = -1;
    if (uis_mention(j, after) && after > tu) {
        /* a head noun follows its clause directly: a space (headlines) or a
         * comma in between means a new clause */
        size_t gap_from = j->u[after - 1].m >= 0 ? c->m[j->u[after - 1].m].end : utok(j, after - 1)->end;
        size_t gap_to = c->m[j->u[after].m].start;
        if (gap_to == gap_from)
            head = j->group_of_m[j->u[after].m];
    }
    const char *type = tr->type;
    int src = -1, dst = -1;
    /* アリババなどから10億ドルを調達: buying money from someone is raising funds */
    if (strcmp(type, "orders") == 0 && from >= 0 && !group_fits(j, obj, type, false, NULL) &&
        obj < 0 && fg_rules_cue_eq(c->rules, "fundraise", FG_LANG_JA, tr->word)) {
        type = "funds";
        receive = true;
    }
    const char *rule = "ja.clause";
    if (passive) {
        src = by >= 0 ? by : from;
        /* 〜が使われた with no agent: the one the text is about did it */
        int next = skip_predicate(j, tu + 1);
        bool relative = next < j->nu && (j->u[next].m >= 0 || utok(j, next)->kind == FG_TOK_NOUN ||
                                         utok(j, next)->kind == FG_TOK_PREFIX ||
                                         utok(j, next)->kind == FG_TOK_NUMBER);
        if (src < 0 && !relative && j->topic_group >= 0 &&
            group_fits(j, j->topic_group, type, true, NULL))
            src = j->topic_group;
        dst = group_fits(j, obj, type, false, NULL) ? obj
            : group_fits(j, target, type, false, NULL) ? target : subj >= 0 ? subj : mo;
        rule = "ja.passive";
    } else if (receive) {
        src = from >= 0 ? from : by;
        dst = subj >= 0 ? subj : mo;
        if (src < 0 && j->topic_group >= 0 && j->topic_group != dst &&
            group_fits(j, j->topic_group, type, true, NULL))
            src = j->topic_group;
        rule = "ja.receive";
    } else if (tr->frame == FG_FRAME_SYM) {
        int a = subj >= 0 ? subj : mo;
        int b = with >= 0 ? with : dat;
        rule = "ja.symmetric";
        if (b < 0 && a >= 0 && j->g[a].last > j->g[a].first) {
            for (int x = j->g[a].first; x <= j->g[a].last; x++)
                for (int y = x + 1; y <= j->g[a].last; y++)
                    if (fg_rules_sig_ok(c->rules, type, c->m[x].type, c->m[y].type, NULL)) {
                        fg_status st = fg_cands_add(c, type, x, y, ts, te, "ja.symmetric-group", err);
                        if (st != FG_OK)
                            return st;
                    }
            return FG_OK;
        }
        src = a;
        dst = b;
    } else {
        /* トヨタなど8社の出資: the modifier of the trigger noun is its agent */
        src = notrig >= 0 && group_fits(j, notrig, type, true, NULL) ? notrig : subj;
        if (src < 0 && mo >= 0 && (obj >= 0 || target >= 0 || dat >= 0))
            src = mo;
        if (tr->frame == FG_FRAME_DAT) {
            dst = dat >= 0 ? dat : target >= 0 ? target
                : group_fits(j, obj, type, false, NULL) ? obj : -1;
        } else if (tr->frame == FG_FRAME_FROM) {
            dst = from;
        } else {
            dst = (notrig >= 0 && notrig != src && group_fits(j, notrig, type, false, NULL)) ? notrig
                : group_fits(j, obj, type, false, NULL) ? obj
                : group_fits(j, target, type, false, NULL) ? target
                : (mo >= 0 && mo != src && group_fits(j, mo, type, false, NULL)) ? mo : -1;
            /* エヌビディアへの注文: with no product named, the supplier */
            if (dst < 0 && tr->frame == FG_FRAME_OBJDAT && group_fits(j, dat, type, false, NULL))
                dst = dat;
            /* AとBなど8社の出資によって設立された: the founded company is funded */
            if (dst < 0 && src == notrig && src >= 0 && (ueq(j, tu + 1, "によって") ||
                (ueq(j, tu + 1, "に") && ubase(j, tu + 2, "よる"))) && subj >= 0 && subj != src)
                dst = subj;
        }
        if (head >= 0) {
            if (src < 0 && group_fits(j, head, type, true, NULL)) {
                src = head;
                rule = "ja.relative";
            } else if (dst < 0 && group_fits(j, head, type, false, NULL)) {
                dst = head;
                rule = "ja.relative";
            }
        }
    }
    /* a subject that does not fit (同社は ... 規制に直面) must not be replaced by a
     * farther one: better no fact than a wrong one */
    return emit(j, type, src, dst, ts, te, rule, err);
}

/* NVIDIAのH20, Nvidia H200: the maker of a chip or model. */
static fg_status np_maker(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    for (size_t m = 0; m + 1 < c->nm; m++) {
        if (j->mrole[m] != R_NOM)
            continue;
        if (j->group_of_m[m] == j->group_of_m[m + 1])
            continue;
        if (fg_rules_sig_ok(c->rules, "develops", c->m[m].type, c->m[m + 1].type, NULL) &&
            strcmp(c->m[m + 1].type, "company") != 0) {
            fg_status st = fg_cands_add(c, "develops", (int)m, (int)m + 1, c->m[m].end,
                                        c->m[m + 1].start, "ja.np.maker", err);
            if (st != FG_OK)
                return st;
        }
    }
    return FG_OK;
}

/* The nearest mention of a type fitting want ("company" also takes
 * organization) in units [lo, hi), scanning from hi down. */
static int nearest_of(const ja *j, int lo, int hi, const char *want)
{
    for (int u = hi - 1; u >= lo && u >= 0; u--) {
        if (j->u[u].m < 0)
            continue;
        const char *t = j->c->m[j->u[u].m].type;
        if (strcmp(t, want) == 0 || (strcmp(want, "company") == 0 && strcmp(t, "organization") == 0))
            return j->u[u].m;
    }
    return -1;
}

/* CEOのジェンスン・フアン, 李強首相, トランプ米大統領, Aの創業者、B. */
static fg_status titles(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    for (int u = 0; u < j->nu; u++) {
        if (j->u[u].m >= 0)
            continue;
        const fg_cue *cue = fg_rules_cue_at(c->rules, "title", FG_LANG_JA, c->text,
                                            utok(j, u)->start);
        if (!cue)
            continue;
        /* 元CEO: a former title states no current fact */
        if (u > 0 && ueq(j, u - 1, "元"))
            continue;
        size_t tend = utok(j, u)->start + cue->word.len;
        int uend = u;
        while (uend + 1 < j->nu && j->u[uend + 1].m < 0 && utok(j, uend + 1)->start < tend)
            uend++;
        int person = -1, plo = u;
        /* title then person: CEOのX, 創業者、X, 最高経営責任者(CEO)のX */
        int k = uend + 1;
        for (int guard = 0; k < j->nu && guard < 8; guard++) {
            if (ueq(j, k, "の") || ueq(j, k, "、") || ueq(j, k, "である") || ueq(j, k, "で") ||
                ueq(j, k, "ある") || is_open_bracket(j, k)) {
                k++;
            } else if (ueq(j, k, "(")) {
                while (k < j->nu && !ueq(j, k, ")"))
                    k++;
                k++;
            } else {
                break;
            }
        }
        if (uis_mention(j, k) && strcmp(c->m[j->u[k].m].type, "person") == 0)
            person = j->u[k].m;
        /* person then title: 李強首相, トランプ米大統領, X氏(CEO) */
        int before_org = -1;
        if (person < 0) {
            int b = u - 1;
            if (uis_mention(j, b) && strcmp(c->m[j->u[b].m].type, "government") == 0 &&
                strcmp(cue->value, "government") == 0) {
                before_org = j->u[b].m; /* 米 in トランプ米大統領 */
                b--;
            }
            if (ueq(j, b, ")")) {
                while (b > 0 && !ueq(j, b, "("))
                    b--;
                b--;
            }
            if (ueq(j, b, "氏"))
                b--;
            for (int n = 0; n < 2 && b > 0 && j->u[b].m < 0 && utok(j, b)->kind == FG_TOK_NOUN; n++)
                b--;
            if (uis_mention(j, b) && strcmp(c->m[j->u[b].m].type, "person") == 0) {
                person = j->u[b].m;
                plo = b;
            }
        }
        if (person < 0)
            continue;
        int org = before_org >= 0 ? before_org : nearest_of(j, 0, plo, cue->value);
        /* ラトニック商務長官は: the office is the one the text is about */
        if (org < 0 && j->topic_group >= 0) {
            int tm = j->g[j->topic_group].first;
            if (strcmp(c->m[tm].type, cue->value) == 0)
                org = tm;
        }
        if (org < 0)
            continue;
        fg_status st = fg_cands_add(c, "leads", person, org, utok(j, u)->start, tend, "ja.np.title", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

/* The unit of the mention before u, looking back over の, a bracketed
 * alias "(TSMC)" and up to three plain nouns (半導体子会社). -1 if none. */
static int mention_before(const ja *j, int u, bool skip_nouns)
{
    int b = u - 1;
    for (int n = 0; skip_nouns && n < 3 && b >= 0 && j->u[b].m < 0 &&
                    utok(j, b)->kind == FG_TOK_NOUN && !ueq(j, b, ")");
         n++)
        b--;
    if (ueq(j, b, "の"))
        b--;
    if (ueq(j, b, ")")) {
        int k = b;
        while (k > 0 && b - k < 12 && !ueq(j, k, "("))
            k--;
        if (ueq(j, k, "("))
            b = k - 1;
    }
    return uis_mention(j, b) ? b : -1;
}

/* Relational nouns: Aの親会社であるB, B(Aの子会社), 傘下のクラウド事業会社B,
 * BはAの主要株主だ. The owner is the name before the noun (Aの); the holder is
 * the name after it, the name before an enclosing "(", or the subject. The cue
 * says the edge type and which way it points. */
static fg_status relnouns(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    for (int u = 0; u < j->nu; u++) {
        if (j->u[u].m >= 0)
            continue;
        const fg_cue *cue = fg_rules_cue_at(c->rules, "relnoun", FG_LANG_JA, c->text,
                                            utok(j, u)->start);
        if (!cue)
            continue;
        char type[32];
        const char *sp = strchr(cue->value, ' ');
        size_t tl = sp && (size_t)(sp - cue->value) < sizeof(type) ? (size_t)(sp - cue->value) : 0;
        memcpy(type, cue->value, tl);
        type[tl] = '\0';
        bool holder_is_src = sp && strcmp(sp + 1, "holder>owner") == 0;
        size_t cend = utok(j, u)->start + cue->word.len;
        int ue = u;
        while (ue + 1 < j->nu && j->u[ue + 1].m < 0 && utok(j, ue + 1)->start < cend)
            ue++;
        int ob = mention_before(j, u, true);
        int owner = ob >= 0 ? j->group_of_m[j->u[ob].m] : -1;
        /* the holder: after the noun (skipping である, の, 、 and up to four nouns) */
        int holder = -1, k = ue + 1;
        for (int guard = 0; k < j->nu && guard < 6 && j->u[k].m < 0; guard++) {
            if (ueq(j, k, "である") || ueq(j, k, "で") || ueq(j, k, "ある") || ueq(j, k, "の") ||
                ueq(j, k, "、") || is_open_bracket(j, k) || utok(j, k)->kind == FG_TOK_NOUN)
                k++;
            else
                break;
        }
        if (uis_mention(j, k)) {
            int m = j->u[k].m;
            /* 親会社である中国ByteDance: 中国 only modifies the name after it */
            while (j->mrole[m] == R_NOM && (size_t)m + 1 < c->nm)
                m++;
            holder = j->group_of_m[m];
        }
        if (holder < 0 && owner >= 0) {
            int p = j->g[owner].u_first - 1;
            while (p >= 0 && !ueq(j, p, "(") && !ueq(j, p, ")") && j->g[owner].u_first - p < 20)
                p--;
            if (ueq(j, p, "(") && uis_mention(j, p - 1))
                holder = j->group_of_m[j->u[p - 1].m];
        }
        /* BはAの子会社だ / 同社は傘下のB: the subject fills the missing side */
        int subj = -1;
        for (int gi = 0; gi < j->ng; gi++)
            if (j->g[gi].u_last >= 0 && j->g[gi].u_last < u &&
                (j->g[gi].r == R_WA || j->g[gi].r == R_GA) && gi != owner && gi != holder)
                subj = gi;
        if (subj < 0 && j->topic_group >= 0 && j->topic_group != owner && j->topic_group != holder)
            subj = j->topic_group;
        if (holder < 0)
            holder = subj;
        else if (owner < 0)
            owner = subj;
        if (holder < 0 || owner < 0 || holder == owner)
            continue;
        const fg_signature *sig = fg_rules_sig(c->rules, type);
        if (!sig)
            continue;
        fg_status st = emit(j, sig->type, holder_is_src ? holder : owner, holder_is_src ? owner : holder,
                            utok(j, u)->start, cend, "ja.np.relnoun", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

/* AやBのような競合他社: rivals of the sentence's subject. */
static fg_status competitors(ja *j, fg_error *err)
{
    for (int gi = 0; gi < j->ng; gi++) {
        if (!j->g[gi].competitors)
            continue;
        int subj = -1;
        for (int h = 0; h < j->ng; h++)
            if (h != gi && (j->g[h].r == R_WA || j->g[h].r == R_GA) && subj < 0)
                subj = h;
        if (subj < 0)
            continue;
        const fg_token *t = utok(j, j->g[gi].role_unit);
        fg_status st = emit(j, "competes", gi, subj, t->start, t->end, "ja.np.competitors", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

static const char *const role_names[] = {
    "none", "ga", "wa", "mo", "wo", "dat", "datno", "target", "by", "from", "with",
    "coord", "no", "nom", "notrig", "de", "ext"};

/* Development aid: units, roles and groups on stderr (FG_DEBUG_RULES=1). */
static void debug_dump(const ja *j)
{
    const fg_sentctx *c = j->c;
    fprintf(stderr, "S%zu: %.*s\n  ", c->sentence, (int)c->text.len, c->text.ptr);
    for (int u = 0; u < j->nu; u++) {
        if (j->u[u].m >= 0) {
            int m = j->u[u].m;
            fprintf(stderr, "[%s:%s g%d] ", c->m[m].id, role_names[j->mrole[m]], j->group_of_m[m]);
        } else {
            fg_str t = tsurf(j, j->u[u].t0);
            fprintf(stderr, "%.*s/%d ", (int)t.len, t.ptr, (int)utok(j, u)->kind);
        }
    }
    fprintf(stderr, "\n");
    for (int gi = 0; gi < j->ng; gi++)
        fprintf(stderr, "  g%d %s..%s role=%s trig_unit=%d%s\n", gi, c->m[j->g[gi].first].id,
                c->m[j->g[gi].last].id, role_names[j->g[gi].r], j->g[gi].trig_unit,
                gi == j->topic_group ? " (topic)" : "");
}

/* The sentence's topic for the sentences after it: its first subject that
 * can act (company, government, organization). */
static void note_topic(ja *j)
{
    fg_sentctx *c = j->c;
    /* a sentence that opens with a name is about it, whatever its particle
     * (Moore Threadsのような企業にとって…。同社は…) */
    int first = uis_mention(j, 0) ? 0 : (j->nu > 2 && ueq(j, 1, "、") && uis_mention(j, 2)) ? 2 : -1;
    if (first >= 0 && j->mrole[j->u[first].m] != R_NOM && j->mrole[j->u[first].m] != R_NO) {
        const fg_smention *m = &c->m[j->u[first].m];
        if (!m->coref && (strcmp(m->type, "company") == 0 || strcmp(m->type, "organization") == 0)) {
            c->topic->id = m->id;
            c->topic->type = m->type;
            c->topic->sentence = c->sentence;
            return;
        }
    }
    for (int gi = 0; gi < j->ng; gi++) {
        const group *g = &j->g[gi];
        if (gi == j->topic_group || (g->r != R_WA && g->r != R_GA))
            continue;
        const fg_smention *m = &c->m[g->first];
        if (strcmp(m->type, "company") == 0 || strcmp(m->type, "government") == 0 ||
            strcmp(m->type, "organization") == 0) {
            c->topic->id = m->id;
            c->topic->type = m->type;
            c->topic->sentence = c->sentence;
            return;
        }
    }
}

/* Appends the carried-over topic as a mention of its own group, outside the
 * token units, so rules can use it as a dropped subject. */
static fg_status add_topic(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    j->topic_group = -1;
    if (!c->topic || !c->topic->id)
        return FG_OK;
    fg_smention *m = fg_arena_calloc(c->arena, c->nm + 1, sizeof(*m));
    if (!m)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    memcpy(m, c->m, c->nm * sizeof(*m));
    m[c->nm] = (fg_smention){0, 0, c->topic->id, c->topic->type, "topic", true};
    c->m = m;
    j->group_of_m[c->nm] = j->ng;
    j->mrole[c->nm] = R_NONE;
    group *g = &j->g[j->ng];
    memset(g, 0, sizeof(*g));
    g->first = g->last = (int)c->nm;
    g->u_first = g->u_last = -1;
    g->r = R_NONE;
    g->trig_unit = -1;
    j->topic_group = j->ng++;
    c->nm++;
    return FG_OK;
}

fg_status fg_rules_ja(fg_sentctx *c, fg_error *err)
{
    ja j = {0};
    j.c = c;
    fg_status st = build(&j, err);
    if (st == FG_OK)
        st = add_topic(&j, err);
    if (st != FG_OK)
        return st;
    if (getenv("FG_DEBUG_RULES"))
        debug_dump(&j);
    note_topic(&j);
    for (int u = 0; u < j.nu && st == FG_OK; u++) {
        if (j.u[u].m >= 0)
            continue;
        const fg_token *k = utok(&j, u);
        if (k->kind != FG_TOK_NOUN && k->kind != FG_TOK_VERB)
            continue;
        const fg_trigger *tr = trigger_at(&j, j.u[u].t0);
        if (!tr)
            continue;
        /* a trigger noun that modifies the noun after it (輸出規制, 供給見通し,
         * 開発環境) is not the predicate; light nouns (措置, 実績, 計画) and
         * suffixes (制, 額) keep it one */
        if (k->kind == FG_TOK_NOUN && u + 1 < j.nu && j.u[u + 1].m < 0 &&
            utok(&j, u + 1)->kind == FG_TOK_NOUN && !utok(&j, u + 1)->suffix &&
            !fg_rules_cue_eq(c->rules, "light", FG_LANG_JA, tsurf(&j, j.u[u + 1].t0)))
            continue;
        st = trigger_facts(&j, u, tr, err);
    }
    if (st == FG_OK) st = np_maker(&j, err);
    if (st == FG_OK) st = titles(&j, err);
    if (st == FG_OK) st = relnouns(&j, err);
    if (st == FG_OK) st = competitors(&j, err);
    return st;
}
