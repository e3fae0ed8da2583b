/* cli.h - what the subcommands share. */
#ifndef FG_CLI_H
#define FG_CLI_H

#include "factgraph/factgraph.h"

/* Exit codes, listed in --help and tested. */
enum {
    FG_EXIT_OK = 0,       /* done */
    FG_EXIT_PARTIAL = 1,  /* done, but some input was rejected (each reported) */
    FG_EXIT_USAGE = 2,    /* bad command line */
    FG_EXIT_FATAL = 3     /* cannot write output, out of memory, broken data */
};

/* Prints "factgraph: <formatted error>" to stderr. */
void fg_cli_report(const fg_error *err);
/* Prints "factgraph: <message>" to stderr. */
void fg_cli_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Loads the default lexicon (unless no_default) and the files; reports a
 * failure and returns its exit code (FG_EXIT_USAGE for a bad file,
 * FG_EXIT_FATAL otherwise), or FG_EXIT_OK with *out caller-owned. */
int fg_cli_load_lexicon(fg_lexicon **out, const char *const *files, size_t nfiles,
                        bool no_default);

/* --lang ARG into *out; reports a bad value. Returns 0, or -1 (a usage error). */
int fg_cli_parse_lang(fg_lang *out, const char *arg);
/* --lexicon FILE appended to files (of room for cap); reports when full.
 * Returns 0, or -1 (a usage error). */
int fg_cli_add_lexicon(const char **files, size_t *n, size_t cap, const char *arg);

int cmd_build(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_extract(int argc, char **argv);
int cmd_merge(int argc, char **argv);

#endif
