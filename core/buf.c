/* buf.c - owning, bounded byte buffer (git strbuf invariants, curl dynbuf limit). */
#include "factgraph/core.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Lets an initialised but empty buffer satisfy "ptr is never NULL" without
 * allocating (git's strbuf_slopbuf). Never written to. */
static char empty_slop[1];

void fg_buf_init(fg_buf *b, size_t max)
{
    b->ptr = empty_slop;
    b->len = b->cap = 0;
    b->max = max ? max : FG_BUF_DEFAULT_MAX;
}

void fg_buf_release(fg_buf *b)
{
    if (b->cap)
        free(b->ptr);
    fg_buf_init(b, b->max);
}

void fg_buf_reset(fg_buf *b)
{
    b->len = 0;
    if (b->cap)
        b->ptr[0] = '\0';
}

static fg_status grow(fg_buf *b, size_t extra, fg_error *err)
{
    if (extra > b->max || b->len > b->max - extra)
        return fg_error_set(err, FG_ELIMIT, NULL, "buffer would exceed %zu bytes", b->max);
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return FG_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > ((size_t)-1) / 2 ? need : cap * 2;
    char *p = realloc(b->cap ? b->ptr : NULL, cap);
    if (!p)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    if (!b->cap)
        p[0] = '\0';
    b->ptr = p;
    b->cap = cap;
    return FG_OK;
}

fg_status fg_buf_add(fg_buf *b, const void *data, size_t len, fg_error *err)
{
    /* data may point into b itself (appending a buffer to itself): keep its
     * offset, since growing moves the bytes */
    const char *d = data;
    bool inside = b->cap && d >= b->ptr && d < b->ptr + b->cap;
    size_t off = inside ? (size_t)(d - b->ptr) : 0;
    fg_status st = grow(b, len, err);
    if (st != FG_OK)
        return st;
    if (inside)
        data = b->ptr + off;
    if (len)
        memmove(b->ptr + b->len, data, len);
    b->len += len;
    b->ptr[b->len] = '\0';
    return FG_OK;
}

fg_status fg_buf_adds(fg_buf *b, const char *s, fg_error *err)
{
    return fg_buf_add(b, s, strlen(s), err);
}

fg_status fg_buf_addc(fg_buf *b, char c, fg_error *err)
{
    return fg_buf_add(b, &c, 1, err);
}

fg_status fg_buf_printf(fg_buf *b, fg_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return fg_error_set(err, FG_EINVAL, NULL, "bad format");
    fg_status st = grow(b, (size_t)n, err);
    if (st != FG_OK)
        return st;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return FG_OK;
}

char *fg_buf_detach(fg_buf *b, size_t *len)
{
    char *p;
    if (len)
        *len = b->len;
    if (b->cap) {
        p = b->ptr;
    } else {
        p = malloc(1);
        if (p)
            p[0] = '\0';
    }
    fg_buf_init(b, b->max);
    return p;
}
