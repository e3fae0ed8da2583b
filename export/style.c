/* style.c - colours, shapes and sizes shared by every writer.
 *
 * One table, so that a company is the same blue in Gephi (GraphML r/g/b, GEXF
 * viz:color), in a browser (Cytoscape) and in the diagram (DOT fill). The
 * colours are Tableau 10, chosen to stay apart for the common forms of colour
 * blindness; DOT fills are the same hues mixed 68% with white, so black text
 * on them keeps a contrast ratio above 7:1. Shapes differ per type as well,
 * so the diagram reads in grey print too. */
#include "export_int.h"

#include <math.h>
#include <string.h>

static const fg_node_style node_styles[] = {
    {"company", 78, 121, 167, "#4e79a7", "#c6d4e3", "box"},
    {"chip", 242, 142, 43, "#f28e2b", "#fbdbbb", "octagon"},
    {"government", 225, 87, 89, "#e15759", "#f5c9ca", "house"},
    {"person", 89, 161, 79, "#59a14f", "#cae1c7", "ellipse"},
    {"model", 176, 122, 161, "#b07aa1", "#e6d4e1", "component"},
    {"organization", 237, 201, 72, "#edc948", "#f9eec4", "folder"},
    {"place", 118, 183, 178, "#76b7b2", "#d3e8e6", "hexagon"},
};
static const fg_node_style fallback_style = {NULL, 186, 176, 172, "#bab0ac", "#e9e6e4", "box"};

const fg_node_style *fg_node_style_of(const char *type)
{
    for (size_t i = 0; type && i < sizeof(node_styles) / sizeof(node_styles[0]); i++)
        if (strcmp(node_styles[i].type, type) == 0)
            return &node_styles[i];
    return &fallback_style;
}

const fg_node_style *fg_node_style_at(size_t i)
{
    return i < fg_node_style_count() ? &node_styles[i] : &fallback_style;
}

size_t fg_node_style_count(void)
{
    return sizeof(node_styles) / sizeof(node_styles[0]);
}

/* Edge colours by meaning; darker than the node colours so that thin lines
 * and their labels stay readable. */
static const struct {
    const char *type, *color;
} edge_colors[] = {
    {"bans", "#c0392b"},        {"investigates", "#d35400"}, {"permits", "#1e8449"},
    {"orders", "#2471a3"},      {"supplies", "#1a5276"},     {"funds", "#9a7d0a"},
    {"develops", "#7d3c98"},    {"manufactures", "#6c3483"}, {"uses", "#566573"},
    {"competes", "#a04000"},    {"partners", "#117a65"},     {"leads", "#2e4053"},
    {"part_of", "#5d6d7e"},
};

const char *fg_edge_color_of(const char *type)
{
    for (size_t i = 0; type && i < sizeof(edge_colors) / sizeof(edge_colors[0]); i++)
        if (strcmp(edge_colors[i].type, type) == 0)
            return edge_colors[i].color;
    return "#555555";
}

size_t fg_mark_isolated(bool *touched, const fg_graph *g)
{
    size_t nn = fg_graph_node_count(g), isolated = 0;
    for (size_t v = 0; v < nn; v++)
        touched[v] = false;
    for (size_t i = 0; i < fg_graph_edge_count(g); i++) {
        touched[fg_graph_edge_get(g, i)->source] = true;
        touched[fg_graph_edge_get(g, i)->target] = true;
    }
    for (size_t v = 0; v < nn; v++)
        isolated += !touched[v];
    return isolated;
}

double fg_max_pagerank(const fg_graph *g)
{
    double max = 0;
    for (size_t i = 0; i < fg_graph_node_count(g); i++) {
        double pr = fg_graph_node_get(g, i)->pagerank;
        if (isfinite(pr) && pr > max)
            max = pr;
    }
    return max;
}

double fg_size_of(double pagerank, double max, double lo, double hi)
{
    if (!(max > 0) || !isfinite(pagerank) || pagerank <= 0)
        return lo;
    double t = sqrt(pagerank / max);
    return lo + (hi - lo) * (t > 1 ? 1 : t);
}
