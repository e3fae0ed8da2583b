/* test_select.c - selection before writing (fg_graph_new_subgraph) and
 * finding a node by any of its names (fg_graph_node_find_name).
 *
 * The graph, built by hand (expected results below are worked out from it):
 *
 *   NVIDIA (company) -develops-> H20 (chip)          weight 2 (a.txt, b.txt)
 *   United States (government) -bans-> H20          status considered
 *   Jensen Huang (person) -leads-> NVIDIA
 *   ByteDance (company) -orders-> H20               16000000000 USD
 *   NVIDIA -partners-> ByteDance
 *   United States -permits-> ByteDance
 *   Tokyo (place): mentioned, no fact
 *
 * Node order (first seen): NVIDIA, H20, United States, Jensen Huang,
 * ByteDance, Tokyo. The allocation-failure test replaces malloc as
 * test_graph.c does (glibc's "Replacing malloc"); skipped under ASan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "factgraph/graph.h"

/* ---- failing allocator -------------------------------------------------- */

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_CHAOS 0
#else
#define HAVE_CHAOS 1
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

static volatile bool chaos_armed, chaos_fired;
static volatile long chaos_left;

static bool chaos_fail_now(void)
{
    if (!chaos_armed)
        return false;
    if (chaos_left > 0) {
        chaos_left--;
        return false;
    }
    chaos_armed = false;
    chaos_fired = true;
    return true;
}

void *malloc(size_t size) { return chaos_fail_now() ? NULL : __libc_malloc(size); }
void *calloc(size_t n, size_t size) { return chaos_fail_now() ? NULL : __libc_calloc(n, size); }
void *realloc(void *p, size_t size) { return chaos_fail_now() ? NULL : __libc_realloc(p, size); }
void free(void *p) { __libc_free(p); }
#endif

/* ---- the graph -------------------------------------------------------- */

static fg_mention mention(const char *id, const char *type, const char *surface)
{
    fg_mention m = {0};
    m.id = id;
    m.type = type;
    m.surface = fg_str_cstr(surface);
    m.origin = "lexicon";
    return m;
}

static fg_fact fact(const char *src, const char *src_type, const char *type, const char *dst,
                    const char *dst_type, size_t sentence)
{
    fg_fact f = {0};
    f.type = type;
    f.src_id = src;
    f.src_type = src_type;
    f.dst_id = dst;
    f.dst_type = dst_type;
    f.src_surface = fg_str_cstr(src);
    f.dst_surface = fg_str_cstr(dst);
    f.sentence = sentence;
    f.sentence_text = fg_str_cstr("a sentence");
    f.start = 1;
    f.end = 5;
    f.trigger = "t";
    f.rule = "test";
    return f;
}

static fg_graph *build(void)
{
    fg_graph *g = NULL;
    fg_mention m1[] = {
        mention("NVIDIA", "company", "NVIDIA"), mention("H20", "chip", "H20"),
        mention("United States", "government", "米国"),
        mention("Jensen Huang", "person", "Jensen Huang"),
        mention("ByteDance", "company", "バイトダンス"), mention("Tokyo", "place", "東京"),
    };
    fg_fact f1[6] = {
        fact("NVIDIA", "company", "develops", "H20", "chip", 0),
        fact("United States", "government", "bans", "H20", "chip", 1),
        fact("Jensen Huang", "person", "leads", "NVIDIA", "company", 2),
        fact("ByteDance", "company", "orders", "H20", "chip", 3),
        fact("NVIDIA", "company", "partners", "ByteDance", "company", 4),
        fact("United States", "government", "permits", "ByteDance", "company", 5),
    };
    f1[1].status = "considered";
    f1[3].has_amount = true;
    f1[3].amount = 16000000000.0;
    f1[3].currency = "USD";
    f1[3].date = "2024年12月";
    f1[3].date_norm = "2024-12";
    fg_extraction x1 = {m1, 6, f1, 6};
    fg_mention m2[] = {mention("NVIDIA", "company", "エヌビディア")};
    fg_fact f2[] = {fact("NVIDIA", "company", "develops", "H20", "chip", 0)};
    fg_extraction x2 = {m2, 1, f2, 1};

    assert_int_equal(fg_graph_new(&g, NULL), FG_OK);
    assert_int_equal(fg_graph_add_extraction(g, "a.txt", &x1, NULL), FG_OK);
    fg_graph_count_document(g);
    assert_int_equal(fg_graph_add_extraction(g, "b.txt", &x2, NULL), FG_OK);
    fg_graph_count_document(g);
    assert_int_equal(fg_graph_analyze(g, NULL), FG_OK);
    assert_int_equal(fg_graph_node_count(g), 6);
    assert_int_equal(fg_graph_edge_count(g), 6);
    return g;
}

static int setup(void **state)
{
    *state = build();
    return 0;
}

static int teardown(void **state)
{
    fg_graph_free(*state);
    return 0;
}

static size_t idx(const fg_graph *g, const char *id)
{
    size_t i = fg_graph_node_find(g, id);
    if (i == (size_t)-1)
        fail_msg("no node %s", id);
    return i;
}

/* The ids of sub's nodes, space-separated, in order. */
static void node_ids(char *out, size_t size, const fg_graph *sub)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < fg_graph_node_count(sub); i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s", i ? " " : "",
                                fg_graph_node_get(sub, i)->id);
}

/* "src type dst" of sub's edges, comma-separated, in order. */
static void edge_list(char *out, size_t size, const fg_graph *sub)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < fg_graph_edge_count(sub); i++) {
        const fg_edge *e = fg_graph_edge_get(sub, i);
        len += (size_t)snprintf(out + len, size - len, "%s%s %s %s", i ? ", " : "",
                                fg_graph_node_get(sub, e->source)->id, e->type,
                                fg_graph_node_get(sub, e->target)->id);
    }
}

/* Selects and compares the result's nodes and edges with the expected lists. */
static void expect(const fg_graph *g, const fg_selection *sel, const char *nodes,
                   const char *edges)
{
    fg_graph *sub = NULL;
    fg_error err = {0};
    char got[1024];
    assert_int_equal(fg_graph_new_subgraph(&sub, g, sel, &err), FG_OK);
    assert_non_null(sub);
    node_ids(got, sizeof(got), sub);
    assert_string_equal(got, nodes);
    edge_list(got, sizeof(got), sub);
    assert_string_equal(got, edges);
    fg_graph_free(sub);
}

/* ---- tests -------------------------------------------------------------- */

/* An empty selection copies everything, values included. */
static void test_copy_all(void **state)
{
    const fg_graph *g = *state;
    fg_selection sel = FG_SELECTION_INIT;
    fg_graph *sub = NULL;
    assert_true(fg_selection_is_empty(&sel));
    assert_int_equal(fg_graph_new_subgraph(&sub, g, &sel, NULL), FG_OK);
    assert_int_equal(fg_graph_node_count(sub), 6);
    assert_int_equal(fg_graph_edge_count(sub), 6);
    assert_int_equal(fg_graph_document_count(sub), 2);
    for (size_t i = 0; i < 6; i++) {
        const fg_node *a = fg_graph_node_get(g, i), *b = fg_graph_node_get(sub, i);
        assert_string_equal(a->id, b->id);
        assert_ptr_not_equal(a->id, b->id); /* copied, not shared */
        assert_string_equal(a->type, b->type);
        assert_int_equal(a->mention_count, b->mention_count);
        assert_int_equal(a->doc_count, b->doc_count);
        assert_int_equal(a->degree, b->degree);
        assert_true(a->pagerank == b->pagerank);
        assert_true(a->betweenness == b->betweenness);
        assert_int_equal(a->community, b->community);
    }
    const fg_node *nv = fg_graph_node_get(sub, idx(sub, "NVIDIA"));
    assert_int_equal(nv->mention_count, 2);
    assert_string_equal(nv->mentions[1], "エヌビディア");
    for (size_t i = 0; i < 6; i++) {
        const fg_edge *a = fg_graph_edge_get(g, i), *b = fg_graph_edge_get(sub, i);
        assert_string_equal(a->type, b->type);
        assert_int_equal(a->weight, b->weight);
        assert_int_equal(a->evidence_count, b->evidence_count);
        assert_int_equal(b->weight, (long)b->evidence_count);
    }
    const fg_edge *dev = fg_graph_edge_get(sub, 0);
    assert_string_equal(dev->type, "develops");
    assert_int_equal(dev->weight, 2);
    assert_string_equal(dev->evidence[1].doc, "b.txt");
    assert_string_equal(dev->evidence[0].text, "a sentence");
    assert_int_equal(dev->evidence[0].end, 5);
    const fg_edge *ord = fg_graph_edge_get(sub, 3);
    assert_true(ord->has_amount);
    assert_true(ord->amount == 16000000000.0);
    assert_string_equal(ord->currency, "USD");
    assert_string_equal(ord->date_norm, "2024-12");
    assert_string_equal(fg_graph_edge_get(sub, 1)->status, "considered");
    assert_null(dev->status);
    fg_graph_free(sub);
}

/* The copy owns its strings: it outlives the graph it came from. */
static void test_copy_outlives_source(void **state)
{
    fg_graph *g = build(), *sub = NULL;
    fg_selection sel = FG_SELECTION_INIT;
    sel.min_weight = 2;
    assert_int_equal(fg_graph_new_subgraph(&sub, g, &sel, NULL), FG_OK);
    fg_graph_free(g);
    assert_string_equal(fg_graph_node_get(sub, 0)->id, "NVIDIA");
    assert_string_equal(fg_graph_edge_get(sub, 0)->evidence[1].doc, "b.txt");
    fg_graph_free(sub);
}

static void test_edge_filters(void **state)
{
    const fg_graph *g = *state;
    static const char *const bans_permits[] = {"bans", "permits"};
    static const char *const stated[] = {"stated"};
    static const char *const considered[] = {"considered", "planned"};
    fg_selection sel = FG_SELECTION_INIT;

    /* nodes left without an edge go: Jensen Huang, NVIDIA, Tokyo */
    sel.edge_types = bans_permits;
    sel.edge_type_count = 2;
    assert_false(fg_selection_is_empty(&sel));
    expect(g, &sel, "H20 United States ByteDance",
           "United States bans H20, United States permits ByteDance");

    sel = (fg_selection)FG_SELECTION_INIT;
    sel.min_weight = 2;
    expect(g, &sel, "NVIDIA H20", "NVIDIA develops H20");

    sel = (fg_selection)FG_SELECTION_INIT;
    sel.statuses = considered;
    sel.status_count = 2;
    expect(g, &sel, "H20 United States", "United States bans H20");

    sel.statuses = stated; /* plain facts: all but the ban */
    sel.status_count = 1;
    expect(g, &sel, "NVIDIA H20 United States Jensen Huang ByteDance",
           "NVIDIA develops H20, Jensen Huang leads NVIDIA, ByteDance orders H20, "
           "NVIDIA partners ByteDance, United States permits ByteDance");

    sel = (fg_selection)FG_SELECTION_INIT;
    sel.min_weight = 3; /* nothing */
    expect(g, &sel, "", "");
}

static void test_node_types(void **state)
{
    const fg_graph *g = *state;
    static const char *const company[] = {"company"};
    static const char *const chip_place[] = {"chip", "place"};
    fg_selection sel = FG_SELECTION_INIT;

    sel.types = company;
    sel.type_count = 1;
    expect(g, &sel, "NVIDIA ByteDance", "NVIDIA partners ByteDance");
    /* a node filter alone keeps isolated nodes: Tokyo */
    sel.types = chip_place;
    sel.type_count = 2;
    expect(g, &sel, "H20 Tokyo", "");
}

static void test_ego(void **state)
{
    const fg_graph *g = *state;
    static const char *const chip[] = {"chip"};
    static const char *const bans[] = {"bans"};
    fg_selection sel = FG_SELECTION_INIT;

    sel.has_ego = true;
    sel.ego = idx(g, "NVIDIA");
    sel.depth = 1; /* both directions: H20, Jensen Huang (leads NVIDIA), ByteDance */
    expect(g, &sel, "NVIDIA H20 Jensen Huang ByteDance",
           "NVIDIA develops H20, Jensen Huang leads NVIDIA, ByteDance orders H20, "
           "NVIDIA partners ByteDance");
    sel.depth = 2; /* United States through H20 or ByteDance; Tokyo never */
    expect(g, &sel, "NVIDIA H20 United States Jensen Huang ByteDance",
           "NVIDIA develops H20, United States bans H20, Jensen Huang leads NVIDIA, "
           "ByteDance orders H20, NVIDIA partners ByteDance, United States permits ByteDance");
    sel.depth = 0;
    expect(g, &sel, "NVIDIA", "");

    /* the ego node survives the type filter; the walk goes through kept
     * nodes only: H20 is a chip, ByteDance is not */
    sel.depth = 2;
    sel.types = chip;
    sel.type_count = 1;
    expect(g, &sel, "NVIDIA H20", "NVIDIA develops H20");

    /* and the edge filter: NVIDIA has no ban, yet stays */
    sel = (fg_selection)FG_SELECTION_INIT;
    sel.has_ego = true;
    sel.ego = idx(g, "NVIDIA");
    sel.depth = 3;
    sel.edge_types = bans;
    sel.edge_type_count = 1;
    expect(g, &sel, "NVIDIA", "");

    /* an isolated ego node */
    sel = (fg_selection)FG_SELECTION_INIT;
    sel.has_ego = true;
    sel.ego = idx(g, "Tokyo");
    sel.depth = 5;
    expect(g, &sel, "Tokyo", "");

    fg_graph *sub = NULL;
    fg_error err = {0};
    sel.ego = 6;
    assert_int_equal(fg_graph_new_subgraph(&sub, g, &sel, &err), FG_EINVAL);
    assert_int_equal(err.code, FG_EINVAL);
    assert_null(sub);
}

/* Orders node indices by PageRank, highest first (ties: first seen). */
static void by_rank(size_t order[6], const fg_graph *g)
{
    for (size_t i = 0; i < 6; i++)
        order[i] = i;
    for (size_t i = 1; i < 6; i++) {
        for (size_t k = i; k > 0; k--) {
            double a = fg_graph_node_get(g, order[k - 1])->pagerank;
            double b = fg_graph_node_get(g, order[k])->pagerank;
            if (b > a) {
                size_t t = order[k];
                order[k] = order[k - 1];
                order[k - 1] = t;
            }
        }
    }
}

static void test_top(void **state)
{
    const fg_graph *g = *state;
    fg_selection sel = FG_SELECTION_INIT;
    fg_graph *sub = NULL;
    size_t order[6];

    /* H20 takes in three facts and NVIDIA two: they rank first. */
    by_rank(order, g);
    assert_string_equal(fg_graph_node_get(g, order[0])->id, "H20");
    sel.top = 2;
    assert_int_equal(fg_graph_new_subgraph(&sub, g, &sel, NULL), FG_OK);
    assert_int_equal(fg_graph_node_count(sub), 2);
    for (size_t i = 0; i < 2; i++)
        assert_int_not_equal(fg_graph_node_find(sub, fg_graph_node_get(g, order[i])->id),
                             (size_t)-1);
    fg_graph_free(sub);

    /* with an ego node, it takes one of the places even if it ranks lower */
    sel.has_ego = true;
    sel.ego = idx(g, "Jensen Huang");
    sel.depth = 9;
    assert_int_equal(fg_graph_new_subgraph(&sub, g, &sel, NULL), FG_OK);
    assert_int_equal(fg_graph_node_count(sub), 2);
    assert_int_not_equal(fg_graph_node_find(sub, "Jensen Huang"), (size_t)-1);
    assert_int_not_equal(fg_graph_node_find(sub, fg_graph_node_get(g, order[0])->id),
                         (size_t)-1);
    fg_graph_free(sub);

    sel = (fg_selection)FG_SELECTION_INIT;
    sel.top = 100; /* more than there are */
    expect(g, &sel, "NVIDIA H20 United States Jensen Huang ByteDance Tokyo",
           "NVIDIA develops H20, United States bans H20, Jensen Huang leads NVIDIA, "
           "ByteDance orders H20, NVIDIA partners ByteDance, United States permits ByteDance");
}

static void test_find_name(void **state)
{
    const fg_graph *g = *state;
    size_t matches = 99;
    assert_int_equal(fg_graph_node_find_name(g, "NVIDIA", &matches), idx(g, "NVIDIA"));
    assert_int_equal(matches, 1);
    assert_int_equal(fg_graph_node_find_name(g, "nvidia", &matches), idx(g, "NVIDIA"));
    assert_int_equal(fg_graph_node_find_name(g, "エヌビディア", NULL), idx(g, "NVIDIA"));
    assert_int_equal(fg_graph_node_find_name(g, "米国", NULL), idx(g, "United States"));
    assert_int_equal(fg_graph_node_find_name(g, "united states", NULL), idx(g, "United States"));
    assert_int_equal(fg_graph_node_find_name(g, "jensen HUANG", NULL), idx(g, "Jensen Huang"));
    assert_int_equal(fg_graph_node_find_name(g, "Nvidia Corp", &matches), (size_t)-1);
    assert_int_equal(matches, 0);
    assert_int_equal(fg_graph_node_find_name(g, "", NULL), (size_t)-1);
}

/* Two nodes answer to one name: the more central one wins, and the caller
 * learns that there were two. */
static void test_find_name_ambiguous(void **state)
{
    fg_graph *g = NULL;
    fg_mention m[] = {mention("Alpha", "company", "AX"), mention("Beta", "company", "ax")};
    fg_fact f[] = {fact("Alpha", "company", "orders", "Beta", "company", 0)};
    fg_extraction x = {m, 2, f, 1};
    size_t matches = 0;
    assert_int_equal(fg_graph_new(&g, NULL), FG_OK);
    assert_int_equal(fg_graph_add_extraction(g, "a.txt", &x, NULL), FG_OK);
    assert_int_equal(fg_graph_analyze(g, NULL), FG_OK);
    /* exact first: only Alpha is spelled "AX" */
    assert_int_equal(fg_graph_node_find_name(g, "AX", &matches), idx(g, "Alpha"));
    assert_int_equal(matches, 1);
    /* ignoring case, both: Beta, the target, has the higher PageRank */
    assert_int_equal(fg_graph_node_find_name(g, "Ax", &matches), idx(g, "Beta"));
    assert_int_equal(matches, 2);
    fg_graph_free(g);
}

static void test_allocation_failures(void **state)
{
#if HAVE_CHAOS
    const fg_graph *g = *state;
    static const char *const types[] = {"company", "chip"};
    fg_selection sel = FG_SELECTION_INIT;
    long n = 0;
    sel.has_ego = true;
    sel.ego = idx(g, "NVIDIA");
    sel.depth = 2;
    sel.types = types;
    sel.type_count = 2;
    sel.top = 3;
    sel.min_weight = 1;
    for (;; n++) {
        fg_graph *sub = NULL;
        fg_error err = {0};
        chaos_fired = false;
        chaos_left = n;
        chaos_armed = true;
        fg_status st = fg_graph_new_subgraph(&sub, g, &sel, &err);
        chaos_armed = false;
        if (!chaos_fired) {
            assert_int_equal(st, FG_OK);
            assert_int_equal(fg_graph_node_count(sub), 3); /* NVIDIA, H20, ByteDance */
            fg_graph_free(sub);
            break;
        }
        assert_int_equal(st, FG_ENOMEM);
        assert_int_equal(err.code, FG_ENOMEM);
        assert_null(sub);
    }
    assert_true(n > 10);
    print_message("%ld allocation failures checked\n", n);
#else
    skip();
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copy_all),
        cmocka_unit_test(test_copy_outlives_source),
        cmocka_unit_test(test_edge_filters),
        cmocka_unit_test(test_node_types),
        cmocka_unit_test(test_ego),
        cmocka_unit_test(test_top),
        cmocka_unit_test(test_find_name),
        cmocka_unit_test(test_find_name_ambiguous),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
