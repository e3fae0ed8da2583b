/* rules_ja_roles.c - a Japanese sentence as units, roles and groups.
 *
 * Each mention gets a role from the particle that follows it (after nouns that
 * still refer to it: H20 GPUを, 米国の当局者が); mentions joined by 、/と/や/
 * および form one group that shares the last member's role. */
#include <stdio.h>
#include <stdlib.h>

#include "rules_ja.h"

/* The trigger that starts at token t, longest first, or NULL. A noun trigger
 * right before another trigger noun is a modifier in a compound (輸出規制: the
 * head 規制 acts), so it does not act itself. */
const fg_trigger *ja_trigger_at(const ja *j, size_t t)
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

/* Past nouns that still name the mention (GPU, 政府, 社) and brackets. */
static int skip_heads(const ja *j, int u)
{
    for (int guard = 0; u < j->nu && guard < 16; guard++) {
        if (is_head_noun(j, u) || is_close_bracket(j, u) || ueq(j, u, ")")) {
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

/* "による" right before a noun or a name modifies it (Xによる買収), unlike the
 * adverbial "によって"/"により" of a passive. */
static bool attributive(const ja *j, int u)
{
    return u < j->nu && (j->u[u].m >= 0 || utok(j, u)->kind == FG_TOK_NOUN ||
                         utok(j, u)->kind == FG_TOK_PREFIX);
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
    /* サムスン電子や、SKハイニックス: a comma may follow the coordinator */
    if (!next_is_mention && ueq(j, u + 1, "、") && uis_mention(j, skip_open(j, u + 2)) &&
        (fg_str_eq_cstr(s, "や") || fg_str_eq_cstr(s, "と") || fg_str_eq_cstr(s, "および")))
        next_is_mention = true;
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
    if (fg_str_eq_cstr(s, "を") && (ubase(j, u + 1, "巡る") || ueq(j, u + 1, "めぐっ") ||
                                     ueq(j, u + 1, "巡っ") || ueq(j, u + 1, "巡り")))
        return R_TARGET; /* 買収を巡って調査: what the probe is about */
    if (fg_str_eq_cstr(s, "を")) {
        if (ubase(j, u + 1, "含む") || ubase(j, u + 1, "はじめ") || ubase(j, u + 1, "始め"))
            return R_EXT;
        return R_WO;
    }
    if (fg_str_eq_cstr(s, "に")) {
        if (ubase(j, u + 1, "対する") || ueq(j, u + 1, "対し"))
            return R_TARGET;
        if (ubase(j, u + 1, "よる"))
            return attributive(j, u + 2) ? R_BYNO : R_BY;
        if (ueq(j, u + 1, "とって") || ueq(j, u + 1, "おい") || ueq(j, u + 1, "よれ"))
            return R_NONE;
        if (ueq(j, u + 1, "向け"))
            return R_DAT;
        return R_DAT;
    }
    if (fg_str_eq_cstr(s, "による") && attributive(j, u + 1))
        return R_BYNO; /* エヌビディアによる買収: the event's agent */
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

/* A number and a counter (3社, 2カ国) right before unit ru, after の. */
static bool counter_before(const ja *j, int ru)
{
    return ru >= 3 && ueq(j, ru - 3, "の") && utok(j, ru - 2)->kind == FG_TOK_NUMBER &&
           (ueq(j, ru - 1, "社") || ueq(j, ru - 1, "カ国") || ueq(j, ru - 1, "か国"));
}

/* Follows "Aのような競合他社が" / "AやBなどの企業は" / "Aの高性能GPUを" to the
 * particle of the phrase the group belongs to. A trigger noun on the way
 * makes the group its modifier (米国の規制: the regulation's agent). */
static role follow_phrase(ja *j, group *g, int from)
{
    for (int u = from; u < j->nu && u - from < 24; u++) {
        if (j->u[u].m >= 0) {
            int mi = j->u[u].m;
            if (j->mrole[mi] == R_DATNO || j->mrole[mi] == R_NO || j->mrole[mi] == R_NOM)
                if (g->by_agent || j->mrole[mi] != R_NOM)
                    continue; /* H800の中国への輸出; エヌビディアによるイスラエルのX */
            if (j->mrole[mi] == R_DAT && ueq(j, j->mrole_unit[mi], "向け"))
                continue; /* H20の中国向け輸出 */
            /* AやBなどの中国半導体企業は: a name inside the list's head phrase */
            if (g->r == R_EXT && (j->mrole[mi] == R_NONE || j->mrole[mi] == R_NOM))
                continue;
            return g->r == R_NO ? R_NOM : R_NONE;
        }
        const fg_token *k = utok(j, u);
        const fg_trigger *tr = ja_trigger_at(j, j->u[u].t0);
        if (tr && k->kind == FG_TOK_NOUN) {
            if (tr->frame == FG_FRAME_SYM && (g->r == R_EXT))
                g->competitors = strcmp(tr->type, "competes") == 0;
            /* H800の輸出を禁止: H800 modifies the trigger noun 輸出 and is also
             * the object of 禁止, so remember the noun and read on */
            if ((g->r == R_NO || g->r == R_EXT) && g->trig_unit < 0)
                g->trig_unit = u;
            continue;
        }
        /* 通信半導体メーカー、メラノックスの買収: an industry noun, a comma and
         * the name it describes stay one phrase */
        if (ueq(j, u, "、") && k->kind == FG_TOK_SYMBOL && u > from && j->u[u - 1].m < 0 &&
            utok(j, u - 1)->kind == FG_TOK_NOUN && uis_mention(j, u + 1))
            continue;
        int ru;
        role r = classify(j, u, &ru);
        if (is_case_particle(r)) {
            g->role_unit = ru;
            /* A、B、Cの3社は: a counter after the list is the list itself */
            if (g->r == R_NO && (r == R_GA || r == R_WA) && counter_before(j, ru))
                return r;
            /* 中国の企業が: a modifier of the subject is not the agent; nor is
             * スウェーデンのエリクソンなど大手に the recipient */
            const char *gt = j->c->m[g->first].type;
            if (g->r == R_NO && (r == R_DAT || r == R_DATNO) &&
                (strcmp(gt, "government") == 0 || strcmp(gt, "place") == 0))
                return g->trig_unit >= 0 ? R_NOTRIG : R_NONE;
            if (g->r == R_NO && (r == R_GA || r == R_WA)) {
                g->phrase_topic = true;
                return g->trig_unit >= 0 ? R_NOTRIG : R_NONE;
            }
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

fg_status ja_build(ja *j, fg_error *err)
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
        if (g->r == R_BYNO) {
            g->by_agent = true;
            g->r = R_NO;
        }
        if (g->r == R_EXT || g->r == R_NO)
            g->r = follow_phrase(j, g, g->role_unit + 1);
    }
    return FG_OK;
}

static const char *const role_names[] = {
    "none", "ga", "wa", "mo", "wo", "dat", "datno", "target", "by", "from", "with",
    "coord", "no", "nom", "notrig", "de", "ext"};

/* Development aid: units, roles and groups on stderr (FG_DEBUG_RULES=1). */
void ja_debug_dump(const ja *j)
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

