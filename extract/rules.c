/* rules.c - parses the embedded trigger and cue tables. */
#include <string.h>

#include "data.h"
#include "extract_int.h"
#include "normalize.h"

static fg_lang lang_of(fg_str s)
{
    if (fg_str_eq_cstr(s, "ja")) return FG_LANG_JA;
    if (fg_str_eq_cstr(s, "en")) return FG_LANG_EN;
    return FG_LANG_AUTO;
}

/* Splits a line at tabs into at most max fields. */
static size_t split_tabs(fg_str line, fg_str *f, size_t max)
{
    size_t n = 0, s = 0;
    for (size_t i = 0; i <= line.len && n < max; i++) {
        if (i == line.len || line.ptr[i] == '\t') {
            f[n++] = fg_str_make(line.ptr + s, i - s);
            s = i + 1;
        }
    }
    return n;
}

/* Calls fn for each non-comment line of an embedded table. */
typedef fg_status (*line_fn)(fg_rules *r, fg_arena *a, fg_str *f, size_t nf, const char *src,
                             long lineno, fg_error *err);

static fg_status each_line(fg_rules *r, fg_arena *a, const char *text, size_t len, const char *src,
                           line_fn fn, fg_error *err)
{
    size_t pos = 0;
    long lineno = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        fg_str line = fg_str_make(text + pos, end - pos);
        lineno++;
        pos = end + 1;
        if (line.len == 0 || line.ptr[0] == '#')
            continue;
        fg_str f[4];
        size_t nf = split_tabs(line, f, 4);
        fg_status st = fn(r, a, f, nf, src, lineno, err);
        if (st != FG_OK)
            return st;
    }
    return FG_OK;
}

static char *dup_norm(fg_arena *a, fg_str s)
{
    return fg_normalize_nfkc(a, fg_str_trim(s));
}

static fg_status grow(void **items, size_t *cap, size_t count, size_t size, fg_arena *a)
{
    if (count < *cap)
        return FG_OK;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *n = fg_arena_calloc(a, ncap, size);
    if (!n)
        return FG_ENOMEM;
    if (count)
        memcpy(n, *items, count * size);
    *items = n;
    *cap = ncap;
    return FG_OK;
}

static fg_status trigger_line(fg_rules *r, fg_arena *a, fg_str *f, size_t nf, const char *src,
                              long lineno, fg_error *err)
{
    if (nf < 4)
        return fg_error_set_at(err, FG_EPARSE, src, lineno, 0, 0, "expected 4 fields");
    if (grow((void **)&r->triggers, &r->trigger_cap, r->trigger_count, sizeof(fg_trigger), a) != FG_OK)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    fg_trigger *t = &r->triggers[r->trigger_count];
    t->lang = lang_of(f[0]);
    t->type = fg_arena_strndup(a, f[1].ptr, f[1].len);
    char *w = dup_norm(a, f[2]);
    if (!t->type || !w)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    t->word = fg_str_cstr(w);
    t->frame = fg_str_eq_cstr(f[3], "dat") ? FG_FRAME_DAT
             : fg_str_eq_cstr(f[3], "from") ? FG_FRAME_FROM
             : fg_str_eq_cstr(f[3], "sym") ? FG_FRAME_SYM
             : fg_str_eq_cstr(f[3], "objdat") ? FG_FRAME_OBJDAT
             : fg_str_eq_cstr(f[3], "rev") ? FG_FRAME_REV
             : fg_str_eq_cstr(f[3], "list") ? FG_FRAME_LIST
             : fg_str_eq_cstr(f[3], "round") ? FG_FRAME_ROUND : FG_FRAME_OBJ;
    r->trigger_count++;
    return FG_OK;
}

static void split_types(fg_arena *a, fg_str s, const char **out)
{
    size_t n = 0, st = 0;
    for (size_t i = 0; i <= s.len && n < FG_SIG_MAX_TYPES - 1; i++) {
        if (i == s.len || s.ptr[i] == ',') {
            if (i > st)
                out[n++] = fg_arena_strndup(a, s.ptr + st, i - st);
            st = i + 1;
        }
    }
    out[n] = NULL;
}

static fg_status cue_line(fg_rules *r, fg_arena *a, fg_str *f, size_t nf, const char *src,
                          long lineno, fg_error *err)
{
    if (nf < 3)
        return fg_error_set_at(err, FG_EPARSE, src, lineno, 0, 0, "expected 3 or 4 fields");
    if (fg_str_eq_cstr(f[0], "sig")) {
        if (nf < 4)
            return fg_error_set_at(err, FG_EPARSE, src, lineno, 0, 0, "sig needs SRC>DST");
        if (grow((void **)&r->sigs, &r->sig_cap, r->sig_count, sizeof(fg_signature), a) != FG_OK)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        fg_signature *s = &r->sigs[r->sig_count++];
        s->type = fg_arena_strndup(a, f[2].ptr, f[2].len);
        const char *gt = memchr(f[3].ptr, '>', f[3].len);
        if (!gt)
            return fg_error_set_at(err, FG_EPARSE, src, lineno, 0, 0, "sig needs SRC>DST");
        split_types(a, fg_str_make(f[3].ptr, (size_t)(gt - f[3].ptr)), s->src);
        split_types(a, fg_str_make(gt + 1, f[3].len - (size_t)(gt - f[3].ptr) - 1), s->dst);
        return FG_OK;
    }
    if (grow((void **)&r->cues, &r->cue_cap, r->cue_count, sizeof(fg_cue), a) != FG_OK)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    fg_cue *c = &r->cues[r->cue_count];
    c->kind = fg_arena_strndup(a, f[0].ptr, f[0].len);
    c->lang = lang_of(f[1]);
    char *w = dup_norm(a, f[2]);
    c->value = nf > 3 ? fg_arena_strndup(a, f[3].ptr, f[3].len) : "";
    if (!c->kind || !w || !c->value)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    c->word = fg_str_cstr(w);
    r->cue_count++;
    return FG_OK;
}

static unsigned char fold_byte(unsigned char b)
{
    return b >= 'A' && b <= 'Z' ? (unsigned char)(b - 'A' + 'a') : b;
}

/* Groups the cues by kind and, within a kind, by first byte (a stable
 * counting sort, so file order is kept among cues with the same byte). */
static fg_status index_cues(fg_rules *r, fg_arena *a, fg_error *err)
{
    r->kinds = fg_arena_calloc(a, r->cue_count + 1, sizeof(*r->kinds));
    if (!r->kinds)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    for (size_t i = 0; i < r->cue_count; i++) {
        struct fg_cue_kind *k = NULL;
        for (size_t q = 0; q < r->kind_count && !k; q++)
            if (strcmp(r->kinds[q].kind, r->cues[i].kind) == 0)
                k = &r->kinds[q];
        if (!k) {
            k = &r->kinds[r->kind_count++];
            k->kind = r->cues[i].kind;
        }
        k->count++;
        if (r->cues[i].word.len)
            k->first[fold_byte((unsigned char)r->cues[i].word.ptr[0]) + 1]++;
    }
    for (size_t q = 0; q < r->kind_count; q++) {
        struct fg_cue_kind *k = &r->kinds[q];
        k->cues = fg_arena_calloc(a, k->count ? k->count : 1, sizeof(*k->cues));
        if (!k->cues)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        for (int b = 1; b <= 256; b++)
            k->first[b] += k->first[b - 1];
        size_t fill[256];
        memcpy(fill, k->first, sizeof(fill));
        for (size_t i = 0; i < r->cue_count; i++)
            if (r->cues[i].kind == k->kind || strcmp(r->cues[i].kind, k->kind) == 0)
                if (r->cues[i].word.len)
                    k->cues[fill[fold_byte((unsigned char)r->cues[i].word.ptr[0])]++] = &r->cues[i];
    }
    return FG_OK;
}

fg_status fg_rules_load(fg_rules *r, fg_arena *a, fg_error *err)
{
    memset(r, 0, sizeof(*r));
    fg_status st = each_line(r, a, fg_data_triggers, fg_data_triggers_len, "<data/triggers.tsv>",
                             trigger_line, err);
    if (st == FG_OK)
        st = each_line(r, a, fg_data_cues, fg_data_cues_len, "<data/cues.tsv>", cue_line, err);
    if (st == FG_OK)
        st = index_cues(r, a, err);
    return st;
}

static const struct fg_cue_kind *kind_of(const fg_rules *r, const char *kind)
{
    for (size_t q = 0; q < r->kind_count; q++)
        if (strcmp(r->kinds[q].kind, kind) == 0)
            return &r->kinds[q];
    return NULL;
}

const fg_cue *const *fg_rules_cues(const fg_rules *r, const char *kind, size_t *n)
{
    const struct fg_cue_kind *k = kind_of(r, kind);
    *n = k ? k->count : 0;
    return k ? k->cues : NULL;
}

const fg_signature *fg_rules_sig(const fg_rules *r, const char *type)
{
    for (size_t i = 0; i < r->sig_count; i++)
        if (strcmp(r->sigs[i].type, type) == 0)
            return &r->sigs[i];
    return NULL;
}

static int type_rank(const char *const *list, const char *type)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(list[i], type) == 0)
            return i;
    return -1;
}

bool fg_rules_sig_ok(const fg_rules *r, const char *type, const char *src_type,
                     const char *dst_type, int *rank)
{
    const fg_signature *s = fg_rules_sig(r, type);
    if (!s)
        return false;
    int rs = src_type ? type_rank(s->src, src_type) : 0;
    int rd = dst_type ? type_rank(s->dst, dst_type) : 0;
    if (rank)
        *rank = rd;
    return rs >= 0 && rd >= 0;
}

const fg_cue *fg_rules_cue_at(const fg_rules *r, const char *kind, fg_lang lang, fg_str text,
                              size_t pos)
{
    const fg_cue *best = NULL;
    const struct fg_cue_kind *k = kind_of(r, kind);
    if (!k || pos >= text.len)
        return NULL;
    unsigned char b = fold_byte((unsigned char)text.ptr[pos]);
    for (size_t i = k->first[b]; i < k->first[b + 1]; i++) {
        const fg_cue *c = k->cues[i];
        if (c->lang != lang && c->lang != FG_LANG_AUTO)
            continue;
        if (c->word.len > text.len - pos)
            continue;
        if (lang == FG_LANG_EN) {
            /* case-insensitive, whole words */
            if (strncasecmp(text.ptr + pos, c->word.ptr, c->word.len) != 0)
                continue;
            size_t e = pos + c->word.len;
            if ((pos > 0 && fg_is_word_byte((unsigned char)text.ptr[pos - 1])) ||
                (e < text.len && fg_is_word_byte((unsigned char)text.ptr[e])))
                continue;
        } else if (memcmp(text.ptr + pos, c->word.ptr, c->word.len) != 0) {
            continue;
        }
        if (!best || c->word.len > best->word.len)
            best = c;
    }
    return best;
}

const fg_cue *fg_rules_cue_eq(const fg_rules *r, const char *kind, fg_lang lang, fg_str w)
{
    const struct fg_cue_kind *k = kind_of(r, kind);
    if (!k || w.len == 0)
        return NULL;
    unsigned char b = fold_byte((unsigned char)w.ptr[0]);
    for (size_t i = k->first[b]; i < k->first[b + 1]; i++) {
        const fg_cue *c = k->cues[i];
        if ((c->lang == lang || c->lang == FG_LANG_AUTO) && fg_str_eq(c->word, w))
            return c;
    }
    return NULL;
}

const char *fg_rules_retype(const fg_rules *r, const char *type, const char *dst_type)
{
    size_t n;
    const fg_cue *const *cues = fg_rules_cues(r, "retype", &n);
    for (size_t i = 0; i < n; i++) {
        const fg_cue *c = cues[i];
        if (!fg_str_starts_with(c->word, type) ||
            c->word.len <= strlen(type) || c->word.ptr[strlen(type)] != '>')
            continue;
        if (strcmp(c->word.ptr + strlen(type) + 1, dst_type) == 0) {
            const fg_signature *sig = fg_rules_sig(r, c->value);
            return sig ? sig->type : NULL;
        }
    }
    return NULL;
}

const char *fg_rules_relnoun(const fg_rules *r, const fg_cue *cue, bool *holder_is_src)
{
    char type[32];
    const char *sp = strchr(cue->value, ' ');
    size_t tl = sp && (size_t)(sp - cue->value) < sizeof(type) ? (size_t)(sp - cue->value) : 0;
    memcpy(type, cue->value, tl);
    type[tl] = '\0';
    *holder_is_src = sp && strcmp(sp + 1, "holder>owner") == 0;
    const fg_signature *sig = fg_rules_sig(r, type);
    return sig ? sig->type : NULL;
}

bool fg_rules_fact_ok(const fg_rules *r, const char *type, const char *src_type, const char *dst_type)
{
    if (fg_rules_sig_ok(r, type, src_type, dst_type, NULL))
        return true;
    const char *re = dst_type ? fg_rules_retype(r, type, dst_type) : NULL;
    if (!re)
        return false;
    return strcmp(re, "part_of") == 0 ? fg_rules_sig_ok(r, re, dst_type, src_type, NULL)
                                      : fg_rules_sig_ok(r, re, src_type, dst_type, NULL);
}
