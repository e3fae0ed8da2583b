/* graph_int.h - the graph's private layout, shared by graph.c (building) and
 * analyze.c (which writes its results into the nodes).
 *
 * Storage, and who owns it:
 * - every string lives in `strings`, an arena owned by the graph. Strings that
 *   repeat across statements (types, statuses, currencies, dates, document
 *   names, triggers, rules, surface forms) are interned through `interned`, so
 *   each distinct one is stored once; equal interned strings are the same
 *   pointer, which lets edge keys and surface checks compare pointers. (The
 *   map keeps its own copy of each key, so an interned string costs two
 *   copies plus a map item: fine for strings that repeat, which is why
 *   sentences are not interned but shared per document, see graph.c.)
 * - the node and edge arrays, each node's mention array and each edge's
 *   evidence array are malloc'd and grow geometrically (graph.c's grow()), so
 *   the graph never pays for the dead copies that growing inside an arena
 *   would leave behind;
 * - the maps hold indices plus one (so that NULL means absent), never pointers
 *   into the arrays, which move when they grow. */
#ifndef FG_GRAPH_INT_H
#define FG_GRAPH_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "factgraph/core.h"
#include "factgraph/graph.h"

/* A type a node was given, and how often: the canonical type is the most
 * frequent (canon.c), whatever order the documents came in. */
struct fg_type_count {
    const char *type;         /* interned */
    size_t n;
};

struct fg_graph_node {
    fg_node pub;              /* what fg_graph_node_get() hands out */
    size_t mention_cap;       /* capacity of pub.mentions */
    uint64_t last_add;        /* g->adds when a document last named this node */
    struct fg_type_count *types;
    size_t type_count, type_cap;
};

/* What one statement says besides its evidence. The edge's attributes are
 * folded from these (graph.c fold_attrs()); they are kept per statement so
 * that fg_graph_canonicalize() can fold them again in canonical order. */
struct fg_stmt_attrs {
    const char *status, *currency, *date, *date_norm; /* interned, or NULL */
    double amount, quantity;
    bool has_amount, has_quantity;
};

struct fg_graph_edge {
    fg_edge pub;              /* what fg_graph_edge_get() hands out */
    fg_evidence *evidence;    /* the same array as pub.evidence, writable */
    size_t evidence_cap;
    struct fg_stmt_attrs *attrs; /* parallel to evidence */
    size_t attrs_cap;
};

/* The edge index's key: the source's and target's id pointers and the
 * interned type pointer (graph.c). */
#define FG_EDGE_KEY_SIZE (3 * sizeof(const char *))
void fg_graph_edge_key(unsigned char key[FG_EDGE_KEY_SIZE], const fg_graph *g, size_t src,
                       size_t dst, const char *type);

/* Folds one statement's attributes into e (see graph.c); first is true for
 * the edge's first statement. Cannot fail. */
void fg_graph_fold_attrs(fg_edge *e, const struct fg_stmt_attrs *a, bool first);

struct fg_graph {
    fg_arena *strings;        /* every string the graph holds */
    fg_map *interned;         /* string -> its copy in strings */
    fg_map *node_index;       /* node id -> index + 1 */
    fg_map *edge_index;       /* fg_graph_edge_key() bytes -> index + 1 */
    struct fg_graph_node *nodes;
    size_t node_count, node_cap;
    struct fg_graph_edge *edges;
    size_t edge_count, edge_cap;
    size_t documents;         /* fg_graph_count_document() calls */
    uint64_t adds;            /* fg_graph_add_extraction() calls, for doc_count */
};

/* Copying into another graph, for select.c (fg_graph_new_subgraph). Both copy
 * every string into g's storage, so the copy never points into the source.
 * After a failure g may hold an edge without evidence: the caller frees g.
 *
 * Appends a copy of n (id, label, type, mentions, document count and the
 * analysis results, which are kept as they are, not recomputed) and sets *out
 * to its index. n->id must not be in g yet. Errors: FG_ENOMEM. */
fg_status fg_graph_copy_node(size_t *out, fg_graph *g, const fg_node *n, fg_error *err);
/* Appends a copy of e (type, weight, status, amount, quantity, dates and every
 * evidence record) from node src to node dst, indices into g. The edge
 * (src, dst, e->type) must not be in g yet. Errors: FG_ENOMEM. */
fg_status fg_graph_copy_edge(fg_graph *g, size_t src, size_t dst, const fg_edge *e,
                             fg_error *err);

#endif
