/* export_int.h - helpers shared by the writers in export/ (private).
 *
 * Every escaper appends to an fg_buf and repairs what the target format cannot
 * carry, so a writer never has to validate its input first:
 *   - bytes that are not valid UTF-8 become U+FFFD (one per bad byte);
 *   - JSON escapes '"', '\' and U+0000..U+001F (RFC 8259 section 7);
 *   - XML replaces the characters XML 1.0 forbids even as references
 *     (C0 controls other than TAB/LF/CR, U+FFFE, U+FFFF) with U+FFFD
 *     (FORMATS.md section 1), then escapes per context;
 *   - DOT labels double backslashes and write line breaks as \n (escString),
 *     and replace what XML forbids, since dot copies labels into SVG.
 * Numbers are formatted in the "C" locale whatever setlocale() says, because
 * a de_DE comma breaks NetworkX and igraph (FORMATS.md section 1). */
#ifndef FG_EXPORT_INT_H
#define FG_EXPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "factgraph/core.h"
#include "factgraph/error.h"
#include "factgraph/export.h"
#include "factgraph/graph.h"

/* Room for any number fg_fmt_* writes: "-1.2345678901234567e-308" and a NUL. */
#define FG_NUM_MAX 40

/* Shortest "%.Ng" (N = 15..17) that reads back as exactly v, with a '.' or an
 * exponent always present ("0.0", "2.0", "1e+300"), so a reader sees a float.
 * Returns false (and writes "") when v is NaN or infinite: the caller decides
 * what that means in its format (JSON null, an omitted GraphML value). */
bool fg_fmt_double(char out[FG_NUM_MAX], double v);

/* Like fg_fmt_double, but an integral v below 2^53 in magnitude is written as
 * bare digits ("16000000000"): amounts and quantities are counts of things. */
bool fg_fmt_amount(char out[FG_NUM_MAX], double v);

/* Appends s[0..len) as a JSON string literal, quotes included. s NULL appends
 * null. Errors: FG_ENOMEM, FG_ELIMIT (from fg_buf). */
fg_status fg_json_add_str(fg_buf *b, const char *s, size_t len, fg_error *err);
/* Same for a NUL-terminated s (NULL appends null). */
fg_status fg_json_add_cstr(fg_buf *b, const char *s, fg_error *err);
/* A finite double per fg_fmt_double, or null. */
fg_status fg_json_add_double(fg_buf *b, double v, fg_error *err);

/* Appends s[0..len) as XML character data: & < > escaped, CR as &#13; (a raw
 * CR is turned into LF by every parser's line-end handling). */
fg_status fg_xml_add_text(fg_buf *b, const char *s, size_t len, fg_error *err);
/* Appends s[0..len) for use inside a double-quoted attribute value: also '"',
 * and TAB/LF/CR as character references so attribute-value normalisation
 * (XML 1.0 section 3.3.3) does not turn them into spaces. */
fg_status fg_xml_add_attr(fg_buf *b, const char *s, size_t len, fg_error *err);

/* Appends s[0..len) as a Graphviz escString for a label, to be passed to
 * agsafeset(): every backslash doubled (agwrite does not escape them, and a
 * lone one would start \N, \l, ...; FORMATS.md section 4), LF, CR and CRLF as
 * the two characters \n, other C0 controls, U+FFFE and U+FFFF as U+FFFD (dot
 * copies labels into SVG, which is XML). '"' is left to agwrite. */
fg_status fg_dot_add_label(fg_buf *b, const char *s, size_t len, fg_error *err);

/* Appends the evidence list as a JSON array of {"doc", "sentence", "text",
 * "start", "end", "trigger", "rule"} objects on one line. Shared by the JSON
 * writer and GraphML, which stores it as one string (values are scalars there). */
fg_status fg_json_add_evidence(fg_buf *b, const fg_evidence *ev, size_t n, fg_error *err);

/* Appends a one-line, human-readable summary of the evidence: the first
 * statement as "doc#sentence: text", the text cut after
 * FG_SUMMARY_MAX_CHARS characters with "…", and " (+N more)" when there are
 * others. Raw text: the caller escapes it for its format. */
#define FG_SUMMARY_MAX_CHARS 160
fg_status fg_evidence_summary(fg_buf *b, const fg_edge *e, fg_error *err);

/* Appends s[0..len) as one RFC 4180 field, always quoted: '"' doubled, every
 * other character kept (line breaks too: they are legal inside quotes);
 * invalid UTF-8 becomes U+FFFD. */
fg_status fg_csv_add_field(fg_buf *b, const char *s, size_t len, fg_error *err);

/* A short amount for a diagram: "16 bn", "1.2 tn", "350 m", "48000". At most
 * three significant digits once scaled; "" for NaN or infinity. */
void fg_fmt_amount_short(char out[FG_NUM_MAX], double v);

/* ---- styles shared by the writers (style.c) ------------------------------- */

/* How a node type looks, the same in every format, so Gephi, a browser and
 * the diagram agree. colour is saturated, for markers on white (Gephi, GEXF,
 * Cytoscape); fill is the same hue lightened, behind black text (DOT). */
typedef struct fg_node_style {
    const char *type;        /* NULL for the fallback style */
    unsigned char r, g, b;   /* colour */
    const char *hex;         /* colour as "#rrggbb" */
    const char *fill;        /* DOT fillcolor "#rrggbb" */
    const char *shape;       /* DOT shape */
} fg_node_style;

/* The style of a node type; a type SCHEMA.md does not name (or NULL) gets a
 * grey fallback. Borrowed (static). */
const fg_node_style *fg_node_style_of(const char *type);
/* The style table in SCHEMA.md's order, for legends. */
const fg_node_style *fg_node_style_at(size_t i);
size_t fg_node_style_count(void);

/* DOT colour of an edge type ("#rrggbb"): hues grouped by meaning (bans and
 * probes red, permits green, trade blue, money gold...). Borrowed (static). */
const char *fg_edge_color_of(const char *type);

/* Gephi's node sizes (diameters in its units) for the lowest and the highest
 * PageRank, in GraphML and GEXF: its default node is 10. */
#define FG_GEPHI_SIZE_MIN 10.0
#define FG_GEPHI_SIZE_MAX 50.0

/* Marks in touched[i] (one entry per node of g) whether node i has an edge,
 * and returns how many have none. */
size_t fg_mark_isolated(bool *touched, const fg_graph *g);

/* The largest PageRank in g (0 for an empty graph). */
double fg_max_pagerank(const fg_graph *g);
/* A display size between lo and hi for pagerank: by sqrt(pagerank / max), so
 * the area of a marker, not its width, follows the score. lo when max <= 0. */
double fg_size_of(double pagerank, double max, double lo, double hi);

/* Writes g as DOT text with opts (NULL: defaults): fg_export_dot() with the
 * layout and title options. Errors: FG_EIO, FG_ENOMEM, FG_EDEP. */
fg_status fg_dot_write(const fg_graph *g, const fg_export_opts *opts, FILE *out, fg_error *err);

/* Writes b's bytes to f and empties b. Errors: FG_EIO. */
fg_status fg_out_flush(fg_buf *b, FILE *f, fg_error *err);
/* Flushes f and checks its error flag: the end of every writer. Errors: FG_EIO. */
fg_status fg_out_finish(FILE *f, fg_error *err);

#endif
