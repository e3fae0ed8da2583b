/* export.h - one writer per format; each streams the graph to a FILE.
 *
 * Formats:
 *   json     NetworkX node-link ({"directed","multigraph","graph","nodes","links"});
 *            node_link_graph() loads it as is; link "key" = edge type.
 *   graphml  GraphML 1.0, valid against the published schema; keys declared
 *            per node/edge with types; labels and weights as Gephi expects.
 *   dot      Graphviz DOT written through cgraph; names quoted safely.
 * Writers escape per format and never emit characters the format forbids. */
#ifndef FACTGRAPH_EXPORT_H
#define FACTGRAPH_EXPORT_H

#include <stdio.h>
#include "factgraph/error.h"
#include "factgraph/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fg_format {
    FG_FORMAT_JSON = 0,
    FG_FORMAT_GRAPHML = 1,
    FG_FORMAT_DOT = 2
} fg_format;

/* Parses "json", "graphml", "dot"; FG_EINVAL otherwise. */
fg_status fg_format_parse(fg_format *out, const char *name, fg_error *err);
/* "json", "graphml", "dot". Borrowed (static). */
const char *fg_format_name(fg_format fmt);
/* File extension without the dot: "json", "graphml", "dot". Borrowed (static). */
const char *fg_format_ext(fg_format fmt);

/* Writers. g is borrowed; out is borrowed and not closed. Errors: FG_EIO
 * (write failed), FG_ENOMEM, FG_EDEP (cgraph). */
fg_status fg_export_json(const fg_graph *g, FILE *out, fg_error *err);
fg_status fg_export_graphml(const fg_graph *g, FILE *out, fg_error *err);
fg_status fg_export_dot(const fg_graph *g, FILE *out, fg_error *err);
/* Dispatches on fmt. */
fg_status fg_export_write(const fg_graph *g, fg_format fmt, FILE *out, fg_error *err);

/* Writes to path atomically: a temporary file in the same directory, flushed
 * and renamed over path only when the writer succeeded; on failure the
 * temporary file is removed and path is untouched. path "-" writes to stdout. */
fg_status fg_export_to_path(const fg_graph *g, fg_format fmt, const char *path, fg_error *err);

#ifdef __cplusplus
}
#endif
#endif
