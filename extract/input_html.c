/* input_html.c - an HTML page to the text a reader sees: its title and the
 * article's body, one block per line.
 *
 * The one file that talks to libxml2 and iconv. Assumptions, stated here:
 *  - Pages are news articles. Their text sits in <article> or <main> when the
 *    page has one; everything else on the page (menus, headers, footers,
 *    "related articles", share buttons, adverts) would only add names that
 *    the article does not state facts about. So we read the largest <article>
 *    (else <main>, else <body>) and drop subtrees that are boilerplate by
 *    element (nav, header, footer, aside, form, ...), by role (navigation,
 *    banner, contentinfo, complementary) or by a class or id word (menu,
 *    share, related, comment, ad, ...), and hidden ones.
 *  - We convert the charset ourselves and hand libxml2 UTF-8 with
 *    HTML_PARSE_IGNORE_ENC, so that one place decides the encoding: a byte
 *    order mark, then <meta charset> / http-equiv / <?xml encoding>, within
 *    the first SNIFF_BYTES bytes (the HTML standard prescans 1024; Japanese
 *    sites often put the meta tag later), else UTF-8 when the bytes are valid
 *    UTF-8, else EUC-JP or Shift_JIS by whichever converts with fewer errors.
 *    Web "Shift_JIS" is Microsoft's CP932 (the WHATWG Encoding standard maps
 *    the label so), and "EUC-JP" includes its extensions (EUC-JP-MS).
 *  - libxml2 must be initialised once before threads use it: xmlInitParser()
 *    runs under pthread_once. After that, parsing separate documents in
 *    separate threads is safe (libxml2 is built with thread support on Debian).
 *
 * Rejected: libxml2's own encoding detection. It honours <meta charset> but
 * falls back to ISO-8859-1 for undeclared pages, which turns Shift_JIS pages
 * into mojibake instead of Japanese. */
#include "input_int.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "limits.h"

#define SNIFF_BYTES 4096
#define CHARSET_MAX 40
/* libxml2 nests elements up to 256 deep by default; walking deeper than this
 * is a hostile page, and its deepest text is dropped. */
#define MAX_DEPTH 512

/* ---- charsets ------------------------------------------------------------ */

static fg_status add_replacement(fg_buf *out, size_t *replaced, fg_error *err)
{
    if (replaced)
        (*replaced)++;
    return fg_buf_add(out, "\xEF\xBF\xBD", 3, err);
}

static fg_status repair_utf8(fg_buf *out, const char *in, size_t len, size_t *replaced,
                             fg_error *err)
{
    fg_status st;
    size_t i = 0;
    while (i < len) {
        size_t ok = fg_utf8_validate(in + i, len - i);
        if ((st = fg_buf_add(out, in + i, ok, err)) != FG_OK)
            return st;
        i += ok;
        if (i < len) {
            if ((st = add_replacement(out, replaced, err)) != FG_OK)
                return st;
            i++;
        }
    }
    return FG_OK;
}

fg_status fg_charset_to_utf8(fg_buf *out, const char *charset, const char *bytes, size_t len,
                             size_t *replaced, fg_error *err)
{
    fg_status st = FG_OK;
    if (strcasecmp(charset, "UTF-8") == 0)
        return repair_utf8(out, bytes, len, replaced, err);
    iconv_t cd = iconv_open("UTF-8", charset);
    if (cd == (iconv_t)-1)
        return fg_error_set(err, FG_EDEP, NULL, "iconv: unknown charset '%s'", charset);
    char *in = (char *)bytes; /* iconv's prototype; it does not write there */
    size_t left = len;
    char chunk[16384];
    for (;;) {
        char *o = chunk;
        size_t room = sizeof(chunk);
        size_t r = left ? iconv(cd, &in, &left, &o, &room) : iconv(cd, NULL, NULL, &o, &room);
        int e = errno;
        if ((st = fg_buf_add(out, chunk, (size_t)(o - chunk), err)) != FG_OK)
            break;
        if (r != (size_t)-1) {
            if (left == 0 && o == chunk)
                break; /* input done and the shift state flushed */
            continue;
        }
        if (e == E2BIG)
            continue;
        /* EILSEQ: a byte that does not convert; EINVAL: a sequence cut off
         * by the end of the input. Either way one U+FFFD, one byte skipped. */
        if ((st = add_replacement(out, replaced, err)) != FG_OK)
            break;
        if (e == EINVAL || left == 0) {
            left = 0;
            continue;
        }
        in++;
        left--;
        iconv(cd, NULL, NULL, NULL, NULL); /* back to the initial shift state */
    }
    iconv_close(cd);
    return st;
}

/* Maps a label from the page to a name glibc's iconv knows. */
static const char *charset_name(const char *label)
{
    static const struct {
        const char *label, *name;
    } map[] = {
        {"utf-8", "UTF-8"}, {"utf8", "UTF-8"}, {"unicode-1-1-utf-8", "UTF-8"},
        {"shift_jis", "CP932"}, {"shift-jis", "CP932"}, {"sjis", "CP932"},
        {"x-sjis", "CP932"}, {"ms_kanji", "CP932"}, {"csshiftjis", "CP932"},
        {"windows-31j", "CP932"}, {"cp932", "CP932"}, {"ms932", "CP932"},
        {"euc-jp", "EUC-JP-MS"}, {"x-euc-jp", "EUC-JP-MS"}, {"eucjp", "EUC-JP-MS"},
        {"cseucpkdfmtjapanese", "EUC-JP-MS"},
        {"iso-2022-jp", "ISO-2022-JP"}, {"csiso2022jp", "ISO-2022-JP"},
        /* WHATWG: these labels mean windows-1252 on the web */
        {"iso-8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
        {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
    };
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcasecmp(label, map[i].label) == 0)
            return map[i].name;
    return label;
}

static bool label_byte(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* Reads the label after "charset" or "encoding" at p: optional spaces, '=',
 * optional spaces and a quote. */
static bool read_label(const char *p, const char *end, char out[CHARSET_MAX])
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p >= end || *p != '=')
        return false;
    p++;
    while (p < end && (*p == ' ' || *p == '\t' || *p == '"' || *p == '\''))
        p++;
    size_t n = 0;
    while (p + n < end && n + 1 < CHARSET_MAX && label_byte((unsigned char)p[n]))
        n++;
    if (n == 0)
        return false;
    memcpy(out, p, n);
    out[n] = '\0';
    return true;
}

static const char *find_ci(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    for (; p + n <= end; p++)
        if (strncasecmp(p, word, n) == 0)
            return p;
    return NULL;
}

/* The charset a <meta> tag or the XML declaration names, in the first
 * SNIFF_BYTES bytes. */
static bool declared_charset(const char *bytes, size_t len, char out[CHARSET_MAX])
{
    const char *end = bytes + (len < SNIFF_BYTES ? len : SNIFF_BYTES);
    if (len > 5 && strncmp(bytes, "<?xml", 5) == 0) {
        const char *close = memchr(bytes, '>', (size_t)(end - bytes));
        const char *enc = find_ci(bytes, close ? close : end, "encoding");
        if (enc && read_label(enc + 8, close ? close : end, out))
            return true;
    }
    for (const char *p = bytes; (p = find_ci(p, end, "<meta")) != NULL; p += 5) {
        const char *close = memchr(p, '>', (size_t)(end - p));
        const char *tag_end = close ? close : end;
        const char *cs = find_ci(p, tag_end, "charset");
        if (cs && read_label(cs + 7, tag_end, out))
            return true;
    }
    return false;
}

/* Converts the page to UTF-8 in out (see the top of the file). */
static fg_status page_to_utf8(fg_buf *out, const char *bytes, size_t len, fg_error *err)
{
    fg_status st;
    const unsigned char *u = (const unsigned char *)bytes;
    char label[CHARSET_MAX];

    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return repair_utf8(out, bytes + 3, len - 3, NULL, err);
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return fg_charset_to_utf8(out, "UTF-16LE", bytes + 2, len - 2, NULL, err);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return fg_charset_to_utf8(out, "UTF-16BE", bytes + 2, len - 2, NULL, err);
    bool valid = fg_utf8_validate(bytes, len) == len;
    if (declared_charset(bytes, len, label)) {
        const char *name = charset_name(label);
        if (strcmp(name, "UTF-8") == 0 && !valid)
            goto guess; /* a page that says UTF-8 and is not: saved by an old editor */
        fg_error probe;
        fg_error_clear(&probe);
        st = fg_charset_to_utf8(out, name, bytes, len, NULL, &probe);
        if (st != FG_EDEP) {
            if (st != FG_OK)
                fg_error_set(err, probe.code, NULL, "%s", probe.text);
            return st;
        }
        fg_buf_reset(out); /* a label iconv lacks: guess as if undeclared */
    }
    if (valid)
        return fg_buf_add(out, bytes, len, err);
guess:;
    size_t bad_euc = 0, bad_sjis = 0;
    if ((st = fg_charset_to_utf8(out, "EUC-JP-MS", bytes, len, &bad_euc, err)) != FG_OK)
        return st;
    if (bad_euc == 0)
        return FG_OK;
    fg_buf sjis;
    fg_buf_init(&sjis, out->max);
    st = fg_charset_to_utf8(&sjis, "CP932", bytes, len, &bad_sjis, err);
    if (st == FG_OK && bad_sjis < bad_euc) {
        fg_buf_reset(out);
        st = fg_buf_add(out, sjis.ptr, sjis.len, err);
    }
    fg_buf_release(&sjis);
    return st;
}

/* ---- the tree ------------------------------------------------------------ */

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

static bool is_any(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (is(n, *names))
            return true;
    return false;
}

/* The value of attribute name, or NULL; borrowed from the tree. */
static const char *attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcasecmp((const char *)a->name, name) == 0)
            return a->children && a->children->content ? (const char *)a->children->content : "";
    return NULL;
}

static const char *const skipped_elements[] = {
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
    "form", "iframe", "svg", "canvas", "button", "select", "textarea", "object", "embed",
    "menu", "dialog", NULL,
};

static const char *const boilerplate_roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
    "dialog", "alert", NULL,
};

/* Words that mark boilerplate in a class or id ("global-nav", "share_box",
 * "c-related"). Whole words only: "header" would drop "article-header"
 * (the headline), "ad" must not match "head" or "lead". */
static const char *const boilerplate_words[] = {
    "nav", "navi", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "footer",
    "sidebar", "share", "sharing", "social", "sns", "related", "recommend", "recommended",
    "ranking", "comment", "comments", "ad", "ads", "advert", "advertisement", "banner",
    "promo", "cookie", "newsletter", "subscribe", "pagination", "pager", "popup", "modal",
    NULL,
};

static bool has_boilerplate_word(const char *v)
{
    if (!v)
        return false;
    const char *p = v;
    while (*p) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *w = p;
        while (*p && isalnum((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        for (const char *const *b = boilerplate_words; n && *b; b++)
            if (strlen(*b) == n && strncasecmp(w, *b, n) == 0)
                return true;
    }
    return false;
}

static bool skipped(const xmlNode *n)
{
    if (n->type != XML_ELEMENT_NODE)
        return n->type == XML_COMMENT_NODE || n->type == XML_PI_NODE;
    if (is_any(n, skipped_elements))
        return true;
    if (attr(n, "hidden"))
        return true;
    const char *v = attr(n, "aria-hidden");
    if (v && strcasecmp(v, "true") == 0)
        return true;
    v = attr(n, "role");
    for (const char *const *r = boilerplate_roles; v && *r; r++)
        if (strcasecmp(v, *r) == 0)
            return true;
    return has_boilerplate_word(attr(n, "class")) || has_boilerplate_word(attr(n, "id"));
}

static const char *const block_elements[] = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "tr", "table", "section", "article", "main", "blockquote", "pre", "figure", "figcaption",
    "address", "hr", "body", "caption", "summary", "details", NULL,
};

/* ---- text ---------------------------------------------------------------- */

struct writer {
    fg_buf *out;
    bool line_has_text;   /* the current line holds text */
    bool pending_space;   /* white space seen since the last text */
    int pre;              /* inside <pre>: keep line breaks */
    const xmlNode *omit;  /* the title's element, not repeated in the body */
    fg_error *err;
    fg_status st;
};

static void put(struct writer *w, const char *s, size_t n)
{
    if (w->st == FG_OK)
        w->st = fg_buf_add(w->out, s, n, w->err);
}

static void end_line(struct writer *w)
{
    if (w->line_has_text)
        put(w, "\n", 1);
    w->line_has_text = false;
    w->pending_space = false;
}

/* HTML white space collapses to one space; none at the start of a line. */
static void put_text(struct writer *w, const char *s)
{
    const char *p = s;
    while (*p && w->st == FG_OK) {
        if (*p == '\n' && w->pre) {
            end_line(w);
            p++;
            continue;
        }
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f') {
            w->pending_space = true;
            p++;
            continue;
        }
        const char *run = p;
        while (*p && !(*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f'))
            p++;
        /* A line break inside a Japanese paragraph is no word break: no
         * space between two non-ASCII characters. */
        bool cjk = (unsigned char)*run >= 0x80 && w->out->len > 0 &&
                   (unsigned char)w->out->ptr[w->out->len - 1] >= 0x80;
        if (w->pending_space && w->line_has_text && !cjk)
            put(w, " ", 1);
        put(w, run, (size_t)(p - run));
        w->line_has_text = true;
        w->pending_space = false;
    }
}

static void walk(struct writer *w, const xmlNode *n, int depth)
{
    for (; n && w->st == FG_OK; n = n->next) {
        if (n == w->omit || skipped(n))
            continue;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content)
                put_text(w, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || depth >= MAX_DEPTH)
            continue;
        bool block = is_any(n, block_elements);
        bool pre = is(n, "pre");
        if (block)
            end_line(w);
        else if (is(n, "td") || is(n, "th"))
            w->pending_space = true;
        w->pre += pre;
        walk(w, n->children, depth + 1);
        w->pre -= pre;
        if (block)
            end_line(w);
    }
}

/* Bytes of text under n, as the walk would write them (for picking the
 * largest <article>). */
static size_t text_size(const xmlNode *n, int depth)
{
    size_t total = 0;
    for (; n; n = n->next) {
        if (skipped(n))
            continue;
        if (n->type == XML_TEXT_NODE && n->content)
            total += strlen((const char *)n->content);
        else if (n->type == XML_ELEMENT_NODE && depth < MAX_DEPTH)
            total += text_size(n->children, depth + 1);
    }
    return total;
}

/* The largest element named name outside skipped subtrees, or NULL. */
static const xmlNode *largest(const xmlNode *n, const char *name, size_t *best_size, int depth)
{
    const xmlNode *best = NULL;
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || skipped(n))
            continue;
        if (is(n, name) || (strcmp(name, "main") == 0 && attr(n, "role") &&
                            strcasecmp(attr(n, "role"), "main") == 0)) {
            size_t sz = text_size(n->children, depth + 1);
            if (!best || sz > *best_size) {
                best = n;
                *best_size = sz;
            }
            continue; /* an <article> inside an <article> is part of it */
        }
        size_t sub_size = 0;
        const xmlNode *sub = largest(n->children, name, &sub_size, depth + 1);
        if (sub && (!best || sub_size > *best_size)) {
            best = sub;
            *best_size = sub_size;
        }
    }
    return best;
}

/* The first element named name in document order outside skipped subtrees. */
static const xmlNode *first(const xmlNode *n, const char *name, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is(n, name))
            return n;
        if (skipped(n) && !is(n, "head") && !is(n, "header"))
            continue; /* the headline often sits in <header>; <title> in <head> */
        const xmlNode *f = first(n->children, name, depth + 1);
        if (f)
            return f;
    }
    return NULL;
}

static const xmlNode *og_title(const xmlNode *n, int depth)
{
    for (; n && depth < MAX_DEPTH; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *prop = attr(n, "property");
        if (is(n, "meta") && prop && strcasecmp(prop, "og:title") == 0 && attr(n, "content"))
            return n;
        if (is(n, "body"))
            continue;
        const xmlNode *f = og_title(n->children, depth + 1);
        if (f)
            return f;
    }
    return NULL;
}

/* Writes the title line; *from is the element the title came from, if the
 * body might repeat it. */
static void write_title(struct writer *w, const xmlNode *root, const xmlNode *content)
{
    const xmlNode *t = content ? first(content->children, "h1", 0) : NULL;
    if (!t)
        t = first(root, "h1", 0);
    if (t) {
        walk(w, t->children, 0);
        w->omit = t;
    } else if ((t = og_title(root, 0)) != NULL) {
        put_text(w, attr(t, "content"));
    } else if ((t = first(root, "title", 0)) != NULL) {
        walk(w, t->children, 0);
    }
    end_line(w);
}

fg_status fg_html_text(fg_buf *out, const char *bytes, size_t len, fg_error *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    fg_status st;
    fg_buf utf8;
    htmlDocPtr doc = NULL;

    pthread_once(&once, xmlInitParser);
    fg_buf_init(&utf8, 0);
    if ((st = page_to_utf8(&utf8, bytes, len, err)) != FG_OK)
        goto out;
    /* htmlReadMemory() takes an int; <limits.h> is shadowed by core/limits.h */
    _Static_assert(sizeof(int) == sizeof(int32_t), "int is 32 bits");
    if (utf8.len > (size_t)INT32_MAX) {
        st = fg_error_set(err, FG_ELIMIT, NULL, "page too large for libxml2");
        goto out;
    }
    doc = htmlReadMemory(utf8.ptr, (int)utf8.len, NULL, "UTF-8",
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                             HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT);
    if (!doc) {
        st = utf8.len == 0 ? fg_error_set(err, FG_EEMPTY, NULL, "empty document")
                           : fg_error_set(err, FG_EDEP, NULL, "libxml2 could not parse the page");
        goto out;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    size_t size = 0;
    const xmlNode *content = largest(root, "article", &size, 0);
    if (!content)
        content = largest(root, "main", &size, 0);
    if (!content)
        content = first(root, "body", 0);
    struct writer w = {.out = out, .err = err, .st = FG_OK};
    write_title(&w, root, content);
    if (content)
        walk(&w, content->children, 0);
    else
        walk(&w, root, 0);
    end_line(&w);
    st = w.st;
out:
    xmlFreeDoc(doc);
    fg_buf_release(&utf8);
    return st;
}
