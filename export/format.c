/* format.c - format names, dispatch, and the atomic write to a path.
 *
 * fg_export_to_path() never leaves a half-written file where the user asked
 * for one: it writes a temporary file in the destination's directory (so the
 * rename stays within one file system), flushes it to disk, and renames it
 * over the destination only when everything succeeded (redis rdbSave()). A
 * reader of the old file sees either the old or the new graph, never a mix.
 * CSV's two files are both written before either is renamed. */
#include "export_int.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "factgraph/export.h"

/* Bytes of the destination's name kept in the temporary name, so that a name
 * near NAME_MAX still leaves room for the prefix and the mkstemp suffix. */
#define TMP_NAME_KEEP 64

static const struct {
    fg_format fmt;
    const char *name, *ext;
} formats[] = {
    {FG_FORMAT_JSON, "json", "json"},
    {FG_FORMAT_GRAPHML, "graphml", "graphml"},
    {FG_FORMAT_DOT, "dot", "dot"},
    {FG_FORMAT_GEXF, "gexf", "gexf"},
    {FG_FORMAT_CYTOSCAPE, "cytoscape", "cyjs"},
    {FG_FORMAT_CSV, "csv", "csv"},
    {FG_FORMAT_SVG, "svg", "svg"},
    {FG_FORMAT_PNG, "png", "png"},
};

static const char *const layouts[] = {
    [FG_LAYOUT_AUTO] = "auto",
    [FG_LAYOUT_DOT] = "dot",
    [FG_LAYOUT_NEATO] = "neato",
    [FG_LAYOUT_SFDP] = "sfdp",
};

fg_status fg_format_parse(fg_format *out, const char *name, fg_error *err)
{
    for (size_t i = 0; name && i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (strcmp(formats[i].name, name) == 0) {
            *out = formats[i].fmt;
            return FG_OK;
        }
    }
    return fg_error_set(err, FG_EINVAL, NULL,
                        "unknown format '%s' (expected json, graphml, gexf, cytoscape, csv, dot, "
                        "svg or png)",
                        name ? name : "");
}

const char *fg_format_name(fg_format fmt)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (formats[i].fmt == fmt)
            return formats[i].name;
    return "unknown";
}

const char *fg_format_ext(fg_format fmt)
{
    for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
        if (formats[i].fmt == fmt)
            return formats[i].ext;
    return "unknown";
}

bool fg_format_is_rendered(fg_format fmt)
{
    return fmt == FG_FORMAT_SVG || fmt == FG_FORMAT_PNG;
}

fg_status fg_gexf_version_parse(fg_gexf_version *out, const char *name, fg_error *err)
{
    if (name && strcmp(name, "1.3") == 0) {
        *out = FG_GEXF_1_3;
        return FG_OK;
    }
    if (name && (strcmp(name, "1.2draft") == 0 || strcmp(name, "1.2") == 0)) {
        *out = FG_GEXF_1_2DRAFT;
        return FG_OK;
    }
    return fg_error_set(err, FG_EINVAL, NULL,
                        "unknown gexf version '%s' (expected 1.3 or 1.2draft)", name ? name : "");
}

fg_status fg_layout_parse(fg_layout *out, const char *name, fg_error *err)
{
    for (size_t i = 0; name && i < sizeof(layouts) / sizeof(layouts[0]); i++) {
        if (strcmp(layouts[i], name) == 0) {
            *out = (fg_layout)i;
            return FG_OK;
        }
    }
    return fg_error_set(err, FG_EINVAL, NULL,
                        "unknown layout '%s' (expected auto, dot, neato or sfdp)",
                        name ? name : "");
}

const char *fg_layout_name(fg_layout layout)
{
    if ((size_t)layout < sizeof(layouts) / sizeof(layouts[0]))
        return layouts[layout];
    return "unknown";
}

fg_status fg_export_write_opts(const fg_graph *g, fg_format fmt, const fg_export_opts *opts,
                               FILE *out, fg_error *err)
{
    static const fg_export_opts defaults = FG_EXPORT_OPTS_INIT;

    assert(g && out);
    if (!opts)
        opts = &defaults;
    switch (fmt) {
    case FG_FORMAT_JSON: return fg_export_json(g, out, err);
    case FG_FORMAT_GRAPHML: return fg_export_graphml(g, out, err);
    case FG_FORMAT_DOT: return fg_dot_write(g, opts, out, err);
    case FG_FORMAT_GEXF: return fg_export_gexf(g, opts->gexf_version, out, err);
    case FG_FORMAT_CYTOSCAPE: return fg_export_cytoscape(g, out, err);
    case FG_FORMAT_CSV: return fg_export_csv(g, opts->csv_table, out, err);
    case FG_FORMAT_SVG:
    case FG_FORMAT_PNG: return fg_export_render(g, fmt, opts, out, err);
    }
    return fg_error_set(err, FG_EINVAL, NULL, "unknown format %d", (int)fmt);
}

fg_status fg_export_write(const fg_graph *g, fg_format fmt, FILE *out, fg_error *err)
{
    return fg_export_write_opts(g, fmt, NULL, out, err);
}

/* The mode open(path, O_CREAT, 0666) would give a new file. mkstemp makes 0600
 * files, and the only portable way to read the umask, umask() itself, changes
 * it for every thread for a moment; Linux shows it in /proc/self/status. */
static mode_t new_file_mode(void)
{
    mode_t mask = 022;
    char line[128];
    FILE *f = fopen("/proc/self/status", "r");
    if (f) {
        while (fgets(line, sizeof(line), f)) {
            if (strncmp(line, "Umask:", 6) == 0) {
                mask = (mode_t)strtoul(line + 6, NULL, 8);
                break;
            }
        }
        fclose(f);
    }
    return 0666 & ~mask;
}

/* "dir/.name.XXXXXX" beside target. Caller owns; free(). NULL when out of memory. */
static char *temp_template(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target) + 1 : 0;
    size_t baselen = strlen(target + dirlen);
    fg_buf b;
    fg_buf_init(&b, 0);
    if (baselen > TMP_NAME_KEEP)
        baselen = TMP_NAME_KEEP;
    if (fg_buf_add(&b, target, dirlen, NULL) != FG_OK ||
        fg_buf_addc(&b, '.', NULL) != FG_OK ||
        fg_buf_add(&b, target + dirlen, baselen, NULL) != FG_OK ||
        fg_buf_adds(&b, ".XXXXXX", NULL) != FG_OK) {
        fg_buf_release(&b);
        return NULL;
    }
    return fg_buf_detach(&b, NULL);
}

/* A destination that exists and is not a regular file (/dev/null, a FIFO,
 * /dev/stdout) cannot be replaced by rename, and must not be: write into it. */
static fg_status write_in_place(const fg_graph *g, fg_format fmt, const fg_export_opts *opts,
                                const char *target, fg_error *err)
{
    fg_status st;
    FILE *f = fopen(target, "w");
    if (!f)
        return fg_error_set(err, FG_EIO, NULL, "cannot open for writing: %s", strerror(errno));
    st = fg_export_write_opts(g, fmt, opts, f, err);
    if (fclose(f) != 0 && st == FG_OK)
        st = fg_error_set(err, FG_EIO, NULL, "write failed: %s", strerror(errno));
    return st;
}

/* A symlink is followed, so the file it names is replaced, not the link. */
static char *resolve_target(const char *path)
{
    struct stat sb;
    char *real = NULL;
    if (lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode))
        real = realpath(path, NULL); /* NULL if dangling: then replace the link */
    return real ? real : strdup(path);
}

/* One file written to a temporary beside its target and not yet renamed
 * into place: CSV writes two, and renames them only once both are written. */
struct pending {
    const char *path; /* as the user named it, for messages */
    char *target;  /* path with symlinks resolved */
    char *tmp;     /* the written temporary; NULL once renamed, or when the
                      target was written in place */
};

static void pending_discard(struct pending *p)
{
    if (p->tmp)
        unlink(p->tmp);
    free(p->tmp);
    free(p->target);
    memset(p, 0, sizeof(*p));
}

/* Writes the temporary (or, for a device or FIFO, the target itself). On
 * failure nothing is left behind and err names path. */
static fg_status pending_write(struct pending *p, const fg_graph *g, fg_format fmt,
                               const fg_export_opts *opts, const char *path, fg_error *err)
{
    fg_status st;
    int fd = -1, rc;
    FILE *f = NULL;
    struct stat sb;
    mode_t mode;

    memset(p, 0, sizeof(*p));
    p->path = path;
    p->target = resolve_target(path);
    if (!p->target) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    if (stat(p->target, &sb) == 0) {
        if (!S_ISREG(sb.st_mode)) {
            st = write_in_place(g, fmt, opts, p->target, err);
            goto out;
        }
        mode = sb.st_mode & 07777; /* replacing a file keeps its permissions */
    } else {
        mode = new_file_mode();
    }
    p->tmp = temp_template(p->target);
    if (!p->tmp) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    fd = mkstemp(p->tmp);
    if (fd < 0) {
        free(p->tmp);
        p->tmp = NULL;
        st = fg_error_set(err, FG_EIO, NULL, "cannot create a temporary file: %s",
                          strerror(errno));
        goto out;
    }
    (void)fchmod(fd, mode); /* best effort: the data matters more than the mode */
    f = fdopen(fd, "w");
    if (!f) {
        st = fg_error_set(err, FG_EIO, NULL, "cannot open the temporary file: %s",
                          strerror(errno));
        goto out;
    }
    fd = -1; /* f owns it now */
    if ((st = fg_export_write_opts(g, fmt, opts, f, err)) != FG_OK)
        goto out;
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
        st = fg_error_set(err, FG_EIO, NULL, "write failed: %s", strerror(errno));
        goto out;
    }
    rc = fclose(f);
    f = NULL;
    if (rc != 0)
        st = fg_error_set(err, FG_EIO, NULL, "write failed: %s", strerror(errno));
out:
    if (f)
        fclose(f);
    if (fd >= 0)
        close(fd);
    if (st != FG_OK) {
        fg_error_set_source(err, path);
        pending_discard(p);
    }
    return st;
}

/* Renames the temporary over the target. On failure it is removed. */
static fg_status pending_commit(struct pending *p, fg_error *err)
{
    fg_status st = FG_OK;
    if (p->tmp && rename(p->tmp, p->target) != 0) {
        st = fg_error_set(err, FG_EIO, NULL, "cannot replace the file: %s", strerror(errno));
        fg_error_set_source(err, p->path);
    } else {
        free(p->tmp);
        p->tmp = NULL;
    }
    pending_discard(p);
    return st;
}

fg_status fg_export_csv_path(char **out, const char *path, fg_csv_table table, fg_error *err)
{
    const char *name = table == FG_CSV_NODES ? "nodes.csv" : "edges.csv";
    size_t len = strlen(path);
    struct stat sb;
    fg_buf b;
    fg_status st;

    *out = NULL;
    fg_buf_init(&b, 0);
    if ((len > 0 && path[len - 1] == '/') || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
        st = fg_buf_printf(&b, err, "%s%s%s", path, len > 0 && path[len - 1] == '/' ? "" : "/",
                           name);
    } else {
        if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
            len -= 4;
        st = fg_buf_printf(&b, err, "%.*s.%s", (int)len, path, name);
    }
    if (st == FG_OK)
        *out = fg_buf_detach(&b, NULL);
    fg_buf_release(&b);
    return st;
}

/* Both tables written, then both renamed: a failure in the second leaves the
 * first file as it was. */
static fg_status csv_to_path(const fg_graph *g, const fg_export_opts *opts, const char *path,
                             fg_error *err)
{
    fg_status st;
    char *names[2] = {NULL, NULL};
    struct pending files[2];
    fg_export_opts o = *opts;
    size_t written = 0;

    memset(files, 0, sizeof(files));
    if (strcmp(path, "-") == 0)
        return fg_error_set(err, FG_EINVAL, "<stdout>",
                            "csv writes two files (nodes and edges): name a directory or a prefix");
    for (int t = 0; t < 2; t++) {
        o.csv_table = t == 0 ? FG_CSV_NODES : FG_CSV_EDGES;
        if ((st = fg_export_csv_path(&names[t], path, o.csv_table, err)) != FG_OK)
            goto out;
        if ((st = pending_write(&files[t], g, FG_FORMAT_CSV, &o, names[t], err)) != FG_OK)
            goto out;
        written++;
    }
    for (int t = 0; t < 2; t++) {
        fg_status c = pending_commit(&files[t], err);
        if (st == FG_OK)
            st = c;
    }
    written = 0;
out:
    for (size_t t = 0; t < written; t++)
        pending_discard(&files[t]);
    free(names[0]);
    free(names[1]);
    return st;
}

fg_status fg_export_to_path_opts(const fg_graph *g, fg_format fmt, const fg_export_opts *opts,
                                 const char *path, fg_error *err)
{
    static const fg_export_opts defaults = FG_EXPORT_OPTS_INIT;
    struct pending file;
    fg_status st;

    assert(g && path);
    if (!opts)
        opts = &defaults;
    if (fmt == FG_FORMAT_CSV)
        return csv_to_path(g, opts, path, err);
    if (strcmp(path, "-") == 0) {
        st = fg_export_write_opts(g, fmt, opts, stdout, err);
        if (st != FG_OK)
            fg_error_set_source(err, "<stdout>");
        return st;
    }
    if ((st = pending_write(&file, g, fmt, opts, path, err)) != FG_OK)
        return st;
    return pending_commit(&file, err);
}

fg_status fg_export_to_path(const fg_graph *g, fg_format fmt, const char *path, fg_error *err)
{
    return fg_export_to_path_opts(g, fmt, NULL, path, err);
}
