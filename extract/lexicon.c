/* lexicon.c - known entities and the longest-match alias matcher.
 *
 * Aliases are stored NFKC-normalized in two maps: short ones (4 characters or
 * fewer) by their exact bytes, longer ones ASCII-lowercased. Matching at a
 * position looks up candidate lengths from the longest down, but only at
 * positions whose first character begins some alias (first_char map), which
 * skips most of the text cheaply. */
#include "factgraph/lexicon.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data.h"
#include "limits.h"
#include "normalize.h"

#define SHORT_ALIAS_CHARS 4

struct entity {
    fg_entity pub;
};

/* What the aliases starting with one character look like: matching tries
 * only the byte lengths some alias has, not every length up to the longest
 * (a hash lookup each: the matcher runs at every position of the text). */
struct first_info {
    size_t longest;
    uint64_t lens[2]; /* bit L: an alias of L bytes, for L < 128 */
};

struct fg_lexicon {
    fg_arena *arena;
    fg_map *by_id;      /* id -> struct entity */
    fg_map *exact;      /* short alias (exact bytes) -> struct entity */
    fg_map *folded;     /* long alias (ASCII-lowercased) -> struct entity */
    fg_map *first_char; /* first character, folded -> struct first_info */
    size_t count;
};

static const char *const schema_types[] = {
    "company", "chip", "government", "person", "model", "organization", "place",
};

bool fg_lexicon_is_schema_type(const char *type)
{
    for (size_t i = 0; i < sizeof(schema_types) / sizeof(schema_types[0]); i++)
        if (strcmp(type, schema_types[i]) == 0)
            return true;
    return false;
}

/* A type outside the schema is allowed ("new types may be added"), but it must
 * look like one: lowercase letters and '_' only. */
static bool valid_type(fg_str t)
{
    if (t.len == 0 || t.len > 32)
        return false;
    for (size_t i = 0; i < t.len; i++)
        if (!((t.ptr[i] >= 'a' && t.ptr[i] <= 'z') || t.ptr[i] == '_'))
            return false;
    return true;
}

fg_status fg_lexicon_new(fg_lexicon **out, fg_error *err)
{
    fg_status st = FG_OK;
    fg_lexicon *lex = calloc(1, sizeof(*lex));
    *out = NULL;
    if (!lex || !(lex->arena = fg_arena_new())) {
        st = fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        goto out;
    }
    if ((st = fg_map_new(&lex->by_id, err)) != FG_OK) goto out;
    if ((st = fg_map_new(&lex->exact, err)) != FG_OK) goto out;
    if ((st = fg_map_new(&lex->folded, err)) != FG_OK) goto out;
    if ((st = fg_map_new(&lex->first_char, err)) != FG_OK) goto out;
    *out = lex;
    lex = NULL;
out:
    fg_lexicon_free(lex);
    return st;
}

void fg_lexicon_free(fg_lexicon *lex)
{
    if (!lex)
        return;
    fg_map_free(lex->by_id);
    fg_map_free(lex->exact);
    fg_map_free(lex->folded);
    fg_map_free(lex->first_char);
    fg_arena_free(lex->arena);
    free(lex);
}

size_t fg_lexicon_count(const fg_lexicon *lex)
{
    return lex->count;
}

const fg_entity *fg_lexicon_find_id(const fg_lexicon *lex, fg_str id)
{
    struct entity *e = fg_map_find(lex->by_id, id.ptr, id.len);
    return e ? &e->pub : NULL;
}

/* Lowercases ASCII letters into dst (len bytes). */
static void fold_ascii(char *dst, const char *src, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = src[i];
        dst[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
}

static bool is_short(fg_str alias)
{
    return fg_utf8_count(alias.ptr, alias.len) <= SHORT_ALIAS_CHARS;
}

/* The folded first character of s, as a key for first_char. */
static size_t first_char_key(fg_str s, char key[4])
{
    size_t n = fg_utf8_seqlen((unsigned char)s.ptr[0]);
    if (n > s.len)
        n = s.len;
    fold_ascii(key, s.ptr, n);
    return n;
}

const fg_entity *fg_lexicon_find_alias(const fg_lexicon *lex, fg_str alias)
{
    if (alias.len == 0)
        return NULL;
    struct entity *e = NULL;
    if (is_short(alias)) {
        e = fg_map_find(lex->exact, alias.ptr, alias.len);
    } else {
        char stackbuf[256];
        char *tmp = alias.len <= sizeof(stackbuf) ? stackbuf : malloc(alias.len);
        if (!tmp)
            return NULL;
        fold_ascii(tmp, alias.ptr, alias.len);
        e = fg_map_find(lex->folded, tmp, alias.len);
        if (tmp != stackbuf)
            free(tmp);
    }
    return e ? &e->pub : NULL;
}

static fg_status add_alias_normalized(fg_lexicon *lex, struct entity *e, fg_str alias, fg_error *err)
{
    fg_status st;
    if (is_short(alias)) {
        st = fg_map_put(lex->exact, alias.ptr, alias.len, e, err);
    } else {
        char *tmp = fg_arena_alloc(lex->arena, alias.len);
        if (!tmp)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        fold_ascii(tmp, alias.ptr, alias.len);
        st = fg_map_put(lex->folded, tmp, alias.len, e, err);
    }
    if (st != FG_OK)
        return st;
    char key[4];
    size_t klen = first_char_key(alias, key);
    struct first_info *info = fg_map_find(lex->first_char, key, klen);
    if (!info) {
        info = fg_arena_calloc(lex->arena, 1, sizeof(*info));
        if (!info)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        if ((st = fg_map_put(lex->first_char, key, klen, info, err)) != FG_OK)
            return st;
    }
    if (alias.len > info->longest)
        info->longest = alias.len;
    if (alias.len < 128)
        info->lens[alias.len / 64] |= (uint64_t)1 << (alias.len % 64);
    return FG_OK;
}

fg_status fg_lexicon_add(fg_lexicon *lex, const char *id, const char *type, const char *alias,
                         fg_error *err)
{
    fg_str sid = fg_str_trim(fg_str_cstr(id));
    if (sid.len == 0)
        return fg_error_set(err, FG_EINVAL, NULL, "empty entity id");
    if (type && !valid_type(fg_str_cstr(type)))
        return fg_error_set(err, FG_EINVAL, NULL, "invalid entity type '%s'", type);
    struct entity *e = fg_map_find(lex->by_id, sid.ptr, sid.len);
    if (!e) {
        if (!type)
            return fg_error_set(err, FG_EINVAL, NULL, "new entity '%.*s' needs a type",
                                (int)sid.len, sid.ptr);
        e = fg_arena_calloc(lex->arena, 1, sizeof(*e));
        char *idcopy = fg_arena_strndup(lex->arena, sid.ptr, sid.len);
        if (!e || !idcopy)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        e->pub.id = idcopy;
        fg_status st = fg_map_put(lex->by_id, sid.ptr, sid.len, e, err);
        if (st != FG_OK)
            return st;
        lex->count++;
        /* the id names the entity too */
        char *nid = fg_normalize_nfkc(lex->arena, sid);
        if (!nid)
            return fg_error_set(err, FG_EUTF8, NULL, "invalid utf-8 in id");
        if ((st = add_alias_normalized(lex, e, fg_str_cstr(nid), err)) != FG_OK)
            return st;
    }
    if (type && (!e->pub.type || strcmp(e->pub.type, type) != 0)) {
        char *t = fg_arena_strdup(lex->arena, type);
        if (!t)
            return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
        e->pub.type = t;
    }
    if (!alias)
        return FG_OK;
    fg_str a = fg_str_trim(fg_str_cstr(alias));
    if (a.len == 0)
        return FG_OK;
    char *na = fg_normalize_nfkc(lex->arena, a);
    if (!na)
        return fg_error_set(err, FG_EUTF8, NULL, "invalid utf-8 in alias");
    return add_alias_normalized(lex, e, fg_str_cstr(na), err);
}

/* One line: id TAB type TAB aliases (separated by '|'). */
static fg_status parse_line(fg_lexicon *lex, const char *source, long lineno, size_t offset,
                            fg_str line, fg_error *err)
{
    fg_str field[4];
    size_t nf = 0, start = 0;
    for (size_t i = 0; i <= line.len && nf < 4; i++) {
        if (i == line.len || line.ptr[i] == '\t') {
            field[nf++] = fg_str_trim(fg_str_make(line.ptr + start, i - start));
            start = i + 1;
        }
    }
    if (nf < 2 || nf > 3)
        return fg_error_set_at(err, FG_EPARSE, source, lineno, 0, offset,
                               "expected 'id<TAB>type<TAB>aliases'");
    if (field[0].len == 0)
        return fg_error_set_at(err, FG_EPARSE, source, lineno, 1, offset, "empty entity id");
    if (!valid_type(field[1]))
        return fg_error_set_at(err, FG_EPARSE, source, lineno, 0, offset,
                               "invalid type '%.*s' (use company, chip, government, person, "
                               "model, organization or place)",
                               (int)field[1].len, field[1].ptr);
    char id[512], type[40];
    if (field[0].len >= sizeof(id))
        return fg_error_set_at(err, FG_ELIMIT, source, lineno, 1, offset, "entity id too long");
    memcpy(id, field[0].ptr, field[0].len);
    id[field[0].len] = '\0';
    memcpy(type, field[1].ptr, field[1].len);
    type[field[1].len] = '\0';

    fg_error sub;
    fg_error_clear(&sub);
    fg_status st = fg_lexicon_add(lex, id, type, NULL, &sub);
    if (st == FG_OK && nf == 3) {
        fg_str rest = field[2];
        size_t s = 0;
        for (size_t i = 0; i <= rest.len && st == FG_OK; i++) {
            if (i == rest.len || rest.ptr[i] == '|') {
                char alias[1024];
                size_t n = i - s;
                if (n >= sizeof(alias)) {
                    st = fg_error_set(&sub, FG_ELIMIT, NULL, "alias too long");
                    break;
                }
                memcpy(alias, rest.ptr + s, n);
                alias[n] = '\0';
                st = fg_lexicon_add(lex, id, NULL, alias, &sub);
                s = i + 1;
            }
        }
    }
    if (st != FG_OK)
        return fg_error_set_at(err, st, source, lineno, 0, offset, "%s", sub.text);
    return FG_OK;
}

fg_status fg_lexicon_load_mem(fg_lexicon *lex, const char *source, const char *text, size_t len,
                              fg_error *err)
{
    size_t bad = fg_utf8_validate(text, len);
    if (bad < len) {
        long line = 1;
        for (size_t i = 0; i < bad; i++)
            line += text[i] == '\n';
        return fg_error_set_at(err, FG_EUTF8, source, line, 0, bad, "invalid utf-8 byte 0x%02x",
                               (unsigned char)text[bad]);
    }
    long lineno = 0;
    size_t pos = 0;
    /* a UTF-8 byte-order mark (editors on Windows write one) is not part of the id */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        lineno++;
        fg_str line = fg_str_make(text + pos, end - pos);
        if (line.len && line.ptr[line.len - 1] == '\r')
            line.len--;
        if (line.len > FG_MAX_LEXICON_LINE)
            return fg_error_set_at(err, FG_ELIMIT, source, lineno, 0, pos, "line longer than %d bytes",
                                   FG_MAX_LEXICON_LINE);
        fg_str trimmed = fg_str_trim(line);
        if (trimmed.len && trimmed.ptr[0] != '#') {
            fg_status st = parse_line(lex, source, lineno, pos, line, err);
            if (st != FG_OK)
                return st;
        }
        pos = end + 1;
    }
    return FG_OK;
}

fg_status fg_lexicon_load_default(fg_lexicon *lex, fg_error *err)
{
    return fg_lexicon_load_mem(lex, "<default lexicon>", fg_data_lexicon, fg_data_lexicon_len, err);
}

fg_status fg_lexicon_load_file(fg_lexicon *lex, const char *path, fg_error *err)
{
    fg_status st = FG_OK;
    fg_buf buf;
    fg_buf_init(&buf, (size_t)256 * 1024 * 1024);
    FILE *f = fopen(path, "rb");
    if (!f) {
        st = fg_error_set(err, FG_EIO, path, "%s", strerror(errno));
        goto out;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        if ((st = fg_buf_add(&buf, chunk, n, err)) != FG_OK)
            goto out;
    if (ferror(f)) {
        st = fg_error_set(err, FG_EIO, path, "%s", strerror(errno));
        goto out;
    }
    st = fg_lexicon_load_mem(lex, path, buf.ptr, buf.len, err);
out:
    if (f)
        fclose(f);
    fg_buf_release(&buf);
    fg_error_set_source(err, path);
    return st;
}

size_t fg_lexicon_match_at(const fg_lexicon *lex, fg_str text, size_t pos, const fg_entity **out)
{
    *out = NULL;
    if (pos >= text.len)
        return 0;
    const unsigned char *t = (const unsigned char *)text.ptr;
    /* A Latin alias must not start inside a word: "AMD" is not in "XAMD". */
    bool word_start = fg_is_word_byte(t[pos]);
    if (word_start && pos > 0 && fg_is_word_byte(t[pos - 1]))
        return 0;
    char key[4];
    size_t klen = first_char_key(fg_str_make(text.ptr + pos, text.len - pos), key);
    const struct first_info *info = fg_map_find(lex->first_char, key, klen);
    if (!info)
        return 0;
    size_t maxlen = text.len - pos < info->longest ? text.len - pos : info->longest;
    char folded[1024];
    if (maxlen > sizeof(folded))
        maxlen = sizeof(folded);
    fold_ascii(folded, text.ptr + pos, maxlen);
    for (size_t len = maxlen; len > 0; len--) {
        if (len < 128 && !(info->lens[len / 64] & ((uint64_t)1 << (len % 64))))
            continue; /* no alias of this length starts with this character */
        size_t end = pos + len;
        /* only whole characters */
        if (end < text.len && (t[end] & 0xC0) == 0x80)
            continue;
        /* A Latin alias must not end inside a word: "H20" is not in "H200". */
        if (end < text.len && fg_is_word_byte(t[end - 1]) && fg_is_word_byte(t[end]))
            continue;
        fg_str cand = fg_str_make(text.ptr + pos, len);
        struct entity *e = NULL;
        if (is_short(cand))
            e = fg_map_find(lex->exact, cand.ptr, cand.len);
        else
            e = fg_map_find(lex->folded, folded, len);
        if (e) {
            *out = &e->pub;
            return len;
        }
    }
    return 0;
}
