/* fuzz_input.c - fuzz target for the readers: the bytes as an HTML page, as
 * one JSON record, as a facts line, and as a whole file read through
 * fg_input (format sniffed, gzip detected, JSON Lines split, every record
 * loaded). Replayed from fuzz/corpus/input/ under ctest by standalone.c, like
 * fuzz_extract.c. Any crash, leak or sanitizer report fails. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "factgraph/factgraph.h"

/* The bytes as a file: a memfd, opened by its /proc path like any input. */
static void read_as_file(const uint8_t *data, size_t size)
{
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    char path[64];
    fg_input *in = NULL;
    int fd = memfd_create("fuzz", 0);
    if (fd < 0)
        return;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return;
    }
    snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
    if (fg_input_open(&in, path, &opts, NULL) == FG_OK) {
        for (int guard = 0; guard < 100000; guard++) {
            fg_input_item *it = NULL;
            fg_doc *doc = NULL;
            fg_status st = fg_input_next(&it, in, NULL);
            if (st == FG_OK && !it)
                break;
            if (it && fg_input_item_load(&doc, it, NULL) == FG_OK)
                fg_doc_free(doc);
            fg_input_item_free(it);
        }
        fg_input_free(in);
    }
    close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    fg_input_opts opts = FG_INPUT_OPTS_INIT;
    fg_doc *doc = NULL;
    if (fg_doc_load_html(&doc, "<fuzz>", bytes, size, FG_LANG_AUTO, NULL) == FG_OK)
        fg_doc_free(doc);
    doc = NULL;
    if (fg_doc_load_json(&doc, "<fuzz>", "<fuzz>", bytes, size, &opts, NULL) == FG_OK)
        fg_doc_free(doc);
    fg_arena *a = fg_arena_new();
    fg_facts_record rec;
    fg_graph *g = NULL;
    if (a && fg_facts_parse(&rec, a, bytes, size, NULL) == FG_OK && fg_graph_new(&g, NULL) == FG_OK &&
        fg_graph_add_extraction(g, rec.doc, &rec.x, NULL) == FG_OK)
        fg_graph_canonicalize(g, NULL);
    fg_graph_free(g);
    fg_arena_free(a);
    read_as_file(data, size);
    return 0;
}

void fg_fuzz_teardown(void)
{
}
