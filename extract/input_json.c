/* input_json.c - one JSON record (a JSON Lines line, or an element of a JSON
 * array) to the text, id and date of a document. jansson is used here and in
 * input.c; no json_t leaves these files. */
#include "input_int.h"

#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

static fg_status field_error(fg_error *err, const char *field, const char *what)
{
    return fg_error_set(err, FG_EPARSE, NULL, "field \"%s\" %s", field, what);
}

/* A string field, or absent (NULL, JSON null). */
static fg_status get_string(fg_str *out, json_t *obj, const char *field, fg_error *err)
{
    json_t *v = field ? json_object_get(obj, field) : NULL;
    *out = FG_STR_NULL;
    if (!v || json_is_null(v))
        return FG_OK;
    if (!json_is_string(v))
        return field_error(err, field, "is not a string");
    *out = fg_str_make(json_string_value(v), json_string_length(v));
    return FG_OK;
}

/* A title is one line: line breaks inside it become spaces, since the text
 * reader takes the first line as the title. */
static fg_status add_one_line(fg_buf *b, fg_str s, fg_error *err)
{
    fg_status st;
    size_t from = b->len;
    if ((st = fg_buf_add(b, s.ptr, s.len, err)) != FG_OK)
        return st;
    for (size_t i = from; i < b->len; i++)
        if (b->ptr[i] == '\n' || b->ptr[i] == '\r')
            b->ptr[i] = ' ';
    return FG_OK;
}

fg_status fg_json_record_from(struct fg_json_record *r, const void *object,
                              const fg_input_opts *opts, fg_error *err)
{
    fg_status st;
    json_t *obj = (json_t *)object; /* jansson's getters take non-const */
    fg_str text, title, date;

    if (!json_is_object(obj))
        return fg_error_set(err, FG_EPARSE, NULL, "record is not a JSON object");
    if ((st = get_string(&text, obj, opts->text_field, err)) != FG_OK)
        return st;
    if (!text.ptr)
        return fg_error_set(err, FG_EPARSE, NULL, "no \"%s\" field", opts->text_field);
    if ((st = get_string(&title, obj, opts->title_field, err)) != FG_OK)
        return st;
    if ((st = get_string(&date, obj, opts->date_field, err)) != FG_OK)
        return st;

    json_t *id = opts->id_field ? json_object_get(obj, opts->id_field) : NULL;
    if (json_is_string(id))
        st = fg_buf_add(&r->id, json_string_value(id), json_string_length(id), err);
    else if (json_is_integer(id))
        st = fg_buf_printf(&r->id, err, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
    else if (id && !json_is_null(id))
        st = field_error(err, opts->id_field, "is not a string or an integer");
    if (st != FG_OK)
        return st;

    fg_str t = fg_str_trim(title);
    if (t.len > 0 && ((st = add_one_line(&r->text, t, err)) != FG_OK ||
                      (st = fg_buf_addc(&r->text, '\n', err)) != FG_OK))
        return st;
    if ((st = fg_buf_add(&r->text, text.ptr, text.len, err)) != FG_OK)
        return st;
    if (date.ptr && (st = fg_buf_add(&r->date, date.ptr, date.len, err)) != FG_OK)
        return st;
    return FG_OK;
}

fg_status fg_json_record_read(struct fg_json_record *r, const char *bytes, size_t len,
                              const fg_input_opts *opts, fg_error *err)
{
    json_error_t jerr;
    fg_status st;

    assert(r && opts);
    json_t *obj = json_loadb(bytes, len, 0, &jerr);
    if (!obj) {
        /* jansson counts the position in bytes, the column in characters. */
        return fg_error_set_at(err, FG_EPARSE, NULL, jerr.line > 0 ? jerr.line : 0,
                               jerr.column > 0 ? jerr.column : 0, (size_t)jerr.position,
                               "invalid JSON: %s", jerr.text);
    }
    st = fg_json_record_from(r, obj, opts, err);
    json_decref(obj);
    return st;
}
