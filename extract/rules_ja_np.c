/* rules_ja_np.c - Japanese facts that need no verb: NVIDIAのH20 (develops),
 * titles (CEOのX, X首相: leads), relational nouns (親会社, 傘下, 株主) and
 * rivals (AやBのような競合他社). */
#include "rules_ja.h"

/* NVIDIAのH20, Nvidia H200: the maker of a chip or model. */
fg_status ja_np_maker(ja *j, fg_error *err)
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
/* The type a title's holder leads ("company", "government"), copied into
 * buf, and whether the text's topic may stand in for an unwritten entity. */
static const char *title_type(const fg_cue *cue, char *buf, size_t size, bool *topic_ok)
{
    const char *plus = strchr(cue->value, '+');
    size_t n = plus ? (size_t)(plus - cue->value) : strlen(cue->value);
    if (n >= size)
        n = size - 1;
    memcpy(buf, cue->value, n);
    buf[n] = '\0';
    *topic_ok = plus && strcmp(plus, "+topic") == 0;
    return buf;
}

/* A person's name written with the title (トランプ大統領, ラトニック商務長官):
 * the title inside the name states the same fact. */
static fg_status titles_in_names(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    for (int u = 0; u < j->nu; u++) {
        int m = j->u[u].m;
        if (m < 0 || strcmp(c->m[m].type, "person") != 0)
            continue;
        const fg_cue *cue = NULL;
        size_t at = 0;
        for (size_t p = c->m[m].start + 1; p < c->m[m].end && !cue; p++) {
            const fg_cue *k = fg_rules_cue_at(c->rules, "title", FG_LANG_JA, c->text, p);
            if (k && p + k->word.len == c->m[m].end) {
                cue = k;
                at = p;
            }
        }
        if (!cue)
            continue;
        /* トランプ大統領 says no state; only one written right before it does
         * (米国のトランプ大統領) */
        char tbuf[32];
        bool topic_ok;
        const char *want = title_type(cue, tbuf, sizeof(tbuf), &topic_ok);
        int org = nearest_of(j, u - 2 > 0 ? u - 2 : 0, u, want);
        if (org < 0 && topic_ok && j->topic_group >= 0 &&
            strcmp(c->m[j->g[j->topic_group].first].type, want) == 0)
            org = j->g[j->topic_group].first;
        if (org < 0)
            continue;
        fg_status st = fg_cands_add(c, "leads", m, org, at, c->m[m].end, "ja.np.title", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

fg_status ja_titles(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    fg_status st0 = titles_in_names(j, err);
    if (st0 != FG_OK)
        return st0;
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
                strncmp(cue->value, "government", 10) == 0) {
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
        /* a company's officer may be named far from the company (Nvidiaにとって、
         * CEOのX); a head of state next to the state (中国の李強首相) */
        char tbuf[32];
        bool topic_ok;
        const char *want = title_type(cue, tbuf, sizeof(tbuf), &topic_ok);
        int lo = strcmp(want, "government") == 0 ? plo - 3 : 0;
        int org = before_org >= 0 ? before_org : nearest_of(j, lo > 0 ? lo : 0, plo, want);
        /* ラトニック商務長官は: the office is the one the text is about */
        if (org < 0 && topic_ok && j->topic_group >= 0) {
            int tm = j->g[j->topic_group].first;
            if (strcmp(c->m[tm].type, want) == 0)
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
fg_status ja_relnouns(ja *j, fg_error *err)
{
    fg_sentctx *c = j->c;
    for (int u = 0; u < j->nu; u++) {
        if (j->u[u].m >= 0)
            continue;
        const fg_cue *cue = fg_rules_cue_at(c->rules, "relnoun", FG_LANG_JA, c->text,
                                            utok(j, u)->start);
        if (!cue)
            continue;
        bool holder_is_src;
        const char *type = fg_rules_relnoun(c->rules, cue, &holder_is_src);
        if (!type)
            continue;
        size_t cend = utok(j, u)->start + cue->word.len;
        int ue = u;
        while (ue + 1 < j->nu && j->u[ue + 1].m < 0 && utok(j, ue + 1)->start < cend)
            ue++;
        int ob = mention_before(j, u, true);
        /* 中国子会社: a state or place right before the noun is nationality */
        if (ob >= 0 && ob == u - 1 && (strcmp(c->m[j->u[ob].m].type, "government") == 0 ||
                                       strcmp(c->m[j->u[ob].m].type, "place") == 0))
            ob = -1;
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

        if (holder < 0)
            holder = subj;
        else if (owner < 0)
            owner = subj;
        if (holder < 0 || owner < 0 || holder == owner)
            continue;
        fg_status st = ja_emit(j, type, holder_is_src ? holder : owner, holder_is_src ? owner : holder,
                               utok(j, u)->start, cend, "ja.np.relnoun", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

/* AやBのような競合他社: rivals of the sentence's subject. */
fg_status ja_competitors(ja *j, fg_error *err)
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
        fg_status st = ja_emit(j, "competes", gi, subj, t->start, t->end, "ja.np.competitors", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

