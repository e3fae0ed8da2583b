/* canon.c - the canonical order of a graph, whatever order its documents were
 * added in.
 *
 * Why: `factgraph merge` must give byte-identical output for shards merged in
 * any grouping and order, and `build -j N` must equal `build -j 1` and
 * `extract | merge`. Adding documents in another order changes only the
 * order of things (first-seen node and edge order, evidence order, mention
 * order) and what "first" means (the first statement's status, amount and
 * date; a node's first type). So after the last add we sort everything by its
 * content and fold the edge attributes again in that order:
 *   - nodes by id (bytes); edges by (source id, target id, type);
 *   - a node's surface forms by bytes; its type is the one given most often,
 *     the smallest in byte order among equals;
 *   - an edge's statements by (doc, sentence, start, end, trigger, rule,
 *     text, then the attributes), so that even two identical statements
 *     from one document named twice sort the same way.
 * The analysis (analyze.c) then sees one graph for one set of documents, and
 * its renumbered communities follow the sorted node order.
 *
 * Every allocation happens before the first change, so a failure (FG_ENOMEM)
 * leaves the graph as it was. */
#include "graph_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

static fg_status oom(fg_error *err)
{
    return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
}

static int cmp_str(const char *a, const char *b)
{
    if (a == b)
        return 0;
    if (!a)
        return -1; /* absent sorts first */
    if (!b)
        return 1;
    return strcmp(a, b);
}

static int cmp_size(size_t a, size_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_double(double a, double b)
{
    return a < b ? -1 : a > b;
}

/* ---- nodes --------------------------------------------------------------- */

struct node_key {
    const char *id;
    size_t old;
};

static int cmp_node_key(const void *pa, const void *pb)
{
    const struct node_key *a = pa, *b = pb;
    return strcmp(a->id, b->id);
}

static int cmp_mention(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The type given most often; the smallest in byte order among equals. */
static const char *canonical_type(const struct fg_graph_node *n)
{
    const struct fg_type_count *best = NULL;
    for (size_t k = 0; k < n->type_count; k++) {
        const struct fg_type_count *t = &n->types[k];
        if (!best || t->n > best->n || (t->n == best->n && strcmp(t->type, best->type) < 0))
            best = t;
    }
    return best ? best->type : n->pub.type;
}

/* ---- edges --------------------------------------------------------------- */

struct edge_key {
    size_t source, target; /* new node indices */
    const char *type;
    size_t old;
};

static int cmp_edge_key(const void *pa, const void *pb)
{
    const struct edge_key *a = pa, *b = pb;
    int c = cmp_size(a->source, b->source);
    if (!c)
        c = cmp_size(a->target, b->target);
    return c ? c : strcmp(a->type, b->type);
}

struct stmt {
    fg_evidence ev;
    struct fg_stmt_attrs a;
};

static int cmp_attrs(const struct fg_stmt_attrs *a, const struct fg_stmt_attrs *b)
{
    int c = cmp_str(a->status, b->status);
    if (!c)
        c = cmp_size(a->has_amount, b->has_amount);
    if (!c)
        c = cmp_double(a->amount, b->amount);
    if (!c)
        c = cmp_str(a->currency, b->currency);
    if (!c)
        c = cmp_size(a->has_quantity, b->has_quantity);
    if (!c)
        c = cmp_double(a->quantity, b->quantity);
    if (!c)
        c = cmp_str(a->date, b->date);
    return c ? c : cmp_str(a->date_norm, b->date_norm);
}

static int cmp_stmt(const void *pa, const void *pb)
{
    const struct stmt *a = pa, *b = pb;
    int c = strcmp(a->ev.doc, b->ev.doc);
    if (!c)
        c = cmp_size(a->ev.sentence, b->ev.sentence);
    if (!c)
        c = cmp_size(a->ev.start, b->ev.start);
    if (!c)
        c = cmp_size(a->ev.end, b->ev.end);
    if (!c)
        c = strcmp(a->ev.trigger, b->ev.trigger);
    if (!c)
        c = strcmp(a->ev.rule, b->ev.rule);
    if (!c)
        c = strcmp(a->ev.text, b->ev.text);
    return c ? c : cmp_attrs(&a->a, &b->a);
}

/* Sorts the edge's statements (scratch has room for all of them) and folds
 * the attributes again in that order. */
static void canonical_statements(struct fg_graph_edge *edge, struct stmt *scratch)
{
    fg_edge *e = &edge->pub;
    size_t n = e->evidence_count;

    for (size_t k = 0; k < n; k++) {
        scratch[k].ev = edge->evidence[k];
        scratch[k].a = edge->attrs[k];
    }
    qsort(scratch, n, sizeof(*scratch), cmp_stmt);
    e->status = NULL;
    e->has_amount = e->has_quantity = false;
    e->amount = e->quantity = 0;
    e->currency = e->date = e->date_norm = NULL;
    for (size_t k = 0; k < n; k++) {
        edge->evidence[k] = scratch[k].ev;
        edge->attrs[k] = scratch[k].a;
        fg_graph_fold_attrs(e, &scratch[k].a, k == 0);
    }
}

/* ---- the whole graph ----------------------------------------------------- */

/* Moves a[from[i]] to a[i] for every i (from is a permutation of 0..n-1), in
 * place: each cycle of the permutation is followed once, with one element in
 * tmp. done has room for n flags. A copy of the array would double the
 * graph's largest allocation at the moment it is largest. */
static void permute(void *a, size_t n, size_t size, const size_t *from, unsigned char *done,
                    void *tmp)
{
    char *base = a;
    memset(done, 0, n);
    for (size_t start = 0; start < n; start++) {
        if (done[start] || from[start] == start)
            continue;
        memcpy(tmp, base + start * size, size);
        size_t j = start;
        for (;;) {
            size_t k = from[j];
            done[j] = 1;
            if (k == start) {
                memcpy(base + j * size, tmp, size);
                break;
            }
            memcpy(base + j * size, base + k * size, size);
            j = k;
        }
    }
}

fg_status fg_graph_canonicalize(fg_graph *g, fg_error *err)
{
    fg_status st = FG_OK;
    size_t nn = g->node_count, ne = g->edge_count, most = 1;
    struct node_key *nkeys = NULL;
    size_t *new_index = NULL;
    struct edge_key *ekeys = NULL;
    size_t *from = NULL;
    unsigned char *done = NULL;
    struct fg_graph_node tmp_node;
    struct fg_graph_edge tmp_edge;
    struct stmt *scratch = NULL;

    assert(g);
    for (size_t i = 0; i < ne; i++)
        if (g->edges[i].pub.evidence_count > most)
            most = g->edges[i].pub.evidence_count;
    /* The arrays are no larger than the node, edge and evidence arrays the
     * graph already holds, so these products do not overflow. */
    nkeys = malloc((nn ? nn : 1) * sizeof(*nkeys));
    new_index = malloc((nn ? nn : 1) * sizeof(*new_index));
    ekeys = malloc((ne ? ne : 1) * sizeof(*ekeys));
    size_t most_items = (nn > ne ? nn : ne) + 1;
    from = calloc(most_items, sizeof(*from)); /* calloc: GCC 12 warns of the unwritten tail */
    done = malloc(most_items);
    scratch = malloc(most * sizeof(*scratch));
    if (!nkeys || !new_index || !ekeys || !from || !done || !scratch) {
        st = oom(err);
        goto out;
    }

    for (size_t i = 0; i < nn; i++) {
        nkeys[i].id = g->nodes[i].pub.id;
        nkeys[i].old = i;
    }
    qsort(nkeys, nn, sizeof(*nkeys), cmp_node_key);
    for (size_t i = 0; i < nn; i++)
        new_index[nkeys[i].old] = i;
    for (size_t i = 0; i < ne; i++) {
        const fg_edge *e = &g->edges[i].pub;
        ekeys[i].source = new_index[e->source];
        ekeys[i].target = new_index[e->target];
        ekeys[i].type = e->type;
        ekeys[i].old = i;
    }
    qsort(ekeys, ne, sizeof(*ekeys), cmp_edge_key);

    /* Nothing fails from here on. */
    for (size_t i = 0; i < nn; i++)
        from[i] = nkeys[i].old;
    permute(g->nodes, nn, sizeof(*g->nodes), from, done, &tmp_node);
    for (size_t i = 0; i < nn; i++) {
        struct fg_graph_node *n = &g->nodes[i];
        /* replacing the value of a key that is there does not allocate */
        fg_map_put(g->node_index, n->pub.id, strlen(n->pub.id), (void *)(uintptr_t)(i + 1),
                   NULL);
        if (n->pub.mention_count > 1)
            qsort(n->pub.mentions, n->pub.mention_count, sizeof(*n->pub.mentions), cmp_mention);
        n->pub.type = canonical_type(n);
    }
    for (size_t i = 0; i < ne; i++)
        from[i] = ekeys[i].old;
    permute(g->edges, ne, sizeof(*g->edges), from, done, &tmp_edge);
    for (size_t i = 0; i < ne; i++) {
        unsigned char key[FG_EDGE_KEY_SIZE];
        g->edges[i].pub.source = ekeys[i].source;
        g->edges[i].pub.target = ekeys[i].target;
        /* the key (id and type pointers) is the same: only the value moves */
        fg_graph_edge_key(key, g, ekeys[i].source, ekeys[i].target, ekeys[i].type);
        fg_map_put(g->edge_index, (const char *)key, sizeof(key), (void *)(uintptr_t)(i + 1),
                   NULL);
    }
    for (size_t i = 0; i < ne; i++)
        canonical_statements(&g->edges[i], scratch);
out:
    free(scratch);
    free(done);
    free(from);
    free(ekeys);
    free(new_index);
    free(nkeys);
    return st;
}
