/* fuzz_extract.c - fuzz target: bytes -> document -> extraction -> graph ->
 * every writer. Built for libFuzzer with clang (-DFG_FUZZ_LIBFUZZER) or, by
 * default, with fuzz/standalone.c, which replays fuzz/corpus/extract/ under
 * ctest (as libgit2's fuzzers do). Any crash, leak or sanitizer report fails. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "factgraph/factgraph.h"

static fg_lexicon *lex;
static fg_extractor *ex;

static void setup(void)
{
    if (lex)
        return;
    if (fg_lexicon_new(&lex, NULL) != FG_OK || fg_lexicon_load_default(lex, NULL) != FG_OK ||
        fg_extractor_new(&ex, lex, NULL) != FG_OK)
        abort(); /* the harness itself is broken */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    fg_doc *doc = NULL;
    fg_graph *g = NULL;
    fg_extraction x;
    for (int lang = FG_LANG_AUTO; lang <= FG_LANG_EN; lang++) {
        if (fg_doc_load_mem(&doc, "<fuzz>", (const char *)data, size, (fg_lang)lang, NULL) != FG_OK)
            return 0; /* rejected input is fine; crashing is not */
        if (fg_extract_doc(ex, doc, &x, NULL) == FG_OK && fg_graph_new(&g, NULL) == FG_OK &&
            fg_graph_add_extraction(g, "<fuzz>", &x, NULL) == FG_OK &&
            fg_graph_analyze(g, NULL) == FG_OK) {
            FILE *devnull = fopen("/dev/null", "w");
            if (devnull) {
                fg_export_json(g, devnull, NULL);
                fg_export_graphml(g, devnull, NULL);
                fg_export_dot(g, devnull, NULL);
                fclose(devnull);
            }
        }
        fg_graph_free(g);
        g = NULL;
        fg_doc_free(doc);
        doc = NULL;
    }
    return 0;
}

void fg_fuzz_teardown(void)
{
    fg_extractor_free(ex);
    fg_lexicon_free(lex);
    ex = NULL;
    lex = NULL;
}
