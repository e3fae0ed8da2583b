/* analyze.c - degree, PageRank, betweenness and communities with igraph 0.10.
 *
 * Debian ships igraph 0.10.2, so this codes against /usr/include/igraph/
 * (igraph's main branch is 1.0-dev). No igraph type leaves this file.
 *
 * igraph's process-wide state, and how we treat it:
 * - its default error handler aborts the process and its warning handler
 *   prints to stderr; a library may do neither. For the length of the call we
 *   install igraph_error_handler_ignore (a failing function then frees its own
 *   temporaries and returns the code) and igraph_warning_handler_ignore, and
 *   restore the caller's handlers before returning. Our own igraph objects
 *   are not on igraph's FINALLY stack: each has a bool, and release() destroys
 *   those that exist;
 * - Louvain visits vertices in random order. Rather than reseed the caller's
 *   default RNG, we make a private one (PCG32, igraph 0.10's default type)
 *   seeded with 42, make it the default for the one call, and put the old one
 *   back, so results are reproducible and the caller's stream is untouched.
 * Debian builds igraph with IGRAPH_THREAD_SAFE 0, so these handlers and the
 * default RNG are plain globals: fg_graph_analyze() must not run in two
 * threads at once;
 * - Debian's igraph runs PRPACK (PageRank) with OpenMP, whose parallel sums
 *   add in a different order from run to run: the same graph got PageRank
 *   values differing in the 15th digit, and `factgraph merge` of one file
 *   wrote different bytes each time. We set OpenMP to one thread for the
 *   call and restore the caller's setting after.
 *
 * NEEDSWORK: igraph 0.10.2's Louvain step ignores the error code of
 * igraph_i_multilevel_community_links() (src/community/louvain.c), so when an
 * allocation fails inside it, it goes on with vectors the ignore handler has
 * freed and may crash instead of returning IGRAPH_ENOMEM. Every other
 * allocation failure here is tested (tests/unit/test_graph.c); this one needs
 * a newer igraph.
 *
 * The graphs igraph sees:
 * - directed: one igraph edge per fg_edge, weighted by statement count. Edges
 *   of different types between one pair are parallel edges; PageRank sums
 *   their weights, the degrees count each of them (and a loop twice in the
 *   total degree);
 * - simple: the directed graph without parallel edges and loops, for
 *   betweenness. Unweighted betweenness counts shortest paths, and a pair
 *   linked by two fact types is still one step apart: counting such a step
 *   twice would bias paths towards entities that happen to share several
 *   kinds of fact;
 * - undirected: one edge per unordered pair, its weight the sum of the
 *   weights of both directions and all types, for Louvain. We build it
 *   ourselves instead of calling igraph_to_undirected(), whose weight
 *   combination needs igraph's global attribute handler.
 *
 * Results go into igraph vectors, and reach the nodes only once every step has
 * succeeded, so a failure leaves the previous analysis in place. */
#include "graph_int.h"

#include <assert.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <igraph.h>
#include <omp.h>

#define DAMPING 0.85
#define LOUVAIN_SEED 42
#define LOUVAIN_RESOLUTION 1.0

/* Exact betweenness (Brandes) runs one search from every node: O(V E) steps.
 * Up to this much work (V times E of the simplified graph; about five seconds
 * on one core of a 2020s machine: igraph 0.10 takes 36 s for 20k nodes and
 * 100k edges, bench/RESULTS.md) we compute it exactly. Above it, a graph of
 * 100k nodes and 1M edges would take about half an hour, so we estimate it from
 * BETWEENNESS_PIVOTS sources only (Brandes and Pich 2007, "Centrality
 * estimation in large networks"): the dependencies that the searches from k
 * sources add up are scaled by V/k, which is an unbiased estimate of the
 * exact value, O(k E). The sources are every (V/k)-th node in node order,
 * which after fg_graph_canonicalize() is id order: deterministic, and
 * unrelated to the graph's structure. Rejected: igraph_betweenness_cutoff(),
 * which counts only paths up to a length and so undercounts the bridges
 * between communities, the nodes betweenness is for. */
#define BETWEENNESS_EXACT_MAX 2.5e8
#define BETWEENNESS_PIVOTS 256

/* Louvain (igraph_community_multilevel) slows down badly on large graphs
 * without a clear community structure: 55 s for 100k nodes and 1M edges,
 * against 6 s for Leiden (Traag et al. 2019, igraph_community_leiden) with
 * the modularity objective, which also finds better partitions there and
 * guarantees connected communities. Up to this many linked pairs we keep
 * Louvain, whose results the tests and users already know; above it, Leiden
 * with the same objective (node weights = weighted degree, resolution =
 * 1 / (2 * total weight)) and igraph's default of two iterations. */
#define LOUVAIN_MAX_PAIRS 100000
#define LEIDEN_ITERATIONS 2
#define LEIDEN_BETA 0.01

struct analysis {
    igraph_integer_t n;
    igraph_t directed, simple, undirected;
    bool has_directed, has_simple, has_undirected;
    igraph_vector_int_t edges, uedges;
    bool has_edges, has_uedges;
    igraph_vector_t weights, uweights;
    bool has_weights, has_uweights;
    igraph_vector_int_t out_degree, in_degree, degree, membership;
    bool has_out_degree, has_in_degree, has_degree, has_membership;
    igraph_vector_t pagerank, betweenness;
    bool has_pagerank, has_betweenness;
    igraph_vector_int_t pivots;
    bool has_pivots;
    igraph_vector_t strength;
    bool has_strength;
    igraph_rng_t rng;
    bool has_rng;
    long *community;   /* membership renumbered by first node seen */
};

static void release(struct analysis *a)
{
    if (a->has_directed)
        igraph_destroy(&a->directed);
    if (a->has_simple)
        igraph_destroy(&a->simple);
    if (a->has_undirected)
        igraph_destroy(&a->undirected);
    if (a->has_edges)
        igraph_vector_int_destroy(&a->edges);
    if (a->has_uedges)
        igraph_vector_int_destroy(&a->uedges);
    if (a->has_weights)
        igraph_vector_destroy(&a->weights);
    if (a->has_uweights)
        igraph_vector_destroy(&a->uweights);
    if (a->has_out_degree)
        igraph_vector_int_destroy(&a->out_degree);
    if (a->has_in_degree)
        igraph_vector_int_destroy(&a->in_degree);
    if (a->has_degree)
        igraph_vector_int_destroy(&a->degree);
    if (a->has_membership)
        igraph_vector_int_destroy(&a->membership);
    if (a->has_pagerank)
        igraph_vector_destroy(&a->pagerank);
    if (a->has_betweenness)
        igraph_vector_destroy(&a->betweenness);
    if (a->has_pivots)
        igraph_vector_int_destroy(&a->pivots);
    if (a->has_strength)
        igraph_vector_destroy(&a->strength);
    if (a->has_rng)
        igraph_rng_destroy(&a->rng);
    free(a->community);
}

/* Turns an igraph code into ours: FG_OK, FG_ENOMEM, or FG_EDEP with igraph's
 * message (lowercased, without its final period, as our messages are). what
 * names the igraph function. */
static fg_status check(fg_error *err, igraph_error_t code, const char *what)
{
    char msg[FG_ERROR_TEXT_MAX];
    size_t len;

    if (code == IGRAPH_SUCCESS)
        return FG_OK;
    if (code == IGRAPH_ENOMEM)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    len = strlen(igraph_strerror(code));
    if (len >= sizeof(msg))
        len = sizeof(msg) - 1;
    memcpy(msg, igraph_strerror(code), len);
    msg[len] = '\0';
    if (len > 0 && msg[len - 1] == '.')
        msg[len - 1] = '\0';
    msg[0] = (char)tolower((unsigned char)msg[0]);
    return fg_error_set(err, FG_EDEP, NULL, "%s: %s", what, msg);
}

/* ---- building igraph's views ---------------------------------------------- */

static fg_status build_directed(struct analysis *a, const fg_graph *g, fg_error *err)
{
    fg_status st;
    igraph_integer_t m = (igraph_integer_t)g->edge_count;

    if ((st = check(err, igraph_vector_int_init(&a->edges, 2 * m),
                    "igraph_vector_int_init")) != FG_OK)
        return st;
    a->has_edges = true;
    if ((st = check(err, igraph_vector_init(&a->weights, m), "igraph_vector_init")) != FG_OK)
        return st;
    a->has_weights = true;
    for (igraph_integer_t i = 0; i < m; i++) {
        const fg_edge *e = &g->edges[i].pub;
        VECTOR(a->edges)[2 * i] = (igraph_integer_t)e->source;
        VECTOR(a->edges)[2 * i + 1] = (igraph_integer_t)e->target;
        VECTOR(a->weights)[i] = (igraph_real_t)e->weight;
    }
    if ((st = check(err, igraph_create(&a->directed, &a->edges, a->n, IGRAPH_DIRECTED),
                    "igraph_create")) != FG_OK)
        return st;
    a->has_directed = true;
    return FG_OK;
}

struct pair {
    igraph_integer_t u, v;   /* u <= v */
    igraph_real_t w;
};

static int pair_cmp(const void *pa, const void *pb)
{
    const struct pair *x = pa, *y = pb;
    if (x->u != y->u)
        return x->u < y->u ? -1 : 1;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    return 0;
}

/* Sorting the pairs (u <= v) brings both directions and all types of one pair
 * together, and fixes the edge order, so Louvain sees the same graph for the
 * same set of edges. */
static fg_status build_undirected(struct analysis *a, const fg_graph *g, fg_error *err)
{
    fg_status st = FG_OK;
    struct pair *pairs = NULL;
    size_t m = g->edge_count, k = 0;

    if (m > SIZE_MAX / sizeof(*pairs)) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    pairs = malloc(m ? m * sizeof(*pairs) : 1);
    if (!pairs) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < m; i++) {
        const fg_edge *e = &g->edges[i].pub;
        igraph_integer_t s = (igraph_integer_t)e->source, t = (igraph_integer_t)e->target;
        pairs[i].u = s < t ? s : t;
        pairs[i].v = s < t ? t : s;
        pairs[i].w = (igraph_real_t)e->weight;
    }
    qsort(pairs, m, sizeof(*pairs), pair_cmp);
    for (size_t i = 0; i < m; i++) {
        if (k > 0 && pair_cmp(&pairs[k - 1], &pairs[i]) == 0)
            pairs[k - 1].w += pairs[i].w;
        else
            pairs[k++] = pairs[i];
    }

    if ((st = check(err, igraph_vector_int_init(&a->uedges, 2 * (igraph_integer_t)k),
                    "igraph_vector_int_init")) != FG_OK)
        goto out;
    a->has_uedges = true;
    if ((st = check(err, igraph_vector_init(&a->uweights, (igraph_integer_t)k),
                    "igraph_vector_init")) != FG_OK)
        goto out;
    a->has_uweights = true;
    for (size_t i = 0; i < k; i++) {
        VECTOR(a->uedges)[2 * i] = pairs[i].u;
        VECTOR(a->uedges)[2 * i + 1] = pairs[i].v;
        VECTOR(a->uweights)[i] = pairs[i].w;
    }
    if ((st = check(err, igraph_create(&a->undirected, &a->uedges, a->n, IGRAPH_UNDIRECTED),
                    "igraph_create")) != FG_OK)
        goto out;
    a->has_undirected = true;
out:
    free(pairs);
    return st;
}

/* ---- the measures ------------------------------------------------------- */

static fg_status degree(igraph_vector_int_t *res, bool *has, const igraph_t *graph,
                        igraph_neimode_t mode, fg_error *err)
{
    fg_status st;

    if ((st = check(err, igraph_vector_int_init(res, 0), "igraph_vector_int_init")) != FG_OK)
        return st;
    *has = true;
    return check(err, igraph_degree(graph, res, igraph_vss_all(), mode, IGRAPH_LOOPS),
                 "igraph_degree");
}

static fg_status degrees(struct analysis *a, fg_error *err)
{
    fg_status st;

    if ((st = degree(&a->out_degree, &a->has_out_degree, &a->directed, IGRAPH_OUT, err)) != FG_OK)
        return st;
    if ((st = degree(&a->in_degree, &a->has_in_degree, &a->directed, IGRAPH_IN, err)) != FG_OK)
        return st;
    return degree(&a->degree, &a->has_degree, &a->directed, IGRAPH_ALL, err);
}

/* PRPACK treats a node without out-edges as linking to every node, so the
 * scores sum to 1 and an edgeless graph gives each node 1/n. */
static fg_status pagerank(struct analysis *a, fg_error *err)
{
    fg_status st;
    igraph_real_t value;

    if ((st = check(err, igraph_vector_init(&a->pagerank, 0), "igraph_vector_init")) != FG_OK)
        return st;
    a->has_pagerank = true;
    return check(err,
                 igraph_pagerank(&a->directed, IGRAPH_PAGERANK_ALGO_PRPACK, &a->pagerank, &value,
                                 igraph_vss_all(), IGRAPH_DIRECTED, DAMPING, &a->weights, NULL),
                 "igraph_pagerank");
}

/* Betweenness from BETWEENNESS_PIVOTS evenly spaced sources, scaled by
 * n / k (see BETWEENNESS_EXACT_MAX). */
static fg_status estimate_betweenness(struct analysis *a, igraph_integer_t n, fg_error *err)
{
    fg_status st;
    igraph_integer_t k = BETWEENNESS_PIVOTS;

    if ((st = check(err, igraph_vector_int_init(&a->pivots, k), "igraph_vector_int_init")) !=
        FG_OK)
        return st;
    a->has_pivots = true;
    for (igraph_integer_t i = 0; i < k; i++)
        VECTOR(a->pivots)[i] = (igraph_integer_t)((double)i * (double)n / (double)k);
    if ((st = check(err,
                    igraph_betweenness_subset(&a->simple, &a->betweenness, igraph_vss_all(),
                                              IGRAPH_DIRECTED, igraph_vss_vector(&a->pivots),
                                              igraph_vss_all(), NULL),
                    "igraph_betweenness_subset")) != FG_OK)
        return st;
    igraph_vector_scale(&a->betweenness, (igraph_real_t)n / (igraph_real_t)k);
    return FG_OK;
}

static fg_status betweenness(struct analysis *a, fg_error *err)
{
    fg_status st;

    if ((st = check(err, igraph_copy(&a->simple, &a->directed), "igraph_copy")) != FG_OK)
        return st;
    a->has_simple = true;
    if ((st = check(err, igraph_simplify(&a->simple, true, true, NULL),
                    "igraph_simplify")) != FG_OK)
        return st;
    if ((st = check(err, igraph_vector_init(&a->betweenness, 0), "igraph_vector_init")) != FG_OK)
        return st;
    a->has_betweenness = true;
    igraph_integer_t n = igraph_vcount(&a->simple), m = igraph_ecount(&a->simple);
    if ((double)n * (double)m <= BETWEENNESS_EXACT_MAX || n <= BETWEENNESS_PIVOTS)
        return check(err,
                     igraph_betweenness(&a->simple, &a->betweenness, igraph_vss_all(),
                                        IGRAPH_DIRECTED, NULL),
                     "igraph_betweenness");
    return estimate_betweenness(a, n, err);
}

/* Leiden with the modularity objective (see LOUVAIN_MAX_PAIRS), on the
 * undirected, weight-summed view. */
static fg_status leiden(struct analysis *a, fg_error *err)
{
    fg_status st;
    igraph_real_t total = igraph_vector_sum(&a->uweights);
    igraph_integer_t clusters = 0;
    igraph_real_t quality = 0;

    if ((st = check(err, igraph_vector_init(&a->strength, 0), "igraph_vector_init")) != FG_OK)
        return st;
    a->has_strength = true;
    if ((st = check(err,
                    igraph_strength(&a->undirected, &a->strength, igraph_vss_all(), IGRAPH_ALL,
                                    IGRAPH_LOOPS, &a->uweights),
                    "igraph_strength")) != FG_OK)
        return st;
    return check(err,
                 igraph_community_leiden(&a->undirected, &a->uweights, &a->strength,
                                         total > 0 ? 1.0 / (2.0 * total) : 1.0, LEIDEN_BETA,
                                         false, LEIDEN_ITERATIONS, &a->membership, &clusters,
                                         &quality),
                 "igraph_community_leiden");
}

/* Louvain (or Leiden) with a private, seeded RNG; then ids renumbered 0.. in node order,
 * since igraph's numbering depends on its internals, not on our input. */
static fg_status communities(struct analysis *a, const fg_graph *g, fg_error *err)
{
    fg_status st = FG_OK;
    igraph_rng_t old_rng;
    long *renumber = NULL, next = 0;
    size_t n = (size_t)a->n;

    if ((st = build_undirected(a, g, err)) != FG_OK)
        goto out;
    if ((st = check(err, igraph_vector_int_init(&a->membership, 0),
                    "igraph_vector_int_init")) != FG_OK)
        goto out;
    a->has_membership = true;
    if ((st = check(err, igraph_rng_init(&a->rng, &igraph_rngtype_pcg32),
                    "igraph_rng_init")) != FG_OK)
        goto out;
    a->has_rng = true;
    if ((st = check(err, igraph_rng_seed(&a->rng, LOUVAIN_SEED), "igraph_rng_seed")) != FG_OK)
        goto out;
    /* igraph_rng_set_default() copies the struct (the state stays shared),
     * so keeping a copy of the old struct is what restores it. */
    old_rng = *igraph_rng_default();
    igraph_rng_set_default(&a->rng);
    if (igraph_ecount(&a->undirected) > LOUVAIN_MAX_PAIRS)
        st = leiden(a, err);
    else
        st = check(err,
                   igraph_community_multilevel(&a->undirected, &a->uweights, LOUVAIN_RESOLUTION,
                                               &a->membership, NULL, NULL),
                   "igraph_community_multilevel");
    igraph_rng_set_default(&old_rng);
    if (st != FG_OK)
        goto out;

    /* n >= 1 here; both arrays have n entries, well inside SIZE_MAX since the
     * node array already holds n larger structs. */
    renumber = malloc(n * sizeof(*renumber));
    a->community = malloc(n * sizeof(*a->community));
    if (!renumber || !a->community) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < n; i++)
        renumber[i] = -1;
    for (size_t i = 0; i < n; i++) {
        igraph_integer_t c = VECTOR(a->membership)[i];
        if (c < 0 || (size_t)c >= n) {
            st = fg_error_set(err, FG_EDEP, NULL,
                              "igraph_community_multilevel: community id out of range");
            goto out;
        }
        if (renumber[c] < 0)
            renumber[c] = next++;
        a->community[i] = renumber[c];
    }
out:
    free(renumber);
    return st;
}

/* ---- the entry point ------------------------------------------------------ */

static void store(fg_graph *g, const struct analysis *a)
{
    for (size_t i = 0; i < g->node_count; i++) {
        fg_node *n = &g->nodes[i].pub;
        n->out_degree = (long)VECTOR(a->out_degree)[i];
        n->in_degree = (long)VECTOR(a->in_degree)[i];
        n->degree = (long)VECTOR(a->degree)[i];
        n->pagerank = VECTOR(a->pagerank)[i];
        n->betweenness = VECTOR(a->betweenness)[i];
        n->community = a->community[i];
    }
}

fg_status fg_graph_analyze(fg_graph *g, fg_error *err)
{
    fg_status st = FG_OK;
    struct analysis a = {0};
    igraph_error_handler_t *old_error;
    igraph_warning_handler_t *old_warning;
    int old_threads;

    assert(g);
    if (g->node_count == 0)
        return FG_OK;
    /* igraph counts in igraph_integer_t and keeps two integers per edge. */
    if (g->node_count > (size_t)IGRAPH_VCOUNT_MAX || g->edge_count > (size_t)IGRAPH_ECOUNT_MAX)
        return fg_error_set(err, FG_EDEP, NULL, "graph too large for igraph");
    a.n = (igraph_integer_t)g->node_count;

    old_error = igraph_set_error_handler(igraph_error_handler_ignore);
    old_warning = igraph_set_warning_handler(igraph_warning_handler_ignore);
    old_threads = omp_get_max_threads();
    omp_set_num_threads(1);
    if ((st = build_directed(&a, g, err)) != FG_OK)
        goto out;
    if ((st = degrees(&a, err)) != FG_OK)
        goto out;
    if ((st = pagerank(&a, err)) != FG_OK)
        goto out;
    if ((st = betweenness(&a, err)) != FG_OK)
        goto out;
    if ((st = communities(&a, g, err)) != FG_OK)
        goto out;
    store(g, &a);
out:
    release(&a);
    omp_set_num_threads(old_threads);
    igraph_set_warning_handler(old_warning);
    igraph_set_error_handler(old_error);
    return st;
}
