/* graph.h - the merged knowledge graph and its analysis (igraph).
 *
 * Nodes are entities (one per canonical id across all documents); edges are
 * facts merged by (source, target, type): weight counts the statements and
 * evidence lists each one. Everything added is copied into the graph's own
 * storage, so the graph never points into a document: memory is bounded by
 * the graph, not the corpus. Node and edge order is first-seen order, so
 * exports are byte-stable for the same input order; fg_graph_canonicalize()
 * makes them byte-stable for the same set of documents in any order. */
#ifndef FACTGRAPH_GRAPH_H
#define FACTGRAPH_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include "factgraph/error.h"
#include "factgraph/extract.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fg_graph fg_graph;

typedef struct fg_evidence {
    const char *doc;       /* document source (path or id) */
    size_t sentence;       /* sentence index in that document */
    const char *text;      /* the sentence as written */
    size_t start, end;     /* byte span in the original document */
    const char *trigger;   /* trigger word */
    const char *rule;      /* rule name */
} fg_evidence;

/* A node as the graph stores it. Borrowed; valid until the graph changes or is freed. */
typedef struct fg_node {
    const char *id;          /* canonical id ("NVIDIA") */
    const char *label;       /* display name (the id) */
    const char *type;        /* node type */
    const char **mentions;   /* distinct surface forms, first-seen order */
    size_t mention_count;
    size_t doc_count;        /* documents that mention it */
    /* Analysis results; zero until fg_graph_analyze(). */
    long degree, in_degree, out_degree;
    double pagerank;
    double betweenness;
    long community;          /* 0-based community id */
} fg_node;

/* An edge as the graph stores it. Borrowed; valid until the graph changes or is freed. */
typedef struct fg_edge {
    size_t source, target;   /* node indices */
    const char *type;        /* edge type */
    long weight;             /* statements merged into this edge */
    const char *status;      /* NULL, or "planned"/"considered"/"reported"/"denied":
                                the status of the first statement; an edge stated
                                once plainly has NULL */
    bool has_amount;
    double amount;
    const char *currency;
    bool has_quantity;
    double quantity;
    const char *date, *date_norm;   /* first statement's date, or NULL */
    const fg_evidence *evidence;
    size_t evidence_count;
} fg_edge;

/* Caller owns; free with fg_graph_free(). */
fg_status fg_graph_new(fg_graph **out, fg_error *err);
/* NULL-safe. */
void fg_graph_free(fg_graph *g);

/* Adds the mentions (as nodes) and facts (as edges) of one document. doc names
 * the document in evidence. All strings are copied. Errors: FG_ENOMEM. */
fg_status fg_graph_add_extraction(fg_graph *g, const char *doc, const fg_extraction *x,
                                  fg_error *err);

/* Records that a document was processed (counted in the summary). */
void fg_graph_count_document(fg_graph *g);
size_t fg_graph_document_count(const fg_graph *g);

size_t fg_graph_node_count(const fg_graph *g);
size_t fg_graph_edge_count(const fg_graph *g);
/* i < count. Borrowed, see fg_node. */
const fg_node *fg_graph_node_get(const fg_graph *g, size_t i);
const fg_edge *fg_graph_edge_get(const fg_graph *g, size_t i);
/* Index of the node with this id, or (size_t)-1. */
size_t fg_graph_node_find(const fg_graph *g, const char *id);

/* Puts the graph in its canonical order, which depends only on what was
 * added, never on the order it was added in: nodes sorted by id, edges by
 * (source id, target id, type), each node's mentions by bytes, each edge's
 * evidence by (doc, sentence, start, end, trigger, rule, text); the edge
 * attributes (status, amount, quantity, date) are those of the first
 * statement in that order, as fg_edge describes, and a node's type is the
 * type it was given most often (the smallest in byte order among equals).
 * Call it after the last add, before fg_graph_analyze() and the writers,
 * wherever output must not depend on input order (factgraph build and merge:
 * shards merged in any grouping give the same bytes). Node and edge indices
 * change, and fg_node/fg_edge pointers from before are invalid. Adding more
 * afterwards is allowed; call it again then. Errors: FG_ENOMEM, and the graph
 * is unchanged. Time complexity: O(V log V + E log E + S log S) string
 * comparisons for V nodes, E edges and S statements. */
fg_status fg_graph_canonicalize(fg_graph *g, fg_error *err);

/* Computes degree, in/out degree, PageRank (damping 0.85, weighted), betweenness
 * (directed, unweighted) and communities (Louvain multi-level on the undirected,
 * weight-summed view) with igraph, storing them in the nodes. Community ids are
 * renumbered by first node seen, so they are stable. Large graphs (see
 * analyze.c): betweenness is exact up to V * E = 2.5e8 (V nodes, E distinct
 * linked pairs), and above that estimated from 256 evenly spaced source nodes
 * and scaled by V/256 (Brandes and Pich's pivot sampling, unbiased);
 * communities come from Leiden (modularity, two iterations) instead of
 * Louvain above 100000 linked pairs. Errors: FG_EDEP (igraph's message),
 * FG_ENOMEM.
 * Time complexity: O(V E) for exact betweenness, O(256 E) estimated; the rest
 * near-linear. */
fg_status fg_graph_analyze(fg_graph *g, fg_error *err);

/* ---- selection ------------------------------------------------------------ */

/* What to keep of a graph before writing it (fg_graph_new_subgraph). A zeroed
 * struct keeps everything:  fg_selection sel = FG_SELECTION_INIT;
 * The lists are borrowed for the call; each holds *_count NUL-terminated
 * strings, compared exactly. The steps run in this order:
 *   1. edge filters: an edge stays when its type is in edge_types (if any),
 *      its weight >= min_weight, and its status is in statuses (if any; the
 *      word "stated" stands for a plain fact, one without a status);
 *   2. when any edge filter is set, a node left without an edge is dropped:
 *      "the bans" means the bans and who they involve;
 *   3. node filter: a node stays when its type is in types (if any);
 *   4. ego: only nodes within depth steps of node ego, following the edges
 *      kept so far in either direction through nodes kept so far;
 *   5. top: only the top nodes by PageRank (ties: first seen), 0 = no limit.
 * The ego node survives steps 2, 3 and 5 (it counts towards top). An edge
 * stays when it passed step 1 and both its ends stayed. */
typedef struct fg_selection {
    const char *const *edge_types;
    size_t edge_type_count;
    long min_weight;
    const char *const *statuses;
    size_t status_count;
    const char *const *types;
    size_t type_count;
    bool has_ego;
    size_t ego;              /* node index in the graph being selected from */
    size_t depth;
    size_t top;
} fg_selection;

#define FG_SELECTION_INIT {NULL, 0, 0, NULL, 0, NULL, 0, false, 0, 0, 0}

/* True if sel keeps everything (no filter set). */
bool fg_selection_is_empty(const fg_selection *sel);

/* A new graph holding the part of g that sel keeps, in g's order. Nodes keep
 * the analysis results of the full graph (degree, PageRank, community...):
 * they describe an entity's place among all the facts, and a diagram of a
 * neighbourhood should not rank its nodes differently from the whole. The
 * document count is g's. Every string is copied, so g may be freed first.
 * Caller owns *out; free with fg_graph_free(). Errors: FG_ENOMEM, FG_EINVAL
 * (sel->ego is not a node of g).
 * Time complexity: O(V log V + E). */
fg_status fg_graph_new_subgraph(fg_graph **out, const fg_graph *g, const fg_selection *sel,
                                fg_error *err);

/* The node that name names, for options such as --ego: its id, its label or
 * one of its mentions, compared first exactly and then ignoring ASCII case.
 * Among several nodes matched at the same level, the one with the highest
 * PageRank. *matches (may be NULL) receives how many nodes matched at that
 * level, so a caller can say that a name was ambiguous. Returns the node's
 * index, or (size_t)-1 when nothing matches.
 * Time complexity: O(V + total mentions). */
size_t fg_graph_node_find_name(const fg_graph *g, const char *name, size_t *matches);

#ifdef __cplusplus
}
#endif
#endif
