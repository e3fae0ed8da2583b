/* mentions.c - entity mentions in one sentence: lexicon names, references
 * back (同社, the company), country abbreviations before a state noun, and
 * chip model codes the lexicon lacks. */
#include <string.h>
#include <strings.h>

#include "extract_int.h"
#include "limits.h"
#include "mentions.h"
#include "normalize.h"

static bool is_katakana(int cp)
{
    return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC; /* ァ..ヺ and ー */
}

/* The code point that ends just before pos, or -1. */
static int cp_before(fg_str s, size_t pos)
{
    if (pos == 0)
        return -1;
    size_t p = pos - 1;
    while (p > 0 && ((unsigned char)s.ptr[p] & 0xC0) == 0x80)
        p--;
    int cp;
    return fg_utf8_decode(s.ptr + p, pos - p, &cp) ? cp : -1;
}

static int cp_at(fg_str s, size_t pos)
{
    int cp;
    return pos < s.len && fg_utf8_decode(s.ptr + pos, s.len - pos, &cp) ? cp : -1;
}

/* A katakana name must not be cut out of a longer katakana word (インテル is
 * not in インテリジェンス). */
static bool katakana_cut(fg_str s, size_t start, size_t end)
{
    return (is_katakana(cp_at(s, start)) && is_katakana(cp_before(s, start))) ||
           (is_katakana(cp_before(s, end)) && is_katakana(cp_at(s, end)));
}

static bool ends_with_str(fg_str s, fg_str suffix)
{
    return s.ptr && s.len >= suffix.len && memcmp(s.ptr + s.len - suffix.len, suffix.ptr, suffix.len) == 0;
}

void fg_recent_note(fg_recent *r, const char *id, const char *type, fg_str surface)
{
    /* keep the newest at the end; drop an older entry for the same id */
    size_t count = 0;
    fg_str before = FG_STR_NULL;
    for (size_t i = 0; i < r->count; i++) {
        if (strcmp(r->items[i].id, id) == 0) {
            count = r->items[i].count;
            before = r->items[i].surface;
            memmove(&r->items[i], &r->items[i + 1], (r->count - i - 1) * sizeof(r->items[0]));
            r->count--;
            break;
        }
    }
    if (r->count == FG_RECENT_MAX) {
        memmove(&r->items[0], &r->items[1], (FG_RECENT_MAX - 1) * sizeof(r->items[0]));
        r->count--;
    }
    r->items[r->count].id = id;
    r->items[r->count].type = type;
    r->items[r->count].sentence = r->sentence;
    r->items[r->count].count = count + 1;
    r->items[r->count].surface = surface;
    r->items[r->count].surface2 = before;
    r->count++;
}

/* The nth (0 = newest) recent entity of type, or NULL. */
static const struct fg_recent_item *recent_find(const fg_recent *r, const char *type, int nth)
{
    for (size_t i = r->count; i-- > 0;)
        if (strcmp(r->items[i].type, type) == 0 && nth-- == 0)
            return &r->items[i];
    return NULL;
}

/* H20, MI308X, B200, A800: letters then digits, as chip model codes are
 * written. Returns the code's length at pos, or 0. */
static size_t chip_code_at(fg_str s, size_t pos)
{
    const char *p = s.ptr + pos;
    size_t n = s.len - pos, i = 0;
    while (i < n && i < 4 && p[i] >= 'A' && p[i] <= 'Z')
        i++;
    if (i == 0)
        return 0;
    size_t d = i;
    while (i < n && p[i] >= '0' && p[i] <= '9')
        i++;
    if (i - d < 2 || i - d > 4)
        return 0;
    while (i < n && i - d < 7 && p[i] >= 'A' && p[i] <= 'Z')
        i++;
    if (i < n && fg_is_word_byte((unsigned char)p[i]))
        return 0;
    return i;
}

/* A chip code counts as a chip only when the text says so right after it. */
static bool chip_word_after(fg_str s, size_t pos)
{
    static const char *const words[] = {"GPU", "チップ", "プロセッサ", "アクセラレータ",
                                        "chip", "chips", "GPUs", "processor", "accelerator"};
    while (pos < s.len && s.ptr[pos] == ' ')
        pos++;
    for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
        size_t n = strlen(words[i]);
        if (s.len - pos >= n && memcmp(s.ptr + pos, words[i], n) == 0)
            return true;
    }
    return false;
}

fg_status fg_smentions_push(fg_arena *a, fg_smention **m, size_t *n, size_t *cap, fg_smention v,
                            fg_error *err)
{
    if (*n == FG_MAX_MENTIONS_PER_SENTENCE)
        return FG_OK; /* more names than any real sentence has: ignore the rest */
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 16;
        fg_smention *nm = fg_arena_calloc(a, ncap, sizeof(*nm));
        if (!nm)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        if (*n)
            memcpy(nm, *m, *n * sizeof(*nm));
        *m = nm;
        *cap = ncap;
    }
    (*m)[(*n)++] = v;
    return FG_OK;
}

static bool is_prep_before(fg_str s, size_t pos)
{
    static const char *const preps[] = {"in ", "of ", "from ", "for ", "to ", "with ", "by ",
                                        "at ", "on ", "into ", "than ", "as ", "'s "};
    for (size_t i = 0; i < sizeof(preps) / sizeof(preps[0]); i++) {
        size_t n = strlen(preps[i]);
        if (pos >= n && strncasecmp(s.ptr + pos - n, preps[i], n) == 0 &&
            (pos == n || !fg_is_word_byte((unsigned char)s.ptr[pos - n - 1]) || preps[i][0] == '\''))
            return true;
    }
    return false;
}

/* The first name of type in this sentence so far that is not inside a
 * prepositional phrase: the sentence's subject, what "it" means here. */
static const fg_smention *sentence_subject(fg_str s, const fg_smention *m, size_t n, const char *type)
{
    for (size_t i = 0; i < n; i++)
        if (!m[i].coref && strcmp(m[i].type, type) == 0 && !is_prep_before(s, m[i].start))
            return &m[i];
    return NULL;
}

/* "the South Korean company": the, up to three words, a head noun from the
 * corefhead cues. Fills *out with a cue spanning the phrase. */
static bool the_head_at(const fg_rules *r, fg_str s, size_t pos, fg_cue *out)
{
    if (s.len - pos < 4 || strncasecmp(s.ptr + pos, "the ", 4) != 0 ||
        (pos > 0 && fg_is_word_byte((unsigned char)s.ptr[pos - 1])))
        return false;
    size_t p = pos + 4;
    for (int w = 0; w < 4 && p < s.len; w++) {
        size_t e = p;
        while (e < s.len && (fg_is_word_byte((unsigned char)s.ptr[e]) || s.ptr[e] == '-'))
            e++;
        if (e == p)
            return false;
        const fg_cue *h = fg_rules_cue_eq(r, "corefhead", FG_LANG_EN, fg_str_make(s.ptr + p, e - p));
        if (h && w > 0) {
            *out = *h;
            out->word = fg_str_make(s.ptr + pos, e - pos);
            return true;
        }
        if (e >= s.len || s.ptr[e] != ' ')
            return false;
        p = e + 1;
    }
    return false;
}

fg_status fg_mentions_find(const fg_rules *rules, const fg_lexicon *lex, fg_recent *recent,
                           struct fg_topic *topic, fg_arena *a, fg_lang lang, fg_str s,
                           fg_smention **out, size_t *count, fg_error *err)
{
    fg_smention *m = NULL;
    size_t n = 0, cap = 0;
    size_t pos = 0;
    fg_status st = FG_OK;
    while (pos < s.len && st == FG_OK) {
        unsigned char c = (unsigned char)s.ptr[pos];
        /* references back */
        const fg_cue *cue = fg_rules_cue_at(rules, "coref", lang, s, pos);
        fg_cue headcue;
        if (!cue && lang == FG_LANG_EN && (c == 't' || c == 'T') && the_head_at(rules, s, pos, &headcue))
            cue = &headcue;
        if (cue) {
            char type[32];
            int want = 1;
            const char *sp = strchr(cue->value, ' ');
            size_t tl = sp ? (size_t)(sp - cue->value) : strlen(cue->value);
            if (tl >= sizeof(type))
                tl = sizeof(type) - 1;
            memcpy(type, cue->value, tl);
            type[tl] = '\0';
            if (sp)
                want = sp[1] - '0';
            const struct fg_recent_item *newest = recent_find(recent, type, 0);
            /* English: the subject of this sentence (Humain, …, said it plans) */
            /* only the pronoun: "the start-up" describes, and may be another */
            const fg_smention *subj = lang == FG_LANG_EN && fg_str_eq_cstr(cue->word, "it")
                                          ? sentence_subject(s, m, n, type) : NULL;
            if (subj && want == 1) {
                fg_smention v = {pos, pos + cue->word.len, subj->id, subj->type, "coref", true};
                st = fg_smentions_push(a, &m, &n, &cap, v, err);
                pos += cue->word.len;
                continue;
            }
            /* the topic, unless another name of the type came after the topic
             * was last named or used (その代表例がDeepSeekだ。同社は…) */
            bool use_topic = want == 1 && topic && topic->id && strcmp(topic->type, type) == 0 &&
                             !(newest && strcmp(newest->id, topic->id) != 0 &&
                               newest->sentence > topic->last_seen);
            /* English descriptions ("the company") point back past the names
             * of their own sentence: "Samsung agreed to supply the company" */
            bool topic_here = false;
            for (size_t q = 0; topic && topic->id && q < n; q++)
                if (strcmp(m[q].id, topic->id) == 0)
                    topic_here = true;
            if (lang == FG_LANG_EN) {
                /* "the company": the topic and the most-mentioned entity of the
                 * type (names of this very sentence aside) must agree; when
                 * they differ the reference is left unresolved, since a wrong
                 * edge misleads more than a missing one */
                const struct fg_recent_item *central = NULL;
                /* all but the sentence's subject: "Samsung agreed to supply the
                 * company" is not Samsung, "...14% of Anthropic, agreed to supply
                 * the company" may well be Anthropic */
                const fg_smention *ssubj = sentence_subject(s, m, n, type);
                for (size_t q = recent->count; q-- > 0;) {
                    const struct fg_recent_item *it = &recent->items[q];
                    if (strcmp(it->type, type) == 0 && !(ssubj && strcmp(ssubj->id, it->id) == 0) &&
                        (!central || it->count > central->count))
                        central = it;
                }
                const char *tid = topic && topic->id && strcmp(topic->type, type) == 0 && !topic_here
                                      ? topic->id : NULL;
                const char *id = NULL;
                /* a description that opens the sentence (The start-up was
                 * founded ...) continues the topic */
                bool opens = pos <= 4;
                /* a topic named once was just introduced and is what the next
                 * sentence goes on about (Tenstorrent, the Toronto-based
                 * designer... The start-up was founded...); an old one yields
                 * to the entity the text is most about */
                size_t tcount = 0;
                for (size_t q = 0; tid && q < recent->count; q++)
                    if (strcmp(recent->items[q].id, tid) == 0)
                        tcount = recent->items[q].count;
                if (opens && tid && (tcount <= 1 || !central))
                    id = tid;
                else if (opens && central)
                    id = central->id;
                else if (central && (!tid || strcmp(tid, central->id) == 0))
                    id = central->id;
                else if (!central && tid)
                    id = tid;
                if (id) {
                    /* the type string must outlive this function: take the entity's own */
                    const char *itype = central && strcmp(id, central->id) == 0 ? central->type : topic->type;
                    fg_smention v = {pos, pos + cue->word.len, id, itype, "coref", true};
                    st = fg_smentions_push(a, &m, &n, &cap, v, err);
                }
                pos += cue->word.len;
                continue;
            }
            /* 同総局, 同委員会: the office the word names, by how it was written
             * (国家市場監督管理総局), before any other of the type */
            if (lang == FG_LANG_JA && want == 1 && fg_str_starts_with(cue->word, "同") &&
                cue->word.len > 3) {
                fg_str suffix = fg_str_make(cue->word.ptr + 3, cue->word.len - 3);
                const struct fg_recent_item *named = NULL;
                for (size_t q = recent->count; q-- > 0 && !named;)
                    if (strcmp(recent->items[q].type, type) == 0 &&
                        (ends_with_str(recent->items[q].surface, suffix) ||
                         ends_with_str(recent->items[q].surface2, suffix)))
                        named = &recent->items[q];
                if (named) {
                    fg_smention v = {pos, pos + cue->word.len, named->id, named->type, "coref", true};
                    st = fg_smentions_push(a, &m, &n, &cap, v, err);
                    pos += cue->word.len;
                    continue;
                }
            }
            for (int k = 0; k < want; k++) {
                const struct fg_recent_item *it = recent_find(recent, type, k);
                struct fg_recent_item t = {use_topic ? topic->id : NULL, use_topic ? topic->type : NULL, 0, 0,
                                           FG_STR_NULL, FG_STR_NULL};
                if (use_topic)
                    it = &t;
                if (!it)
                    break;
                fg_smention v = {pos, pos + cue->word.len, it->id, it->type, "coref", true};
                st = fg_smentions_push(a, &m, &n, &cap, v, err);
            }
            pos += cue->word.len;
            continue;
        }
        /* 米 before 政府/大統領/商務省: the United States */
        if (lang == FG_LANG_JA) {
            const fg_cue *ab = fg_rules_cue_at(rules, "abbrev", lang, s, pos);
            if (ab && fg_rules_cue_at(rules, "statenoun", lang, s, pos + ab->word.len)) {
                const fg_entity *e = fg_lexicon_find_id(lex, fg_str_cstr(ab->value));
                /* not inside a longer name (中国 is matched by the lexicon first) */
                const fg_entity *longer = NULL;
                size_t ln = fg_lexicon_match_at(lex, s, pos, &longer);
                if (e && ln <= ab->word.len) {
                    fg_smention v = {pos, pos + ab->word.len, e->id, e->type, "abbrev", false};
                    st = fg_smentions_push(a, &m, &n, &cap, v, err);
                    fg_recent_note(recent, e->id, e->type, fg_str_make(s.ptr + pos, ab->word.len));
                    pos += ab->word.len;
                    continue;
                }
            }
        }
        const fg_entity *e = NULL;
        size_t len = fg_lexicon_match_at(lex, s, pos, &e);
        /* キオクシア|ホールディングス: a company suffix after a known name is the
         * same name written in full, not a cut inside a longer word */
        if (len && katakana_cut(s, pos, pos + len) && !katakana_cut(s, pos, pos)) {
            const fg_cue *suf = fg_rules_cue_at(rules, "orgsuffix", FG_LANG_JA, s, pos + len);
            if (suf && !is_katakana(cp_at(s, pos + len + suf->word.len)))
                len += suf->word.len;
        }
        if (len && !katakana_cut(s, pos, pos + len)) {
            /* "Ampere" after "Ampere Computing": a short form names the entity
             * the text has already introduced, not another one it could mean */
            for (size_t q = recent->count; q-- > 0;) {
                const char *rid = recent->items[q].id;
                if (strcmp(rid, e->id) != 0 && strcmp(recent->items[q].type, e->type) != 0 &&
                    strlen(rid) > len && strncasecmp(rid, s.ptr + pos, len) == 0 &&
                    rid[len] == ' ' && fg_is_word_byte((unsigned char)s.ptr[pos])) {
                    const fg_entity *full = fg_lexicon_find_id(lex, fg_str_cstr(rid));
                    if (full) {
                        e = full;
                        break;
                    }
                }
            }
            if (topic && topic->id && strcmp(topic->id, e->id) == 0)
                topic->last_seen = recent->sentence;
            fg_smention v = {pos, pos + len, e->id, e->type, "lexicon", false};
            st = fg_smentions_push(a, &m, &n, &cap, v, err);
            fg_recent_note(recent, e->id, e->type, fg_str_make(s.ptr + pos, len));
            pos += len;
            continue;
        }
        if (c >= 'A' && c <= 'Z' && (pos == 0 || !fg_is_word_byte((unsigned char)s.ptr[pos - 1]))) {
            size_t cl = chip_code_at(s, pos);
            if (cl && chip_word_after(s, pos + cl)) {
                char *id = fg_arena_strndup(a, s.ptr + pos, cl);
                if (!id)
                    return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
                fg_smention v = {pos, pos + cl, id, "chip", "shape", false};
                st = fg_smentions_push(a, &m, &n, &cap, v, err);
                pos += cl;
                continue;
            }
        }
        /* skip the rest of a Latin word, or one character */
        if (fg_is_word_byte(c)) {
            while (pos < s.len && fg_is_word_byte((unsigned char)s.ptr[pos]))
                pos++;
        } else {
            pos += fg_utf8_seqlen(c);
        }
    }
    if (st != FG_OK)
        return st;
    *out = m;
    *count = n;
    return FG_OK;
}
