/* gexf.c - GEXF 1.3 and 1.2draft for Gephi, NetworkX and graphology
 * (FORMATS.md sections 1 and 3).
 *
 * What each choice guards against:
 *   - the namespaces are written character for character as each version
 *     defines them: NetworkX finds elements by namespace, so "https://" or a
 *     missing "www" in 1.2draft gives "No <graph> element"; xmlns:viz is
 *     declared on the root, since every node carries viz:color and viz:size;
 *   - no xsi:schemaLocation, which the 1.3 RELAX NG schema rejects;
 *   - attribute types only from the list both NetworkX 2.8 and the schemas
 *     know (integer, double, string);
 *   - every value sits in an XML attribute (label, attvalue value), so TAB,
 *     LF and CR are written as character references, or attribute-value
 *     normalisation would turn them into spaces (fg_xml_add_attr);
 *   - parallel edges of different types between one pair stay apart: every
 *     edge has its own id (required in 1.2draft, the multigraph key in
 *     NetworkX), and in 1.3 its type is also its kind, which is what Gephi
 *     uses to keep parallel edges instead of merging them;
 *   - node ids are synthetic (n0..), names go in label, as in GraphML;
 *   - an absent value (no amount, no status) has no attvalue, and a number
 *     that is NaN or infinite is left out: GEXF has no spelling for it.
 * Colours and sizes come from style.c, as in GraphML. Edges carry viz:color
 * by type, which Gephi shows and NetworkX ignores (it reads viz on nodes). */
#include "export_int.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include "factgraph/export.h"

typedef struct version_info {
    const char *ns, *viz_ns, *version;
    bool kind; /* edge kind: 1.3 only */
} version_info;

static const version_info versions[] = {
    [FG_GEXF_1_3] = {"http://gexf.net/1.3", "http://gexf.net/1.3/viz", "1.3", true},
    [FG_GEXF_1_2DRAFT] = {"http://www.gexf.net/1.2draft", "http://www.gexf.net/1.2draft/viz",
                          "1.2", false},
};

typedef struct attrdef {
    const char *id, *type;
} attrdef;

static const attrdef node_attrs[] = {
    {"type", "string"},       {"mentions", "string"},  {"documents", "integer"},
    {"degree", "integer"},    {"in_degree", "integer"}, {"out_degree", "integer"},
    {"pagerank", "double"},   {"betweenness", "double"}, {"community", "integer"},
};

static const attrdef edge_attrs[] = {
    {"relation", "string"}, {"status", "string"},   {"amount", "double"},
    {"currency", "string"}, {"quantity", "double"}, {"date", "string"},
    {"date_normalized", "string"}, {"evidence", "string"}, {"evidence_summary", "string"},
};

/* Mentions are joined into one string, as in GraphML. */
#define MENTION_SEP " | "

static fg_status add_attr_decls(fg_buf *b, const char *cls, const attrdef *defs, size_t n,
                                fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_printf(b, err, "    <attributes class=\"%s\">\n", cls)) != FG_OK)
        return st;
    for (size_t i = 0; i < n; i++) {
        /* id = title: NetworkX and graphology name the attribute by title */
        if ((st = fg_buf_printf(b, err, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                                defs[i].id, defs[i].id, defs[i].type)) != FG_OK)
            return st;
    }
    return fg_buf_adds(b, "    </attributes>\n", err);
}

static fg_status add_header(fg_buf *b, const fg_graph *g, const version_info *v, fg_error *err)
{
    fg_status st;
    if ((st = fg_buf_printf(b, err,
                            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                            "<gexf xmlns=\"%s\" xmlns:viz=\"%s\" version=\"%s\">\n"
                            "  <meta>\n"
                            "    <creator>factgraph %s</creator>\n"
                            "    <description>knowledge graph from %zu documents</description>\n"
                            "  </meta>\n"
                            "  <graph defaultedgetype=\"directed\" mode=\"static\">\n",
                            v->ns, v->viz_ns, v->version, FG_VERSION,
                            fg_graph_document_count(g))) != FG_OK ||
        (st = add_attr_decls(b, "node", node_attrs, sizeof(node_attrs) / sizeof(node_attrs[0]),
                             err)) != FG_OK ||
        (st = add_attr_decls(b, "edge", edge_attrs, sizeof(edge_attrs) / sizeof(edge_attrs[0]),
                             err)) != FG_OK)
        return st;
    return fg_buf_printf(b, err, "    <nodes count=\"%zu\">\n", fg_graph_node_count(g));
}

/* <attvalue for="id" value="s"/>; s NULL writes nothing. */
static fg_status value_str(fg_buf *b, const char *id, const char *s, size_t len, fg_error *err)
{
    fg_status st;
    if (!s)
        return FG_OK;
    if ((st = fg_buf_printf(b, err, "          <attvalue for=\"%s\" value=\"", id)) != FG_OK ||
        (st = fg_xml_add_attr(b, s, len, err)) != FG_OK)
        return st;
    return fg_buf_adds(b, "\"/>\n", err);
}

static fg_status value_cstr(fg_buf *b, const char *id, const char *s, fg_error *err)
{
    return value_str(b, id, s, s ? strlen(s) : 0, err);
}

static fg_status value_long(fg_buf *b, const char *id, long v, fg_error *err)
{
    return fg_buf_printf(b, err, "          <attvalue for=\"%s\" value=\"%ld\"/>\n", id, v);
}

/* A finite number per fg_fmt_double (or fg_fmt_amount); nothing otherwise. */
static fg_status value_double(fg_buf *b, const char *id, double v, bool amount, fg_error *err)
{
    char num[FG_NUM_MAX];
    if (!(amount ? fg_fmt_amount(num, v) : fg_fmt_double(num, v)))
        return FG_OK;
    return fg_buf_printf(b, err, "          <attvalue for=\"%s\" value=\"%s\"/>\n", id, num);
}

static fg_status add_mentions(fg_buf *b, fg_buf *tmp, const fg_node *n, fg_error *err)
{
    fg_status st;
    if (n->mention_count == 0)
        return FG_OK;
    fg_buf_reset(tmp);
    for (size_t i = 0; i < n->mention_count; i++) {
        if (i && (st = fg_buf_adds(tmp, MENTION_SEP, err)) != FG_OK)
            return st;
        if ((st = fg_buf_adds(tmp, n->mentions[i], err)) != FG_OK)
            return st;
    }
    return value_str(b, "mentions", tmp->ptr, tmp->len, err);
}

static fg_status add_node(fg_buf *b, fg_buf *tmp, size_t i, const fg_node *n, double max_pr,
                          fg_error *err)
{
    fg_status st;
    const char *label = n->label ? n->label : n->id;
    const fg_node_style *sty = fg_node_style_of(n->type);
    char size[FG_NUM_MAX];

    fg_fmt_double(size, fg_size_of(n->pagerank, max_pr, FG_GEPHI_SIZE_MIN, FG_GEPHI_SIZE_MAX));
    if ((st = fg_buf_printf(b, err, "      <node id=\"n%zu\" label=\"", i)) != FG_OK ||
        (st = fg_xml_add_attr(b, label, strlen(label), err)) != FG_OK ||
        (st = fg_buf_adds(b, "\">\n        <attvalues>\n", err)) != FG_OK ||
        (st = value_cstr(b, "type", n->type, err)) != FG_OK ||
        (st = add_mentions(b, tmp, n, err)) != FG_OK ||
        (st = value_long(b, "documents", (long)n->doc_count, err)) != FG_OK ||
        (st = value_long(b, "degree", n->degree, err)) != FG_OK ||
        (st = value_long(b, "in_degree", n->in_degree, err)) != FG_OK ||
        (st = value_long(b, "out_degree", n->out_degree, err)) != FG_OK ||
        (st = value_double(b, "pagerank", n->pagerank, false, err)) != FG_OK ||
        (st = value_double(b, "betweenness", n->betweenness, false, err)) != FG_OK ||
        (st = value_long(b, "community", n->community, err)) != FG_OK)
        return st;
    return fg_buf_printf(b, err,
                         "        </attvalues>\n"
                         "        <viz:color r=\"%u\" g=\"%u\" b=\"%u\"/>\n"
                         "        <viz:size value=\"%s\"/>\n"
                         "      </node>\n",
                         sty->r, sty->g, sty->b, size);
}

/* "#rrggbb" to channels; style.c's table is well-formed. */
static void hex_rgb(const char *hex, unsigned *r, unsigned *g, unsigned *b)
{
    unsigned long v = strtoul(hex + 1, NULL, 16);
    *r = (unsigned)(v >> 16) & 0xff;
    *g = (unsigned)(v >> 8) & 0xff;
    *b = (unsigned)v & 0xff;
}

static fg_status add_edge(fg_buf *b, fg_buf *tmp, size_t i, const fg_edge *e,
                          const version_info *v, fg_error *err)
{
    fg_status st;
    char weight[FG_NUM_MAX];
    unsigned r, g, bl;
    const char *type = e->type ? e->type : "";

    fg_fmt_double(weight, (double)e->weight);
    hex_rgb(fg_edge_color_of(e->type), &r, &g, &bl);
    if ((st = fg_buf_printf(b, err, "      <edge id=\"e%zu\" source=\"n%zu\" target=\"n%zu\" label=\"",
                            i, e->source, e->target)) != FG_OK ||
        (st = fg_xml_add_attr(b, type, strlen(type), err)) != FG_OK)
        return st;
    if (v->kind && ((st = fg_buf_adds(b, "\" kind=\"", err)) != FG_OK ||
                    (st = fg_xml_add_attr(b, type, strlen(type), err)) != FG_OK))
        return st;
    if ((st = fg_buf_printf(b, err, "\" weight=\"%s\">\n        <attvalues>\n", weight)) != FG_OK ||
        (st = value_cstr(b, "relation", e->type, err)) != FG_OK ||
        (st = value_cstr(b, "status", e->status, err)) != FG_OK)
        return st;
    if (e->has_amount && ((st = value_double(b, "amount", e->amount, true, err)) != FG_OK ||
                          (st = value_cstr(b, "currency", e->currency, err)) != FG_OK))
        return st;
    if (e->has_quantity && (st = value_double(b, "quantity", e->quantity, true, err)) != FG_OK)
        return st;
    if ((st = value_cstr(b, "date", e->date, err)) != FG_OK ||
        (st = value_cstr(b, "date_normalized", e->date_norm, err)) != FG_OK)
        return st;
    fg_buf_reset(tmp);
    if ((st = fg_json_add_evidence(tmp, e->evidence, e->evidence_count, err)) != FG_OK ||
        (st = value_str(b, "evidence", tmp->ptr, tmp->len, err)) != FG_OK)
        return st;
    fg_buf_reset(tmp);
    if ((st = fg_evidence_summary(tmp, e, err)) != FG_OK ||
        (st = value_str(b, "evidence_summary", tmp->ptr, tmp->len, err)) != FG_OK)
        return st;
    return fg_buf_printf(b, err,
                         "        </attvalues>\n"
                         "        <viz:color r=\"%u\" g=\"%u\" b=\"%u\"/>\n"
                         "      </edge>\n",
                         r, g, bl);
}

fg_status fg_export_gexf(const fg_graph *g, fg_gexf_version version, FILE *out, fg_error *err)
{
    fg_status st;
    fg_buf b, tmp;
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);
    double max_pr = fg_max_pagerank(g);
    const version_info *v;

    assert(g && out);
    if (version != FG_GEXF_1_3 && version != FG_GEXF_1_2DRAFT)
        return fg_error_set(err, FG_EINVAL, NULL, "unknown gexf version %d", (int)version);
    v = &versions[version];
    fg_buf_init(&b, 0);
    fg_buf_init(&tmp, 0);
    if ((st = add_header(&b, g, v, err)) != FG_OK)
        goto out;
    for (size_t i = 0; i < nn; i++) {
        if ((st = add_node(&b, &tmp, i, fg_graph_node_get(g, i), max_pr, err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_buf_printf(&b, err, "    </nodes>\n    <edges count=\"%zu\">\n", ne)) != FG_OK)
        goto out;
    for (size_t i = 0; i < ne; i++) {
        if ((st = add_edge(&b, &tmp, i, fg_graph_edge_get(g, i), v, err)) != FG_OK ||
            (st = fg_out_flush(&b, out, err)) != FG_OK)
            goto out;
    }
    if ((st = fg_buf_adds(&b, "    </edges>\n  </graph>\n</gexf>\n", err)) != FG_OK ||
        (st = fg_out_flush(&b, out, err)) != FG_OK)
        goto out;
    st = fg_out_finish(out, err);
out:
    fg_buf_release(&tmp);
    fg_buf_release(&b);
    return st;
}
