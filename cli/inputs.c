/* inputs.c - expands INPUT arguments: files, directories (recursive, in
 * byte order of the names, so the same tree gives the same order everywhere)
 * and "-" for standard input. In a directory, only the formats factgraph
 * reads are taken (see wanted()); a file named on the command line is taken
 * whatever its name. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inputs.h"

static int add(fg_inputs *in, const char *path)
{
    if (in->count == in->cap) {
        size_t ncap = in->cap ? in->cap * 2 : 16;
        char **n = realloc(in->paths, ncap * sizeof(*n));
        if (!n)
            return -1;
        in->paths = n;
        in->cap = ncap;
    }
    char *p = strdup(path);
    if (!p)
        return -1;
    in->paths[in->count++] = p;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);
    return n >= m && strcmp(s + n - m, suf) == 0;
}

/* Articles: text, HTML, JSON Lines, each maybe gzip-compressed. Not *.json:
 * in a tree, a .json file is more often something about the articles than
 * articles (samples/ keeps gold annotations as *.gold.json; crawls keep
 * metadata), and each would be reported as a bad input. A .json file of
 * articles is read when named on the command line. */
static bool wanted(const char *name)
{
    static const char *const exts[] = {".txt", ".html", ".htm", ".jsonl", ".ndjson"};
    char base[4096];
    size_t n = strlen(name);
    if (ends_with(name, ".gz"))
        n -= 3;
    if (n >= sizeof(base))
        return false;
    memcpy(base, name, n);
    base[n] = '\0';
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
        if (ends_with(base, exts[i]))
            return true;
    return false;
}

static int walk(fg_inputs *in, const char *dir, int depth)
{
    if (depth > 64)
        return 0; /* a symlink loop, most likely */
    DIR *d = opendir(dir);
    if (!d) {
        in->errors++;
        fprintf(stderr, "factgraph: %s: %s\n", dir, strerror(errno));
        return 0;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **nn = realloc(names, cap * sizeof(*nn));
            if (!nn) { rc = -1; break; }
            names = nn;
        }
        if (!(names[n] = strdup(e->d_name))) { rc = -1; break; }
        n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof(*names), cmp);
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *p = malloc(len);
        if (!p) { rc = -1; break; }
        snprintf(p, len, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", names[i]);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rc = walk(in, p, depth + 1);
        else if (wanted(names[i]))
            rc = add(in, p);
        free(p);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

int fg_inputs_add(fg_inputs *in, const char *arg)
{
    struct stat st;
    if (strcmp(arg, "-") != 0 && stat(arg, &st) == 0 && S_ISDIR(st.st_mode))
        return walk(in, arg, 0);
    return add(in, arg); /* a missing file is reported when it is read */
}

void fg_inputs_release(fg_inputs *in)
{
    for (size_t i = 0; i < in->count; i++)
        free(in->paths[i]);
    free(in->paths);
    memset(in, 0, sizeof(*in));
}
