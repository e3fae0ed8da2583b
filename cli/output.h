/* output.h - a file written atomically, plain or gzip-compressed.
 *
 * Like fg_export_to_path() (export/format.c) for streams that are not a
 * graph (facts files): the bytes go to a temporary file in the destination's
 * directory, which is flushed to disk and renamed over the destination only
 * when everything was written (redis rdbSave()); on failure it is removed and
 * the destination is untouched. "-" is standard output, written as it comes.
 * A name ending in ".gz" is gzip-compressed (zlib). */
#ifndef FG_OUTPUT_H
#define FG_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "factgraph/error.h"

struct fg_output {
    char *path, *tmp;  /* owned; tmp NULL for standard output */
    int fd;
    FILE *f;           /* plain */
    void *gz;          /* gzFile when compressed (zlib stays in output.c) */
};

/* Errors: FG_EIO (the directory is not writable, ...), FG_ENOMEM. On failure
 * nothing is left behind and out needs no abort. */
fg_status fg_output_open(struct fg_output *out, const char *path, fg_error *err);
fg_status fg_output_write(struct fg_output *out, const char *p, size_t n, fg_error *err);
/* Finishes, flushes to disk and renames into place. Errors: FG_EIO; the
 * temporary file is removed then. Either way out is closed. */
fg_status fg_output_commit(struct fg_output *out, fg_error *err);
/* Removes the temporary file; the destination is untouched. NULL-safe fields. */
void fg_output_abort(struct fg_output *out);

#endif
