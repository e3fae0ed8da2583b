/* inputs.h - the list of documents named on the command line. */
#ifndef FG_INPUTS_H
#define FG_INPUTS_H

#include <stdbool.h>
#include <stdio.h>

typedef struct fg_inputs {
    char **paths;      /* owned */
    size_t count, cap;
    size_t errors;     /* directories that could not be read (reported) */
} fg_inputs;

/* Adds a file, "-", or every article file below a directory (*.txt, *.html,
 * *.htm, *.jsonl, *.ndjson, and *.gz of those) in sorted order.
 * Returns -1 when out of memory. */
int fg_inputs_add(fg_inputs *in, const char *arg);
void fg_inputs_release(fg_inputs *in);

#endif
