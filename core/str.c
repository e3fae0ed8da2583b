/* str.c - string views and UTF-8 helpers. */
#include "factgraph/core.h"

#include <string.h>

fg_str fg_str_cstr(const char *s)
{
    return fg_str_make(s, s ? strlen(s) : 0);
}

bool fg_str_eq(fg_str a, fg_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

bool fg_str_eq_cstr(fg_str a, const char *b)
{
    return fg_str_eq(a, fg_str_cstr(b));
}

bool fg_str_starts_with(fg_str s, const char *prefix)
{
    size_t n = strlen(prefix);
    return s.len >= n && memcmp(s.ptr, prefix, n) == 0;
}

bool fg_str_ends_with(fg_str s, const char *suffix)
{
    size_t n = strlen(suffix);
    return s.len >= n && memcmp(s.ptr + s.len - n, suffix, n) == 0;
}

/* U+3000 IDEOGRAPHIC SPACE is E3 80 80 in UTF-8. */
static size_t space_at(const char *p, size_t len)
{
    if (len >= 1 && (p[0] == ' ' || p[0] == '\t' || p[0] == '\n' || p[0] == '\r' ||
                     p[0] == '\f' || p[0] == '\v'))
        return 1;
    if (len >= 3 && (unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
        (unsigned char)p[2] == 0x80)
        return 3;
    return 0;
}

fg_str fg_str_trim(fg_str s)
{
    size_t n;
    while (s.len && (n = space_at(s.ptr, s.len)) > 0) {
        s.ptr += n;
        s.len -= n;
    }
    for (;;) {
        if (s.len >= 1 && space_at(s.ptr + s.len - 1, 1)) {
            s.len -= 1;
        } else if (s.len >= 3 && space_at(s.ptr + s.len - 3, 3) == 3) {
            s.len -= 3;
        } else {
            break;
        }
    }
    return s;
}

size_t fg_utf8_seqlen(unsigned char b)
{
    if (b < 0x80) return 1;
    if (b >= 0xC2 && b <= 0xDF) return 2;
    if (b >= 0xE0 && b <= 0xEF) return 3;
    if (b >= 0xF0 && b <= 0xF4) return 4;
    return 1;
}

size_t fg_utf8_decode(const char *s, size_t len, int *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t n = fg_utf8_seqlen(u[0]);
    if (n == 1 || n > len)
        return 0;
    int c = u[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3F);
    }
    /* overlong forms, surrogates, and values past U+10FFFF are invalid */
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

size_t fg_utf8_validate(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        int cp;
        size_t n = fg_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

size_t fg_utf8_count(const char *s, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len; count++) {
        int cp;
        size_t n = fg_utf8_decode(s + i, len - i, &cp);
        i += n ? n : 1;
    }
    return count;
}
