/* dot.c - Graphviz DOT, built and written through cgraph (FORMATS.md section 4).
 *
 * cgraph does the DOT quoting (keywords, '"', non-ASCII ids) so we do not
 * re-implement the grammar. What it does not do, we do before agsafeset():
 *   - agwrite does not escape backslashes (Graphviz 2.43), so a name ending in
 *     '\' would swallow the closing quote; labels are also escStrings, where
 *     \N, \l, \G... are substitutions. fg_dot_add_label doubles every
 *     backslash and turns line breaks into \n;
 *   - ids are synthetic (n0.., e0..), so no name can be a keyword, a numeral
 *     or an HTML string; the real name is the label.
 * Node shape and colour follow the node type; edge labels are the edge type
 * (and the amount, if any), pen width grows with the weight, and a fact that
 * is not a done deal (status planned, denied, ...) is dashed.
 *
 * cgraph keeps process-wide state (its error handler, the default discipline),
 * so this writer is not meant to run in two threads at once.
 * cgraph ownership: agopen() -> agclose(); nodes, edges and strings belong to
 * the graph and go with it. The 2.43 prototypes take char *, hence the casts. */
#include "export_int.h"

#include <assert.h>
#include <graphviz/cgraph.h>
#include <stdlib.h>
#include <string.h>
#include "factgraph/export.h"

#define FONT "Noto Sans CJK JP" /* Debian fonts-noto-cjk; measures CJK right */

typedef struct node_style {
    const char *type, *shape, *fillcolor;
} node_style;

static const node_style styles[] = {
    {"company", "box", "#cfe2f3"},
    {"chip", "ellipse", "#fff2cc"},
    {"government", "house", "#f4cccc"},
    {"person", "oval", "#d9ead3"},
    {"model", "component", "#d9d2e9"},
    {"organization", "folder", "#fce5cd"},
    {"place", "diamond", "#d0e0e3"},
};
static const node_style unknown_style = {NULL, "box", "#eeeeee"};

/* Pen width 1 for one statement, +0.5 per extra one, capped at 4.5. */
#define PEN_MAX_STEPS 7

static const node_style *style_of(const char *type)
{
    for (size_t i = 0; type && i < sizeof(styles) / sizeof(styles[0]); i++)
        if (strcmp(styles[i].type, type) == 0)
            return &styles[i];
    return &unknown_style;
}

static fg_status set(void *obj, const char *name, const char *value, fg_error *err)
{
    if (agsafeset(obj, (char *)name, (char *)value, (char *)"") != 0)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot set attribute %s", name);
    return FG_OK;
}

/* Defaults, declared once so agwrite prints them once ("node [...]"). */
static fg_status declare(Agraph_t *ag, fg_error *err)
{
    static const struct {
        int kind;
        const char *name, *value;
    } attrs[] = {
        {AGRAPH, "rankdir", "LR"},
        {AGRAPH, "charset", "UTF-8"},
        {AGNODE, "label", "\\N"},
        {AGNODE, "fontname", FONT},
        {AGNODE, "shape", "box"},
        {AGNODE, "style", "filled"},
        {AGNODE, "fillcolor", "#eeeeee"},
        {AGEDGE, "label", ""},
        {AGEDGE, "fontname", FONT},
        {AGEDGE, "penwidth", "1.0"}, /* as fg_fmt_double writes it */
        {AGEDGE, "weight", "1"},
        {AGEDGE, "style", "solid"},
    };
    for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++) {
        if (!agattr(ag, attrs[i].kind, (char *)attrs[i].name, (char *)attrs[i].value))
            return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot declare attribute %s",
                                attrs[i].name);
    }
    return FG_OK;
}

static fg_status add_node(Agraph_t *ag, Agnode_t **out, size_t i, const fg_node *n, fg_buf *b,
                          fg_error *err)
{
    fg_status st;
    char name[32];
    const char *label = n->label ? n->label : n->id;
    const node_style *sty = style_of(n->type);
    Agnode_t *an;

    snprintf(name, sizeof(name), "n%zu", i);
    an = agnode(ag, name, 1);
    if (!an)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create node %s", name);
    fg_buf_reset(b);
    if ((st = fg_dot_add_label(b, label, label ? strlen(label) : 0, err)) != FG_OK ||
        (st = set(an, "label", b->ptr, err)) != FG_OK ||
        (st = set(an, "shape", sty->shape, err)) != FG_OK ||
        (st = set(an, "fillcolor", sty->fillcolor, err)) != FG_OK)
        return st;
    *out = an;
    return FG_OK;
}

/* "type", or "type\n16000000000 USD" when the fact has an amount. */
static fg_status edge_label(fg_buf *b, const fg_edge *e, fg_error *err)
{
    fg_status st;
    char num[FG_NUM_MAX];
    fg_buf_reset(b);
    if (e->type && (st = fg_dot_add_label(b, e->type, strlen(e->type), err)) != FG_OK)
        return st;
    if (!e->has_amount || !fg_fmt_amount(num, e->amount))
        return FG_OK;
    if ((st = fg_buf_printf(b, err, "\\n%s", num)) != FG_OK)
        return st;
    if (e->currency && ((st = fg_buf_addc(b, ' ', err)) != FG_OK ||
                        (st = fg_dot_add_label(b, e->currency, strlen(e->currency), err)) != FG_OK))
        return st;
    return FG_OK;
}

static fg_status add_edge(Agraph_t *ag, Agnode_t **nodes, size_t i, const fg_edge *e, fg_buf *b,
                          fg_error *err)
{
    fg_status st;
    char name[32], pen[FG_NUM_MAX], weight[32];
    long steps = e->weight > 1 ? e->weight - 1 : 0;
    Agedge_t *ae;

    snprintf(name, sizeof(name), "e%zu", i);
    ae = agedge(ag, nodes[e->source], nodes[e->target], name, 1);
    if (!ae)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create edge %s", name);
    fg_fmt_double(pen, 1.0 + 0.5 * (double)(steps > PEN_MAX_STEPS ? PEN_MAX_STEPS : steps));
    /* dot's layout weight must be a non-negative integer */
    snprintf(weight, sizeof(weight), "%ld", e->weight > 0 ? e->weight : 0);
    if ((st = edge_label(b, e, err)) != FG_OK ||
        (st = set(ae, "label", b->ptr, err)) != FG_OK ||
        (st = set(ae, "penwidth", pen, err)) != FG_OK ||
        (st = set(ae, "weight", weight, err)) != FG_OK)
        return st;
    if (e->status && (st = set(ae, "style", "dashed", err)) != FG_OK)
        return st;
    return FG_OK;
}

fg_status fg_export_dot(const fg_graph *g, FILE *out, fg_error *err)
{
    fg_status st;
    Agraph_t *ag = NULL;
    Agnode_t **nodes = NULL;
    fg_buf b;
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);

    assert(g && out);
    fg_buf_init(&b, 0);
    ag = agopen((char *)"factgraph", Agdirected, NULL);
    if (!ag) {
        st = fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create graph");
        goto out;
    }
    if ((st = declare(ag, err)) != FG_OK)
        goto out;
    nodes = calloc(nn ? nn : 1, sizeof(*nodes));
    if (!nodes) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nn; i++)
        if ((st = add_node(ag, &nodes[i], i, fg_graph_node_get(g, i), &b, err)) != FG_OK)
            goto out;
    for (size_t i = 0; i < ne; i++)
        if ((st = add_edge(ag, nodes, i, fg_graph_edge_get(g, i), &b, err)) != FG_OK)
            goto out;
    if (agwrite(ag, out) != 0) {
        st = fg_error_set(err, FG_EIO, NULL, "write failed");
        goto out;
    }
    st = fg_out_finish(out, err);
out:
    if (ag)
        agclose(ag);
    free(nodes);
    fg_buf_release(&b);
    return st;
}
