/* test_graph.c - merging extractions into the graph, and its analysis.
 *
 * Extractions are built by hand (fg_mention / fg_fact arrays), so these tests
 * need neither MeCab nor the lexicon. Expected analysis values come from
 * theory or are solved by hand in the comments, never copied from output.
 *
 * The allocation-failure tests replace malloc/calloc/realloc/free (glibc
 * allows this, see "Replacing malloc" in its manual) with versions that
 * forward to glibc's own allocator but can fail the Nth call, like jansson's
 * test_chaos.c. ASan brings its own allocator, so under ASan the replacement is
 * left out and those tests are skipped.
 *
 * igraph 0.10.2 does not survive every failed allocation: its Louvain step
 * (src/community/louvain.c) does not check what
 * igraph_i_multilevel_community_links() returns, so after a failed calloc
 * there, with the ignore handler, it goes on with vectors the handler has
 * already freed and crashes. Allocations made while igraph_community_multilevel
 * is on the stack are therefore never failed; everything else, ours and
 * igraph's, is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dlfcn.h>
#include <execinfo.h>
#include <igraph.h>

#include "factgraph/graph.h"

#define EPS 1e-9

/* ---- failing allocator -------------------------------------------------- */

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_CHAOS 0
#else
#define HAVE_CHAOS 1

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void __libc_free(void *p);

/* volatile: these change inside malloc, behind the compiler's back. */
static volatile bool chaos_armed, chaos_fired, chaos_busy;
static volatile long chaos_left;

/* True if igraph_community_multilevel is on the stack (see the top of the
 * file). backtrace() must have run once before, unarmed: its first call loads
 * the unwinder, which allocates. */
static bool in_louvain(void)
{
    void *frames[64];
    int n = backtrace(frames, 64);
    for (int i = 0; i < n; i++) {
        Dl_info info;
        if (dladdr(frames[i], &info) && info.dli_sname &&
            strcmp(info.dli_sname, "igraph_community_multilevel") == 0)
            return true;
    }
    return false;
}

/* True if this allocation is the one to fail. Only one fails per arming. */
static bool chaos_fail_now(void)
{
    if (!chaos_armed || chaos_busy)
        return false;
    chaos_busy = true;
    bool skip_it = in_louvain();
    chaos_busy = false;
    if (skip_it)
        return false;
    if (chaos_left > 0) {
        chaos_left--;
        return false;
    }
    chaos_armed = false;
    chaos_fired = true;
    return true;
}

void *malloc(size_t size)
{
    return chaos_fail_now() ? NULL : __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
    return chaos_fail_now() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    return chaos_fail_now() ? NULL : __libc_realloc(p, size);
}

void free(void *p)
{
    __libc_free(p);
}

/* Fails allocation number n (0-based) from now on. */
static void chaos_arm(long n)
{
    static bool warm;
    if (!warm) {
        warm = true;
        in_louvain();
    }
    chaos_fired = false;
    chaos_left = n;
    chaos_armed = true;
}

/* Returns whether an allocation failed since chaos_arm(). */
static bool chaos_disarm(void)
{
    chaos_armed = false;
    return chaos_fired;
}
#endif

/* ---- building extractions by hand --------------------------------------- */

static fg_mention mention(const char *id, const char *type, const char *surface)
{
    fg_mention m = {0};
    m.id = id;
    m.type = type;
    m.surface = fg_str_cstr(surface);
    m.origin = "lexicon";
    return m;
}

/* A plain company -> chip fact whose surfaces are the ids. */
static fg_fact fact(const char *src, const char *type, const char *dst)
{
    fg_fact f = {0};
    f.type = type;
    f.src_id = src;
    f.src_type = "company";
    f.dst_id = dst;
    f.dst_type = "chip";
    f.src_surface = fg_str_cstr(src);
    f.dst_surface = fg_str_cstr(dst);
    f.sentence_text = fg_str_cstr("a sentence");
    f.trigger = "trigger";
    f.rule = "rule";
    return f;
}

static fg_graph *new_graph(void)
{
    fg_graph *g = NULL;
    fg_error err = {0};
    assert_int_equal(fg_graph_new(&g, &err), FG_OK);
    assert_non_null(g);
    assert_int_equal(fg_graph_node_count(g), 0);
    assert_int_equal(fg_graph_edge_count(g), 0);
    return g;
}

static void add(fg_graph *g, const char *doc, const fg_mention *m, size_t nm, const fg_fact *f,
                size_t nf)
{
    fg_extraction x = {m, nm, f, nf};
    fg_error err = {0};
    assert_int_equal(fg_graph_add_extraction(g, doc, &x, &err), FG_OK);
    assert_int_equal(err.code, FG_OK);
}

static void add_facts(fg_graph *g, const char *doc, const fg_fact *f, size_t nf)
{
    add(g, doc, NULL, 0, f, nf);
}

static void analyze(fg_graph *g)
{
    fg_error err = {0};
    assert_int_equal(fg_graph_analyze(g, &err), FG_OK);
    assert_int_equal(err.code, FG_OK);
}

static const fg_node *node(const fg_graph *g, const char *id)
{
    size_t i = fg_graph_node_find(g, id);
    assert_true(i != (size_t)-1);
    assert_true(i < fg_graph_node_count(g));
    const fg_node *n = fg_graph_node_get(g, i);
    assert_string_equal(n->id, id);
    return n;
}

/* The edge src -type-> dst, or NULL. */
static const fg_edge *find_edge(const fg_graph *g, const char *src, const char *type,
                                const char *dst)
{
    size_t s = fg_graph_node_find(g, src), d = fg_graph_node_find(g, dst);
    for (size_t i = 0; i < fg_graph_edge_count(g); i++) {
        const fg_edge *e = fg_graph_edge_get(g, i);
        if (e->source == s && e->target == d && strcmp(e->type, type) == 0)
            return e;
    }
    return NULL;
}

static const fg_edge *edge(const fg_graph *g, const char *src, const char *type,
                           const char *dst)
{
    const fg_edge *e = find_edge(g, src, type, dst);
    assert_non_null(e);
    return e;
}

static void assert_mentions(const fg_node *n, const char *const *want, size_t count)
{
    assert_int_equal(n->mention_count, count);
    for (size_t i = 0; i < count; i++)
        assert_string_equal(n->mentions[i], want[i]);
}

/* What must hold after any add, even a failed one. */
static void check_invariants(const fg_graph *g)
{
    size_t nodes = fg_graph_node_count(g), edges = fg_graph_edge_count(g);
    for (size_t i = 0; i < nodes; i++) {
        const fg_node *n = fg_graph_node_get(g, i);
        assert_non_null(n->id);
        assert_ptr_equal(n->label, n->id);
        assert_int_equal(fg_graph_node_find(g, n->id), i);
        for (size_t k = 0; k < n->mention_count; k++)
            assert_non_null(n->mentions[k]);
    }
    for (size_t i = 0; i < edges; i++) {
        const fg_edge *e = fg_graph_edge_get(g, i);
        assert_true(e->source < nodes);
        assert_true(e->target < nodes);
        assert_true(e->weight >= 1);
        assert_int_equal((size_t)e->weight, e->evidence_count);
        for (size_t k = 0; k < e->evidence_count; k++) {
            assert_non_null(e->evidence[k].doc);
            assert_non_null(e->evidence[k].text);
        }
        for (size_t j = 0; j < i; j++) {
            const fg_edge *o = fg_graph_edge_get(g, j);
            assert_false(o->source == e->source && o->target == e->target &&
                         strcmp(o->type, e->type) == 0);
        }
    }
}

/* ---- life cycle --------------------------------------------------------- */

static void test_graph_new_free(void **state)
{
    fg_graph *g = new_graph();
    assert_int_equal(fg_graph_document_count(g), 0);
    fg_graph_count_document(g);
    fg_graph_count_document(g);
    assert_int_equal(fg_graph_document_count(g), 2);
    assert_int_equal(fg_graph_node_find(g, "NVIDIA"), (size_t)-1);
    fg_graph_free(g);
    fg_graph_free(NULL);
}

static void test_graph_empty_extraction(void **state)
{
    fg_graph *g = new_graph();
    add(g, "empty.txt", NULL, 0, NULL, 0);
    assert_int_equal(fg_graph_node_count(g), 0);
    assert_int_equal(fg_graph_edge_count(g), 0);
    fg_graph_free(g);
}

/* ---- merging ------------------------------------------------------------ */

/* Two documents state ByteDance -orders-> H20: one edge, weight 2, and one
 * piece of evidence per document, in order. */
static void test_graph_same_fact_two_docs(void **state)
{
    fg_graph *g = new_graph();
    fg_mention m1[] = {mention("ByteDance", "company", "ByteDance"),
                       mention("H20", "chip", "H20")};
    fg_fact f1[] = {fact("ByteDance", "orders", "H20")};
    f1[0].sentence = 3;
    f1[0].sentence_text = fg_str_cstr("ByteDance ordered H20 chips.");
    f1[0].start = 100;
    f1[0].end = 117;
    f1[0].trigger = "ordered";
    f1[0].rule = "en_svo";
    fg_mention m2[] = {mention("ByteDance", "company", "バイトダンス"),
                       mention("H20", "chip", "H20")};
    fg_fact f2[] = {fact("ByteDance", "orders", "H20")};
    f2[0].sentence = 0;
    f2[0].sentence_text = fg_str_cstr("バイトダンスはH20を発注した");
    f2[0].start = 0;
    f2[0].end = 45;
    f2[0].trigger = "発注";
    f2[0].rule = "ja_wo_verb";

    add(g, "a.txt", m1, 2, f1, 1);
    add(g, "b.txt", m2, 2, f2, 1);

    assert_int_equal(fg_graph_node_count(g), 2);
    assert_int_equal(fg_graph_edge_count(g), 1);
    const fg_edge *e = fg_graph_edge_get(g, 0);
    assert_int_equal(e->source, fg_graph_node_find(g, "ByteDance"));
    assert_int_equal(e->target, fg_graph_node_find(g, "H20"));
    assert_string_equal(e->type, "orders");
    assert_int_equal(e->weight, 2);
    assert_int_equal(e->evidence_count, 2);
    assert_null(e->status);

    const fg_evidence *ev = &e->evidence[0];
    assert_string_equal(ev->doc, "a.txt");
    assert_int_equal(ev->sentence, 3);
    assert_string_equal(ev->text, "ByteDance ordered H20 chips.");
    assert_int_equal(ev->start, 100);
    assert_int_equal(ev->end, 117);
    assert_string_equal(ev->trigger, "ordered");
    assert_string_equal(ev->rule, "en_svo");
    ev = &e->evidence[1];
    assert_string_equal(ev->doc, "b.txt");
    assert_int_equal(ev->sentence, 0);
    assert_string_equal(ev->text, "バイトダンスはH20を発注した");
    assert_int_equal(ev->start, 0);
    assert_int_equal(ev->end, 45);
    assert_string_equal(ev->trigger, "発注");
    assert_string_equal(ev->rule, "ja_wo_verb");

    assert_int_equal(node(g, "ByteDance")->doc_count, 2);
    assert_int_equal(node(g, "H20")->doc_count, 2);
    static const char *const bd[] = {"ByteDance", "バイトダンス"};
    assert_mentions(node(g, "ByteDance"), bd, 2);
    static const char *const h20[] = {"H20"};
    assert_mentions(node(g, "H20"), h20, 1);
    check_invariants(g);
    fg_graph_free(g);
}

/* Edges are keyed by (source, target, type): another type, or the other
 * direction, is another edge. */
static void test_graph_edge_key(void **state)
{
    fg_graph *g = new_graph();
    fg_fact f[] = {
        fact("TSMC", "supplies", "NVIDIA"),
        fact("TSMC", "partners", "NVIDIA"),
        fact("NVIDIA", "partners", "TSMC"),
        fact("TSMC", "supplies", "NVIDIA"),
    };
    for (size_t i = 0; i < 4; i++)
        f[i].dst_type = "company";
    add_facts(g, "doc", f, 4);

    assert_int_equal(fg_graph_node_count(g), 2);
    assert_int_equal(fg_graph_edge_count(g), 3);
    /* First-seen order. */
    assert_string_equal(fg_graph_edge_get(g, 0)->type, "supplies");
    assert_string_equal(fg_graph_edge_get(g, 1)->type, "partners");
    assert_string_equal(fg_graph_edge_get(g, 2)->type, "partners");
    assert_int_equal(edge(g, "TSMC", "supplies", "NVIDIA")->weight, 2);
    assert_int_equal(edge(g, "TSMC", "partners", "NVIDIA")->weight, 1);
    assert_int_equal(edge(g, "NVIDIA", "partners", "TSMC")->weight, 1);
    assert_null(find_edge(g, "NVIDIA", "supplies", "TSMC"));
    /* Four facts, one document. */
    assert_int_equal(node(g, "TSMC")->doc_count, 1);
    check_invariants(g);
    fg_graph_free(g);
}

/* One node per id; its type from the first mention; its surfaces distinct,
 * in first-seen order; doc_count counts documents, not mentions. */
static void test_graph_nodes_merged(void **state)
{
    fg_graph *g = new_graph();
    fg_mention m1[] = {
        mention("NVIDIA", "company", "NVIDIA"),
        mention("NVIDIA", "organization", "Nvidia"),
        mention("H20", "chip", "H20"),
        mention("NVIDIA", "company", "NVIDIA"),
    };
    fg_mention m2[] = {
        mention("NVIDIA", "company", "エヌビディア"),
        mention("NVIDIA", "company", "Nvidia"),
    };
    add(g, "1.txt", m1, 4, NULL, 0);
    add(g, "2.txt", m2, 2, NULL, 0);

    assert_int_equal(fg_graph_node_count(g), 2);
    assert_int_equal(fg_graph_edge_count(g), 0);
    assert_int_equal(fg_graph_node_find(g, "NVIDIA"), 0);
    assert_int_equal(fg_graph_node_find(g, "H20"), 1);
    assert_int_equal(fg_graph_node_find(g, "Nvidia"), (size_t)-1);
    const fg_node *n = node(g, "NVIDIA");
    assert_string_equal(n->type, "company");
    assert_string_equal(n->label, "NVIDIA");
    static const char *const want[] = {"NVIDIA", "Nvidia", "エヌビディア"};
    assert_mentions(n, want, 3);
    assert_int_equal(n->doc_count, 2);
    assert_int_equal(node(g, "H20")->doc_count, 1);
    /* Zero until analyzed. */
    assert_int_equal(n->degree, 0);
    assert_float_equal(n->pagerank, 0.0, 0.0);
    check_invariants(g);
    fg_graph_free(g);
}

/* A fact whose endpoints are not among the mentions creates their nodes,
 * typed and named by the fact; they count the document too. */
static void test_graph_fact_creates_nodes(void **state)
{
    fg_graph *g = new_graph();
    fg_mention m[] = {mention("H20", "chip", "H20")};
    fg_fact f[] = {fact("United States", "bans", "H20"), fact("China", "bans", "H20")};
    f[0].src_type = "government";
    f[0].src_surface = fg_str_cstr("米国政府");
    f[1].src_type = "government";
    f[1].src_surface = FG_STR_NULL;
    add(g, "us.txt", m, 1, f, 2);

    assert_int_equal(fg_graph_node_count(g), 3);
    assert_int_equal(fg_graph_node_find(g, "H20"), 0);
    assert_int_equal(fg_graph_node_find(g, "United States"), 1);
    assert_int_equal(fg_graph_node_find(g, "China"), 2);
    const fg_node *us = node(g, "United States");
    assert_string_equal(us->type, "government");
    static const char *const want[] = {"米国政府"};
    assert_mentions(us, want, 1);
    assert_int_equal(us->doc_count, 1);
    /* No surface, no mention. */
    assert_int_equal(node(g, "China")->mention_count, 0);
    assert_string_equal(node(g, "China")->type, "government");
    /* The fact repeats H20's surface: still one mention, one document. */
    static const char *const h20[] = {"H20"};
    assert_mentions(node(g, "H20"), h20, 1);
    assert_int_equal(node(g, "H20")->doc_count, 1);
    assert_int_equal(fg_graph_edge_count(g), 2);
    check_invariants(g);
    fg_graph_free(g);
}

/* An edge is plain (NULL) if any statement is plain, else it keeps its first
 * statement's status. */
static void test_graph_status(void **state)
{
    fg_graph *g = new_graph();
    fg_fact f[] = {
        fact("A", "orders", "X"), fact("A", "orders", "X"),             /* planned, reported */
        fact("B", "orders", "X"), fact("B", "orders", "X"),
        fact("B", "orders", "X"),                                       /* planned, -, reported */
        fact("C", "orders", "X"), fact("C", "orders", "X"),             /* -, planned */
        fact("D", "orders", "X"),                                       /* denied */
        fact("E", "orders", "X"),                                       /* - */
    };
    f[0].status = "planned";
    f[1].status = "reported";
    f[2].status = "planned";
    f[3].status = NULL;
    f[4].status = "reported";
    f[5].status = NULL;
    f[6].status = "planned";
    f[7].status = "denied";
    add_facts(g, "doc", f, 5);
    add_facts(g, "doc2", f + 5, 4);

    assert_string_equal(edge(g, "A", "orders", "X")->status, "planned");
    assert_null(edge(g, "B", "orders", "X")->status);
    assert_null(edge(g, "C", "orders", "X")->status);
    assert_string_equal(edge(g, "D", "orders", "X")->status, "denied");
    assert_null(edge(g, "E", "orders", "X")->status);
    assert_int_equal(edge(g, "B", "orders", "X")->weight, 3);
    check_invariants(g);
    fg_graph_free(g);
}

/* Amount (with its currency), quantity and date each come from the first
 * statement that has them. */
static void test_graph_attributes_first_statement(void **state)
{
    fg_graph *g = new_graph();
    fg_fact f[] = {fact("ByteDance", "orders", "H20"), fact("ByteDance", "orders", "H20"),
                   fact("ByteDance", "orders", "H20"), fact("ByteDance", "orders", "H20")};
    f[1].has_amount = true;
    f[1].amount = 16000000000.0;
    f[1].currency = "USD";
    f[1].date = "2024年12月8日";
    f[1].date_norm = "2024-12-08";
    f[2].has_amount = true;
    f[2].amount = 1.0;
    f[2].currency = "JPY";
    f[2].has_quantity = true;
    f[2].quantity = 230000.0;
    f[2].date = "2025年";
    f[2].date_norm = "2025";
    f[3].has_quantity = true;
    f[3].quantity = 5.0;
    add_facts(g, "doc", f, 4);

    const fg_edge *e = edge(g, "ByteDance", "orders", "H20");
    assert_int_equal(e->weight, 4);
    assert_true(e->has_amount);
    assert_float_equal(e->amount, 16000000000.0, 0.0);
    assert_string_equal(e->currency, "USD");
    assert_true(e->has_quantity);
    assert_float_equal(e->quantity, 230000.0, 0.0);
    assert_string_equal(e->date, "2024年12月8日");
    assert_string_equal(e->date_norm, "2024-12-08");

    /* An edge whose statements have none of them. */
    fg_fact plain[] = {fact("A", "uses", "B")};
    add_facts(g, "doc2", plain, 1);
    e = edge(g, "A", "uses", "B");
    assert_false(e->has_amount);
    assert_null(e->currency);
    assert_false(e->has_quantity);
    assert_null(e->date);
    assert_null(e->date_norm);
    assert_null(e->status);
    fg_graph_free(g);
}

static char *dup_bytes(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    assert_non_null(p);
    memcpy(p, s, n);
    return p;
}

/* The graph copies everything: the source buffers are overwritten and freed
 * right after the add. Surfaces and the sentence are views without a NUL. */
static void test_graph_strings_copied(void **state)
{
    fg_graph *g = new_graph();
    char *text = dup_bytes("[NVIDIA sells H20 to Tencent.]");
    char *src = dup_bytes("NVIDIA"), *dst = dup_bytes("Tencent"), *type = dup_bytes("supplies");
    char *ntype = dup_bytes("company"), *doc = dup_bytes("news/1.txt");
    char *trigger = dup_bytes("sells"), *rule = dup_bytes("en_sell_to");
    char *status = dup_bytes("reported"), *cur = dup_bytes("USD");
    char *date = dup_bytes("2024"), *mid = dup_bytes("NVIDIA");
    size_t textlen = strlen(text);

    fg_mention m[] = {mention(mid, ntype, NULL)};
    m[0].surface = fg_str_make(text + 1, 6);          /* "NVIDIA" inside the text */
    fg_fact f = fact(src, type, dst);
    f.src_type = ntype;
    f.dst_type = ntype;
    f.src_surface = fg_str_make(text + 1, 6);
    f.dst_surface = fg_str_make(text + 21, 7);        /* "Tencent" */
    f.sentence_text = fg_str_make(text + 1, textlen - 2);
    f.trigger = trigger;
    f.rule = rule;
    f.status = status;
    f.has_amount = true;
    f.amount = 5.0;
    f.currency = cur;
    f.date = date;
    f.date_norm = date;
    add(g, doc, m, 1, &f, 1);

    char *bufs[] = {text, src, dst, type, ntype, doc, trigger, rule, status, cur, date, mid};
    for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++) {
        memset(bufs[i], 'X', strlen(bufs[i]));
        free(bufs[i]);
    }

    const fg_node *n = node(g, "NVIDIA");
    assert_string_equal(n->type, "company");
    static const char *const nv[] = {"NVIDIA"};
    assert_mentions(n, nv, 1);
    static const char *const tc[] = {"Tencent"};
    assert_mentions(node(g, "Tencent"), tc, 1);
    const fg_edge *e = edge(g, "NVIDIA", "supplies", "Tencent");
    assert_string_equal(e->status, "reported");
    assert_string_equal(e->currency, "USD");
    assert_string_equal(e->date, "2024");
    assert_string_equal(e->date_norm, "2024");
    assert_string_equal(e->evidence[0].doc, "news/1.txt");
    assert_string_equal(e->evidence[0].text, "NVIDIA sells H20 to Tencent.");
    assert_string_equal(e->evidence[0].trigger, "sells");
    assert_string_equal(e->evidence[0].rule, "en_sell_to");
    fg_graph_free(g);
}

/* Repeated strings are stored once: facts from one sentence share its text,
 * and types, triggers, rules and document names are interned. */
static void test_graph_strings_interned(void **state)
{
    fg_graph *g = new_graph();
    char s1[] = "Alibaba and Tencent ordered H20.";
    char s2[] = "Alibaba and Tencent ordered H20.";
    fg_fact f[] = {fact("Alibaba", "orders", "H20"), fact("Tencent", "orders", "H20"),
                   fact("Baidu", "orders", "H20")};
    f[0].sentence = f[1].sentence = 4;
    f[0].sentence_text = fg_str_cstr(s1);
    f[1].sentence_text = fg_str_cstr(s2);   /* equal bytes, another buffer */
    f[2].sentence = 5;
    f[2].sentence_text = fg_str_cstr("Baidu ordered H20.");
    add_facts(g, "doc", f, 3);
    /* The same index in another call with other text must not reuse it. */
    fg_fact f2[] = {fact("Huawei", "orders", "H20")};
    f2[0].sentence = 4;
    f2[0].sentence_text = fg_str_cstr("Huawei ordered H20.");
    add_facts(g, "doc", f2, 1);

    const fg_edge *a = edge(g, "Alibaba", "orders", "H20");
    const fg_edge *t = edge(g, "Tencent", "orders", "H20");
    const fg_edge *b = edge(g, "Baidu", "orders", "H20");
    const fg_edge *h = edge(g, "Huawei", "orders", "H20");
    assert_ptr_equal(a->evidence[0].text, t->evidence[0].text);
    assert_string_equal(b->evidence[0].text, "Baidu ordered H20.");
    assert_string_equal(h->evidence[0].text, "Huawei ordered H20.");
    assert_ptr_equal(a->type, b->type);
    assert_ptr_equal(a->evidence[0].doc, h->evidence[0].doc);
    assert_ptr_equal(a->evidence[0].trigger, b->evidence[0].trigger);
    assert_ptr_equal(a->evidence[0].rule, b->evidence[0].rule);
    assert_ptr_equal(node(g, "Alibaba")->type, node(g, "Baidu")->type);
    /* The document was added twice under one name: H20 counts both adds. */
    assert_int_equal(node(g, "H20")->doc_count, 2);
    fg_graph_free(g);
}

/* Missing evidence strings become "", so exporters can print them as is. */
static void test_graph_missing_evidence_strings(void **state)
{
    fg_graph *g = new_graph();
    fg_fact f = fact("A", "uses", "B");
    f.trigger = NULL;
    f.rule = NULL;
    f.sentence_text = FG_STR_NULL;
    add_facts(g, "doc", &f, 1);
    const fg_evidence *ev = &edge(g, "A", "uses", "B")->evidence[0];
    assert_string_equal(ev->text, "");
    assert_string_equal(ev->trigger, "");
    assert_string_equal(ev->rule, "");
    fg_graph_free(g);
}

/* ---- analysis ----------------------------------------------------------- */

/* Adds src -uses-> dst for each pair of ids in a flat list. */
static void add_edges(fg_graph *g, const char *const *ids, size_t pairs)
{
    for (size_t i = 0; i < pairs; i++) {
        fg_fact f = fact(ids[2 * i], "uses", ids[2 * i + 1]);
        add_facts(g, "doc", &f, 1);
    }
}

static void assert_pagerank_sums_to_one(const fg_graph *g)
{
    double sum = 0;
    for (size_t i = 0; i < fg_graph_node_count(g); i++)
        sum += fg_graph_node_get(g, i)->pagerank;
    assert_float_equal(sum, 1.0, 1e-9);
}

static void test_graph_analyze_empty(void **state)
{
    fg_graph *g = new_graph();
    analyze(g);
    assert_int_equal(fg_graph_node_count(g), 0);
    fg_graph_free(g);
}

/* Isolated nodes: no degree, no betweenness, PageRank 1/n, one community
 * each, numbered in node order. */
static void test_graph_analyze_no_edges(void **state)
{
    fg_graph *g = new_graph();
    fg_mention m[] = {mention("a", "company", "a"), mention("b", "company", "b"),
                      mention("c", "company", "c")};
    add(g, "doc", m, 3, NULL, 0);
    analyze(g);
    for (size_t i = 0; i < 3; i++) {
        const fg_node *n = fg_graph_node_get(g, i);
        assert_int_equal(n->degree, 0);
        assert_int_equal(n->in_degree, 0);
        assert_int_equal(n->out_degree, 0);
        assert_float_equal(n->pagerank, 1.0 / 3.0, EPS);
        assert_float_equal(n->betweenness, 0.0, EPS);
        assert_int_equal(n->community, (long)i);
    }
    fg_graph_free(g);
}

/* A star whose hub h links both ways with 4 leaves. Every path between two
 * leaves goes through h: 4 * 3 ordered pairs, so betweenness 12. PageRank,
 * with d = 0.85 and n = 5: each leaf's only out-edge goes to h, so
 *   h = (1-d)/5 + d * (1 - h)   =>   h = 0.88 / 1.85,  each leaf (1 - h) / 4. */
static void test_graph_analyze_star(void **state)
{
    fg_graph *g = new_graph();
    static const char *const ids[] = {"h", "l1", "l1", "h", "h", "l2", "l2", "h",
                                      "h", "l3", "l3", "h", "h", "l4", "l4", "h"};
    add_edges(g, ids, 8);
    assert_int_equal(fg_graph_node_count(g), 5);
    assert_int_equal(fg_graph_edge_count(g), 8);
    analyze(g);

    const fg_node *h = node(g, "h");
    assert_int_equal(h->degree, 8);
    assert_int_equal(h->in_degree, 4);
    assert_int_equal(h->out_degree, 4);
    assert_float_equal(h->betweenness, 12.0, EPS);
    double ph = 0.88 / 1.85;
    assert_float_equal(h->pagerank, ph, 1e-6);
    static const char *const leaves[] = {"l1", "l2", "l3", "l4"};
    for (size_t i = 0; i < 4; i++) {
        const fg_node *l = node(g, leaves[i]);
        assert_int_equal(l->degree, 2);
        assert_int_equal(l->in_degree, 1);
        assert_int_equal(l->out_degree, 1);
        assert_float_equal(l->betweenness, 0.0, EPS);
        assert_float_equal(l->pagerank, (1.0 - ph) / 4.0, 1e-6);
        assert_int_equal(l->community, h->community);
    }
    assert_int_equal(h->community, 0);
    assert_pagerank_sums_to_one(g);
    fg_graph_free(g);
}

/* a -> b -> c: only the pair (a, c) has an intermediate node, b. */
static void test_graph_analyze_path(void **state)
{
    fg_graph *g = new_graph();
    static const char *const ids[] = {"a", "b", "b", "c"};
    add_edges(g, ids, 2);
    analyze(g);
    assert_float_equal(node(g, "a")->betweenness, 0.0, EPS);
    assert_float_equal(node(g, "b")->betweenness, 1.0, EPS);
    assert_float_equal(node(g, "c")->betweenness, 0.0, EPS);
    assert_int_equal(node(g, "a")->out_degree, 1);
    assert_int_equal(node(g, "a")->in_degree, 0);
    assert_int_equal(node(g, "b")->degree, 2);
    assert_int_equal(node(g, "c")->in_degree, 1);
    /* Rank flows down the path. */
    assert_true(node(g, "a")->pagerank < node(g, "b")->pagerank);
    assert_true(node(g, "b")->pagerank < node(g, "c")->pagerank);
    assert_pagerank_sums_to_one(g);
    fg_graph_free(g);
}

/* PageRank uses the weights: a -> b stated 3 times, a -> c once. b and c have
 * no out-edges, so their rank is spread over all 3 nodes. With d = 0.85:
 *   a = (1-d)/3 + d (b + c)/3 = 0.05 + 0.85 (1 - a)/3  =>  a = (1/3) / (1 + 0.85/3)
 *   b = a + d * 3/4 * a,   c = a + d * 1/4 * a. */
static void test_graph_analyze_weighted_pagerank(void **state)
{
    fg_graph *g = new_graph();
    static const char *const ids[] = {"a", "b", "a", "b", "a", "c", "a", "b"};
    add_edges(g, ids, 4);
    assert_int_equal(fg_graph_edge_count(g), 2);
    assert_int_equal(edge(g, "a", "uses", "b")->weight, 3);
    analyze(g);
    double a = (1.0 / 3.0) / (1.0 + 0.85 / 3.0);
    assert_float_equal(node(g, "a")->pagerank, a, 1e-6);
    assert_float_equal(node(g, "b")->pagerank, a * (1.0 + 0.85 * 0.75), 1e-6);
    assert_float_equal(node(g, "c")->pagerank, a * (1.0 + 0.85 * 0.25), 1e-6);
    /* Degree counts edges, not statements. */
    assert_int_equal(node(g, "a")->out_degree, 2);
    fg_graph_free(g);
}

/* Two disjoint directed triangles: two communities, numbered by first node
 * seen. In a directed 3-cycle each node lies on exactly one shortest path
 * (its predecessor to its successor); by symmetry PageRank is 1/6 each. */
static void test_graph_analyze_two_triangles(void **state)
{
    fg_graph *g = new_graph();
    static const char *const ids[] = {"x", "y", "y", "z", "z", "x",
                                      "a", "b", "b", "c", "c", "a"};
    add_edges(g, ids, 6);
    analyze(g);
    static const char *const first[] = {"x", "y", "z"}, *const second[] = {"a", "b", "c"};
    for (size_t i = 0; i < 3; i++) {
        const fg_node *p = node(g, first[i]), *q = node(g, second[i]);
        assert_int_equal(p->community, 0);
        assert_int_equal(q->community, 1);
        assert_float_equal(p->betweenness, 1.0, EPS);
        assert_float_equal(q->betweenness, 1.0, EPS);
        assert_float_equal(p->pagerank, 1.0 / 6.0, 1e-6);
        assert_int_equal(p->degree, 2);
    }
    fg_graph_free(g);
}

/* Parallel edges (two types between one pair) count in the degrees but not
 * twice in the shortest paths; a loop counts twice in the total degree. */
static void test_graph_analyze_parallel_and_loop(void **state)
{
    fg_graph *g = new_graph();
    fg_fact f[] = {fact("a", "orders", "b"), fact("a", "supplies", "b"), fact("b", "uses", "c"),
                   fact("a", "uses", "d"), fact("d", "uses", "c"), fact("c", "part_of", "c")};
    add_facts(g, "doc", f, 6);
    assert_int_equal(fg_graph_edge_count(g), 6);
    analyze(g);
    /* a reaches c through b or d: one of two shortest paths each. */
    assert_float_equal(node(g, "b")->betweenness, 0.5, EPS);
    assert_float_equal(node(g, "d")->betweenness, 0.5, EPS);
    assert_int_equal(node(g, "a")->out_degree, 3);
    assert_int_equal(node(g, "b")->in_degree, 2);
    assert_int_equal(node(g, "c")->in_degree, 3);
    assert_int_equal(node(g, "c")->out_degree, 1);
    assert_int_equal(node(g, "c")->degree, 4);
    assert_pagerank_sums_to_one(g);
    fg_graph_free(g);
}

/* The same input gives the same communities, run after run, and analyze
 * leaves igraph's error handler and default RNG as it found them. */
static void test_graph_analyze_stable(void **state)
{
    /* Two 4-cliques joined by one edge, in an order that is not sorted. */
    static const char *const ids[] = {"p", "q", "q", "r", "r", "s", "s", "p", "p", "r", "q", "s",
                                      "e", "f", "f", "g", "g", "h", "h", "e", "e", "g", "f", "h",
                                      "s", "e"};
    long first[8];
    for (int run = 0; run < 3; run++) {
        fg_graph *g = new_graph();
        add_edges(g, ids, 13);
        igraph_error_handler_t *mine = igraph_set_error_handler(igraph_error_handler_printignore);
        igraph_rng_seed(igraph_rng_default(), 7);
        analyze(g);
        igraph_integer_t after = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
        igraph_rng_seed(igraph_rng_default(), 7);
        igraph_integer_t fresh = igraph_rng_get_integer(igraph_rng_default(), 0, 1000000);
        assert_int_equal(after, fresh);
        assert_ptr_equal(igraph_set_error_handler(mine), igraph_error_handler_printignore);

        assert_int_equal(fg_graph_node_count(g), 8);
        for (size_t i = 0; i < 8; i++) {
            long c = fg_graph_node_get(g, i)->community;
            if (run == 0)
                first[i] = c;
            assert_int_equal(c, first[i]);
        }
        assert_int_equal(node(g, "p")->community, 0);
        assert_int_equal(node(g, "s")->community, 0);
        assert_int_equal(node(g, "e")->community, 1);
        assert_int_equal(node(g, "h")->community, 1);
        /* Analyzing again gives the same. */
        analyze(g);
        for (size_t i = 0; i < 8; i++)
            assert_int_equal(fg_graph_node_get(g, i)->community, first[i]);
        fg_graph_free(g);
    }
}

/* ---- scale -------------------------------------------------------------- */

#define CHAIN 10000
#define CHAIN_DOCS 10

/* n0 -> n1 -> ... -> n9999, added as 10 documents of 1000 facts. In a
 * directed path node k lies between every i < k and j > k: k (n-1-k) pairs. */
static void test_graph_chain_10k(void **state)
{
    fg_graph *g = new_graph();
    char(*ids)[8] = calloc(CHAIN, sizeof(*ids));
    fg_fact *f = calloc(CHAIN - 1, sizeof(*f));
    assert_non_null(ids);
    assert_non_null(f);
    for (size_t i = 0; i < CHAIN; i++)
        snprintf(ids[i], sizeof(ids[i]), "n%zu", i);
    for (size_t i = 0; i + 1 < CHAIN; i++) {
        f[i] = fact(ids[i], "supplies", ids[i + 1]);
        f[i].sentence = i;
    }
    size_t per_doc = (CHAIN - 1 + CHAIN_DOCS - 1) / CHAIN_DOCS;
    for (size_t d = 0; d < CHAIN_DOCS; d++) {
        size_t from = d * per_doc, to = from + per_doc < CHAIN - 1 ? from + per_doc : CHAIN - 1;
        char doc[16];
        snprintf(doc, sizeof(doc), "doc%zu", d);
        add_facts(g, doc, f + from, to - from);
    }

    assert_int_equal(fg_graph_node_count(g), CHAIN);
    assert_int_equal(fg_graph_edge_count(g), CHAIN - 1);
    for (size_t i = 0; i < CHAIN; i++) {
        assert_int_equal(fg_graph_node_find(g, ids[i]), i);
        assert_int_equal(fg_graph_node_get(g, i)->mention_count, 1);
    }
    for (size_t i = 0; i + 1 < CHAIN; i++) {
        const fg_edge *e = fg_graph_edge_get(g, i);
        assert_int_equal(e->source, i);
        assert_int_equal(e->target, i + 1);
        assert_int_equal(e->weight, 1);
        assert_int_equal(e->evidence[0].sentence, i);
    }
    /* n1000 ends doc0's last fact and starts doc1's first. */
    assert_int_equal(node(g, "n0")->doc_count, 1);
    assert_int_equal(node(g, "n1000")->doc_count, 2);
    assert_int_equal(node(g, "n1001")->doc_count, 1);

    analyze(g);
    size_t probes[] = {0, 1, 2500, 5000, CHAIN - 2, CHAIN - 1};
    for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
        size_t k = probes[i];
        assert_float_equal(fg_graph_node_get(g, k)->betweenness,
                           (double)k * (double)(CHAIN - 1 - k), EPS);
    }
    assert_int_equal(node(g, "n5000")->degree, 2);
    assert_pagerank_sums_to_one(g);
    /* Community ids are numbered by first node seen. */
    long max = -1;
    for (size_t i = 0; i < CHAIN; i++) {
        long c = fg_graph_node_get(g, i)->community;
        assert_true(c >= 0 && c <= max + 1);
        if (c > max)
            max = c;
    }
    assert_int_equal(fg_graph_node_get(g, 0)->community, 0);
    free(f);
    free(ids);
    fg_graph_free(g);
}

/* ---- allocation failures ------------------------------------------------ */

#if HAVE_CHAOS
/* Builds and analyzes a small graph, failing allocation n; returns whether
 * that allocation was reached. On a failure, the calls must report FG_ENOMEM
 * and leave a consistent graph; without one, the graph must be complete. */
static bool chaos_round(long n)
{
    fg_graph *g = NULL;
    fg_error err = {0};
    fg_status st;
    fg_mention m1[] = {mention("NVIDIA", "company", "NVIDIA"), mention("H20", "chip", "H20"),
                       mention("NVIDIA", "company", "Nvidia")};
    fg_fact f1[] = {fact("ByteDance", "orders", "H20"), fact("NVIDIA", "supplies", "ByteDance"),
                    fact("ByteDance", "orders", "H20")};
    f1[1].sentence = 1;
    f1[1].status = "planned";
    f1[2].has_amount = true;
    f1[2].amount = 3;
    f1[2].currency = "USD";
    fg_fact f2[] = {fact("ByteDance", "orders", "H20"), fact("Tencent", "uses", "H20")};
    fg_extraction x1 = {m1, 3, f1, 3}, x2 = {NULL, 0, f2, 2};
    bool fired;

    chaos_arm(n);
    st = fg_graph_new(&g, &err);
    if (st != FG_OK)
        assert_null(g);
    if (st == FG_OK)
        st = fg_graph_add_extraction(g, "one.txt", &x1, &err);
    if (st == FG_OK)
        st = fg_graph_add_extraction(g, "two.txt", &x2, &err);
    if (st == FG_OK)
        st = fg_graph_analyze(g, &err);
    fired = chaos_disarm();

    if (fired) {
        assert_int_equal(st, FG_ENOMEM);
        assert_int_equal(err.code, FG_ENOMEM);
        assert_string_equal(err.text, "out of memory");
        if (g) {
            check_invariants(g);
            /* A failed analysis stores nothing. */
            for (size_t i = 0; i < fg_graph_node_count(g); i++)
                assert_float_equal(fg_graph_node_get(g, i)->pagerank, 0.0, 0.0);
        }
    } else {
        assert_int_equal(st, FG_OK);
        check_invariants(g);
        assert_int_equal(fg_graph_node_count(g), 4);
        assert_int_equal(fg_graph_edge_count(g), 3);
        const fg_edge *e = edge(g, "ByteDance", "orders", "H20");
        assert_int_equal(e->weight, 3);
        assert_string_equal(e->evidence[2].doc, "two.txt");
        assert_string_equal(e->currency, "USD");
        assert_pagerank_sums_to_one(g);
    }
    fg_graph_free(g);
    return fired;
}
#endif

static void test_graph_allocation_failures(void **state)
{
#if HAVE_CHAOS
    long n = 0;
    while (chaos_round(n))
        n++;
    /* The scenario allocates: otherwise this test tested nothing. */
    assert_true(n > 10);
    print_message("%ld allocation failures checked\n", n);
#else
    skip();
#endif
}

/* The same, for fg_graph_analyze() alone on an existing graph, which a
 * failed analysis leaves untouched. */
static void test_graph_analyze_allocation_failures(void **state)
{
#if HAVE_CHAOS
    fg_graph *g = new_graph();
    static const char *const ids[] = {"a", "b", "b", "a", "b", "c", "a", "c"};
    add_edges(g, ids, 4);
    long n = 0;
    for (;; n++) {
        fg_error err = {0};
        chaos_arm(n);
        fg_status st = fg_graph_analyze(g, &err);
        bool fired = chaos_disarm();
        if (!fired) {
            assert_int_equal(st, FG_OK);
            break;
        }
        assert_int_equal(st, FG_ENOMEM);
        assert_int_equal(err.code, FG_ENOMEM);
        assert_float_equal(fg_graph_node_get(g, 0)->pagerank, 0.0, 0.0);
    }
    assert_true(n > 5);
    print_message("%ld allocation failures checked\n", n);
    assert_pagerank_sums_to_one(g);
    assert_float_equal(node(g, "c")->betweenness, 0.0, EPS);
    assert_int_equal(node(g, "c")->in_degree, 2);
    fg_graph_free(g);
#else
    skip();
#endif
}

/* ---- canonical order ------------------------------------------------------ */

/* Everything the writers see, as text: nodes with type, mentions, document
 * count and analysis; edges with attributes and every statement. */
static char *dump(const fg_graph *g)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    for (size_t i = 0; i < fg_graph_node_count(g); i++) {
        const fg_node *n = fg_graph_node_get(g, i);
        fprintf(f, "node %s %s docs=%zu deg=%ld pr=%.17g bc=%.17g comm=%ld [", n->id, n->type,
                n->doc_count, n->degree, n->pagerank, n->betweenness, n->community);
        for (size_t k = 0; k < n->mention_count; k++)
            fprintf(f, "%s;", n->mentions[k]);
        fprintf(f, "]\n");
    }
    for (size_t i = 0; i < fg_graph_edge_count(g); i++) {
        const fg_edge *e = fg_graph_edge_get(g, i);
        fprintf(f, "edge %s -%s-> %s w=%ld status=%s amount=%d/%.17g/%s qty=%d/%.17g date=%s/%s\n",
                fg_graph_node_get(g, e->source)->id, e->type, fg_graph_node_get(g, e->target)->id,
                e->weight, e->status ? e->status : "-", e->has_amount, e->amount,
                e->currency ? e->currency : "-", e->has_quantity, e->quantity,
                e->date ? e->date : "-", e->date_norm ? e->date_norm : "-");
        for (size_t k = 0; k < e->evidence_count; k++)
            fprintf(f, "  %s %zu %zu-%zu %s %s %s\n", e->evidence[k].doc, e->evidence[k].sentence,
                    e->evidence[k].start, e->evidence[k].end, e->evidence[k].trigger,
                    e->evidence[k].rule, e->evidence[k].text);
    }
    fclose(f);
    return buf;
}

static void make_canonical(fg_graph *g)
{
    fg_error err = {0};
    assert_int_equal(fg_graph_canonicalize(g, &err), FG_OK);
    assert_int_equal(err.code, FG_OK);
}

/* Three documents that disagree: a.txt says ByteDance plans to order, with
 * an amount; b.txt says it ordered, with another amount and a date; c.txt
 * names Zhipu twice as a company and once as an organization, and writes
 * NVIDIA another way. */
struct three_docs {
    fg_mention ma[2], mb[2], mc[4];
    fg_fact fa[1], fb[2], fc[1];
};

static void three_docs_init(struct three_docs *d)
{
    d->ma[0] = mention("NVIDIA", "company", "NVIDIA");
    d->ma[1] = mention("Zhipu", "organization", "Zhipu AI");
    d->mb[0] = mention("NVIDIA", "company", "Nvidia");
    d->mb[1] = mention("ByteDance", "company", "ByteDance");
    d->mc[0] = mention("Zhipu", "company", "智谱");
    d->mc[1] = mention("Zhipu", "company", "Zhipu");
    d->mc[2] = mention("NVIDIA", "company", "エヌビディア");
    d->mc[3] = mention("H20", "chip", "H20");
    d->fa[0] = fact("ByteDance", "orders", "H20");
    d->fa[0].status = "planned";
    d->fa[0].has_amount = true;
    d->fa[0].amount = 5;
    d->fa[0].currency = "USD";
    d->fa[0].sentence = 2;
    d->fb[0] = fact("ByteDance", "orders", "H20");
    d->fb[0].has_amount = true;
    d->fb[0].amount = 7;
    d->fb[0].currency = "JPY";
    d->fb[0].date = "2024年";
    d->fb[0].date_norm = "2024";
    d->fb[1] = fact("NVIDIA", "supplies", "ByteDance");
    d->fc[0] = fact("Zhipu", "uses", "H20");
    d->fc[0].sentence = 1;
}

static char *build_in_order(const struct three_docs *d, const char *order)
{
    fg_graph *g = new_graph();
    for (const char *o = order; *o; o++) {
        if (*o == 'a')
            add(g, "a.txt", d->ma, 2, d->fa, 1);
        else if (*o == 'b')
            add(g, "b.txt", d->mb, 2, d->fb, 2);
        else
            add(g, "c.txt", d->mc, 4, d->fc, 1);
    }
    make_canonical(g);
    check_invariants(g);
    analyze(g);
    char *s = dump(g);
    fg_graph_free(g);
    return s;
}

/* Every order of the documents gives the same graph, analysis included. */
static void test_graph_canonical_any_order(void **state)
{
    struct three_docs d;
    three_docs_init(&d);
    static const char *const orders[] = {"abc", "acb", "bac", "bca", "cab", "cba"};
    char *first = build_in_order(&d, orders[0]);
    for (size_t i = 1; i < 6; i++) {
        char *s = build_in_order(&d, orders[i]);
        assert_string_equal(s, first);
        free(s);
    }
    free(first);
}

/* What the canonical graph holds, written from the three documents. */
static void test_graph_canonical_content(void **state)
{
    struct three_docs d;
    three_docs_init(&d);
    fg_graph *g = new_graph();
    add(g, "c.txt", d.mc, 4, d.fc, 1);
    add(g, "b.txt", d.mb, 2, d.fb, 2);
    add(g, "a.txt", d.ma, 2, d.fa, 1);
    make_canonical(g);

    /* nodes by id */
    static const char *const ids[] = {"ByteDance", "H20", "NVIDIA", "Zhipu"};
    assert_int_equal(fg_graph_node_count(g), 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(fg_graph_node_get(g, i)->id, ids[i]);
        assert_int_equal(fg_graph_node_find(g, ids[i]), i);
    }
    /* mentions by bytes; Zhipu: company in two mentions of c.txt and as the
     * fact's source there, organization once in a.txt */
    const fg_node *n = node(g, "NVIDIA");
    assert_int_equal(n->mention_count, 3);
    assert_string_equal(n->mentions[0], "NVIDIA");
    assert_string_equal(n->mentions[1], "Nvidia");
    assert_string_equal(n->mentions[2], "エヌビディア");
    assert_int_equal(n->doc_count, 3);
    assert_string_equal(node(g, "Zhipu")->type, "company");

    /* edges by (source, target, type) */
    assert_int_equal(fg_graph_edge_count(g), 3);
    const fg_edge *e = fg_graph_edge_get(g, 0);
    assert_string_equal(fg_graph_node_get(g, e->source)->id, "ByteDance");
    assert_string_equal(e->type, "orders");
    assert_string_equal(fg_graph_node_get(g, fg_graph_edge_get(g, 1)->source)->id, "NVIDIA");
    assert_string_equal(fg_graph_node_get(g, fg_graph_edge_get(g, 2)->source)->id, "Zhipu");

    /* ByteDance orders H20: a.txt's statement comes first, so its amount
     * (5 USD) is the edge's, though b.txt was added first; b.txt states it
     * plainly, so the edge is not merely planned; the date is b.txt's, the
     * first statement with one. */
    assert_int_equal(e->weight, 2);
    assert_string_equal(e->evidence[0].doc, "a.txt");
    assert_string_equal(e->evidence[1].doc, "b.txt");
    assert_true(e->has_amount);
    assert_float_equal(e->amount, 5, 0.0);
    assert_string_equal(e->currency, "USD");
    assert_null(e->status);
    assert_string_equal(e->date_norm, "2024");

    /* the indices are consistent: one more statement joins the same edge */
    fg_fact more[] = {fact("ByteDance", "orders", "H20")};
    add_facts(g, "d.txt", more, 1);
    assert_int_equal(fg_graph_edge_count(g), 3);
    assert_int_equal(edge(g, "ByteDance", "orders", "H20")->weight, 3);
    check_invariants(g);
    fg_graph_free(g);
}

/* Equal counts: the smaller type in byte order; statements that differ only
 * in their attributes sort by them. */
static void test_graph_canonical_ties(void **state)
{
    fg_mention m1[] = {mention("X", "organization", "X")};
    fg_mention m2[] = {mention("X", "company", "X")};
    fg_fact f1[] = {fact("A", "orders", "B")}, f2[] = {fact("A", "orders", "B")};
    f1[0].status = "reported";
    f2[0].status = "planned";
    char *dumps[2];
    for (int k = 0; k < 2; k++) {
        fg_graph *g = new_graph();
        add(g, "same.txt", k ? m2 : m1, 1, k ? f2 : f1, 1);
        add(g, "same.txt", k ? m1 : m2, 1, k ? f1 : f2, 1);
        make_canonical(g);
        assert_string_equal(node(g, "X")->type, "company");
        /* "planned" < "reported": the planned statement is first */
        assert_string_equal(edge(g, "A", "orders", "B")->status, "planned");
        dumps[k] = dump(g);
        fg_graph_free(g);
    }
    assert_string_equal(dumps[0], dumps[1]);
    free(dumps[0]);
    free(dumps[1]);
}

/* A failed canonicalization leaves the graph as it was. */
static void test_graph_canonicalize_allocation_failures(void **state)
{
#if HAVE_CHAOS
    struct three_docs d;
    three_docs_init(&d);
    fg_graph *g = new_graph();
    add(g, "c.txt", d.mc, 4, d.fc, 1);
    add(g, "b.txt", d.mb, 2, d.fb, 2);
    add(g, "a.txt", d.ma, 2, d.fa, 1);
    char *before = dump(g);
    long n = 0;
    for (;; n++) {
        fg_error err = {0};
        chaos_arm(n);
        fg_status st = fg_graph_canonicalize(g, &err);
        bool fired = chaos_disarm();
        if (!fired) {
            assert_int_equal(st, FG_OK);
            break;
        }
        assert_int_equal(st, FG_ENOMEM);
        assert_int_equal(err.code, FG_ENOMEM);
        char *now = dump(g);
        assert_string_equal(now, before);
        free(now);
    }
    assert_true(n > 5);
    print_message("%ld allocation failures checked\n", n);
    check_invariants(g);
    assert_string_equal(fg_graph_node_get(g, 0)->id, "ByteDance");
    free(before);
    fg_graph_free(g);
#else
    skip();
#endif
}

/* ---- large graphs: estimated betweenness, Leiden ------------------------- */

/* Adds one fact per pair of node numbers (ids "v<number>"), 1000 a document. */
static void add_numbered_edges(fg_graph *g, const size_t *pairs, size_t n)
{
    enum { PER_DOC = 1000 };
    static char ids[2 * PER_DOC][16];
    fg_fact f[PER_DOC];
    for (size_t i = 0; i < n; i += PER_DOC) {
        size_t k = 0;
        for (; k < PER_DOC && i + k < n; k++) {
            snprintf(ids[2 * k], sizeof(ids[0]), "v%zu", pairs[2 * (i + k)]);
            snprintf(ids[2 * k + 1], sizeof(ids[0]), "v%zu", pairs[2 * (i + k) + 1]);
            f[k] = fact(ids[2 * k], "uses", ids[2 * k + 1]);
        }
        add_facts(g, "doc", f, k);
    }
}

/* A directed cycle of n = 20000 nodes is past the exact-betweenness limit
 * (V * E = 4e8). Exactly, every node lies on the paths from each of the
 * other n - 1 sources to the targets behind it: (n-1)(n-2)/2. The estimate
 * uses every 78th node in id order as a source (v0, v10067, v10137, ...:
 * "v10" sorts before "v2", so they are not evenly spread along the cycle),
 * scaled by n/256; summing the sources' dependencies for this layout gives
 * errors between -2.7% and +3.4%, so every node is within 5%. */
static void test_graph_analyze_estimated_betweenness(void **state)
{
    enum { N = 20000 };
    size_t *pairs = malloc(2 * N * sizeof(*pairs));
    assert_non_null(pairs);
    for (size_t i = 0; i < N; i++) {
        pairs[2 * i] = i;
        pairs[2 * i + 1] = (i + 1) % N;
    }
    fg_graph *g = new_graph();
    add_numbered_edges(g, pairs, N);
    free(pairs);
    make_canonical(g);
    analyze(g);
    double exact = (double)(N - 1) * (N - 2) / 2;
    for (size_t i = 0; i < N; i++)
        assert_float_equal(fg_graph_node_get(g, i)->betweenness, exact, 0.05 * exact);
    assert_pagerank_sums_to_one(g);
    fg_graph_free(g);
}

/* Two cliques of 320 nodes (51040 linked pairs each) and one bridge: past
 * the Louvain limit of 100000 pairs, so Leiden runs, and finds the two
 * cliques. */
static void test_graph_analyze_leiden(void **state)
{
    enum { K = 320 };
    size_t n = 0, *pairs = malloc((2 * K * (K - 1) / 2 + 1) * 2 * sizeof(*pairs));
    assert_non_null(pairs);
    for (size_t c = 0; c < 2; c++)
        for (size_t i = 0; i < K; i++)
            for (size_t j = i + 1; j < K; j++) {
                pairs[2 * n] = c * K + i;
                pairs[2 * n + 1] = c * K + j;
                n++;
            }
    pairs[2 * n] = 0;
    pairs[2 * n + 1] = K;
    n++;
    fg_graph *g = new_graph();
    add_numbered_edges(g, pairs, n);
    free(pairs);
    make_canonical(g);
    analyze(g);
    char id[16];
    long c0 = node(g, "v0")->community, c1 = node(g, "v320")->community;
    assert_true(c0 != c1);
    for (size_t i = 0; i < 2 * K; i++) {
        snprintf(id, sizeof(id), "v%zu", i);
        assert_int_equal(node(g, id)->community, i < K ? c0 : c1);
    }
    fg_graph_free(g);
}

/* A selected subgraph keeps each edge's statements and attributes, and can
 * itself be put in canonical order without changing them. */
static void test_graph_subgraph_canonical(void **state)
{
    struct three_docs d;
    three_docs_init(&d);
    fg_graph *g = new_graph(), *sub = NULL;
    fg_error err = {0};
    add(g, "c.txt", d.mc, 4, d.fc, 1);
    add(g, "b.txt", d.mb, 2, d.fb, 2);
    add(g, "a.txt", d.ma, 2, d.fa, 1);
    make_canonical(g);
    fg_selection sel = FG_SELECTION_INIT;
    static const char *const types[] = {"orders"};
    sel.edge_types = types;
    sel.edge_type_count = 1;
    assert_int_equal(fg_graph_new_subgraph(&sub, g, &sel, &err), FG_OK);
    make_canonical(sub);
    const fg_edge *e = edge(sub, "ByteDance", "orders", "H20");
    assert_int_equal(e->weight, 2);
    assert_int_equal(e->evidence_count, 2);
    assert_true(e->has_amount);
    assert_float_equal(e->amount, 5, 0.0);
    assert_string_equal(e->currency, "USD");
    assert_null(e->status);
    assert_string_equal(e->date_norm, "2024");
    check_invariants(sub);
    fg_graph_free(sub);
    fg_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graph_new_free),
        cmocka_unit_test(test_graph_empty_extraction),
        cmocka_unit_test(test_graph_same_fact_two_docs),
        cmocka_unit_test(test_graph_edge_key),
        cmocka_unit_test(test_graph_nodes_merged),
        cmocka_unit_test(test_graph_fact_creates_nodes),
        cmocka_unit_test(test_graph_status),
        cmocka_unit_test(test_graph_attributes_first_statement),
        cmocka_unit_test(test_graph_strings_copied),
        cmocka_unit_test(test_graph_strings_interned),
        cmocka_unit_test(test_graph_missing_evidence_strings),
        cmocka_unit_test(test_graph_analyze_empty),
        cmocka_unit_test(test_graph_analyze_no_edges),
        cmocka_unit_test(test_graph_analyze_star),
        cmocka_unit_test(test_graph_analyze_path),
        cmocka_unit_test(test_graph_analyze_weighted_pagerank),
        cmocka_unit_test(test_graph_analyze_two_triangles),
        cmocka_unit_test(test_graph_analyze_parallel_and_loop),
        cmocka_unit_test(test_graph_analyze_stable),
        cmocka_unit_test(test_graph_chain_10k),
        cmocka_unit_test(test_graph_allocation_failures),
        cmocka_unit_test(test_graph_analyze_estimated_betweenness),
        cmocka_unit_test(test_graph_analyze_leiden),
        cmocka_unit_test(test_graph_canonical_any_order),
        cmocka_unit_test(test_graph_subgraph_canonical),
        cmocka_unit_test(test_graph_canonical_content),
        cmocka_unit_test(test_graph_canonical_ties),
        cmocka_unit_test(test_graph_canonicalize_allocation_failures),
        cmocka_unit_test(test_graph_analyze_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
