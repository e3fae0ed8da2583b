/* test_lexicon.c - loading the id/type/aliases format, lookups, the matcher's
 * boundary and case rules, overrides, errors, and the default lexicon.
 *
 * The small lexicon below is written for these tests; expected values follow
 * the rules in include/factgraph/lexicon.h and the node types in SCHEMA.md.
 * Byte counts are in the comments (a kana or kanji is 3 bytes). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "factgraph/lexicon.h"

#define S(lit) fg_str_make((lit), sizeof(lit) - 1)

static const char small_lex[] =
    "# a lexicon for tests\n"
    "\n"
    "NVIDIA\tcompany\tNvidia|エヌビディア|英伟达\n"
    "Advanced Micro Devices\tcompany\tＡＭＤ\n"       /* full-width: NFKC at load */
    "Alibaba\tcompany\tAlibaba Group|アリババ\n"
    "Alibaba Cloud\tcompany\tAliyun|アリババクラウド\n"
    "H20\tchip\tHGX H20\n"
    "H200\tchip\tH200\n"
    "United States\tgovernment\tUS|U.S.|米国|アメリカ\n"
    "  # an indented comment\n"
    "Jensen Huang\tperson\tジェンスン・フアン|Jensen\r\n" /* CRLF is fine */
    "Qwen\tcompany\t通義千問\n"; /* wrong on purpose: overridden below */

static fg_lexicon *load_small(void)
{
    fg_lexicon *lex = NULL;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_new(&lex, &err), FG_OK);
    assert_non_null(lex);
    fg_status st = fg_lexicon_load_mem(lex, "small.tsv", small_lex, sizeof(small_lex) - 1, &err);
    if (st != FG_OK)
        fail_msg("load failed: %s:%ld: %s", err.source, err.line, err.text);
    return lex;
}

/* The entity an exact (normalized) alias names: its id, or NULL. */
static const char *alias_id(const fg_lexicon *lex, const char *alias)
{
    const fg_entity *e = fg_lexicon_find_alias(lex, fg_str_cstr(alias));
    return e ? e->id : NULL;
}

/* Matches at byte pos of text; returns the length and sets *id (NULL if none). */
static size_t match(const fg_lexicon *lex, const char *text, size_t pos, const char **id)
{
    const fg_entity *e = (const fg_entity *)1;
    size_t n = fg_lexicon_match_at(lex, fg_str_cstr(text), pos, &e);
    if (n == 0)
        assert_null(e);
    else
        assert_non_null(e);
    *id = e ? e->id : NULL;
    return n;
}

/* Asserts that text at pos matches want_len bytes naming want_id. */
#define assert_match(lex, text, pos, want_len, want_id)                              \
    do {                                                                             \
        const char *id_;                                                             \
        size_t n_ = match((lex), (text), (pos), &id_);                               \
        if (n_ != (size_t)(want_len))                                                \
            fail_msg("\"%s\" at %d: matched %zu bytes (%s), want %d (%s)", (text),   \
                     (int)(pos), n_, id_ ? id_ : "-", (int)(want_len), (want_id));   \
        assert_string_equal(id_, (want_id));                                         \
    } while (0)

#define assert_no_match(lex, text, pos)                                              \
    do {                                                                             \
        const char *id_;                                                             \
        size_t n_ = match((lex), (text), (pos), &id_);                               \
        if (n_ != 0)                                                                 \
            fail_msg("\"%s\" at %d: unexpected match of %zu bytes (%s)", (text),     \
                     (int)(pos), n_, id_);                                           \
    } while (0)

/* ---- lookups ------------------------------------------------------------- */

static void test_find(void **state)
{
    (void)state;
    fg_lexicon *lex = load_small();
    assert_int_equal(fg_lexicon_count(lex), 9);

    const fg_entity *e = fg_lexicon_find_id(lex, S("NVIDIA"));
    assert_non_null(e);
    assert_string_equal(e->id, "NVIDIA");
    assert_string_equal(e->type, "company");
    e = fg_lexicon_find_id(lex, S("Alibaba Cloud"));
    assert_non_null(e);
    assert_string_equal(e->type, "company");
    e = fg_lexicon_find_id(lex, S("Jensen Huang"));
    assert_non_null(e);
    assert_string_equal(e->type, "person");
    assert_null(fg_lexicon_find_id(lex, S("Nvidia")));   /* an alias, not an id */
    assert_null(fg_lexicon_find_id(lex, S("Intel")));
    assert_null(fg_lexicon_find_id(lex, S("")));

    /* aliases, and ids as aliases of themselves */
    assert_string_equal(alias_id(lex, "Nvidia"), "NVIDIA");
    assert_string_equal(alias_id(lex, "NVIDIA"), "NVIDIA");
    assert_string_equal(alias_id(lex, "エヌビディア"), "NVIDIA");
    assert_string_equal(alias_id(lex, "英伟达"), "NVIDIA");
    assert_string_equal(alias_id(lex, "Alibaba"), "Alibaba");
    assert_string_equal(alias_id(lex, "Alibaba Group"), "Alibaba");
    assert_string_equal(alias_id(lex, "Alibaba Cloud"), "Alibaba Cloud");
    assert_string_equal(alias_id(lex, "Aliyun"), "Alibaba Cloud");
    assert_string_equal(alias_id(lex, "HGX H20"), "H20");
    assert_string_equal(alias_id(lex, "米国"), "United States");
    assert_string_equal(alias_id(lex, "U.S."), "United States");
    assert_string_equal(alias_id(lex, "ジェンスン・フアン"), "Jensen Huang");
    assert_string_equal(alias_id(lex, "Jensen"), "Jensen Huang"); /* the CR is gone */
    assert_null(alias_id(lex, "Jensen\r"));
    assert_null(alias_id(lex, "Intel"));
    assert_null(alias_id(lex, ""));
    /* the case rules hold for lookups too: short aliases are exact */
    assert_null(alias_id(lex, "us"));
    assert_string_equal(alias_id(lex, "nvidia"), "NVIDIA");
    assert_string_equal(alias_id(lex, "ALIBABA GROUP"), "Alibaba");

    assert_true(fg_lexicon_is_schema_type("company"));
    assert_true(fg_lexicon_is_schema_type("chip"));
    assert_true(fg_lexicon_is_schema_type("government"));
    assert_true(fg_lexicon_is_schema_type("person"));
    assert_true(fg_lexicon_is_schema_type("model"));
    assert_true(fg_lexicon_is_schema_type("organization"));
    assert_true(fg_lexicon_is_schema_type("place"));
    assert_false(fg_lexicon_is_schema_type("chips"));
    assert_false(fg_lexicon_is_schema_type("Company"));
    assert_false(fg_lexicon_is_schema_type(""));
    fg_lexicon_free(lex);
    fg_lexicon_free(NULL); /* NULL-safe */
}

static void test_nfkc_alias(void **state)
{
    (void)state;
    fg_lexicon *lex = load_small();
    /* ＡＭＤ (9 bytes) was listed; it is stored as AMD (3 bytes) and matches
     * the text that doc.c has normalized. */
    assert_string_equal(alias_id(lex, "AMD"), "Advanced Micro Devices");
    assert_match(lex, "AMD shipped chips", 0, 3, "Advanced Micro Devices");
    /* 米 (3 bytes) then AMD */
    assert_match(lex, "米AMDが", 3, 3, "Advanced Micro Devices");
    fg_lexicon_free(lex);
}

/* ---- the matcher --------------------------------------------------------- */

static void test_match_longest(void **state)
{
    (void)state;
    fg_lexicon *lex = load_small();
    assert_match(lex, "Alibaba Cloud said", 0, 13, "Alibaba Cloud");
    assert_match(lex, "Alibaba said", 0, 7, "Alibaba");
    assert_match(lex, "Alibaba Group Holding", 0, 13, "Alibaba");
    /* "Cloudy" is not "Cloud": back off to the shorter alias */
    assert_match(lex, "Alibaba Cloudy", 0, 7, "Alibaba");
    /* at the end of the text */
    assert_match(lex, "by Alibaba Cloud", 3, 13, "Alibaba Cloud");
    /* アリババクラウド (24 bytes) over アリババ (12 bytes) */
    assert_match(lex, "アリババクラウドが", 0, 24, "Alibaba Cloud");
    assert_match(lex, "アリババが", 0, 12, "Alibaba");
    /* HGX H20 (7 bytes) over nothing shorter starting with H */
    assert_match(lex, "HGX H20 servers", 0, 7, "H20");
    /* no alias starts here */
    assert_no_match(lex, "the Alibaba", 0);
    assert_no_match(lex, "", 0);
    assert_no_match(lex, "Alibaba", 7); /* pos at the end */
    fg_lexicon_free(lex);
}

static void test_match_boundaries(void **state)
{
    (void)state;
    fg_lexicon *lex = load_small();
    assert_match(lex, "H20", 0, 3, "H20");
    assert_match(lex, "H20, H200", 0, 3, "H20");
    assert_match(lex, "H20, H200", 5, 4, "H200");
    assert_match(lex, "the H200 chip", 4, 4, "H200"); /* H200 exists: longest */
    assert_match(lex, "(H20)", 1, 3, "H20");
    assert_match(lex, "H20-based", 0, 3, "H20");     /* '-' is not a word byte */
    /* H20 is not inside H201 or XH20 */
    assert_no_match(lex, "H201", 0);
    assert_no_match(lex, "XH20", 1);
    assert_no_match(lex, "H20a", 0);
    assert_no_match(lex, "2H20", 1);
    /* Latin next to Japanese is a boundary: エヌビディアの (21 bytes) H20は */
    assert_match(lex, "エヌビディアのH20は", 21, 3, "H20");
    assert_match(lex, "NVIDIAのH20", 0, 6, "NVIDIA");
    assert_no_match(lex, "NVIDIAX", 0);
    assert_no_match(lex, "xNVIDIA", 1);

    /* Japanese aliases match inside Japanese text, without boundaries:
     * 昨日 (6 bytes) エヌビディア (18 bytes) が */
    assert_match(lex, "昨日エヌビディアが発表", 6, 18, "NVIDIA");
    assert_match(lex, "エヌビディアが", 0, 18, "NVIDIA");
    assert_match(lex, "米国政府は", 0, 6, "United States");
    assert_match(lex, "対米国輸出", 3, 6, "United States");
    /* a position inside a character never matches */
    assert_no_match(lex, "エヌビディアが", 1);
    fg_lexicon_free(lex);
}

static void test_match_case(void **state)
{
    (void)state;
    fg_lexicon *lex = load_small();
    /* 4 characters or fewer: case-sensitive */
    assert_match(lex, "US exports", 0, 2, "United States");
    assert_no_match(lex, "let us go", 4);
    assert_no_match(lex, "Us and them", 0);
    assert_match(lex, "AMD", 0, 3, "Advanced Micro Devices");
    assert_no_match(lex, "www.amd.com", 4);
    assert_no_match(lex, "h20", 0);
    /* more than 4 characters: ASCII case is ignored */
    assert_match(lex, "nvidia", 0, 6, "NVIDIA");
    assert_match(lex, "NVidia's", 0, 6, "NVIDIA");
    assert_match(lex, "ALIBABA CLOUD", 0, 13, "Alibaba Cloud");
    assert_match(lex, "aliyun", 0, 6, "Alibaba Cloud");
    assert_match(lex, "hgx h20", 0, 7, "H20");
    fg_lexicon_free(lex);
}

/* ---- overrides ----------------------------------------------------------- */

static void test_override(void **state)
{
    (void)state;
    fg_lexicon *lex = load_small();
    static const char user[] =
        "Qwen\tmodel\tTongyi Qianwen\n"         /* same id: new type, one more alias */
        "Alibaba\tcompany\tAliyun\n"             /* Aliyun moves from Alibaba Cloud */
        "Nvidia Unit\tcompany\tエヌビディア\n";  /* a new id takes an alias too */
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_load_mem(lex, "user.tsv", user, sizeof(user) - 1, &err), FG_OK);
    assert_int_equal(fg_lexicon_count(lex), 10); /* only Nvidia Unit is new */

    const fg_entity *e = fg_lexicon_find_id(lex, S("Qwen"));
    assert_non_null(e);
    assert_string_equal(e->type, "model");
    assert_string_equal(alias_id(lex, "通義千問"), "Qwen"); /* the old alias stays */
    assert_string_equal(alias_id(lex, "Tongyi Qianwen"), "Qwen");
    assert_string_equal(alias_id(lex, "Qwen"), "Qwen");
    e = fg_lexicon_find_alias(lex, S("通義千問"));
    assert_string_equal(e->type, "model"); /* one entity, one type */

    assert_string_equal(alias_id(lex, "Aliyun"), "Alibaba");
    assert_match(lex, "Aliyun said", 0, 6, "Alibaba");
    /* Alibaba Cloud keeps its other aliases */
    assert_string_equal(alias_id(lex, "アリババクラウド"), "Alibaba Cloud");
    assert_string_equal(alias_id(lex, "Alibaba Cloud"), "Alibaba Cloud");

    assert_string_equal(alias_id(lex, "エヌビディア"), "Nvidia Unit");
    assert_match(lex, "エヌビディアが", 0, 18, "Nvidia Unit");
    assert_string_equal(alias_id(lex, "NVIDIA"), "NVIDIA"); /* the rest stays */
    assert_string_equal(fg_lexicon_find_id(lex, S("NVIDIA"))->type, "company");

    /* fg_lexicon_add: type NULL keeps the type; a new id needs one */
    assert_int_equal(fg_lexicon_add(lex, "H20", NULL, "HGX-H20", &err), FG_OK);
    assert_string_equal(alias_id(lex, "HGX-H20"), "H20");
    assert_string_equal(fg_lexicon_find_id(lex, S("H20"))->type, "chip");
    assert_int_equal(fg_lexicon_add(lex, "Blackwell", NULL, "B200", &err), FG_EINVAL);
    assert_int_equal(err.code, FG_EINVAL);
    assert_null(fg_lexicon_find_id(lex, S("Blackwell")));
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_add(lex, "Blackwell", "chip", "ブラックウェル", &err), FG_OK);
    assert_string_equal(alias_id(lex, "ブラックウェル"), "Blackwell");
    assert_string_equal(alias_id(lex, "Blackwell"), "Blackwell");
    assert_int_equal(fg_lexicon_count(lex), 11);
    fg_lexicon_free(lex);
}

/* ---- errors -------------------------------------------------------------- */

/* Loads text into a fresh lexicon, expecting failure; err is filled. */
static fg_status load_bad(const char *text, size_t len, fg_error *err)
{
    fg_lexicon *lex = NULL;
    assert_int_equal(fg_lexicon_new(&lex, NULL), FG_OK);
    fg_error_clear(err);
    fg_status st = fg_lexicon_load_mem(lex, "bad.tsv", text, len, err);
    assert_int_not_equal(st, FG_OK);
    assert_int_equal(err->code, st);
    assert_string_equal(err->source, "bad.tsv");
    assert_true(err->text[0] != '\0');
    fg_lexicon_free(lex);
    return st;
}

static void test_errors(void **state)
{
    (void)state;
    fg_error err;

    /* line 3 has no tab (comment and blank lines count) */
    static const char notab[] = "# c\n\nNVIDIA company Nvidia\nH20\tchip\tH20\n";
    assert_int_equal(load_bad(notab, sizeof(notab) - 1, &err), FG_EPARSE);
    assert_int_equal(err.line, 3);
    char msg[400];
    fg_error_format(&err, msg, sizeof(msg));
    assert_true(strncmp(msg, "bad.tsv:3", 9) == 0);

    /* a type that is not a lowercase word */
    static const char badtype[] = "H20\tchip\tH20\nNVIDIA\tCompany\tNvidia\n";
    assert_int_equal(load_bad(badtype, sizeof(badtype) - 1, &err), FG_EPARSE);
    assert_int_equal(err.line, 2);
    static const char badtype2[] = "NVIDIA\tchip maker\tNvidia\n";
    assert_int_equal(load_bad(badtype2, sizeof(badtype2) - 1, &err), FG_EPARSE);
    assert_int_equal(err.line, 1);
    static const char notype[] = "NVIDIA\t\tNvidia\n";
    assert_int_equal(load_bad(notype, sizeof(notype) - 1, &err), FG_EPARSE);
    assert_int_equal(err.line, 1);

    /* an empty id */
    static const char noid[] = "H20\tchip\tH20\n\tcompany\tNvidia\n";
    assert_int_equal(load_bad(noid, sizeof(noid) - 1, &err), FG_EPARSE);
    assert_int_equal(err.line, 2);

    /* invalid UTF-8 on line 2: "A\tcompany\ta\n" is 12 bytes, "B\tcompany\tb"
     * 11 more, so the 0xff is byte 23 */
    static const char badutf[] = "A\tcompany\ta\nB\tcompany\tb\xff\n";
    assert_int_equal(load_bad(badutf, sizeof(badutf) - 1, &err), FG_EUTF8);
    assert_int_equal(err.line, 2);
    assert_true(err.has_offset);
    assert_int_equal(err.offset, 23);
    /* an overlong form is invalid too: line 1 */
    static const char overlong[] = "A\tcompany\t\xC0\xAF\n";
    assert_int_equal(load_bad(overlong, sizeof(overlong) - 1, &err), FG_EUTF8);
    assert_int_equal(err.line, 1);

    /* a missing file: FG_EIO naming the path */
    fg_lexicon *lex = NULL;
    assert_int_equal(fg_lexicon_new(&lex, NULL), FG_OK);
    fg_error_clear(&err);
    const char *path = "/nonexistent-factgraph-dir/lexicon.tsv";
    assert_int_equal(fg_lexicon_load_file(lex, path, &err), FG_EIO);
    assert_int_equal(err.code, FG_EIO);
    assert_string_equal(err.source, path);
    assert_int_equal(fg_lexicon_count(lex), 0);
    fg_lexicon_free(lex);
}

static void test_load_file(void **state)
{
    (void)state;
    char path[] = "/tmp/fg_test_lexicon_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char text[] = "Omdia\torganization\tオムディア\nbad line\n";
    assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
    close(fd);

    fg_lexicon *lex = NULL;
    assert_int_equal(fg_lexicon_new(&lex, NULL), FG_OK);
    fg_error err;
    fg_error_clear(&err);
    /* the error in a file names the file and the line */
    assert_int_equal(fg_lexicon_load_file(lex, path, &err), FG_EPARSE);
    assert_string_equal(err.source, path);
    assert_int_equal(err.line, 2);

    /* a good file loads */
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("Omdia\torganization\tオムディア\n", f);
    fclose(f);
    fg_lexicon_free(lex);
    assert_int_equal(fg_lexicon_new(&lex, NULL), FG_OK);
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_load_file(lex, path, &err), FG_OK);
    assert_int_equal(fg_lexicon_count(lex), 1);
    assert_string_equal(alias_id(lex, "オムディア"), "Omdia");
    fg_lexicon_free(lex);
    unlink(path);
}

/* ---- the default lexicon ------------------------------------------------- */

static void assert_entity(const fg_lexicon *lex, const char *alias, const char *id,
                          const char *type)
{
    const fg_entity *e = fg_lexicon_find_alias(lex, fg_str_cstr(alias));
    if (!e)
        fail_msg("alias \"%s\" not in the default lexicon", alias);
    if (strcmp(e->id, id) != 0 || strcmp(e->type, type) != 0)
        fail_msg("alias \"%s\" is %s (%s), want %s (%s)", alias, e->id, e->type, id, type);
}

static void test_default(void **state)
{
    (void)state;
    fg_lexicon *lex = NULL;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_new(&lex, &err), FG_OK);
    fg_status st = fg_lexicon_load_default(lex, &err);
    if (st != FG_OK)
        fail_msg("default lexicon: %s:%ld: %s", err.source, err.line, err.text);
    assert_true(fg_lexicon_count(lex) > 100);

    /* well-known entities of the field, by id */
    assert_entity(lex, "NVIDIA", "NVIDIA", "company");
    assert_entity(lex, "H20", "H20", "chip");
    assert_entity(lex, "United States", "United States", "government");
    assert_entity(lex, "Jensen Huang", "Jensen Huang", "person");
    assert_entity(lex, "Qwen", "Qwen", "model");
    assert_entity(lex, "Reuters", "Reuters", "organization");

    /* one entity, whatever the spelling (SCHEMA.md) */
    assert_entity(lex, "Nvidia", "NVIDIA", "company");
    assert_entity(lex, "エヌビディア", "NVIDIA", "company");
    assert_entity(lex, "米国", "United States", "government");
    assert_entity(lex, "米政府", "United States", "government");
    assert_entity(lex, "ワシントン", "United States", "government");
    assert_entity(lex, "トランプ政権", "United States", "government");
    assert_entity(lex, "ジェンスン・フアン", "Jensen Huang", "person");
    assert_entity(lex, "ジェンスン・ファン", "Jensen Huang", "person");
    assert_entity(lex, "バイトダンス", "ByteDance", "company");
    assert_entity(lex, "中国政府", "China", "government");
    assert_entity(lex, "北京", "China", "government");
    assert_entity(lex, "オランダ", "Netherlands", "government");
    assert_entity(lex, "中東", "Middle East", "place");
    assert_entity(lex, "深セン", "Shenzhen", "place");
    assert_entity(lex, "Omdia", "Omdia", "organization");
    /* 商務省 is the US Department of Commerce, a government node */
    const fg_entity *e = fg_lexicon_find_alias(lex, S("商務省"));
    assert_non_null(e);
    assert_string_equal(e->type, "government");
    assert_ptr_equal(e, fg_lexicon_find_alias(lex, S("Commerce Department")));
    assert_entity(lex, "Commerce Department", "US Department of Commerce", "government");

    /* the matcher on real names: longest match and boundaries */
    assert_match(lex, "Alibaba Cloud said", 0, 13, "Alibaba Cloud");
    assert_match(lex, "Alibaba said", 0, 7, "Alibaba");
    assert_match(lex, "the H200 chip", 4, 4, "H200");
    assert_match(lex, "the H20 chip", 4, 3, "H20");
    assert_no_match(lex, "let us see", 4);
    fg_lexicon_free(lex);
}

/* ---- file-format edge cases ------------------------------------------------ */

/* Once reported as bugs by this file's known-bug check; now fixed, so they
 * are asserted. */
static void test_format_edges(void **state)
{
    (void)state;
    fg_lexicon *lex = NULL;
    fg_error err;

    /* A UTF-8 byte order mark (EF BB BF, as Windows editors write) is not part
     * of the first id, so a user's override of NVIDIA on line 1 merges. */
    assert_int_equal(fg_lexicon_new(&lex, NULL), FG_OK);
    static const char bom[] = "\xEF\xBB\xBFNVIDIA\tcompany\tNvidia\n";
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_load_mem(lex, "bom.tsv", bom, sizeof(bom) - 1, &err), FG_OK);
    assert_non_null(fg_lexicon_find_id(lex, S("NVIDIA")));
    fg_lexicon_free(lex);

    /* A malformed line reports the byte offset where it starts: "# c\n\n" is
     * 5 bytes, so line 3 starts at byte 5. */
    assert_int_equal(fg_lexicon_new(&lex, NULL), FG_OK);
    static const char notab[] = "# c\n\nNVIDIA company Nvidia\n";
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_load_mem(lex, "bad.tsv", notab, sizeof(notab) - 1, &err),
                     FG_EPARSE);
    assert_int_equal(err.line, 3);
    assert_true(err.has_offset);
    assert_int_equal(err.offset, 5);
    fg_lexicon_free(lex);

    /* A fourth column is a malformed line, not silently dropped. */
    assert_int_equal(fg_lexicon_new(&lex, NULL), FG_OK);
    static const char four[] = "Omdia\torganization\tオムディア\tOmdia Research\n";
    fg_error_clear(&err);
    assert_int_equal(fg_lexicon_load_mem(lex, "four.tsv", four, sizeof(four) - 1, &err),
                     FG_EPARSE);
    assert_int_equal(err.line, 1);
    assert_string_equal(err.source, "four.tsv");
    fg_lexicon_free(lex);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find),
        cmocka_unit_test(test_nfkc_alias),
        cmocka_unit_test(test_match_longest),
        cmocka_unit_test(test_match_boundaries),
        cmocka_unit_test(test_match_case),
        cmocka_unit_test(test_override),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_load_file),
        cmocka_unit_test(test_default),
        cmocka_unit_test(test_format_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
