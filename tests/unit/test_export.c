/* test_export.c - the writers (JSON node-link, Cytoscape JSON, GraphML, GEXF,
 * CSV, DOT, SVG/PNG), read back by the libraries real clients use (jansson,
 * libxml2, cgraph, a small RFC 4180 reader), and the atomic write.
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

#include "dot_int.h"
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
    assert_int_equal(fg_format_parse(&f, "gexf", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_GEXF);
    assert_int_equal(fg_format_parse(&f, "cytoscape", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_CYTOSCAPE);
    assert_int_equal(fg_format_parse(&f, "csv", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_CSV);
    assert_int_equal(fg_format_parse(&f, "svg", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_SVG);
    assert_int_equal(fg_format_parse(&f, "png", NULL), FG_OK);
    assert_int_equal(f, FG_FORMAT_PNG);
    assert_int_equal(fg_format_parse(&f, "xml", &err), FG_EINVAL);
    assert_int_equal(err.code, FG_EINVAL);
    assert_non_null(strstr(err.text, "'xml'"));
    assert_int_equal(fg_format_parse(&f, "JSON", NULL), FG_EINVAL);
    assert_string_equal(fg_format_name(FG_FORMAT_GRAPHML), "graphml");
    assert_string_equal(fg_format_ext(FG_FORMAT_DOT), "dot");
    assert_string_equal(fg_format_ext(FG_FORMAT_JSON), "json");
    assert_string_equal(fg_format_ext(FG_FORMAT_CYTOSCAPE), "cyjs");
    assert_string_equal(fg_format_name(FG_FORMAT_CYTOSCAPE), "cytoscape");
    assert_true(fg_format_is_rendered(FG_FORMAT_PNG));
    assert_false(fg_format_is_rendered(FG_FORMAT_DOT));

    fg_gexf_version v;
    assert_int_equal(fg_gexf_version_parse(&v, "1.3", NULL), FG_OK);
    assert_int_equal(v, FG_GEXF_1_3);
    assert_int_equal(fg_gexf_version_parse(&v, "1.2draft", NULL), FG_OK);
    assert_int_equal(v, FG_GEXF_1_2DRAFT);
    assert_int_equal(fg_gexf_version_parse(&v, "1.1", NULL), FG_EINVAL);
    fg_layout l;
    assert_int_equal(fg_layout_parse(&l, "sfdp", NULL), FG_OK);
    assert_int_equal(l, FG_LAYOUT_SFDP);
    assert_int_equal(fg_layout_parse(&l, "neato", NULL), FG_OK);
    assert_int_equal(l, FG_LAYOUT_NEATO);
    assert_int_equal(fg_layout_parse(&l, "circo", NULL), FG_EINVAL);
    assert_string_equal(fg_layout_name(FG_LAYOUT_DOT), "dot");
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
    assert_int_equal(nkeys, 25);
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
    /* Gephi's colour: company blue (style.c), bare integers */
    assert_data(nv, "r", "78");
    assert_data(nv, "g", "121");
    assert_data(nv, "b", "167");
    assert_data(node_labelled(graph, EMOJI), "r", "176"); /* model */
    /* size by PageRank: between 10 and 50, the largest PageRank gets 50 */
    char *sz = data_of(nv, "size");
    assert_non_null(sz);
    assert_true(strtod(sz, NULL) >= 10.0 && strtod(sz, NULL) <= 50.0);
    xmlFree(sz);
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
            assert_data(c, "e_evidence_summary", "a.txt#0: NVIDIAはH20を開発した。 (+1 more)");
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

static bool is_legend(Agnode_t *n)
{
    return strncmp(agnameof(n), "legend_", 7) == 0;
}

static Agnode_t *dot_node_labelled(Agraph_t *ag, const char *label)
{
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
        if (is_legend(n))
            continue;
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
    size_t len, nodes = 0, edges = 0;
    char *out = export_mem(g, FG_FORMAT_DOT, &len);
    assert_clean_text(out, len);
    Agraph_t *ag = agmemread(out);
    if (!ag)
        fail_msg("cgraph cannot re-read our DOT:\n%s", out);
    assert_true(agisdirected(ag));
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n)) {
        if (is_legend(n))
            continue;
        nodes++;
        for (Agedge_t *e = agfstout(ag, n); e; e = agnxtout(ag, e))
            edges++;
    }
    assert_int_equal(nodes, N_NODES);
    assert_int_equal(edges, N_EDGES);
    assert_string_equal(agget(ag, (char *)"rankdir"), "LR");
    assert_null(agget(ag, (char *)"layout")); /* only when asked for */

    /* the legend: the five types present, in SCHEMA.md's order, and a note
     * that explains the dashes (one fact is planned) */
    Agraph_t *legend = agsubg(ag, (char *)"cluster_legend", 0);
    assert_non_null(legend);
    static const char *const present[] = {"company", "chip", "person", "model", "organization"};
    for (size_t i = 0; i < 5; i++) {
        char name[64];
        snprintf(name, sizeof(name), "legend_%s", present[i]);
        Agnode_t *ln = agnode(legend, name, 0);
        if (!ln)
            fail_msg("legend entry %s missing", name);
        assert_string_equal(agget(ln, (char *)"label"), present[i]);
        /* in order, and not chained: dot stacks them without help */
        assert_null(agfstout(ag, ln));
    }
    assert_null(agnode(legend, (char *)"legend_government", 0));
    assert_null(agnode(legend, (char *)"legend_place", 0));
    Agnode_t *note = agnode(legend, (char *)"legend_note", 0);
    assert_non_null(note);
    assert_non_null(strstr(agget(note, (char *)"label"), "dashed"));
    assert_string_equal(agget(agnode(legend, (char *)"legend_chip", 0), (char *)"shape"),
                        "octagon");

    /* the trailing backslash survives: stored doubled, as escString wants */
    Agnode_t *h = dot_node_labelled(ag, HOSTILE);
    assert_string_equal(agget(h, (char *)"label"), "A \"B\" <C> & D\\\\");
    assert_string_equal(agget(h, (char *)"shape"), "folder");
    assert_string_equal(agnameof(h), "n2");
    Agnode_t *e = dot_node_labelled(ag, EMOJI);
    assert_string_equal(agget(e, (char *)"label"), "Rocket \xF0\x9F\x9A\x80 \\\\N \\\\\"x\"");
    assert_string_equal(agget(e, (char *)"shape"), "component");
    Agnode_t *nl = dot_node_labelled(ag, NEWLINE);
    assert_string_equal(agget(nl, (char *)"label"), "line1\\nline2");
    dot_node_labelled(ag, CTRL_XML);
    dot_node_labelled(ag, CJK);
    Agnode_t *nv = dot_node_labelled(ag, "NVIDIA");
    assert_string_equal(agget(nv, (char *)"shape"), "box");
    assert_string_equal(agget(nv, (char *)"style"), "filled,rounded");
    assert_string_equal(agget(nv, (char *)"fillcolor"), "#c6d4e3");
    assert_string_equal(agget(nv, (char *)"color"), "#4e79a7");
    assert_string_equal(agget(nv, (char *)"fontname"), "Noto Sans CJK JP");
    assert_string_equal(agget(nv, (char *)"tooltip"), "company \xC2\xB7 NVIDIA / エヌビディア");
    Agnode_t *h20 = dot_node_labelled(ag, "H20");
    assert_string_equal(agget(h20, (char *)"shape"), "octagon");
    /* bigger label for more PageRank: H20 takes the most facts in */
    double fs_h20 = strtod(agget(h20, (char *)"fontsize"), NULL);
    double fs_emoji = strtod(agget(e, (char *)"fontsize"), NULL);
    assert_true(fs_h20 > fs_emoji);
    assert_true(fs_emoji >= 10.0 && fs_h20 <= 20.0);

    size_t found = 0;
    for (Agedge_t *ed = agfstout(ag, nv); ed; ed = agnxtout(ag, ed)) {
        const char *label = agget(ed, (char *)"label");
        if (aghead(ed) == h20 && strcmp(label, "develops") == 0) {
            found++;
            assert_string_equal(agget(ed, (char *)"penwidth"), "1.5");
            assert_string_equal(agget(ed, (char *)"weight"), "2");
            assert_string_equal(agget(ed, (char *)"color"), "#7d3c98");
            assert_string_equal(agget(ed, (char *)"fontcolor"), "#7d3c98");
            assert_string_equal(agget(ed, (char *)"tooltip"),
                                "a.txt#0: NVIDIAはH20を開発した。 (+1 more)");
        }
        if (aghead(ed) == h20 && strcmp(label, "supplies") == 0)
            found++;
    }
    assert_int_equal(found, 2); /* two types between one pair stay two edges */
    for (Agedge_t *ed = agfstin(ag, nv); ed; ed = agnxtin(ag, ed)) {
        if (agtail(ed) == h) {
            found++;
            assert_string_equal(agget(ed, (char *)"label"), "funds\\n16 bn USD");
            assert_string_equal(agget(ed, (char *)"style"), "dashed");
        }
    }
    assert_int_equal(found, 3);
    agclose(ag);
    free(out);
}

/* A layout and a title reach the DOT text as graph attributes. */
static void test_dot_opts(void **state)
{
    const fg_graph *g = *state;
    fg_export_opts o = FG_EXPORT_OPTS_INIT;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    o.layout = FG_LAYOUT_NEATO;
    o.title = "ego: NVIDIA \\ 1";
    assert_int_equal(fg_export_write_opts(g, FG_FORMAT_DOT, &o, f, NULL), FG_OK);
    fclose(f);
    Agraph_t *ag = agmemread(buf);
    assert_non_null(ag);
    assert_string_equal(agget(ag, (char *)"layout"), "neato");
    assert_string_equal(agget(ag, (char *)"pack"), "true");
    assert_string_equal(agget(ag, (char *)"label"), "ego: NVIDIA \\\\ 1");
    /* neato ignores clusters: the legend entries are chained, in order */
    Agedge_t *chain = agfstout(ag, agnode(ag, (char *)"legend_company", 0));
    assert_non_null(chain);
    assert_string_equal(agnameof(aghead(chain)), "legend_chip");
    assert_string_equal(agget(chain, (char *)"style"), "invis");
    assert_string_equal(agget(ag, (char *)"labelloc"), "t");
    agclose(ag);
    free(buf);
}

/* ---- failures and the atomic write ------------------------------------ */

static void test_write_error(void **state)
{
    const fg_graph *g = *state;
    if (access("/dev/full", W_OK) != 0)
        skip();
    for (int fmt = FG_FORMAT_JSON; fmt <= FG_FORMAT_PNG; fmt++) {
        fg_error err = {0};
        FILE *f = fopen("/dev/full", "w");
        assert_non_null(f);
        assert_int_equal(fg_export_write(g, (fg_format)fmt, f, &err), FG_EIO);
        assert_int_equal(err.code, FG_EIO);
        fclose(f);
        if (fmt == FG_FORMAT_CSV) /* two files, named after the path: below */
            continue;
        /* a device is written in place, not renamed over */
        fg_error_clear(&err);
        assert_int_equal(fg_export_to_path(g, (fg_format)fmt, "/dev/full", &err), FG_EIO);
        assert_string_equal(err.source, "/dev/full");
    }
    struct stat sb;
    assert_int_equal(stat("/dev/full", &sb), 0);
    assert_true(S_ISCHR(sb.st_mode));
}

/* ---- GEXF -------------------------------------------------------------- */

/* The first child element of n named name, or NULL. */
static xmlNodePtr child(xmlNodePtr n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (is_elem(c, name))
            return c;
    return NULL;
}

/* The value of n's <attvalue for="id">, or NULL. Caller xmlFree()s. */
static char *attvalue(xmlNodePtr n, const char *id)
{
    for (xmlNodePtr c = child(child(n, "attvalues"), "attvalue"); c; c = c->next) {
        if (!is_elem(c, "attvalue"))
            continue;
        char *f = attr(c, "for");
        bool hit = f && strcmp(f, id) == 0;
        xmlFree(f);
        if (hit)
            return attr(c, "value");
    }
    return NULL;
}

static void assert_attvalue(xmlNodePtr n, const char *id, const char *want)
{
    char *v = attvalue(n, id);
    if (!want) {
        assert_null(v);
        return;
    }
    if (!v)
        fail_msg("no attvalue %s", id);
    assert_string_equal(v, want);
    xmlFree(v);
}

static void assert_attr(xmlNodePtr n, const char *name, const char *want)
{
    char *v = attr(n, name);
    if (!want) {
        assert_null(v);
        return;
    }
    if (!v)
        fail_msg("no attribute %s", name);
    assert_string_equal(v, want);
    xmlFree(v);
}

static xmlNodePtr gexf_node_labelled(xmlNodePtr nodes, const char *label)
{
    for (xmlNodePtr c = nodes->children; c; c = c->next) {
        if (!is_elem(c, "node"))
            continue;
        char *l = attr(c, "label");
        bool hit = l && strcmp(l, label) == 0;
        xmlFree(l);
        if (hit)
            return c;
    }
    fail_msg("no GEXF node labelled %s", label);
    return NULL;
}

static void check_gexf(const fg_graph *g, fg_gexf_version version)
{
    bool v13 = version == FG_GEXF_1_3;
    const char *ns = v13 ? "http://gexf.net/1.3" : "http://www.gexf.net/1.2draft";
    const char *viz = v13 ? "http://gexf.net/1.3/viz" : "http://www.gexf.net/1.2draft/viz";
    fg_export_opts o = FG_EXPORT_OPTS_INIT;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    o.gexf_version = version;
    assert_int_equal(fg_export_write_opts(g, FG_FORMAT_GEXF, &o, f, NULL), FG_OK);
    fclose(f);
    assert_clean_text(out, len);
    assert_null(strstr(out, "schemaLocation")); /* the 1.3 RNG rejects it */

    xmlDocPtr doc = xmlReadMemory(out, (int)len, "test.gexf", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    assert_true(is_elem(root, "gexf"));
    assert_string_equal((const char *)root->ns->href, ns);
    assert_attr(root, "version", v13 ? "1.3" : "1.2");
    xmlNsPtr vns = xmlSearchNs(doc, root, (const xmlChar *)"viz");
    assert_non_null(vns);
    assert_string_equal((const char *)vns->href, viz);

    xmlNodePtr graph = child(root, "graph");
    assert_attr(graph, "defaultedgetype", "directed");
    size_t nattr = 0;
    for (xmlNodePtr c = graph->children; c; c = c->next) {
        if (!is_elem(c, "attributes"))
            continue;
        for (xmlNodePtr a = c->children; a; a = a->next) {
            if (!is_elem(a, "attribute"))
                continue;
            char *type = attr(a, "type");
            /* what NetworkX 2.8 knows */
            assert_true(strcmp(type, "string") == 0 || strcmp(type, "integer") == 0 ||
                        strcmp(type, "double") == 0);
            xmlFree(type);
            nattr++;
        }
    }
    assert_int_equal(nattr, 9 + 9);
    xmlNodePtr nodes = child(graph, "nodes"), edges = child(graph, "edges");
    size_t nn = 0, ne = 0;
    for (xmlNodePtr c = nodes->children; c; c = c->next)
        nn += is_elem(c, "node");
    for (xmlNodePtr c = edges->children; c; c = c->next)
        ne += is_elem(c, "edge");
    assert_int_equal(nn, N_NODES);
    assert_int_equal(ne, N_EDGES);
    assert_attr(nodes, "count", "7");

    /* names in attributes keep quotes, <>&, backslashes and line breaks */
    gexf_node_labelled(nodes, HOSTILE);
    gexf_node_labelled(nodes, NEWLINE);
    gexf_node_labelled(nodes, EMOJI);
    gexf_node_labelled(nodes, CTRL_XML);
    xmlNodePtr nv = gexf_node_labelled(nodes, "NVIDIA");
    assert_attvalue(nv, "type", "company");
    assert_attvalue(nv, "mentions", "NVIDIA | エヌビディア");
    assert_attvalue(nv, "documents", "2");
    assert_attvalue(nv, "degree", "4");
    xmlNodePtr color = child(nv, "color");
    assert_non_null(color);
    assert_string_equal((const char *)color->ns->href, viz);
    assert_attr(color, "r", "78");
    assert_attr(color, "g", "121");
    assert_attr(color, "b", "167");
    char *size = attr(child(nv, "size"), "value");
    assert_true(strtod(size, NULL) >= 10.0 && strtod(size, NULL) <= 50.0);
    xmlFree(size);
    char *nv_id = attr(nv, "id"), *h20_id = attr(gexf_node_labelled(nodes, "H20"), "id");
    char *cjk_id = attr(gexf_node_labelled(nodes, CJK), "id");

    size_t found = 0;
    for (xmlNodePtr c = edges->children; c; c = c->next) {
        if (!is_elem(c, "edge"))
            continue;
        char *id = attr(c, "id"), *src = attr(c, "source"), *dst = attr(c, "target");
        char *rel = attvalue(c, "relation");
        assert_non_null(id); /* required in 1.2draft */
        assert_attr(c, "label", rel);
        assert_attr(c, "kind", v13 ? rel : NULL);
        assert_non_null(child(c, "color"));
        if (strcmp(src, nv_id) == 0 && strcmp(dst, h20_id) == 0) {
            found++; /* develops and supplies: both kept */
            if (strcmp(rel, "develops") == 0) {
                assert_attr(c, "weight", "2.0");
                assert_attvalue(c, "date_normalized", "2024-12");
                assert_attvalue(c, "evidence_summary",
                                "a.txt#0: NVIDIAはH20を開発した。 (+1 more)");
            }
        }
        if (strcmp(rel, "funds") == 0) {
            found++;
            assert_attvalue(c, "amount", "16000000000");
            assert_attvalue(c, "status", "planned");
        }
        if (strcmp(src, cjk_id) == 0 && strcmp(dst, h20_id) == 0) {
            found++;
            char *evs = attvalue(c, "evidence");
            json_t *ev = json_loads(evs, 0, NULL);
            assert_non_null(ev);
            /* TAB and LF survived attribute-value normalisation */
            assert_string_equal(json_string_value(json_object_get(json_array_get(ev, 0), "text")),
                                TRICKY_SENTENCE);
            json_decref(ev);
            xmlFree(evs);
            assert_attvalue(c, "quantity", "230000");
        }
        if (strcmp(src, cjk_id) == 0 && strcmp(dst, nv_id) == 0) {
            found++;
            assert_attvalue(c, "amount", NULL); /* NaN has no GEXF spelling */
            assert_attvalue(c, "currency", "JPY");
        }
        xmlFree(id);
        xmlFree(src);
        xmlFree(dst);
        xmlFree(rel);
    }
    assert_int_equal(found, 5);
    xmlFree(nv_id);
    xmlFree(h20_id);
    xmlFree(cjk_id);
    xmlFreeDoc(doc);
    free(out);
}

static void test_gexf(void **state)
{
    check_gexf(*state, FG_GEXF_1_3);
    check_gexf(*state, FG_GEXF_1_2DRAFT);
    fg_error err = {0};
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    assert_int_equal(fg_export_gexf(*state, (fg_gexf_version)7, f, &err), FG_EINVAL);
    fclose(f);
    free(buf);
}

/* ---- Cytoscape ---------------------------------------------------------- */

static void test_cytoscape(void **state)
{
    const fg_graph *g = *state;
    size_t len;
    char *out = export_mem(g, FG_FORMAT_CYTOSCAPE, &len);
    json_error_t jerr;
    json_t *root = json_loadb(out, len, 0, &jerr);
    if (!root)
        fail_msg("json: %d:%d: %s", jerr.line, jerr.column, jerr.text);
    assert_clean_text(out, len);
    assert_true(json_is_true(json_object_get(root, "directed")));
    assert_true(json_is_true(json_object_get(root, "multigraph")));
    assert_int_equal(int_at(json_object_get(root, "data"), "documents"), 2);
    json_t *els = json_object_get(root, "elements");
    json_t *nodes = json_object_get(els, "nodes"), *edges = json_object_get(els, "edges");
    assert_int_equal(json_array_size(nodes), N_NODES);
    assert_int_equal(json_array_size(edges), N_EDGES);

    /* data.id unique across nodes and edges; value = id (NetworkX's key) */
    json_t *seen = json_object();
    size_t i;
    json_t *el;
    json_t *names = json_object(); /* node id -> canonical name */
    json_array_foreach(nodes, i, el) {
        json_t *d = json_object_get(el, "data");
        const char *id = str_at(d, "id");
        assert_string_equal(str_at(d, "value"), id);
        assert_null(json_object_get(seen, id));
        json_object_set_new(seen, id, json_true());
        json_object_set(names, id, json_object_get(d, "name"));
        assert_true(json_is_real(json_object_get(d, "size")));
        assert_int_equal(strlen(str_at(d, "color")), 7);
    }
    json_t *dev = NULL;
    json_array_foreach(edges, i, el) {
        json_t *d = json_object_get(el, "data");
        const char *id = str_at(d, "id");
        assert_string_equal(str_at(d, "key"), id);
        assert_null(json_object_get(seen, id));
        json_object_set_new(seen, id, json_true());
        /* endpoints name nodes that exist */
        assert_non_null(json_object_get(names, str_at(d, "source")));
        assert_non_null(json_object_get(names, str_at(d, "target")));
        assert_string_equal(str_at(d, "interaction"), str_at(d, "relation"));
        const char *src = json_string_value(json_object_get(names, str_at(d, "source")));
        if (strcmp(src, "NVIDIA") == 0 && strcmp(str_at(d, "relation"), "develops") == 0)
            dev = d;
    }
    assert_non_null(dev);
    assert_int_equal(int_at(dev, "weight"), 2);
    assert_string_equal(str_at(dev, "color"), "#7d3c98");
    assert_int_equal(json_array_size(json_object_get(dev, "evidence")), 2);
    assert_string_equal(str_at(dev, "evidence_summary"),
                        "a.txt#0: NVIDIAはH20を開発した。 (+1 more)");

    /* every hostile name round-trips exactly: JSON carries them all */
    static const char *const hostile[] = {HOSTILE, CTRL, NEWLINE, CJK, EMOJI};
    for (size_t k = 0; k < 5; k++) {
        bool hit = false;
        json_array_foreach(nodes, i, el) {
            json_t *d = json_object_get(el, "data");
            if (strcmp(str_at(d, "name"), hostile[k]) == 0) {
                hit = true;
                assert_string_equal(str_at(d, "label"), hostile[k]);
            }
        }
        if (!hit)
            fail_msg("no cytoscape node named %s", hostile[k]);
    }
    json_decref(names);
    json_decref(seen);
    json_decref(root);
    free(out);
}

/* ---- CSV ---------------------------------------------------------------- */

/* A strict RFC 4180 reader: records end in CRLF, quoted fields may hold
 * anything with '"' doubled. rows[r][c] are malloc'd strings; returns the
 * number of rows. */
#define CSV_MAX_ROWS 16
#define CSV_MAX_COLS 20
typedef char *csv_rows[CSV_MAX_ROWS][CSV_MAX_COLS];

static size_t read_csv(csv_rows rows, size_t *ncols, const char *s, size_t len)
{
    size_t r = 0, c = 0, i = 0;
    memset(rows, 0, sizeof(csv_rows));
    while (i < len) {
        fg_buf b;
        fg_buf_init(&b, 0);
        if (s[i] == '"') {
            for (i++;; i++) {
                assert_true(i < len);
                if (s[i] == '"' && i + 1 < len && s[i + 1] == '"') {
                    fg_buf_addc(&b, '"', NULL);
                    i++;
                } else if (s[i] == '"') {
                    i++;
                    break;
                } else {
                    fg_buf_addc(&b, s[i], NULL);
                }
            }
        } else {
            while (i < len && s[i] != ',' && s[i] != '\r') {
                assert_true(s[i] != '"' && s[i] != '\n');
                fg_buf_addc(&b, s[i++], NULL);
            }
        }
        assert_true(r < CSV_MAX_ROWS && c < CSV_MAX_COLS);
        rows[r][c++] = fg_buf_detach(&b, NULL);
        assert_true(i < len);
        if (s[i] == ',') {
            i++;
        } else {
            assert_true(s[i] == '\r' && i + 1 < len && s[i + 1] == '\n');
            i += 2;
            if (r == 0)
                *ncols = c;
            else
                assert_int_equal(c, *ncols);
            r++;
            c = 0;
        }
    }
    assert_int_equal(c, 0); /* the last record ends in CRLF */
    return r;
}

static void free_csv(csv_rows rows)
{
    for (size_t r = 0; r < CSV_MAX_ROWS; r++)
        for (size_t c = 0; c < CSV_MAX_COLS; c++)
            free(rows[r][c]);
}

static size_t col(csv_rows rows, size_t ncols, const char *name)
{
    for (size_t c = 0; c < ncols; c++)
        if (strcmp(rows[0][c], name) == 0)
            return c;
    fail_msg("no column %s", name);
    return 0;
}

static void test_csv(void **state)
{
    const fg_graph *g = *state;
    fg_export_opts o = FG_EXPORT_OPTS_INIT;
    csv_rows rows;
    size_t ncols = 0, len = 0;
    char *out = NULL;
    FILE *f = open_memstream(&out, &len);
    assert_int_equal(fg_export_write_opts(g, FG_FORMAT_CSV, &o, f, NULL), FG_OK);
    fclose(f);
    assert_int_equal(fg_utf8_validate(out, len), len);
    assert_true(strncmp(out, "Id,Label,type,", 14) == 0); /* no BOM */
    assert_int_equal(read_csv(rows, &ncols, out, len), 1 + N_NODES);
    assert_int_equal(ncols, 11);
    size_t id = col(rows, ncols, "Id"), label = col(rows, ncols, "Label"),
           type = col(rows, ncols, "type"), pr = col(rows, ncols, "pagerank");
    /* every name exactly, control character and line break included */
    static const char *const hostile[] = {HOSTILE, CTRL, NEWLINE, CJK, EMOJI};
    for (size_t k = 0; k < 5; k++) {
        bool hit = false;
        for (size_t r = 1; r <= N_NODES; r++)
            hit |= strcmp(rows[r][id], hostile[k]) == 0 && strcmp(rows[r][label], hostile[k]) == 0;
        if (!hit)
            fail_msg("no csv node %s", hostile[k]);
    }
    assert_string_equal(rows[1][id], "NVIDIA");
    assert_string_equal(rows[1][type], "company");
    assert_string_equal(rows[1][col(rows, ncols, "mentions")], "NVIDIA | エヌビディア");
    assert_string_equal(rows[1][col(rows, ncols, "degree")], "4");
    assert_true(strtod(rows[1][pr], NULL) > 0);
    free_csv(rows);
    free(out);

    o.csv_table = FG_CSV_EDGES;
    out = NULL;
    f = open_memstream(&out, &len);
    assert_int_equal(fg_export_write_opts(g, FG_FORMAT_CSV, &o, f, NULL), FG_OK);
    fclose(f);
    assert_int_equal(read_csv(rows, &ncols, out, len), 1 + N_EDGES);
    static const char *const head[] = {"Source", "Target", "Type", "Kind", "Id", "Label",
                                       "Weight", "relation"};
    for (size_t c = 0; c < 8; c++)
        assert_string_equal(rows[0][c], head[c]);
    size_t found = 0;
    for (size_t r = 1; r <= N_EDGES; r++) {
        const char *src = rows[r][0], *dst = rows[r][1], *rel = rows[r][7];
        assert_string_equal(rows[r][2], "Directed");
        assert_string_equal(rows[r][3], rel);
        assert_string_equal(rows[r][5], rel);
        if (strcmp(src, "NVIDIA") == 0 && strcmp(dst, "H20") == 0 &&
            strcmp(rel, "develops") == 0) {
            found++;
            assert_string_equal(rows[r][6], "2");
            assert_string_equal(rows[r][col(rows, ncols, "status")], "");
            assert_string_equal(rows[r][col(rows, ncols, "date_normalized")], "2024-12");
            json_t *ev = json_loads(rows[r][col(rows, ncols, "evidence")], 0, NULL);
            assert_int_equal(json_array_size(ev), 2);
            json_decref(ev);
        }
        if (strcmp(src, HOSTILE) == 0) {
            found++;
            assert_string_equal(rel, "funds");
            assert_string_equal(rows[r][col(rows, ncols, "amount")], "16000000000");
            assert_string_equal(rows[r][col(rows, ncols, "currency")], "USD");
            assert_string_equal(rows[r][col(rows, ncols, "status")], "planned");
        }
        if (strcmp(src, CJK) == 0 && strcmp(dst, "NVIDIA") == 0) {
            found++;
            assert_string_equal(rows[r][col(rows, ncols, "amount")], "");
            assert_string_equal(rows[r][col(rows, ncols, "currency")], "JPY");
        }
        if (strcmp(src, CTRL) == 0) {
            found++;
            assert_string_equal(dst, NEWLINE);
        }
    }
    assert_int_equal(found, 4);
    free_csv(rows);
    free(out);
}

static void test_csv_path(void **state)
{
    char dir[] = "/tmp/fg_csvpath_XXXXXX", want[128], *p = NULL;
    assert_int_equal(fg_export_csv_path(&p, "out/g.csv", FG_CSV_NODES, NULL), FG_OK);
    assert_string_equal(p, "out/g.nodes.csv");
    free(p);
    assert_int_equal(fg_export_csv_path(&p, "out/g", FG_CSV_EDGES, NULL), FG_OK);
    assert_string_equal(p, "out/g.edges.csv");
    free(p);
    assert_int_equal(fg_export_csv_path(&p, "out/", FG_CSV_EDGES, NULL), FG_OK);
    assert_string_equal(p, "out/edges.csv");
    free(p);
    assert_non_null(mkdtemp(dir));
    assert_int_equal(fg_export_csv_path(&p, dir, FG_CSV_NODES, NULL), FG_OK);
    snprintf(want, sizeof(want), "%s/nodes.csv", dir);
    assert_string_equal(p, want);
    free(p);
    rmdir(dir);
}

/* ---- rendering -------------------------------------------------------- */

/* A graph of n nodes in a chain with m edges (m >= n - 1: the rest are
 * chords a -> a + 2.., all distinct while m < 3n), for the size policy. */
static fg_graph *chain_graph(size_t n, size_t m)
{
    fg_graph *g = NULL;
    fg_fact *f = calloc(m, sizeof(*f));
    char(*ids)[32] = calloc(n, sizeof(*ids));
    assert_non_null(f);
    assert_non_null(ids);
    for (size_t i = 0; i < n; i++)
        snprintf(ids[i], sizeof(ids[i]), "node%zu", i);
    for (size_t k = 0; k < m; k++) {
        size_t a = k < n - 1 ? k : k % n, b = k < n - 1 ? k + 1 : (a + 2 + k / n) % n;
        f[k] = fact(k % 2 ? "orders" : "supplies", ids[a], "company", ids[b], "company", k,
                    "s");
    }
    fg_extraction x = {NULL, 0, f, m};
    assert_int_equal(fg_graph_new(&g, NULL), FG_OK);
    assert_int_equal(fg_graph_add_extraction(g, "a.txt", &x, NULL), FG_OK);
    assert_int_equal(fg_graph_node_count(g), n);
    assert_int_equal(fg_graph_edge_count(g), m);
    free(f);
    free(ids);
    return g;
}

static void test_render_plan(void **state)
{
    fg_render_plan p;
    fg_export_opts o = FG_EXPORT_OPTS_INIT;

    fg_export_render_plan(&p, *state, NULL);
    assert_int_equal(p.layout, FG_LAYOUT_DOT);
    assert_true(p.edge_labels);
    assert_false(p.switched);
    assert_false(p.bounded);

    fg_graph *g = chain_graph(100, FG_RENDER_LABEL_MAX_EDGES + 1);
    fg_export_render_plan(&p, g, NULL);
    assert_int_equal(p.layout, FG_LAYOUT_DOT);
    assert_false(p.edge_labels);
    fg_graph_free(g);

    g = chain_graph(150, FG_RENDER_DOT_MAX_EDGES + 1);
    fg_export_render_plan(&p, g, NULL);
    assert_int_equal(p.layout, FG_LAYOUT_SFDP);
    assert_true(p.switched);
    assert_false(p.edge_labels);
    o.layout = FG_LAYOUT_DOT; /* asked for: obeyed, but bounded */
    fg_export_render_plan(&p, g, &o);
    assert_int_equal(p.layout, FG_LAYOUT_DOT);
    assert_false(p.switched);
    assert_true(p.bounded);
    o.layout = FG_LAYOUT_NEATO;
    fg_export_render_plan(&p, g, &o);
    assert_int_equal(p.layout, FG_LAYOUT_NEATO);
    assert_false(p.bounded);
    fg_graph_free(g);

    g = chain_graph(FG_RENDER_DOT_MAX_NODES + 1, FG_RENDER_DOT_MAX_NODES);
    fg_export_render_plan(&p, g, NULL);
    assert_int_equal(p.layout, FG_LAYOUT_SFDP);
    assert_int_equal(p.hidden, 0);
    fg_graph_free(g);

    /* a bounded dot caps network simplex and crossing minimisation */
    Agraph_t *ag = NULL;
    fg_render_plan bounded = {FG_LAYOUT_DOT, 0, false, false, true};
    assert_int_equal(fg_dot_build(&ag, *state, NULL, &bounded, NULL), FG_OK);
    assert_string_equal(agget(ag, (char *)"nslimit"), "2");
    assert_string_equal(agget(ag, (char *)"nslimit1"), "2");
    assert_string_equal(agget(ag, (char *)"mclimit"), "0.1");
    assert_string_equal(agget(ag, (char *)"layout"), "dot");
    /* no labels in the plan: none on the edges */
    for (Agnode_t *n = agfstnode(ag); n; n = agnxtnode(ag, n))
        for (Agedge_t *e = agfstout(ag, n); e; e = agnxtout(ag, e))
            assert_string_equal(agget(e, (char *)"label"), "");
    agclose(ag);

    /* an entity without a fact is counted, and not drawn */
    fg_fact f = fact("orders", "A", "company", "B", "chip", 0, "s");
    fg_mention m = mention("Lonely", "place", "Lonely");
    fg_extraction x = {&m, 1, &f, 1};
    assert_int_equal(fg_graph_new(&g, NULL), FG_OK);
    assert_int_equal(fg_graph_add_extraction(g, "a.txt", &x, NULL), FG_OK);
    fg_export_render_plan(&p, g, NULL);
    assert_int_equal(p.hidden, 1);
    assert_int_equal(fg_dot_build(&ag, g, NULL, &p, NULL), FG_OK);
    assert_null(agnode(ag, (char *)"n0", 0)); /* Lonely, first seen */
    assert_non_null(agnode(ag, (char *)"n1", 0));
    assert_null(agnode(ag, (char *)"legend_place", 0));
    agclose(ag);
    fg_graph_free(g);
}

/* The text of every SVG <text> element, joined by '\n'. Caller frees. */
static char *svg_texts(xmlNodePtr n, fg_buf *b)
{
    for (; n; n = n->next) {
        if (is_elem(n, "text")) {
            xmlChar *t = xmlNodeGetContent(n);
            fg_buf_adds(b, (const char *)t, NULL);
            fg_buf_addc(b, '\n', NULL);
            xmlFree(t);
        }
        svg_texts(n->children, b);
    }
    return b->ptr;
}

static void test_render(void **state)
{
    const fg_graph *g = *state;
    size_t len;
    char *out = export_mem(g, FG_FORMAT_SVG, &len);
    xmlDocPtr doc = xmlReadMemory(out, (int)len, "test.svg", NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    fg_buf b;
    fg_buf_init(&b, 0);
    const char *texts = svg_texts(xmlDocGetRootElement(doc), &b);
    /* Japanese stays text, not outlines; every name is drawn */
    assert_non_null(strstr(texts, "\n" CJK "\n"));
    assert_non_null(strstr(texts, "NVIDIA\n"));
    assert_non_null(strstr(texts, "line1\nline2\n")); /* two lines */
    assert_non_null(strstr(texts, "A \"B\" <C> & D\\\n"));
    if (!strstr(texts, "funds\n16 bn USD\n"))
        fail_msg("texts:\n%s", texts);
    assert_non_null(strstr(texts, "legend\n"));
    assert_non_null(strstr(texts, "organization\n"));
    assert_non_null(strstr(out, "font-family=\"Noto Sans CJK JP"));
    fg_buf_release(&b);
    xmlFreeDoc(doc);
    free(out);

    out = export_mem(g, FG_FORMAT_PNG, &len);
    assert_true(len > 1000);
    assert_memory_equal(out, "\x89PNG\r\n\x1a\n", 8);
    free(out);

    /* a forced layout other than dot works too */
    fg_export_opts o = FG_EXPORT_OPTS_INIT;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    o.layout = FG_LAYOUT_SFDP;
    assert_int_equal(fg_export_write_opts(g, FG_FORMAT_SVG, &o, f, NULL), FG_OK);
    fclose(f);
    assert_non_null(strstr(buf, CJK));
    free(buf);

    fg_error err = {0};
    f = open_memstream(&buf, &n);
    assert_int_equal(fg_export_render(g, FG_FORMAT_DOT, NULL, f, &err), FG_EINVAL);
    fclose(f);
    free(buf);
}

/* ---- small helpers ----------------------------------------------------- */

static void test_amount_short(void **state)
{
    char b[FG_NUM_MAX];
    fg_fmt_amount_short(b, 16000000000.0);
    assert_string_equal(b, "16 bn");
    fg_fmt_amount_short(b, 1e12);
    assert_string_equal(b, "1 tn");
    fg_fmt_amount_short(b, 1.5e12);
    assert_string_equal(b, "1.5 tn");
    fg_fmt_amount_short(b, 1234e12);
    assert_string_equal(b, "1234 tn");
    fg_fmt_amount_short(b, 350e6);
    assert_string_equal(b, "350 m");
    fg_fmt_amount_short(b, 1.25e9);
    assert_string_equal(b, "1.25 bn");
    fg_fmt_amount_short(b, 48000);
    assert_string_equal(b, "48000");
    fg_fmt_amount_short(b, 2.5);
    assert_string_equal(b, "2.5");
    fg_fmt_amount_short(b, NAN);
    assert_string_equal(b, "");
}

static void test_evidence_summary(void **state)
{
    fg_evidence ev[2] = {{"doc.txt", 3, NULL, 0, 1, "t", "r"}, {"doc.txt", 4, "x", 0, 1, "t", "r"}};
    fg_edge e = {0};
    fg_buf b, text;
    fg_buf_init(&b, 0);
    fg_buf_init(&text, 0);
    /* 200 characters of kana with a line break: cut after 160, one line */
    fg_buf_adds(&text, "a\nb", NULL);
    for (int i = 0; i < 197; i++)
        fg_buf_adds(&text, "あ", NULL);
    ev[0].text = text.ptr;
    e.evidence = ev;
    e.evidence_count = 2;
    assert_int_equal(fg_evidence_summary(&b, &e, NULL), FG_OK);
    assert_true(strncmp(b.ptr, "doc.txt#3: a b", 14) == 0);
    assert_null(strchr(b.ptr, '\n'));
    assert_int_equal(fg_utf8_count(b.ptr + 11, b.len - 11), 160 + 1 + strlen(" (+1 more)"));
    assert_non_null(strstr(b.ptr, "あ\xE2\x80\xA6 (+1 more)"));
    fg_buf_release(&b);
    fg_buf_release(&text);
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
        cmocka_unit_test(test_dot_opts),
        cmocka_unit_test(test_gexf),
        cmocka_unit_test(test_cytoscape),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_csv_path),
        cmocka_unit_test(test_render_plan),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_amount_short),
        cmocka_unit_test(test_evidence_summary),
        cmocka_unit_test(test_write_error),
        cmocka_unit_test(test_to_path),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
