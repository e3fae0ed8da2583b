/* cmd_merge.c - factgraph merge: facts files in, graph out (the reduce step).
 *
 * The graph is put in canonical order (fg_graph_canonicalize()) before the
 * analysis, so the bytes written depend only on the set of documents in the
 * facts files, not on how they were split into files, in which order the
 * files come, or how often they were merged before: merge is associative and
 * commutative, and extract + merge equals build. Memory is the graph's, plus
 * one line. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "inputs.h"
#include "output.h"
#include "pipeline.h"

static const char *const merge_usage =
    "usage: factgraph merge [options] FACTS...\n"
    "\n"
    "Reads facts files written by factgraph extract (JSON Lines, maybe .gz; - for\n"
    "standard input), merges them into one graph, computes centrality and\n"
    "communities, and writes it. The output does not depend on how the facts were\n"
    "split into files or on their order: merging shards gives the bytes that one\n"
    "factgraph build of all the articles gives.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    write to FILE (- = standard output); the format comes\n"
    "                       from its extension as for factgraph build (.json,\n"
    "                       .graphml, .dot, ...) unless -f is given; FILE.jsonl or\n"
    "                       FILE.jsonl.gz (or -f facts) writes the merged facts\n"
    "                       instead, for a later merge\n"
    "  -f, --format FMT     a format of factgraph build, or facts; repeat with\n"
    "                       --out-dir\n"
    "      --out-dir DIR    write DIR/graph.EXT for each format\n"
    "      --max-errors N   stop reading after N bad lines (default: never)\n"
    "  -q, --quiet          no summary line, only errors\n"
    "  -h, --help           show this help\n"
    "\n"
    "Without -o or --out-dir the JSON goes to standard output.\n"
    "exit status: 0 ok, 1 some input failed (the rest was merged and written),\n"
    "2 usage error, 3 fatal error (output could not be written).\n";

#define MAX_FORMATS 8

struct opts {
    fg_format formats[MAX_FORMATS];
    size_t nformats;
    bool facts;             /* write facts, not a graph */
    const char *output, *out_dir;
    size_t max_errors;
    bool quiet;
};

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

static int add_format(struct opts *o, const char *name)
{
    if (strcmp(name, "facts") == 0 || strcmp(name, "jsonl") == 0) {
        o->facts = true;
        return 0;
    }
    if (o->nformats == MAX_FORMATS) {
        fg_cli_errorf("too many --format options");
        return -1;
    }
    if (fg_format_parse(&o->formats[o->nformats], name, NULL) != FG_OK) {
        fg_cli_errorf("unknown format '%s' (see 'factgraph build --help', or use facts)", name);
        return -1;
    }
    o->nformats++;
    return 0;
}

static int parse(struct opts *o, int argc, char **argv)
{
    enum { OPT_OUT_DIR = 256 };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"out-dir", required_argument, NULL, OPT_OUT_DIR},
        {"max-errors", required_argument, NULL, FG_OPT_MAX_ERRORS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct fg_pipeline_opts p = FG_PIPELINE_OPTS_INIT;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:f:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'o': o->output = optarg; break;
        case 'f':
            if (add_format(o, optarg) != 0)
                return -1;
            break;
        case OPT_OUT_DIR: o->out_dir = optarg; break;
        case FG_OPT_MAX_ERRORS:
            if (fg_pipeline_option(&p, c, optarg) < 0)
                return -1;
            o->max_errors = p.max_errors;
            break;
        case 'q': o->quiet = true; break;
        case 'h': fputs(merge_usage, stdout); return 1;
        default: fputs(merge_usage, stderr); return -1;
        }
    }
    if (o->out_dir && o->output) {
        fg_cli_errorf("use either --out-dir or --output, not both");
        return -1;
    }
    if (!o->out_dir && o->nformats + o->facts > 1) {
        fg_cli_errorf("--output takes one format; use --out-dir for several");
        return -1;
    }
    if (o->nformats == 0 && !o->facts) {
        /* -o graph.graphml: the extension says the format */
        const char *name = o->output ? o->output : "-";
        const char *dot = strrchr(name, '.');
        if (ends_with(name, ".jsonl") || ends_with(name, ".jsonl.gz"))
            o->facts = true;
        else if (!dot || fg_format_parse(&o->formats[0], dot + 1, NULL) != FG_OK)
            o->formats[0] = FG_FORMAT_JSON;
        o->nformats = o->facts ? 0 : 1;
    }
    if (optind >= argc) {
        fg_cli_errorf("no input; see 'factgraph merge --help'");
        return -1;
    }
    return 0;
}

/* What a merge reads into: the graph, or the facts output. */
struct sink {
    fg_graph *g;
    struct fg_output *facts;
};

/* One line of a facts file. A bad line is reported with the file, line,
 * column and byte offset, and skipped; returns a fatal status only. */
static fg_status merge_line(struct sink *k, const fg_input_item *it, bool *bad)
{
    fg_status st;
    fg_error err;
    fg_str line = fg_input_item_bytes(it);
    fg_arena *a = NULL;
    fg_facts_record rec;

    fg_error_clear(&err);
    *bad = false;
    if (k->g) {
        st = fg_graph_add_facts_line(k->g, line.ptr, line.len, &err);
    } else if (!(a = fg_arena_new())) {
        st = fg_error_set(&err, FG_ENOMEM, NULL, "out of memory");
    } else if ((st = fg_facts_parse(&rec, a, line.ptr, line.len, &err)) == FG_OK &&
               (st = fg_output_write(k->facts, line.ptr, line.len, &err)) == FG_OK) {
        st = fg_output_write(k->facts, "\n", 1, &err);
    }
    fg_arena_free(a);
    if (st == FG_OK)
        return FG_OK;
    if (st == FG_EPARSE || st == FG_ELIMIT) {
        /* positions in the line become positions in the file */
        fg_error at;
        fg_error_clear(&at);
        fg_error_set_at(&at, st, fg_input_item_path(it), fg_input_item_line(it),
                        err.has_offset ? err.column : 0,
                        (size_t)fg_input_item_offset(it) + (err.has_offset ? err.offset : 0),
                        "%s", err.text);
        fg_pipeline_report(&at);
        *bad = true;
        return FG_OK;
    }
    fg_error_set_source(&err, fg_input_item_path(it));
    fg_pipeline_report(&err);
    return st;
}

/* Reads every file; returns a fatal status, counting bad lines in *failed. */
static fg_status read_all(struct sink *k, const fg_inputs *in, const struct opts *o,
                          size_t *docs, size_t *failed)
{
    fg_input_opts iopts = FG_INPUT_OPTS_INIT;
    iopts.format = FG_INPUT_JSONL;
    for (size_t i = 0; i < in->count; i++) {
        fg_input *input = NULL;
        fg_error err;
        fg_error_clear(&err);
        if (fg_input_open(&input, in->paths[i], &iopts, &err) != FG_OK) {
            fg_pipeline_report(&err);
            if (err.code == FG_ENOMEM)
                return FG_ENOMEM;
            (*failed)++;
            continue;
        }
        for (;;) {
            fg_input_item *it = NULL;
            bool bad = false;
            fg_status st;
            fg_error_clear(&err);
            if ((st = fg_input_next(&it, input, &err)) != FG_OK) {
                fg_pipeline_report(&err);
                bad = st != FG_ENOMEM;
            } else if (!it) {
                break;
            } else {
                st = merge_line(k, it, &bad);
                fg_input_item_free(it);
                if (st == FG_OK && !bad)
                    (*docs)++;
            }
            if (st != FG_OK && !bad) {
                fg_input_free(input);
                return st;
            }
            if (bad && ++*failed >= o->max_errors && o->max_errors) {
                fg_cli_errorf("stopping after %zu bad lines (--max-errors)", *failed);
                fg_input_free(input);
                return FG_OK;
            }
        }
        fg_input_free(input);
    }
    return FG_OK;
}

static fg_status write_graph(fg_graph *g, const struct opts *o)
{
    fg_error err;
    if (o->out_dir && mkdir(o->out_dir, 0777) != 0) {
        struct stat st;
        if (stat(o->out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fg_cli_errorf("%s: cannot create output directory", o->out_dir);
            return FG_EIO;
        }
    }
    for (size_t i = 0; i < o->nformats; i++) {
        char path[4096];
        const char *dest = o->output ? o->output : "-";
        if (o->out_dir) {
            snprintf(path, sizeof(path), "%s/graph.%s", o->out_dir, fg_format_ext(o->formats[i]));
            dest = path;
        }
        fg_error_clear(&err);
        if (fg_export_to_path(g, o->formats[i], dest, &err) != FG_OK) {
            fg_error_set_source(&err, dest);
            fg_cli_report(&err);
            return err.code;
        }
    }
    return FG_OK;
}

int cmd_merge(int argc, char **argv)
{
    struct opts o = {0};
    int rc = parse(&o, argc, argv);
    if (rc != 0)
        return rc > 0 ? FG_EXIT_OK : FG_EXIT_USAGE;

    int exit_code = FG_EXIT_OK;
    fg_error err;
    fg_inputs in = {0};
    struct sink k = {0};
    struct fg_output facts;
    bool facts_open = false;
    size_t docs = 0, failed = 0;

    fg_error_clear(&err);
    for (int i = optind; i < argc; i++) {
        if (fg_inputs_add(&in, argv[i]) != 0) {
            fg_cli_errorf("out of memory");
            exit_code = FG_EXIT_FATAL;
            goto out;
        }
    }
    failed += in.errors;
    if (o.facts) {
        const char *dest = o.output ? o.output : "-";
        char path[4096];
        if (o.out_dir) {
            snprintf(path, sizeof(path), "%s/facts.jsonl", o.out_dir);
            dest = path;
        }
        if (fg_output_open(&facts, dest, &err) != FG_OK) {
            fg_cli_report(&err);
            exit_code = FG_EXIT_FATAL;
            goto out;
        }
        facts_open = true;
        k.facts = &facts;
    } else if (fg_graph_new(&k.g, &err) != FG_OK) {
        fg_cli_report(&err);
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    if (read_all(&k, &in, &o, &docs, &failed) != FG_OK) {
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    if (k.g && (fg_graph_canonicalize(k.g, &err) != FG_OK ||
                fg_graph_analyze(k.g, &err) != FG_OK)) {
        fg_cli_report(&err);
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    if (k.g && write_graph(k.g, &o) != FG_OK) {
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    if (facts_open) {
        facts_open = false;
        if (fg_output_commit(&facts, &err) != FG_OK) {
            fg_cli_report(&err);
            exit_code = FG_EXIT_FATAL;
            goto out;
        }
    }
    if (!o.quiet) {
        fprintf(stderr, "factgraph: merged %zu documents from %zu files, %zu bad lines", docs,
                in.count, failed);
        if (k.g)
            fprintf(stderr, "; %zu nodes, %zu edges", fg_graph_node_count(k.g),
                    fg_graph_edge_count(k.g));
        fputc('\n', stderr);
    }
    if (failed)
        exit_code = FG_EXIT_PARTIAL;
out:
    if (facts_open)
        fg_output_abort(&facts);
    fg_graph_free(k.g);
    fg_inputs_release(&in);
    return exit_code;
}
