/* graphml.c - GraphML for Gephi, NetworkX, igraph and yEd (FORMATS.md sections 1-2).
 *
 * What each choice guards against:
 *   - every <key> comes before <graph> (schema), declared for="node" or
 *     for="edge", never "all" (igraph drops for="all" keys with their data);
 *   - attr.type only from the schema's six (igraph rejects even "integer");
 *   - node and edge ids are synthetic NMTOKENs (n0.., e0..) and names go in
 *     "label": real names have spaces and quotes, which ids may not;
 *   - key ids never match a Gephi property by accident (d3, d7, x, y..) and
 *     only match on purpose: node "label"; node "r", "g", "b" (ints, as
 *     Integer.parseInt wants) and "size", so a Gephi user sees nodes coloured
 *     by type and sized by PageRank on import (style.c); edge "weight"; and
 *     the edge key "e_label" whose attr.name "label" Gephi also matches, so
 *     edges show their type. No key is named "id", which would hide igraph's
 *     node ids;
 *   - the relation attribute is "relation", not "type": NetworkX would write
 *     an edge "type" into GEXF's directed/undirected slot;
 *   - evidence is structured, and GraphML values are scalars, so it is one
 *     JSON string.
 * Absent values (no amount, no status) have no <data>: NetworkX does not apply
 * key defaults, so an empty string would read back as a value. */
#include "export_int.h"

#include <assert.h>
#include <math.h>
#include <string.h>
#include "factgraph/export.h"

typedef struct keydef {
    const char *id, *domain, *name, *type;
} keydef;

static const keydef keys[] = {
    {"label", "node", "label", "string"},
    {"n_type", "node", "type", "string"},
    {"n_mentions", "node", "mentions", "string"},
    {"n_documents", "node", "documents", "long"},
    {"n_degree", "node", "degree", "long"},
    {"n_in_degree", "node", "in_degree", "long"},
    {"n_out_degree", "node", "out_degree", "long"},
    {"n_pagerank", "node", "pagerank", "double"},
    {"n_betweenness", "node", "betweenness", "double"},
    {"n_community", "node", "community", "long"},
    {"r", "node", "r", "int"},
    {"g", "node", "g", "int"},
    {"b", "node", "b", "int"},
    {"size", "node", "size", "double"},
    {"e_label", "edge", "label", "string"},
    {"e_relation", "edge", "relation", "string"},
    {"weight", "edge", "weight", "double"},
    {"e_status", "edge", "status", "string"},
    {"e_amount", "edge", "amount", "double"},
    {"e_currency", "edge", "currency", "string"},
    {"e_quantity", "edge", "quantity", "double"},
    {"e_date", "edge", "date", "string"},
    {"e_date_normalized", "edge", "date_normalized", "string"},
    {"e_evidence", "edge", "evidence", "string"},
    {"e_evidence_summary", "edge", "evidence_summary", "string"},
};


/* Mentions are joined into one string: GraphML values are scalars. */
#define MENTION_SEP " | "

static fg_status add_header(fg_buf *b, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_adds(b,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
                          err)) != FG_OK)
        return st;
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if ((st = fg_buf_printf(b, err,
                                "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                                keys[i].id, keys[i].domain, keys[i].name, keys[i].type)) != FG_OK)
            return st;
    }
    return fg_buf_adds(b, "  <graph id=\"factgraph\" edgedefault=\"directed\">\n", err);
}

/* One <data> element with escaped text; s NULL writes nothing. */
static fg_status data_str(fg_buf *b, const char *key, const char *s, fg_error *err)
{
    fg_status st;
    if (!s)
        return FG_OK;
    if ((st = fg_buf_printf(b, err, "      <data key=\"%s\">", key)) != FG_OK ||
        (st = fg_xml_add_text(b, s, strlen(s), err)) != FG_OK)
        return st;
    return fg_buf_adds(b, "</data>\n", err);
}

static fg_status data_long(fg_buf *b, const char *key, long v, fg_error *err)
{
    return fg_buf_printf(b, err, "      <data key=\"%s\">%ld</data>\n", key, v);
}

/* xs:double spells the non-finite values NaN, INF and -INF; NetworkX and
 * igraph read them (FORMATS.md section 1). */
static fg_status data_double(fg_buf *b, const char *key, double v, bool amount, fg_error *err)
{
    char num[FG_NUM_MAX];
    const char *s = num;
    if (!(amount ? fg_fmt_amount(num, v) : fg_fmt_double(num, v)))
        s = isnan(v) ? "NaN" : v > 0 ? "INF" : "-INF";
    return fg_buf_printf(b, err, "      <data key=\"%s\">%s</data>\n", key, s);
}

static fg_status add_mentions(fg_buf *b, const fg_node *n, fg_error *err)
{
    fg_status st;
    if (n->mention_count == 0)
        return FG_OK;
    if ((st = fg_buf_adds(b, "      <data key=\"n_mentions\">", err)) != FG_OK)
        return st;
    for (size_t i = 0; i < n->mention_count; i++) {
        const char *m = n->mentions[i];
        if (i && (st = fg_buf_adds(b, MENTION_SEP, err)) != FG_OK)
            return st;
        if ((st = fg_xml_add_text(b, m, strlen(m), err)) != FG_OK)
            return st;
    }
    return fg_buf_adds(b, "</data>\n", err);
}

static fg_status add_node(fg_buf *b, size_t i, const fg_node *n, double max_pr,
                          fg_error *err)
{
    fg_status st;
    const fg_node_style *sty = fg_node_style_of(n->type);
    double size = fg_size_of(n->pagerank, max_pr, FG_GEPHI_SIZE_MIN, FG_GEPHI_SIZE_MAX);
    if ((st = fg_buf_printf(b, err, "    <node id=\"n%zu\">\n", i)) != FG_OK ||
        (st = data_str(b, "label", n->label ? n->label : n->id, err)) != FG_OK ||
        (st = data_str(b, "n_type", n->type, err)) != FG_OK ||
        (st = add_mentions(b, n, err)) != FG_OK ||
        (st = fg_buf_printf(b, err, "      <data key=\"n_documents\">%zu</data>\n",
                            n->doc_count)) != FG_OK ||
        (st = data_long(b, "n_degree", n->degree, err)) != FG_OK ||
        (st = data_long(b, "n_in_degree", n->in_degree, err)) != FG_OK ||
        (st = data_long(b, "n_out_degree", n->out_degree, err)) != FG_OK ||
        (st = data_double(b, "n_pagerank", n->pagerank, false, err)) != FG_OK ||
        (st = data_double(b, "n_betweenness", n->betweenness, false, err)) != FG_OK ||
        (st = data_long(b, "n_community", n->community, err)) != FG_OK ||
        (st = data_long(b, "r", sty->r, err)) != FG_OK ||
        (st = data_long(b, "g", sty->g, err)) != FG_OK ||
        (st = data_long(b, "b", sty->b, err)) != FG_OK ||
        (st = data_double(b, "size", size, false, err)) != FG_OK)
        return st;
    return fg_buf_adds(b, "    </node>\n", err);
}

/* tmp is scratch space for the evidence JSON, reused across edges. */
static fg_status add_edge(fg_buf *b, fg_buf *tmp, size_t i, const fg_edge *e, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_printf(b, err, "    <edge id=\"e%zu\" source=\"n%zu\" target=\"n%zu\">\n",
                            i, e->source, e->target)) != FG_OK ||
        (st = data_str(b, "e_label", e->type, err)) != FG_OK ||
        (st = data_str(b, "e_relation", e->type, err)) != FG_OK ||
        (st = data_double(b, "weight", (double)e->weight, false, err)) != FG_OK ||
        (st = data_str(b, "e_status", e->status, err)) != FG_OK)
        return st;
    if (e->has_amount && ((st = data_double(b, "e_amount", e->amount, true, err)) != FG_OK ||
                          (st = data_str(b, "e_currency", e->currency, err)) != FG_OK))
        return st;
    if (e->has_quantity && (st = data_double(b, "e_quantity", e->quantity, true, err)) != FG_OK)
        return st;
    fg_buf_reset(tmp);
    if ((st = data_str(b, "e_date", e->date, err)) != FG_OK ||
        (st = data_str(b, "e_date_normalized", e->date_norm, err)) != FG_OK ||
        (st = fg_json_add_evidence(tmp, e->evidence, e->evidence_count, err)) != FG_OK ||
        (st = data_str(b, "e_evidence", tmp->ptr, err)) != FG_OK)
        return st;
    fg_buf_reset(tmp);
    if ((st = fg_evidence_summary(tmp, e, err)) != FG_OK ||
        (st = data_str(b, "e_evidence_summary", tmp->ptr, err)) != FG_OK)
        return st;
    return fg_buf_adds(b, "    </edge>\n", err);
}

fg_status fg_export_graphml(const fg_graph *g, FILE *out, fg_error *err)
{
    fg_status st;
    fg_buf b, tmp;
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);
    double max_pr = fg_max_pagerank(g);

    assert(g && out);
    fg_buf_init(&b, 0);
    fg_buf_init(&tmp, 0);
    if ((st = add_header(&b, err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < nn; i++) {
        if ((st = add_node(&b, i, fg_graph_node_get(g, i), max_pr, err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    for (size_t i = 0; i < ne; i++) {
        if ((st = add_edge(&b, &tmp, i, fg_graph_edge_get(g, i), err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_buf_adds(&b, "  </graph>\n</graphml>\n", err)) != FG_OK ||
        (st = fg_out_flush(&b, out, err)) != FG_OK)
        goto out;
    st = fg_out_finish(out, err);
out:
    fg_buf_release(&tmp);
    fg_buf_release(&b);
    return st;
}
