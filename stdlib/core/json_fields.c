/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* json_fields.c — the one writer of the tables of json_fields.h (contract
 * there): each row written by its kind, numbers through json_number(). */
#include "stdlib/core/json_fields.h"

#include <json-c/json.h>
#include <math.h>
#include <stdbool.h>

#include "stdlib/core/json.h"

const void *json_field_member(const void *record, const JsonField *f)
{
    return (const char *)record + f->offset;
}

void json_put_number(struct json_object *o, const char *key, double v)
{
    if (isfinite(v)) json_object_object_add(o, key, json_number(v)); /* the schema has no null */
}

static void write_text(struct json_object *o, const JsonField *f, const void *record,
                       const JsonDoc *doc)
{
    const char *s = *(const char *const *)json_field_member(record, f);
    json_object_object_add(o, f->key, json_object_new_string(s ? s : ""));
}

static void write_text_if(struct json_object *o, const JsonField *f, const void *record,
                          const JsonDoc *doc)
{
    const char *s = *(const char *const *)json_field_member(record, f);
    if (s && *s) json_object_object_add(o, f->key, json_object_new_string(s));
}

static void write_chars(struct json_object *o, const JsonField *f, const void *record,
                        const JsonDoc *doc)
{
    json_object_object_add(o, f->key, json_object_new_string(json_field_member(record, f)));
}

static void write_number(struct json_object *o, const JsonField *f, const void *record,
                         const JsonDoc *doc)
{
    json_put_number(o, f->key, *(const double *)json_field_member(record, f));
}

static void write_int(struct json_object *o, const JsonField *f, const void *record,
                      const JsonDoc *doc)
{
    json_object_object_add(o, f->key,
                           json_object_new_int(*(const int *)json_field_member(record, f)));
}

static void write_bool(struct json_object *o, const JsonField *f, const void *record,
                       const JsonDoc *doc)
{
    bool b = *(const bool *)json_field_member(record, f);
    json_object_object_add(o, f->key, json_object_new_boolean(b));
}

const JsonKind JSON_TEXT = { write_text, 0, 0, 0 };
const JsonKind JSON_TEXT_IF = { write_text_if, 0, 0, 0 };
const JsonKind JSON_CHARS = { write_chars, 0, 0, 0 };
const JsonKind JSON_NUMBER = { write_number, 0, 0, 0 };
const JsonKind JSON_INT = { write_int, 0, 0, 0 };
const JsonKind JSON_BOOL = { write_bool, 0, 0, 0 };

void json_write_list(struct json_object *o, const JsonField *f, const void *record,
                     const JsonDoc *doc)
{
    const void *items = *(const void *const *)json_field_member(record, f);
    size_t n = *(const size_t *)((const char *)record + f->kind->count);
    json_object_object_add(o, f->key, json_doc_array(doc, f->kind->items, items, n, f->kind->size));
}

struct json_object *json_doc_object(const JsonDoc *doc, int object, const void *record)
{
    struct json_object *o = json_object_new_object();
    size_t i = 0;
    while (i < doc->n_fields && doc->fields[i].object != object) i++;
    for (; i < doc->n_fields && doc->fields[i].object == object; i++)
        doc->fields[i].kind->write(o, &doc->fields[i], record, doc);
    return o;
}

struct json_object *json_doc_array(const JsonDoc *doc, int object, const void *records,
                                   size_t count, size_t size)
{
    struct json_object *a = json_object_new_array_ext((int)count);
    for (size_t i = 0; i < count; i++)
        json_object_array_add(a, json_doc_object(doc, object, (const char *)records + i * size));
    return a;
}
