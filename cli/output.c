/* output.c - atomic plain or gzip output (see output.h).
 *
 * The temporary file is created with O_EXCL and mode 0666, so the umask
 * gives it the mode a plain open() would; mkstemp() would make it 0600. */
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

/* Tries this many names before giving up: each collision means another
 * process picked the same pid and counter, which cannot go on. */
#define TMP_TRIES 100

static fg_status io_error(fg_error *err, const char *path, int errnum)
{
    char tmp[128];
    return fg_error_set(err, FG_EIO, path, "%s", strerror_r(errnum, tmp, sizeof(tmp)));
}

static bool gz_name(const char *path)
{
    size_t n = strlen(path);
    return n > 3 && strcmp(path + n - 3, ".gz") == 0;
}

/* dir/.base.tmp.PID.N next to path. */
static fg_status open_tmp(struct fg_output *out, fg_error *err)
{
    static unsigned counter;
    const char *slash = strrchr(out->path, '/');
    int dirlen = slash ? (int)(slash - out->path + 1) : 0;
    const char *base = slash ? slash + 1 : out->path;
    for (int i = 0; i < TMP_TRIES; i++) {
        free(out->tmp);
        if (asprintf(&out->tmp, "%.*s.%.64s.tmp.%ld.%u", dirlen, out->path, base, (long)getpid(),
                     __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED)) < 0) {
            out->tmp = NULL;
            return fg_error_set(err, FG_ENOMEM, out->path, "out of memory");
        }
        out->fd = open(out->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (out->fd >= 0)
            return FG_OK;
        if (errno != EEXIST)
            break;
    }
    int e = errno;
    free(out->tmp);
    out->tmp = NULL;
    return io_error(err, out->path, e);
}

fg_status fg_output_open(struct fg_output *out, const char *path, fg_error *err)
{
    fg_status st;
    memset(out, 0, sizeof(*out));
    out->fd = -1;
    if (!(out->path = strdup(path)))
        return fg_error_set(err, FG_ENOMEM, path, "out of memory");
    if (strcmp(path, "-") == 0) {
        out->f = stdout;
        return FG_OK;
    }
    if ((st = open_tmp(out, err)) != FG_OK)
        goto fail;
    if (gz_name(path))
        out->gz = gzdopen(out->fd, "wb");
    else
        out->f = fdopen(out->fd, "wb");
    if (!out->gz && !out->f) {
        st = fg_error_set(err, FG_ENOMEM, path, "out of memory");
        close(out->fd);
        unlink(out->tmp);
        goto fail;
    }
    return FG_OK;
fail:
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof(*out));
    return st;
}

fg_status fg_output_write(struct fg_output *out, const char *p, size_t n, fg_error *err)
{
    if (out->gz) {
        while (n > 0) {
            unsigned chunk = n > (1u << 30) ? (1u << 30) : (unsigned)n;
            if (gzwrite(out->gz, p, chunk) != (int)chunk)
                return io_error(err, out->path, errno ? errno : EIO);
            p += chunk;
            n -= chunk;
        }
        return FG_OK;
    }
    if (n && fwrite(p, 1, n, out->f) != n)
        return io_error(err, out->path, errno ? errno : EIO);
    return FG_OK;
}

fg_status fg_output_commit(struct fg_output *out, fg_error *err)
{
    fg_status st = FG_OK;
    int e = 0;
    if (!out->tmp) { /* standard output */
        if (fflush(out->f) != 0)
            st = io_error(err, out->path, errno);
        free(out->path);
        memset(out, 0, sizeof(*out));
        return st;
    }
    if (out->gz) {
        if (gzflush(out->gz, Z_FINISH) != Z_OK || fsync(out->fd) != 0)
            e = errno ? errno : EIO;
        if (gzclose(out->gz) != Z_OK && !e)
            e = errno ? errno : EIO;
    } else {
        if (fflush(out->f) != 0 || fsync(out->fd) != 0)
            e = errno;
        if (fclose(out->f) != 0 && !e)
            e = errno;
    }
    out->gz = NULL;
    out->f = NULL;
    if (!e && rename(out->tmp, out->path) != 0)
        e = errno;
    if (e) {
        unlink(out->tmp);
        st = io_error(err, out->path, e);
    }
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof(*out));
    return st;
}

void fg_output_abort(struct fg_output *out)
{
    if (out->gz)
        gzclose(out->gz);
    else if (out->f && out->tmp)
        fclose(out->f);
    if (out->tmp)
        unlink(out->tmp);
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof(*out));
}
