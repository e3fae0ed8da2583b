/* dot_int.h - the styled cgraph graph, shared by the DOT writer (dot.c) and
 * the SVG/PNG renderer (render.c). Private: it exposes cgraph types, which
 * no public header may. */
#ifndef FG_DOT_INT_H
#define FG_DOT_INT_H

#include <graphviz/cgraph.h>
#include "factgraph/error.h"
#include "factgraph/export.h"
#include "factgraph/graph.h"

/* The font every label is measured and drawn with: Debian fonts-noto-cjk.
 * Naming it lets Graphviz measure CJK text with the right widths; without
 * any CJK font installed, PNGs show boxes (FORMATS.md section 4). */
#define FG_DOT_FONT "Noto Sans CJK JP"

/* Builds the styled drawing of g: nodes shaped and coloured by type and
 * sized by PageRank, labelled edges coloured by type with pen width by
 * weight, dashed when the fact is not a done deal, and a legend cluster.
 * opts may be NULL. plan is NULL for the DOT text (every label kept, and the
 * "layout" attribute only when opts sets one) or the render plan to follow.
 * Caller owns *out; close with agclose(). Errors: FG_ENOMEM, FG_EDEP. */
fg_status fg_dot_build(Agraph_t **out, const fg_graph *g, const fg_export_opts *opts,
                       const fg_render_plan *plan, fg_error *err);

#endif
