/* select.c - the part of a graph that the selection options keep.
 *
 * Selection makes a filtered copy rather than a view: every writer then takes
 * an ordinary fg_graph, and none of them needs to know that a selection
 * exists. A copy costs the selected part once more, and selections are made
 * to shrink a graph (a diagram of a neighbourhood, the top 50 nodes).
 *
 * The steps and their order are documented with fg_selection in graph.h. */
#include "graph_int.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The word --status uses for a fact stated as done (NULL status). */
#define STATUS_STATED "stated"

static fg_status oom(fg_error *err)
{
    return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
}

static bool listed(const char *const *list, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (s && strcmp(list[i], s) == 0)
            return true;
    return false;
}

static bool has_edge_filter(const fg_selection *sel)
{
    return sel->edge_type_count > 0 || sel->min_weight > 0 || sel->status_count > 0;
}

bool fg_selection_is_empty(const fg_selection *sel)
{
    return !has_edge_filter(sel) && sel->type_count == 0 && !sel->has_ego && sel->top == 0;
}

static bool edge_passes(const fg_selection *sel, const fg_edge *e)
{
    if (sel->edge_type_count > 0 && !listed(sel->edge_types, sel->edge_type_count, e->type))
        return false;
    if (e->weight < sel->min_weight)
        return false;
    if (sel->status_count > 0 &&
        !listed(sel->statuses, sel->status_count, e->status ? e->status : STATUS_STATED))
        return false;
    return true;
}

/* Step 4: breadth-first from the ego node over kept edges, both directions.
 * adj holds, per node, the kept edges touching it (CSR layout: adj_start[v]
 * .. adj_start[v + 1]), so each step is linear in what it visits. */
struct walk {
    size_t *adj_start, *adj, *queue, *dist;
};

static void walk_release(struct walk *w)
{
    free(w->adj_start);
    free(w->adj);
    free(w->queue);
    free(w->dist);
}

static fg_status ego_walk(bool *keep_node, const bool *keep_edge, const fg_graph *g,
                          const fg_selection *sel, fg_error *err)
{
    fg_status st = FG_OK;
    struct walk w = {0};
    size_t nn = g->node_count, ne = g->edge_count, head = 0, tail = 0;

    /* nn + 1 and 2 * ne fit: the graph already holds larger arrays of both */
    w.adj_start = calloc(nn + 1, sizeof(size_t));
    w.adj = malloc((ne > 0 ? 2 * ne : 1) * sizeof(size_t));
    w.queue = malloc((nn ? nn : 1) * sizeof(size_t));
    w.dist = malloc((nn ? nn : 1) * sizeof(size_t));
    if (!w.adj_start || !w.adj || !w.queue || !w.dist) {
        st = oom(err);
        goto out;
    }
    for (size_t i = 0; i < ne; i++) {
        const fg_edge *e = &g->edges[i].pub;
        if (!keep_edge[i])
            continue;
        w.adj_start[e->source + 1]++;
        w.adj_start[e->target + 1]++;
    }
    for (size_t v = 0; v < nn; v++)
        w.adj_start[v + 1] += w.adj_start[v];
    /* fill using dist[] as the per-node cursor, then reset it */
    for (size_t v = 0; v < nn; v++)
        w.dist[v] = w.adj_start[v];
    for (size_t i = 0; i < ne; i++) {
        const fg_edge *e = &g->edges[i].pub;
        if (!keep_edge[i])
            continue;
        w.adj[w.dist[e->source]++] = e->target;
        w.adj[w.dist[e->target]++] = e->source;
    }
    for (size_t v = 0; v < nn; v++)
        w.dist[v] = SIZE_MAX;
    w.dist[sel->ego] = 0;
    w.queue[tail++] = sel->ego;
    while (head < tail) {
        size_t v = w.queue[head++];
        if (w.dist[v] >= sel->depth)
            continue;
        for (size_t k = w.adj_start[v]; k < w.adj_start[v + 1]; k++) {
            size_t u = w.adj[k];
            if (!keep_node[u] || w.dist[u] != SIZE_MAX)
                continue;
            w.dist[u] = w.dist[v] + 1;
            w.queue[tail++] = u;
        }
    }
    for (size_t v = 0; v < nn; v++)
        keep_node[v] = keep_node[v] && w.dist[v] != SIZE_MAX;
out:
    walk_release(&w);
    return st;
}

/* Step 5. qsort is not stable, so ties are broken by index explicitly. */
static int by_pagerank(const void *pa, const void *pb, void *arg)
{
    const fg_graph *g = arg;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    double x = g->nodes[a].pub.pagerank, y = g->nodes[b].pub.pagerank;
    if (x != y)
        return x > y ? -1 : 1;
    return a < b ? -1 : a > b;
}

static fg_status keep_top(bool *keep_node, const fg_graph *g, const fg_selection *sel,
                          fg_error *err)
{
    size_t nn = g->node_count, kept = 0, room = sel->top;
    size_t *order = malloc((nn ? nn : 1) * sizeof(*order));

    if (!order)
        return oom(err);
    for (size_t v = 0; v < nn; v++)
        if (keep_node[v])
            order[kept++] = v;
    if (kept > sel->top) {
        qsort_r(order, kept, sizeof(*order), by_pagerank, (void *)g);
        if (sel->has_ego)
            room--; /* top >= 1 here, and the ego node takes one place */
        for (size_t k = 0; k < kept; k++) {
            size_t v = order[k];
            if (sel->has_ego && v == sel->ego)
                continue;
            if (room > 0)
                room--;
            else
                keep_node[v] = false;
        }
    }
    free(order);
    return FG_OK;
}

/* Decides, into keep_node and keep_edge, what sel keeps. */
static fg_status decide(bool *keep_node, bool *keep_edge, const fg_graph *g,
                        const fg_selection *sel, fg_error *err)
{
    fg_status st;
    size_t nn = g->node_count, ne = g->edge_count;
    bool *touched = NULL;

    for (size_t i = 0; i < ne; i++)
        keep_edge[i] = edge_passes(sel, &g->edges[i].pub);
    for (size_t v = 0; v < nn; v++)
        keep_node[v] = true;
    if (has_edge_filter(sel)) {
        touched = calloc(nn ? nn : 1, sizeof(*touched));
        if (!touched)
            return oom(err);
        for (size_t i = 0; i < ne; i++) {
            if (keep_edge[i]) {
                touched[g->edges[i].pub.source] = true;
                touched[g->edges[i].pub.target] = true;
            }
        }
        for (size_t v = 0; v < nn; v++)
            keep_node[v] = touched[v];
        free(touched);
    }
    if (sel->type_count > 0) {
        for (size_t v = 0; v < nn; v++)
            if (!listed(sel->types, sel->type_count, g->nodes[v].pub.type))
                keep_node[v] = false;
    }
    if (sel->has_ego) {
        keep_node[sel->ego] = true;
        if ((st = ego_walk(keep_node, keep_edge, g, sel, err)) != FG_OK)
            return st;
    }
    if (sel->top > 0 && (st = keep_top(keep_node, g, sel, err)) != FG_OK)
        return st;
    for (size_t i = 0; i < ne; i++) {
        const fg_edge *e = &g->edges[i].pub;
        keep_edge[i] = keep_edge[i] && keep_node[e->source] && keep_node[e->target];
    }
    return FG_OK;
}

fg_status fg_graph_new_subgraph(fg_graph **out, const fg_graph *g, const fg_selection *sel,
                                fg_error *err)
{
    fg_status st;
    fg_graph *sub = NULL;
    bool *keep_node = NULL, *keep_edge = NULL;
    size_t *index = NULL; /* node index in g -> index in sub */
    size_t nn = g->node_count, ne = g->edge_count;

    assert(out && g && sel);
    *out = NULL;
    if (sel->has_ego && sel->ego >= nn)
        return fg_error_set(err, FG_EINVAL, NULL, "ego node %zu is not in the graph", sel->ego);
    keep_node = malloc(nn ? nn * sizeof(*keep_node) : 1);
    keep_edge = malloc(ne ? ne * sizeof(*keep_edge) : 1);
    index = malloc(nn ? nn * sizeof(*index) : 1);
    if (!keep_node || !keep_edge || !index) {
        st = oom(err);
        goto out;
    }
    if ((st = decide(keep_node, keep_edge, g, sel, err)) != FG_OK)
        goto out;
    if ((st = fg_graph_new(&sub, err)) != FG_OK)
        goto out;
    sub->documents = g->documents;
    for (size_t v = 0; v < nn; v++) {
        if (keep_node[v] &&
            (st = fg_graph_copy_node(&index[v], sub, &g->nodes[v].pub, err)) != FG_OK)
            goto out;
    }
    for (size_t i = 0; i < ne; i++) {
        const fg_edge *e = &g->edges[i].pub;
        if (keep_edge[i] &&
            (st = fg_graph_copy_edge(sub, index[e->source], index[e->target], e, err)) != FG_OK)
            goto out;
    }
    *out = sub;
    sub = NULL;
out:
    fg_graph_free(sub);
    free(index);
    free(keep_edge);
    free(keep_node);
    return st;
}

/* ---- names ---------------------------------------------------------------- */

static bool ascii_caseeq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return *a == *b;
}

static bool same(const char *a, const char *b, bool fold)
{
    return fold ? ascii_caseeq(a, b) : strcmp(a, b) == 0;
}

static bool names_node(const fg_node *n, const char *name, bool fold)
{
    if (same(n->id, name, fold) || (n->label && same(n->label, name, fold)))
        return true;
    for (size_t k = 0; k < n->mention_count; k++)
        if (same(n->mentions[k], name, fold))
            return true;
    return false;
}

size_t fg_graph_node_find_name(const fg_graph *g, const char *name, size_t *matches)
{
    size_t best = (size_t)-1, count = 0;

    assert(g && name);
    /* level 0: the id exactly (ids are unique, so at most one) */
    best = fg_graph_node_find(g, name);
    if (best != (size_t)-1) {
        count = 1;
        goto out;
    }
    for (int fold = 0; fold <= 1 && count == 0; fold++) {
        for (size_t v = 0; v < g->node_count; v++) {
            const fg_node *n = &g->nodes[v].pub;
            if (!names_node(n, name, fold != 0))
                continue;
            if (count++ == 0 || n->pagerank > g->nodes[best].pub.pagerank)
                best = v;
        }
    }
out:
    if (matches)
        *matches = count;
    return best;
}
