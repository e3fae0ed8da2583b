/* graph.c - merging extractions into one graph.
 *
 * Nodes are keyed by canonical id, edges by (source index, target index,
 * interned type pointer). Each fact becomes one statement of its edge: the
 * weight counts statements and the evidence lists them. The storage rules are
 * in graph_int.h.
 *
 * A failed add leaves the graph consistent (every id is in the index, every
 * edge has weight == evidence_count >= 1) but it may hold part of the
 * document: each fallible step (copying strings, growing an array, inserting
 * into a map) runs before the step that publishes its result. */
#include "graph_int.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ------------------------------------------------------ */

static fg_status oom(fg_error *err)
{
    return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
}

/* Maps store index + 1, so that a NULL value means "absent". */
static void *index_value(size_t i)
{
    return (void *)(uintptr_t)(i + 1);
}

static bool index_find(size_t *out, const fg_map *m, const void *key, size_t keylen)
{
    void *v = fg_map_find(m, key, keylen);
    if (!v)
        return false;
    *out = (size_t)(uintptr_t)v - 1;
    return true;
}

/* Returns arr with room for need elements of elem bytes, doubling *cap from
 * first; or NULL when out of memory or when the size would overflow, in which
 * case arr is untouched. The one place the graph's arrays grow. */
static void *grow(void *arr, size_t *cap, size_t need, size_t elem, size_t first)
{
    if (need <= *cap)
        return arr;
    size_t ncap = *cap ? *cap : first;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    if (ncap > SIZE_MAX / elem)
        return NULL;
    void *p = realloc(arr, ncap * elem);
    if (!p)
        return NULL;
    *cap = ncap;
    return p;
}

/* Interns s[0..len): *out is the graph's single copy of those bytes. NULL
 * stays NULL. */
static fg_status intern(const char **out, fg_graph *g, const char *s, size_t len,
                        fg_error *err)
{
    fg_status st;
    if (!s) {
        *out = NULL;
        return FG_OK;
    }
    const char *p = fg_map_find(g->interned, s, len);
    if (!p) {
        char *copy = fg_arena_strndup(g->strings, s, len);
        if (!copy)
            return oom(err);
        if ((st = fg_map_put(g->interned, s, len, copy, err)) != FG_OK)
            return st;
        p = copy;
    }
    *out = p;
    return FG_OK;
}

static fg_status intern_cstr(const char **out, fg_graph *g, const char *s, fg_error *err)
{
    return intern(out, g, s, s ? strlen(s) : 0, err);
}

/* Evidence fields are documented as strings, not "or NULL": exporters may
 * print them as they are, so a missing one becomes "". */
static fg_status intern_or_empty(const char **out, fg_graph *g, const char *s, fg_error *err)
{
    return intern_cstr(out, g, s ? s : "", err);
}

/* ---- life cycle --------------------------------------------------------- */

fg_status fg_graph_new(fg_graph **out, fg_error *err)
{
    fg_status st = FG_OK;
    fg_graph *g;

    assert(out);
    *out = NULL;
    g = calloc(1, sizeof(*g));
    if (!g) {
        st = oom(err);
        goto out;
    }
    g->strings = fg_arena_new();
    if (!g->strings) {
        st = oom(err);
        goto out;
    }
    if ((st = fg_map_new(&g->interned, err)) != FG_OK)
        goto out;
    if ((st = fg_map_new(&g->node_index, err)) != FG_OK)
        goto out;
    if ((st = fg_map_new(&g->edge_index, err)) != FG_OK)
        goto out;
    *out = g;
    g = NULL;
out:
    fg_graph_free(g);
    return st;
}

void fg_graph_free(fg_graph *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->node_count; i++) {
        free(g->nodes[i].pub.mentions);
        free(g->nodes[i].types);
    }
    for (size_t i = 0; i < g->edge_count; i++) {
        free(g->edges[i].evidence);
        free(g->edges[i].attrs);
    }
    free(g->nodes);
    free(g->edges);
    fg_map_free(g->edge_index);
    fg_map_free(g->node_index);
    fg_map_free(g->interned);
    fg_arena_free(g->strings);
    free(g);
}

/* ---- nodes -------------------------------------------------------------- */

/* *out is the index of the node with this id, created (with this type) if it
 * is new. A node created without a type takes the first type seen later. */
static fg_status ensure_node(size_t *out, fg_graph *g, const char *id, const char *type,
                             fg_error *err)
{
    fg_status st;
    size_t len = strlen(id), i = 0;

    if (index_find(&i, g->node_index, id, len)) {
        if (!g->nodes[i].pub.type && type) {
            if ((st = intern_cstr(&g->nodes[i].pub.type, g, type, err)) != FG_OK)
                return st;
        }
        *out = i;
        return FG_OK;
    }

    struct fg_graph_node *nodes =
        grow(g->nodes, &g->node_cap, g->node_count + 1, sizeof(*nodes), 64);
    if (!nodes)
        return oom(err);
    g->nodes = nodes;
    /* The id is unique, so it is copied rather than interned. */
    const char *copy = fg_arena_strndup(g->strings, id, len);
    if (!copy)
        return oom(err);
    const char *itype = NULL;
    if ((st = intern_cstr(&itype, g, type, err)) != FG_OK)
        return st;
    i = g->node_count;
    if ((st = fg_map_put(g->node_index, id, len, index_value(i), err)) != FG_OK)
        return st;

    struct fg_graph_node *n = &g->nodes[i];
    memset(n, 0, sizeof(*n));
    n->pub.id = copy;
    n->pub.label = copy;
    n->pub.type = itype;
    g->node_count++;
    *out = i;
    return FG_OK;
}

/* Counts the current document once per node, however often it names it. */
static void mark_document(fg_graph *g, size_t i)
{
    struct fg_graph_node *n = &g->nodes[i];
    if (n->last_add != g->adds) {
        n->last_add = g->adds;
        n->pub.doc_count++;
    }
}

/* Adds a surface form unless the node has it already. Surfaces are interned,
 * so equal ones are the same pointer; an entity has a handful of spellings,
 * so a linear scan of pointers beats a per-node set. */
static fg_status add_surface(fg_graph *g, size_t i, fg_str surface, fg_error *err)
{
    fg_status st;
    const char *s = NULL;

    if (!surface.ptr || surface.len == 0)
        return FG_OK;
    if ((st = intern(&s, g, surface.ptr, surface.len, err)) != FG_OK)
        return st;
    fg_node *n = &g->nodes[i].pub;
    for (size_t k = 0; k < n->mention_count; k++) {
        if (n->mentions[k] == s)
            return FG_OK;
    }
    const char **m =
        grow(n->mentions, &g->nodes[i].mention_cap, n->mention_count + 1, sizeof(*m), 2);
    if (!m)
        return oom(err);
    n->mentions = m;
    m[n->mention_count++] = s;
    return FG_OK;
}

/* Counts one more statement of the node's type. */
static fg_status count_type(fg_graph *g, size_t i, const char *type, fg_error *err)
{
    fg_status st;
    const char *t = NULL;
    struct fg_graph_node *n = &g->nodes[i];

    if (!type)
        return FG_OK;
    if ((st = intern_cstr(&t, g, type, err)) != FG_OK)
        return st;
    for (size_t k = 0; k < n->type_count; k++) {
        if (n->types[k].type == t) {
            n->types[k].n++;
            return FG_OK;
        }
    }
    struct fg_type_count *tc =
        grow(n->types, &n->type_cap, n->type_count + 1, sizeof(*tc), 1);
    if (!tc)
        return oom(err);
    n->types = tc;
    tc[n->type_count].type = t;
    tc[n->type_count].n = 1;
    n->type_count++;
    return FG_OK;
}

/* One entity named in the current document: ensures its node, counts the
 * document and the type, records the surface. */
static fg_status add_entity(size_t *out, fg_graph *g, const char *id, const char *type,
                            fg_str surface, fg_error *err)
{
    fg_status st;
    size_t i = 0;

    assert(id);
    if ((st = ensure_node(&i, g, id, type, err)) != FG_OK)
        return st;
    mark_document(g, i);
    if ((st = count_type(g, i, type, err)) != FG_OK)
        return st;
    if ((st = add_surface(g, i, surface, err)) != FG_OK)
        return st;
    *out = i;
    return FG_OK;
}

/* ---- edges -------------------------------------------------------------- */

/* The pointers identify the edge: the type is interned, and each node's id
 * is its own copy in the string arena. They do not change when
 * fg_graph_canonicalize() reorders the nodes, as indices would, so the index
 * keeps its keys and only its values move. */
void fg_graph_edge_key(unsigned char key[FG_EDGE_KEY_SIZE], const fg_graph *g, size_t src,
                       size_t dst, const char *type)
{
    const char *s = g->nodes[src].pub.id, *d = g->nodes[dst].pub.id;
    memcpy(key, &s, sizeof(s));
    memcpy(key + sizeof(s), &d, sizeof(d));
    memcpy(key + 2 * sizeof(s), &type, sizeof(type));
}

/* *out is the index of the edge (src, dst, type), created if new. A new edge
 * has weight 0 and room for one statement (evidence and attributes), so that
 * adding its first statement cannot fail and no edge is ever left without
 * evidence. */
static fg_status ensure_edge(size_t *out, fg_graph *g, size_t src, size_t dst,
                             const char *type, fg_error *err)
{
    fg_status st;
    unsigned char key[FG_EDGE_KEY_SIZE];
    size_t i = 0;

    fg_graph_edge_key(key, g, src, dst, type);
    if (index_find(&i, g->edge_index, key, sizeof(key))) {
        *out = i;
        return FG_OK;
    }
    struct fg_graph_edge *edges =
        grow(g->edges, &g->edge_cap, g->edge_count + 1, sizeof(*edges), 64);
    if (!edges)
        return oom(err);
    g->edges = edges;
    fg_evidence *ev = malloc(sizeof(*ev));
    struct fg_stmt_attrs *attrs = malloc(sizeof(*attrs));
    if (!ev || !attrs) {
        free(ev);
        free(attrs);
        return oom(err);
    }
    i = g->edge_count;
    if ((st = fg_map_put(g->edge_index, (const char *)key, sizeof(key), index_value(i),
                         err)) != FG_OK) {
        free(ev);
        free(attrs);
        return st;
    }

    struct fg_graph_edge *e = &g->edges[i];
    memset(e, 0, sizeof(*e));
    e->pub.source = src;
    e->pub.target = dst;
    e->pub.type = type;
    e->pub.evidence = ev;
    e->evidence = ev;
    e->evidence_cap = 1;
    e->attrs = attrs;
    e->attrs_cap = 1;
    g->edge_count++;
    *out = i;
    return FG_OK;
}

/* One fact with its strings already in the graph's storage. */
struct statement {
    const char *type;
    struct fg_stmt_attrs a;
    fg_evidence ev;
};

/* Copies a sentence once per document even when several facts cite it.
 * sentences (one map per add_extraction call) maps a sentence index to its
 * copy; the text is compared too, in case a caller reuses an index. */
static fg_status copy_sentence(const char **out, fg_graph *g, fg_map *sentences,
                               size_t sentence, fg_str text, fg_error *err)
{
    fg_status st;

    if (!text.ptr)
        return intern_or_empty(out, g, NULL, err);
    const char *hit = fg_map_find(sentences, (const char *)&sentence, sizeof(sentence));
    if (hit && strnlen(hit, text.len + 1) == text.len && memcmp(hit, text.ptr, text.len) == 0) {
        *out = hit;
        return FG_OK;
    }
    char *copy = fg_arena_strndup(g->strings, text.ptr, text.len);
    if (!copy)
        return oom(err);
    if ((st = fg_map_put(sentences, (const char *)&sentence, sizeof(sentence), copy, err)) !=
        FG_OK)
        return st;
    *out = copy;
    return FG_OK;
}

static fg_status copy_statement(struct statement *out, fg_graph *g, fg_map *sentences,
                                const char *doc, const fg_fact *f, fg_error *err)
{
    fg_status st;
    struct statement s = {0};

    if ((st = intern_cstr(&s.type, g, f->type, err)) != FG_OK)
        return st;
    if ((st = intern_cstr(&s.a.status, g, f->status, err)) != FG_OK)
        return st;
    if (f->has_amount && (st = intern_cstr(&s.a.currency, g, f->currency, err)) != FG_OK)
        return st;
    if ((st = intern_cstr(&s.a.date, g, f->date, err)) != FG_OK)
        return st;
    if ((st = intern_cstr(&s.a.date_norm, g, f->date_norm, err)) != FG_OK)
        return st;
    s.a.has_amount = f->has_amount;
    s.a.amount = f->has_amount ? f->amount : 0;
    s.a.has_quantity = f->has_quantity;
    s.a.quantity = f->has_quantity ? f->quantity : 0;
    s.ev.doc = doc;
    s.ev.sentence = f->sentence;
    if ((st = copy_sentence(&s.ev.text, g, sentences, f->sentence, f->sentence_text, err)) !=
        FG_OK)
        return st;
    s.ev.start = f->start;
    s.ev.end = f->end;
    if ((st = intern_or_empty(&s.ev.trigger, g, f->trigger, err)) != FG_OK)
        return st;
    if ((st = intern_or_empty(&s.ev.rule, g, f->rule, err)) != FG_OK)
        return st;
    *out = s;
    return FG_OK;
}

/* Attributes come from the first statement that has them, except status:
 * one plain statement (NULL, "stated as done") makes the edge plain, since a
 * fact someone states as done is no longer merely planned or reported. Which
 * statement is first depends on the order documents were added, until
 * fg_graph_canonicalize() sorts the statements and folds them again. */
void fg_graph_fold_attrs(fg_edge *e, const struct fg_stmt_attrs *a, bool first)
{
    if (first)
        e->status = a->status;
    else if (!a->status)
        e->status = NULL;
    if (!e->has_amount && a->has_amount) {
        e->has_amount = true;
        e->amount = a->amount;
        e->currency = a->currency;
    }
    if (!e->has_quantity && a->has_quantity) {
        e->has_quantity = true;
        e->quantity = a->quantity;
    }
    /* date and date_norm describe one date: take both from one statement. */
    if (!e->date && !e->date_norm && (a->date || a->date_norm)) {
        e->date = a->date;
        e->date_norm = a->date_norm;
    }
}

/* Folds one statement into its edge, which has room for it; cannot fail. */
static void merge_statement(struct fg_graph_edge *edge, const struct statement *s)
{
    fg_edge *e = &edge->pub;

    fg_graph_fold_attrs(e, &s->a, e->weight == 0);
    /* weight == evidence_count, which memory bounds far below LONG_MAX. */
    edge->attrs[e->evidence_count] = s->a;
    edge->evidence[e->evidence_count++] = s->ev;
    e->weight++;
}

static fg_status add_fact(fg_graph *g, fg_map *sentences, const char *doc, const fg_fact *f,
                          fg_error *err)
{
    fg_status st;
    struct statement s;
    size_t src = 0, dst = 0, i = 0;

    assert(f->type);
    if ((st = add_entity(&src, g, f->src_id, f->src_type, f->src_surface, err)) != FG_OK)
        return st;
    if ((st = add_entity(&dst, g, f->dst_id, f->dst_type, f->dst_surface, err)) != FG_OK)
        return st;
    if ((st = copy_statement(&s, g, sentences, doc, f, err)) != FG_OK)
        return st;
    if ((st = ensure_edge(&i, g, src, dst, s.type, err)) != FG_OK)
        return st;

    struct fg_graph_edge *e = &g->edges[i];
    fg_evidence *ev = grow(e->evidence, &e->evidence_cap, e->pub.evidence_count + 1,
                           sizeof(*ev), 1);
    if (!ev)
        return oom(err);
    e->evidence = ev;
    e->pub.evidence = ev;
    struct fg_stmt_attrs *attrs = grow(e->attrs, &e->attrs_cap, e->pub.evidence_count + 1,
                                       sizeof(*attrs), 1);
    if (!attrs)
        return oom(err);
    e->attrs = attrs;
    merge_statement(e, &s);
    return FG_OK;
}

/* ---- copies (select.c) --------------------------------------------------- */

fg_status fg_graph_copy_node(size_t *out, fg_graph *g, const fg_node *n, fg_error *err)
{
    fg_status st;
    size_t i = 0;

    assert(fg_graph_node_find(g, n->id) == (size_t)-1);
    if ((st = ensure_node(&i, g, n->id, n->type, err)) != FG_OK)
        return st;
    fg_node *c = &g->nodes[i].pub;
    if (n->label && strcmp(n->label, n->id) != 0 &&
        (st = intern_cstr(&c->label, g, n->label, err)) != FG_OK)
        return st;
    for (size_t k = 0; k < n->mention_count; k++) {
        if ((st = add_surface(g, i, fg_str_cstr(n->mentions[k]), err)) != FG_OK)
            return st;
    }
    c->doc_count = n->doc_count;
    c->degree = n->degree;
    c->in_degree = n->in_degree;
    c->out_degree = n->out_degree;
    c->pagerank = n->pagerank;
    c->betweenness = n->betweenness;
    c->community = n->community;
    *out = i;
    return FG_OK;
}

/* Sentences repeat across the edges of one document; interning them keeps one
 * copy per distinct sentence in the (small) selected graph. */
static fg_status copy_evidence(fg_evidence *out, fg_graph *g, const fg_evidence *ev,
                               fg_error *err)
{
    fg_status st;
    fg_evidence c = *ev;

    if ((st = intern_or_empty(&c.doc, g, ev->doc, err)) != FG_OK ||
        (st = intern_or_empty(&c.text, g, ev->text, err)) != FG_OK ||
        (st = intern_or_empty(&c.trigger, g, ev->trigger, err)) != FG_OK ||
        (st = intern_or_empty(&c.rule, g, ev->rule, err)) != FG_OK)
        return st;
    *out = c;
    return FG_OK;
}

fg_status fg_graph_copy_edge(fg_graph *g, size_t src, size_t dst, const fg_edge *e,
                             fg_error *err)
{
    fg_status st;
    fg_edge a = {0};
    size_t i = 0;

    assert(src < g->node_count && dst < g->node_count && e->evidence_count >= 1);
    if ((st = intern_cstr(&a.type, g, e->type, err)) != FG_OK ||
        (st = intern_cstr(&a.status, g, e->status, err)) != FG_OK ||
        (st = intern_cstr(&a.currency, g, e->currency, err)) != FG_OK ||
        (st = intern_cstr(&a.date, g, e->date, err)) != FG_OK ||
        (st = intern_cstr(&a.date_norm, g, e->date_norm, err)) != FG_OK)
        return st;
    if ((st = ensure_edge(&i, g, src, dst, a.type, err)) != FG_OK)
        return st;
    struct fg_graph_edge *edge = &g->edges[i];
    assert(edge->pub.evidence_count == 0);
    fg_evidence *ev = grow(edge->evidence, &edge->evidence_cap, e->evidence_count,
                           sizeof(*ev), 1);
    if (!ev)
        return oom(err);
    edge->evidence = ev;
    edge->pub.evidence = ev;
    for (size_t k = 0; k < e->evidence_count; k++) {
        if ((st = copy_evidence(&ev[k], g, &e->evidence[k], err)) != FG_OK)
            return st;
    }
    /* Per-statement attributes, kept parallel to the evidence (graph_int.h):
     * the first statement carries the edge's attributes and every statement
     * its status, so folding them again in any order (fg_graph_canonicalize)
     * gives back the edge's. */
    struct fg_stmt_attrs *attrs = grow(edge->attrs, &edge->attrs_cap, e->evidence_count,
                                       sizeof(*attrs), 1);
    if (!attrs)
        return oom(err);
    edge->attrs = attrs;
    for (size_t k = 0; k < e->evidence_count; k++) {
        struct fg_stmt_attrs sa = {a.status, NULL, NULL, NULL, 0, 0, false, false};
        if (k == 0) {
            sa.currency = a.currency;
            sa.date = a.date;
            sa.date_norm = a.date_norm;
            sa.has_amount = e->has_amount;
            sa.amount = e->amount;
            sa.has_quantity = e->has_quantity;
            sa.quantity = e->quantity;
        }
        attrs[k] = sa;
    }
    edge->pub.evidence_count = e->evidence_count;
    edge->pub.weight = e->weight;
    edge->pub.status = a.status;
    edge->pub.has_amount = e->has_amount;
    edge->pub.amount = e->amount;
    edge->pub.currency = a.currency;
    edge->pub.has_quantity = e->has_quantity;
    edge->pub.quantity = e->quantity;
    edge->pub.date = a.date;
    edge->pub.date_norm = a.date_norm;
    return FG_OK;
}

/* ---- public API --------------------------------------------------------- */

fg_status fg_graph_add_extraction(fg_graph *g, const char *doc, const fg_extraction *x,
                                  fg_error *err)
{
    fg_status st = FG_OK;
    fg_map *sentences = NULL;
    const char *idoc = NULL;
    size_t ignored;

    assert(g && doc && x);
    g->adds++;
    for (size_t i = 0; i < x->mention_count; i++) {
        const fg_mention *m = &x->mentions[i];
        if ((st = add_entity(&ignored, g, m->id, m->type, m->surface, err)) != FG_OK)
            goto out;
    }
    if (x->fact_count == 0)
        goto out;
    if ((st = intern_cstr(&idoc, g, doc, err)) != FG_OK)
        goto out;
    if ((st = fg_map_new(&sentences, err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < x->fact_count; i++) {
        if ((st = add_fact(g, sentences, idoc, &x->facts[i], err)) != FG_OK)
            goto out;
    }
out:
    fg_map_free(sentences);
    return st;
}

void fg_graph_count_document(fg_graph *g)
{
    g->documents++;
}

size_t fg_graph_document_count(const fg_graph *g)
{
    return g->documents;
}

size_t fg_graph_node_count(const fg_graph *g)
{
    return g->node_count;
}

size_t fg_graph_edge_count(const fg_graph *g)
{
    return g->edge_count;
}

const fg_node *fg_graph_node_get(const fg_graph *g, size_t i)
{
    assert(i < g->node_count);
    return &g->nodes[i].pub;
}

const fg_edge *fg_graph_edge_get(const fg_graph *g, size_t i)
{
    assert(i < g->edge_count);
    return &g->edges[i].pub;
}

size_t fg_graph_node_find(const fg_graph *g, const char *id)
{
    size_t i;
    if (!id || !index_find(&i, g->node_index, id, strlen(id)))
        return (size_t)-1;
    return i;
}
