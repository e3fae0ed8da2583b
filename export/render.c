/* render.c - SVG and PNG, laid out and rendered in process by Graphviz's gvc.
 *
 * The drawing is the one the DOT writer builds (dot.c, fg_dot_build), laid
 * out by the engine fg_export_render_plan() picks, then rendered:
 *   - svg: Graphviz's core SVG renderer, which keeps every label as <text>
 *     (Japanese stays text, searchable and selectable; widths are measured
 *     with FG_DOT_FONT through pango). A viewer needs a CJK font to show it;
 *   - png: the cairo renderer, which draws glyphs with the fonts installed
 *     here (the Makefile installs fonts-noto-cjk).
 *
 * The output is rendered into memory (gvRenderData) and written by us, not
 * streamed with gvRender(): in Graphviz 2.43, a failed write inside gvRender
 * ends the process (gvdevice.c, gvwrite_no_z: agerr, then exit(1)), and a
 * library may not. A drawing is small next to the graph data.
 *
 * Graphviz reads numbers in attributes ("0.25", "14.5") with the C library,
 * so under a comma-decimal locale it misreads them and lays out another
 * drawing. It runs in the "C" locale, per thread through uselocale(), so the
 * caller's setlocale() is neither obeyed nor changed.
 *
 * Graphviz reports problems through cgraph's agerr(), which prints to stderr
 * by default; a library may not. For the length of the call, messages are
 * held back (agseterr(AGMAX)) and the last one becomes our error text
 * (aglasterr()).
 *
 * One Graphviz context serves the whole process and is never freed: Graphviz
 * 2.43's pango plugin keeps, in a static variable, a pointer to the name of
 * the last font it measured, which lives in the context's font cache; after
 * gvFreeContext() the next context's first label compares against freed
 * memory (ASan found it: an SVG and a PNG in one run). Kept alive, the cache
 * stays valid, and plugins load once. It stays reachable, so LeakSanitizer
 * does not count it. gvc and cgraph keep process-wide state anyway: this
 * writer is not thread-safe.
 *
 * Ownership: gvLayout() -> gvFreeLayout();
 * gvRenderData()'s buffer -> gvFreeRenderData(); aglasterr()'s string is
 * ours to free(). */
#include "dot_int.h"
#include "export_int.h"

#include <assert.h>
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <graphviz/gvc.h>

void fg_export_render_plan(fg_render_plan *out, const fg_graph *g, const fg_export_opts *opts)
{
    size_t nn = fg_graph_node_count(g), ne = fg_graph_edge_count(g);
    size_t hidden = 0;
    fg_layout want = opts ? opts->layout : FG_LAYOUT_AUTO;
    bool big;
    fg_render_plan p = {FG_LAYOUT_DOT, 0, true, false, false};
    bool *touched = ne > 0 ? malloc(nn * sizeof(*touched)) : NULL;

    /* out of memory: draw every node, as if none were isolated */
    if (touched)
        hidden = fg_mark_isolated(touched, g);
    free(touched);
    big = ne > FG_RENDER_DOT_MAX_EDGES || nn - hidden > FG_RENDER_DOT_MAX_NODES;
    p.hidden = hidden;

    if (want == FG_LAYOUT_AUTO) {
        if (big) {
            p.layout = FG_LAYOUT_SFDP;
            p.switched = true;
        }
    } else {
        p.layout = want;
        p.bounded = want == FG_LAYOUT_DOT && big;
    }
    p.edge_labels = ne <= FG_RENDER_LABEL_MAX_EDGES;
    *out = p;
}

/* The process's Graphviz context (see the top of the file), or NULL. */
static GVC_t *shared_context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext(); /* loads the plugins, pango's text measuring too */
    return gvc;
}

/* The message Graphviz held back, lowercased and trimmed, or a default. */
static fg_status graphviz_error(fg_error *err, const char *what)
{
    char *msg = aglasterr();
    fg_status st;
    if (msg) {
        size_t n = strlen(msg);
        while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '.' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        if (msg[0] >= 'A' && msg[0] <= 'Z')
            msg[0] = (char)(msg[0] - 'A' + 'a');
        st = fg_error_set(err, FG_EDEP, NULL, "graphviz: %s: %s", what, msg);
        free(msg);
        return st;
    }
    return fg_error_set(err, FG_EDEP, NULL, "graphviz: %s failed", what);
}

fg_status fg_export_render(const fg_graph *g, fg_format fmt, const fg_export_opts *opts,
                           FILE *out, fg_error *err)
{
    fg_status st;
    fg_render_plan plan;
    GVC_t *gvc = NULL;
    Agraph_t *ag = NULL;
    bool laid_out = false;
    char *data = NULL;
    unsigned int len = 0;
    agerrlevel_t old_level;
    locale_t c_locale, old_locale = (locale_t)0;

    assert(g && out);
    if (fmt != FG_FORMAT_SVG && fmt != FG_FORMAT_PNG)
        return fg_error_set(err, FG_EINVAL, NULL, "%s is not a rendered format",
                            fg_format_name(fmt));
    fg_export_render_plan(&plan, g, opts);
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    if (!c_locale)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    old_locale = uselocale(c_locale);
    old_level = agseterr(AGMAX);
    agreseterrors();
    /* the context first, so that labels are measured with pango */
    gvc = shared_context();
    if (!gvc) {
        st = fg_error_set(err, FG_EDEP, NULL, "graphviz: cannot create a context");
        goto out;
    }
    if ((st = fg_dot_build(&ag, g, opts, &plan, err)) != FG_OK)
        goto out;
    if (gvLayout(gvc, ag, fg_layout_name(plan.layout)) != 0) {
        st = graphviz_error(err, "layout");
        goto out;
    }
    laid_out = true;
    if (gvRenderData(gvc, ag, fmt == FG_FORMAT_SVG ? "svg" : "png", &data, &len) != 0) {
        st = graphviz_error(err, "render");
        goto out;
    }
    if (len && fwrite(data, 1, len, out) != len) {
        st = fg_error_set(err, FG_EIO, NULL, "write failed: %s", strerror(errno));
        goto out;
    }
    st = fg_out_finish(out, err);
out:
    if (data)
        gvFreeRenderData(data);
    if (laid_out)
        gvFreeLayout(gvc, ag);
    if (ag)
        agclose(ag);
    agseterr(old_level);
    uselocale(old_locale);
    freelocale(c_locale);
    return st;
}
