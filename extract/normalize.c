#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

char *fg_normalize_nfkc(fg_arena *a, fg_str s)
{
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s.ptr, (utf8proc_ssize_t)s.len,
                                      &out, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
    if (n < 0)
        return NULL;
    /* utf8proc allocates with malloc: copy into the arena and free here, so
     * callers never mix allocators. */
    char *p = fg_arena_strndup(a, (const char *)out, (size_t)n);
    free(out);
    return p;
}
