/* test_doc.c - loading, validation, NFKC with offset map, title and sentences.
 *
 * Expected values are worked out by hand from the inputs; byte counts are in
 * the comments (a kana or kanji is 3 bytes, a full-width letter 3 bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "factgraph/doc.h"
#include "limits.h"

/* Compares a view with a C string, printing both on failure. */
#define assert_str(view, expected)                                                  \
    do {                                                                            \
        fg_str v_ = (view);                                                         \
        char *b_ = malloc(v_.len + 1);                                              \
        assert_non_null(b_);                                                        \
        memcpy(b_, v_.ptr, v_.len);                                                 \
        b_[v_.len] = '\0';                                                          \
        assert_string_equal(b_, (expected));                                        \
        free(b_);                                                                   \
    } while (0)

static fg_doc *load(const char *text, fg_lang lang)
{
    fg_doc *doc = NULL;
    fg_error err;
    fg_error_clear(&err);
    fg_status st = fg_doc_load_mem(&doc, "test.txt", text, strlen(text), lang, &err);
    if (st != FG_OK)
        fail_msg("load failed: %s", err.text);
    assert_non_null(doc);
    return doc;
}

static void assert_sentences(const fg_doc *doc, const char *const *want, size_t n)
{
    for (size_t i = 0; i < n && i < fg_doc_sentence_count(doc); i++) {
        const fg_sentence *s = fg_doc_sentence_get(doc, i);
        assert_int_equal(s->index, i);
        assert_str(s->text, want[i]);
        assert_ptr_equal(s->text.ptr, fg_doc_text(doc).ptr + s->norm_start);
    }
    assert_int_equal(fg_doc_sentence_count(doc), n);
}

/* ---- splitting ---------------------------------------------------------- */

static const char ja_text[] =
    "ＮＶＩＤＩＡ、売上高160億ドル\n"
    "\n"
    "米半導体大手のＮＶＩＤＩＡは20日、2024年11〜1月期の売上高が約393億ドルだったと発表した。"
    "前年同期比で78％増えた。\n"
    "　ジェンスン・フアンCEOは「需要は驚異的だ。」と述べた。\n"
    "本当か？そうだ！すごい!Yahoo!ニュースも報じた。\n"
    "ｴﾇﾋﾞﾃﾞｨｱの株価は1.3%上昇\n";

static void test_split_ja(void **state)
{
    (void)state;
    fg_doc *doc = load(ja_text, FG_LANG_AUTO);
    assert_int_equal(fg_doc_lang(doc), FG_LANG_JA);
    assert_str(fg_doc_title(doc), "NVIDIA、売上高160億ドル");
    static const char *const want[] = {
        "NVIDIA、売上高160億ドル",
        "米半導体大手のNVIDIAは20日、2024年11〜1月期の売上高が約393億ドルだったと発表した。",
        "前年同期比で78%増えた。",
        "ジェンスン・フアンCEOは「需要は驚異的だ。」", /* the closing 」 stays */
        "と述べた。",
        "本当か?",  /* full-width ？ ends a sentence; NFKC made it ASCII */
        "そうだ!",
        "すごい!",  /* ASCII ! after Japanese text ends one too ... */
        "Yahoo!ニュースも報じた。", /* ... but not inside a Latin name */
        "エヌビディアの株価は1.3%上昇", /* half-width kana to full-width */
    };
    assert_sentences(doc, want, sizeof(want) / sizeof(want[0]));
    fg_doc_free(doc);
}

static const char en_text[] =
    "Nvidia Beats Estimates\r\n"
    "\r\n"
    "Nvidia Corp. reported revenue of $39.3 billion on Feb. 26, up 78% from a year earlier. "
    "Chief Executive Jensen Huang said demand was \"amazing.\" The U.S. Commerce Department "
    "declined to comment! Is that enough? Analysts, e.g. Joseph Moore, think so. "
    "Dr. Lisa Su of AMD disagreed... Mr. Huang did not reply.\r\n"
    "- Shares rose 1.3% in after-hours trading\r"
    "Sales in Dec. Rose";

static void test_split_en(void **state)
{
    (void)state;
    fg_doc *doc = load(en_text, FG_LANG_AUTO);
    assert_int_equal(fg_doc_lang(doc), FG_LANG_EN);
    assert_str(fg_doc_title(doc), "Nvidia Beats Estimates");
    static const char *const want[] = {
        "Nvidia Beats Estimates",
        "Nvidia Corp. reported revenue of $39.3 billion on Feb. 26, up 78% from a year earlier.",
        "Chief Executive Jensen Huang said demand was \"amazing.\"",
        "The U.S. Commerce Department declined to comment!",
        "Is that enough?",
        "Analysts, e.g. Joseph Moore, think so.",
        "Dr. Lisa Su of AMD disagreed...",
        "Mr. Huang did not reply.",
        "- Shares rose 1.3% in after-hours trading", /* a lone CR ends a line too */
        "Sales in Dec. Rose",                        /* month abbreviation */
    };
    assert_sentences(doc, want, sizeof(want) / sizeof(want[0]));

    /* CRLF became LF: "Nvidia Beats Estimates\n\n" is 24 normalized bytes,
     * 26 original bytes. */
    const fg_sentence *s1 = fg_doc_sentence_get(doc, 1);
    assert_int_equal(s1->norm_start, 24);
    assert_int_equal(s1->orig_start, 26);
    assert_int_equal(s1->orig_end, 26 + strlen(want[1]));
    const fg_sentence *s0 = fg_doc_sentence_get(doc, 0);
    assert_int_equal(s0->orig_start, 0);
    assert_int_equal(s0->orig_end, 22);
    assert_null(memchr(fg_doc_text(doc).ptr, '\r', fg_doc_text(doc).len));
    assert_int_equal(fg_doc_original(doc).len, strlen(en_text));
    fg_doc_free(doc);
}

/* ---- normalization and the offset map ------------------------------------ */

static void test_fullwidth_offsets(void **state)
{
    (void)state;
    /* ＮＶＩＤＩＡ: 6 x 3 bytes; が発表: 3 x 3 bytes. Original 27 bytes. */
    fg_doc *doc = load("ＮＶＩＤＩＡが発表", FG_LANG_AUTO);
    assert_str(fg_doc_text(doc), "NVIDIAが発表");
    assert_int_equal(fg_doc_text(doc).len, 15);
    assert_int_equal(fg_doc_orig_offset(doc, 0), 0);  /* N -> Ｎ */
    assert_int_equal(fg_doc_orig_offset(doc, 1), 3);  /* V -> Ｖ */
    assert_int_equal(fg_doc_orig_offset(doc, 5), 15); /* A -> Ａ */
    assert_int_equal(fg_doc_orig_offset(doc, 6), 18); /* が */
    assert_int_equal(fg_doc_orig_offset(doc, 9), 21); /* 発 */
    assert_int_equal(fg_doc_orig_offset(doc, 12), 24); /* 表 */
    assert_int_equal(fg_doc_orig_offset(doc, 15), 27); /* end */
    const fg_sentence *s = fg_doc_sentence_get(doc, 0);
    assert_int_equal(s->orig_start, 0);
    assert_int_equal(s->orig_end, 27);
    fg_doc_free(doc);
}

static void test_halfwidth_kana_offsets(void **state)
{
    (void)state;
    /* ｶﾞｽ: three half-width code points, 9 bytes; ｶﾞ composes to ガ. */
    fg_doc *doc = load("ｶﾞｽ１６０", FG_LANG_AUTO);
    assert_str(fg_doc_text(doc), "ガス160");
    assert_int_equal(fg_doc_orig_offset(doc, 0), 0);
    assert_int_equal(fg_doc_orig_offset(doc, 1), 0);  /* inside ガ: its start */
    assert_int_equal(fg_doc_orig_offset(doc, 3), 6);  /* ス after ｶﾞ (6 bytes) */
    assert_int_equal(fg_doc_orig_offset(doc, 6), 9);  /* 1 -> １ */
    assert_int_equal(fg_doc_orig_offset(doc, 8), 15); /* 0 -> ０ */
    assert_int_equal(fg_doc_orig_offset(doc, 9), 18);
    fg_doc_free(doc);
}

static void test_combining_mark(void **state)
{
    (void)state;
    /* e + U+0301 composes to é (U+00E9); "caf" 3 bytes, "e\xCC\x81" 3 bytes. */
    fg_doc *doc = load("cafe\xCC\x81 Tokyo", FG_LANG_AUTO);
    assert_str(fg_doc_text(doc), "caf\xC3\xA9 Tokyo");
    assert_int_equal(fg_doc_orig_offset(doc, 3), 3);
    assert_int_equal(fg_doc_orig_offset(doc, 4), 3);
    assert_int_equal(fg_doc_orig_offset(doc, 5), 6);
    assert_int_equal(fg_doc_orig_offset(doc, 6), 7);
    fg_doc_free(doc);
}

static void test_bom(void **state)
{
    (void)state;
    /* BOM 3 bytes, タイトル 12 bytes, LF, 本文。 */
    fg_doc *doc = load("\xEF\xBB\xBFタイトル\n本文。", FG_LANG_AUTO);
    assert_str(fg_doc_title(doc), "タイトル");
    assert_str(fg_doc_text(doc), "タイトル\n本文。");
    assert_int_equal(fg_doc_orig_offset(doc, 0), 3);
    assert_int_equal(fg_doc_sentence_count(doc), 2);
    const fg_sentence *s = fg_doc_sentence_get(doc, 1);
    assert_int_equal(s->norm_start, 13);
    assert_int_equal(s->orig_start, 16);
    assert_int_equal(s->orig_end, 25);
    assert_int_equal(fg_doc_original(doc).len, 25);
    fg_doc_free(doc);
}

static void test_title_after_blank_lines(void **state)
{
    (void)state;
    /* The ideographic space (U+3000) becomes an ASCII space under NFKC. */
    fg_doc *doc = load("\n  \n\xE3\x80\x80見出し　\n本文", FG_LANG_AUTO);
    assert_str(fg_doc_title(doc), "見出し");
    static const char *const want[] = {"見出し", "本文"};
    assert_sentences(doc, want, 2);
    const fg_sentence *s = fg_doc_sentence_get(doc, 0);
    assert_int_equal(s->orig_start, 7);  /* "\n  \n" 4 bytes + U+3000 3 bytes */
    assert_int_equal(s->orig_end, 16);
    fg_doc_free(doc);
}

/* ---- language ------------------------------------------------------------ */

static void test_language(void **state)
{
    (void)state;
    fg_doc *doc = load("Nvidia said on Tuesday.", FG_LANG_AUTO);
    assert_int_equal(fg_doc_lang(doc), FG_LANG_EN);
    fg_doc_free(doc);
    doc = load("Nvidia said on Tuesday.", FG_LANG_JA);
    assert_int_equal(fg_doc_lang(doc), FG_LANG_JA);
    fg_doc_free(doc);
    doc = load("エヌビディアが発表", FG_LANG_EN);
    assert_int_equal(fg_doc_lang(doc), FG_LANG_EN);
    fg_doc_free(doc);
    doc = load("Nvidia opened an office in Tokyo (東京) this week, the company said.",
               FG_LANG_AUTO);
    assert_int_equal(fg_doc_lang(doc), FG_LANG_EN);
    fg_doc_free(doc);
    doc = load("英伟达公司发布财报", FG_LANG_AUTO); /* ideographs, no kana */
    assert_int_equal(fg_doc_lang(doc), FG_LANG_JA);
    fg_doc_free(doc);

    fg_lang lang = FG_LANG_AUTO;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_lang_parse(&lang, "ja", &err), FG_OK);
    assert_int_equal(lang, FG_LANG_JA);
    assert_int_equal(fg_lang_parse(&lang, "en", &err), FG_OK);
    assert_int_equal(lang, FG_LANG_EN);
    assert_int_equal(fg_lang_parse(&lang, "auto", &err), FG_OK);
    assert_int_equal(lang, FG_LANG_AUTO);
    assert_int_equal(fg_lang_parse(&lang, "fr", &err), FG_EINVAL);
    assert_int_equal(err.code, FG_EINVAL);
    assert_string_equal(fg_lang_name(FG_LANG_JA), "ja");
    assert_string_equal(fg_lang_name(FG_LANG_EN), "en");
    assert_string_equal(fg_lang_name(FG_LANG_AUTO), "auto");
}

/* ---- errors -------------------------------------------------------------- */

static fg_status load_err(const char *bytes, size_t len, fg_error *err)
{
    fg_doc *doc = (fg_doc *)1;
    fg_error_clear(err);
    fg_status st = fg_doc_load_mem(&doc, "bad.txt", bytes, len, FG_LANG_AUTO, err);
    assert_null(doc);
    assert_int_equal(err->code, st);
    assert_string_equal(err->source, "bad.txt");
    return st;
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    fg_error err;
    /* 一行目 9 bytes + CRLF 2 + あい 6: the 0xff is byte 17, line 2, column 3. */
    static const char bad[] = "一行目\r\nあい\xffう";
    assert_int_equal(load_err(bad, sizeof(bad) - 1, &err), FG_EUTF8);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_int_equal(err.offset, 17);
    assert_true(err.has_offset);
    assert_string_equal(err.text, "invalid utf-8 byte 0xff");

    /* A truncated sequence at the end: E3 81 with no third byte. The BOM is
     * not a column. */
    static const char cut[] = "\xEF\xBB\xBF" "ab\xE3\x81";
    assert_int_equal(load_err(cut, sizeof(cut) - 1, &err), FG_EUTF8);
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 3);
    assert_int_equal(err.offset, 5);
    assert_string_equal(err.text, "invalid utf-8 byte 0xe3");

    /* A lone CR ends line 1 too. */
    static const char cr[] = "a\rb\xC0\xAF";
    assert_int_equal(load_err(cr, sizeof(cr) - 1, &err), FG_EUTF8);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 2);
    assert_int_equal(err.offset, 3);
}

static void test_binary(void **state)
{
    (void)state;
    fg_error err;
    static const char bin[] = "abc\0\xff\xfe";
    assert_int_equal(load_err(bin, sizeof(bin) - 1, &err), FG_EEMPTY);
    assert_true(err.has_offset);
    assert_int_equal(err.offset, 3);
    assert_int_equal(err.line, 0);
    assert_string_equal(err.text, "binary file (NUL byte at byte 3)");
}

static void test_empty(void **state)
{
    (void)state;
    fg_error err;
    assert_int_equal(load_err("", 0, &err), FG_EEMPTY);
    assert_string_equal(err.text, "empty document");
    static const char ws[] = " \n\t\xE3\x80\x80\r\n";
    assert_int_equal(load_err(ws, sizeof(ws) - 1, &err), FG_EEMPTY);
    assert_string_equal(err.text, "empty document");
    assert_int_equal(load_err("\xEF\xBB\xBF", 3, &err), FG_EEMPTY);
}

static void test_too_large(void **state)
{
    (void)state;
    fg_error err;
    /* Never read: the size check comes first. calloc does not touch the pages. */
    char *big = calloc(1, FG_MAX_DOC_BYTES + 1);
    assert_non_null(big);
    assert_int_equal(load_err(big, FG_MAX_DOC_BYTES + 1, &err), FG_ELIMIT);
    free(big);
}

static void test_missing_file(void **state)
{
    (void)state;
    fg_doc *doc = (fg_doc *)1;
    fg_error err;
    fg_error_clear(&err);
    const char *path = "/nonexistent-factgraph-dir/article.txt";
    assert_int_equal(fg_doc_load_file(&doc, path, FG_LANG_AUTO, &err), FG_EIO);
    assert_null(doc);
    assert_int_equal(err.code, FG_EIO);
    assert_string_equal(err.source, path);
    assert_string_equal(err.text, "No such file or directory");
}

static void test_directory(void **state)
{
    (void)state;
    char dir[] = "/tmp/fg_test_doc_XXXXXX";
    assert_non_null(mkdtemp(dir));
    fg_doc *doc = (fg_doc *)1;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_doc_load_file(&doc, dir, FG_LANG_AUTO, &err), FG_EIO);
    assert_null(doc);
    assert_string_equal(err.source, dir);
    assert_string_equal(err.text, "Is a directory");
    rmdir(dir);
}

static char *write_temp(const char *text)
{
    static char path[64];
    snprintf(path, sizeof(path), "/tmp/fg_test_doc_XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void test_load_file_and_stdin(void **state)
{
    (void)state;
    const char *path = write_temp("見出し\n本文です。二文目。\n");
    fg_doc *doc = NULL;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_doc_load_file(&doc, path, FG_LANG_AUTO, &err), FG_OK);
    assert_string_equal(fg_doc_source(doc), path);
    static const char *const want[] = {"見出し", "本文です。", "二文目。"};
    assert_sentences(doc, want, 3);
    fg_doc_free(doc);

    /* "-" reads standard input and is named "<stdin>". */
    int saved = dup(STDIN_FILENO);
    FILE *f = freopen(path, "r", stdin);
    assert_non_null(f);
    doc = NULL;
    assert_int_equal(fg_doc_load_file(&doc, "-", FG_LANG_AUTO, &err), FG_OK);
    assert_string_equal(fg_doc_source(doc), "<stdin>");
    assert_int_equal(fg_doc_sentence_count(doc), 3);
    fg_doc_free(doc);
    dup2(saved, STDIN_FILENO);
    close(saved);
    unlink(path);
}

/* ---- large input --------------------------------------------------------- */

static void test_large(void **state)
{
    (void)state;
    /* A title, then 250,000 sentences of 21 bytes (これは文です。) in lines of
     * 10, then one 42,000-byte line with no terminator, which is cut into
     * pieces of at most FG_MAX_SENTENCE_BYTES at character boundaries:
     * 16,383 + 16,383 + 9,234 (16,384 is not a multiple of 3). */
    const char *title = "大きな文書\n";
    const char *sent = "これは文です。";
    size_t nsent = 250000, long_chars = 14000;
    size_t cap = strlen(title) + nsent * (strlen(sent) + 1) + long_chars * 3 + 2;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = 0;
    memcpy(text + len, title, strlen(title));
    len += strlen(title);
    for (size_t i = 0; i < nsent; i++) {
        memcpy(text + len, sent, strlen(sent));
        len += strlen(sent);
        if (i % 10 == 9)
            text[len++] = '\n';
    }
    for (size_t i = 0; i < long_chars; i++) {
        memcpy(text + len, "あ", 3);
        len += 3;
    }
    assert_true(len <= cap);
    assert_true(len > 5 * 1000 * 1000);

    fg_doc *doc = NULL;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_doc_load_mem(&doc, "big.txt", text, len, FG_LANG_AUTO, &err), FG_OK);
    assert_int_equal(fg_doc_sentence_count(doc), 1 + nsent + 3);
    assert_str(fg_doc_sentence_get(doc, 1)->text, sent);
    assert_str(fg_doc_sentence_get(doc, nsent)->text, sent);
    size_t base = 1 + nsent;
    assert_int_equal(fg_doc_sentence_get(doc, base)->text.len, 16383);
    assert_int_equal(fg_doc_sentence_get(doc, base + 1)->text.len, 16383);
    assert_int_equal(fg_doc_sentence_get(doc, base + 2)->text.len, 9234);
    assert_int_equal(fg_doc_sentence_get(doc, base + 2)->orig_end, len);
    /* Unchanged text: the map is the identity. */
    assert_int_equal(fg_doc_orig_offset(doc, 12345), 12345);
    assert_true(fg_arena_used(fg_doc_arena(doc)) >= 2 * len);
    fg_doc_free(doc);
    free(text);
}

static void test_long_sentence_cut(void **state)
{
    (void)state;
    /* ASCII: no character boundary to respect, so exact pieces. */
    size_t n = FG_MAX_SENTENCE_BYTES * 2 + 100;
    char *text = malloc(n + 1);
    assert_non_null(text);
    memset(text, 'x', n);
    text[n] = '\0';
    fg_doc *doc = load(text, FG_LANG_EN);
    assert_int_equal(fg_doc_sentence_count(doc), 3);
    assert_int_equal(fg_doc_sentence_get(doc, 0)->text.len, FG_MAX_SENTENCE_BYTES);
    assert_int_equal(fg_doc_sentence_get(doc, 2)->text.len, 100);
    assert_int_equal(fg_doc_sentence_get(doc, 2)->orig_start, 2 * FG_MAX_SENTENCE_BYTES);
    assert_int_equal(fg_doc_title(doc).len, n);
    fg_doc_free(doc);
    free(text);
}

static void test_free_null(void **state)
{
    (void)state;
    fg_doc_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_ja),
        cmocka_unit_test(test_split_en),
        cmocka_unit_test(test_fullwidth_offsets),
        cmocka_unit_test(test_halfwidth_kana_offsets),
        cmocka_unit_test(test_combining_mark),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_title_after_blank_lines),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_binary),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_directory),
        cmocka_unit_test(test_load_file_and_stdin),
        cmocka_unit_test(test_large),
        cmocka_unit_test(test_long_sentence_cut),
        cmocka_unit_test(test_free_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
