/* format.c - format names, dispatch, and the atomic write to a path.
 *
 * fg_export_to_path() never leaves a half-written file where the user asked
 * for one: it writes a temporary file in the destination's directory (so the
 * rename stays within one file system), flushes it to disk, and renames it
 * over the destination only when everything succeeded (redis rdbSave()). A
 * reader of the old file sees either the old or the new graph, never a mix. */
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
};

fg_status fg_format_parse(fg_format *out, const char *name, fg_error *err)
{
    for (size_t i = 0; name && i < sizeof(formats) / sizeof(formats[0]); i++) {
        if (strcmp(formats[i].name, name) == 0) {
            *out = formats[i].fmt;
            return FG_OK;
        }
    }
    return fg_error_set(err, FG_EINVAL, NULL, "unknown format '%s' (expected json, graphml or dot)",
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

fg_status fg_export_write(const fg_graph *g, fg_format fmt, FILE *out, fg_error *err)
{
    assert(g && out);
    switch (fmt) {
    case FG_FORMAT_JSON: return fg_export_json(g, out, err);
    case FG_FORMAT_GRAPHML: return fg_export_graphml(g, out, err);
    case FG_FORMAT_DOT: return fg_export_dot(g, out, err);
    }
    return fg_error_set(err, FG_EINVAL, NULL, "unknown format %d", (int)fmt);
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
static fg_status write_in_place(const fg_graph *g, fg_format fmt, const char *target,
                                fg_error *err)
{
    fg_status st;
    FILE *f = fopen(target, "w");
    if (!f)
        return fg_error_set(err, FG_EIO, NULL, "cannot open for writing: %s", strerror(errno));
    st = fg_export_write(g, fmt, f, err);
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

fg_status fg_export_to_path(const fg_graph *g, fg_format fmt, const char *path, fg_error *err)
{
    fg_status st;
    char *target = NULL, *tmp = NULL;
    bool tmp_exists = false;
    int fd = -1, rc;
    FILE *f = NULL;
    struct stat sb;
    mode_t mode;

    assert(g && path);
    if (strcmp(path, "-") == 0) {
        st = fg_export_write(g, fmt, stdout, err);
        if (st != FG_OK)
            fg_error_set_source(err, "<stdout>");
        return st;
    }
    target = resolve_target(path);
    if (!target) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    if (stat(target, &sb) == 0) {
        if (!S_ISREG(sb.st_mode)) {
            st = write_in_place(g, fmt, target, err);
            goto out;
        }
        mode = sb.st_mode & 07777; /* replacing a file keeps its permissions */
    } else {
        mode = new_file_mode();
    }
    tmp = temp_template(target);
    if (!tmp) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        st = fg_error_set(err, FG_EIO, NULL, "cannot create a temporary file: %s",
                          strerror(errno));
        goto out;
    }
    tmp_exists = true;
    (void)fchmod(fd, mode); /* best effort: the data matters more than the mode */
    f = fdopen(fd, "w");
    if (!f) {
        st = fg_error_set(err, FG_EIO, NULL, "cannot open the temporary file: %s",
                          strerror(errno));
        goto out;
    }
    fd = -1; /* f owns it now */
    if ((st = fg_export_write(g, fmt, f, err)) != FG_OK)
        goto out;
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) {
        st = fg_error_set(err, FG_EIO, NULL, "write failed: %s", strerror(errno));
        goto out;
    }
    rc = fclose(f);
    f = NULL;
    if (rc != 0) {
        st = fg_error_set(err, FG_EIO, NULL, "write failed: %s", strerror(errno));
        goto out;
    }
    if (rename(tmp, target) != 0) {
        st = fg_error_set(err, FG_EIO, NULL, "cannot replace the file: %s", strerror(errno));
        goto out;
    }
    tmp_exists = false;
out:
    if (f)
        fclose(f);
    if (fd >= 0)
        close(fd);
    if (tmp_exists)
        unlink(tmp);
    if (st != FG_OK)
        fg_error_set_source(err, path);
    free(tmp);
    free(target);
    return st;
}
