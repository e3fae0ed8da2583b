/* input.c - files to raw documents: opening, gunzip, the format of each file,
 * JSON Lines records, JSON arrays; and raw documents to fg_doc.
 *
 * Every file is read through zlib's gzread(), which reads a file that is not
 * gzip-compressed as it is ("transparent" mode), so compression is detected
 * by its magic bytes, never by the name. Offsets count decompressed bytes.
 * zlib is used only in this file (and in graph/facts_io.c, which reads facts
 * files through fg_input).
 *
 * Memory: one document (text, HTML) or one line (JSON Lines) at a time, plus
 * a read buffer; a .json file is the exception, parsed whole (up to
 * FG_MAX_JSON_BYTES). */
#include "factgraph/input.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <zlib.h>

#include "input_int.h"
#include "limits.h"

/* gzread() reads in chunks of this size; zlib's own buffer is as large. */
#define CHUNK ((size_t)256 * 1024)
/* Bytes looked at to guess the format of a file without a known extension. */
#define SNIFF ((size_t)4096)

typedef enum kind { KIND_TEXT, KIND_HTML, KIND_JSON } kind;

struct fg_input_item {
    kind kind;
    char *path;        /* the file as given ("<stdin>" for "-") */
    char *source;      /* the default document id */
    char *bytes;
    size_t len;
    long line;         /* a JSON Lines record's line; 0 otherwise */
    uint64_t offset;   /* where bytes[0] is in the decompressed file */
    const fg_input_opts *opts;
};

struct fg_input {
    char *path;
    const fg_input_opts *opts;
    gzFile gz;
    uint64_t size;
    fg_input_format format; /* FG_INPUT_AUTO until the first read */
    bool eof;               /* gzread() has returned everything */
    bool done;              /* no more items */
    /* Unread bytes are buf[pos, len); buf[0] is at base in the file. */
    char *buf;
    size_t len, pos, cap;
    uint64_t base;
    long line;              /* JSON Lines: lines consumed */
    json_t *array;          /* a .json file's array, and the next element */
    size_t index;
};

/* ---- formats ----------------------------------------------------------- */

fg_status fg_input_format_parse(fg_input_format *out, const char *name, fg_error *err)
{
    static const struct {
        const char *name;
        fg_input_format fmt;
    } names[] = {
        {"auto", FG_INPUT_AUTO}, {"text", FG_INPUT_TEXT}, {"txt", FG_INPUT_TEXT},
        {"html", FG_INPUT_HTML}, {"jsonl", FG_INPUT_JSONL}, {"json", FG_INPUT_JSON},
    };
    for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].fmt;
            return FG_OK;
        }
    }
    return fg_error_set(err, FG_EINVAL, NULL,
                        "unknown input format '%s' (expected auto, text, html, jsonl or json)",
                        name ? name : "");
}

static bool has_suffix(const char *s, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    return n >= m && strncasecmp(s + n - m, suf, m) == 0;
}

/* The format a name says (".gz" aside), or FG_INPUT_AUTO. */
static fg_input_format format_of_name(const char *path)
{
    size_t n = strlen(path);
    if (has_suffix(path, n, ".gz"))
        n -= 3;
    if (has_suffix(path, n, ".txt"))
        return FG_INPUT_TEXT;
    if (has_suffix(path, n, ".html") || has_suffix(path, n, ".htm") ||
        has_suffix(path, n, ".xhtml"))
        return FG_INPUT_HTML;
    if (has_suffix(path, n, ".jsonl") || has_suffix(path, n, ".ndjson"))
        return FG_INPUT_JSONL;
    if (has_suffix(path, n, ".json"))
        return FG_INPUT_JSON;
    return FG_INPUT_AUTO;
}

/* Guesses from the first bytes: markup is HTML, '{"' starts JSON Lines, '['
 * a JSON array; anything else is text. A text whose title starts with '<'
 * (<速報>) is still text: HTML needs one of its own tags near the start. */
static fg_input_format sniff(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i < n && p[i] == '[')
        return FG_INPUT_JSON;
    if (i < n && p[i] == '{') {
        size_t j = i + 1;
        while (j < n && (p[j] == ' ' || p[j] == '\t'))
            j++;
        if (j >= n || p[j] == '"' || p[j] == '}')
            return FG_INPUT_JSONL;
    }
    if (i < n && p[i] == '<') {
        static const char *const tags[] = {"<!doctype html", "<html", "<head", "<body",
                                           "<meta", "<?xml", "<article", "<title"};
        for (size_t k = 0; k < sizeof(tags) / sizeof(tags[0]); k++) {
            size_t m = strlen(tags[k]);
            for (size_t j = i; j + m <= n; j++)
                if (strncasecmp(p + j, tags[k], m) == 0)
                    return FG_INPUT_HTML;
        }
    }
    return FG_INPUT_TEXT;
}

/* ---- opening and reading ----------------------------------------------- */

/* The system's own text, as doc.c prints it. */
static fg_status io_error(fg_error *err, const char *source, int errnum)
{
    char tmp[128];
    return fg_error_set(err, FG_EIO, source, "%s", strerror_r(errnum, tmp, sizeof(tmp)));
}

fg_status fg_input_open(fg_input **out, const char *path, const fg_input_opts *opts,
                        fg_error *err)
{
    fg_status st = FG_OK;
    fg_input *in = NULL;
    int fd = -1;
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    struct stat sb;

    assert(out && path && opts);
    *out = NULL;
    in = calloc(1, sizeof(*in));
    if (!in || !(in->path = strdup(name))) {
        st = fg_error_set(err, FG_ENOMEM, name, "out of memory");
        goto out;
    }
    in->opts = opts;
    in->format = opts->format != FG_INPUT_AUTO ? opts->format
                                               : is_stdin ? FG_INPUT_AUTO : format_of_name(path);
    /* gzclose() closes the descriptor: standard input is read through a copy. */
    do
        fd = is_stdin ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    if (fd < 0 || fstat(fd, &sb) != 0) {
        st = io_error(err, name, errno);
        goto out;
    }
    if (S_ISDIR(sb.st_mode)) {
        st = io_error(err, name, EISDIR);
        goto out;
    }
    in->size = S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
    in->gz = gzdopen(fd, "rb");
    if (!in->gz) {
        st = fg_error_set(err, FG_ENOMEM, name, "out of memory");
        goto out;
    }
    fd = -1; /* the gzFile owns it */
    gzbuffer(in->gz, (unsigned)CHUNK);
    *out = in;
    in = NULL;
out:
    if (fd >= 0)
        close(fd);
    fg_input_free(in);
    return st;
}

void fg_input_free(fg_input *in)
{
    if (!in)
        return;
    if (in->gz)
        gzclose(in->gz);
    json_decref(in->array);
    free(in->buf);
    free(in->path);
    free(in);
}

uint64_t fg_input_offset(const fg_input *in)
{
    z_off_t off = in->gz ? gzoffset(in->gz) : -1;
    return off < 0 ? in->size : (uint64_t)off;
}

uint64_t fg_input_size(const fg_input *in)
{
    return in->size;
}

/* Ends the input with an error: gzip's own, or the system's. */
static fg_status read_error(fg_input *in, fg_error *err)
{
    int zerr = Z_OK;
    const char *msg = gzerror(in->gz, &zerr);
    in->done = true;
    if (zerr == Z_ERRNO)
        return io_error(err, in->path, errno);
    if (zerr == Z_MEM_ERROR)
        return fg_error_set(err, FG_ENOMEM, in->path, "out of memory");
    return fg_error_set_at(err, FG_EPARSE, in->path, 0, 0, (size_t)fg_input_offset(in),
                           "corrupt gzip data: %s", msg ? msg : "unknown error");
}

/* Reads up to CHUNK more bytes into buf, growing it up to max bytes of
 * unread data; sets eof at the end. */
static fg_status fill(fg_input *in, size_t max, fg_error *err)
{
    if (in->pos > 0 && in->pos == in->len) {
        in->base += in->pos;
        in->pos = in->len = 0;
    }
    if (in->len - in->pos >= max)
        return FG_OK;
    if (in->cap - in->len < CHUNK) {
        if (in->pos > 0) { /* compact first: the buffer may have room */
            memmove(in->buf, in->buf + in->pos, in->len - in->pos);
            in->len -= in->pos;
            in->base += in->pos;
            in->pos = 0;
        }
        if (in->cap - in->len < CHUNK) {
            size_t ncap = in->cap ? in->cap * 2 : CHUNK + 1;
            while (ncap - in->len < CHUNK + 1)
                ncap *= 2;
            char *p = realloc(in->buf, ncap);
            if (!p)
                return fg_error_set(err, FG_ENOMEM, in->path, "out of memory");
            in->buf = p;
            in->cap = ncap;
        }
    }
    int n = gzread(in->gz, in->buf + in->len, (unsigned)CHUNK);
    if (n < 0)
        return read_error(in, err);
    in->len += (size_t)n;
    if (n == 0) {
        int zerr = Z_OK;
        gzerror(in->gz, &zerr);
        if (zerr == Z_BUF_ERROR) {
            in->done = true;
            return fg_error_set_at(err, FG_EPARSE, in->path, 0, 0, (size_t)fg_input_offset(in),
                                   "truncated gzip file");
        }
        in->eof = true;
    }
    return FG_OK;
}

/* Reads the rest of the file into buf[pos, len); FG_ELIMIT past max bytes. */
static fg_status read_all(fg_input *in, size_t max, fg_error *err)
{
    fg_status st;
    while (!in->eof) {
        if ((st = fill(in, SIZE_MAX, err)) != FG_OK)
            return st;
        if (in->len - in->pos > max) {
            in->done = true;
            return fg_error_set(err, FG_ELIMIT, in->path, "document too large (limit %zu bytes)",
                                max);
        }
    }
    return FG_OK;
}

/* ---- items ------------------------------------------------------------- */

void fg_input_item_free(fg_input_item *item)
{
    if (!item)
        return;
    free(item->bytes);
    free(item->source);
    free(item->path);
    free(item);
}

/* A new item holding a copy of bytes[0..len), named source (a printf
 * format). */
static fg_status new_item(fg_input_item **out, fg_input *in, kind k, const char *bytes,
                          size_t len, fg_error *err, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));

static fg_status new_item(fg_input_item **out, fg_input *in, kind k, const char *bytes,
                          size_t len, fg_error *err, const char *fmt, ...)
{
    fg_input_item *it = calloc(1, sizeof(*it));
    if (it) {
        va_list ap;
        va_start(ap, fmt);
        if (vasprintf(&it->source, fmt, ap) < 0)
            it->source = NULL; /* its value is undefined after a failure */
        va_end(ap);
    }
    if (it && it->source && (it->path = strdup(in->path)) != NULL &&
        (it->bytes = malloc(len + 1)) != NULL) {
        if (len)
            memcpy(it->bytes, bytes, len);
        it->bytes[len] = '\0';
        it->len = len;
        it->kind = k;
        it->opts = in->opts;
        *out = it;
        return FG_OK;
    }
    fg_input_item_free(it);
    return fg_error_set(err, FG_ENOMEM, in->path, "out of memory");
}

/* Text and HTML: the whole file is one document. */
static fg_status next_whole(fg_input_item **out, fg_input *in, kind k, fg_error *err)
{
    fg_status st;
    size_t max = k == KIND_HTML ? FG_MAX_HTML_BYTES : FG_MAX_DOC_BYTES;
    if ((st = read_all(in, max, err)) != FG_OK)
        return st;
    in->done = true;
    return new_item(out, in, k, in->buf + in->pos, in->len - in->pos, err, "%s", in->path);
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(p[i] == ' ' || p[i] == '\t' || p[i] == '\r'))
            return false;
    return true;
}

/* Skips the rest of a line longer than FG_MAX_JSONL_LINE. */
static fg_status skip_long_line(fg_input *in, long line, uint64_t start, fg_error *err)
{
    fg_status st;
    for (;;) {
        char *nl = in->len > in->pos ? memchr(in->buf + in->pos, '\n', in->len - in->pos) : NULL;
        if (nl) {
            in->pos = (size_t)(nl - in->buf) + 1;
            break;
        }
        in->pos = in->len;
        if (in->eof)
            break;
        if ((st = fill(in, CHUNK, err)) != FG_OK)
            return st;
    }
    return fg_error_set_at(err, FG_ELIMIT, in->path, line, 0, (size_t)start,
                           "record too large (limit %zu bytes)", (size_t)FG_MAX_JSONL_LINE);
}

/* JSON Lines: the next non-blank line. */
static fg_status next_line(fg_input_item **out, fg_input *in, fg_error *err)
{
    fg_status st;
    for (;;) {
        char *p = in->buf + in->pos; /* buf is NULL before the first read */
        char *nl = in->len > in->pos ? memchr(p, '\n', in->len - in->pos) : NULL;
        if (!nl && !in->eof) {
            if (in->len - in->pos > FG_MAX_JSONL_LINE)
                return skip_long_line(in, ++in->line, in->base + in->pos, err);
            if ((st = fill(in, SIZE_MAX, err)) != FG_OK)
                return st;
            continue;
        }
        if (!nl && in->pos == in->len) {
            in->done = true;
            return FG_OK;
        }
        size_t n = nl ? (size_t)(nl - p) : in->len - in->pos;
        uint64_t off = in->base + in->pos;
        in->pos += n + (nl ? 1 : 0);
        in->line++;
        if (n > FG_MAX_JSONL_LINE)
            return fg_error_set_at(err, FG_ELIMIT, in->path, in->line, 0, (size_t)off,
                                   "record too large (limit %zu bytes)",
                                   (size_t)FG_MAX_JSONL_LINE);
        if (blank(p, n))
            continue;
        if (n > 0 && p[n - 1] == '\r')
            n--;
        if ((st = new_item(out, in, KIND_JSON, p, n, err, "%s:%ld", in->path, in->line)) !=
            FG_OK)
            return st;
        (*out)->line = in->line;
        (*out)->offset = off;
        return FG_OK;
    }
}

/* A .json file: parsed whole; an array yields its elements, an object is one
 * document. Several objects, one per line, make it JSON Lines after all. */
static fg_status start_json(fg_input_item **out, fg_input *in, fg_error *err)
{
    fg_status st;
    json_error_t jerr;
    if ((st = read_all(in, FG_MAX_JSON_BYTES, err)) != FG_OK)
        return st;
    json_t *v = json_loadb(in->buf + in->pos, in->len - in->pos, 0, &jerr);
    if (!v && json_error_code(&jerr) == json_error_end_of_input_expected) {
        in->format = FG_INPUT_JSONL;
        return next_line(out, in, err);
    }
    if (!v) {
        in->done = true;
        return fg_error_set_at(err, FG_EPARSE, in->path, jerr.line > 0 ? jerr.line : 0,
                               jerr.column > 0 ? jerr.column : 0, (size_t)jerr.position,
                               "invalid JSON: %s", jerr.text);
    }
    if (!json_is_array(v)) {
        json_decref(v);
        in->done = true;
        return new_item(out, in, KIND_JSON, in->buf + in->pos, in->len - in->pos, err, "%s",
                        in->path);
    }
    in->array = v;
    in->index = 0;
    free(in->buf); /* the array holds what is needed */
    in->buf = NULL;
    in->len = in->pos = in->cap = 0;
    return FG_OK;
}

/* The next element of a JSON array, serialized again for the worker that
 * loads it: items hold bytes, never a json_t. */
static fg_status next_element(fg_input_item **out, fg_input *in, fg_error *err)
{
    fg_status st;
    if (in->index >= json_array_size(in->array)) {
        in->done = true;
        return FG_OK;
    }
    size_t i = in->index++;
    char *s = json_dumps(json_array_get(in->array, i), JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s)
        return fg_error_set(err, FG_ENOMEM, in->path, "out of memory");
    st = new_item(out, in, KIND_JSON, s, strlen(s), err, "%s[%zu]", in->path, i);
    free(s);
    return st;
}

fg_status fg_input_next(fg_input_item **out, fg_input *in, fg_error *err)
{
    fg_status st;
    assert(out && in);
    *out = NULL;
    if (in->done)
        return FG_OK;
    if (in->format == FG_INPUT_AUTO) {
        while (!in->eof && in->len - in->pos < SNIFF)
            if ((st = fill(in, SNIFF, err)) != FG_OK)
                return st;
        in->format = sniff(in->buf + in->pos, in->len - in->pos);
    }
    switch (in->format) {
    case FG_INPUT_AUTO: /* resolved above */
    case FG_INPUT_TEXT: return next_whole(out, in, KIND_TEXT, err);
    case FG_INPUT_HTML: return next_whole(out, in, KIND_HTML, err);
    case FG_INPUT_JSONL: return next_line(out, in, err);
    case FG_INPUT_JSON:
        if (!in->array && (st = start_json(out, in, err)) != FG_OK)
            return st;
        if (*out || in->done || in->format != FG_INPUT_JSON)
            return FG_OK;
        return next_element(out, in, err);
    }
    return FG_OK;
}

/* ---- loading ----------------------------------------------------------- */

const char *fg_input_item_path(const fg_input_item *item)
{
    return item->path;
}

size_t fg_input_item_size(const fg_input_item *item)
{
    return item->len;
}

fg_str fg_input_item_bytes(const fg_input_item *item)
{
    return fg_str_make(item->bytes, item->len);
}

long fg_input_item_line(const fg_input_item *item)
{
    return item->line;
}

uint64_t fg_input_item_offset(const fg_input_item *item)
{
    return item->offset;
}

/* Copies e into err (first error wins there too). */
static fg_status pass_error(fg_error *err, const fg_error *e)
{
    if (e->line > 0 || e->has_offset)
        return fg_error_set_at(err, e->code, e->source[0] ? e->source : NULL, e->line, e->column,
                               e->offset, "%s", e->text);
    return fg_error_set(err, e->code, e->source[0] ? e->source : NULL, "%s", e->text);
}

/* A JSON Lines record's error names the file and line; a position inside
 * the record (at_pos: bad JSON) becomes a column and a byte offset in the
 * file, anything else the offset of the line. */
static fg_status record_error(fg_error *err, const fg_input_item *it, const fg_error *e,
                              bool at_pos)
{
    if (it->line == 0) {
        fg_error copy = *e;
        if (!copy.source[0] || !at_pos)
            snprintf(copy.source, sizeof(copy.source), "%s", it->source);
        return pass_error(err, &copy);
    }
    return fg_error_set_at(err, e->code, it->path, it->line, at_pos ? e->column : 0,
                           (size_t)it->offset + (at_pos ? e->offset : 0), "%s", e->text);
}

static fg_status load_json(fg_doc **out, const fg_input_item *it, fg_error *err)
{
    fg_status st;
    fg_error e;
    struct fg_json_record r;
    char *source = NULL;

    fg_error_clear(&e);
    fg_buf_init(&r.text, 0);
    fg_buf_init(&r.id, 0);
    fg_buf_init(&r.date, 0);
    if ((st = fg_json_record_read(&r, it->bytes, it->len, it->opts, &e)) != FG_OK) {
        st = record_error(err, it, &e, e.has_offset);
        goto out;
    }
    if (r.id.len > 0 && asprintf(&source, "%s#%s", it->path, r.id.ptr) < 0) {
        source = NULL;
        st = fg_error_set(err, FG_ENOMEM, it->path, "out of memory");
        goto out;
    }
    st = fg_doc_load_mem(out, source ? source : it->source, r.text.ptr, r.text.len,
                         it->opts->lang, &e);
    if (st == FG_OK && r.date.len > 0 && (st = fg_doc_set_date(*out, r.date.ptr, r.date.len, &e)) != FG_OK) {
        fg_doc_free(*out);
        *out = NULL;
    }
    if (st != FG_OK)
        st = record_error(err, it, &e, false);
out:
    free(source);
    fg_buf_release(&r.text);
    fg_buf_release(&r.id);
    fg_buf_release(&r.date);
    return st;
}

static fg_status load_html(fg_doc **out, const fg_input_item *it, fg_error *err)
{
    fg_status st;
    fg_buf text;
    fg_buf_init(&text, 0);
    if ((st = fg_html_text(&text, it->bytes, it->len, err)) == FG_OK) {
        if (text.len == 0)
            st = fg_error_set(err, FG_EEMPTY, it->source, "no text in the page");
        else
            st = fg_doc_load_mem(out, it->source, text.ptr, text.len, it->opts->lang, err);
    }
    fg_buf_release(&text);
    fg_error_set_source(err, it->source);
    return st;
}

fg_status fg_input_item_load(fg_doc **out, const fg_input_item *item, fg_error *err)
{
    assert(out && item);
    *out = NULL;
    switch (item->kind) {
    case KIND_TEXT:
        return fg_doc_load_mem(out, item->source, item->bytes, item->len, item->opts->lang, err);
    case KIND_HTML: return load_html(out, item, err);
    case KIND_JSON: return load_json(out, item, err);
    }
    return fg_error_set(err, FG_EINVAL, item->source, "unknown item kind");
}

fg_status fg_doc_load_html(fg_doc **out, const char *source, const char *bytes, size_t len,
                           fg_lang lang, fg_error *err)
{
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    fg_input_item it = {KIND_HTML, (char *)source, (char *)source, (char *)bytes, len, 0, 0,
                        &opts};
    opts.lang = lang;
    return fg_input_item_load(out, &it, err);
}

fg_status fg_doc_load_json(fg_doc **out, const char *path, const char *source,
                           const char *bytes, size_t len, const fg_input_opts *opts,
                           fg_error *err)
{
    fg_input_item it = {KIND_JSON, (char *)path, (char *)source, (char *)bytes, len, 0, 0, opts};
    return fg_input_item_load(out, &it, err);
}
