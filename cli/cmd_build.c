/* cmd_build.c - factgraph build: articles in, graph out. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "inputs.h"
#include "pipeline.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static const char *const build_usage =
    "usage: factgraph build [options] INPUT...\n"
    "\n"
    "Reads articles, extracts typed entities and facts, merges them into one\n"
    "graph, computes centrality and communities, and writes it.\n"
    "\n"
    "INPUT is a .txt file (UTF-8, first line is the title), an HTML page, a JSON\n"
    "Lines file (one article per line) or a JSON file, each maybe .gz; a directory\n"
    "(every such file below it except .json, in sorted order); or - for standard input.\n"
    "\n"
    "options:\n"
    "  -f, --format FMT     json, graphml, gexf, cytoscape, csv, dot, svg or png;\n"
    "                       repeat for several (default json)\n"
    "  -o, --out-dir DIR    write DIR/graph.EXT for each format (EXT: cyjs for\n"
    "                       cytoscape; csv: DIR/nodes.csv and DIR/edges.csv)\n"
    "      --output FILE    write the one format to FILE (- = standard output);\n"
    "                       csv: FILE is a prefix, g.csv gives g.nodes.csv and\n"
    "                       g.edges.csv\n"
    "      --gexf-version V 1.3 (default: Gephi, NetworkX 3.6+) or 1.2draft\n"
    "                       (NetworkX 2.x to 3.5)\n"
    "      --lang LANG      ja, en or auto (default: detected per document)\n"
    "      --lexicon FILE   add or override lexicon entries (repeatable);\n"
    "                       format: id<TAB>type<TAB>alias|alias|...\n"
    "      --no-default-lexicon  use only the --lexicon files\n"
    "      --summary        print a summary (counts by type, top nodes by PageRank)\n"
    FG_PIPELINE_USAGE
    "  -q, --quiet          no progress, no summaries, only errors\n"
    "  -h, --help           show this help\n"
    "\n"
    "selection, before writing any format (PageRank and the other measures\n"
    "are still those of the whole graph); lists are comma-separated:\n"
    "      --edge-types T   only facts of these types (bans,permits,...)\n"
    "      --min-weight W   only facts stated at least W times\n"
    "      --status S       only facts with these statuses: planned, considered,\n"
    "                       reported, denied, or stated (a plain fact)\n"
    "                       (with any of these three, entities left without a\n"
    "                       fact are dropped)\n"
    "      --types T        only entities of these types (company,chip,...)\n"
    "      --ego NODE       only NODE (its id or any spelling, any case) and the\n"
    "                       entities near it, following facts either way\n"
    "      --depth K        with --ego: at most K facts away (default 1)\n"
    "      --top N          only the N entities with the highest PageRank\n"
    "\n"
    "drawing (svg, png):\n"
    "      --layout L       dot, neato, sfdp or auto (default: dot; sfdp past\n"
    "                       " STR(FG_RENDER_DOT_MAX_EDGES) " facts or "
    STR(FG_RENDER_DOT_MAX_NODES) " entities); also written into DOT\n"
    "  Past " STR(FG_RENDER_LABEL_MAX_EDGES) " facts, edge labels are left out. "
    "Entities without a fact are\n"
    "  not drawn. Each such decision is reported on standard error.\n"
    "\n"
    "Without -o or --output the JSON goes to standard output.\n"
    "exit status: 0 ok, 1 some input failed (the rest was processed and written),\n"
    "2 usage error, 3 fatal error (output could not be written).\n";

#define MAX_FORMATS 8
/* Items of one list option (--types and the like), all occurrences together:
 * more than there are types is a mistake. */
#define MAX_LIST 32

/* A comma-separated list option; items are strdup'd. */
struct list {
    char *items[MAX_LIST];
    size_t n;
};

struct opts {
    fg_format formats[MAX_FORMATS];
    size_t nformats;
    const char *out_dir, *output;
    fg_lang lang;
    const char *lexicons[32];
    size_t nlexicons;
    bool no_default_lexicon, summary, quiet;
    struct fg_pipeline_opts pipe;
    fg_export_opts exp;
    /* selection */
    struct list types, edge_types, statuses;
    long min_weight;
    size_t top, depth;
    const char *ego;
    const char *ego_label; /* the node --ego resolved to; borrowed from the graph */
    bool has_depth;
};

static void list_release(struct list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->items[i]);
    l->n = 0;
}

static void opts_release(struct opts *o)
{
    list_release(&o->types);
    list_release(&o->edge_types);
    list_release(&o->statuses);
}

/* Adds the comma-separated items of arg (empty items are skipped). */
static int list_add(struct list *l, const char *option, const char *arg)
{
    const char *p = arg;
    while (*p) {
        size_t len = strcspn(p, ",");
        if (len > 0) {
            if (l->n == MAX_LIST) {
                fg_cli_errorf("too many values for %s", option);
                return -1;
            }
            if (!(l->items[l->n] = strndup(p, len))) {
                fg_cli_errorf("out of memory");
                return -1;
            }
            l->n++;
        }
        p += len;
        if (*p == ',')
            p++;
    }
    return 0;
}

/* A whole number in [min, max] for option, or -1 (reported). */
static long parse_count(const char *option, const char *arg, long min, long max)
{
    char *end;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || end == arg || *end || v < min || v > max) {
        fg_cli_errorf("%s wants a whole number from %ld, not '%s'", option, min, arg);
        return -1;
    }
    return v;
}

static const char *const statuses[] = {"planned", "considered", "reported", "denied", "stated"};

static int check_statuses(const struct list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        bool ok = false;
        for (size_t k = 0; k < sizeof(statuses) / sizeof(statuses[0]); k++)
            ok |= strcmp(l->items[i], statuses[k]) == 0;
        if (!ok) {
            fg_cli_errorf("unknown status '%s' (use planned, considered, reported, denied or "
                          "stated)",
                          l->items[i]);
            return -1;
        }
    }
    return 0;
}

/* The format a file name's extension names (graph.cyjs: cytoscape), if any. */
static bool format_of_name(fg_format *out, const char *name)
{
    const char *dot = strrchr(name, '.');
    for (int f = FG_FORMAT_JSON; dot && f <= FG_FORMAT_PNG; f++) {
        if (strcmp(dot + 1, fg_format_ext((fg_format)f)) == 0) {
            *out = (fg_format)f;
            return true;
        }
    }
    return false;
}

static int parse(struct opts *o, int argc, char **argv)
{
    enum {
        OPT_OUTPUT = 256, OPT_LANG, OPT_LEXICON, OPT_SUMMARY, OPT_NODEFLEX, OPT_GEXF_VERSION,
        OPT_TOP, OPT_MIN_WEIGHT, OPT_TYPES, OPT_EDGE_TYPES, OPT_STATUS, OPT_EGO, OPT_DEPTH,
        OPT_LAYOUT
    };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"out-dir", required_argument, NULL, 'o'},
        {"output", required_argument, NULL, OPT_OUTPUT},
        {"lang", required_argument, NULL, OPT_LANG},
        {"lexicon", required_argument, NULL, OPT_LEXICON},
        {"no-default-lexicon", no_argument, NULL, OPT_NODEFLEX},
        {"summary", no_argument, NULL, OPT_SUMMARY},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"gexf-version", required_argument, NULL, OPT_GEXF_VERSION},
        {"top", required_argument, NULL, OPT_TOP},
        {"min-weight", required_argument, NULL, OPT_MIN_WEIGHT},
        {"types", required_argument, NULL, OPT_TYPES},
        {"edge-types", required_argument, NULL, OPT_EDGE_TYPES},
        {"status", required_argument, NULL, OPT_STATUS},
        {"ego", required_argument, NULL, OPT_EGO},
        {"depth", required_argument, NULL, OPT_DEPTH},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        FG_PIPELINE_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    int c, r;
    long v;
    fg_error err;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:qhj:", longopts, NULL)) != -1) {
        fg_error_clear(&err);
        if ((r = fg_pipeline_option(&o->pipe, c, optarg)) != 0) {
            if (r < 0)
                return -1;
            continue;
        }
        switch (c) {
        case 'f':
            if (o->nformats == MAX_FORMATS) {
                fg_cli_errorf("too many --format options");
                return -1;
            }
            if (fg_format_parse(&o->formats[o->nformats], optarg, &err) != FG_OK) {
                fg_cli_errorf("unknown format '%s' (use json, graphml, gexf, cytoscape, csv, "
                              "dot, svg or png)",
                              optarg);
                return -1;
            }
            o->nformats++;
            break;
        case 'o': o->out_dir = optarg; break;
        case OPT_OUTPUT: o->output = optarg; break;
        case OPT_LANG:
            if (fg_cli_parse_lang(&o->lang, optarg) != 0)
                return -1;
            break;
        case OPT_LEXICON:
            if (fg_cli_add_lexicon(o->lexicons, &o->nlexicons,
                                   sizeof(o->lexicons) / sizeof(o->lexicons[0]), optarg) != 0)
                return -1;
            break;
        case OPT_NODEFLEX: o->no_default_lexicon = true; break;
        case OPT_GEXF_VERSION:
            if (fg_gexf_version_parse(&o->exp.gexf_version, optarg, &err) != FG_OK) {
                fg_cli_errorf("unknown GEXF version '%s' (use 1.3 or 1.2draft)", optarg);
                return -1;
            }
            break;
        case OPT_LAYOUT:
            if (fg_layout_parse(&o->exp.layout, optarg, &err) != FG_OK) {
                fg_cli_errorf("unknown layout '%s' (use dot, neato, sfdp or auto)", optarg);
                return -1;
            }
            break;
        case OPT_TOP:
            if ((v = parse_count("--top", optarg, 1, LONG_MAX)) < 0)
                return -1;
            o->top = (size_t)v;
            break;
        case OPT_MIN_WEIGHT:
            if ((v = parse_count("--min-weight", optarg, 1, LONG_MAX)) < 0)
                return -1;
            o->min_weight = v;
            break;
        case OPT_DEPTH:
            if ((v = parse_count("--depth", optarg, 0, LONG_MAX)) < 0)
                return -1;
            o->depth = (size_t)v;
            o->has_depth = true;
            break;
        case OPT_EGO: o->ego = optarg; break;
        case OPT_TYPES:
            if (list_add(&o->types, "--types", optarg) != 0)
                return -1;
            break;
        case OPT_EDGE_TYPES:
            if (list_add(&o->edge_types, "--edge-types", optarg) != 0)
                return -1;
            break;
        case OPT_STATUS:
            if (list_add(&o->statuses, "--status", optarg) != 0 || check_statuses(&o->statuses))
                return -1;
            break;
        case OPT_SUMMARY: o->summary = true; break;
        case 'q': o->quiet = true; break;
        case 'h': fputs(build_usage, stdout); return 1;
        default: fputs(build_usage, stderr); return -1;
        }
    }
    if (o->out_dir && o->output) {
        fg_cli_errorf("use either --out-dir or --output, not both");
        return -1;
    }
    if (o->output && o->nformats > 1) {
        fg_cli_errorf("--output takes one format; use --out-dir for several");
        return -1;
    }
    if (o->has_depth && !o->ego) {
        fg_cli_errorf("--depth needs --ego");
        return -1;
    }
    if (o->ego && !o->has_depth)
        o->depth = 1;
    if (o->nformats == 0) {
        o->formats[0] = FG_FORMAT_JSON;
        /* --output graph.graphml: the extension says the format */
        if (o->output)
            format_of_name(&o->formats[0], o->output);
        o->nformats = 1;
    }
    for (size_t i = 0; i < o->nformats; i++) {
        bool to_stdout = !o->out_dir && (!o->output || strcmp(o->output, "-") == 0);
        if (o->formats[i] == FG_FORMAT_CSV && to_stdout) {
            fg_cli_errorf("csv writes two files (nodes and edges): use --out-dir DIR or "
                          "--output PREFIX");
            return -1;
        }
    }
    if (optind >= argc) {
        fg_cli_errorf("no input; see 'factgraph build --help'");
        return -1;
    }
    o->pipe.input.lang = o->lang;
    o->pipe.quiet = o->quiet;
    return 0;
}

static int cmp_pagerank(const void *a, const void *b)
{
    const fg_node *x = *(const fg_node *const *)a, *y = *(const fg_node *const *)b;
    if (x->pagerank != y->pagerank)
        return x->pagerank < y->pagerank ? 1 : -1;
    return strcmp(x->id, y->id);
}

/* Counts of a string key, for the summary; small, so linear search is fine. */
struct tally {
    const char *key[64];
    size_t n[64];
    size_t count;
};

static void tally_add(struct tally *t, const char *key)
{
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->key[i], key) == 0) {
            t->n[i]++;
            return;
        }
    if (t->count < 64) {
        t->key[t->count] = key;
        t->n[t->count++] = 1;
    }
}

static void print_tally(FILE *f, const char *what, const struct tally *t, size_t total)
{
    fprintf(f, "%-6s %zu:", what, total);
    for (size_t i = 0; i < t->count; i++)
        fprintf(f, " %s %zu%s", t->key[i], t->n[i], i + 1 < t->count ? "," : "");
    fputc('\n', f);
}

static void summary(FILE *f, const fg_graph *g, size_t ok, size_t failed)
{
    struct tally nt = {0}, et = {0};
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);
    for (size_t i = 0; i < nn; i++)
        tally_add(&nt, fg_graph_node_get(g, i)->type);
    for (size_t i = 0; i < ne; i++)
        tally_add(&et, fg_graph_edge_get(g, i)->type);
    fprintf(f, "documents %zu read, %zu failed\n", ok, failed);
    print_tally(f, "nodes", &nt, nn);
    print_tally(f, "edges", &et, ne);
    const fg_node **byrank = malloc((nn ? nn : 1) * sizeof(*byrank));
    if (!byrank)
        return;
    for (size_t i = 0; i < nn; i++)
        byrank[i] = fg_graph_node_get(g, i);
    qsort(byrank, nn, sizeof(*byrank), cmp_pagerank);
    if (nn)
        fprintf(f, "top nodes by PageRank:\n");
    for (size_t i = 0; i < nn && i < 10; i++)
        fprintf(f, "  %2zu. %-28s %-12s %.4f  (degree %ld)\n", i + 1, byrank[i]->label,
                byrank[i]->type, byrank[i]->pagerank, byrank[i]->degree);
    free(byrank);
}

/* ---- selection and drawing ---------------------------------------------- */

/* --ego NODE: a node's id, label or spelling (fg_graph_node_find_name), or
 * else any alias the lexicon knows for one. Returns 0, or -1 (reported). */
static int resolve_ego(size_t *out, const fg_graph *g, const fg_lexicon *lex, const char *name,
                       bool quiet)
{
    size_t matches = 0, i = fg_graph_node_find_name(g, name, &matches);
    if (i == (size_t)-1) {
        const fg_entity *e = fg_lexicon_find_alias(lex, fg_str_cstr(name));
        if (e && (i = fg_graph_node_find(g, e->id)) != (size_t)-1)
            matches = 1;
    }
    if (i == (size_t)-1) {
        fg_cli_errorf("--ego: no entity named '%s' in the graph", name);
        return -1;
    }
    if (matches > 1 && !quiet)
        fg_cli_errorf("warning: --ego: '%s' names %zu entities; using %s, the most central",
                      name, matches, fg_graph_node_get(g, i)->id);
    *out = i;
    return 0;
}

/* A value of --types or --edge-types that nothing in g has is most likely a
 * typo, which would silently select nothing: say so. */
static void warn_unmatched(const fg_graph *g, const struct list *l, bool edges,
                           const char *option)
{
    size_t n = edges ? fg_graph_edge_count(g) : fg_graph_node_count(g);
    for (size_t k = 0; k < l->n; k++) {
        bool hit = false;
        for (size_t i = 0; i < n && !hit; i++) {
            const char *t = edges ? fg_graph_edge_get(g, i)->type : fg_graph_node_get(g, i)->type;
            hit = t && strcmp(t, l->items[k]) == 0;
        }
        if (!hit)
            fg_cli_errorf("warning: %s: nothing in the graph has the type '%s'", option,
                          l->items[k]);
    }
}

/* *out is the selected part of g, or NULL when the options select nothing
 * (then g is written whole). Returns an exit code. */
static int select_graph(fg_graph **out, const fg_graph *g, struct opts *o,
                        const fg_lexicon *lex)
{
    fg_selection sel = FG_SELECTION_INIT;
    fg_error err;

    *out = NULL;
    sel.types = (const char *const *)o->types.items;
    sel.type_count = o->types.n;
    sel.edge_types = (const char *const *)o->edge_types.items;
    sel.edge_type_count = o->edge_types.n;
    sel.statuses = (const char *const *)o->statuses.items;
    sel.status_count = o->statuses.n;
    sel.min_weight = o->min_weight;
    sel.top = o->top;
    sel.depth = o->depth;
    if (o->ego) {
        if (resolve_ego(&sel.ego, g, lex, o->ego, o->quiet) != 0)
            return FG_EXIT_USAGE;
        sel.has_ego = true;
        o->ego_label = fg_graph_node_get(g, sel.ego)->label;
    }
    if (fg_selection_is_empty(&sel))
        return FG_EXIT_OK;
    if (!o->quiet) {
        warn_unmatched(g, &o->types, false, "--types");
        warn_unmatched(g, &o->edge_types, true, "--edge-types");
    }
    fg_error_clear(&err);
    if (fg_graph_new_subgraph(out, g, &sel, &err) != FG_OK) {
        fg_cli_report(&err);
        return FG_EXIT_FATAL;
    }
    return FG_EXIT_OK;
}

/* The caption of a drawing: what was read and what is shown, e.g.
 * "factgraph · 20 documents · around NVIDIA (depth 1): 24 of 243 entities,
 * 27 of 202 facts". */
static void drawing_title(char *buf, size_t size, const fg_graph *g, const fg_graph *view,
                          const struct opts *o, const fg_render_plan *plan)
{
    size_t shown = fg_graph_node_count(view) - (plan ? plan->hidden : 0);
    int len = snprintf(buf, size, "factgraph \xC2\xB7 %zu documents \xC2\xB7 ",
                       fg_graph_document_count(g));
    if (len >= 0 && (size_t)len < size && o->ego_label)
        len += snprintf(buf + len, size - (size_t)len, "around %s (depth %zu): ", o->ego_label,
                        o->depth);
    if (len >= 0 && (size_t)len < size && o->top)
        len += snprintf(buf + len, size - (size_t)len, "top %zu by PageRank: ", o->top);
    if (len >= 0 && (size_t)len < size && view != g)
        snprintf(buf + len, size - (size_t)len, "%zu of %zu entities, %zu of %zu facts", shown,
                 fg_graph_node_count(g), fg_graph_edge_count(view), fg_graph_edge_count(g));
    else if (len >= 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, "%zu entities, %zu facts", shown,
                 fg_graph_edge_count(view));
}

/* Says on stderr what the size policy does to this drawing, once. */
static void report_plan(const fg_render_plan *plan, const fg_graph *view)
{
    size_t drawn = fg_graph_node_count(view) - plan->hidden, ne = fg_graph_edge_count(view);
    if (plan->hidden)
        fg_cli_errorf("warning: drawing: %zu entities without a fact are not drawn", plan->hidden);
    if (plan->switched)
        fg_cli_errorf("warning: drawing: %zu entities and %zu facts are past dot's limit (%d "
                      "facts or %d entities), so sfdp lays them out; --layout dot forces dot",
                      drawn, ne, FG_RENDER_DOT_MAX_EDGES, FG_RENDER_DOT_MAX_NODES);
    if (plan->bounded)
        fg_cli_errorf("warning: drawing: dot on %zu entities and %zu facts: its placement and "
                      "crossing minimisation are capped so that it ends (seconds, not minutes, "
                      "at 1000 facts); sfdp is faster still",
                      drawn, ne);
    if (!plan->edge_labels)
        fg_cli_errorf("warning: drawing: %zu facts: past %d, edges are drawn without labels; "
                      "--top, --ego or --types select fewer",
                      ne, FG_RENDER_LABEL_MAX_EDGES);
}

/* Writes every requested format of view. Returns an exit code. */
static int write_outputs(const fg_graph *g, const fg_graph *view, const struct opts *o)
{
    fg_error err;
    fg_render_plan plan;
    char title[512];
    bool reported = false;

    fg_export_render_plan(&plan, view, &o->exp);
    for (size_t i = 0; i < o->nformats; i++) {
        char path[4096];
        const char *dest = o->output ? o->output : "-";
        fg_export_opts exp = o->exp;
        bool rendered = fg_format_is_rendered(o->formats[i]);
        if (o->out_dir) {
            if (o->formats[i] == FG_FORMAT_CSV) /* DIR/nodes.csv, DIR/edges.csv */
                snprintf(path, sizeof(path), "%s/", o->out_dir);
            else
                snprintf(path, sizeof(path), "%s/graph.%s", o->out_dir,
                         fg_format_ext(o->formats[i]));
            dest = path;
        }
        /* drawings only: DOT text stays what merge writes too */
        if (rendered) {
            drawing_title(title, sizeof(title), g, view, o, &plan);
            exp.title = title;
        }
        if (rendered && !reported && !o->quiet) {
            report_plan(&plan, view);
            reported = true;
        }
        fg_error_clear(&err);
        if (fg_export_to_path_opts(view, o->formats[i], &exp, dest, &err) != FG_OK) {
            fg_error_set_source(&err, dest);
            fg_cli_report(&err);
            return FG_EXIT_FATAL;
        }
    }
    return FG_EXIT_OK;
}

/* Adds one document's extraction to the graph (in input order). */
static fg_status add_document(void *payload, const struct fg_pipeline_result *r, fg_error *err)
{
    fg_graph *g = payload;
    fg_status st = fg_graph_add_extraction(g, fg_doc_source(r->doc), r->x, err);
    if (st == FG_OK)
        fg_graph_count_document(g);
    return st;
}

int cmd_build(int argc, char **argv)
{
    struct opts o = {.pipe = FG_PIPELINE_OPTS_INIT, .exp = FG_EXPORT_OPTS_INIT};
    int rc = parse(&o, argc, argv);
    if (rc != 0) {
        opts_release(&o);
        return rc > 0 ? FG_EXIT_OK : FG_EXIT_USAGE;
    }

    int exit_code = FG_EXIT_OK;
    fg_error err;
    fg_error_clear(&err);
    fg_lexicon *lex = NULL;
    fg_graph *g = NULL, *sub = NULL;
    fg_inputs in = {0};
    struct fg_pipeline_stats stats;

    if ((exit_code = fg_cli_load_lexicon(&lex, o.lexicons, o.nlexicons,
                                         o.no_default_lexicon)) != FG_EXIT_OK)
        goto out;
    if (fg_graph_new(&g, &err) != FG_OK) {
        fg_cli_report(&err);
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    for (int i = optind; i < argc; i++) {
        if (fg_inputs_add(&in, argv[i]) != 0) {
            fg_cli_errorf("out of memory");
            exit_code = FG_EXIT_FATAL;
            goto out;
        }
    }
    if (fg_pipeline_run(&o.pipe, lex, &in, add_document, g, &stats) != FG_OK) {
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    /* the canonical order makes -j N, extract + merge and build agree */
    if (fg_graph_canonicalize(g, &err) != FG_OK || fg_graph_analyze(g, &err) != FG_OK) {
        fg_cli_report(&err);
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    bool data_on_stdout = !o.out_dir && (!o.output || strcmp(o.output, "-") == 0);
    if (o.out_dir && mkdir(o.out_dir, 0777) != 0) {
        struct stat st;
        if (stat(o.out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fg_cli_errorf("%s: cannot create output directory", o.out_dir);
            exit_code = FG_EXIT_FATAL;
            goto out;
        }
    }
    if ((exit_code = select_graph(&sub, g, &o, lex)) != FG_EXIT_OK ||
        (exit_code = write_outputs(g, sub ? sub : g, &o)) != FG_EXIT_OK)
        goto out;
    if (!o.quiet && (o.summary || !data_on_stdout)) {
        FILE *f = data_on_stdout ? stderr : stdout;
        summary(f, g, stats.documents, stats.failed);
        if (sub)
            fprintf(f, "selected %zu of %zu entities, %zu of %zu facts\n",
                    fg_graph_node_count(sub), fg_graph_node_count(g), fg_graph_edge_count(sub),
                    fg_graph_edge_count(g));
    }
    if (stats.failed)
        exit_code = FG_EXIT_PARTIAL;
out:
    fg_inputs_release(&in);
    fg_graph_free(sub);
    fg_graph_free(g);
    fg_lexicon_free(lex);
    opts_release(&o);
    return exit_code;
}
