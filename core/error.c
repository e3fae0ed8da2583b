#include "factgraph/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void fg_error_clear(fg_error *err)
{
    if (err)
        memset(err, 0, sizeof(*err));
}

/* Keeps the tail of a long path: the file name is what the user needs. */
static void copy_source(char *dst, const char *src)
{
    size_t len = strlen(src);
    if (len < FG_ERROR_SOURCE_MAX) {
        memcpy(dst, src, len + 1);
        return;
    }
    size_t keep = FG_ERROR_SOURCE_MAX - 4;
    memcpy(dst, "...", 3);
    memcpy(dst + 3, src + len - keep, keep + 1);
}

static fg_status vset(fg_error *err, fg_status code, const char *source, long line,
                      long column, size_t offset, int has_offset, const char *fmt, va_list ap)
{
    if (!err || err->code != FG_OK)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    err->offset = offset;
    err->has_offset = has_offset;
    err->source[0] = '\0';
    if (source)
        copy_source(err->source, source);
    vsnprintf(err->text, sizeof(err->text), fmt, ap);
    return code;
}

fg_status fg_error_set(fg_error *err, fg_status code, const char *source, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, source, 0, 0, 0, 0, fmt, ap);
    va_end(ap);
    return code;
}

fg_status fg_error_set_at(fg_error *err, fg_status code, const char *source, long line,
                          long column, size_t offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vset(err, code, source, line, column, offset, 1, fmt, ap);
    va_end(ap);
    return code;
}

void fg_error_set_source(fg_error *err, const char *source)
{
    if (err && source && err->source[0] == '\0')
        copy_source(err->source, source);
}

void fg_error_format(const fg_error *err, char *buf, size_t size)
{
    const char *src = err->source[0] ? err->source : "<input>";
    if (err->line > 0 && err->column > 0)
        snprintf(buf, size, "%s:%ld:%ld: %s", src, err->line, err->column, err->text);
    else if (err->line > 0)
        snprintf(buf, size, "%s:%ld: %s", src, err->line, err->text);
    else if (err->has_offset)
        snprintf(buf, size, "%s: byte %zu: %s", src, err->offset, err->text);
    else
        snprintf(buf, size, "%s: %s", src, err->text);
}

/* A switch, not a table, so the compiler checks that every code has a text. */
const char *fg_strerror(fg_status code)
{
    switch (code) {
    case FG_OK: return "no error";
    case FG_ENOMEM: return "out of memory";
    case FG_EIO: return "input/output error";
    case FG_EUTF8: return "invalid utf-8";
    case FG_EPARSE: return "parse error";
    case FG_ELIMIT: return "limit exceeded";
    case FG_EINVAL: return "invalid argument";
    case FG_EDEP: return "dependency failed";
    case FG_EEMPTY: return "no content";
    }
    return "unknown error";
}
