/* names.c - names the lexicon lacks, typed by cues (data/cues.tsv "namecue").
 *
 * Precision first: a name becomes a node only when its own text says what it
 * is (サム・サックス氏, テンストレント社, 上海人工知能産業協会, Vast AI Tech,
 * データ分析会社GrowingIO). A run of nouns with no proper noun in it is a
 * common phrase (データセンター, 中国企業) and never a name. */
#include <string.h>

#include "mentions.h"
#include "normalize.h"

static bool is_katakana_cp(int cp)
{
    return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC || cp == 0x30FB; /* ァ..ヺ ー ・ */
}

/* Only katakana and the middle dot: a foreign name written out (サム・サックス). */
static bool all_katakana(fg_str s)
{
    if (s.len == 0)
        return false;
    for (size_t i = 0; i < s.len;) {
        int cp;
        size_t n = fg_utf8_decode(s.ptr + i, s.len - i, &cp);
        if (!n || !is_katakana_cp(cp))
            return false;
        i += n;
    }
    return true;
}

static bool has_latin_word(fg_str s)
{
    for (size_t i = 0; i < s.len; i++)
        if (s.ptr[i] >= 'A' && s.ptr[i] <= 'Z')
            return true;
    return false;
}

static bool overlaps(const fg_smention *m, size_t n, size_t a, size_t b)
{
    for (size_t i = 0; i < n; i++)
        if (m[i].start < b && a < m[i].end)
            return true;
    return false;
}

/* Spaces between byte p and e: the words a name has beyond a shorter one. */
static int words_beyond(fg_str text, size_t p, size_t e)
{
    int w = 0;
    for (size_t i = p; i < e; i++)
        w += text.ptr[i] == ' ';
    return w;
}

static fg_status add(fg_arena *a, fg_smention **m, size_t *n, size_t *cap, fg_str text, size_t s,
                     size_t e, const char *type, fg_error *err)
{
    while (s < e && text.ptr[s] == ' ')
        s++;
    while (e > s && text.ptr[e - 1] == ' ')
        e--;
    if (e <= s)
        return FG_OK;
    /* 上海人工知能産業協会: a place inside an organization's name is part of it;
     * so is a company in a longer company name (Samsung Austin Semiconductor),
     * but not in its own legal name (Nvidia Corp.: one word more) */
    if (strcmp(type, "organization") == 0 || strcmp(type, "company") == 0) {
        bool absorbable = true;
        for (size_t i = 0; i < *n; i++)
            if ((*m)[i].start < e && s < (*m)[i].end &&
                !((*m)[i].start >= s && (*m)[i].end <= e && (*m)[i].end - (*m)[i].start < e - s &&
                  (strcmp((*m)[i].type, "place") == 0 || strcmp((*m)[i].type, "government") == 0 ||
                   (strcmp((*m)[i].type, "company") == 0 && words_beyond(text, (*m)[i].end, e) >= 2))))
                absorbable = false;
        if (absorbable) {
            size_t w = 0;
            for (size_t i = 0; i < *n; i++)
                if (!((*m)[i].start >= s && (*m)[i].end <= e))
                    (*m)[w++] = (*m)[i];
            *n = w;
        }
    }
    if (overlaps(*m, *n, s, e))
        return FG_OK;
    char *id = fg_arena_strndup(a, text.ptr + s, e - s);
    if (!id)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    return fg_smentions_push(a, m, n, cap, (fg_smention){s, e, id, type, "cue", false}, err);
}

static fg_str tok_text(fg_str text, const fg_token *t)
{
    return fg_str_make(text.ptr + t->start, t->end - t->start);
}

/* 早坂伸夫社長, 羅文局長, 齋藤健経済産業相: a surname MeCab knows, a given
 * name (or one short word), then a title, maybe after the office's nouns. */
static fg_status persons_before_titles(const fg_rules *r, fg_arena *a, fg_str text,
                                       const fg_token *tok, size_t ntok, fg_smention **m,
                                       size_t *n, size_t *cap, fg_error *err)
{
    for (size_t i = 0; i + 1 < ntok; i++) {
        if (!tok[i].surname)
            continue;
        size_t k = i + 1;
        if (tok[k].given_name)
            k++;
        else if (tok[k].kind == FG_TOK_NOUN && tok[k].end - tok[k].start <= 6 && k + 1 < ntok &&
                 fg_rules_cue_at(r, "title", FG_LANG_JA, text, tok[k + 1].start))
            k++; /* 羅|文|局長: a Chinese given name MeCab reads as a common noun */
        else
            continue;
        bool titled = false;
        for (size_t q = k; q < ntok && q <= k + 2 && !titled; q++) {
            if (fg_rules_cue_at(r, "title", FG_LANG_JA, text, tok[q].start))
                titled = true;
            else if (tok[q].kind != FG_TOK_NOUN)
                break;
        }
        if (!titled)
            continue;
        fg_status st = add(a, m, n, cap, text, tok[i].start, tok[k - 1].end, "person", err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

/* NAND型フラッシュメモリー「BiCS8」, 大規模言語モデル「Kimi」: a name in 「」
 * right after a class noun (data/cues.tsv "bracketclass") gets its type. */
static fg_status bracketed_names(const fg_rules *r, fg_arena *a, fg_str text, const fg_token *tok,
                                 size_t ntok, fg_smention **m, size_t *n, size_t *cap, fg_error *err)
{
    for (size_t i = 1; i + 1 < ntok; i++) {
        if (!fg_str_eq_cstr(tok_text(text, &tok[i]), "「"))
            continue;
        const fg_cue *cls = NULL;
        size_t ncls;
        const fg_cue *const *classes = fg_rules_cues(r, "bracketclass", &ncls);
        for (size_t c = 0; c < ncls && !cls; c++) {
            const fg_cue *cue = classes[c];
            size_t w = cue->word.len;
            if (tok[i].start >= w &&
                memcmp(text.ptr + tok[i].start - w, cue->word.ptr, w) == 0)
                cls = cue;
        }
        if (!cls)
            continue;
        size_t s = tok[i].end, e = s;
        while (e < text.len && e - s < 60 && text.ptr[e] != '(' &&
               memcmp(text.ptr + e, "」", 3 <= text.len - e ? 3 : text.len - e) != 0 &&
               memcmp(text.ptr + e, "、", 3 <= text.len - e ? 3 : text.len - e) != 0)
            e += fg_utf8_seqlen((unsigned char)text.ptr[e]);
        if (e >= text.len || e == s || e - s >= 60)
            continue;
        fg_status st = add(a, m, n, cap, text, s, e, cls->value, err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

/* Names MeCab's dictionary tags as organizations (住友電気工業, 三菱マテリアル),
 * extended over name suffixes (DOWA|ホールディングス); and names set off by
 * an industry noun (中国アルミ大手の中国鋁業, 製錬大手、高麗亜鉛は). */
static fg_status org_names(const fg_rules *r, fg_arena *a, fg_str text, const fg_token *tok,
                           size_t ntok, fg_smention **m, size_t *n, size_t *cap, fg_error *err)
{
    for (size_t i = 0; i < ntok; i++) {
        size_t j = i;
        if (tok[i].org_name && !fg_rules_cue_eq(r, "orgstop", FG_LANG_JA, tok_text(text, &tok[i]))) {
            j = i + 1;
        } else if (i >= 2 && tok[i].kind == FG_TOK_NOUN && tok[i].proper &&
                   (fg_str_eq_cstr(tok_text(text, &tok[i - 1]), "の") ||
                    fg_str_eq_cstr(tok_text(text, &tok[i - 1]), "、")) &&
                   fg_rules_cue_eq(r, "nounbefore", FG_LANG_JA, tok_text(text, &tok[i - 2]))) {
            /* 大手の|中国|鋁業: a proper noun and the nouns after it */
            j = i + 1;
            while (j < ntok && j - i < 6 && tok[j].kind == FG_TOK_NOUN)
                j++; /* 北京|通|美|晶|体|技術: MeCab splits an unknown name finely */
            if (j - i < 2)
                continue;
            if (j < ntok && tok[j].kind != FG_TOK_PARTICLE &&
                !fg_str_eq_cstr(tok_text(text, &tok[j]), "("))
                continue; /* the name must end where a particle or an alias begins */
        } else {
            continue;
        }
        while (j < ntok && fg_rules_cue_eq(r, "orgsuffix", FG_LANG_JA, tok_text(text, &tok[j])))
            j++;
        /* アクティブ|ユーザー: a word that modifies the noun after it is no name */
        if (j < ntok && tok[j].kind == FG_TOK_NOUN && !tok[j].suffix && !tok[j].proper)
            continue;
        fg_str name = fg_str_make(text.ptr + tok[i].start, tok[j - 1].end - tok[i].start);
        /* MeCab also tags acronyms (GPU, AI) and short words (自社, 巨人) as
         * organizations: a name needs three characters, and a Latin word a
         * Japanese suffix (DOWAホールディングス); Latin names are names_latin's */
        bool ascii = true;
        for (size_t q = 0; q < name.len; q++)
            if ((unsigned char)name.ptr[q] >= 0x80)
                ascii = false;
        bool suffixed = j > i + 1 && tok[i].org_name;
        if (fg_utf8_count(name.ptr, name.len) < 3 || (ascii && !suffixed) ||
            (has_latin_word(tok_text(text, &tok[i])) && !suffixed && tok[i].org_name))
            continue;
        const char *type = "company";
        const fg_cue *nc = fg_rules_cue_eq(r, "namecue", FG_LANG_JA, tok_text(text, &tok[j - 1]));
        if (nc && strcmp(nc->value, "person") != 0)
            type = nc->value;
        fg_status st = add(a, m, n, cap, text, tok[i].start, tok[j - 1].end, type, err);
        if (st != FG_OK)
            return st;
        i = j - 1;
    }
    return FG_OK;
}

/* Japanese: runs of nouns (and the middle dot) between other words. */
static fg_status names_ja(const fg_rules *r, fg_recent *recent, fg_arena *a, fg_str text,
                          const fg_token *tok, size_t ntok, fg_smention **m, size_t *n, size_t *cap,
                          fg_error *err)
{
    size_t i = 0;
    while (i < ntok) {
        bool in_run = tok[i].kind == FG_TOK_NOUN || tok[i].kind == FG_TOK_PREFIX;
        if (!in_run) {
            i++;
            continue;
        }
        size_t j = i;
        bool proper = false;
        while (j < ntok && (tok[j].kind == FG_TOK_NOUN || tok[j].kind == FG_TOK_NUMBER ||
                            tok[j].kind == FG_TOK_PREFIX ||
                            (tok[j].kind == FG_TOK_SYMBOL && j + 1 < ntok &&
                             fg_str_eq_cstr(fg_str_make(text.ptr + tok[j].start, tok[j].end - tok[j].start), "・")))) {
            if (tok[j].proper)
                proper = true;
            j++;
        }
        /* the run is tok[i..j) */
        fg_str last = fg_str_make(text.ptr + tok[j - 1].start, tok[j - 1].end - tok[j - 1].start);
        const fg_cue *cue = j - i >= 2 ? fg_rules_cue_eq(r, "namecue", FG_LANG_JA, last) : NULL;
        size_t s = tok[i].start, e = tok[j - 1].start;
        fg_str body = fg_str_make(text.ptr + s, e - s);
        if (cue && strcmp(cue->value, "person") == 0) {
            /* 氏 after a written-out name; the name is the run's tail of katakana */
            size_t k = j - 1;
            while (k > i && all_katakana(fg_str_make(text.ptr + tok[k - 1].start, tok[k - 1].end - tok[k - 1].start)))
                k--;
            fg_str name = fg_str_make(text.ptr + tok[k].start, e - tok[k].start);
            if (k < j - 1 && all_katakana(name) && fg_utf8_count(name.ptr, name.len) >= 2) {
                size_t before = *n;
                fg_status st = add(a, m, n, cap, text, tok[k].start, e, "person", err);
                if (st != FG_OK)
                    return st;
                /* チェン氏 after ルーシー・シンイー・チェン: the same person */
                for (size_t q = 0; *n > before && recent && q < recent->count; q++) {
                    const char *full = recent->items[q].id;
                    size_t fl = strlen(full);
                    if (strcmp(recent->items[q].type, "person") == 0 && fl > name.len + 3 &&
                        memcmp(full + fl - name.len, name.ptr, name.len) == 0 &&
                        memcmp(full + fl - name.len - 3, "・", 3) == 0)
                        (*m)[*n - 1].id = full;
                }
                if (*n > before && recent)
                    fg_recent_note(recent, (*m)[*n - 1].id, "person", fg_str_make(text.ptr + (*m)[*n - 1].start, (*m)[*n - 1].end - (*m)[*n - 1].start));
            }
        } else if (cue && strcmp(cue->value, "company") == 0) {
            /* テンストレント社: a katakana or Latin name before 社 */
            if ((all_katakana(body) && fg_utf8_count(body.ptr, body.len) >= 3) ||
                (has_latin_word(body) && j - i == 2)) {
                fg_status st = add(a, m, n, cap, text, s, e, "company", err);
                if (st != FG_OK)
                    return st;
            }
        } else if (cue && (proper || strstr(body.ptr, "・") != NULL) &&
                   (strcmp(cue->value, "organization") != 0 || memmem(body.ptr, body.len, "・", 3) ||
                    strcmp(last.ptr, "センター") != 0)) {
            /* 上海人工知能産業協会, ポール・ツァイ中国センター: the whole run; a
             * センター needs a written-out name in it (データセンター is none) */
            bool center = fg_str_eq_cstr(last, "センター");
            if (!center || memmem(body.ptr, body.len, "・", 3)) {
                fg_status st = add(a, m, n, cap, text, s, tok[j - 1].end, cue->value, err);
                if (st != FG_OK)
                    return st;
            }
        }
        /* データ分析会社GrowingIO: a Latin word right after a noun saying what it is */
        for (size_t k = i + 1; k < j; k++) {
            fg_str w = fg_str_make(text.ptr + tok[k].start, tok[k].end - tok[k].start);
            fg_str prev = fg_str_make(text.ptr + tok[k - 1].start, tok[k - 1].end - tok[k - 1].start);
            const fg_cue *nb = fg_rules_cue_eq(r, "nounbefore", FG_LANG_JA, prev);
            /* not a modifier inside a compound (新興AIプレーヤー), not a bare acronym */
            bool compound = k + 1 < ntok && tok[k + 1].kind == FG_TOK_NOUN;
            if (nb && has_latin_word(w) && fg_is_word_byte((unsigned char)w.ptr[0]) &&
                tok[k].start == tok[k - 1].end && !compound && w.len >= 4) {
                fg_status st = add(a, m, n, cap, text, tok[k].start, tok[k].end, nb->value, err);
                if (st != FG_OK)
                    return st;
            }
        }
        i = j;
    }
    return FG_OK;
}

static bool capitalized_word_at(fg_str s, size_t p, size_t *end)
{
    if (p >= s.len || !(s.ptr[p] >= 'A' && s.ptr[p] <= 'Z'))
        return false;
    size_t e = p;
    while (e < s.len && (fg_is_word_byte((unsigned char)s.ptr[e]) || s.ptr[e] == '&' ||
                         s.ptr[e] == '-' || (s.ptr[e] == '.' && e > p)))
        e++;
    *end = e;
    return true;
}

/* The capitalized words from p on, separated by single spaces, each at least
 * min_len bytes: their starts and ends (at most max). Returns how many. */
static size_t capitalized_run(fg_str text, size_t p, size_t min_len, size_t *words, size_t *ends,
                              size_t max)
{
    size_t nw = 0, q = p, e;
    while (nw < max && capitalized_word_at(text, q, &e) && e >= q + min_len) {
        words[nw] = q;
        ends[nw++] = e;
        if (e < text.len && text.ptr[e] == ' ')
            q = e + 1;
        else
            break;
    }
    return nw;
}

/* Latin, any language: runs of capitalized words whose last word types them. */
static fg_status names_latin(const fg_rules *r, fg_arena *a, fg_str text, fg_smention **m,
                             size_t *n, size_t *cap, fg_error *err)
{
    size_t p = 0;
    while (p < text.len) {
        size_t e;
        if ((p > 0 && fg_is_word_byte((unsigned char)text.ptr[p - 1])) || !capitalized_word_at(text, p, &e)) {
            p++;
            continue;
        }
        size_t words[8], ends[8];
        size_t nw = capitalized_run(text, p, 1, words, ends, 8);
        /* the longest prefix of the run that ends in a cue word, two words at least */
        for (size_t k = nw; k >= 2; k--) {
            fg_str lastw = fg_str_make(text.ptr + words[k - 1], ends[k - 1] - words[k - 1]);
            fg_str last2 = k >= 3 ? fg_str_make(text.ptr + words[k - 2], ends[k - 1] - words[k - 2])
                                  : FG_STR_NULL;
            const fg_cue *cue = fg_rules_cue_eq(r, "namecue", FG_LANG_EN, lastw);
            if (!cue && last2.len)
                cue = fg_rules_cue_eq(r, "namecue", FG_LANG_EN, last2);
            if (cue) {
                /* "The", "In", "A" open sentences, not names */
                size_t s0 = words[0];
                static const char *const openers[] = {"The ", "A ", "An ", "In ", "At ", "For "};
                for (size_t o = 0; o < sizeof(openers) / sizeof(openers[0]); o++)
                    if (text.len - s0 >= strlen(openers[o]) && memcmp(text.ptr + s0, openers[o], strlen(openers[o])) == 0)
                        s0 += strlen(openers[o]);
                size_t end = ends[k - 1];
                if (end > 0 && text.ptr[end - 1] == '.' && !fg_str_ends_with(lastw, "Inc.") &&
                    !fg_str_ends_with(lastw, "Corp.") && !fg_str_ends_with(lastw, "Co.") &&
                    !fg_str_ends_with(lastw, "Ltd."))
                    end--;
                if (s0 < words[k - 1]) {
                    fg_status st = add(a, m, n, cap, text, s0, end, cue->value, err);
                    if (st != FG_OK)
                        return st;
                }
                break;
            }
        }
        p = ends[nw - 1];
    }
    return FG_OK;
}

static bool is_title_word(const fg_rules *r, fg_str text, size_t p)
{
    return fg_rules_cue_at(r, "title", FG_LANG_EN, text, p) != NULL;
}

/* English person names the lexicon lacks, from where the text says a person
 * stands: after a title (Commerce Secretary Gina Raimondo, CEO Lisa Su),
 * before ", the/its ... title" (Andrew Ferguson, the FTC's chairman), and in
 * the list after "founded ... by" (by Ljubisa Bajic, Milos Trajkovic and Ivan
 * Hamer). A name is two or three capitalized words. */
static fg_status persons_en(const fg_rules *r, fg_arena *a, fg_str text, fg_smention **m,
                            size_t *n, size_t *cap, fg_error *err)
{
    size_t p = 0;
    while (p < text.len) {
        size_t e, words[3], ends[3];
        if ((p > 0 && (fg_is_word_byte((unsigned char)text.ptr[p - 1]) || text.ptr[p - 1] == '-')) ||
            !capitalized_word_at(text, p, &e)) {
            p++;
            continue;
        }
        size_t nw = capitalized_run(text, p, 2, words, ends, 3);
        size_t end = nw ? ends[nw - 1] : p + 1;
        /* "Ivan Hamer." ends a sentence; "Jr." and initials keep their dot */
        if (end > 0 && text.ptr[end - 1] == '.' && end - words[nw - 1] > 2)
            end--;
        if (nw < 2 || nw > 3) {
            p = end;
            continue;
        }
        /* what stands before: a title, or "by"/"and"/"," in a founders list */
        size_t b = words[0];
        while (b > 0 && text.ptr[b - 1] == ' ')
            b--;
        size_t wb = b;
        while (wb > 0 && (fg_is_word_byte((unsigned char)text.ptr[wb - 1]) || text.ptr[wb - 1] == '-'))
            wb--;
        fg_str before = fg_str_make(text.ptr + wb, b - wb);
        bool titled = wb < b && is_title_word(r, text, wb);
        bool founders = (fg_str_eq_cstr(before, "by") || fg_str_eq_cstr(before, "and") ||
                         (b > 0 && text.ptr[b - 1] == ',')) &&
                        memmem(text.ptr, words[0], "founded", 7) != NULL;
        /* what follows: ", the FTC's chairman", ", its chief executive" */
        bool described = false;
        if (end + 2 < text.len && text.ptr[end] == ',') {
            size_t k = end + 1;
            for (int w = 0; w < 5 && k < text.len; w++) {
                while (k < text.len && text.ptr[k] == ' ')
                    k++;
                if (is_title_word(r, text, k)) {
                    described = true;
                    break;
                }
                while (k < text.len && text.ptr[k] != ' ' && text.ptr[k] != ',')
                    k++;
                if (k < text.len && text.ptr[k] == ',')
                    break;
            }
        }
        if (titled || founders || described) {
            fg_status st = add(a, m, n, cap, text, words[0], end, "person", err);
            if (st != FG_OK)
                return st;
        }
        p = end;
    }
    return FG_OK;
}

static int cmp_start(const void *x, const void *y)
{
    const fg_smention *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

fg_status fg_names_find(const fg_rules *rules, fg_recent *recent, fg_arena *a, fg_lang lang,
                        fg_str text, const fg_token *tok, size_t ntok, fg_smention **m, size_t *n,
                        fg_error *err)
{
    size_t cap = *n;
    size_t before = *n;
    fg_status st = FG_OK;
    if (lang == FG_LANG_JA && tok) {
        st = names_ja(rules, recent, a, text, tok, ntok, m, n, &cap, err);
        if (st == FG_OK)
            st = persons_before_titles(rules, a, text, tok, ntok, m, n, &cap, err);
        if (st == FG_OK)
            st = bracketed_names(rules, a, text, tok, ntok, m, n, &cap, err);
        if (st == FG_OK)
            st = org_names(rules, a, text, tok, ntok, m, n, &cap, err);
    }
    if (st == FG_OK)
        st = names_latin(rules, a, text, m, n, &cap, err);
    if (st == FG_OK && lang == FG_LANG_EN)
        st = persons_en(rules, a, text, m, n, &cap, err);
    (void)before;
    /* always: an absorbed name leaves the count unchanged but the order not */
    if (st == FG_OK && *n > 1)
        qsort(*m, *n, sizeof(**m), cmp_start);
    return st;
}
