/* test_core.c - the core layer: errors, arena, buffer, string views, UTF-8, map.
 *
 * Expected values come from the contracts in include/factgraph/error.h and
 * core.h, worked out by hand (byte counts in the comments); none is copied
 * from the program's output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "factgraph/core.h"
#include "factgraph/error.h"

#define S(lit) fg_str_make((lit), sizeof(lit) - 1) /* literals may hold NULs */

/* True if the view holds exactly these bytes; prints both when not. */
static bool view_is(fg_str v, const char *want, size_t want_len)
{
    if (v.len == want_len && (want_len == 0 || memcmp(v.ptr, want, want_len) == 0))
        return true;
    print_error("view \"%.*s\" (%zu bytes), want \"%.*s\" (%zu bytes)\n", (int)v.len,
                v.ptr ? v.ptr : "", v.len, (int)want_len, want, want_len);
    return false;
}
/* A macro, so that a failure reports the caller's line. */
#define assert_view(v, want, want_len) assert_true(view_is((v), (want), (want_len)))

/* ---- fg_error ------------------------------------------------------------ */

static void test_error_first_wins(void **state)
{
    (void)state;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(err.code, FG_OK);
    assert_string_equal(err.source, "");
    assert_string_equal(err.text, "");
    assert_int_equal(err.line, 0);
    assert_false(err.has_offset);

    assert_int_equal(fg_error_set(&err, FG_EPARSE, "a.tsv", "bad line %d", 7), FG_EPARSE);
    assert_int_equal(err.code, FG_EPARSE);
    assert_string_equal(err.source, "a.tsv");
    assert_string_equal(err.text, "bad line 7");
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_false(err.has_offset);

    /* A second error is returned to the caller but does not overwrite. */
    assert_int_equal(fg_error_set(&err, FG_ENOMEM, "b.tsv", "out of memory"), FG_ENOMEM);
    assert_int_equal(fg_error_set_at(&err, FG_EUTF8, "c.txt", 3, 4, 20, "x"), FG_EUTF8);
    assert_int_equal(err.code, FG_EPARSE);
    assert_string_equal(err.source, "a.tsv");
    assert_string_equal(err.text, "bad line 7");
    assert_int_equal(err.line, 0);

    /* set_source fills only an empty source. */
    fg_error_set_source(&err, "other.tsv");
    assert_string_equal(err.source, "a.tsv");

    /* After clearing, the next error is recorded. */
    fg_error_clear(&err);
    assert_int_equal(fg_error_set_at(&err, FG_EUTF8, NULL, 3, 4, 20, "bad byte"), FG_EUTF8);
    assert_int_equal(err.code, FG_EUTF8);
    assert_string_equal(err.source, "");
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 4);
    assert_int_equal(err.offset, 20);
    assert_true(err.has_offset);
    fg_error_set_source(&err, "late.txt");
    assert_string_equal(err.source, "late.txt");
}

static void test_error_null(void **state)
{
    (void)state;
    /* err may be NULL: the code still comes back, nothing crashes. */
    assert_int_equal(fg_error_set(NULL, FG_EIO, "x", "y"), FG_EIO);
    assert_int_equal(fg_error_set_at(NULL, FG_ELIMIT, "x", 1, 1, 0, "y"), FG_ELIMIT);
    fg_error_set_source(NULL, "x");
    fg_error_clear(NULL);
}

static void test_error_long_source(void **state)
{
    (void)state;
    /* 300 bytes: "/" + 290 'd' + "/name.txt" (9 bytes). */
    char path[301];
    path[0] = '/';
    memset(path + 1, 'd', 290);
    memcpy(path + 291, "/name.txt", 10);
    assert_int_equal(strlen(path), 300);

    fg_error err;
    fg_error_clear(&err);
    fg_error_set(&err, FG_EIO, path, "no such file");
    size_t n = strlen(err.source);
    assert_true(n <= FG_ERROR_SOURCE_MAX - 1);
    assert_memory_equal(err.source, "...", 3);
    /* the file name survives at the end, and everything after "..." is the
     * path's tail */
    assert_true(n > 3 + 9);
    assert_string_equal(err.source + n - 9, "/name.txt");
    assert_string_equal(err.source + 3, path + 300 - (n - 3));

    /* A source that fits (159 bytes plus the NUL) is kept whole. */
    char fits[FG_ERROR_SOURCE_MAX];
    memset(fits, 'f', sizeof(fits) - 1);
    fits[sizeof(fits) - 1] = '\0';
    fg_error_clear(&err);
    fg_error_set(&err, FG_EIO, fits, "x");
    assert_string_equal(err.source, fits);

    /* One byte more does not fit: it is cut at the front. */
    char over[FG_ERROR_SOURCE_MAX + 1];
    memset(over, 'g', sizeof(over) - 1);
    over[sizeof(over) - 2] = 'Z';
    over[sizeof(over) - 1] = '\0';
    fg_error_clear(&err);
    fg_error_set(&err, FG_EIO, over, "x");
    assert_memory_equal(err.source, "...", 3);
    n = strlen(err.source);
    assert_true(n <= FG_ERROR_SOURCE_MAX - 1);
    assert_int_equal(err.source[n - 1], 'Z');

    /* set_source cuts the same way. */
    fg_error_clear(&err);
    fg_error_set(&err, FG_EIO, NULL, "x");
    fg_error_set_source(&err, path);
    assert_memory_equal(err.source, "...", 3);
    n = strlen(err.source);
    assert_string_equal(err.source + n - 9, "/name.txt");
}

static void test_error_long_text(void **state)
{
    (void)state;
    char msg[500];
    memset(msg, 'm', sizeof(msg) - 1);
    msg[sizeof(msg) - 1] = '\0';
    fg_error err;
    fg_error_clear(&err);
    fg_error_set(&err, FG_EPARSE, "f", "%s", msg);
    assert_int_equal(strlen(err.text), FG_ERROR_TEXT_MAX - 1); /* cut, NUL-terminated */
}

static void test_error_format(void **state)
{
    (void)state;
    char buf[256];
    fg_error err;

    /* line and column */
    fg_error_clear(&err);
    fg_error_set_at(&err, FG_EPARSE, "lex.tsv", 12, 5, 300, "empty entity id");
    fg_error_format(&err, buf, sizeof(buf));
    assert_string_equal(buf, "lex.tsv:12:5: empty entity id");

    /* byte offset, no line */
    fg_error_clear(&err);
    fg_error_set_at(&err, FG_EEMPTY, "bin.txt", 0, 0, 3, "binary file");
    fg_error_format(&err, buf, sizeof(buf));
    assert_string_equal(buf, "bin.txt: byte 3: binary file");

    /* offset 0 is still an offset */
    fg_error_clear(&err);
    fg_error_set_at(&err, FG_EUTF8, "z.txt", 0, 0, 0, "invalid utf-8 byte 0xff");
    fg_error_format(&err, buf, sizeof(buf));
    assert_string_equal(buf, "z.txt: byte 0: invalid utf-8 byte 0xff");

    /* plain: no position at all */
    fg_error_clear(&err);
    fg_error_set(&err, FG_EIO, "missing.txt", "No such file or directory");
    fg_error_format(&err, buf, sizeof(buf));
    assert_string_equal(buf, "missing.txt: No such file or directory");

    /* A small buffer is cut and NUL-terminated. */
    fg_error_clear(&err);
    fg_error_set_at(&err, FG_EPARSE, "lex.tsv", 12, 5, 0, "empty entity id");
    char small[8];
    memset(small, 'X', sizeof(small));
    fg_error_format(&err, small, sizeof(small));
    assert_string_equal(small, "lex.tsv");
}

static void test_strerror(void **state)
{
    (void)state;
    static const fg_status codes[] = {FG_OK,     FG_ENOMEM, FG_EIO,  FG_EUTF8, FG_EPARSE,
                                      FG_ELIMIT, FG_EINVAL, FG_EDEP, FG_EEMPTY};
    const size_t n = sizeof(codes) / sizeof(codes[0]);
    /* Codes are only appended, never renumbered. */
    assert_int_equal(FG_OK, 0);
    assert_int_equal(FG_ENOMEM, 1);
    assert_int_equal(FG_EIO, 2);
    assert_int_equal(FG_EUTF8, 3);
    assert_int_equal(FG_EPARSE, 4);
    assert_int_equal(FG_ELIMIT, 5);
    assert_int_equal(FG_EINVAL, 6);
    assert_int_equal(FG_EDEP, 7);
    assert_int_equal(FG_EEMPTY, 8);
    for (size_t i = 0; i < n; i++) {
        const char *s = fg_strerror(codes[i]);
        assert_non_null(s);
        size_t len = strlen(s);
        assert_true(len > 0);
        /* lowercase, no final period (STYLE.md, error messages) */
        if (s[0] >= 'A' && s[0] <= 'Z')
            fail_msg("code %d: \"%s\" starts with a capital", (int)codes[i], s);
        if (s[len - 1] == '.')
            fail_msg("code %d: \"%s\" ends with a period", (int)codes[i], s);
        /* each code has its own text */
        for (size_t j = 0; j < i; j++)
            if (strcmp(s, fg_strerror(codes[j])) == 0)
                fail_msg("codes %d and %d share \"%s\"", (int)codes[j], (int)codes[i], s);
    }
    /* an unknown value still gets a static text, not NULL */
    assert_non_null(fg_strerror((fg_status)99));
}

/* ---- fg_arena ------------------------------------------------------------ */

static void test_arena_alignment(void **state)
{
    (void)state;
    fg_arena *a = fg_arena_new();
    assert_non_null(a);
    const size_t align = _Alignof(max_align_t);
    static const size_t sizes[] = {1, 3, 7, 8, 13, 16, 17, 100, 0, 5, 4096, 33};
    char *prev = NULL;
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            char *p = fg_arena_alloc(a, sizes[i]);
            assert_non_null(p);
            if ((uintptr_t)p % align != 0)
                fail_msg("alloc(%zu) returned %p, not aligned to %zu", sizes[i], (void *)p, align);
            if (sizes[i])
                memset(p, 0xAB, sizes[i]); /* ASan: the whole request is ours */
            assert_true(p != prev);
            prev = p;
        }
    }
    double *d = fg_arena_alloc(a, sizeof(double) * 4);
    long double *ld = fg_arena_alloc(a, sizeof(long double));
    assert_non_null(d);
    assert_non_null(ld);
    d[3] = 1.5;
    *ld = 2.5L;
    assert_true(d[3] == 1.5);
    assert_true(*ld == 2.5L);
    assert_false(fg_arena_failed(a));
    fg_arena_free(a);
    fg_arena_free(NULL); /* NULL-safe */
}

static void test_arena_large(void **state)
{
    (void)state;
    fg_arena *a = fg_arena_new();
    assert_non_null(a);
    size_t used0 = fg_arena_used(a);
    char *small = fg_arena_alloc(a, 10);
    assert_non_null(small);
    memcpy(small, "012345678", 10);
    assert_true(fg_arena_used(a) >= used0 + 10);

    /* Larger than any block: 1 MiB and 3 MiB, written end to end. */
    const size_t big1 = (size_t)1 << 20, big2 = (size_t)3 << 20;
    unsigned char *b1 = fg_arena_alloc(a, big1);
    assert_non_null(b1);
    memset(b1, 0x11, big1);
    char *after = fg_arena_alloc(a, 10); /* small ones keep working after */
    assert_non_null(after);
    memcpy(after, "abcdefghi", 10);
    unsigned char *b2 = fg_arena_alloc(a, big2);
    assert_non_null(b2);
    memset(b2, 0x22, big2);
    assert_true(fg_arena_used(a) >= used0 + 10 + big1 + 10 + big2);

    /* nothing overlaps */
    assert_string_equal(small, "012345678");
    assert_string_equal(after, "abcdefghi");
    assert_int_equal(b1[0], 0x11);
    assert_int_equal(b1[big1 - 1], 0x11);
    assert_int_equal(b2[0], 0x22);
    assert_int_equal(b2[big2 - 1], 0x22);
    assert_int_equal((uintptr_t)b1 % _Alignof(max_align_t), 0);
    assert_int_equal((uintptr_t)b2 % _Alignof(max_align_t), 0);

    /* Many mid-sized allocations (a quarter block and up) also stay apart. */
    char *mids[40];
    for (int i = 0; i < 40; i++) {
        mids[i] = fg_arena_alloc(a, 20000 + (size_t)i);
        assert_non_null(mids[i]);
        memset(mids[i], 'a' + i % 26, 20000 + (size_t)i);
    }
    for (int i = 0; i < 40; i++) {
        assert_int_equal(mids[i][0], 'a' + i % 26);
        assert_int_equal(mids[i][20000 + i - 1], 'a' + i % 26);
    }
    assert_false(fg_arena_failed(a));
    fg_arena_free(a);
}

static void test_arena_strings(void **state)
{
    (void)state;
    fg_arena *a = fg_arena_new();
    assert_non_null(a);

    char *s = fg_arena_strndup(a, "abcdef", 3);
    assert_string_equal(s, "abc");
    s = fg_arena_strndup(a, "", 0);
    assert_string_equal(s, "");
    /* binary-safe: len bytes then a NUL */
    s = fg_arena_strndup(a, "a\0b", 3);
    assert_memory_equal(s, "a\0b\0", 4);
    s = fg_arena_strdup(a, "エヌビディア");
    assert_string_equal(s, "エヌビディア");

    s = fg_arena_printf(a, "%s-%d-%.2f", "x", 42, 1.5);
    assert_string_equal(s, "x-42-1.50");
    s = fg_arena_printf(a, "%s", "");
    assert_string_equal(s, "");
    /* longer than a block: 100000 digits */
    s = fg_arena_printf(a, "%0*d", 100000, 7);
    assert_non_null(s);
    assert_int_equal(strlen(s), 100000);
    assert_int_equal(s[0], '0');
    assert_int_equal(s[99999], '7');
    assert_false(fg_arena_failed(a));
    fg_arena_free(a);
}

static void test_arena_calloc(void **state)
{
    (void)state;
    fg_arena *a = fg_arena_new();
    assert_non_null(a);
    /* dirty some memory first, so zeroing is visible */
    unsigned char *junk = fg_arena_alloc(a, 256);
    memset(junk, 0xFF, 256);
    int *v = fg_arena_calloc(a, 100, sizeof(int));
    assert_non_null(v);
    for (int i = 0; i < 100; i++)
        assert_int_equal(v[i], 0);
    assert_non_null(fg_arena_calloc(a, 0, 8)); /* zero bytes: still a pointer */
    assert_false(fg_arena_failed(a));

    /* n * size overflows size_t: NULL, and the sticky flag is set. */
    void *p = fg_arena_calloc(a, SIZE_MAX / 2 + 1, 2);
    assert_null(p);
    assert_true(fg_arena_failed(a));
    /* sticky: later successes do not clear it */
    assert_non_null(fg_arena_alloc(a, 8));
    assert_true(fg_arena_failed(a));
    fg_arena_free(a);

    a = fg_arena_new();
    assert_non_null(a);
    assert_null(fg_arena_calloc(a, (size_t)1 << (sizeof(size_t) * 4),
                                (size_t)1 << (sizeof(size_t) * 4))); /* 2^32 * 2^32 on 64-bit */
    assert_true(fg_arena_failed(a));
    fg_arena_free(a);

    /* An impossible single size fails the same way. */
    a = fg_arena_new();
    assert_non_null(a);
    assert_null(fg_arena_alloc(a, SIZE_MAX));
    assert_true(fg_arena_failed(a));
    fg_arena_free(a);
}

/* ---- fg_buf -------------------------------------------------------------- */

static void assert_buf_ok(const fg_buf *b)
{
    assert_non_null(b->ptr);
    assert_int_equal(b->ptr[b->len], '\0');
    assert_true(b->len <= b->max);
}

static void test_buf_invariants(void **state)
{
    (void)state;
    fg_buf b;
    fg_error err;
    fg_error_clear(&err);
    fg_buf_init(&b, 0);
    assert_buf_ok(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.ptr, "");
    assert_int_equal(b.max, FG_BUF_DEFAULT_MAX);
    fg_buf_reset(&b); /* reset of a never-grown buffer */
    assert_buf_ok(&b);

    assert_int_equal(fg_buf_adds(&b, "abc", &err), FG_OK);
    assert_int_equal(fg_buf_addc(&b, '-', &err), FG_OK);
    assert_int_equal(fg_buf_add(&b, "x\0y", 3, &err), FG_OK); /* holds a NUL */
    assert_int_equal(fg_buf_printf(&b, &err, "%d%s", 12, "ab"), FG_OK);
    assert_int_equal(fg_buf_add(&b, NULL, 0, &err), FG_OK);
    assert_buf_ok(&b);
    assert_int_equal(b.len, 11);
    assert_memory_equal(b.ptr, "abc-x\0y12ab", 12); /* with the final NUL */
    assert_true(b.cap >= b.len + 1);

    fg_buf_reset(&b);
    assert_buf_ok(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.ptr, "");
    assert_int_equal(fg_buf_adds(&b, "again", &err), FG_OK);
    assert_string_equal(b.ptr, "again");

    fg_buf_release(&b);
    assert_buf_ok(&b);
    assert_int_equal(b.len, 0);
    fg_buf_release(&b); /* twice is harmless */
    assert_buf_ok(&b);
    assert_int_equal(err.code, FG_OK);
}

static void test_buf_growth(void **state)
{
    (void)state;
    fg_buf b;
    fg_buf_init(&b, 0);
    /* 10000 appends of "0123456789": 100000 bytes, checked as they go. */
    for (int i = 0; i < 10000; i++) {
        assert_int_equal(fg_buf_add(&b, "0123456789", 10, NULL), FG_OK);
        assert_int_equal(b.len, (size_t)(i + 1) * 10);
        assert_int_equal(b.ptr[b.len], '\0');
    }
    assert_true(b.cap > b.len);
    for (size_t i = 0; i < b.len; i++)
        if (b.ptr[i] != (char)('0' + i % 10))
            fail_msg("byte %zu is '%c'", i, b.ptr[i]);
    /* one big append at once */
    char *big = malloc(1 << 20);
    assert_non_null(big);
    memset(big, 'z', 1 << 20);
    assert_int_equal(fg_buf_add(&b, big, 1 << 20, NULL), FG_OK);
    assert_int_equal(b.len, 100000 + (1 << 20));
    assert_int_equal(b.ptr[100000], 'z');
    assert_int_equal(b.ptr[b.len - 1], 'z');
    assert_buf_ok(&b);
    free(big);
    fg_buf_release(&b);
}

static void test_buf_limit(void **state)
{
    (void)state;
    fg_buf b;
    fg_error err;
    fg_buf_init(&b, 10);
    assert_int_equal(b.max, 10);
    fg_error_clear(&err);
    assert_int_equal(fg_buf_adds(&b, "12345678", &err), FG_OK);

    /* 8 + 3 = 11 > 10: refused, the content stays as it was */
    assert_int_equal(fg_buf_adds(&b, "abc", &err), FG_ELIMIT);
    assert_int_equal(err.code, FG_ELIMIT);
    assert_true(err.text[0] != '\0');
    assert_int_equal(b.len, 8);
    assert_string_equal(b.ptr, "12345678");
    assert_buf_ok(&b);

    /* up to max is fine: 8 + 2 = 10 */
    assert_int_equal(fg_buf_adds(&b, "ab", NULL), FG_OK);
    assert_string_equal(b.ptr, "12345678ab");
    assert_int_equal(fg_buf_addc(&b, 'c', NULL), FG_ELIMIT);
    assert_int_equal(fg_buf_printf(&b, NULL, "%d", 1), FG_ELIMIT);
    assert_int_equal(b.len, 10);
    assert_string_equal(b.ptr, "12345678ab");
    /* a huge length does not wrap around */
    assert_int_equal(fg_buf_add(&b, "x", SIZE_MAX, NULL), FG_ELIMIT);
    assert_string_equal(b.ptr, "12345678ab");

    /* reset makes room again; the limit stays */
    fg_buf_reset(&b);
    fg_error_clear(&err);
    assert_int_equal(fg_buf_printf(&b, &err, "%s", "0123456789"), FG_OK);
    assert_int_equal(fg_buf_printf(&b, &err, "%s", "X"), FG_ELIMIT);
    assert_int_equal(err.code, FG_ELIMIT);
    assert_string_equal(b.ptr, "0123456789");
    fg_buf_release(&b);
    assert_int_equal(b.max, 10); /* release keeps the limit */
    fg_buf_release(&b);
}

static void test_buf_detach(void **state)
{
    (void)state;
    fg_buf b;
    fg_buf_init(&b, 0);
    assert_int_equal(fg_buf_add(&b, "ab\0cd", 5, NULL), FG_OK);
    size_t len = 0;
    char *p = fg_buf_detach(&b, &len);
    assert_non_null(p);
    assert_int_equal(len, 5);
    assert_memory_equal(p, "ab\0cd", 6);
    /* b is empty and usable again */
    assert_buf_ok(&b);
    assert_int_equal(b.len, 0);
    assert_true(b.ptr != p);
    assert_int_equal(fg_buf_adds(&b, "new", NULL), FG_OK);
    assert_string_equal(b.ptr, "new");
    assert_memory_equal(p, "ab\0cd", 6); /* untouched by later use of b */
    free(p);

    /* An empty buffer detaches to an empty, freeable string. */
    fg_buf_release(&b);
    len = 99;
    p = fg_buf_detach(&b, &len);
    assert_non_null(p);
    assert_int_equal(len, 0);
    assert_string_equal(p, "");
    free(p);
    p = fg_buf_detach(&b, NULL); /* len may be NULL */
    assert_non_null(p);
    free(p);
    fg_buf_release(&b);
}

/* ---- fg_str -------------------------------------------------------------- */

static void test_str_trim(void **state)
{
    (void)state;
    assert_view(fg_str_trim(S("  abc \t\n")), "abc", 3);
    assert_view(fg_str_trim(S("abc")), "abc", 3);
    assert_view(fg_str_trim(S("a b")), "a b", 3);
    assert_view(fg_str_trim(S("\r\n\v\fx\f")), "x", 1);
    /* U+3000 IDEOGRAPHIC SPACE (E3 80 80) at both ends, mixed with ASCII */
    assert_view(fg_str_trim(S("\xE3\x80\x80 見出し \xE3\x80\x80\xE3\x80\x80")), "見出し", 9);
    assert_view(fg_str_trim(S("\xE3\x80\x80")), "", 0);
    assert_view(fg_str_trim(S("   ")), "", 0);
    assert_view(fg_str_trim(S("")), "", 0);
    /* inner U+3000 stays */
    assert_view(fg_str_trim(S("A\xE3\x80\x80" "B")), "A\xE3\x80\x80" "B", 5);
    /* a kana whose bytes look like E3 80 xx is not a space: 「 is E3 80 8C,
     * 、 is E3 80 81 */
    assert_view(fg_str_trim(S("「あ」")), "「あ」", 9);
    assert_view(fg_str_trim(S("あ、")), "あ、", 6);
    /* trim keeps pointing into the same bytes */
    static const char txt[] = "  xy  ";
    fg_str t = fg_str_trim(fg_str_make(txt, 6));
    assert_ptr_equal(t.ptr, txt + 2);
    assert_int_equal(t.len, 2);
}

static void test_str_compare(void **state)
{
    (void)state;
    assert_true(fg_str_eq(S("abc"), S("abc")));
    assert_false(fg_str_eq(S("abc"), S("abd")));
    assert_false(fg_str_eq(S("abc"), S("ab")));
    assert_true(fg_str_eq(S(""), FG_STR_NULL));
    /* binary: bytes after a NUL count */
    assert_true(fg_str_eq(S("a\0b"), S("a\0b")));
    assert_false(fg_str_eq(S("a\0b"), S("a\0c")));
    assert_false(fg_str_eq(S("a\0b"), S("a")));

    /* eq_cstr compares the whole view, not a prefix */
    assert_true(fg_str_eq_cstr(fg_str_make("NVIDIA corp", 6), "NVIDIA"));
    assert_false(fg_str_eq_cstr(fg_str_make("NVIDIA corp", 6), "NVIDIA corp"));
    assert_false(fg_str_eq_cstr(S("NVIDIA"), "NVIDI"));

    fg_str c = fg_str_cstr("エヌビディア");
    assert_int_equal(c.len, 18);
    assert_int_equal(fg_str_cstr(NULL).len, 0);

    fg_str s = fg_str_make("H200 chips", 4); /* a view without a NUL at len */
    assert_true(fg_str_starts_with(s, "H2"));
    assert_true(fg_str_starts_with(s, "H200"));
    assert_true(fg_str_starts_with(s, ""));
    assert_false(fg_str_starts_with(s, "H200 "));
    assert_false(fg_str_starts_with(s, "h2"));
    assert_true(fg_str_ends_with(s, "00"));
    assert_true(fg_str_ends_with(s, "H200"));
    assert_true(fg_str_ends_with(s, ""));
    assert_false(fg_str_ends_with(s, "chips"));
    assert_false(fg_str_ends_with(s, "xH200"));
    assert_true(fg_str_ends_with(S("米国政府"), "政府"));
    assert_false(fg_str_starts_with(FG_STR_NULL, "a"));
    assert_false(fg_str_ends_with(FG_STR_NULL, "a"));
}

/* ---- UTF-8 --------------------------------------------------------------- */

/* Decodes the literal and checks length and code point. */
#define DEC_OK(lit, want_n, want_cp)                                                  \
    do {                                                                              \
        int cp_ = -1;                                                                 \
        assert_int_equal(fg_utf8_decode((lit), sizeof(lit) - 1, &cp_), (want_n));     \
        assert_int_equal(cp_, (want_cp));                                             \
    } while (0)
#define DEC_BAD(lit)                                                                  \
    do {                                                                              \
        int cp_ = -1;                                                                 \
        assert_int_equal(fg_utf8_decode((lit), sizeof(lit) - 1, &cp_), 0);           \
    } while (0)

static void test_utf8_decode(void **state)
{
    (void)state;
    DEC_OK("A", 1, 0x41);
    DEC_OK("\x7F", 1, 0x7F);
    DEC_OK("\xC2\x80", 2, 0x80);               /* smallest 2-byte */
    DEC_OK("\xC3\xA9", 2, 0xE9);               /* é */
    DEC_OK("\xDF\xBF", 2, 0x7FF);
    DEC_OK("\xE0\xA0\x80", 3, 0x800);          /* smallest 3-byte */
    DEC_OK("\xE3\x81\x82", 3, 0x3042);         /* あ */
    DEC_OK("\xE3\x80\x80", 3, 0x3000);         /* ideographic space */
    DEC_OK("\xED\x9F\xBF", 3, 0xD7FF);         /* just below the surrogates */
    DEC_OK("\xEE\x80\x80", 3, 0xE000);         /* just above them */
    DEC_OK("\xEF\xBF\xBF", 3, 0xFFFF);
    DEC_OK("\xF0\x90\x80\x80", 4, 0x10000);    /* smallest 4-byte */
    DEC_OK("\xF0\x9F\x98\x80", 4, 0x1F600);    /* emoji */
    DEC_OK("\xF4\x8F\xBF\xBF", 4, 0x10FFFF);   /* largest code point */
    DEC_OK("\xE3\x81\x82\xE3\x81\x84", 3, 0x3042); /* only the first one */

    /* overlong forms */
    DEC_BAD("\xC0\xAF");                       /* '/' in 2 bytes */
    DEC_BAD("\xC1\xBF");
    DEC_BAD("\xE0\x80\xAF");                   /* '/' in 3 bytes */
    DEC_BAD("\xE0\x9F\xBF");                   /* U+07FF in 3 bytes */
    DEC_BAD("\xF0\x80\x80\xAF");               /* '/' in 4 bytes */
    DEC_BAD("\xF0\x8F\xBF\xBF");               /* U+FFFF in 4 bytes */
    /* UTF-16 surrogates */
    DEC_BAD("\xED\xA0\x80");                   /* U+D800 */
    DEC_BAD("\xED\xBF\xBF");                   /* U+DFFF */
    /* past U+10FFFF */
    DEC_BAD("\xF4\x90\x80\x80");               /* U+110000 */
    DEC_BAD("\xF5\x80\x80\x80");
    DEC_BAD("\xF7\xBF\xBF\xBF");
    /* truncated sequences */
    DEC_BAD("\xC3");
    DEC_BAD("\xE3\x81");
    DEC_BAD("\xF0\x9F\x98");
    {
        int cp = -1; /* the bytes are there, but len says they are not ours */
        assert_int_equal(fg_utf8_decode("\xE3\x81\x82", 2, &cp), 0);
        assert_int_equal(fg_utf8_decode("A", 0, &cp), 0);
    }
    /* bad continuation bytes */
    DEC_BAD("\xE3\x41\x82");
    DEC_BAD("\xE3\x81\x41");
    DEC_BAD("\xC3\xC3");
    DEC_BAD("\xF0\x9F\x98\x41");
    /* lone continuation and never-valid bytes */
    DEC_BAD("\x80");
    DEC_BAD("\xBF");
    DEC_BAD("\xFE");
    DEC_BAD("\xFF");

    assert_int_equal(fg_utf8_seqlen('A'), 1);
    assert_int_equal(fg_utf8_seqlen(0xC3), 2);
    assert_int_equal(fg_utf8_seqlen(0xE3), 3);
    assert_int_equal(fg_utf8_seqlen(0xF0), 4);
    assert_int_equal(fg_utf8_seqlen(0x80), 1); /* invalid lead bytes: 1 */
    assert_int_equal(fg_utf8_seqlen(0xC0), 1);
    assert_int_equal(fg_utf8_seqlen(0xF8), 1);
    assert_int_equal(fg_utf8_seqlen(0xFF), 1);
}

static void test_utf8_validate_count(void **state)
{
    (void)state;
    /* "abc" 3 + あ 3 = 6, then 0xFF */
    static const char bad[] = "abc\xE3\x81\x82\xFF" "def";
    assert_int_equal(fg_utf8_validate(bad, sizeof(bad) - 1), 6);
    static const char good[] = "NVIDIAのH20、\xF0\x9F\x98\x80!";
    assert_int_equal(fg_utf8_validate(good, sizeof(good) - 1), sizeof(good) - 1);
    assert_int_equal(fg_utf8_validate("", 0), 0);
    /* truncated at the end: offset of the lead byte */
    assert_int_equal(fg_utf8_validate("ab\xE3\x81", 4), 2);
    /* a surrogate in the middle */
    assert_int_equal(fg_utf8_validate("a\xED\xA0\x80" "b", 5), 1);
    /* overlong NUL (Java's modified UTF-8) */
    assert_int_equal(fg_utf8_validate("x\xC0\x80", 3), 1);
    /* an embedded NUL is valid UTF-8 */
    assert_int_equal(fg_utf8_validate("a\0b", 3), 3);

    assert_int_equal(fg_utf8_count("", 0), 0);
    assert_int_equal(fg_utf8_count("abc", 3), 3);
    assert_int_equal(fg_utf8_count("aあ\xF0\x9F\x98\x80", 8), 3);
    assert_int_equal(fg_utf8_count("エヌビディア", 18), 6);
    /* invalid bytes count one each */
    assert_int_equal(fg_utf8_count("a\xFF" "b", 3), 3);
    assert_int_equal(fg_utf8_count("\xE3\x81", 2), 2);
    assert_int_equal(fg_utf8_count("\x80\x80\x80", 3), 3);
}

/* ---- fg_map -------------------------------------------------------------- */

static void test_map_basic(void **state)
{
    (void)state;
    fg_map *m = NULL;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_map_new(&m, &err), FG_OK);
    assert_non_null(m);
    assert_int_equal(fg_map_count(m), 0);
    void *it = NULL;
    assert_false(fg_map_next(m, &it, NULL, NULL));
    assert_null(fg_map_find(m, "a", 1));

    int x = 1, y = 2, z = 3;
    assert_int_equal(fg_map_put(m, "NVIDIA", 6, &x, &err), FG_OK);
    assert_int_equal(fg_map_put(m, "エヌビディア", 18, &y, &err), FG_OK);
    assert_int_equal(fg_map_count(m), 2);
    assert_ptr_equal(fg_map_find(m, "NVIDIA", 6), &x);
    assert_ptr_equal(fg_map_find(m, "エヌビディア", 18), &y);
    assert_null(fg_map_find(m, "NVIDI", 5));   /* a prefix is another key */
    assert_null(fg_map_find(m, "nvidia", 6));  /* case matters */

    /* replace: same count, new value */
    assert_int_equal(fg_map_put(m, "NVIDIA", 6, &z, &err), FG_OK);
    assert_int_equal(fg_map_count(m), 2);
    assert_ptr_equal(fg_map_find(m, "NVIDIA", 6), &z);

    /* The map copies keys: changing the caller's buffer changes nothing. */
    char key[] = "H20";
    assert_int_equal(fg_map_put(m, key, 3, &x, &err), FG_OK);
    key[2] = '1';
    assert_ptr_equal(fg_map_find(m, "H20", 3), &x);
    assert_null(fg_map_find(m, "H21", 3));
    assert_int_equal(err.code, FG_OK);
    fg_map_free(m);
    fg_map_free(NULL); /* NULL-safe */
}

static void test_map_binary_keys(void **state)
{
    (void)state;
    fg_map *m = NULL;
    assert_int_equal(fg_map_new(&m, NULL), FG_OK);
    int v[5];
    /* keys differ only after a NUL byte, or by length */
    assert_int_equal(fg_map_put(m, "k\0a", 3, &v[0], NULL), FG_OK);
    assert_int_equal(fg_map_put(m, "k\0b", 3, &v[1], NULL), FG_OK);
    assert_int_equal(fg_map_put(m, "k", 1, &v[2], NULL), FG_OK);
    assert_int_equal(fg_map_put(m, "k\0", 2, &v[3], NULL), FG_OK);
    assert_int_equal(fg_map_put(m, "", 0, &v[4], NULL), FG_OK); /* the empty key */
    assert_int_equal(fg_map_count(m), 5);
    assert_ptr_equal(fg_map_find(m, "k\0a", 3), &v[0]);
    assert_ptr_equal(fg_map_find(m, "k\0b", 3), &v[1]);
    assert_ptr_equal(fg_map_find(m, "k", 1), &v[2]);
    assert_ptr_equal(fg_map_find(m, "k\0", 2), &v[3]);
    assert_ptr_equal(fg_map_find(m, "", 0), &v[4]);
    assert_null(fg_map_find(m, "k\0c", 3));

    /* iteration gives the keys back with their lengths */
    void *it = NULL;
    fg_str key;
    void *val;
    assert_true(fg_map_next(m, &it, &key, &val));
    assert_view(key, "k\0a", 3);
    assert_ptr_equal(val, &v[0]);
    assert_true(fg_map_next(m, &it, &key, &val));
    assert_view(key, "k\0b", 3);
    assert_true(fg_map_next(m, &it, &key, &val));
    assert_view(key, "k", 1);
    assert_true(fg_map_next(m, &it, &key, &val));
    assert_view(key, "k\0", 2);
    assert_true(fg_map_next(m, &it, &key, &val));
    assert_view(key, "", 0);
    assert_ptr_equal(val, &v[4]);
    assert_false(fg_map_next(m, &it, &key, &val));
    fg_map_free(m);
}

static void test_map_order_10000(void **state)
{
    (void)state;
    enum { N = 10000 };
    fg_map *m = NULL;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_map_new(&m, &err), FG_OK);
    char key[32];
    /* Keys in an order unrelated to any hash: i * 7919 mod N visits every
     * index once (7919 is prime, so coprime with 10000). */
    for (size_t i = 0; i < N; i++) {
        size_t k = (i * 7919) % N;
        int n = snprintf(key, sizeof(key), "key-%zu", k);
        assert_int_equal(fg_map_put(m, key, (size_t)n, (void *)(uintptr_t)(k + 1), &err), FG_OK);
    }
    assert_int_equal(fg_map_count(m), N);

    /* Replacing a value does not move its key. */
    int n = snprintf(key, sizeof(key), "key-%d", 4242);
    assert_int_equal(fg_map_put(m, key, (size_t)n, (void *)(uintptr_t)777777, &err), FG_OK);
    assert_int_equal(fg_map_count(m), N);

    void *it = NULL;
    fg_str k;
    void *val;
    size_t i = 0;
    while (fg_map_next(m, &it, &k, &val)) {
        assert_true(i < N);
        size_t want = (i * 7919) % N;
        n = snprintf(key, sizeof(key), "key-%zu", want);
        if (!fg_str_eq(k, fg_str_make(key, (size_t)n)))
            fail_msg("item %zu is \"%.*s\", want \"%s\"", i, (int)k.len, k.ptr, key);
        uintptr_t want_val = want == 4242 ? 777777 : want + 1;
        assert_int_equal((uintptr_t)val, want_val);
        i++;
    }
    assert_int_equal(i, N);

    for (size_t j = 0; j < N; j++) {
        n = snprintf(key, sizeof(key), "key-%zu", j);
        uintptr_t want_val = j == 4242 ? 777777 : j + 1;
        assert_int_equal((uintptr_t)fg_map_find(m, key, (size_t)n), want_val);
    }
    assert_null(fg_map_find(m, "key-10000", 9));
    assert_int_equal(err.code, FG_OK);
    fg_map_free(m);
}

/* Appending a buffer to itself: growing moves the bytes, the append must
 * still copy the old contents (git's strbuf_addbuf allows this too). */
static void test_buf_self_append(void **state)
{
    (void)state;
    fg_buf b;
    fg_buf_init(&b, 0);
    assert_int_equal(fg_buf_adds(&b, "abcdefgh", NULL), FG_OK);
    for (int i = 0; i < 6; i++)
        assert_int_equal(fg_buf_add(&b, b.ptr, b.len, NULL), FG_OK);
    assert_int_equal(b.len, 8 * 64);
    for (size_t i = 0; i < b.len; i++)
        assert_int_equal(b.ptr[i], "abcdefgh"[i % 8]);
    assert_int_equal(b.ptr[b.len], '\0');
    fg_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_self_append),
        cmocka_unit_test(test_error_first_wins),
        cmocka_unit_test(test_error_null),
        cmocka_unit_test(test_error_long_source),
        cmocka_unit_test(test_error_long_text),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_strerror),
        cmocka_unit_test(test_arena_alignment),
        cmocka_unit_test(test_arena_large),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_arena_calloc),
        cmocka_unit_test(test_buf_invariants),
        cmocka_unit_test(test_buf_growth),
        cmocka_unit_test(test_buf_limit),
        cmocka_unit_test(test_buf_detach),
        cmocka_unit_test(test_str_trim),
        cmocka_unit_test(test_str_compare),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_utf8_validate_count),
        cmocka_unit_test(test_map_basic),
        cmocka_unit_test(test_map_binary_keys),
        cmocka_unit_test(test_map_order_10000),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
