/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* json_fields.h — C structs written as a JSON document from one table of
 * their fields, so that the document's shape is written down as data (a row
 * a key: which object it belongs to, the key, its kind, the member it reads)
 * and read by one writer.
 *
 * Contract: a JsonDoc's table holds every object of the document, each
 * object's rows together and in the order its keys are written; an object
 * is a small number of the caller's choosing.  json_doc_object() writes a
 * record (a struct whose members the object's rows name by offsetof) as a
 * JSON object; a list kind writes the records a member points at as an
 * array of objects.  A kind is a writer: the plain ones below, or the
 * caller's own (a figure computed from several members, a nested object).
 * The plain kinds follow the report file's rule for a missing value
 * ("impact-report/1", docs/report.schema.json): no null; a text is "", a
 * figure that does not exist is left out.
 */
#ifndef IMPACT_JSON_FIELDS_H
#define IMPACT_JSON_FIELDS_H

#include <stddef.h>

struct json_object;
typedef struct JsonKind JsonKind;

typedef struct JsonField {
    int object;           /* the object the key belongs to */
    const char *key;      /* as written */
    const JsonKind *kind; /* how the member is written */
    size_t offset;        /* of the member: offsetof(the object's struct, member) */
} JsonField;

typedef struct JsonDoc {
    const JsonField *fields; /* every object's rows */
    size_t n_fields;
    const void *context; /* for the caller's kinds: what a field needs beyond its record */
} JsonDoc;

/* Adds f->key to o (or leaves it out) for the member of record. */
typedef void JsonWrite(struct json_object *o, const JsonField *f, const void *record,
                       const JsonDoc *doc);

struct JsonKind {
    JsonWrite *write;
    size_t count; /* a list: offset of its size_t item count in the record */
    size_t size;  /* a list: the size of one item */
    int items;    /* a list: the object each item is */
};

extern const JsonKind JSON_TEXT;    /* const char *: a string, "" for NULL */
extern const JsonKind JSON_TEXT_IF; /* const char *: a string; left out for NULL or "" */
extern const JsonKind JSON_CHARS;   /* char[]: a string held in the record */
extern const JsonKind JSON_NUMBER;  /* double: a number; left out when NaN or infinite */
extern const JsonKind JSON_INT;     /* int: a whole number */
extern const JsonKind JSON_BOOL;    /* bool: true or false */

/* A list kind: the member points at the record's `n_member` items of
 * item_type, each written as object `items`. */
void json_write_list(struct json_object *o, const JsonField *f, const void *record,
                     const JsonDoc *doc);
#define JSON_LIST_KIND(type, n_member, item_type, items)                                           \
    {                                                                                              \
        json_write_list, offsetof(type, n_member), sizeof(item_type), items                        \
    }

/* Adds key to o as JSON_NUMBER does: left out when v is NaN or infinite. */
void json_put_number(struct json_object *o, const char *key, double v);

/* The member a row reads, in record. */
const void *json_field_member(const void *record, const JsonField *f);

/* record as a new JSON object: the rows of `object`, in order. */
struct json_object *json_doc_object(const JsonDoc *doc, int object, const void *record);
/* count records of `size` bytes each as a new array of `object`s. */
struct json_object *json_doc_array(const JsonDoc *doc, int object, const void *records,
                                   size_t count, size_t size);

#endif
