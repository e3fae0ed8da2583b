/* test_input.c - reading inputs: HTML pages (boilerplate, charsets, titles),
 * JSON Lines (fields, ids, dates, bad lines with line, column and byte
 * offset), JSON files, gzip, format sniffing.
 *
 * The pages and records are in tests/cases/input/. Expected texts are
 * written by hand from what a reader of each page sees; byte offsets are
 * counted by hand from the files (articles.jsonl: line 4 starts at byte 192,
 * line 5 at 204 and is 46 bytes long, line 6 at 251, line 8 at 330). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "factgraph/doc.h"
#include "factgraph/input.h"

static char case_dir[1024];

static const char *path_of(const char *name)
{
    static char buf[1200];
    snprintf(buf, sizeof(buf), "%s/%s", case_dir, name);
    return buf;
}

/* Every document of a file, and every error, in order. */
struct result {
    size_t ndocs, nerrs;
    char *source[16];
    char *text[16];
    char *date[16];
    fg_error err[16];
    fg_status code[16];
};

static void result_release(struct result *r)
{
    for (size_t i = 0; i < r->ndocs; i++) {
        free(r->source[i]);
        free(r->text[i]);
        free(r->date[i]);
    }
}

static void read_all(struct result *r, const char *path, const fg_input_opts *opts)
{
    fg_input *in = NULL;
    fg_error err;
    memset(r, 0, sizeof(*r));
    fg_error_clear(&err);
    assert_int_equal(fg_input_open(&in, path, opts, &err), FG_OK);
    for (;;) {
        fg_input_item *it = NULL;
        fg_doc *doc = NULL;
        fg_error_clear(&err);
        fg_status st = fg_input_next(&it, in, &err);
        if (st == FG_OK && !it)
            break;
        if (st == FG_OK)
            st = fg_input_item_load(&doc, it, &err);
        if (st != FG_OK) {
            assert_true(r->nerrs < 16);
            r->err[r->nerrs] = err;
            r->code[r->nerrs++] = st;
        } else {
            assert_true(r->ndocs < 16);
            fg_str t = fg_doc_text(doc);
            r->source[r->ndocs] = strdup(fg_doc_source(doc));
            r->text[r->ndocs] = strndup(t.ptr, t.len);
            r->date[r->ndocs] = fg_doc_date(doc) ? strdup(fg_doc_date(doc)) : NULL;
            r->ndocs++;
        }
        fg_doc_free(doc);
        fg_input_item_free(it);
    }
    fg_input_free(in);
}

/* ---- HTML ---------------------------------------------------------------- */

/* The article as a reader sees it: the headline, then its two paragraphs.
 * Not the menu (AMD), the ranking box (サムスン電子), the script (Intel),
 * the share box, the aside (TSMC), the hidden block (ファーウェイ), the
 * related article (ソフトバンク), the footer (Huawei). The line break inside
 * the second paragraph joins two Japanese words without a space. */
static const char *const article_text = "米商務省、H20の輸出を禁止\n"
                                        "米商務省は9日、エヌビディアのH20の中国への輸出を禁止した。\n"
                                        "同社は対応を検討している。\n";

static void check_article(const char *file)
{
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    read_all(&r, path_of(file), &opts);
    assert_int_equal(r.nerrs, 0);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.text[0], article_text);
    assert_string_equal(r.source[0], path_of(file));
    result_release(&r);
}

static void test_html_utf8_boilerplate(void **state)
{
    (void)state;
    check_article("article_utf8.html");
}

static void test_html_shift_jis_declared(void **state)
{
    (void)state;
    check_article("article_sjis.html");
}

static void test_html_euc_jp_undeclared(void **state)
{
    (void)state;
    check_article("article_eucjp.html");
}

/* og:title when there is no <h1>; <br>, table cells, <pre>, entities; an
 * id with "ad" and a navigation role are dropped. */
static void test_html_og_title_and_blocks(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    read_all(&r, path_of("title_og.html"), &opts);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.text[0], "Microsoft invests in G42\n"
                                   "Microsoft invested $1.5 billion in G42.\n"
                                   "Second\n"
                                   "line & more\n"
                                   "cell one cell two\n"
                                   "pre\n"
                                   "kept\n");
    result_release(&r);
    read_all(&r, path_of("title_only.html"), &opts);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.text[0], "Only a title\nBody text.\n");
    result_release(&r);
}

static void test_html_without_text(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    read_all(&r, path_of("empty.html"), &opts);
    assert_int_equal(r.ndocs, 0);
    assert_int_equal(r.nerrs, 1);
    assert_int_equal(r.code[0], FG_EEMPTY);
    assert_string_equal(r.err[0].source, path_of("empty.html"));
    result_release(&r);
}

static void test_html_from_memory(void **state)
{
    (void)state;
    fg_doc *doc = NULL;
    fg_error err;
    fg_error_clear(&err);
    const char *page = "<p>Nvidia&#8217;s H20</p><script>alert(1)</script>";
    assert_int_equal(fg_doc_load_html(&doc, "mem.html", page, strlen(page), FG_LANG_EN, &err),
                     FG_OK);
    fg_str t = fg_doc_text(doc);
    assert_int_equal(t.len, strlen("Nvidia\u2019s H20\n"));
    assert_memory_equal(t.ptr, "Nvidia\u2019s H20\n", t.len);
    assert_string_equal(fg_doc_source(doc), "mem.html");
    fg_doc_free(doc);
}

/* ---- JSON Lines ---------------------------------------------------------- */

static void test_jsonl_records_and_errors(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    const char *p = path_of("articles.jsonl");
    char want[4200];
    read_all(&r, p, &opts);
    assert_int_equal(r.ndocs, 3);
    snprintf(want, sizeof(want), "%s#a1", p);
    assert_string_equal(r.source[0], want);
    assert_string_equal(r.text[0],
                        "Chip curbs\nThe Commerce Department banned exports of the H20 to China.");
    assert_string_equal(r.date[0], "2024-12-08");
    snprintf(want, sizeof(want), "%s#42", p); /* an integer id */
    assert_string_equal(r.source[1], want);
    assert_string_equal(r.text[1], "NVIDIA develops the H20."); /* title null: no title line */
    assert_null(r.date[1]);
    snprintf(want, sizeof(want), "%s:7", p); /* no id: the line */
    assert_string_equal(r.source[2], want);
    assert_string_equal(r.text[2], "No id here\nIntel makes chips."); /* title kept on one line */

    assert_int_equal(r.nerrs, 4);
    /* line 4: {"text": 5} */
    assert_int_equal(r.code[0], FG_EPARSE);
    assert_string_equal(r.err[0].source, p);
    assert_int_equal(r.err[0].line, 4);
    assert_int_equal(r.err[0].column, 0);
    assert_int_equal(r.err[0].offset, 192);
    assert_string_equal(r.err[0].text, "field \"text\" is not a string");
    /* line 5: the closing brace is missing; jansson stops at the end of the
     * record, column 46, byte 204 + 46 */
    assert_int_equal(r.code[1], FG_EPARSE);
    assert_int_equal(r.err[1].line, 5);
    assert_int_equal(r.err[1].column, 46);
    assert_int_equal(r.err[1].offset, 250);
    assert_non_null(strstr(r.err[1].text, "invalid JSON"));
    /* line 6: an array */
    assert_int_equal(r.err[2].line, 6);
    assert_int_equal(r.err[2].offset, 251);
    assert_string_equal(r.err[2].text, "record is not a JSON object");
    /* line 8: no text field */
    assert_int_equal(r.err[3].line, 8);
    assert_int_equal(r.err[3].offset, 330);
    assert_string_equal(r.err[3].text, "no \"text\" field");
    result_release(&r);
}

static void test_jsonl_custom_fields(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    char want[4200];
    opts.text_field = "body";
    opts.title_field = "headline";
    opts.id_field = "url";
    opts.date_field = "published";
    read_all(&r, path_of("articles_custom.jsonl"), &opts);
    assert_int_equal(r.ndocs, 1);
    snprintf(want, sizeof(want), "%s#https://example.com/a", path_of("articles_custom.jsonl"));
    assert_string_equal(r.source[0], want);
    assert_string_equal(r.text[0], "Funding\nMicrosoft invested in G42.");
    assert_string_equal(r.date[0], "2024-04-16");
    result_release(&r);
}

/* ---- JSON files ---------------------------------------------------------- */

static void test_json_array_object_and_lines(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    char want[4200];
    read_all(&r, path_of("array.json"), &opts);
    assert_int_equal(r.ndocs, 2);
    snprintf(want, sizeof(want), "%s#x", path_of("array.json"));
    assert_string_equal(r.source[0], want);
    snprintf(want, sizeof(want), "%s[1]", path_of("array.json"));
    assert_string_equal(r.source[1], want);
    assert_string_equal(r.text[1], "Two\nSecond article.");
    result_release(&r);

    read_all(&r, path_of("object.json"), &opts); /* one pretty-printed object */
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.source[0], path_of("object.json"));
    assert_string_equal(r.text[0], "One object\nPretty-printed over several lines.");
    result_release(&r);

    read_all(&r, path_of("lines.json"), &opts); /* JSON Lines named .json */
    assert_int_equal(r.ndocs, 2);
    assert_string_equal(r.text[1], "two");
    result_release(&r);
}

/* ---- gzip, sniffing, errors ---------------------------------------------- */

static void gzip_file(const char *from, const char *to, size_t truncate_to)
{
    FILE *f = fopen(from, "rb");
    assert_non_null(f);
    char data[8192];
    size_t n = fread(data, 1, sizeof(data), f);
    fclose(f);
    gzFile gz = gzopen(to, "wb");
    assert_non_null(gz);
    assert_int_equal(gzwrite(gz, data, (unsigned)n), (int)n);
    assert_int_equal(gzclose(gz), Z_OK);
    if (truncate_to)
        assert_int_equal(truncate(to, (off_t)truncate_to), 0);
}

static void test_gzip_of_each_format(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    char dir[] = "/tmp/fg_test_input_XXXXXX";
    char gz[4200];
    assert_non_null(mkdtemp(dir));

    snprintf(gz, sizeof(gz), "%s/articles.jsonl.gz", dir);
    gzip_file(path_of("articles.jsonl"), gz, 0);
    read_all(&r, gz, &opts);
    assert_int_equal(r.ndocs, 3);
    assert_int_equal(r.nerrs, 4);
    assert_int_equal(r.err[1].offset, 250); /* offsets count decompressed bytes */
    result_release(&r);
    unlink(gz);

    snprintf(gz, sizeof(gz), "%s/page.html.gz", dir);
    gzip_file(path_of("article_sjis.html"), gz, 0);
    read_all(&r, gz, &opts);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.text[0], article_text);
    result_release(&r);
    unlink(gz);

    snprintf(gz, sizeof(gz), "%s/plain.txt.gz", dir);
    gzip_file(path_of("plain.txt"), gz, 0);
    read_all(&r, gz, &opts);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.text[0], "A title\nBody text here.\n");
    result_release(&r);
    unlink(gz);

    /* cut in the middle of the deflate stream */
    snprintf(gz, sizeof(gz), "%s/cut.jsonl.gz", dir);
    gzip_file(path_of("articles.jsonl"), gz, 60);
    read_all(&r, gz, &opts);
    assert_int_equal(r.ndocs, 0);
    assert_int_equal(r.nerrs, 1);
    assert_int_equal(r.code[0], FG_EPARSE);
    assert_string_equal(r.err[0].text, "truncated gzip file");
    result_release(&r);
    unlink(gz);
    rmdir(dir);
}

static void test_sniffing(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    struct result r;
    read_all(&r, path_of("sniff_jsonl.dat"), &opts);
    assert_int_equal(r.ndocs, 3);
    result_release(&r);
    read_all(&r, path_of("sniff_html.dat"), &opts);
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.text[0], "Only a title\nBody text.\n");
    result_release(&r);
    read_all(&r, path_of("sniff_text.dat"), &opts); /* a title that starts with '<' */
    assert_int_equal(r.ndocs, 1);
    assert_string_equal(r.text[0], "<速報> Chip news\nBody.\n");
    result_release(&r);
    /* a forced format wins over the name */
    opts.format = FG_INPUT_TEXT;
    read_all(&r, path_of("title_only.html"), &opts);
    assert_int_equal(r.ndocs, 1);
    assert_non_null(strstr(r.text[0], "<html>"));
    result_release(&r);
}

static void test_open_errors_and_formats(void **state)
{
    (void)state;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    fg_input *in = (fg_input *)1;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_input_open(&in, "/nonexistent/x.txt", &opts, &err), FG_EIO);
    assert_null(in);
    assert_string_equal(err.source, "/nonexistent/x.txt");
    assert_string_equal(err.text, "No such file or directory");
    fg_error_clear(&err);
    assert_int_equal(fg_input_open(&in, case_dir, &opts, &err), FG_EIO);
    assert_string_equal(err.text, "Is a directory");

    fg_input_format f = FG_INPUT_AUTO;
    assert_int_equal(fg_input_format_parse(&f, "jsonl", NULL), FG_OK);
    assert_int_equal(f, FG_INPUT_JSONL);
    assert_int_equal(fg_input_format_parse(&f, "txt", NULL), FG_OK);
    assert_int_equal(f, FG_INPUT_TEXT);
    fg_error_clear(&err);
    assert_int_equal(fg_input_format_parse(&f, "xml", &err), FG_EINVAL);
    assert_non_null(strstr(err.text, "unknown input format 'xml'"));
}

int main(void)
{
    const char *src = getenv("FG_SOURCE_DIR");
    snprintf(case_dir, sizeof(case_dir), "%s/tests/cases/input", src ? src : ".");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_html_utf8_boilerplate),
        cmocka_unit_test(test_html_shift_jis_declared),
        cmocka_unit_test(test_html_euc_jp_undeclared),
        cmocka_unit_test(test_html_og_title_and_blocks),
        cmocka_unit_test(test_html_without_text),
        cmocka_unit_test(test_html_from_memory),
        cmocka_unit_test(test_jsonl_records_and_errors),
        cmocka_unit_test(test_jsonl_custom_fields),
        cmocka_unit_test(test_json_array_object_and_lines),
        cmocka_unit_test(test_gzip_of_each_format),
        cmocka_unit_test(test_sniffing),
        cmocka_unit_test(test_open_errors_and_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
