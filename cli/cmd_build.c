/* cmd_build.c - factgraph build: articles in, graph out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "inputs.h"
#include "pipeline.h"

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
    "  -f, --format FMT     json, graphml or dot; repeat for several (default json)\n"
    "  -o, --out-dir DIR    write DIR/graph.EXT for each format\n"
    "      --output FILE    write the one format to FILE (- = standard output)\n"
    "      --lang LANG      ja, en or auto (default: detected per document)\n"
    "      --lexicon FILE   add or override lexicon entries (repeatable);\n"
    "                       format: id<TAB>type<TAB>alias|alias|...\n"
    "      --no-default-lexicon  use only the --lexicon files\n"
    "      --summary        print a summary (counts by type, top nodes by PageRank)\n"
    FG_PIPELINE_USAGE
    "  -q, --quiet          no progress, no summaries, only errors\n"
    "  -h, --help           show this help\n"
    "\n"
    "Without -o or --output the JSON goes to standard output.\n"
    "exit status: 0 ok, 1 some input failed (the rest was processed and written),\n"
    "2 usage error, 3 fatal error (output could not be written).\n";

#define MAX_FORMATS 8

struct opts {
    fg_format formats[MAX_FORMATS];
    size_t nformats;
    const char *out_dir, *output;
    fg_lang lang;
    const char *lexicons[32];
    size_t nlexicons;
    bool no_default_lexicon, summary, quiet;
    struct fg_pipeline_opts pipe;
};

static int parse(struct opts *o, int argc, char **argv)
{
    enum { OPT_OUTPUT = 256, OPT_LANG, OPT_LEXICON, OPT_SUMMARY, OPT_NODEFLEX };
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
        FG_PIPELINE_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    int c, r;
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
                fg_cli_errorf("unknown format '%s' (use json, graphml or dot)", optarg);
                return -1;
            }
            o->nformats++;
            break;
        case 'o': o->out_dir = optarg; break;
        case OPT_OUTPUT: o->output = optarg; break;
        case OPT_LANG:
            if (fg_lang_parse(&o->lang, optarg, &err) != FG_OK) {
                fg_cli_errorf("unknown language '%s' (use ja, en or auto)", optarg);
                return -1;
            }
            break;
        case OPT_LEXICON:
            if (o->nlexicons == sizeof(o->lexicons) / sizeof(o->lexicons[0])) {
                fg_cli_errorf("too many --lexicon options");
                return -1;
            }
            o->lexicons[o->nlexicons++] = optarg;
            break;
        case OPT_NODEFLEX: o->no_default_lexicon = true; break;
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
    if (o->nformats == 0) {
        o->formats[0] = FG_FORMAT_JSON;
        /* --output graph.graphml: the extension says the format */
        const char *dot = o->output ? strrchr(o->output, '.') : NULL;
        if (dot)
            fg_format_parse(&o->formats[0], dot + 1, &err);
        o->nformats = 1;
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
    struct opts o = {.pipe = FG_PIPELINE_OPTS_INIT};
    int rc = parse(&o, argc, argv);
    if (rc != 0)
        return rc > 0 ? FG_EXIT_OK : FG_EXIT_USAGE;

    int exit_code = FG_EXIT_OK;
    fg_error err;
    fg_error_clear(&err);
    fg_lexicon *lex = NULL;
    fg_graph *g = NULL;
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
    for (size_t i = 0; i < o.nformats; i++) {
        char path[4096];
        const char *dest = o.output ? o.output : "-";
        if (o.out_dir) {
            snprintf(path, sizeof(path), "%s/graph.%s", o.out_dir, fg_format_ext(o.formats[i]));
            dest = path;
        }
        fg_error_clear(&err);
        if (fg_export_to_path(g, o.formats[i], dest, &err) != FG_OK) {
            fg_error_set_source(&err, dest);
            fg_cli_report(&err);
            exit_code = FG_EXIT_FATAL;
            goto out;
        }
    }
    if (!o.quiet && (o.summary || !data_on_stdout))
        summary(data_on_stdout ? stderr : stdout, g, stats.documents, stats.failed);
    if (stats.failed)
        exit_code = FG_EXIT_PARTIAL;
out:
    fg_inputs_release(&in);
    fg_graph_free(g);
    fg_lexicon_free(lex);
    return exit_code;
}
