/* cmd_extract.c - factgraph extract: articles in, facts file out (the map
 * step; factgraph merge is the reduce step). Nothing is held beyond the
 * documents in flight: each document's line is written as soon as the
 * documents before it are. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "inputs.h"
#include "output.h"
#include "pipeline.h"

static const char *const extract_usage =
    "usage: factgraph extract [options] INPUT...\n"
    "\n"
    "Reads articles and writes, for each document, its mentions and facts with\n"
    "their evidence as one JSON object per line (the facts file). factgraph merge\n"
    "turns facts files into the graph; extract on shards of a corpus, then one\n"
    "merge, gives the bytes that one factgraph build gives.\n"
    "\n"
    "INPUT is a file (.txt, .html/.htm, .jsonl, .json, each maybe .gz), a\n"
    "directory (every such file below it except .json, in sorted order), or -\n"
    "for standard input.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE    write the facts to FILE (default: standard output);\n"
    "                       FILE.gz is gzip-compressed; written atomically\n"
    "      --lang LANG      ja, en or auto (default: detected per document)\n"
    "      --lexicon FILE   add or override lexicon entries (repeatable)\n"
    "      --no-default-lexicon  use only the --lexicon files\n" FG_PIPELINE_USAGE
    "  -q, --quiet          no progress or summary line, only errors\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit status: 0 ok, 1 some input failed (the rest was processed and written),\n"
    "2 usage error, 3 fatal error (output could not be written).\n";

struct opts {
    struct fg_pipeline_opts pipe;
    const char *output;
    const char *lexicons[32];
    size_t nlexicons;
    bool no_default_lexicon;
};

static int parse(struct opts *o, int argc, char **argv)
{
    enum { OPT_LANG = 256, OPT_LEXICON, OPT_NODEFLEX };
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"lang", required_argument, NULL, OPT_LANG},
        {"lexicon", required_argument, NULL, OPT_LEXICON},
        {"no-default-lexicon", no_argument, NULL, OPT_NODEFLEX},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        FG_PIPELINE_LONGOPTS,
        {NULL, 0, NULL, 0},
    };
    int c, r;
    optind = 1;
    while ((c = getopt_long(argc, argv, "o:qhj:", longopts, NULL)) != -1) {
        if ((r = fg_pipeline_option(&o->pipe, c, optarg)) != 0) {
            if (r < 0)
                return -1;
            continue;
        }
        switch (c) {
        case 'o': o->output = optarg; break;
        case OPT_LANG:
            if (fg_cli_parse_lang(&o->pipe.input.lang, optarg) != 0)
                return -1;
            break;
        case OPT_LEXICON:
            if (fg_cli_add_lexicon(o->lexicons, &o->nlexicons,
                                   sizeof(o->lexicons) / sizeof(o->lexicons[0]), optarg) != 0)
                return -1;
            break;
        case OPT_NODEFLEX: o->no_default_lexicon = true; break;
        case 'q': o->pipe.quiet = true; break;
        case 'h': fputs(extract_usage, stdout); return 1;
        default: fputs(extract_usage, stderr); return -1;
        }
    }
    if (optind >= argc) {
        fg_cli_errorf("no input; see 'factgraph extract --help'");
        return -1;
    }
    return 0;
}

static fg_status write_line(void *payload, const struct fg_pipeline_result *r, fg_error *err)
{
    return fg_output_write(payload, r->line.ptr, r->line.len, err);
}

int cmd_extract(int argc, char **argv)
{
    struct opts o = {FG_PIPELINE_OPTS_INIT, "-", {0}, 0, false};
    int rc = parse(&o, argc, argv);
    if (rc != 0)
        return rc > 0 ? FG_EXIT_OK : FG_EXIT_USAGE;
    o.pipe.facts_lines = true;

    int exit_code = FG_EXIT_OK;
    fg_error err;
    fg_lexicon *lex = NULL;
    fg_inputs in = {0};
    struct fg_output out;
    bool opened = false;
    struct fg_pipeline_stats stats;

    if ((exit_code = fg_cli_load_lexicon(&lex, o.lexicons, o.nlexicons,
                                         o.no_default_lexicon)) != FG_EXIT_OK)
        goto out;
    for (int i = optind; i < argc; i++) {
        if (fg_inputs_add(&in, argv[i]) != 0) {
            fg_cli_errorf("out of memory");
            exit_code = FG_EXIT_FATAL;
            goto out;
        }
    }
    fg_error_clear(&err);
    if (fg_output_open(&out, o.output, &err) != FG_OK) {
        fg_cli_report(&err);
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    opened = true;
    if (fg_pipeline_run(&o.pipe, lex, &in, write_line, &out, &stats) != FG_OK) {
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    opened = false;
    fg_error_clear(&err);
    if (fg_output_commit(&out, &err) != FG_OK) {
        fg_cli_report(&err);
        exit_code = FG_EXIT_FATAL;
        goto out;
    }
    if (stats.failed)
        exit_code = FG_EXIT_PARTIAL;
out:
    if (opened)
        fg_output_abort(&out);
    fg_inputs_release(&in);
    fg_lexicon_free(lex);
    return exit_code;
}
