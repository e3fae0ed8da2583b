/* main.c - the factgraph command: a table of subcommands (after git's git.c). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

struct command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
};

static const struct command commands[] = {
    {"build", cmd_build, "extract facts from articles and write the graph"},
    {"explain", cmd_explain, "show, sentence by sentence, the names and facts found and why"},
    {"extract", cmd_extract, "extract facts from articles into a facts file (the map step)"},
    {"merge", cmd_merge, "merge facts files into the graph and write it (the reduce step)"},
};

void fg_cli_report(const fg_error *err)
{
    char msg[512];
    fg_error_format(err, msg, sizeof(msg));
    fprintf(stderr, "factgraph: %s\n", msg);
}

void fg_cli_errorf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("factgraph: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int fg_cli_parse_lang(fg_lang *out, const char *arg)
{
    if (fg_lang_parse(out, arg, NULL) != FG_OK) {
        fg_cli_errorf("unknown language '%s' (use ja, en or auto)", arg);
        return -1;
    }
    return 0;
}

int fg_cli_add_lexicon(const char **files, size_t *n, size_t cap, const char *arg)
{
    if (*n == cap) {
        fg_cli_errorf("too many --lexicon options");
        return -1;
    }
    files[(*n)++] = arg;
    return 0;
}

int fg_cli_load_lexicon(fg_lexicon **out, const char *const *files, size_t nfiles,
                        bool no_default)
{
    fg_error err;
    fg_lexicon *lex = NULL;
    int code = FG_EXIT_OK;

    fg_error_clear(&err);
    *out = NULL;
    if (fg_lexicon_new(&lex, &err) != FG_OK ||
        (!no_default && fg_lexicon_load_default(lex, &err) != FG_OK)) {
        code = FG_EXIT_FATAL;
        goto out;
    }
    for (size_t i = 0; i < nfiles; i++) {
        if (fg_lexicon_load_file(lex, files[i], &err) != FG_OK) {
            code = FG_EXIT_USAGE;
            goto out;
        }
    }
    *out = lex;
    lex = NULL;
out:
    if (code != FG_EXIT_OK)
        fg_cli_report(&err);
    fg_lexicon_free(lex);
    return code;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: factgraph <command> [options] [--] [files]\n\n"
               "Builds a typed knowledge graph (companies, chips, governments, people,\n"
               "AI models, organizations, places) from news articles in Japanese and English.\n\n"
               "commands:\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
    fprintf(f, "\noptions:\n"
               "  -h, --help     show this help\n"
               "  --version      print the version\n\n"
               "Run 'factgraph <command> --help' for a command's options.\n"
               "exit status: 0 ok, 1 some input failed (the rest was processed and written),\n"
               "2 usage error, 3 fatal error (output could not be written).\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return FG_EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return FG_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("factgraph %s\n", FG_VERSION_STRING);
        return FG_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].fn(argc - 1, argv + 1);
    fg_cli_errorf("'%s' is not a command; see 'factgraph --help'", argv[1]);
    return FG_EXIT_USAGE;
}
