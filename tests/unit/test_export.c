/* test_export.c - the JSON, GraphML and DOT writers, read back by the
 * libraries real clients use (jansson, libxml2, cgraph), and the atomic write.
 *
 * The graph is built through the public graph API from hand-made mentions and
 * facts, with names chosen to break naive writers: quotes, <>, & and a
 * trailing backslash, a C0 control, a newline, CJK, an emoji next to escString
 * sequences (\N, \"). Expected values are written out here by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <graphviz/cgraph.h>
#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export_int.h"
#include "factgraph/export.h"
#include "factgraph/graph.h"

#define HOSTILE "A \"B\" <C> & D\\"
#define CTRL "ctl\x01" "char"
#define CTRL_XML "ctl\xEF\xBF\xBD" "char" /* U+FFFD where XML and DOT cannot carry \x01 */
#define NEWLINE "line1\nline2"
#define CJK "東京エレクトロン"
#define EMOJI "Rocket \xF0\x9F\x9A\x80 \\N \\\"x\""
#define TRICKY_SENTENCE "He said \"buy\"\tnow\nok <&>"

#define N_NODES 7
#define N_EDGES 7

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

static fg_fact fact(const char *type, const char *src, const char *src_type, const char *dst,
                    const char *dst_type, size_t sentence, const char *text)
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
    f.sentence_text = fg_str_cstr(text);
    f.start = 10 * sentence;
    f.end = 10 * sentence + 7;
    f.trigger = "開発";
    f.rule = "ja.ga-wo";
    return f;
}

static fg_graph *build_graph(void)
{
    fg_graph *g = NULL;
    fg_error err = {0};
    fg_mention m1[] = {
        mention("NVIDIA", "company", "NVIDIA"), mention("H20", "chip", "H20"),
        mention(HOSTILE, "organization", HOSTILE), mention(CTRL, "company", CTRL),
        mention(NEWLINE, "person", NEWLINE), mention(CJK, "company", CJK),
        mention(EMOJI, "model", EMOJI),
    };
    fg_fact f1[7];
    f1[0] = fact("develops", "NVIDIA", "company", "H20", "chip", 0, "NVIDIAはH20を開発した。");
    f1[0].date = "2024年12月";
    f1[0].date_norm = "2024-12";
    f1[1] = fact("funds", HOSTILE, "organization", "NVIDIA", "company", 1, "funding");
    f1[1].status = "planned";
    f1[1].has_amount = true;
    f1[1].amount = 16000000000.0;
    f1[1].currency = "USD";
    f1[2] = fact("orders", CJK, "company", "H20", "chip", 2, TRICKY_SENTENCE);
    f1[2].has_quantity = true;
    f1[2].quantity = 230000;
    f1[3] = fact("partners", CTRL, "company", NEWLINE, "person", 3, "partners");
    f1[4] = fact("uses", EMOJI, "model", CJK, "company", 4, "uses");
    f1[5] = fact("supplies", "NVIDIA", "company", "H20", "chip", 5, "supplies");
    f1[6] = fact("orders", CJK, "company", "NVIDIA", "company", 6, "nan amount");
    f1[6].has_amount = true;
    f1[6].amount = NAN;
    f1[6].currency = "JPY";
    fg_extraction x1 = {m1, 7, f1, 7};

    fg_mention m2[] = {mention("NVIDIA", "company", "エヌビディア")};
    fg_fact f2[1];
    f2[0] = fact("develops", "NVIDIA", "company", "H20", "chip", 0, "エヌビディアがH20を開発。");
    fg_extraction x2 = {m2, 1, f2, 1};

    assert_int_equal(fg_graph_new(&g, &err), FG_OK);
    assert_int_equal(fg_graph_add_extraction(g, "a.txt", &x1, &err), FG_OK);
    fg_graph_count_document(g);
    assert_int_equal(fg_graph_add_extraction(g, "b.txt", &x2, &err), FG_OK);
    fg_graph_count_document(g);
    assert_int_equal(fg_graph_analyze(g, &err), FG_OK);
    assert_int_equal(fg_graph_node_count(g), N_NODES);
    assert_int_equal(fg_graph_edge_count(g), N_EDGES);
    return g;
}

static int setup(void **state)
{
    *state = build_graph();
    return 0;
}

static int teardown(void **state)
{
    fg_graph_free(*state);
    return 0;
}

/* The writer's output in memory; caller frees. */
static char *export_mem(const fg_graph *g, fg_format fmt, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    fg_error err = {0};
    FILE *f = open_memstream(&buf, &n);
    assert_non_null(f);
    assert_int_equal(fg_export_write(g, fmt, f, &err), FG_OK);
    assert_int_equal(err.code, FG_OK);
    assert_int_equal(fclose(f), 0);
    *len = n;
    return buf;
}

/* No C0 control other than TAB, LF, CR, and valid UTF-8 throughout. */
static void assert_clean_text(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            fail_msg("control byte 0x%02x at offset %zu", c, i);
    }
    assert_int_equal(fg_utf8_validate(s, len), len);
}

/* ---- helpers ---------------------------------------------------------- */

static void test_format_names(void **state)
{
    fg_format f;
    fg_error err = {0};
    assert_int_equal(fg_format_parse(&f, "json", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_JSON);
    assert_int_equal(fg_format_parse(&f, "graphml", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_GRAPHML);
    assert_int_equal(fg_format_parse(&f, "dot", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_DOT);
    assert_int_equal(fg_format_parse(&f, "gexf", &err), FG_EINVAL);
    assert_int_equal(err.code, FG_EINVAL);
    assert_non_null(strstr(err.text, "gexf"));
    assert_int_equal(fg_format_parse(&f, "JSON", NULL), FG_EINVAL);
    assert_string_equal(fg_format_name(FG_FORMAT_GRAPHML), "graphml");
    assert_string_equal(fg_format_ext(FG_FORMAT_DOT), "dot");
    assert_string_equal(fg_format_ext(FG_FORMAT_JSON), "json");
}

static void test_fmt_double(void **state)
{
    char b[FG_NUM_MAX];
    assert_true(fg_fmt_double(b, 0.12));
    assert_string_equal(b, "0.12");
    assert_true(fg_fmt_double(b, 2.0));
    assert_string_equal(b, "2.0");
    assert_true(fg_fmt_double(b, 0.0));
    assert_string_equal(b, "0.0");
    assert_true(fg_fmt_double(b, -1.5));
    assert_string_equal(b, "-1.5");
    assert_true(fg_fmt_double(b, 1e300));
    assert_string_equal(b, "1e+300");
    assert_true(fg_fmt_double(b, 1.0 / 3.0));
    assert_true(strtod(b, NULL) == 1.0 / 3.0);
    assert_true(fg_fmt_double(b, -1.2345678901234567e-308));
    assert_true(strtod(b, NULL) == -1.2345678901234567e-308);
    assert_false(fg_fmt_double(b, NAN));
    assert_string_equal(b, "");
    assert_false(fg_fmt_double(b, -INFINITY));
    assert_true(fg_fmt_amount(b, 16000000000.0));
    assert_string_equal(b, "16000000000");
    assert_true(fg_fmt_amount(b, 230000));
    assert_string_equal(b, "230000");
    assert_true(fg_fmt_amount(b, 2.5));
    assert_string_equal(b, "2.5");
    assert_true(fg_fmt_amount(b, 1e20)); /* past 2^53: a double, not digits */
    assert_string_equal(b, "1e+20");
}

/* Under a comma-decimal locale the numbers must not change. Skipped when the
 * system has no such locale installed. */
static void test_fmt_double_locale(void **state)
{
    static const char *const names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"};
    char b[FG_NUM_MAX];
    const char *set = NULL;
    for (size_t i = 0; !set && i < sizeof(names) / sizeof(names[0]); i++)
        set = setlocale(LC_NUMERIC, names[i]);
    if (!set)
        skip();
    assert_true(fg_fmt_double(b, 0.5));
    setlocale(LC_NUMERIC, "C");
    assert_string_equal(b, "0.5");
}

static char *escaped(fg_status (*fn)(fg_buf *, const char *, size_t, fg_error *), const char *s,
                     size_t len)
{
    fg_buf b;
    fg_buf_init(&b, 0);
    assert_int_equal(fn(&b, s, len, NULL), FG_OK);
    return fg_buf_detach(&b, NULL);
}

static void test_escapers(void **state)
{
    static const char in[] = "a\"\\<>&\t\n\r\x01\xff\xEF\xBF\xBE" "end";
    char *s;

    s = escaped(fg_json_add_str, in, sizeof(in) - 1);
    assert_string_equal(s, "\"a\\\"\\\\<>&\\t\\n\\r\\u0001\xEF\xBF\xBD\xEF\xBF\xBE" "end\"");
    free(s);
    s = escaped(fg_xml_add_text, in, sizeof(in) - 1);
    assert_string_equal(s, "a\"\\&lt;&gt;&amp;\t\n&#13;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "end");
    free(s);
    s = escaped(fg_xml_add_attr, in, sizeof(in) - 1);
    assert_string_equal(
        s, "a&quot;\\&lt;&gt;&amp;&#9;&#10;&#13;\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "end");
    free(s);
    s = escaped(fg_dot_add_label, in, sizeof(in) - 1);
    assert_string_equal(s, "a\"\\\\<>&\t\\n\\n\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "end");
    free(s);
    /* CRLF is one line break; a truncated sequence at the end is replaced */
    s = escaped(fg_dot_add_label, "x\r\ny\xE6\x9D", 6);
    assert_string_equal(s, "x\\ny\xEF\xBF\xBD\xEF\xBF\xBD");
    free(s);
    /* a NUL inside the view is data, escaped, not an end */
    s = escaped(fg_json_add_str, "a\0b", 3);
    assert_string_equal(s, "\"a\\u0000b\"");
    free(s);
}

/* ---- JSON ------------------------------------------------------------- */

static json_t *find_by(json_t *arr, const char *k1, const char *v1, const char *k2,
                       const char *v2, const char *k3, const char *v3)
{
    size_t i;
    json_t *it;
    json_array_foreach(arr, i, it) {
        if (strcmp(json_string_value(json_object_get(it, k1)), v1) == 0 &&
            (!k2 || strcmp(json_string_value(json_object_get(it, k2)), v2) == 0) &&
            (!k3 || strcmp(json_string_value(json_object_get(it, k3)), v3) == 0))
            return it;
    }
    fail_msg("no element with %s=%s", k1, v1);
    return NULL;
}

static const char *str_at(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

static json_int_t int_at(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    assert_true(json_is_integer(v));
    return json_integer_value(v);
}

static void test_json(void **state)
{
    const fg_graph *g = *state;
    size_t len;
    char *out = export_mem(g, FG_FORMAT_JSON, &len);
    json_error_t jerr;
    json_t *root = json_loadb(out, len, 0, &jerr);
    if (!root)
        fail_msg("json: %d:%d: %s", jerr.line, jerr.column, jerr.text);
    assert_clean_text(out, len);
    /* one node / one link per line: 4 header lines, the nodes, "],",
     * "links": [, the links, "]", "}" */
    size_t lines = 0;
    for (size_t i = 0; i < len; i++)
        lines += out[i] == '\n';
    assert_int_equal(lines, 4 + N_NODES + 2 + N_EDGES + 3);

    assert_true(json_is_true(json_object_get(root, "directed")));
    assert_true(json_is_true(json_object_get(root, "multigraph")));
    json_t *gr = json_object_get(root, "graph");
    assert_string_equal(str_at(gr, "name"), "factgraph");
    assert_int_equal(int_at(gr, "documents"), 2);
    json_t *nt = json_object_get(gr, "node_types");
    assert_int_equal(json_array_size(nt), 5);
    assert_string_equal(json_string_value(json_array_get(nt, 0)), "company");
    assert_string_equal(json_string_value(json_array_get(nt, 2)), "organization");
    assert_string_equal(json_string_value(json_array_get(nt, 4)), "model");
    json_t *et = json_object_get(gr, "edge_types");
    assert_int_equal(json_array_size(et), 6);
    assert_string_equal(json_string_value(json_array_get(et, 0)), "develops");
    assert_string_equal(json_string_value(json_array_get(et, 5)), "supplies");

    json_t *nodes = json_object_get(root, "nodes");
    json_t *links = json_object_get(root, "links");
    assert_int_equal(json_array_size(nodes), N_NODES);
    assert_int_equal(json_array_size(links), N_EDGES);

    /* hostile names round-trip byte for byte: JSON can carry all of them */
    static const char *const names[] = {HOSTILE, CTRL, NEWLINE, CJK, EMOJI};
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        json_t *n = find_by(nodes, "id", names[i], NULL, NULL, NULL, NULL);
        assert_string_equal(str_at(n, "label"), names[i]);
    }
    json_t *nv = find_by(nodes, "id", "NVIDIA", NULL, NULL, NULL, NULL);
    assert_string_equal(str_at(nv, "type"), "company");
    json_t *m = json_object_get(nv, "mentions");
    assert_int_equal(json_array_size(m), 2);
    assert_string_equal(json_string_value(json_array_get(m, 0)), "NVIDIA");
    assert_string_equal(json_string_value(json_array_get(m, 1)), "エヌビディア");
    assert_int_equal(int_at(nv, "documents"), 2);
    /* NVIDIA: out develops, supplies; in funds, orders */
    assert_int_equal(int_at(nv, "out_degree"), 2);
    assert_int_equal(int_at(nv, "in_degree"), 2);
    assert_int_equal(int_at(nv, "degree"), 4);
    double pr_sum = 0;
    size_t i;
    json_t *n;
    json_array_foreach(nodes, i, n) {
        assert_true(json_is_real(json_object_get(n, "pagerank")));
        assert_true(json_is_real(json_object_get(n, "betweenness")));
        assert_true(json_is_integer(json_object_get(n, "community")));
        pr_sum += json_real_value(json_object_get(n, "pagerank"));
    }
    assert_true(fabs(pr_sum - 1.0) < 1e-9);

    json_t *dev = find_by(links, "source", "NVIDIA", "target", "H20", "key", "develops");
    assert_string_equal(str_at(dev, "type"), "develops");
    assert_int_equal(int_at(dev, "weight"), 2);
    assert_null(json_object_get(dev, "status"));
    assert_null(json_object_get(dev, "amount"));
    assert_null(json_object_get(dev, "quantity"));
    assert_string_equal(str_at(dev, "date"), "2024年12月");
    assert_string_equal(str_at(dev, "date_normalized"), "2024-12");
    json_t *ev = json_object_get(dev, "evidence");
    assert_int_equal(json_array_size(ev), 2);
    json_t *e0 = json_array_get(ev, 0), *e1 = json_array_get(ev, 1);
    assert_string_equal(str_at(e0, "doc"), "a.txt");
    assert_int_equal(int_at(e0, "sentence"), 0);
    assert_string_equal(str_at(e0, "text"), "NVIDIAはH20を開発した。");
    assert_int_equal(int_at(e0, "start"), 0);
    assert_int_equal(int_at(e0, "end"), 7);
    assert_string_equal(str_at(e0, "trigger"), "開発");
    assert_string_equal(str_at(e0, "rule"), "ja.ga-wo");
    assert_string_equal(str_at(e1, "doc"), "b.txt");

    json_t *sup = find_by(links, "source", "NVIDIA", "target", "H20", "key", "supplies");
    assert_int_equal(int_at(sup, "weight"), 1);
    assert_null(json_object_get(sup, "date"));

    json_t *fund = find_by(links, "source", HOSTILE, "target", "NVIDIA", NULL, NULL);
    assert_string_equal(str_at(fund, "status"), "planned");
    assert_int_equal(int_at(fund, "amount"), 16000000000LL);
    assert_string_equal(str_at(fund, "currency"), "USD");

    json_t *ord = find_by(links, "source", CJK, "target", "H20", NULL, NULL);
    assert_int_equal(int_at(ord, "quantity"), 230000);
    assert_null(json_object_get(ord, "amount"));
    assert_string_equal(str_at(json_array_get(json_object_get(ord, "evidence"), 0), "text"),
                        TRICKY_SENTENCE);

    json_t *nan = find_by(links, "source", CJK, "target", "NVIDIA", NULL, NULL);
    assert_true(json_is_null(json_object_get(nan, "amount")));
    assert_string_equal(str_at(nan, "currency"), "JPY");

    find_by(links, "source", CTRL, "target", NEWLINE, "type", "partners");
    find_by(links, "source", EMOJI, "target", CJK, "type", "uses");

    /* byte-stable: the same graph gives the same bytes */
    size_t len2;
    char *again = export_mem(g, FG_FORMAT_JSON, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(out, again, len);
    free(again);
    json_decref(root);
    free(out);
}

static void test_json_empty_graph(void **state)
{
    fg_graph *g = NULL;
    size_t len;
    assert_int_equal(fg_graph_new(&g, NULL), FG_OK);
    char *out = export_mem(g, FG_FORMAT_JSON, &len);
    json_t *root = json_loadb(out, len, 0, NULL);
    assert_non_null(root);
    assert_int_equal(json_array_size(json_object_get(root, "nodes")), 0);
    assert_int_equal(json_array_size(json_object_get(root, "links")), 0);
    json_decref(root);
    free(out);
    out = export_mem(g, FG_FORMAT_GRAPHML, &len);
    xmlDocPtr doc = xmlReadMemory(out, (int)len, "empty.graphml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlFreeDoc(doc);
    free(out);
    out = export_mem(g, FG_FORMAT_DOT, &len);
    Agraph_t *ag = agmemread(out);
    assert_non_null(ag);
    assert_int_equal(agnnodes(ag), 0);
    agclose(ag);
    free(out);
    fg_graph_free(g);
}

/* ---- GraphML ---------------------------------------------------------- */

static bool is_elem(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* Borrowed attribute value copy; caller xmlFree()s. */
static char *attr(xmlNodePtr n, const char *name)
{
    return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* The text of n's <data key="key">, or NULL. Caller xmlFree()s. */
static char *data_of(xmlNodePtr n, const char *key)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (!is_elem(c, "data"))
            continue;
        char *k = attr(c, "key");
        bool hit = k && strcmp(k, key) == 0;
        xmlFree(k);
        if (hit)
            return (char *)xmlNodeGetContent(c);
    }
    return NULL;
}

static void assert_data(xmlNodePtr n, const char *key, const char *want)
{
    char *v = data_of(n, key);
    if (!want) {
        assert_null(v);
        return;
    }
    assert_non_null(v);
    assert_string_equal(v, want);
    xmlFree(v);
}

/* The node element whose label is label. */
static xmlNodePtr node_labelled(xmlNodePtr graph, const char *label)
{
    for (xmlNodePtr c = graph->children; c; c = c->next) {
        if (!is_elem(c, "node"))
            continue;
        char *l = data_of(c, "label");
        bool hit = l && strcmp(l, label) == 0;
        xmlFree(l);
        if (hit)
            return c;
    }
    fail_msg("no node labelled %s", label);
    return NULL;
}

static void check_key(xmlNodePtr k)
{
    static const char *const types[] = {"boolean", "int", "long", "float", "double", "string"};
    char *id = attr(k, "id"), *dom = attr(k, "for"), *name = attr(k, "attr.name"),
         *type = attr(k, "attr.type");
    bool type_ok = false;
    assert_non_null(id);
    assert_non_null(dom);
    assert_non_null(name);
    assert_non_null(type);
    assert_true(strcmp(dom, "node") == 0 || strcmp(dom, "edge") == 0);
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        type_ok |= strcmp(type, types[i]) == 0;
    assert_true(type_ok);
    /* igraph loses node ids to a key named id; d3/d7 are Gephi's label keys */
    assert_string_not_equal(id, "id");
    assert_string_not_equal(name, "id");
    assert_string_not_equal(id, "d3");
    assert_string_not_equal(id, "d7");
    assert_null(strpbrk(name, " \t,\"'"));
    if (strcmp(name, "relation") == 0 || strcmp(name, "weight") == 0)
        assert_string_equal(dom, "edge");
    if (strcmp(dom, "edge") == 0)
        assert_string_not_equal(name, "type");
    xmlFree(id);
    xmlFree(dom);
    xmlFree(name);
    xmlFree(type);
}

static void test_graphml(void **state)
{
    const fg_graph *g = *state;
    size_t len;
    char *out = export_mem(g, FG_FORMAT_GRAPHML, &len);
    assert_clean_text(out, len);
    assert_true(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
    assert_null(strstr(out, "&#1;"));
    assert_null(strstr(out, "for=\"all\""));

    xmlDocPtr doc = xmlReadMemory(out, (int)len, "test.graphml", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_true(is_elem(root, "graphml"));
    assert_non_null(root->ns);
    assert_string_equal((const char *)root->ns->href, "http://graphml.graphdrawing.org/xmlns");

    xmlNodePtr graph = NULL;
    size_t nkeys = 0, ngraphs = 0;
    for (xmlNodePtr c = root->children; c; c = c->next) {
        if (is_elem(c, "key")) {
            assert_null(graph); /* every key before the graph */
            check_key(c);
            nkeys++;
        } else if (is_elem(c, "graph")) {
            graph = c;
            ngraphs++;
        }
    }
    assert_int_equal(ngraphs, 1);
    assert_int_equal(nkeys, 20);
    char *ed = attr(graph, "edgedefault");
    assert_string_equal(ed, "directed");
    xmlFree(ed);

    size_t nn = 0, ne = 0;
    for (xmlNodePtr c = graph->children; c; c = c->next) {
        nn += is_elem(c, "node");
        ne += is_elem(c, "edge");
    }
    assert_int_equal(nn, N_NODES);
    assert_int_equal(ne, N_EDGES);

    node_labelled(graph, HOSTILE);
    node_labelled(graph, CTRL_XML);
    node_labelled(graph, NEWLINE);
    node_labelled(graph, EMOJI);
    xmlNodePtr cjk = node_labelled(graph, CJK);
    assert_data(cjk, "n_type", "company");
    xmlNodePtr nv = node_labelled(graph, "NVIDIA");
    assert_data(nv, "n_mentions", "NVIDIA | エヌビディア");
    assert_data(nv, "n_documents", "2");
    assert_data(nv, "n_degree", "4");
    char *nv_id = attr(nv, "id"), *h20_id = attr(node_labelled(graph, "H20"), "id");

    size_t found = 0;
    for (xmlNodePtr c = graph->children; c; c = c->next) {
        if (!is_elem(c, "edge"))
            continue;
        char *src = attr(c, "source"), *dst = attr(c, "target"), *rel = data_of(c, "e_relation");
        if (strcmp(src, nv_id) == 0 && strcmp(dst, h20_id) == 0 && strcmp(rel, "develops") == 0) {
            found++;
            assert_data(c, "e_label", "develops");
            assert_data(c, "weight", "2.0");
            assert_data(c, "e_status", NULL);
            assert_data(c, "e_date_normalized", "2024-12");
            char *evs = data_of(c, "e_evidence");
            json_t *ev = json_loads(evs, 0, NULL);
            assert_non_null(ev);
            assert_int_equal(json_array_size(ev), 2);
            assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 1), "doc")),
                                "b.txt");
            json_decref(ev);
            xmlFree(evs);
        }
        if (strcmp(rel, "funds") == 0) {
            found++;
            assert_data(c, "e_amount", "16000000000");
            assert_data(c, "e_currency", "USD");
            assert_data(c, "e_status", "planned");
        }
        if (strcmp(rel, "orders") == 0 && strcmp(dst, h20_id) == 0) {
            found++;
            assert_data(c, "e_quantity", "230000");
            char *evs = data_of(c, "e_evidence");
            json_t *ev = json_loads(evs, 0, NULL);
            assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 0), "text")),
                                TRICKY_SENTENCE);
            json_decref(ev);
            xmlFree(evs);
        }
        if (strcmp(rel, "orders") == 0 && strcmp(dst, nv_id) == 0) {
            found++;
            assert_data(c, "e_amount", "NaN");
        }
        xmlFree(src);
        xmlFree(dst);
        xmlFree(rel);
    }
    assert_int_equal(found, 4);
    xmlFree(nv_id);
    xmlFree(h20_id);
    xmlFreeDoc(doc);
    free(out);
}

/* ---- DOT -------------------------------------------------------------- */

/* Undoes fg_dot_add_label for the escapes it writes (\\ and \n). Caller frees. */
static char *unescape_label(const char *s)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1), *p = out;
    assert_non_null(out);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && (s[i + 1] == '\\' || s[i + 1] == 'n')) {
            *p++ = s[i + 1] == 'n' ? '\n' : '\\';
            i++;
        } else {
            *p++ = s[i];
        }
    }
    *p = '\0';
    return out;
}

static Agnode_t *dot_node_labelled(Agraph_t *ag, const char *label)
{
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
        char *l = unescape_label(agget(n, (char *)"label"));
        bool hit = strcmp(l, label) == 0;
        free(l);
        if (hit)
            return n;
    }
    fail_msg("no DOT node labelled %s", label);
    return NULL;
}

static void test_dot(void **state)
{
    const fg_graph *g = *state;
    size_t len;
    char *out = export_mem(g, FG_FORMAT_DOT, &len);
    assert_clean_text(out, len);
    Agraph_t *ag = agmemread(out);
    if (!ag)
        fail_msg("cgraph cannot re-read our DOT:\n%s", out);
    assert_true(agisdirected(ag));
    assert_int_equal(agnnodes(ag), N_NODES);
    assert_int_equal(agnedges(ag), N_EDGES);
    assert_string_equal(agget(ag, (char *)"rankdir"), "LR");

    /* the trailing backslash survives: stored doubled, as escString wants */
    Agnode_t *h = dot_node_labelled(ag, HOSTILE);
    assert_string_equal(agget(h, (char *)"label"), "A \"B\" <C> & D\\\\");
    assert_string_equal(agget(h, (char *)"shape"), "folder");
    assert_string_equal(agnameof(h), "n2");
    Agnode_t *e = dot_node_labelled(ag, EMOJI);
    assert_string_equal(agget(e, (char *)"label"), "Rocket \xF0\x9F\x9A\x80 \\\\N \\\\\"x\"");
    Agnode_t *nl = dot_node_labelled(ag, NEWLINE);
    assert_string_equal(agget(nl, (char *)"label"), "line1\\nline2");
    dot_node_labelled(ag, CTRL_XML);
    dot_node_labelled(ag, CJK);
    Agnode_t *nv = dot_node_labelled(ag, "NVIDIA");
    assert_string_equal(agget(nv, (char *)"shape"), "box");
    assert_string_equal(agget(nv, (char *)"fontname"), "Noto Sans CJK JP");
    Agnode_t *h20 = dot_node_labelled(ag, "H20");
    assert_string_equal(agget(h20, (char *)"shape"), "ellipse");

    size_t found = 0;
    for (Agedge_t *ed = agfstout(ag, nv); ed; ed = agnxtout(ag, ed)) {
        const char *label = agget(ed, (char *)"label");
        if (aghead(ed) == h20 && strcmp(label, "develops") == 0) {
            found++;
            assert_string_equal(agget(ed, (char *)"penwidth"), "1.5");
            assert_string_equal(agget(ed, (char *)"weight"), "2");
        }
        if (aghead(ed) == h20 && strcmp(label, "supplies") == 0)
            found++;
    }
    assert_int_equal(found, 2); /* two types between one pair stay two edges */
    for (Agedge_t *ed = agfstin(ag, nv); ed; ed = agnxtin(ag, ed)) {
        if (agtail(ed) == h) {
            found++;
            assert_string_equal(agget(ed, (char *)"label"), "funds\\n16000000000 USD");
            assert_string_equal(agget(ed, (char *)"style"), "dashed");
        }
    }
    assert_int_equal(found, 3);
    agclose(ag);
    free(out);
}

/* ---- failures and the atomic write ------------------------------------ */

static void test_write_error(void **state)
{
    const fg_graph *g = *state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    for (int fmt = FG_FORMAT_JSON; fmt <= FG_FORMAT_DOT; fmt++) {
        fg_error err = {0};
        FILE *f = fopen("/dev/full", "w");
        assert_non_null(f);
        assert_int_equal(fg_export_write(g, (fg_format)fmt, f, &err), FG_EIO);
        assert_int_equal(err.code, FG_EIO);
        fclose(f);
        /* a device is written in place, not renamed over */
        fg_error_clear(&err);
        assert_int_equal(fg_export_to_path(g, (fg_format)fmt, "/dev/full", &err), FG_EIO);
        assert_string_equal(err.source, "/dev/full");
    }
    struct stat sb;
    assert_int_equal(stat("/dev/full", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
}

/* Entries in dir other than . and .., each name preceded by '/'. */
static size_t list_dir(const char *dir, char *names, size_t size)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    size_t n = 0;
    fg_buf b;
    fg_buf_init(&b, 0);
    assert_non_null(d);
    while ((de = readdir(d))) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        n++;
        assert_int_equal(fg_buf_printf(&b, NULL, "/%s", de->d_name), FG_OK);
    }
    closedir(d);
    snprintf(names, size, "%s", b.ptr);
    fg_buf_release(&b);
    return n;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t n = 0;
    assert_non_null(f);
    FILE *m = open_memstream(&buf, &n);
    int c;
    while ((c = getc(f)) != EOF)
        putc(c, m);
    fclose(f);
    fclose(m);
    *len = n;
    return buf;
}

static void test_to_path(void **state)
{
    const fg_graph *g = *state;
    char dir[] = "/tmp/fg_export_XXXXXX", path[512], names[512];
    fg_error err = {0};
    struct stat sb;
    size_t len, want_len;

    assert_non_null(mkdtemp(dir));

    /* a missing directory: FG_EIO, and nothing is created anywhere */
    snprintf(path, sizeof(path), "%s/missing/graph.json", dir);
    assert_int_equal(fg_export_to_path(g, FG_FORMAT_JSON, path, &err), FG_EIO);
    assert_int_equal(err.code, FG_EIO);
    assert_string_equal(err.source, path);
    assert_int_equal(list_dir(dir, names, sizeof(names)), 0);

    /* success: the file holds exactly what the writer writes; no temp left */
    snprintf(path, sizeof(path), "%s/graph.json", dir);
    fg_error_clear(&err);
    assert_int_equal(fg_export_to_path(g, FG_FORMAT_JSON, path, &err), FG_OK);
    char *got = slurp(path, &len), *want = export_mem(g, FG_FORMAT_JSON, &want_len);
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, len);
    free(got);
    free(want);
    assert_int_equal(list_dir(dir, names, sizeof(names)), 1);
    assert_string_equal(names, "/graph.json");

    /* replacing a file keeps its mode */
    assert_int_equal(chmod(path, 0640), 0);
    assert_int_equal(fg_export_to_path(g, FG_FORMAT_GRAPHML, path, &err), FG_OK);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0640);
    got = slurp(path, &len);
    assert_true(strncmp(got, "<?xml", 5) == 0);
    free(got);
    assert_int_equal(list_dir(dir, names, sizeof(names)), 1);

    /* through a symlink: the target is replaced, the link stays a link */
    char link[512];
    snprintf(link, sizeof(link), "%s/link.dot", dir);
    assert_int_equal(symlink("graph.json", link), 0);
    assert_int_equal(fg_export_to_path(g, FG_FORMAT_DOT, link, &err), FG_OK);
    assert_int_equal(lstat(link, &sb), 0);
    assert_true(S_ISLNK(sb.st_mode));
    got = slurp(path, &len);
    assert_true(strncmp(got, "digraph", 7) == 0);
    free(got);
    assert_int_equal(list_dir(dir, names, sizeof(names)), 2);
    unlink(link);

    /* a directory in the way: FG_EIO, the directory and the folder untouched */
    char sub[512];
    snprintf(sub, sizeof(sub), "%s/sub", dir);
    assert_int_equal(mkdir(sub, 0755), 0);
    fg_error_clear(&err);
    assert_int_equal(fg_export_to_path(g, FG_FORMAT_JSON, sub, &err), FG_EIO);
    assert_int_equal(stat(sub, &sb), 0);
    assert_true(S_ISDIR(sb.st_mode));
    assert_int_equal(list_dir(sub, names, sizeof(names)), 0);
    assert_int_equal(list_dir(dir, names, sizeof(names)), 2);

    /* a new file gets the umask's mode, not mkstemp's 0600 */
    snprintf(path, sizeof(path), "%s/new.graphml", dir);
    mode_t old = umask(022);
    assert_int_equal(fg_export_to_path(g, FG_FORMAT_GRAPHML, path, &err), FG_OK);
    umask(old);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0644);

    unlink(path);
    snprintf(path, sizeof(path), "%s/graph.json", dir);
    unlink(path);
    rmdir(sub);
    assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_names),
        cmocka_unit_test(test_fmt_double),
        cmocka_unit_test(test_fmt_double_locale),
        cmocka_unit_test(test_escapers),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_json_empty_graph),
        cmocka_unit_test(test_graphml),
        cmocka_unit_test(test_dot),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_to_path),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
