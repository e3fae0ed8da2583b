/* rules_ja.c - Japanese relations from trigger words and particles.
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

#include <stdlib.h>

#include "rules_ja.h"

/* A verb of its own between u0 and u1 ends the clause: objects do not cross
 * it. So does a space: headlines separate their phrases with one
 * (中国当局、Xの違反を認定 Y買収の条件巡り). */
/* A space between two Japanese characters, anywhere from unit u0 to u1: in
 * Japanese only headlines use one, to separate phrases (a space around a
 * Latin word, as in "H20 GPU", separates nothing). */
/* A money amount (ドル, 円, 元, ユーロ, ウォン) in units (u0, u1). */
static bool money_between(const ja *j, int u0, int u1)
{
    static const char *const units[] = {"ドル", "円", "元", "ユーロ", "ウォン"};
    for (int u = u0 + 1; u < u1; u++)
        for (size_t i = 0; j->u[u].m < 0 && i < sizeof(units) / sizeof(units[0]); i++)
            if (ueq(j, u, units[i]))
                return true;
    return false;
}

static bool space_between(const ja *j, int u0, int u1)
{
    if (u0 < 0 || u1 >= j->nu || u0 >= u1)
        return false;
    const unsigned char *t = (const unsigned char *)j->c->text.ptr;
    size_t a = utok(j, u0)->end, b = utok(j, u1)->start;
    for (size_t p = a; p < b; p++)
        if (t[p] == ' ' && p > 0 && t[p - 1] >= 0x80 && p + 1 < j->c->text.len && t[p + 1] >= 0x80)
            return true;
    return false;
}

static bool clause_break(const ja *j, int u0, int u1)
{
    if (space_between(j, u0, u1))
        return true;
    for (int u = u0 + 1; u < u1; u++) {
        if (j->u[u].m >= 0)
            continue;
        const fg_token *k = utok(j, u);
        if (k->kind == FG_TOK_VERB && strcmp(k->sub, "自立") == 0 &&
            !ubase(j, u, "含む") && !ubase(j, u, "いう") && !ubase(j, u, "よる") &&
            !ubase(j, u, "対する") && !ubase(j, u, "はじめ") && !ubase(j, u, "巡る"))
            return true;
        if (ueq(j, u, "。"))
            return true;
    }
    return false;
}

bool ja_group_fits(const ja *j, int gi, const char *type, bool as_src)
{
    const fg_sentctx *c = j->c;
    if (gi < 0)
        return false;
    for (int m = j->g[gi].first; m <= j->g[gi].last; m++) {
        bool ok = as_src ? fg_rules_sig_ok(c->rules, type, c->m[m].type, NULL, NULL)
                         : fg_rules_sig_ok(c->rules, type, NULL, c->m[m].type, NULL);
        if (ok)
            return true;
    }
    return false;
}

fg_status ja_emit(ja *j, const char *type, int sg, int dg, size_t ts, size_t te,
                 const char *rule, fg_error *err)
{
    fg_sentctx *c = j->c;
    if (sg < 0 || dg < 0 || sg == dg)
        return FG_OK;
    for (int s = j->g[sg].first; s <= j->g[sg].last; s++)
        for (int d = j->g[dg].first; d <= j->g[dg].last; d++)
            if (fg_rules_fact_ok(c->rules, type, c->m[s].type, c->m[d].type)) {
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
        case R_WA: if (wa < 0 && !space_between(j, g->role_unit, tu)) wa = gi; break;
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
            !(u > 0 && j->u[u - 1].m < 0 && utok(j, u - 1)->kind == FG_TOK_PARTICLE) &&
            !(u > 0 && j->u[u - 1].m < 0 && ja_trigger_at(j, j->u[u - 1].t0)))
            has_subject = true; /* では: a contrasted place; 実態調査も: an event, no subject */
    bool topic_named = false;
    for (int gi = 0; gi < j->ng && j->topic_group >= 0; gi++)
        for (int m = j->g[gi].first; gi != j->topic_group && m <= j->g[gi].last; m++)
            if (strcmp(c->m[m].id, c->m[j->g[j->topic_group].first].id) == 0)
                topic_named = true;
    /* H20の大量発注は…: a trigger noun that is itself an argument names an
     * event, not something the topic did */
    bool trigger_is_argument = utok(j, tu)->kind == FG_TOK_NOUN && tu + 1 < j->nu &&
                               j->u[tu + 1].m < 0 && utok(j, tu + 1)->kind == FG_TOK_PARTICLE &&
                               (ueq(j, tu + 1, "は") || ueq(j, tu + 1, "が") || ueq(j, tu + 1, "も"));
    if (subj < 0 && !has_subject && !passive && !topic_named && !trigger_is_argument &&
        j->topic_group >= 0)
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
    /* AなどからX億円を調達: buying money is raising funds; Aなどからガリウムを
     * 調達: buying a material, the supplier is the target */
    bool supplier_target = false;
    if (strcmp(type, "orders") == 0 && from >= 0 && obj < 0 &&
        fg_rules_cue_eq(c->rules, "fundraise", FG_LANG_JA, tr->word)) {
        if (money_between(j, j->g[from].role_unit, tu)) {
            const fg_signature *fs = fg_rules_sig(c->rules, "funds");
            type = fs ? fs->type : type;
            receive = true;
        } else {
            supplier_target = true;
        }
    }
    const char *rule = "ja.clause";
    if (passive) {
        /* から names the agent of a passive (政府から命じられた) but the
         * source of a transfer (東芝から買収された: the seller) */
        bool transfer = strcmp(type, "orders") == 0 || strcmp(type, "supplies") == 0;
        src = by >= 0 ? by : transfer ? -1 : from;
        /* 米国政府によってAIの訓練に用いられる「A100」: in a relative clause
         * only an agent right before the verb is its own */
        int nx = skip_predicate(j, tu + 1);
        bool rel = nx < j->nu && (j->u[nx].m >= 0 || utok(j, nx)->kind == FG_TOK_NOUN ||
                                  is_open_bracket(j, nx));
        int content = 0;
        for (int u = src >= 0 ? j->g[src].role_unit + 1 : tu; u < tu; u++)
            if (j->u[u].m >= 0 || (utok(j, u)->kind != FG_TOK_NUMBER && !ueq(j, u, "約") &&
                                   !ueq(j, u, "億") && !ueq(j, u, "ドル") && !ueq(j, u, "円") &&
                                   !ueq(j, u, "で") && !ueq(j, u, "万")))
                content++;
        if (rel && src >= 0 && content > 3)
            src = -1;
        /* 〜が使われた with no agent: the one the text is about did it */
        int next = skip_predicate(j, tu + 1);
        bool relative = next < j->nu && (j->u[next].m >= 0 || utok(j, next)->kind == FG_TOK_NOUN ||
                                         utok(j, next)->kind == FG_TOK_PREFIX ||
                                         utok(j, next)->kind == FG_TOK_NUMBER);
        /* only a main-clause passive (…が使われている。), not one inside a
         * report (…に使われていたと指摘された) */
        bool quoted = next < j->nu && (ueq(j, next, "と") || ueq(j, next, "という") ||
                                       ueq(j, next, "との"));
        if (src < 0 && !relative && !quoted && (subj == agent || subj < 0) &&
            j->topic_group >= 0 && ja_group_fits(j, j->topic_group, type, true))
            src = j->topic_group;
        dst = ja_group_fits(j, obj, type, false) ? obj
            : ja_group_fits(j, target, type, false) ? target : subj >= 0 ? subj : mo;
        /* H20の輸出は…禁止された: the patient is what the topic event concerns */
        if (dst < 0)
            for (int gi = j->ng - 1; gi >= 0 && dst < 0; gi--)
                if (j->g[gi].u_last >= 0 && j->g[gi].u_last < tu && j->g[gi].r == R_NOTRIG &&
                    j->g[gi].phrase_topic && ja_group_fits(j, gi, type, false))
                    dst = gi;
        rule = "ja.passive";
    } else if (receive) {
        src = from >= 0 ? from : by;
        dst = subj >= 0 ? subj : mo;
        /* a giver is written (…基金(大基金)から) but unknown: no guessing */
        bool giver_written = false;
        for (int u = 0; u < tu; u++)
            if (j->u[u].m < 0 && (ueq(j, u, "から") || ueq(j, u, "より")))
                giver_written = true;
        /* 中国商務省は…許可を出しており、住友電工も…許可を得た: the giver is the
         * sentence's topic */
        if (src < 0 && !giver_written && wa >= 0 && wa != dst && ja_group_fits(j, wa, type, true))
            src = wa;
        if (src < 0 && !giver_written && j->topic_group >= 0 && j->topic_group != dst &&
            ja_group_fits(j, j->topic_group, type, true))
            src = j->topic_group;
        rule = "ja.receive";
    } else if (tr->frame == FG_FRAME_SYM) {
        int a = subj >= 0 ? subj : mo;
        int b = with >= 0 ? with : dat;
        /* AやBと競合するYMTCは: the head of the relative clause competes */
        int hd = skip_predicate(j, tu + 1);
        if ((a < 0 || a == j->topic_group) && b >= 0 && uis_mention(j, hd) &&
            j->group_of_m[j->u[hd].m] != b)
            a = j->group_of_m[j->u[hd].m];
        /* マイクロソフトとオープンAIの提携: the pair modifies the event noun */
        if (a < 0 && b < 0 && notrig >= 0 && j->g[notrig].last > j->g[notrig].first)
            a = notrig;
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
        /* トヨタなど8社の出資: the modifier of the trigger noun is its agent; with
         * エヌビディアによるメラノックスの買収 the による one is, the の one the object */
        int byno = -1, nono = -1;
        for (int gi = 0; gi < j->ng; gi++)
            if (j->g[gi].trig_unit == tu && j->g[gi].u_last >= 0)
                *(j->g[gi].by_agent ? &byno : &nono) = gi;
        if (byno >= 0 && ja_group_fits(j, byno, type, true)) {
            src = byno;
            if (nono >= 0)
                notrig = nono;
        } else {
            src = notrig >= 0 && ja_group_fits(j, notrig, type, true) ? notrig : subj;
        }
        if (src < 0 && mo >= 0 && (obj >= 0 || target >= 0 || dat >= 0))
            src = mo;
        if (tr->frame == FG_FRAME_DAT) {
            dst = dat >= 0 ? dat : target >= 0 ? target
                : ja_group_fits(j, obj, type, false) ? obj : -1;
        } else if (tr->frame == FG_FRAME_FROM) {
            dst = from >= 0 ? from : dat; /* 中国から売り上げ / 中国向け売上高 */
        } else {
            /* XによるYの買収を審査: a regulator examines the acquirer */
            for (int gi = 0; gi < j->ng && (obj >= 0 || target >= 0); gi++)
                if (j->g[gi].by_agent && j->g[gi].trig_unit >= 0 && j->g[gi].trig_unit < tu &&
                    (j->g[gi].r == R_WO || j->g[gi].r == R_TARGET) && ja_group_fits(j, gi, type, false) &&
                    gi != src) {
                    if (obj >= 0 && j->g[gi].r == R_WO)
                        obj = gi;
                    else if (target >= 0 && j->g[gi].r == R_TARGET)
                        target = gi;
                }
            dst = (notrig >= 0 && notrig != src && ja_group_fits(j, notrig, type, false)) ? notrig
                : ja_group_fits(j, obj, type, false) ? obj
                : ja_group_fits(j, target, type, false) ? target
                : (mo >= 0 && mo != src && ja_group_fits(j, mo, type, false)) ? mo : -1;
            /* エヌビディアへの注文: with no product named, the supplier */
            if (dst < 0 && tr->frame == FG_FRAME_OBJDAT && ja_group_fits(j, dat, type, false))
                dst = dat;
            if (dst < 0 && supplier_target && ja_group_fits(j, from, type, false))
                dst = from;
            /* MN-Core 2はTSMCが生産している: the topic is the object when another
             * name is the agent */
            if (dst < 0 && agent >= 0 && wa >= 0 && wa != agent && src == agent &&
                ja_group_fits(j, wa, type, false))
                dst = wa;
        }
        /* GaNを使ったトランジスタ「SGN2729」: the clause has its own object, so
         * its head can only be what does the using */
        bool obj_written = false;
        for (int u = tu - 1; u >= 0 && !clause_break(j, u, tu); u--)
            if (j->u[u].m < 0 && ueq(j, u, "を"))
                obj_written = true;
        /* AとBなど8社の出資によって設立された: the founded company is funded */
        if (dst < 0 && src == notrig && src >= 0 && (ueq(j, tu + 1, "によって") ||
            ueq(j, tu + 1, "により") || (ueq(j, tu + 1, "に") && ubase(j, tu + 2, "よる"))) &&
            subj >= 0 && subj != src)
            dst = subj;
        /* in a relative clause (DRAMを手がけるCXMT) the agent is inside the
         * clause (が) or is the head, never a topic outside it */
        if (head >= 0 && agent < 0 && obj_written && ja_group_fits(j, head, type, true)) {
            src = head;
            rule = "ja.relative";
        } else if (head >= 0 && obj_written && dst < 0) {
            if (ja_group_fits(j, head, type, true)) {
                src = head;
                rule = "ja.relative";
            }
        } else if (head >= 0) {
            if (src < 0 && ja_group_fits(j, head, type, true)) {
                src = head;
                rule = "ja.relative";
            } else if (dst < 0 && ja_group_fits(j, head, type, false)) {
                dst = head;
                rule = "ja.relative";
            }
        }
    }
    /* say when the source is the dropped subject carried from earlier sentences */
    if (src >= 0 && src == j->topic_group) {
        rule = passive ? "ja.passive.topic" : receive ? "ja.receive.topic" : "ja.clause.topic";
        c->topic->last_seen = c->sentence;
    }
    /* a subject that does not fit (同社は ... 規制に直面) must not be replaced by a
     * farther one: better no fact than a wrong one */
    return ja_emit(j, type, src, dst, ts, te, rule, err);
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
            c->topic->last_seen = c->sentence;
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
            c->topic->last_seen = c->sentence;
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
    fg_status st = ja_build(&j, err);
    if (st == FG_OK)
        st = add_topic(&j, err);
    if (st != FG_OK)
        return st;
    if (getenv("FG_DEBUG_RULES"))
        ja_debug_dump(&j);
    note_topic(&j);
    for (int u = 0; u < j.nu && st == FG_OK; u++) {
        if (j.u[u].m >= 0)
            continue;
        const fg_token *k = utok(&j, u);
        if (k->kind != FG_TOK_NOUN && k->kind != FG_TOK_VERB)
            continue;
        const fg_trigger *tr = ja_trigger_at(&j, j.u[u].t0);
        if (!tr)
            continue;
        /* a trigger noun that modifies the noun after it (輸出規制, 供給見通し,
         * 開発環境) is not the predicate; light nouns (措置, 実績, 計画) and
         * suffixes (制, 額) keep it one */
        int last = u; /* a trigger may span tokens (エンティティ|リスト) */
        while (last + 1 < j.nu && j.u[last + 1].m < 0 &&
               utok(&j, last + 1)->start < k->start + tr->word.len)
            last++;
        if (k->kind == FG_TOK_NOUN && last + 1 < j.nu && j.u[last + 1].m < 0 &&
            utok(&j, last + 1)->kind == FG_TOK_NOUN && !utok(&j, last + 1)->suffix &&
            !fg_rules_cue_eq(c->rules, "light", FG_LANG_JA, tsurf(&j, j.u[last + 1].t0)))
            continue;
        st = trigger_facts(&j, u, tr, err);
        u = last;
    }
    if (st == FG_OK) st = ja_np_maker(&j, err);
    if (st == FG_OK) st = ja_titles(&j, err);
    if (st == FG_OK) st = ja_relnouns(&j, err);
    if (st == FG_OK) st = ja_competitors(&j, err);
    return st;
}
