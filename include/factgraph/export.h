/* export.h - one writer per format; each writes the graph to a FILE, and all
 * but the rendered ones stream it, one node or edge at a time.
 *
 * Formats:
 *   json       NetworkX node-link ({"directed","multigraph","graph","nodes","links"});
 *              node_link_graph() loads it as is; link "key" = edge type.
 *   graphml    GraphML, valid against the published schema; keys declared per
 *              node/edge with types; label, weight and colour (r, g, b) and size
 *              as Gephi expects them.
 *   gexf       GEXF 1.3 (Gephi's own format) or 1.2draft (NetworkX < 3.6),
 *              with viz:color and viz:size; parallel edges of different types
 *              kept apart (1.3: kind; both: distinct edge ids).
 *   cytoscape  Cytoscape.js elements JSON ({"data","directed","multigraph",
 *              "elements":{"nodes","edges"}}), also read by NetworkX's
 *              cytoscape_graph().
 *   csv        two tables, nodes and edges, RFC 4180, with the column names
 *              Gephi's spreadsheet import and Neo4j's LOAD CSV expect.
 *   dot        Graphviz DOT written through cgraph, styled (shape and colour
 *              per node type, a legend, labelled edges).
 *   svg, png   the DOT drawing laid out and rendered in process by Graphviz.
 * Writers escape per format and never emit characters the format forbids. */
#ifndef FACTGRAPH_EXPORT_H
#define FACTGRAPH_EXPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "factgraph/error.h"
#include "factgraph/graph.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fg_format {
    FG_FORMAT_JSON = 0,
    FG_FORMAT_GRAPHML = 1,
    FG_FORMAT_DOT = 2,
    FG_FORMAT_GEXF = 3,
    FG_FORMAT_CYTOSCAPE = 4,
    FG_FORMAT_CSV = 5,
    FG_FORMAT_SVG = 6,
    FG_FORMAT_PNG = 7
} fg_format;

/* Parses a format name: "json", "graphml", "dot", "gexf", "cytoscape", "csv",
 * "svg", "png"; FG_EINVAL otherwise. */
fg_status fg_format_parse(fg_format *out, const char *name, fg_error *err);
/* The name fg_format_parse() takes. Borrowed (static). */
const char *fg_format_name(fg_format fmt);
/* File extension without the dot: "json", "graphml", "dot", "gexf",
 * "cyjs" (Cytoscape's own extension), "csv", "svg", "png". Borrowed (static). */
const char *fg_format_ext(fg_format fmt);
/* True for svg and png, which are laid out and rendered (and follow the size
 * policy of fg_export_render_plan()). */
bool fg_format_is_rendered(fg_format fmt);

typedef enum fg_gexf_version {
    FG_GEXF_1_3 = 0,      /* http://gexf.net/1.3: Gephi 0.9+, NetworkX >= 3.6 */
    FG_GEXF_1_2DRAFT = 1  /* http://www.gexf.net/1.2draft: NetworkX 2.x to 3.5 */
} fg_gexf_version;

/* Parses "1.3" or "1.2draft" ("1.2" too); FG_EINVAL otherwise. */
fg_status fg_gexf_version_parse(fg_gexf_version *out, const char *name, fg_error *err);

typedef enum fg_layout {
    FG_LAYOUT_AUTO = 0,   /* dot, or sfdp past the size policy's limit */
    FG_LAYOUT_DOT = 1,    /* layered, left to right: best for small graphs */
    FG_LAYOUT_NEATO = 2,  /* spring model */
    FG_LAYOUT_SFDP = 3    /* multiscale force-directed: fast on big graphs */
} fg_layout;

/* Parses "auto", "dot", "neato", "sfdp"; FG_EINVAL otherwise. */
fg_status fg_layout_parse(fg_layout *out, const char *name, fg_error *err);
/* "auto", "dot", "neato", "sfdp". Borrowed (static). */
const char *fg_layout_name(fg_layout layout);

/* CSV is two tables; fg_export_write() writes the one csv_table names. */
typedef enum fg_csv_table {
    FG_CSV_NODES = 0,
    FG_CSV_EDGES = 1
} fg_csv_table;

/* Options of the writers that have any. Initialise with FG_EXPORT_OPTS_INIT. */
typedef struct fg_export_opts {
    fg_gexf_version gexf_version;
    fg_layout layout;       /* svg/png; in DOT, a set layout is written as the
                               graph's "layout" attribute, which dot obeys */
    fg_csv_table csv_table; /* which table fg_export_write() writes */
    const char *title;      /* dot/svg/png: a caption above the drawing, or
                               NULL. Borrowed for the call */
} fg_export_opts;

#define FG_EXPORT_OPTS_INIT {FG_GEXF_1_3, FG_LAYOUT_AUTO, FG_CSV_NODES, NULL}

/* ---- the size policy of rendered formats ---------------------------------
 *
 * dot's layout time grows much faster than the graph. bench/render_size.sh
 * (Graphviz 2.43, random graphs of N companies and 2N sales; seconds, ranges
 * over runs on a loaded machine; "capped" is dot with nslimit, nslimit1 and
 * mclimit, as below):
 *     nodes edges  dot+labels    dot     dot capped  sfdp+labels
 *       49   100      0.32       0.16       0.16        0.15
 *       99   200      1.3        0.28       0.23        0.17
 *      149   300      2.7        0.8        0.43        0.24
 *      199   400     35-68       2.8-5.1    0.9-1.4     0.45
 *      296   600    105-113     10-36       1.5-2.7     0.4-0.6
 *      493  1000    >300       >150        13           1.2
 * Edge labels are extra nodes to dot, and they are the cliff; past a few
 * hundred edges dot itself is. Past the limits below a drawing is also
 * unreadable, so instead of letting a user wait blindly the renderer drops
 * edge labels and switches to sfdp (about a second even at 1000 edges),
 * and fg_export_render_plan() tells the caller so it can say why.
 * Entities without any fact are not drawn when there are facts: in dot they
 * would all queue up in the first column, and they say nothing a drawing of
 * links can show. The counts below are of what is drawn. */

/* Past this many edges, edge labels are dropped (with any layout: past it
 * they cover the drawing, and dot takes seconds, then minutes). */
#define FG_RENDER_LABEL_MAX_EDGES 150
/* Past this many edges (or nodes drawn), layout auto uses sfdp instead of
 * dot, which stays under a second up to here without labels. */
#define FG_RENDER_DOT_MAX_EDGES 300
#define FG_RENDER_DOT_MAX_NODES 200

typedef struct fg_render_plan {
    fg_layout layout;       /* the engine that will run; never FG_LAYOUT_AUTO */
    size_t hidden;          /* entities without a fact, not drawn */
    bool edge_labels;       /* false when dropped for size */
    bool switched;          /* layout auto chose sfdp for size */
    bool bounded;           /* dot asked for past its limit: its network simplex
                               and crossing minimisation are capped (nslimit,
                               nslimit1, mclimit), which bounds the time at
                               some cost in tidiness */
} fg_render_plan;

/* What rendering g with opts will do. opts may be NULL (defaults). */
void fg_export_render_plan(fg_render_plan *out, const fg_graph *g, const fg_export_opts *opts);

/* ---- writers ---------------------------------------------------------------
 * g is borrowed; out is borrowed and not closed. Errors: FG_EIO (write
 * failed), FG_ENOMEM, FG_EDEP (cgraph, gvc). */
fg_status fg_export_json(const fg_graph *g, FILE *out, fg_error *err);
fg_status fg_export_graphml(const fg_graph *g, FILE *out, fg_error *err);
fg_status fg_export_dot(const fg_graph *g, FILE *out, fg_error *err);
fg_status fg_export_gexf(const fg_graph *g, fg_gexf_version version, FILE *out, fg_error *err);
fg_status fg_export_cytoscape(const fg_graph *g, FILE *out, fg_error *err);
fg_status fg_export_csv(const fg_graph *g, fg_csv_table table, FILE *out, fg_error *err);
/* Lays out and renders with Graphviz (fmt FG_FORMAT_SVG or FG_FORMAT_PNG),
 * following fg_export_render_plan(). SVG keeps labels as <text>, so Japanese
 * stays text (the viewer needs a CJK font, as the renderer did). The drawing
 * is made in memory and then written: unlike the other writers it does not
 * stream (see render.c for why). opts may be NULL. Not thread-safe: Graphviz
 * keeps process-wide state. */
fg_status fg_export_render(const fg_graph *g, fg_format fmt, const fg_export_opts *opts,
                           FILE *out, fg_error *err);

/* Dispatches on fmt with default options. */
fg_status fg_export_write(const fg_graph *g, fg_format fmt, FILE *out, fg_error *err);
/* Dispatches on fmt. opts may be NULL (defaults). */
fg_status fg_export_write_opts(const fg_graph *g, fg_format fmt, const fg_export_opts *opts,
                               FILE *out, fg_error *err);

/* Writes to path atomically: a temporary file in the same directory, flushed
 * and renamed over path only when the writer succeeded; on failure the
 * temporary file is removed and path is untouched. path "-" writes to stdout.
 * CSV writes both tables, to the two names fg_export_csv_path() gives (both
 * are written before either is renamed into place); "-" is FG_EINVAL for it. */
fg_status fg_export_to_path(const fg_graph *g, fg_format fmt, const char *path, fg_error *err);
/* Same with options; opts may be NULL (defaults). */
fg_status fg_export_to_path_opts(const fg_graph *g, fg_format fmt, const fg_export_opts *opts,
                                 const char *path, fg_error *err);

/* The file a CSV table goes to, given the path the user named: a directory
 * (an existing one, or a path ending in '/') holds nodes.csv and edges.csv;
 * any other path is a prefix, without its ".csv": "out/g.csv" gives
 * "out/g.nodes.csv" and "out/g.edges.csv". Caller owns *out; free().
 * Errors: FG_ENOMEM. */
fg_status fg_export_csv_path(char **out, const char *path, fg_csv_table table, fg_error *err);

#ifdef __cplusplus
}
#endif
#endif
