/* facts_io.c - the facts file (facts.h), written and read with jansson.
 *
 * jansson's reference counts stay in this file: every json_t built here is
 * owned by the record being built (the _new setters steal), and the one
 * json_decref() at the end frees it all. Reals are written with 17
 * significant digits (jansson's default), so an amount reads back as the
 * same double and a merge equals a build byte for byte. */
#include "factgraph/facts.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "limits.h"

static fg_status oom(fg_error *err)
{
    return fg_error_set(err, FG_ENOMEM, NULL, "out of memory");
}

/* ---- writing ------------------------------------------------------------- */

/* Sets obj[key] = value, stealing value; false when out of memory or when
 * value is NULL (jansson could not build it: no memory, or not UTF-8). */
static bool set(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new_nocheck(obj, key, value) == 0;
}

static bool set_str(json_t *obj, const char *key, const char *s)
{
    return set(obj, key, json_string(s ? s : ""));
}

/* Absent stays absent: NULL reads back as NULL, not as "". */
static bool set_opt(json_t *obj, const char *key, const char *s)
{
    return !s || set_str(obj, key, s);
}

static bool set_view(json_t *obj, const char *key, fg_str s)
{
    return set(obj, key, json_stringn(s.ptr ? s.ptr : "", s.len));
}

static bool set_size(json_t *obj, const char *key, size_t v)
{
    return set(obj, key, json_integer((json_int_t)v));
}

static json_t *mention_json(const fg_mention *m)
{
    json_t *o = json_object();
    if (o && set_str(o, "id", m->id) && set_opt(o, "type", m->type) &&
        set_view(o, "surface", m->surface) && set_size(o, "sentence", m->sentence) &&
        set_size(o, "start", m->start) && set_size(o, "end", m->end) &&
        set_opt(o, "origin", m->origin))
        return o;
    json_decref(o);
    return NULL;
}

static bool set_optional(json_t *o, const fg_fact *f)
{
    if (f->src_surface.ptr && !set_view(o, "source_surface", f->src_surface))
        return false;
    if (f->dst_surface.ptr && !set_view(o, "target_surface", f->dst_surface))
        return false;
    if (!set_opt(o, "status", f->status))
        return false;
    if (f->has_amount &&
        !(set(o, "amount", json_real(f->amount)) && set_opt(o, "currency", f->currency)))
        return false;
    if (f->has_quantity && !set(o, "quantity", json_real(f->quantity)))
        return false;
    return set_opt(o, "date", f->date) && set_opt(o, "date_normalized", f->date_norm);
}

static json_t *fact_json(const fg_fact *f)
{
    json_t *o = json_object();
    if (o && set_str(o, "type", f->type) && set_str(o, "source", f->src_id) &&
        set_opt(o, "source_type", f->src_type) && set_str(o, "target", f->dst_id) &&
        set_opt(o, "target_type", f->dst_type) && set_optional(o, f) &&
        set_size(o, "sentence", f->sentence) && set_view(o, "text", f->sentence_text) &&
        set_size(o, "start", f->start) && set_size(o, "end", f->end) &&
        set_str(o, "trigger", f->trigger) && set_str(o, "rule", f->rule))
        return o;
    json_decref(o);
    return NULL;
}

static json_t *record_json(const fg_doc *doc, const fg_extraction *x)
{
    json_t *rec = json_object(), *ms = json_array(), *fs = json_array();
    bool ok = rec && ms && fs && set_str(rec, "doc", fg_doc_source(doc)) &&
              set_str(rec, "lang", fg_lang_name(fg_doc_lang(doc))) &&
              set_opt(rec, "date", fg_doc_date(doc));
    for (size_t i = 0; ok && i < x->mention_count; i++)
        ok = json_array_append_new(ms, mention_json(&x->mentions[i])) == 0;
    for (size_t i = 0; ok && i < x->fact_count; i++)
        ok = json_array_append_new(fs, fact_json(&x->facts[i])) == 0;
    if (ok && json_object_set_nocheck(rec, "mentions", ms) == 0 &&
        json_object_set_nocheck(rec, "facts", fs) == 0) {
        json_decref(ms);
        json_decref(fs);
        return rec;
    }
    json_decref(ms);
    json_decref(fs);
    json_decref(rec);
    return NULL;
}

/* Tells why jansson could not build a string: an allocation, or bytes that
 * are not UTF-8. */
static bool all_utf8(const fg_extraction *x)
{
    for (size_t i = 0; i < x->mention_count; i++)
        if (fg_utf8_validate(x->mentions[i].surface.ptr, x->mentions[i].surface.len) !=
            x->mentions[i].surface.len)
            return false;
    for (size_t i = 0; i < x->fact_count; i++)
        if (fg_utf8_validate(x->facts[i].sentence_text.ptr, x->facts[i].sentence_text.len) !=
            x->facts[i].sentence_text.len)
            return false;
    return true;
}

fg_status fg_facts_format(fg_buf *out, const fg_doc *doc, const fg_extraction *x,
                          fg_error *err)
{
    fg_status st;
    assert(out && doc && x);
    json_t *rec = record_json(doc, x);
    if (!rec) {
        if (!all_utf8(x))
            return fg_error_set(err, FG_EUTF8, fg_doc_source(doc), "facts are not utf-8");
        return oom(err);
    }
    /* Keys in the order set above (jansson keeps insertion order). */
    char *s = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    if (!s)
        return oom(err);
    if ((st = fg_buf_adds(out, s, err)) == FG_OK)
        st = fg_buf_addc(out, '\n', err);
    free(s);
    return st;
}

/* ---- reading ------------------------------------------------------------- */

struct reader {
    fg_arena *a;
    fg_error *err;
    fg_status st;
};

static void fail(struct reader *r, const char *fmt, const char *what)
{
    if (r->st == FG_OK)
        r->st = fg_error_set(r->err, FG_EPARSE, NULL, fmt, what);
}

/* A string field copied into the arena; NULL when absent (and an error when
 * required). */
static const char *get_str(struct reader *r, json_t *o, const char *key, bool required,
                           size_t *len)
{
    json_t *v = json_object_get(o, key);
    if (!v) {
        if (required)
            fail(r, "not a facts record: no \"%s\"", key);
        return NULL;
    }
    if (!json_is_string(v)) {
        fail(r, "not a facts record: \"%s\" is not a string", key);
        return NULL;
    }
    size_t n = json_string_length(v);
    char *s = fg_arena_strndup(r->a, json_string_value(v), n);
    if (!s && r->st == FG_OK)
        r->st = oom(r->err);
    if (len)
        *len = n;
    return s;
}

static fg_str get_view(struct reader *r, json_t *o, const char *key, bool required)
{
    size_t n = 0;
    const char *s = get_str(r, o, key, required, &n);
    return s ? fg_str_make(s, n) : FG_STR_NULL;
}

static size_t get_size(struct reader *r, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0) {
        fail(r, "not a facts record: \"%s\" is not a count", key);
        return 0;
    }
    return (size_t)json_integer_value(v);
}

static bool get_number(struct reader *r, json_t *o, const char *key, double *out)
{
    json_t *v = json_object_get(o, key);
    if (!v)
        return false;
    if (!json_is_number(v)) {
        fail(r, "not a facts record: \"%s\" is not a number", key);
        return false;
    }
    *out = json_number_value(v);
    return true;
}

static json_t *get_array(struct reader *r, json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_array(v))
        fail(r, "not a facts record: \"%s\" is not an array", key);
    return v;
}

static void read_mention(struct reader *r, json_t *o, fg_mention *m)
{
    if (!json_is_object(o)) {
        fail(r, "not a facts record: a %s is not an object", "mention");
        return;
    }
    m->id = get_str(r, o, "id", true, NULL);
    m->type = get_str(r, o, "type", false, NULL);
    m->surface = get_view(r, o, "surface", true);
    m->sentence = get_size(r, o, "sentence");
    m->start = get_size(r, o, "start");
    m->end = get_size(r, o, "end");
    m->origin = get_str(r, o, "origin", false, NULL);
}

static void read_fact(struct reader *r, json_t *o, fg_fact *f)
{
    if (!json_is_object(o)) {
        fail(r, "not a facts record: a %s is not an object", "fact");
        return;
    }
    f->type = get_str(r, o, "type", true, NULL);
    f->src_id = get_str(r, o, "source", true, NULL);
    f->src_type = get_str(r, o, "source_type", false, NULL);
    f->dst_id = get_str(r, o, "target", true, NULL);
    f->dst_type = get_str(r, o, "target_type", false, NULL);
    f->src_surface = get_view(r, o, "source_surface", false);
    f->dst_surface = get_view(r, o, "target_surface", false);
    f->status = get_str(r, o, "status", false, NULL);
    f->has_amount = get_number(r, o, "amount", &f->amount);
    if (f->has_amount)
        f->currency = get_str(r, o, "currency", false, NULL);
    f->has_quantity = get_number(r, o, "quantity", &f->quantity);
    f->date = get_str(r, o, "date", false, NULL);
    f->date_norm = get_str(r, o, "date_normalized", false, NULL);
    f->sentence = get_size(r, o, "sentence");
    f->sentence_text = get_view(r, o, "text", true);
    f->start = get_size(r, o, "start");
    f->end = get_size(r, o, "end");
    f->trigger = get_str(r, o, "trigger", true, NULL);
    f->rule = get_str(r, o, "rule", true, NULL);
}

fg_status fg_facts_parse(fg_facts_record *out, fg_arena *a, const char *line, size_t len,
                         fg_error *err)
{
    json_error_t jerr;
    struct reader r = {a, err, FG_OK};

    assert(out && a);
    memset(out, 0, sizeof(*out));
    if (len > FG_MAX_FACTS_LINE)
        return fg_error_set(err, FG_ELIMIT, NULL, "facts record too large (limit %zu bytes)",
                            (size_t)FG_MAX_FACTS_LINE);
    json_t *rec = json_loadb(line, len, 0, &jerr);
    if (!rec)
        return fg_error_set_at(err, FG_EPARSE, NULL, jerr.line > 0 ? jerr.line : 0,
                               jerr.column > 0 ? jerr.column : 0, (size_t)jerr.position,
                               "invalid JSON: %s", jerr.text);
    if (!json_is_object(rec)) {
        fail(&r, "not a facts record: %s", "not an object");
        goto out;
    }
    out->doc = get_str(&r, rec, "doc", true, NULL);
    out->lang = get_str(&r, rec, "lang", false, NULL);
    out->date = get_str(&r, rec, "date", false, NULL);
    json_t *ms = get_array(&r, rec, "mentions"), *fs = get_array(&r, rec, "facts");
    if (r.st != FG_OK)
        goto out;
    size_t nm = json_array_size(ms), nf = json_array_size(fs);
    fg_mention *m = fg_arena_calloc(a, nm ? nm : 1, sizeof(*m));
    fg_fact *f = fg_arena_calloc(a, nf ? nf : 1, sizeof(*f));
    if (!m || !f) {
        r.st = oom(err);
        goto out;
    }
    for (size_t i = 0; i < nm && r.st == FG_OK; i++)
        read_mention(&r, json_array_get(ms, i), &m[i]);
    for (size_t i = 0; i < nf && r.st == FG_OK; i++)
        read_fact(&r, json_array_get(fs, i), &f[i]);
    out->x.mentions = m;
    out->x.mention_count = nm;
    out->x.facts = f;
    out->x.fact_count = nf;
out:
    json_decref(rec);
    return r.st;
}

fg_status fg_graph_add_facts_line(fg_graph *g, const char *line, size_t len, fg_error *err)
{
    fg_status st;
    fg_facts_record rec;
    fg_arena *a = fg_arena_new();
    if (!a)
        return oom(err);
    if ((st = fg_facts_parse(&rec, a, line, len, err)) == FG_OK &&
        (st = fg_graph_add_extraction(g, rec.doc, &rec.x, err)) == FG_OK)
        fg_graph_count_document(g);
    fg_arena_free(a);
    return st;
}
