/* arena.c - bump allocator for per-document data (after git mem-pool.h).
 *
 * Blocks are chained; a request larger than a block gets a block of its own.
 * With FG_ARENA_DEBUG every allocation is its own malloc, so ASan sees
 * overflows between objects (libgit2's GIT_DEBUG_POOL). */
#include "factgraph/core.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE ((size_t)64 * 1024)
#define ALIGN ((size_t)_Alignof(max_align_t))

struct block {
    struct block *next;
    size_t used, size;
    _Alignas(max_align_t) unsigned char data[];
};

struct fg_arena {
    struct block *head;
    size_t used;
    bool failed;
};

fg_arena *fg_arena_new(void)
{
    return calloc(1, sizeof(fg_arena));
}

void fg_arena_free(fg_arena *a)
{
    if (!a)
        return;
    struct block *b = a->head;
    while (b) {
        struct block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

static struct block *new_block(size_t size)
{
    if (size > SIZE_MAX - sizeof(struct block))
        return NULL;
    struct block *b = malloc(sizeof(struct block) + size);
    if (!b)
        return NULL;
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

void *fg_arena_alloc(fg_arena *a, size_t size)
{
    if (size == 0)
        size = 1;
    if (size > SIZE_MAX - ALIGN) {
        a->failed = true;
        return NULL;
    }
    size_t need = (size + ALIGN - 1) & ~(ALIGN - 1);
#ifdef FG_ARENA_DEBUG
    struct block *b = new_block(size);
    if (!b) {
        a->failed = true;
        return NULL;
    }
    b->next = a->head;
    a->head = b;
    b->used = size;
    a->used += need;
    return b->data;
#else
    struct block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t bsize = need > BLOCK_SIZE / 4 ? need : BLOCK_SIZE;
        struct block *nb = new_block(bsize);
        if (!nb) {
            a->failed = true;
            return NULL;
        }
        if (bsize == need && b) {
            /* A large request gets its own block behind the head, so the head's
             * free space is not wasted. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    a->used += need;
    return p;
#endif
}

void *fg_arena_calloc(fg_arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        a->failed = true;
        return NULL;
    }
    void *p = fg_arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *fg_arena_strndup(fg_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX) {
        a->failed = true;
        return NULL;
    }
    char *p = fg_arena_alloc(a, len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *fg_arena_strdup(fg_arena *a, const char *s)
{
    return fg_arena_strndup(a, s, strlen(s));
}

char *fg_arena_printf(fg_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        a->failed = true;
        return NULL;
    }
    char *p = fg_arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

bool fg_arena_failed(const fg_arena *a)
{
    return a->failed;
}

size_t fg_arena_used(const fg_arena *a)
{
    return a->used;
}
