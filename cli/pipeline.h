/* pipeline.h - the per-document pipeline that build and extract share.
 *
 * One thread (the caller's) reads the inputs in order and hands each
 * document's raw bytes to a worker thread, which loads it (HTML, JSON, text;
 * input.h) and extracts its mentions and facts with its own fg_extractor (the
 * lexicon is shared: read-only). The caller's thread takes the results back
 * in input order and passes each to the consumer, so the output does not
 * depend on the number of threads or on timing. At most WINDOW_PER_JOB
 * documents per thread are in flight, so memory stays bounded by the
 * consumer's state (the graph), not by the corpus.
 *
 * A bad document is reported (factgraph: FILE:LINE:COL: message, with
 * "(byte N)" for a JSON Lines record) and skipped; only running out of memory
 * or a failing consumer (an output that cannot be written) stops the run.
 * --max-errors N stops reading after the Nth bad document; what came before
 * is still consumed, so the output is written. */
#ifndef FG_PIPELINE_H
#define FG_PIPELINE_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "factgraph/factgraph.h"
#include "inputs.h"

struct fg_pipeline_opts {
    fg_input_opts input;  /* format, language, JSON field names */
    unsigned jobs;        /* worker threads; 0 = one per core */
    size_t max_errors;    /* stop after this many bad documents; 0 = never */
    bool quiet;           /* no progress line, no summary line */
    bool facts_lines;     /* results carry the facts line (extract), not the document */
};

#define FG_PIPELINE_OPTS_INIT {FG_INPUT_OPTS_INIT, 0, 0, false, false}

/* getopt_long codes of the shared options; 'j' is -j/--jobs. */
enum {
    FG_OPT_MAX_ERRORS = 1000,
    FG_OPT_INPUT_FORMAT,
    FG_OPT_TEXT_FIELD,
    FG_OPT_TITLE_FIELD,
    FG_OPT_ID_FIELD,
    FG_OPT_DATE_FIELD
};

/* Entries for a getopt_long table (the command adds "j:" to its short options). */
#define FG_PIPELINE_LONGOPTS                                             \
    {"jobs", required_argument, NULL, 'j'},                              \
    {"max-errors", required_argument, NULL, FG_OPT_MAX_ERRORS},          \
    {"input-format", required_argument, NULL, FG_OPT_INPUT_FORMAT},      \
    {"text-field", required_argument, NULL, FG_OPT_TEXT_FIELD},          \
    {"title-field", required_argument, NULL, FG_OPT_TITLE_FIELD},        \
    {"id-field", required_argument, NULL, FG_OPT_ID_FIELD},              \
    {"date-field", required_argument, NULL, FG_OPT_DATE_FIELD}

/* The lines of --help that describe them. */
#define FG_PIPELINE_USAGE                                                                  \
    "  -j, --jobs N         extract in N threads (default: one per core); the\n"           \
    "                       output is the same for every N\n"                              \
    "      --max-errors N   stop reading after N bad documents (default: never);\n"        \
    "                       what was read is still written\n"                              \
    "      --input-format F auto, text, html, jsonl or json (default auto: from the\n"     \
    "                       name, .gz aside, else from the content)\n"                      \
    "      --text-field F, --title-field F, --id-field F, --date-field F\n"                \
    "                       JSON fields of an article (default text, title, id, date)\n"

/* Handles option c. Returns 1 when it was one of the shared options, 0 when
 * it was not, -1 when its value is bad (reported). */
int fg_pipeline_option(struct fg_pipeline_opts *o, int c, const char *arg);

/* One document's result, handed to the consumer in input order. Borrowed:
 * valid during the call only. */
struct fg_pipeline_result {
    fg_doc *doc;              /* the document (NULL with facts_lines) */
    const fg_extraction *x;   /* its mentions and facts (NULL with facts_lines) */
    fg_str line;              /* with facts_lines: its facts line, '\n' included */
};

/* Returns FG_OK to go on; anything else stops the run (fatal). */
typedef fg_status (*fg_pipeline_consume)(void *payload, const struct fg_pipeline_result *r,
                                         fg_error *err);

struct fg_pipeline_stats {
    size_t documents;   /* consumed */
    size_t failed;      /* reported and skipped (plus in->errors) */
    uint64_t bytes;     /* decompressed bytes of the documents read */
    double seconds;
    unsigned jobs;
    bool stopped;       /* --max-errors ended the run early */
};

/* Runs the pipeline over in's paths. lex is borrowed (shared by the workers).
 * Returns FG_OK when the run finished (bad documents included, see stats),
 * or the fatal error (already reported): FG_ENOMEM, FG_EDEP (MeCab would not
 * start), or the consumer's. Prints the progress line and the final summary
 * line on stderr unless o->quiet. */
fg_status fg_pipeline_run(const struct fg_pipeline_opts *o, const fg_lexicon *lex,
                          const fg_inputs *in, fg_pipeline_consume consume, void *payload,
                          struct fg_pipeline_stats *stats);

/* Prints an error as the pipeline does: "factgraph: " and fg_error_format(),
 * plus " (byte N)" when the error has a line and a byte offset. */
void fg_pipeline_report(const fg_error *err);

#endif
