/* doc.c - load a document: read, validate, NFKC-normalize with an offset map,
 * find the title, detect the language, split into sentences.
 *
 * Assumptions, stated once here (after linenoise.c):
 *  - Input is UTF-8. A NUL byte means a binary file; we do not guess encodings.
 *  - The normalized text is what every later stage reads; the original bytes
 *    are kept so that evidence and errors point into the user's file.
 *  - Every line break ends a sentence: news articles put headings, captions
 *    and list items on lines of their own, without a final 。 or period.
 *
 * utf8proc is used only here and in normalize.c; its buffers never leave this
 * file (we normalize into stack buffers, so utf8proc allocates nothing). */
#include "factgraph/doc.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

#include "limits.h"

/* ---- the document ----------------------------------------------------- */

/* One run of the offset map. Inside a run every segment (see normalize())
 * took in_step original bytes and produced out_step normalized bytes, so a
 * normalized offset p maps to orig + (p - norm) / out_step * in_step: the
 * start of the segment that produced p. Unchanged text, and text whose length
 * did not change, is one run with steps 1/1, so the map is small: a Japanese
 * article with a few full-width names has a handful of runs, not one entry per
 * byte. Offsets fit in 32 bits because documents are at most FG_MAX_DOC_BYTES
 * and the normalized text at most NORM_MAX_BYTES. */
struct run {
    uint32_t norm, orig;
    uint32_t in_step, out_step;
};

struct fg_doc {
    fg_arena *arena;
    const char *source;
    fg_str orig;
    fg_str text;
    fg_str title;
    fg_lang lang;
    const struct run *runs;
    size_t run_count;
    const fg_sentence *sentences;
    size_t sentence_count;
    const char *date;  /* fg_doc_set_date(), or NULL */
};

/* NFKC expands some characters (U+FDFA is 3 bytes and becomes 33), so the
 * normalized text may be longer than the input; news text grows by a few
 * percent at most. Four times the input limit keeps offsets in 32 bits. */
#define NORM_MAX_BYTES (4 * FG_MAX_DOC_BYTES)
_Static_assert(NORM_MAX_BYTES < UINT32_MAX, "offset map uses 32-bit offsets");

#define NFKC_OPTIONS (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT)

/* ---- languages -------------------------------------------------------- */

const char *fg_lang_name(fg_lang lang)
{
    switch (lang) {
    case FG_LANG_AUTO: return "auto";
    case FG_LANG_JA: return "ja";
    case FG_LANG_EN: return "en";
    }
    return "auto";
}

fg_status fg_lang_parse(fg_lang *out, const char *name, fg_error *err)
{
    assert(out && name);
    if (strcmp(name, "ja") == 0)
        *out = FG_LANG_JA;
    else if (strcmp(name, "en") == 0)
        *out = FG_LANG_EN;
    else if (strcmp(name, "auto") == 0)
        *out = FG_LANG_AUTO;
    else
        return fg_error_set(err, FG_EINVAL, NULL,
                            "unknown language '%s' (expected ja, en or auto)", name);
    return FG_OK;
}

/* ---- validation ------------------------------------------------------- */

static bool has_bom(const char *p, size_t len)
{
    return len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
           (unsigned char)p[2] == 0xBF;
}

/* Line and column (1-based, column in characters) of byte offset off, which
 * lies after valid UTF-8 text starting at byte start. CRLF, CR and LF each end
 * a line. The BOM is not a character the user sees, so it is not counted. */
static void position_of(const char *p, size_t start, size_t off, long *line, long *column)
{
    long ln = 1, col = 1;
    for (size_t i = start; i < off; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\n' || (c == '\r' && !(i + 1 < off && p[i + 1] == '\n'))) {
            ln++;
            col = 1;
        } else if (c == '\r') {
            continue; /* the \n of this CRLF ends the line */
        } else if ((c & 0xC0) != 0x80) {
            col++;
        }
    }
    *line = ln;
    *column = col;
}

static fg_status validate(const char *source, const char *bytes, size_t len, fg_error *err)
{
    if (len == 0)
        return fg_error_set(err, FG_EEMPTY, source, "empty document");
    if (len > FG_MAX_DOC_BYTES)
        return fg_error_set(err, FG_ELIMIT, source,
                            "document too large (%zu bytes, limit %zu)", len,
                            FG_MAX_DOC_BYTES);
    /* NUL first: a binary file usually has invalid UTF-8 too, and "binary
     * file" is the more useful message. */
    const char *nul = memchr(bytes, '\0', len);
    if (nul) {
        size_t off = (size_t)(nul - bytes);
        return fg_error_set_at(err, FG_EEMPTY, source, 0, 0, off,
                               "binary file (NUL byte at byte %zu)", off);
    }
    size_t start = has_bom(bytes, len) ? 3 : 0;
    size_t bad = start + fg_utf8_validate(bytes + start, len - start);
    if (bad < len) {
        long line, column;
        position_of(bytes, start, bad, &line, &column);
        return fg_error_set_at(err, FG_EUTF8, source, line, column, bad,
                               "invalid utf-8 byte 0x%02x", (unsigned)(unsigned char)bytes[bad]);
    }
    return FG_OK;
}

/* ---- NFKC with an offset map ------------------------------------------ */

/* Normalization works on segments: a code point plus the code points after it
 * that canonical composition could merge into it, i.e. those whose
 * decomposition starts with a non-starter (combining class > 0: accents, and
 * the kana voicing marks that half-width ﾞ/ﾟ decompose to, so ｶﾞ becomes ガ),
 * and Hangul vowel/trailing jamo. Each segment is normalized on its own and
 * all its output bytes map to the segment's first original byte.
 *
 * Approximation: NFKC can also compose two starters outside Hangul (a few
 * Indic and Sinhala two-part vowels, e.g. U+0B47 U+0B3E). We leave those
 * decomposed pairs as written; they do not occur in Japanese or English news.
 * A segment holds at most SEG_MAX decomposed code points; a longer run of
 * combining marks (Unicode's stream-safe format allows 30) is cut there. */
#define SEG_MAX 128
#define CP_DECOMP_MAX 32 /* the longest compatibility decomposition is 18 */

struct cpinfo {
    size_t pos, len;   /* where the code point is in the input, and its bytes */
    utf8proc_ssize_t dlen;
    bool identity;     /* NFKC of this code point alone is itself */
    bool joins;        /* composition may merge it into the previous segment */
};

struct normalizer {
    const char *in;
    size_t len;
    const char *source;
    fg_buf out;        /* normalized bytes */
    fg_buf runs;       /* struct run, finished runs */
    struct run cur;    /* the open run; out_step 0 = none yet */
    size_t orig_pos;   /* original bytes consumed */
    bool force_break;  /* the next segment starts a new run */
    struct cpinfo ahead;
    fg_error *err;
};

static fg_status dep_error(struct normalizer *nz, utf8proc_ssize_t code)
{
    return fg_error_set(nz->err, FG_EDEP, nz->source, "utf8proc: %s", utf8proc_errmsg(code));
}

static fg_status cp_info(struct normalizer *nz, size_t pos, struct cpinfo *ci)
{
    if (nz->ahead.pos == pos && nz->ahead.len) {
        *ci = nz->ahead;
        return FG_OK;
    }
    int cp;
    size_t n = fg_utf8_decode(nz->in + pos, nz->len - pos, &cp);
    assert(n > 0); /* validated before */
    utf8proc_int32_t d[CP_DECOMP_MAX];
    utf8proc_ssize_t dlen = utf8proc_decompose_char(cp, d, CP_DECOMP_MAX, NFKC_OPTIONS, NULL);
    if (dlen < 0)
        return dep_error(nz, dlen);
    if (dlen == 0 || dlen > CP_DECOMP_MAX)
        return fg_error_set(nz->err, FG_EDEP, nz->source,
                            "utf8proc: unexpected decomposition of U+%04X", (unsigned)cp);
    ci->pos = pos;
    ci->len = n;
    ci->dlen = dlen;
    ci->identity = dlen == 1 && d[0] == cp;
    ci->joins = utf8proc_get_property(d[0])->combining_class != 0 ||
                (cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2);
    nz->ahead = *ci;
    return FG_OK;
}

/* Appends one segment's output and extends the offset map. */
static fg_status emit_segment(struct normalizer *nz, const char *bytes, size_t in_len,
                              size_t out_len)
{
    fg_status st;
    if (out_len > NORM_MAX_BYTES - nz->out.len)
        return fg_error_set(nz->err, FG_ELIMIT, nz->source,
                            "normalized text too large (limit %zu bytes)", NORM_MAX_BYTES);
    if ((st = fg_buf_add(&nz->out, bytes, out_len, nz->err)) != FG_OK)
        return st;
    size_t norm_pos = nz->out.len - out_len;
    if (out_len == 0) {
        /* Nothing to map; the bytes skipped here would break a run's stride. */
        nz->orig_pos += in_len;
        nz->force_break = true;
        return FG_OK;
    }
    uint32_t in_step = in_len == out_len ? 1 : (uint32_t)in_len;
    uint32_t out_step = in_len == out_len ? 1 : (uint32_t)out_len;
    if (nz->force_break || nz->cur.in_step != in_step || nz->cur.out_step != out_step) {
        if (nz->cur.out_step &&
            (st = fg_buf_add(&nz->runs, &nz->cur, sizeof(nz->cur), nz->err)) != FG_OK)
            return st;
        nz->cur.norm = (uint32_t)norm_pos;
        nz->cur.orig = (uint32_t)nz->orig_pos;
        nz->cur.in_step = in_step;
        nz->cur.out_step = out_step;
        nz->force_break = false;
    }
    nz->orig_pos += in_len;
    return FG_OK;
}

/* Normalizes the segment that starts at code point ci. Returns its end. */
static fg_status normalize_segment(struct normalizer *nz, const struct cpinfo *ci, size_t *end)
{
    fg_status st;
    size_t seg_end = ci->pos + ci->len;
    utf8proc_ssize_t dsum = ci->dlen;
    bool single = true;
    while (seg_end < nz->len && (unsigned char)nz->in[seg_end] >= 0x80) {
        struct cpinfo next;
        if ((st = cp_info(nz, seg_end, &next)) != FG_OK)
            return st;
        if (!next.joins || dsum + next.dlen > SEG_MAX)
            break;
        seg_end += next.len;
        dsum += next.dlen;
        single = false;
    }
    *end = seg_end;
    const char *seg = nz->in + ci->pos;
    size_t seg_len = seg_end - ci->pos;
    if (single && ci->identity) /* most kana and kanji */
        return emit_segment(nz, seg, seg_len, seg_len);

    /* One extra element: utf8proc_reencode writes a NUL after the UTF-8. */
    utf8proc_int32_t buf[SEG_MAX + 1];
    utf8proc_ssize_t n = utf8proc_decompose((const utf8proc_uint8_t *)seg,
                                            (utf8proc_ssize_t)seg_len, buf, SEG_MAX, NFKC_OPTIONS);
    if (n < 0)
        return dep_error(nz, n);
    if (n > SEG_MAX)
        return fg_error_set(nz->err, FG_EDEP, nz->source,
                            "utf8proc: decomposition longer than expected");
    n = utf8proc_reencode(buf, n, NFKC_OPTIONS);
    if (n < 0)
        return dep_error(nz, n);
    return emit_segment(nz, (const char *)buf, seg_len, (size_t)n);
}

/* Length of the run of plain ASCII at nz->in[i..) that can be copied as is:
 * no CR (it becomes LF), and not the last byte before a non-ASCII code point,
 * which may be a combining mark that composes with it ("e" U+0301). */
static size_t ascii_run(const struct normalizer *nz, size_t i)
{
    size_t j = i;
    while (j < nz->len && (unsigned char)nz->in[j] < 0x80 && nz->in[j] != '\r')
        j++;
    if (j < nz->len && j > i && (unsigned char)nz->in[j] >= 0x80)
        j--;
    return j - i;
}

static fg_status normalize(struct normalizer *nz, size_t start)
{
    fg_status st;
    size_t i = start;
    nz->orig_pos = start;
    while (i < nz->len) {
        size_t n = ascii_run(nz, i);
        if (n > 0) {
            if ((st = emit_segment(nz, nz->in + i, n, n)) != FG_OK)
                return st;
            i += n;
        } else if (nz->in[i] == '\r') { /* CRLF and lone CR become LF */
            n = i + 1 < nz->len && nz->in[i + 1] == '\n' ? 2 : 1;
            if ((st = emit_segment(nz, "\n", n, 1)) != FG_OK)
                return st;
            i += n;
        } else {
            struct cpinfo ci;
            if ((st = cp_info(nz, i, &ci)) != FG_OK)
                return st;
            if ((st = normalize_segment(nz, &ci, &i)) != FG_OK)
                return st;
        }
    }
    if (nz->cur.out_step)
        return fg_buf_add(&nz->runs, &nz->cur, sizeof(nz->cur), nz->err);
    return FG_OK;
}

size_t fg_doc_orig_offset(const fg_doc *doc, size_t norm_offset)
{
    assert(norm_offset <= doc->text.len);
    if (norm_offset >= doc->text.len || doc->run_count == 0)
        return doc->orig.len;
    /* the last run whose start is <= norm_offset; runs[0].norm is 0 */
    size_t lo = 0, hi = doc->run_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->runs[mid].norm <= norm_offset)
            lo = mid;
        else
            hi = mid;
    }
    const struct run *r = &doc->runs[lo];
    size_t k = (norm_offset - r->norm) / r->out_step;
    return (size_t)r->orig + k * r->in_step;
}

/* ---- language --------------------------------------------------------- */

static bool is_kana(int cp)
{
    return (cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF) ||
           (cp >= 0x31F0 && cp <= 0x31FF);
}

static bool is_ideograph(int cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Any kana means Japanese: English articles quote Japanese names in Latin
 * letters, and Chinese has no kana. Without kana, text that is at least 5%
 * ideographs (counted among letters and digits) is treated as Japanese too,
 * since we have only two pipelines and Japanese is the closer one; an English
 * article quoting "東京" once stays English. */
static fg_lang detect_lang(fg_str t)
{
    size_t ideographs = 0, letters = 0;
    for (size_t i = 0; i < t.len;) {
        unsigned char c = (unsigned char)t.ptr[i];
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                letters++;
            i++;
            continue;
        }
        int cp = 0;
        size_t n = fg_utf8_decode(t.ptr + i, t.len - i, &cp);
        if (n == 0)
            n = 1;
        if (is_kana(cp))
            return FG_LANG_JA;
        if (is_ideograph(cp))
            ideographs++;
        else if (utf8proc_category(cp) >= UTF8PROC_CATEGORY_LU &&
                 utf8proc_category(cp) <= UTF8PROC_CATEGORY_LO)
            letters++;
        i += n;
    }
    if (ideographs > 0 && ideographs * 20 >= ideographs + letters)
        return FG_LANG_JA;
    return FG_LANG_EN;
}

/* ---- sentences -------------------------------------------------------- */

struct splitter {
    fg_doc *doc;
    const char *t;
    size_t n;
    fg_buf sents; /* fg_sentence */
    size_t count;
    fg_error *err;
};

/* Byte length of a line break at t[i] (LF, VT, FF, NEL, LS, PS), else 0. */
static size_t line_break_at(const char *t, size_t n, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c == '\n' || c == '\v' || c == '\f')
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)t[i + 1] == 0x85)
        return 2;
    if (c == 0xE2 && i + 2 < n && (unsigned char)t[i + 1] == 0x80 &&
        ((unsigned char)t[i + 2] == 0xA8 || (unsigned char)t[i + 2] == 0xA9))
        return 3;
    return 0;
}

static bool has_at(const char *t, size_t n, size_t i, const char *lit, size_t litlen)
{
    return i + litlen <= n && memcmp(t + i, lit, litlen) == 0;
}

/* Closing brackets and quotes that stay with the sentence they close:
 * 「…した。」 and He said "yes." Full-width ）］ are ASCII after NFKC. */
static size_t closer_at(const char *t, size_t n, size_t i)
{
    static const char *const closers[] = {"\xE3\x80\x8D" /* 」 */, "\xE3\x80\x8F" /* 』 */,
                                          "\xE3\x80\x91" /* 】 */, "\xE3\x80\x95" /* 〕 */,
                                          "\xE3\x80\x89" /* 〉 */, "\xE3\x80\x8B" /* 》 */,
                                          "\xE2\x80\x9D" /* ” */, "\xE2\x80\x99" /* ’ */};
    if (i >= n)
        return 0;
    char c = t[i];
    if (c == ')' || c == ']' || c == '}' || c == '"' || c == '\'')
        return 1;
    for (size_t k = 0; k < sizeof(closers) / sizeof(closers[0]); k++)
        if (has_at(t, n, i, closers[k], 3))
            return 3;
    return 0;
}

static bool opener_at(const char *t, size_t n, size_t i)
{
    char c = t[i];
    return c == '"' || c == '\'' || c == '(' || c == '[' ||
           has_at(t, n, i, "\xE2\x80\x9C", 3) /* “ */ ||
           has_at(t, n, i, "\xE2\x80\x98", 3) /* ‘ */ ||
           has_at(t, n, i, "\xE3\x80\x8C", 3) /* 「 */ ||
           has_at(t, n, i, "\xE3\x80\x8E", 3) /* 『 */;
}

/* Words after which a period does not end an English sentence. Compared
 * case-sensitively, without the final period. */
static const char *const abbreviations[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sr", "Jr", "St", "Mt", "Gov", "Sen", "Rep", "Gen",
    "Lt", "Col", "Capt", "Inc", "Corp", "Ltd", "Co", "Bros", "No", "Nos", "no", "vs", "v",
    "approx", "est", "Fig", "Vol", "Ave", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec",
};

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* "U.S", "U.K", "e.g", "i.e", "a.m": letters in groups of one or two,
 * separated by periods. */
static bool is_dotted_initials(const char *w, size_t len)
{
    size_t group = 0, groups = 0;
    for (size_t i = 0; i < len; i++) {
        if (is_alpha(w[i])) {
            if (++group > 2)
                return false;
        } else if (w[i] == '.' && group > 0) {
            group = 0;
            groups++;
        } else {
            return false;
        }
    }
    return group > 0 && groups > 0;
}

/* Is the word ending at t[dot] (a period) an abbreviation or an initial? */
static bool abbreviation_before(const char *t, size_t start, size_t dot)
{
    size_t ws = dot;
    while (ws > start && t[ws - 1] != ' ' && t[ws - 1] != '\t' && t[ws - 1] != '(' &&
           t[ws - 1] != '"' && t[ws - 1] != '\'')
        ws--;
    size_t len = dot - ws;
    const char *w = t + ws;
    if (len == 0)
        return false;
    if (len == 1 && w[0] >= 'A' && w[0] <= 'Z') /* an initial: J. Smith */
        return true;
    for (size_t k = 0; k < sizeof(abbreviations) / sizeof(abbreviations[0]); k++)
        if (strlen(abbreviations[k]) == len && memcmp(abbreviations[k], w, len) == 0)
            return true;
    return is_dotted_initials(w, len);
}

static size_t skip_closers(const char *t, size_t n, size_t j)
{
    for (;;) {
        size_t cl = closer_at(t, n, j);
        if (cl == 0)
            return j;
        j += cl;
    }
}

/* English rule for a terminator (. ! ?) at t[i] in a sentence starting at
 * start: it ends the sentence when followed by white space and then an
 * uppercase letter, an opening quote, a line break or the end of the text,
 * and (for a period) not after an abbreviation. "1.3" and "$2.5 billion" have
 * no space after the period, so numbers never split. Returns the sentence
 * end (after closing quotes), or 0 for no split. */
static size_t english_end(const char *t, size_t n, size_t start, size_t i)
{
    size_t j = i + 1;
    while (j < n && (t[j] == '.' || t[j] == '!' || t[j] == '?'))
        j++;
    j = skip_closers(t, n, j);
    if (j >= n)
        return j;
    if (t[j] != ' ' && t[j] != '\t')
        return line_break_at(t, n, j) ? j : 0;
    size_t k = j;
    while (k < n && (t[k] == ' ' || t[k] == '\t'))
        k++;
    if (k < n && !line_break_at(t, n, k) && !(t[k] >= 'A' && t[k] <= 'Z') && !opener_at(t, n, k))
        return 0;
    if (t[i] == '.' && abbreviation_before(t, start, i))
        return 0;
    return j;
}

static fg_status add_sentence(struct splitter *sp, fg_str s)
{
    fg_sentence sen;
    sen.index = sp->count;
    sen.text = s;
    sen.norm_start = (size_t)(s.ptr - sp->t);
    sen.orig_start = fg_doc_orig_offset(sp->doc, sen.norm_start);
    sen.orig_end = fg_doc_orig_offset(sp->doc, sen.norm_start + s.len);
    fg_status st = fg_buf_add(&sp->sents, &sen, sizeof(sen), sp->err);
    if (st == FG_OK)
        sp->count++;
    return st;
}

/* Trims t[start..end) and adds it, cut into pieces of at most
 * FG_MAX_SENTENCE_BYTES at character boundaries; skips it if empty. */
static fg_status emit_sentence(struct splitter *sp, size_t start, size_t end)
{
    fg_status st;
    fg_str s = fg_str_trim(fg_str_make(sp->t + start, end - start));
    while (s.len > 0) {
        size_t cut = s.len;
        if (cut > FG_MAX_SENTENCE_BYTES) {
            cut = FG_MAX_SENTENCE_BYTES;
            while (cut > 0 && ((unsigned char)s.ptr[cut] & 0xC0) == 0x80)
                cut--;
        }
        fg_str piece = fg_str_trim(fg_str_make(s.ptr, cut));
        if (piece.len > 0 && (st = add_sentence(sp, piece)) != FG_OK)
            return st;
        s = fg_str_trim(fg_str_make(s.ptr + cut, s.len - cut));
    }
    return FG_OK;
}

/* Was the code point at t[i] written full-width (！ rather than !) in the
 * original? NFKC turned both into the same ASCII byte. */
static bool was_wide(const fg_doc *doc, size_t i)
{
    return fg_doc_orig_offset(doc, i + 1) - fg_doc_orig_offset(doc, i) > 1;
}

/* Where does a sentence containing the terminator at t[i] end? 0 = it does
 * not end here. */
static size_t sentence_end(struct splitter *sp, size_t start, size_t i)
{
    const char *t = sp->t;
    size_t n = sp->n;
    if (has_at(t, n, i, "\xE3\x80\x82", 3)) { /* 。 */
        size_t j = i + 3;
        while (has_at(t, n, j, "\xE3\x80\x82", 3))
            j += 3;
        return skip_closers(t, n, j);
    }
    if (t[i] != '.' && t[i] != '!' && t[i] != '?')
        return 0;
    /* In Japanese, ！ and ？ end a sentence as 。 does, and so does an ASCII
     * ! or ? right after Japanese text (すごい!). After Latin text it is
     * English punctuation, or part of a name ("Yahoo!ニュース"). */
    if (sp->doc->lang == FG_LANG_JA && t[i] != '.' && i > start &&
        (was_wide(sp->doc, i) || (unsigned char)t[i - 1] >= 0x80)) {
        size_t j = i + 1;
        while (j < n && (t[j] == '!' || t[j] == '?'))
            j++;
        return skip_closers(t, n, j);
    }
    return english_end(t, n, start, i);
}

static fg_status split_lines(struct splitter *sp, size_t from)
{
    fg_status st;
    size_t start = from;
    size_t i = from;
    while (i < sp->n) {
        size_t lb = line_break_at(sp->t, sp->n, i);
        if (lb > 0) {
            if ((st = emit_sentence(sp, start, i)) != FG_OK)
                return st;
            i += lb;
            start = i;
            continue;
        }
        size_t end = sentence_end(sp, start, i);
        if (end > 0) {
            if ((st = emit_sentence(sp, start, end)) != FG_OK)
                return st;
            i = start = end;
            continue;
        }
        i++;
    }
    return emit_sentence(sp, start, sp->n);
}

/* The title is the first non-empty line and sentence 0, whole when it is
 * headline-sized: a headline like "NVIDIA、売上高160億ドル。前年比2倍" states its facts together. */
static fg_status find_title(struct splitter *sp, size_t *rest)
{
    size_t i = 0;
    while (i < sp->n) {
        size_t e = i;
        while (e < sp->n && line_break_at(sp->t, sp->n, e) == 0)
            e++;
        fg_str line = fg_str_trim(fg_str_make(sp->t + i, e - i));
        size_t next = e < sp->n ? e + line_break_at(sp->t, sp->n, e) : e;
        if (line.len > 0) {
            sp->doc->title = line;
            /* A first line as long as a paragraph is no headline (some
             * articles have none): it is split like the rest. */
            if (line.len > FG_MAX_TITLE_BYTES) {
                *rest = i;
                return FG_OK;
            }
            *rest = next;
            return emit_sentence(sp, i, e);
        }
        i = next;
    }
    *rest = sp->n; /* cannot happen: white space only was rejected */
    return FG_OK;
}

static bool only_space(fg_str t)
{
    for (size_t i = 0; i < t.len; i++)
        if (!(t.ptr[i] == ' ' || t.ptr[i] == '\t' || t.ptr[i] == '\n' || t.ptr[i] == '\v' ||
              t.ptr[i] == '\f'))
            return false;
    return true;
}

static fg_status split_sentences(fg_doc *doc, fg_error *err)
{
    fg_status st;
    struct splitter sp = {doc, doc->text.ptr, doc->text.len, {0}, 0, err};
    size_t rest = 0;
    fg_buf_init(&sp.sents, 0);
    if ((st = find_title(&sp, &rest)) != FG_OK)
        goto out;
    if ((st = split_lines(&sp, rest)) != FG_OK)
        goto out;
    fg_sentence *arr = fg_arena_alloc(doc->arena, sp.sents.len);
    if (!arr) {
        st = fg_error_set(err, FG_ENOMEM, doc->source, "out of memory");
        goto out;
    }
    memcpy(arr, sp.sents.ptr, sp.sents.len);
    doc->sentences = arr;
    doc->sentence_count = sp.count;
out:
    fg_buf_release(&sp.sents);
    return st;
}

/* ---- loading ---------------------------------------------------------- */

static fg_status build(fg_doc *doc, fg_error *err)
{
    fg_status st;
    const char *orig = doc->orig.ptr;
    size_t len = doc->orig.len;
    struct normalizer nz = {.in = orig, .len = len, .source = doc->source, .err = err};
    fg_buf_init(&nz.out, 0);
    fg_buf_init(&nz.runs, 0);
    if ((st = normalize(&nz, has_bom(orig, len) ? 3 : 0)) != FG_OK)
        goto out;
    fg_str text = fg_str_make(nz.out.ptr, nz.out.len);
    if (only_space(text)) {
        st = fg_error_set(err, FG_EEMPTY, doc->source, "empty document");
        goto out;
    }
    char *t = fg_arena_strndup(doc->arena, text.ptr, text.len);
    struct run *runs = fg_arena_alloc(doc->arena, nz.runs.len);
    if (!t || !runs) {
        st = fg_error_set(err, FG_ENOMEM, doc->source, "out of memory");
        goto out;
    }
    memcpy(runs, nz.runs.ptr, nz.runs.len);
    doc->text = fg_str_make(t, text.len);
    doc->runs = runs;
    doc->run_count = nz.runs.len / sizeof(struct run);
    if (doc->lang == FG_LANG_AUTO)
        doc->lang = detect_lang(doc->text);
    st = split_sentences(doc, err);
out:
    fg_buf_release(&nz.out);
    fg_buf_release(&nz.runs);
    if (st != FG_OK)
        fg_error_set_source(err, doc->source);
    return st;
}

fg_status fg_doc_load_mem(fg_doc **out, const char *source, const char *bytes, size_t len,
                          fg_lang lang, fg_error *err)
{
    fg_status st;
    fg_arena *arena = NULL;
    fg_doc *doc = NULL;
    assert(out && (bytes || len == 0));
    *out = NULL;
    if (!source)
        source = "<input>";
    if ((st = validate(source, bytes, len, err)) != FG_OK)
        goto out;
    arena = fg_arena_new();
    if (!arena) {
        st = fg_error_set(err, FG_ENOMEM, source, "out of memory");
        goto out;
    }
    doc = fg_arena_calloc(arena, 1, sizeof(*doc));
    char *copy = fg_arena_strndup(arena, bytes, len);
    char *src = fg_arena_strdup(arena, source);
    if (!doc || !copy || !src) {
        st = fg_error_set(err, FG_ENOMEM, source, "out of memory");
        goto out;
    }
    doc->arena = arena;
    doc->source = src;
    doc->orig = fg_str_make(copy, len);
    doc->lang = lang;
    if ((st = build(doc, err)) != FG_OK)
        goto out;
    if (fg_arena_failed(arena)) {
        st = fg_error_set(err, FG_ENOMEM, source, "out of memory");
        goto out;
    }
    *out = doc;
    arena = NULL; /* owned by the document now */
out:
    fg_arena_free(arena);
    return st;
}

/* The system's own text ("No such file or directory"), as git and curl print
 * it: users search for that exact wording, so it is not recased. */
static fg_status io_error(fg_error *err, const char *source, int errnum)
{
    char tmp[128];
    /* GNU strerror_r: returns the text, in tmp or in static storage */
    return fg_error_set(err, FG_EIO, source, "%s", strerror_r(errnum, tmp, sizeof(tmp)));
}

static fg_status read_fd(int fd, const char *source, fg_buf *b, fg_error *err)
{
    char chunk[64 * 1024];
    fg_status st;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof(chunk));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return io_error(err, source, errno);
        if (n == 0)
            return FG_OK;
        if ((size_t)n > FG_MAX_DOC_BYTES - b->len)
            return fg_error_set(err, FG_ELIMIT, source, "document too large (limit %zu bytes)",
                                FG_MAX_DOC_BYTES);
        if ((st = fg_buf_add(b, chunk, (size_t)n, err)) != FG_OK)
            return st;
    }
}

fg_status fg_doc_load_file(fg_doc **out, const char *path, fg_lang lang, fg_error *err)
{
    fg_status st;
    int fd = -1;
    fg_buf b;
    assert(out && path);
    bool is_stdin = strcmp(path, "-") == 0;
    const char *source = is_stdin ? "<stdin>" : path;
    *out = NULL;
    fg_buf_init(&b, 0);
    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        do
            fd = open(path, O_RDONLY | O_CLOEXEC);
        while (fd < 0 && errno == EINTR);
        if (fd < 0) {
            st = io_error(err, source, errno);
            goto out;
        }
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        st = io_error(err, source, errno);
        goto out;
    }
    if (S_ISDIR(sb.st_mode)) {
        st = io_error(err, source, EISDIR);
        goto out;
    }
    if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > FG_MAX_DOC_BYTES) {
        st = fg_error_set(err, FG_ELIMIT, source, "document too large (%jd bytes, limit %zu)",
                          (intmax_t)sb.st_size, FG_MAX_DOC_BYTES);
        goto out;
    }
    if ((st = read_fd(fd, source, &b, err)) != FG_OK)
        goto out;
    st = fg_doc_load_mem(out, source, b.ptr, b.len, lang, err);
out:
    if (fd >= 0 && !is_stdin)
        close(fd);
    fg_buf_release(&b);
    if (st != FG_OK)
        fg_error_set_source(err, source);
    return st;
}

/* ---- accessors -------------------------------------------------------- */

void fg_doc_free(fg_doc *doc)
{
    if (doc)
        fg_arena_free(doc->arena); /* the doc itself lives in its arena */
}

const char *fg_doc_source(const fg_doc *doc)
{
    return doc->source;
}

fg_str fg_doc_title(const fg_doc *doc)
{
    return doc->title;
}

fg_lang fg_doc_lang(const fg_doc *doc)
{
    return doc->lang;
}

fg_str fg_doc_text(const fg_doc *doc)
{
    return doc->text;
}

fg_str fg_doc_original(const fg_doc *doc)
{
    return doc->orig;
}

size_t fg_doc_sentence_count(const fg_doc *doc)
{
    return doc->sentence_count;
}

const fg_sentence *fg_doc_sentence_get(const fg_doc *doc, size_t i)
{
    assert(i < doc->sentence_count);
    return &doc->sentences[i];
}

fg_status fg_doc_set_date(fg_doc *doc, const char *date, size_t len, fg_error *err)
{
    char *copy = fg_arena_strndup(doc->arena, date, len);
    if (!copy)
        return fg_error_set(err, FG_ENOMEM, doc->source, "out of memory");
    doc->date = copy;
    return FG_OK;
}

const char *fg_doc_date(const fg_doc *doc)
{
    return doc->date;
}

fg_arena *fg_doc_arena(fg_doc *doc)
{
    return doc->arena;
}
