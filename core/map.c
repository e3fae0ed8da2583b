/* map.c - the only file that includes uthash.
 *
 * uthash calls exit(-1) on OOM by default; HASH_NONFATAL_OOM makes a failed
 * insert leave the table unchanged and set a flag we turn into FG_ENOMEM. */
#include "factgraph/core.h"

#include <stdlib.h>
#include <string.h>

/* Per thread, so parallel extraction (one map per thread) stays correct. */
static _Thread_local int map_oom;
#define HASH_NONFATAL_OOM 1
#define uthash_nonfatal_oom(elt) (map_oom = 1)
#include <uthash.h>

struct item {
    char *key;
    size_t keylen;
    void *value;
    UT_hash_handle hh;
};

struct fg_map {
    struct item *head;
};

fg_status fg_map_new(fg_map **out, fg_error *err)
{
    *out = calloc(1, sizeof(fg_map));
    if (!*out)
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    return FG_OK;
}

void fg_map_free(fg_map *m)
{
    if (!m)
        return;
    struct item *it, *tmp;
    HASH_ITER(hh, m->head, it, tmp) {
        HASH_DELETE(hh, m->head, it);
        free(it->key);
        free(it);
    }
    free(m);
}

fg_status fg_map_put(fg_map *m, const char *key, size_t keylen, void *value, fg_error *err)
{
    struct item *it = NULL;
    HASH_FIND(hh, m->head, key, keylen, it);
    if (it) {
        it->value = value;
        return FG_OK;
    }
    it = calloc(1, sizeof(*it));
    char *k = malloc(keylen + 1);
    if (!it || !k) {
        free(it);
        free(k);
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    }
    memcpy(k, key, keylen);
    k[keylen] = '\0';
    it->key = k;
    it->keylen = keylen;
    it->value = value;
    /* map_oom is only read right after the insert: the flag is per call, and
     * uthash never calls the hook from elsewhere. */
    map_oom = 0;
    HASH_ADD_KEYPTR(hh, m->head, it->key, it->keylen, it);
    if (map_oom) {
        free(k);
        free(it);
        return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
    }
    return FG_OK;
}

void *fg_map_find(const fg_map *m, const char *key, size_t keylen)
{
    struct item *it = NULL;
    HASH_FIND(hh, m->head, key, keylen, it);
    return it ? it->value : NULL;
}

size_t fg_map_count(const fg_map *m)
{
    return HASH_COUNT(m->head);
}

bool fg_map_next(const fg_map *m, void **iter, fg_str *key, void **value)
{
    struct item *it = *iter ? ((struct item *)*iter)->hh.next : m->head;
    if (!it)
        return false;
    *iter = it;
    if (key)
        *key = fg_str_make(it->key, it->keylen);
    if (value)
        *value = it->value;
    return true;
}
