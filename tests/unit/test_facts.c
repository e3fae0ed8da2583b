/* test_facts.c - the facts file: a record written by fg_facts_format() reads
 * back as the same extraction, builds the same graph, and bad lines are
 * reported with their position.
 *
 * Extractions are built by hand, so no MeCab is needed; the expected line is
 * written out by hand from them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "factgraph/facts.h"
#include "factgraph/graph.h"

static fg_doc *load_doc(const char *source, const char *text, const char *date)
{
    fg_doc *doc = NULL;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_doc_load_mem(&doc, source, text, strlen(text), FG_LANG_JA, &err), FG_OK);
    if (date)
        assert_int_equal(fg_doc_set_date(doc, date, strlen(date), &err), FG_OK);
    return doc;
}

/* One mention, one fact with every optional field, one fact without any. */
struct sample {
    fg_mention m[1];
    fg_fact f[2];
    fg_extraction x;
};

static void sample_init(struct sample *s)
{
    memset(s, 0, sizeof(*s));
    s->m[0].id = "NVIDIA";
    s->m[0].type = "company";
    s->m[0].surface = fg_str_make("エヌビディアは", 18); /* a view without a NUL */
    s->m[0].sentence = 1;
    s->m[0].start = 10;
    s->m[0].end = 28;
    s->m[0].origin = "lexicon";
    fg_fact *f = &s->f[0];
    f->type = "orders";
    f->src_id = "ByteDance";
    f->src_type = "company";
    f->dst_id = "H20";
    f->dst_type = "chip";
    f->src_surface = fg_str_cstr("字節跳動");
    f->dst_surface = fg_str_cstr("H20");
    f->status = "planned";
    f->has_amount = true;
    f->amount = 0.1; /* not exact in binary: must read back as the same double */
    f->currency = "USD";
    f->has_quantity = true;
    f->quantity = 230000;
    f->date = "12月8日";
    f->date_norm = "2024-12-08";
    f->sentence = 2;
    f->sentence_text = fg_str_cstr("字節跳動は\"H20\"を発注する計画だ。");
    f->start = 40;
    f->end = 70;
    f->trigger = "発注";
    f->rule = "ja.clause";
    f = &s->f[1];
    f->type = "develops";
    f->src_id = "NVIDIA";
    f->src_type = "company";
    f->dst_id = "H20";
    f->dst_type = "chip";
    f->src_surface = FG_STR_NULL; /* 同社: a reference, no surface */
    f->dst_surface = fg_str_cstr("H20");
    f->sentence = 3;
    f->sentence_text = fg_str_cstr("同社はH20を開発した。");
    f->start = 80;
    f->end = 100;
    f->trigger = "開発";
    f->rule = "ja.clause";
    s->x.mentions = s->m;
    s->x.mention_count = 1;
    s->x.facts = s->f;
    s->x.fact_count = 2;
}

static const char *const expected_line =
    "{\"doc\":\"news/a.txt\",\"lang\":\"ja\",\"date\":\"2024-12-09\","
    "\"mentions\":[{\"id\":\"NVIDIA\",\"type\":\"company\",\"surface\":\"エヌビディア\","
    "\"sentence\":1,\"start\":10,\"end\":28,\"origin\":\"lexicon\"}],"
    "\"facts\":[{\"type\":\"orders\",\"source\":\"ByteDance\",\"source_type\":\"company\","
    "\"target\":\"H20\",\"target_type\":\"chip\",\"source_surface\":\"字節跳動\","
    "\"target_surface\":\"H20\",\"status\":\"planned\",\"amount\":0.10000000000000001,"
    "\"currency\":\"USD\",\"quantity\":230000.0,\"date\":\"12月8日\","
    "\"date_normalized\":\"2024-12-08\",\"sentence\":2,"
    "\"text\":\"字節跳動は\\\"H20\\\"を発注する計画だ。\",\"start\":40,\"end\":70,"
    "\"trigger\":\"発注\",\"rule\":\"ja.clause\"},"
    "{\"type\":\"develops\",\"source\":\"NVIDIA\",\"source_type\":\"company\","
    "\"target\":\"H20\",\"target_type\":\"chip\",\"target_surface\":\"H20\",\"sentence\":3,"
    "\"text\":\"同社はH20を開発した。\",\"start\":80,\"end\":100,\"trigger\":\"開発\","
    "\"rule\":\"ja.clause\"}]}\n";

static void test_facts_format(void **state)
{
    (void)state;
    struct sample s;
    sample_init(&s);
    fg_doc *doc = load_doc("news/a.txt", "見出し\n本文。\n", "2024-12-09");
    fg_buf b;
    fg_buf_init(&b, 0);
    assert_int_equal(fg_facts_format(&b, doc, &s.x, NULL), FG_OK);
    assert_string_equal(b.ptr, expected_line);
    fg_buf_release(&b);
    fg_doc_free(doc);
}

static void test_facts_parse_round_trip(void **state)
{
    (void)state;
    struct sample s;
    sample_init(&s);
    fg_arena *a = fg_arena_new();
    fg_facts_record rec;
    fg_error err;
    fg_error_clear(&err);
    /* the expected line without its '\n' */
    assert_int_equal(fg_facts_parse(&rec, a, expected_line, strlen(expected_line) - 1, &err),
                     FG_OK);
    assert_string_equal(rec.doc, "news/a.txt");
    assert_string_equal(rec.lang, "ja");
    assert_string_equal(rec.date, "2024-12-09");
    assert_int_equal(rec.x.mention_count, 1);
    const fg_mention *m = &rec.x.mentions[0];
    assert_string_equal(m->id, "NVIDIA");
    assert_int_equal(m->surface.len, 18);
    assert_memory_equal(m->surface.ptr, "エヌビディア", 18);
    assert_int_equal(m->start, 10);
    assert_int_equal(m->end, 28);
    assert_int_equal(rec.x.fact_count, 2);
    const fg_fact *f = &rec.x.facts[0];
    assert_true(f->has_amount);
    assert_true(f->amount == 0.1); /* the same double, exactly */
    assert_string_equal(f->currency, "USD");
    assert_true(f->quantity == 230000);
    assert_string_equal(f->date_norm, "2024-12-08");
    assert_string_equal(f->status, "planned");
    assert_int_equal(f->sentence_text.len, strlen("字節跳動は\"H20\"を発注する計画だ。"));
    f = &rec.x.facts[1];
    assert_null(f->src_surface.ptr);
    assert_null(f->status);
    assert_false(f->has_amount);
    assert_false(f->has_quantity);
    assert_null(f->date);
    fg_arena_free(a);
}

/* What the writers see, as text. */
static char *dump(const fg_graph *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    fprintf(f, "docs=%zu\n", fg_graph_document_count(g));
    for (size_t i = 0; i < fg_graph_node_count(g); i++) {
        const fg_node *n = fg_graph_node_get(g, i);
        fprintf(f, "%s %s %zu [", n->id, n->type, n->doc_count);
        for (size_t k = 0; k < n->mention_count; k++)
            fprintf(f, "%s;", n->mentions[k]);
        fprintf(f, "]\n");
    }
    for (size_t i = 0; i < fg_graph_edge_count(g); i++) {
        const fg_edge *e = fg_graph_edge_get(g, i);
        fprintf(f, "%zu-%s->%zu %ld %s %a %s %a %s %s\n", e->source, e->type, e->target,
                e->weight, e->status ? e->status : "-", e->amount, e->currency ? e->currency : "-",
                e->quantity, e->date ? e->date : "-", e->date_norm ? e->date_norm : "-");
        for (size_t k = 0; k < e->evidence_count; k++)
            fprintf(f, "  %s %zu %zu %zu %s %s %s\n", e->evidence[k].doc, e->evidence[k].sentence,
                    e->evidence[k].start, e->evidence[k].end, e->evidence[k].text,
                    e->evidence[k].trigger, e->evidence[k].rule);
    }
    fclose(f);
    return buf;
}

/* Adding the record equals adding the extraction it was written from. */
static void test_facts_same_graph(void **state)
{
    (void)state;
    struct sample s;
    sample_init(&s);
    fg_doc *doc = load_doc("news/a.txt", "見出し\n本文。\n", NULL);
    fg_graph *g1 = NULL, *g2 = NULL;
    fg_buf b;
    fg_error err;
    fg_error_clear(&err);
    fg_buf_init(&b, 0);
    assert_int_equal(fg_graph_new(&g1, &err), FG_OK);
    assert_int_equal(fg_graph_new(&g2, &err), FG_OK);
    assert_int_equal(fg_graph_add_extraction(g1, fg_doc_source(doc), &s.x, &err), FG_OK);
    fg_graph_count_document(g1);
    assert_int_equal(fg_facts_format(&b, doc, &s.x, &err), FG_OK);
    assert_int_equal(fg_graph_add_facts_line(g2, b.ptr, b.len - 1, &err), FG_OK);
    char *d1 = dump(g1), *d2 = dump(g2);
    assert_string_equal(d1, d2);
    free(d1);
    free(d2);
    fg_buf_release(&b);
    fg_graph_free(g1);
    fg_graph_free(g2);
    fg_doc_free(doc);
}

static void expect_error(const char *line, fg_status code, long column, size_t offset,
                         const char *text)
{
    fg_arena *a = fg_arena_new();
    fg_facts_record rec;
    fg_error err;
    fg_error_clear(&err);
    assert_int_equal(fg_facts_parse(&rec, a, line, strlen(line), &err), code);
    assert_int_equal(err.code, code);
    assert_int_equal(err.column, column);
    assert_int_equal(err.offset, offset);
    assert_non_null(strstr(err.text, text));
    fg_arena_free(a);
}

static void test_facts_bad_lines(void **state)
{
    (void)state;
    /* {"doc": "x", "mentions": [}: jansson stops at the '}', character 27 */
    expect_error("{\"doc\": \"x\", \"mentions\": [}", FG_EPARSE, 27, 27, "invalid JSON");
    expect_error("[1, 2]", FG_EPARSE, 0, 0, "not a facts record: not an object");
    expect_error("{\"mentions\": [], \"facts\": []}", FG_EPARSE, 0, 0, "no \"doc\"");
    expect_error("{\"doc\": 5, \"mentions\": [], \"facts\": []}", FG_EPARSE, 0, 0,
                 "\"doc\" is not a string");
    expect_error("{\"doc\": \"x\", \"mentions\": {}, \"facts\": []}", FG_EPARSE, 0, 0,
                 "\"mentions\" is not an array");
    expect_error("{\"doc\": \"x\", \"mentions\": [{\"id\": \"A\", \"surface\": \"a\", "
                 "\"sentence\": -1, \"start\": 0, \"end\": 1}], \"facts\": []}",
                 FG_EPARSE, 0, 0, "\"sentence\" is not a count");
    /* an article record is not a facts record */
    expect_error("{\"id\": \"a1\", \"text\": \"NVIDIA develops the H20.\"}", FG_EPARSE, 0, 0,
                 "no \"doc\"");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_facts_format),
        cmocka_unit_test(test_facts_parse_round_trip),
        cmocka_unit_test(test_facts_same_graph),
        cmocka_unit_test(test_facts_bad_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
