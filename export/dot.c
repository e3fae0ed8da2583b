/* dot.c - Graphviz DOT, built and written through cgraph (FORMATS.md section 4).
 *
 * cgraph does the DOT quoting (keywords, '"', non-ASCII ids) so we do not
 * re-implement the grammar. What it does not do, we do before agsafeset():
 *   - agwrite does not escape backslashes (Graphviz 2.43), so a name ending in
 *     '\' would swallow the closing quote; labels are also escStrings, where
 *     \N, \l, \G... are substitutions. fg_dot_add_label doubles every
 *     backslash and turns line breaks into \n;
 *   - ids are synthetic (n0.., e0.., legend_*), so no name can be a keyword,
 *     a numeral or an HTML string; the real name is the label.
 *
 * The drawing is meant to be read at a glance:
 *   - a node's shape and colour follow its type (style.c), and a legend
 *     cluster shows each type present; its label grows with its PageRank,
 *     so the central entities stand out;
 *   - an edge is coloured by type and labelled with it (and the amount, if
 *     any, in short form: "16 bn USD"); its pen width grows with the number
 *     of statements; a fact that is not a done deal (status planned,
 *     denied, ...) is dashed;
 *   - in SVG, hovering a node shows its type and spellings, and hovering an
 *     edge shows the evidence sentence (tooltip).
 *
 * cgraph keeps process-wide state (its error handler, the default discipline),
 * so this writer is not meant to run in two threads at once.
 * cgraph ownership: agopen() -> agclose(); nodes, edges and strings belong to
 * the graph and go with it. The 2.43 prototypes take char *, hence the casts. */
#include "dot_int.h"
#include "export_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Pen width 1 for one statement, +0.5 per extra one, capped at 4.5. */
#define PEN_MAX_STEPS 7
/* Label size in points for the lowest and the highest PageRank. */
#define FONT_MIN 10.0
#define FONT_MAX 20.0

static fg_status set(void *obj, const char *name, const char *value, fg_error *err)
{
    if (agsafeset(obj, (char *)name, (char *)value, (char *)"") != 0)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot set attribute %s", name);
    return FG_OK;
}

/* set() with value escaped as an escString (labels, tooltips). */
static fg_status set_text(void *obj, const char *name, const char *value, size_t len, fg_buf *b,
                          fg_error *err)
{
    fg_status st;
    fg_buf_reset(b);
    if ((st = fg_dot_add_label(b, value ? value : "", value ? len : 0, err)) != FG_OK)
        return st;
    return set(obj, name, b->ptr, err);
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
        {AGRAPH, "fontname", FG_DOT_FONT},
        {AGRAPH, "bgcolor", "white"},
        {AGRAPH, "pad", "0.2"},
        {AGRAPH, "nodesep", "0.25"},
        {AGRAPH, "ranksep", "0.5"},
        /* neato and sfdp: no overlapping nodes */
        {AGRAPH, "overlap", "prism"},
        {AGRAPH, "outputorder", "edgesfirst"},
        {AGNODE, "label", "\\N"},
        {AGNODE, "fontname", FG_DOT_FONT},
        {AGNODE, "fontsize", "10.0"},
        {AGNODE, "shape", "box"},
        {AGNODE, "style", "filled"},
        {AGNODE, "fillcolor", "#eeeeee"},
        {AGNODE, "color", "#888888"},
        {AGNODE, "margin", "0.08,0.04"},
        {AGEDGE, "label", ""},
        {AGEDGE, "fontname", FG_DOT_FONT},
        {AGEDGE, "fontsize", "9"},
        {AGEDGE, "color", "#555555"},
        {AGEDGE, "fontcolor", "#555555"},
        {AGEDGE, "penwidth", "1.0"}, /* as fg_fmt_double writes it */
        {AGEDGE, "arrowsize", "0.7"},
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

/* "company · NVIDIA / エヌビディア": shown on hover in SVG. */
static fg_status node_tooltip(fg_buf *tmp, const fg_node *n, fg_error *err)
{
    fg_status st;
    fg_buf_reset(tmp);
    if ((st = fg_buf_adds(tmp, n->type ? n->type : "?", err)) != FG_OK)
        return st;
    for (size_t i = 0; i < n->mention_count; i++) {
        if ((st = fg_buf_adds(tmp, i ? " / " : " \xC2\xB7 ", err)) != FG_OK ||
            (st = fg_buf_adds(tmp, n->mentions[i], err)) != FG_OK)
            return st;
    }
    return FG_OK;
}

static fg_status add_node(Agraph_t *ag, Agnode_t **out, size_t i, const fg_node *n,
                          double max_pr, fg_buf *b, fg_buf *tmp, fg_error *err)
{
    fg_status st;
    char name[32], size[FG_NUM_MAX];
    const char *label = n->label ? n->label : n->id;
    const fg_node_style *sty = fg_node_style_of(n->type);
    Agnode_t *an;

    snprintf(name, sizeof(name), "n%zu", i);
    an = agnode(ag, name, 1);
    if (!an)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create node %s", name);
    fg_fmt_double(size, fg_size_of(n->pagerank, max_pr, FONT_MIN, FONT_MAX));
    if ((st = set_text(an, "label", label, strlen(label), b, err)) != FG_OK ||
        (st = set(an, "shape", sty->shape, err)) != FG_OK ||
        (st = set(an, "fillcolor", sty->fill, err)) != FG_OK ||
        (st = set(an, "color", sty->hex, err)) != FG_OK ||
        (st = set(an, "fontsize", size, err)) != FG_OK ||
        (st = node_tooltip(tmp, n, err)) != FG_OK ||
        (st = set_text(an, "tooltip", tmp->ptr, tmp->len, b, err)) != FG_OK)
        return st;
    if (strcmp(sty->shape, "box") == 0 && (st = set(an, "style", "filled,rounded", err)) != FG_OK)
        return st;
    *out = an;
    return FG_OK;
}

/* "type", or "type\n16 bn USD" when the fact has an amount. */
static fg_status edge_label(fg_buf *b, const fg_edge *e, fg_error *err)
{
    fg_status st;
    char num[FG_NUM_MAX];
    fg_buf_reset(b);
    if (e->type && (st = fg_dot_add_label(b, e->type, strlen(e->type), err)) != FG_OK)
        return st;
    if (!e->has_amount)
        return FG_OK;
    fg_fmt_amount_short(num, e->amount);
    if (!num[0])
        return FG_OK;
    if ((st = fg_buf_printf(b, err, "\\n%s", num)) != FG_OK)
        return st;
    if (e->currency && ((st = fg_buf_addc(b, ' ', err)) != FG_OK ||
                        (st = fg_dot_add_label(b, e->currency, strlen(e->currency), err)) != FG_OK))
        return st;
    return FG_OK;
}

static fg_status add_edge(Agraph_t *ag, Agnode_t **nodes, size_t i, const fg_edge *e,
                          bool labels, fg_buf *b, fg_buf *tmp, fg_error *err)
{
    fg_status st;
    char name[32], pen[FG_NUM_MAX], weight[32];
    long steps = e->weight > 1 ? e->weight - 1 : 0;
    const char *color = fg_edge_color_of(e->type);
    Agedge_t *ae;

    snprintf(name, sizeof(name), "e%zu", i);
    ae = agedge(ag, nodes[e->source], nodes[e->target], name, 1);
    if (!ae)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create edge %s", name);
    fg_fmt_double(pen, 1.0 + 0.5 * (double)(steps > PEN_MAX_STEPS ? PEN_MAX_STEPS : steps));
    /* dot's layout weight must be a non-negative integer */
    snprintf(weight, sizeof(weight), "%ld", e->weight > 0 ? e->weight : 0);
    if (labels &&
        ((st = edge_label(b, e, err)) != FG_OK || (st = set(ae, "label", b->ptr, err)) != FG_OK))
        return st;
    fg_buf_reset(tmp);
    if ((st = set(ae, "color", color, err)) != FG_OK ||
        (st = set(ae, "fontcolor", color, err)) != FG_OK ||
        (st = set(ae, "penwidth", pen, err)) != FG_OK ||
        (st = set(ae, "weight", weight, err)) != FG_OK ||
        (st = fg_evidence_summary(tmp, e, err)) != FG_OK ||
        (st = set_text(ae, "tooltip", tmp->ptr, tmp->len, b, err)) != FG_OK)
        return st;
    if (e->status && (st = set(ae, "style", "dashed", err)) != FG_OK)
        return st;
    return FG_OK;
}

/* ---- the legend ---------------------------------------------------------- */

/* Whether a drawn node has this type (NULL: a type without a style). */
static bool has_type(const fg_graph *g, const bool *drawn, const char *type)
{
    for (size_t i = 0; i < fg_graph_node_count(g); i++) {
        const char *t = fg_graph_node_get(g, i)->type;
        if (!drawn[i])
            continue;
        if (type ? t && strcmp(t, type) == 0 : fg_node_style_of(t)->type == NULL)
            return true;
    }
    return false;
}

static bool has_status(const fg_graph *g)
{
    for (size_t i = 0; i < fg_graph_edge_count(g); i++)
        if (fg_graph_edge_get(g, i)->status)
            return true;
    return false;
}

/* prev: the entry before, to chain to; NULL when entries are not chained. */
static fg_status legend_node(Agraph_t *sub, Agnode_t **prev, const char *name, const char *label,
                             const fg_node_style *sty, fg_error *err)
{
    fg_status st;
    Agnode_t *n = agnode(sub, (char *)name, 1);
    if (!n)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create node %s", name);
    /* small entries: the legend should not compete with the graph */
    if ((st = set(n, "label", label, err)) != FG_OK ||
        (st = set(n, "tooltip", label, err)) != FG_OK ||
        (st = set(n, "fontsize", "9", err)) != FG_OK ||
        (st = set(n, "height", "0.3", err)) != FG_OK ||
        (st = set(n, "width", "0.9", err)) != FG_OK)
        return st;
    if (sty) {
        if ((st = set(n, "shape", sty->shape, err)) != FG_OK ||
            (st = set(n, "fillcolor", sty->fill, err)) != FG_OK ||
            (st = set(n, "color", sty->hex, err)) != FG_OK)
            return st;
        if (strcmp(sty->shape, "box") == 0 &&
            (st = set(n, "style", "filled,rounded", err)) != FG_OK)
            return st;
    } else if ((st = set(n, "shape", "plaintext", err)) != FG_OK ||
               (st = set(n, "style", "", err)) != FG_OK) {
        return st;
    }
    /* neato and sfdp ignore clusters: an invisible chain keeps the entries
     * together, in one component. dot needs none (rank=same stacks them in
     * order), and there invisible flat edges would double the gaps */
    if (prev && *prev) {
        Agedge_t *e = agedge(sub, *prev, n, NULL, 1);
        if (!e)
            return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create legend edge");
        if ((st = set(e, "style", "invis", err)) != FG_OK)
            return st;
    }
    if (prev)
        *prev = n;
    return FG_OK;
}

/* A cluster with one entry per node type present, in SCHEMA.md's order, and
 * a note on sizes and dashes. In dot (rankdir LR) its entries share one rank,
 * so they stack in a column; chain: link them for neato and sfdp. */
static fg_status add_legend(Agraph_t *ag, const fg_graph *g, const bool *drawn, bool chain,
                            fg_error *err)
{
    fg_status st;
    Agnode_t *last = NULL, **prev = chain ? &last : NULL;
    char name[64];
    Agraph_t *cl, *col;

    if (fg_graph_node_count(g) == 0)
        return FG_OK;
    cl = agsubg(ag, (char *)"cluster_legend", 1);
    col = cl ? agsubg(cl, (char *)"legend_column", 1) : NULL;
    if (!cl || !col)
        return fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create the legend");
    if ((st = set(cl, "label", "legend", err)) != FG_OK ||
        (st = set(cl, "style", "rounded", err)) != FG_OK ||
        (st = set(cl, "color", "#bbbbbb", err)) != FG_OK ||
        (st = set(cl, "fontsize", "10", err)) != FG_OK ||
        (st = set(col, "rank", "same", err)) != FG_OK)
        return st;
    for (size_t i = 0; i <= fg_node_style_count(); i++) {
        const fg_node_style *sty = fg_node_style_at(i); /* i == count: the fallback */
        const char *type = sty->type ? sty->type : "other";
        if (!has_type(g, drawn, sty->type))
            continue;
        snprintf(name, sizeof(name), "legend_%s", type);
        if ((st = legend_node(col, prev, name, type, sty, err)) != FG_OK)
            return st;
    }
    return legend_node(col, prev, "legend_note",
                       has_status(g) ? "bigger: more central (PageRank)\\l"
                                       "dashed: planned, considered,\\l"
                                       "reported or denied\\l"
                                     : "bigger: more central (PageRank)\\l",
                       NULL, err);
}

/* ---- the graph --------------------------------------------------------- */

/* The layout the drawing is for: the plan's, or the one opts names (auto,
 * in DOT text, means whatever the reader runs, most likely dot). */
static fg_layout layout_of(const fg_export_opts *opts, const fg_render_plan *plan)
{
    return plan ? plan->layout : opts ? opts->layout : FG_LAYOUT_AUTO;
}

static bool lays_out_with_dot(const fg_export_opts *opts, const fg_render_plan *plan)
{
    fg_layout l = layout_of(opts, plan);
    return l == FG_LAYOUT_DOT || l == FG_LAYOUT_AUTO;
}

static fg_status graph_attrs(Agraph_t *ag, const fg_export_opts *opts,
                             const fg_render_plan *plan, fg_buf *b, fg_error *err)
{
    fg_status st;
    fg_layout layout = layout_of(opts, plan);

    if (layout != FG_LAYOUT_AUTO && (st = set(ag, "layout", fg_layout_name(layout), err)) != FG_OK)
        return st;
    /* neato and sfdp: components packed side by side rather than drifting
     * apart. Not for dot: in Graphviz 2.43, dot with pack=true draws no
     * edge labels */
    if ((layout == FG_LAYOUT_NEATO || layout == FG_LAYOUT_SFDP) &&
        (st = set(ag, "pack", "true", err)) != FG_OK)
        return st;
    if (opts && opts->title &&
        ((st = set_text(ag, "label", opts->title, strlen(opts->title), b, err)) != FG_OK ||
         (st = set(ag, "labelloc", "t", err)) != FG_OK ||
         (st = set(ag, "labeljust", "l", err)) != FG_OK ||
         (st = set(ag, "fontsize", "16", err)) != FG_OK))
        return st;
    /* past dot's size limit: cap network simplex (placement and ranking)
     * and crossing minimisation, where its time goes (bench/render_size.sh:
     * 500 nodes, 1000 edges from minutes to seconds) */
    if (plan && plan->bounded && ((st = set(ag, "nslimit", "2", err)) != FG_OK ||
                                  (st = set(ag, "nslimit1", "2", err)) != FG_OK ||
                                  (st = set(ag, "mclimit", "0.1", err)) != FG_OK))
        return st;
    return FG_OK;
}

fg_status fg_dot_build(Agraph_t **out, const fg_graph *g, const fg_export_opts *opts,
                       const fg_render_plan *plan, fg_error *err)
{
    fg_status st;
    Agraph_t *ag = NULL;
    Agnode_t **nodes = NULL;
    bool *drawn = NULL;
    fg_buf b, tmp;
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);
    double max_pr = fg_max_pagerank(g);
    bool labels = plan ? plan->edge_labels : true;

    *out = NULL;
    fg_buf_init(&b, 0);
    fg_buf_init(&tmp, 0);
    ag = agopen((char *)"factgraph", Agdirected, NULL);
    if (!ag) {
        st = fg_error_set(err, FG_EDEP, NULL, "cgraph: cannot create graph");
        goto out;
    }
    if ((st = declare(ag, err)) != FG_OK || (st = graph_attrs(ag, opts, plan, &b, err)) != FG_OK)
        goto out;
    nodes = calloc(nn ? nn : 1, sizeof(*nodes));
    drawn = malloc(nn ? nn * sizeof(*drawn) : 1);
    if (!nodes || !drawn) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    /* the plan's hidden nodes: those without an edge (fg_export_render_plan) */
    if (plan && plan->hidden > 0)
        fg_mark_isolated(drawn, g);
    else
        memset(drawn, 1, nn * sizeof(*drawn));
    for (size_t i = 0; i < nn; i++) {
        if (drawn[i] &&
            (st = add_node(ag, &nodes[i], i, fg_graph_node_get(g, i), max_pr, &b, &tmp, err)) !=
                FG_OK)
            goto out;
    }
    for (size_t i = 0; i < ne; i++) {
        if ((st = add_edge(ag, nodes, i, fg_graph_edge_get(g, i), labels, &b, &tmp, err)) !=
            FG_OK)
            goto out;
    }
    if ((st = add_legend(ag, g, drawn, !lays_out_with_dot(opts, plan), err)) != FG_OK)
        goto out;
    *out = ag;
    ag = NULL;
out:
    if (ag)
        agclose(ag);
    free(drawn);
    free(nodes);
    fg_buf_release(&tmp);
    fg_buf_release(&b);
    return st;
}

fg_status fg_dot_write(const fg_graph *g, const fg_export_opts *opts, FILE *out, fg_error *err)
{
    fg_status st;
    Agraph_t *ag = NULL;

    assert(g && out);
    if ((st = fg_dot_build(&ag, g, opts, NULL, err)) != FG_OK)
        return st;
    if (agwrite(ag, out) != 0) {
        st = fg_error_set(err, FG_EIO, NULL, "write failed");
        goto out;
    }
    st = fg_out_finish(out, err);
out:
    agclose(ag);
    return st;
}

fg_status fg_export_dot(const fg_graph *g, FILE *out, fg_error *err)
{
    return fg_dot_write(g, NULL, out, err);
}
