/* csv.c - two tables, nodes and edges, for spreadsheets, Gephi and Neo4j.
 *
 * RFC 4180: records end in CRLF, every text field is quoted (so a name with
 * a comma, a quote or a line break never splits a record) with '"' doubled;
 * numbers are bare, in the "C" locale; an absent value is an empty unquoted
 * field, which Neo4j's LOAD CSV reads as null and Gephi skips. Every
 * character is kept as it is, line breaks and control characters included:
 * inside quotes they are data. No byte-order mark: Python's csv module and
 * LOAD CSV would read it as part of the first column's name.
 *
 * Column names are the ones the readers give a meaning to:
 *   nodes: Id, Label (Gephi's spreadsheet import: node id and label), then
 *          the attributes as in every other format;
 *   edges: Source, Target (Gephi: node ids), Type ("Directed", Gephi's
 *          direction), Kind (Gephi 0.9.2+: edges of different kinds between
 *          one pair are kept apart, not merged), Id, Label, Weight, then the
 *          attributes. In Neo4j: LOAD CSV WITH HEADERS ... AS row, then
 *          row.Source, row.relation, toInteger(row.Weight) and so on.
 * Node ids here are the canonical ids ("NVIDIA"), which are unique, rather
 * than n0..: CSV has no grammar for ids, and a spreadsheet user reads them. */
#include "export_int.h"

#include <assert.h>
#include <string.h>
#include "factgraph/export.h"

#define EOL "\r\n"

static const char nodes_header[] = "Id,Label,type,mentions,documents,degree,in_degree,"
                                   "out_degree,pagerank,betweenness,community" EOL;
static const char edges_header[] = "Source,Target,Type,Kind,Id,Label,Weight,relation,status,"
                                   "amount,currency,quantity,date,date_normalized,"
                                   "evidence_summary,evidence" EOL;

/* ",field": s NULL writes an empty, unquoted field. */
static fg_status field_str(fg_buf *b, const char *s, size_t len, fg_error *err)
{
    fg_status st = fg_buf_addc(b, ',', err);
    if (st != FG_OK || !s)
        return st;
    return fg_csv_add_field(b, s, len, err);
}

static fg_status field_cstr(fg_buf *b, const char *s, fg_error *err)
{
    return field_str(b, s, s ? strlen(s) : 0, err);
}

static fg_status field_long(fg_buf *b, long v, fg_error *err)
{
    return fg_buf_printf(b, err, ",%ld", v);
}

/* A finite number per fg_fmt_double (or fg_fmt_amount); empty otherwise. */
static fg_status field_double(fg_buf *b, double v, bool amount, fg_error *err)
{
    char num[FG_NUM_MAX];
    if (!(amount ? fg_fmt_amount(num, v) : fg_fmt_double(num, v)))
        num[0] = '\0';
    return fg_buf_printf(b, err, ",%s", num);
}

static fg_status add_node(fg_buf *b, fg_buf *tmp, const fg_node *n, fg_error *err)
{
    fg_status st;
    const char *label = n->label ? n->label : n->id;

    fg_buf_reset(tmp);
    for (size_t i = 0; i < n->mention_count; i++) {
        if ((i && (st = fg_buf_adds(tmp, " | ", err)) != FG_OK) ||
            (st = fg_buf_adds(tmp, n->mentions[i], err)) != FG_OK)
            return st;
    }
    if ((st = fg_csv_add_field(b, n->id, strlen(n->id), err)) != FG_OK ||
        (st = field_cstr(b, label, err)) != FG_OK ||
        (st = field_cstr(b, n->type, err)) != FG_OK ||
        (st = field_str(b, tmp->ptr, tmp->len, err)) != FG_OK ||
        (st = field_long(b, (long)n->doc_count, err)) != FG_OK ||
        (st = field_long(b, n->degree, err)) != FG_OK ||
        (st = field_long(b, n->in_degree, err)) != FG_OK ||
        (st = field_long(b, n->out_degree, err)) != FG_OK ||
        (st = field_double(b, n->pagerank, false, err)) != FG_OK ||
        (st = field_double(b, n->betweenness, false, err)) != FG_OK ||
        (st = field_long(b, n->community, err)) != FG_OK)
        return st;
    return fg_buf_adds(b, EOL, err);
}

static fg_status add_edge(fg_buf *b, fg_buf *tmp, const fg_graph *g, size_t i,
                          const fg_edge *e, fg_error *err)
{
    fg_status st;
    const char *src = fg_graph_node_get(g, e->source)->id;
    const char *dst = fg_graph_node_get(g, e->target)->id;

    if ((st = fg_csv_add_field(b, src, strlen(src), err)) != FG_OK ||
        (st = field_cstr(b, dst, err)) != FG_OK ||
        (st = fg_buf_printf(b, err, ",\"Directed\"")) != FG_OK ||
        (st = field_cstr(b, e->type, err)) != FG_OK ||
        (st = fg_buf_printf(b, err, ",\"e%zu\"", i)) != FG_OK ||
        (st = field_cstr(b, e->type, err)) != FG_OK ||
        (st = field_long(b, e->weight, err)) != FG_OK ||
        (st = field_cstr(b, e->type, err)) != FG_OK ||
        (st = field_cstr(b, e->status, err)) != FG_OK)
        return st;
    if (e->has_amount) {
        if ((st = field_double(b, e->amount, true, err)) != FG_OK ||
            (st = field_cstr(b, e->currency, err)) != FG_OK)
            return st;
    } else if ((st = fg_buf_adds(b, ",,", err)) != FG_OK) {
        return st;
    }
    if ((st = e->has_quantity ? field_double(b, e->quantity, true, err)
                              : fg_buf_addc(b, ',', err)) != FG_OK ||
        (st = field_cstr(b, e->date, err)) != FG_OK ||
        (st = field_cstr(b, e->date_norm, err)) != FG_OK)
        return st;
    fg_buf_reset(tmp);
    if ((st = fg_evidence_summary(tmp, e, err)) != FG_OK ||
        (st = field_str(b, tmp->ptr, tmp->len, err)) != FG_OK)
        return st;
    fg_buf_reset(tmp);
    if ((st = fg_json_add_evidence(tmp, e->evidence, e->evidence_count, err)) != FG_OK ||
        (st = field_str(b, tmp->ptr, tmp->len, err)) != FG_OK)
        return st;
    return fg_buf_adds(b, EOL, err);
}

fg_status fg_export_csv(const fg_graph *g, fg_csv_table table, FILE *out, fg_error *err)
{
    fg_status st;
    fg_buf b, tmp;
    bool nodes = table == FG_CSV_NODES;
    size_t n = nodes ? fg_graph_node_count(g) : fg_graph_edge_count(g);

    assert(g && out);
    if (table != FG_CSV_NODES && table != FG_CSV_EDGES)
        return fg_error_set(err, FG_EINVAL, NULL, "unknown csv table %d", (int)table);
    fg_buf_init(&b, 0);
    fg_buf_init(&tmp, 0);
    if ((st = fg_buf_adds(&b, nodes ? nodes_header : edges_header, err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < n; i++) {
        st = nodes ? add_node(&b, &tmp, fg_graph_node_get(g, i), err)
                   : add_edge(&b, &tmp, g, i, fg_graph_edge_get(g, i), err);
        if (st != FG_OK || (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_out_flush(&b, out, err)) != FG_OK)
        goto out;
    st = fg_out_finish(out, err);
out:
    fg_buf_release(&tmp);
    fg_buf_release(&b);
    return st;
}
