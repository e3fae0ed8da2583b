/* fg_fixture.c - writes a small known graph in every format into a directory,
 * for the client tests to load with the real clients (NetworkX, igraph,
 * xmllint, dot, and in Node graphology and cytoscape). Not a test itself.
 *
 * usage: fg_fixture DIR
 *
 * Files: graph.json, graph.graphml, graph.gexf (1.3), graph-1.2draft.gexf,
 * graph.cyjs, nodes.csv and edges.csv, graph.dot, graph.svg, graph.png.
 *
 * It calls setlocale(LC_ALL, "") as a CLI would, so the script can run it
 * under a comma-decimal locale and expect the same bytes.
 *
 * The graph, which the scripts check (keep them in step: tests/e2e/
 * clients_fixture.py, tests/e2e/cross_format.py, tests/clients/check.js):
 *   11 nodes: NVIDIA (company; mentions NVIDIA, エヌビディア), H20 (chip),
 *            ByteDance (company), United States (government),
 *            Jensen Huang (person), and five names that break naive writers:
 *            FIXTURE_HOSTILE (organization), FIXTURE_QUOTE (company),
 *            FIXTURE_CTRL (company), FIXTURE_NEWLINE (person),
 *            FIXTURE_EMOJI (model) and FIXTURE_RTL (company);
 *   11 edges: NVIDIA -develops-> H20 (weight 2, from a.txt and b.txt),
 *            ByteDance -orders-> H20 (16000000000 USD, 230000 units, 2024-12),
 *            NVIDIA -supplies-> ByteDance and NVIDIA -partners-> ByteDance
 *            (two types between one pair), United States -bans-> H20
 *            (status considered), Jensen Huang -leads-> NVIDIA,
 *            FIXTURE_HOSTILE -funds-> ByteDance, FIXTURE_QUOTE -partners->
 *            NVIDIA, FIXTURE_NEWLINE -leads-> FIXTURE_CTRL, FIXTURE_EMOJI
 *            -uses-> H20, FIXTURE_RTL -funds-> FIXTURE_QUOTE (evidence with
 *            a TAB and a line break). */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "factgraph/export.h"
#include "factgraph/graph.h"

/* Every character a writer must escape: & < > " and a trailing backslash. */
#define FIXTURE_HOSTILE "AT&T \"Ma Bell\" <US> 東京\\"
#define FIXTURE_QUOTE "A \"B\" <C> & D\\"
/* XML cannot carry U+0001 even as &#1;: U+FFFD there. */
#define FIXTURE_CTRL "ctl\x01" "char"
#define FIXTURE_NEWLINE "line1\nline2"
/* an emoji next to DOT's escString traps */
#define FIXTURE_EMOJI "Rocket \xF0\x9F\x9A\x80 \\N"
/* right-to-left: Saudi Aramco in Arabic */
#define FIXTURE_RTL "أرامكو السعودية"

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
                    const char *dst_type, size_t sentence, const char *text, const char *trigger)
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
    f.start = 0;
    f.end = strlen(text);
    f.trigger = trigger;
    f.rule = "fixture";
    return f;
}

static fg_status build(fg_graph *g, fg_error *err)
{
    fg_status st;
    fg_mention m1[] = {
        mention("NVIDIA", "company", "NVIDIA"),
        mention("H20", "chip", "H20"),
        mention("ByteDance", "company", "ByteDance"),
        mention("United States", "government", "米国"),
        mention("Jensen Huang", "person", "Jensen Huang"),
        mention(FIXTURE_HOSTILE, "organization", FIXTURE_HOSTILE),
        mention(FIXTURE_QUOTE, "company", FIXTURE_QUOTE),
        mention(FIXTURE_CTRL, "company", FIXTURE_CTRL),
        mention(FIXTURE_NEWLINE, "person", FIXTURE_NEWLINE),
        mention(FIXTURE_EMOJI, "model", FIXTURE_EMOJI),
        mention(FIXTURE_RTL, "company", FIXTURE_RTL),
    };
    fg_fact f1[11];
    f1[0] = fact("develops", "NVIDIA", "company", "H20", "chip", 0,
                 "NVIDIAはH20を開発した。", "開発");
    f1[1] = fact("orders", "ByteDance", "company", "H20", "chip", 1,
                 "ByteDanceは2024年12月、H20を約23万個、160億ドルで購入した。", "購入");
    f1[1].has_amount = true;
    f1[1].amount = 16000000000.0;
    f1[1].currency = "USD";
    f1[1].has_quantity = true;
    f1[1].quantity = 230000;
    f1[1].date = "2024年12月";
    f1[1].date_norm = "2024-12";
    f1[2] = fact("supplies", "NVIDIA", "company", "ByteDance", "company", 2,
                 "NVIDIA sells chips to ByteDance.", "sell");
    f1[3] = fact("partners", "NVIDIA", "company", "ByteDance", "company", 3,
                 "NVIDIA partners with ByteDance.", "partner");
    f1[4] = fact("bans", "United States", "government", "H20", "chip", 4,
                 "米国はH20の輸出禁止を検討している。", "禁止");
    f1[4].status = "considered";
    f1[5] = fact("leads", "Jensen Huang", "person", "NVIDIA", "company", 5,
                 "Jensen Huang, CEO of NVIDIA.", "CEO");
    f1[6] = fact("funds", FIXTURE_HOSTILE, "organization", "ByteDance", "company", 6,
                 "\"Ma Bell\" invests in <ByteDance> & more.", "invest");
    f1[7] = fact("partners", FIXTURE_QUOTE, "company", "NVIDIA", "company", 7,
                 "A \"B\" partners with NVIDIA.", "partner");
    f1[8] = fact("leads", FIXTURE_NEWLINE, "person", FIXTURE_CTRL, "company", 8,
                 "line1 leads ctl.", "lead");
    f1[9] = fact("uses", FIXTURE_EMOJI, "model", "H20", "chip", 9, "Rocket runs on H20.", "use");
    f1[10] = fact("funds", FIXTURE_RTL, "company", FIXTURE_QUOTE, "company", 10,
                  "line one\tA\nline two", "fund");
    fg_extraction x1 = {m1, sizeof(m1) / sizeof(m1[0]), f1, sizeof(f1) / sizeof(f1[0])};

    fg_mention m2[] = {mention("NVIDIA", "company", "エヌビディア")};
    fg_fact f2[] = {fact("develops", "NVIDIA", "company", "H20", "chip", 0,
                         "エヌビディアはH20を開発。", "開発")};
    fg_extraction x2 = {m2, 1, f2, 1};

    if ((st = fg_graph_add_extraction(g, "a.txt", &x1, err)) != FG_OK)
        return st;
    fg_graph_count_document(g);
    if ((st = fg_graph_add_extraction(g, "b.txt", &x2, err)) != FG_OK)
        return st;
    fg_graph_count_document(g);
    return fg_graph_analyze(g, err);
}

int main(int argc, char **argv)
{
    static const struct {
        fg_format fmt;
        const char *name;
        fg_gexf_version gexf;
    } files[] = {
        {FG_FORMAT_JSON, "graph.json", FG_GEXF_1_3},
        {FG_FORMAT_GRAPHML, "graph.graphml", FG_GEXF_1_3},
        {FG_FORMAT_GEXF, "graph.gexf", FG_GEXF_1_3},
        {FG_FORMAT_GEXF, "graph-1.2draft.gexf", FG_GEXF_1_2DRAFT},
        {FG_FORMAT_CYTOSCAPE, "graph.cyjs", FG_GEXF_1_3},
        {FG_FORMAT_CSV, "", FG_GEXF_1_3}, /* DIR/nodes.csv, DIR/edges.csv */
        {FG_FORMAT_DOT, "graph.dot", FG_GEXF_1_3},
        {FG_FORMAT_SVG, "graph.svg", FG_GEXF_1_3},
        {FG_FORMAT_PNG, "graph.png", FG_GEXF_1_3},
    };
    fg_status st;
    fg_graph *g = NULL;
    fg_error err = {0};
    char path[4096], msg[512];

    setlocale(LC_ALL, "");
    if (argc != 2) {
        fprintf(stderr, "usage: fg_fixture DIR\n");
        return 2;
    }
    if ((st = fg_graph_new(&g, &err)) != FG_OK)
        goto out;
    if ((st = build(g, &err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        fg_export_opts o = FG_EXPORT_OPTS_INIT;
        o.gexf_version = files[i].gexf;
        snprintf(path, sizeof(path), "%s/%s", argv[1], files[i].name);
        if ((st = fg_export_to_path_opts(g, files[i].fmt, &o, path, &err)) != FG_OK)
            goto out;
    }
out:
    if (st != FG_OK) {
        fg_error_format(&err, msg, sizeof(msg));
        fprintf(stderr, "fg_fixture: %s\n", msg);
    }
    fg_graph_free(g);
    return st == FG_OK ? 0 : 1;
}
