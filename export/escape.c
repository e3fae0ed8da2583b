/* escape.c - string escaping and number formatting shared by the writers. */
#include "export_int.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* U+FFFD REPLACEMENT CHARACTER, for bytes or characters a format cannot carry. */
#define REPLACEMENT "\xEF\xBF\xBD"

/* ---- numbers ---------------------------------------------------------- */

/* Numbers are written (and, to check them, read back) in the "C" locale
 * whatever setlocale() says, through uselocale(), which is per thread, so
 * neither the caller's locale nor another thread can put a ',' in them.
 * glibc returns a static object for newlocale(LC_ALL_MASK, "C"), so this does
 * not allocate. */
struct c_locale {
    locale_t c, old;
};

static void c_locale_enter(struct c_locale *l)
{
    l->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    l->old = l->c ? uselocale(l->c) : (locale_t)0;
}

/* out: the number written meanwhile. */
static void c_locale_leave(struct c_locale *l, char *out)
{
    if (l->c) {
        uselocale(l->old);
        freelocale(l->c);
        return;
    }
    /* newlocale failed (out of memory): the global locale was used, and its
     * decimal point is '.' or ',' in every locale glibc ships that anyone
     * runs this in; fix the comma. */
    for (char *p = out; *p; p++)
        if (*p == ',')
            *p = '.';
}

/* Formats with the shortest precision that reads back exactly. */
static void shortest_g(char out[FG_NUM_MAX], double v)
{
    struct c_locale l;
    c_locale_enter(&l);
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, FG_NUM_MAX, "%.*g", prec, v);
        if (strtod(out, NULL) == v)
            break;
    }
    c_locale_leave(&l, out);
}

bool fg_fmt_double(char out[FG_NUM_MAX], double v)
{
    out[0] = '\0';
    if (!isfinite(v))
        return false;
    shortest_g(out, v);
    if (!strpbrk(out, ".e")) {
        size_t n = strlen(out);
        memcpy(out + n, ".0", 3); /* "%.17g" of a double is at most 24 bytes */
    }
    return true;
}

bool fg_fmt_amount(char out[FG_NUM_MAX], double v)
{
    /* 2^53: above it, not every integer is a double, so digits would lie. */
    if (isfinite(v) && v == floor(v) && fabs(v) < 9007199254740992.0) {
        snprintf(out, FG_NUM_MAX, "%.0f", v); /* no decimal point: locale-proof */
        return true;
    }
    return fg_fmt_double(out, v);
}

void fg_fmt_amount_short(char out[FG_NUM_MAX], double v)
{
    static const struct {
        double scale;
        const char *suffix;
    } scales[] = {{1e12, " tn"}, {1e9, " bn"}, {1e6, " m"}};

    out[0] = '\0';
    if (!isfinite(v))
        return;
    struct c_locale l;
    size_t i = 0;
    c_locale_enter(&l);
    while (i < sizeof(scales) / sizeof(scales[0]) && fabs(v / scales[i].scale) < 1)
        i++;
    if (i < sizeof(scales) / sizeof(scales[0])) {
        double x = v / scales[i].scale;
        snprintf(out, FG_NUM_MAX, fabs(x) >= 1000 ? "%.0f%s" : "%.3g%s", x, scales[i].suffix);
    } else {
        snprintf(out, FG_NUM_MAX, v == floor(v) ? "%.0f" : "%.3g", v);
    }
    c_locale_leave(&l, out);
}

/* ---- escaping --------------------------------------------------------- */

enum esc_mode { ESC_JSON, ESC_XML_TEXT, ESC_XML_ATTR, ESC_DOT, ESC_CSV };

/* The replacement for one ASCII byte in mode, or NULL if it is copied as is.
 * next is the byte after it (0 at the end); tmp receives \u00XX escapes. */
static const char *ascii_escape(unsigned char c, unsigned char next, enum esc_mode mode,
                                char tmp[8])
{
    if (mode == ESC_DOT) {
        /* escString: a lone backslash would start \N, \G, \l...; a line
         * break is the two characters \n, so CRLF is one break. */
        switch (c) {
        case '\\': return "\\\\";
        case '\n': return "\\n";
        case '\r': return next == '\n' ? "" : "\\n";
        case '\t': return NULL;
        default: break;
        }
        /* dot copies labels into SVG, which is XML: same rule as XML. */
        return c < 0x20 ? REPLACEMENT : NULL;
    }
    if (mode == ESC_CSV) /* RFC 4180: inside quotes only '"' is special */
        return c == '"' ? "\"\"" : NULL;
    if (mode == ESC_JSON) {
        switch (c) {
        case '"': return "\\\"";
        case '\\': return "\\\\";
        case '\n': return "\\n";
        case '\r': return "\\r";
        case '\t': return "\\t";
        case '\b': return "\\b";
        case '\f': return "\\f";
        default: break;
        }
        if (c < 0x20) {
            snprintf(tmp, 8, "\\u%04x", c);
            return tmp;
        }
        return NULL;
    }
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '\r': return "&#13;";
    case '"': return mode == ESC_XML_ATTR ? "&quot;" : NULL;
    case '\t': return mode == ESC_XML_ATTR ? "&#9;" : NULL;
    case '\n': return mode == ESC_XML_ATTR ? "&#10;" : NULL;
    default: break;
    }
    /* XML 1.0 Char excludes the other C0 controls, even as &#1; */
    return c < 0x20 ? REPLACEMENT : NULL;
}

/* Copies clean stretches in one piece and escapes or replaces the rest. */
static fg_status add_escaped(fg_buf *b, const char *s, size_t len, enum esc_mode mode,
                             fg_error *err)
{
    fg_status st = FG_OK;
    size_t i = 0, clean = 0;
    char tmp[8];

    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        const char *rep;
        size_t n = 1;
        if (c < 0x80) {
            rep = ascii_escape(c, i + 1 < len ? (unsigned char)s[i + 1] : 0, mode, tmp);
        } else {
            int cp;
            n = fg_utf8_decode(s + i, len - i, &cp);
            if (n == 0) {
                n = 1;
                rep = REPLACEMENT;
            } else if (mode != ESC_JSON && mode != ESC_CSV && (cp == 0xFFFE || cp == 0xFFFF)) {
                rep = REPLACEMENT;
            } else {
                rep = NULL;
            }
        }
        if (rep) {
            if ((st = fg_buf_add(b, s + clean, i - clean, err)) != FG_OK)
                goto out;
            if ((st = fg_buf_adds(b, rep, err)) != FG_OK)
                goto out;
            clean = i + n;
        }
        i += n;
    }
    st = fg_buf_add(b, s + clean, len - clean, err);
out:
    return st;
}

fg_status fg_json_add_str(fg_buf *b, const char *s, size_t len, fg_error *err)
{
    fg_status st;
    if (!s)
        return fg_buf_adds(b, "null", err);
    if ((st = fg_buf_addc(b, '"', err)) != FG_OK)
        return st;
    if ((st = add_escaped(b, s, len, ESC_JSON, err)) != FG_OK)
        return st;
    return fg_buf_addc(b, '"', err);
}

fg_status fg_json_add_cstr(fg_buf *b, const char *s, fg_error *err)
{
    return fg_json_add_str(b, s, s ? strlen(s) : 0, err);
}

fg_status fg_json_add_double(fg_buf *b, double v, fg_error *err)
{
    char num[FG_NUM_MAX];
    /* NaN and Infinity are not JSON; Python's "NaN" is not JSON.parse's. */
    if (!fg_fmt_double(num, v))
        return fg_buf_adds(b, "null", err);
    return fg_buf_adds(b, num, err);
}

fg_status fg_xml_add_text(fg_buf *b, const char *s, size_t len, fg_error *err)
{
    return add_escaped(b, s, len, ESC_XML_TEXT, err);
}

fg_status fg_xml_add_attr(fg_buf *b, const char *s, size_t len, fg_error *err)
{
    return add_escaped(b, s, len, ESC_XML_ATTR, err);
}

fg_status fg_dot_add_label(fg_buf *b, const char *s, size_t len, fg_error *err)
{
    return add_escaped(b, s, len, ESC_DOT, err);
}

fg_status fg_csv_add_field(fg_buf *b, const char *s, size_t len, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_addc(b, '"', err)) != FG_OK ||
        (st = add_escaped(b, s, len, ESC_CSV, err)) != FG_OK)
        return st;
    return fg_buf_addc(b, '"', err);
}

/* ---- evidence summary ------------------------------------------------- */

fg_status fg_evidence_summary(fg_buf *b, const fg_edge *e, fg_error *err)
{
    fg_status st;
    const fg_evidence *ev = e->evidence;
    size_t len, i = 0, chars = 0;

    if (e->evidence_count == 0)
        return FG_OK;
    if ((st = fg_buf_printf(b, err, "%s#%zu: ", ev->doc ? ev->doc : "", ev->sentence)) != FG_OK)
        return st;
    len = ev->text ? strlen(ev->text) : 0;
    while (i < len && chars < FG_SUMMARY_MAX_CHARS) {
        size_t n = fg_utf8_seqlen((unsigned char)ev->text[i]);
        char c = ev->text[i];
        if (n > len - i)
            n = len - i;
        if (c == '\n' || c == '\r' || c == '\t')
            st = fg_buf_addc(b, ' ', err); /* one line */
        else
            st = fg_buf_add(b, ev->text + i, n, err);
        if (st != FG_OK)
            return st;
        i += n;
        chars++;
    }
    if (i < len && (st = fg_buf_adds(b, "\xE2\x80\xA6", err)) != FG_OK) /* U+2026 … */
        return st;
    if (e->evidence_count > 1)
        return fg_buf_printf(b, err, " (+%zu more)", e->evidence_count - 1);
    return FG_OK;
}

/* ---- output ----------------------------------------------------------- */

fg_status fg_out_flush(fg_buf *b, FILE *f, fg_error *err)
{
    if (b->len && fwrite(b->ptr, 1, b->len, f) != b->len)
        return fg_error_set(err, FG_EIO, NULL, "write failed: %s", strerror(errno));
    fg_buf_reset(b);
    return FG_OK;
}

fg_status fg_out_finish(FILE *f, fg_error *err)
{
    errno = 0; /* ferror() alone may report an earlier failure */
    if (fflush(f) != 0 || ferror(f))
        return fg_error_set(err, FG_EIO, NULL, "write failed: %s",
                            errno ? strerror(errno) : "stream error");
    return FG_OK;
}
