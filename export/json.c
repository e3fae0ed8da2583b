/* json.c - NetworkX node-link JSON and Cytoscape.js elements JSON, streamed
 * one node / one link per line.
 *
 * Node-link:
 * Shape (read by shared/eval/score.py and networkx.node_link_graph()):
 *   {"directed": true, "multigraph": true,
 *    "graph": {"name", "documents", "node_types", "edge_types"},
 *    "nodes": [{"id", "label", "type", "mentions", "documents", "degree",
 *               "in_degree", "out_degree", "pagerank", "betweenness", "community"}],
 *    "links": [{"source", "target", "key", "type", "weight", "status"?,
 *               "amount"?, "currency"?, "quantity"?, "date"?, "date_normalized"?,
 *               "evidence"}]}
 * "directed" and "multigraph" are always written: without them NetworkX
 * assumes an undirected multigraph (FORMATS.md section 5). The edge array is
 * "links", the default of NetworkX up to 3.5; 3.6+ needs edges="links".
 * Link "key" is the edge type, unique per (source, target) because the graph
 * merges facts by (source, target, type). Optional fields are left out rather
 * than written as null, so readers can test for presence.
 *
 * Cytoscape.js elements (FORMATS.md section 5):
 *   {"data": {"name", "documents", "node_types", "edge_types"},
 *    "directed": true, "multigraph": true,
 *    "elements": {"nodes": [{"data": {"id", "value", "name", "label", "type",
 *                  "mentions", ..., "community", "color", "size"}}],
 *                 "edges": [{"data": {"id", "key", "source", "target",
 *                  "relation", "interaction", "label", "weight", ..., "color",
 *                  "evidence_summary", "evidence"}}]}}
 * data.id must be unique across nodes and edges, so ids are synthetic (n0..,
 * e0..) and the canonical id is "name". NetworkX's cytoscape_graph() keys
 * nodes by "value" and multigraph edges by "key", hence value = id and key =
 * id (without "key" parallel edges collapse onto key 0). "interaction" is
 * what Cytoscape desktop calls the edge type; "color" and "size" (from
 * style.c) are there for a stylesheet: 'background-color': 'data(color)'. */
#include "export_int.h"

#include <assert.h>
#include <stdbool.h>
#include <string.h>
#include "factgraph/export.h"

/* Appends ", \"name\": "; names are fixed ASCII and need no escaping. */
static fg_status key(fg_buf *b, const char *name, fg_error *err)
{
    return fg_buf_printf(b, err, ", \"%s\": ", name);
}

static fg_status field_str(fg_buf *b, const char *name, const char *s, fg_error *err)
{
    fg_status st = key(b, name, err);
    return st != FG_OK ? st : fg_json_add_cstr(b, s, err);
}

static fg_status field_long(fg_buf *b, const char *name, long v, fg_error *err)
{
    fg_status st = key(b, name, err);
    return st != FG_OK ? st : fg_buf_printf(b, err, "%ld", v);
}

static fg_status field_size(fg_buf *b, const char *name, size_t v, fg_error *err)
{
    fg_status st = key(b, name, err);
    return st != FG_OK ? st : fg_buf_printf(b, err, "%zu", v);
}

static fg_status field_double(fg_buf *b, const char *name, double v, fg_error *err)
{
    fg_status st = key(b, name, err);
    return st != FG_OK ? st : fg_json_add_double(b, v, err);
}

static fg_status field_amount(fg_buf *b, const char *name, double v, fg_error *err)
{
    char num[FG_NUM_MAX];
    fg_status st = key(b, name, err);
    if (st != FG_OK)
        return st;
    return fg_buf_adds(b, fg_fmt_amount(num, v) ? num : "null", err);
}

fg_status fg_json_add_evidence(fg_buf *b, const fg_evidence *ev, size_t n, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_addc(b, '[', err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const fg_evidence *e = &ev[i];
        if ((st = fg_buf_adds(b, i ? ", {\"doc\": " : "{\"doc\": ", err)) != FG_OK ||
            (st = fg_json_add_cstr(b, e->doc, err)) != FG_OK ||
            (st = field_size(b, "sentence", e->sentence, err)) != FG_OK ||
            (st = field_str(b, "text", e->text, err)) != FG_OK ||
            (st = field_size(b, "start", e->start, err)) != FG_OK ||
            (st = field_size(b, "end", e->end, err)) != FG_OK ||
            (st = field_str(b, "trigger", e->trigger, err)) != FG_OK ||
            (st = field_str(b, "rule", e->rule, err)) != FG_OK ||
            (st = fg_buf_addc(b, '}', err)) != FG_OK)
            goto out;
    }
    st = fg_buf_addc(b, ']', err);
out:
    return st;
}

/* The distinct node (or edge) types as a JSON array, in first-seen order. */
static fg_status add_types(fg_buf *b, const fg_graph *g, bool edges, fg_error *err)
{
    fg_status st;
    fg_map *seen = NULL;
    size_t n = edges ? fg_graph_edge_count(g) : fg_graph_node_count(g);
    size_t written = 0;

    if ((st = fg_map_new(&seen, err)) != FG_OK)
        goto out;
    if ((st = fg_buf_addc(b, '[', err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const char *t = edges ? fg_graph_edge_get(g, i)->type : fg_graph_node_get(g, i)->type;
        if (!t || fg_map_find(seen, t, strlen(t)))
            continue;
        if ((st = fg_map_put(seen, t, strlen(t), (void *)t, err)) != FG_OK)
            goto out;
        if (written++ && (st = fg_buf_adds(b, ", ", err)) != FG_OK)
            goto out;
        if ((st = fg_json_add_cstr(b, t, err)) != FG_OK)
            goto out;
    }
    st = fg_buf_addc(b, ']', err);
out:
    fg_map_free(seen);
    return st;
}

/* {"name", "documents", "node_types", "edge_types"}: the graph's own data. */
static fg_status add_graph_data(fg_buf *b, const fg_graph *g, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_printf(b, err, "{\"name\": \"factgraph\", \"documents\": %zu, "
                                    "\"node_types\": ",
                            fg_graph_document_count(g))) != FG_OK ||
        (st = add_types(b, g, false, err)) != FG_OK ||
        (st = fg_buf_adds(b, ", \"edge_types\": ", err)) != FG_OK ||
        (st = add_types(b, g, true, err)) != FG_OK)
        return st;
    return fg_buf_addc(b, '}', err);
}

static fg_status add_header(fg_buf *b, const fg_graph *g, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_adds(b, "{\n  \"directed\": true,\n  \"multigraph\": true,\n"
                             "  \"graph\": ",
                          err)) != FG_OK ||
        (st = add_graph_data(b, g, err)) != FG_OK)
        return st;
    return fg_buf_adds(b, ",\n  \"nodes\": [", err);
}

/* The node's fields after its id, the same in both forms. */
static fg_status add_node_fields(fg_buf *b, const fg_node *n, fg_error *err)
{
    fg_status st;
    if ((st = field_str(b, "label", n->label ? n->label : n->id, err)) != FG_OK ||
        (st = field_str(b, "type", n->type, err)) != FG_OK ||
        (st = fg_buf_adds(b, ", \"mentions\": [", err)) != FG_OK)
        return st;
    for (size_t i = 0; i < n->mention_count; i++) {
        if (i && (st = fg_buf_adds(b, ", ", err)) != FG_OK)
            return st;
        if ((st = fg_json_add_cstr(b, n->mentions[i], err)) != FG_OK)
            return st;
    }
    if ((st = fg_buf_addc(b, ']', err)) != FG_OK ||
        (st = field_size(b, "documents", n->doc_count, err)) != FG_OK ||
        (st = field_long(b, "degree", n->degree, err)) != FG_OK ||
        (st = field_long(b, "in_degree", n->in_degree, err)) != FG_OK ||
        (st = field_long(b, "out_degree", n->out_degree, err)) != FG_OK ||
        (st = field_double(b, "pagerank", n->pagerank, err)) != FG_OK ||
        (st = field_double(b, "betweenness", n->betweenness, err)) != FG_OK ||
        (st = field_long(b, "community", n->community, err)) != FG_OK)
        return st;
    return FG_OK;
}

static fg_status add_node(fg_buf *b, const fg_node *n, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_adds(b, "{\"id\": ", err)) != FG_OK ||
        (st = fg_json_add_cstr(b, n->id, err)) != FG_OK ||
        (st = add_node_fields(b, n, err)) != FG_OK)
        return st;
    return fg_buf_addc(b, '}', err);
}

/* weight, status, amount, currency, quantity, date, date_normalized. */
static fg_status add_edge_fields(fg_buf *b, const fg_edge *e, fg_error *err)
{
    fg_status st;
    if ((st = field_long(b, "weight", e->weight, err)) != FG_OK)
        return st;
    if (e->status && (st = field_str(b, "status", e->status, err)) != FG_OK)
        return st;
    if (e->has_amount && ((st = field_amount(b, "amount", e->amount, err)) != FG_OK ||
                          (st = field_str(b, "currency", e->currency, err)) != FG_OK))
        return st;
    if (e->has_quantity && (st = field_amount(b, "quantity", e->quantity, err)) != FG_OK)
        return st;
    if (e->date && (st = field_str(b, "date", e->date, err)) != FG_OK)
        return st;
    if (e->date_norm && (st = field_str(b, "date_normalized", e->date_norm, err)) != FG_OK)
        return st;
    return FG_OK;
}

static fg_status add_link(fg_buf *b, const fg_graph *g, const fg_edge *e, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_adds(b, "{\"source\": ", err)) != FG_OK ||
        (st = fg_json_add_cstr(b, fg_graph_node_get(g, e->source)->id, err)) != FG_OK ||
        (st = field_str(b, "target", fg_graph_node_get(g, e->target)->id, err)) != FG_OK ||
        (st = field_str(b, "key", e->type, err)) != FG_OK ||
        (st = field_str(b, "type", e->type, err)) != FG_OK ||
        (st = add_edge_fields(b, e, err)) != FG_OK)
        return st;
    if ((st = key(b, "evidence", err)) != FG_OK ||
        (st = fg_json_add_evidence(b, e->evidence, e->evidence_count, err)) != FG_OK)
        return st;
    return fg_buf_addc(b, '}', err);
}

fg_status fg_export_json(const fg_graph *g, FILE *out, fg_error *err)
{
    fg_status st;
    fg_buf b;
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);

    assert(g && out);
    fg_buf_init(&b, 0);
    if ((st = add_header(&b, g, err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < nn; i++) {
        if ((st = fg_buf_adds(&b, i ? ",\n    " : "\n    ", err)) != FG_OK ||
            (st = add_node(&b, fg_graph_node_get(g, i), err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_buf_adds(&b, nn ? "\n  ],\n  \"links\": [" : "],\n  \"links\": [", err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < ne; i++) {
        if ((st = fg_buf_adds(&b, i ? ",\n    " : "\n    ", err)) != FG_OK ||
            (st = add_link(&b, g, fg_graph_edge_get(g, i), err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_buf_adds(&b, ne ? "\n  ]\n}\n" : "]\n}\n", err)) != FG_OK ||
        (st = fg_out_flush(&b, out, err)) != FG_OK)
        goto out;
    st = fg_out_finish(out, err);
out:
    fg_buf_release(&b);
    return st;
}

/* ---- Cytoscape.js elements -------------------------------------------- */

/* Cytoscape node diameters, in pixels at zoom 1, for the lowest and the
 * highest PageRank. */
#define CY_SIZE_MIN 20.0
#define CY_SIZE_MAX 60.0

static fg_status add_cy_node(fg_buf *b, size_t i, const fg_node *n, double max_pr,
                             fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_printf(b, err, "{\"data\": {\"id\": \"n%zu\", \"value\": \"n%zu\", "
                                    "\"name\": ",
                            i, i)) != FG_OK ||
        (st = fg_json_add_cstr(b, n->id, err)) != FG_OK ||
        (st = add_node_fields(b, n, err)) != FG_OK ||
        (st = field_str(b, "color", fg_node_style_of(n->type)->hex, err)) != FG_OK ||
        (st = field_double(b, "size", fg_size_of(n->pagerank, max_pr, CY_SIZE_MIN, CY_SIZE_MAX),
                           err)) != FG_OK)
        return st;
    return fg_buf_adds(b, "}}", err);
}

static fg_status add_cy_edge(fg_buf *b, fg_buf *tmp, size_t i, const fg_edge *e, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_printf(b, err,
                            "{\"data\": {\"id\": \"e%zu\", \"key\": \"e%zu\", "
                            "\"source\": \"n%zu\", \"target\": \"n%zu\"",
                            i, i, e->source, e->target)) != FG_OK ||
        (st = field_str(b, "relation", e->type, err)) != FG_OK ||
        (st = field_str(b, "interaction", e->type, err)) != FG_OK ||
        (st = field_str(b, "label", e->type, err)) != FG_OK ||
        (st = add_edge_fields(b, e, err)) != FG_OK ||
        (st = field_str(b, "color", fg_edge_color_of(e->type), err)) != FG_OK)
        return st;
    fg_buf_reset(tmp);
    if ((st = fg_evidence_summary(tmp, e, err)) != FG_OK ||
        (st = key(b, "evidence_summary", err)) != FG_OK ||
        (st = fg_json_add_str(b, tmp->ptr, tmp->len, err)) != FG_OK ||
        (st = key(b, "evidence", err)) != FG_OK ||
        (st = fg_json_add_evidence(b, e->evidence, e->evidence_count, err)) != FG_OK)
        return st;
    return fg_buf_adds(b, "}}", err);
}

fg_status fg_export_cytoscape(const fg_graph *g, FILE *out, fg_error *err)
{
    fg_status st;
    fg_buf b, tmp;
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);
    double max_pr = fg_max_pagerank(g);

    assert(g && out);
    fg_buf_init(&b, 0);
    fg_buf_init(&tmp, 0);
    if ((st = fg_buf_adds(&b, "{\n  \"data\": ", err)) != FG_OK ||
        (st = add_graph_data(&b, g, err)) != FG_OK ||
        (st = fg_buf_adds(&b, ",\n  \"directed\": true,\n  \"multigraph\": true,\n"
                              "  \"elements\": {\"nodes\": [",
                          err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < nn; i++) {
        if ((st = fg_buf_adds(&b, i ? ",\n    " : "\n    ", err)) != FG_OK ||
            (st = add_cy_node(&b, i, fg_graph_node_get(g, i), max_pr, err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_buf_adds(&b, nn ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [", err)) !=
        FG_OK)
        goto out;
    for (size_t i = 0; i < ne; i++) {
        if ((st = fg_buf_adds(&b, i ? ",\n    " : "\n    ", err)) != FG_OK ||
            (st = add_cy_edge(&b, &tmp, i, fg_graph_edge_get(g, i), err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_buf_adds(&b, ne ? "\n  ]}\n}\n" : "]}\n}\n", err)) != FG_OK ||
        (st = fg_out_flush(&b, out, err)) != FG_OK)
        goto out;
    st = fg_out_finish(out, err);
out:
    fg_buf_release(&tmp);
    fg_buf_release(&b);
    return st;
}
