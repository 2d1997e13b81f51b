/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* value.c — heap objects of the language: creation, reference counting,
 * strings, lists, records, columns, tables, the string dictionary, StrBuf.
 *
 * Contract: see value.h.  Every object starts with refcount 1 owned by the
 * Value returned; value_release() frees it when the count reaches 0,
 * releasing what it holds.  Foreign objects: the runtime calls cls->free(o)
 * to release o->data (when cls->free is set) and then frees o itself.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/internal.h"
#include "runtime/mem.h"

/* StrDict objects are not values; this tag marks them in Obj.kind. */
#define OBJ_STRDICT 0xFF

static void *obj_alloc(size_t size, ValueKind kind)
{
    Obj *o = xcalloc(1, size);
    o->refcount = 1;
    o->kind = (uint8_t)kind;
    return o;
}

Value value_obj(Obj *o)
{
    Value v = { 0 };
    v.kind = o->kind;
    v.as.obj = o;
    return v;
}

/* ---- strings ------------------------------------------------------------- */

Value value_strn(const char *s, size_t len)
{
    StrObj *o = xcalloc(1, sizeof *o + len + 1);
    o->hdr.refcount = 1;
    o->hdr.kind = V_STR;
    o->len = len;
    if (len) memcpy(o->data, s, len);
    o->data[len] = '\0';
    return value_obj(&o->hdr);
}

Value value_str(const char *s)
{
    return value_strn(s, strlen(s));
}

/* ---- lists and records ---------------------------------------------------- */

Value value_list_new(size_t cap)
{
    ListObj *l = obj_alloc(sizeof *l, V_LIST);
    l->cap = cap;
    l->items = cap ? xmalloc(cap * sizeof(Value)) : NULL;
    return value_obj(&l->hdr);
}

void list_push_take(Value list, Value item)
{
    ListObj *l = as_list(list);
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        l->items = xrealloc(l->items, l->cap * sizeof(Value));
    }
    l->items[l->n++] = item;
}

Value value_record_new(void)
{
    RecordObj *r = obj_alloc(sizeof *r, V_RECORD);
    return value_obj(&r->hdr);
}

void record_set_take(Value rec, const char *key, Value v, SrcLoc loc)
{
    RecordObj *r = as_record(rec);
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->keys[i], key) == 0) {
            value_release(r->vals[i]);
            r->vals[i] = v;
            r->locs[i] = loc;
            return;
        }
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 4;
        r->keys = xrealloc(r->keys, r->cap * sizeof(char *));
        r->vals = xrealloc(r->vals, r->cap * sizeof(Value));
        r->locs = xrealloc(r->locs, r->cap * sizeof(SrcLoc));
    }
    r->keys[r->n] = xstrdup(key);
    r->vals[r->n] = v;
    r->locs[r->n] = loc;
    r->n++;
}

bool record_get(Value rec, const char *key, Value *out)
{
    if (rec.kind != V_RECORD) return false;
    RecordObj *r = as_record(rec);
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->keys[i], key) == 0) {
            *out = r->vals[i];
            return true;
        }
    return false;
}

/* ---- distributions, columns, tables, foreign objects, builtins ------------ */

Value value_dist_new(size_t n)
{
    DistObj *d = obj_alloc(sizeof *d, V_DIST);
    d->n = n;
    d->stored = xmalloc(n * sizeof(double));
    return value_obj(&d->hdr);
}

Value value_dist_drawn(size_t n, DistSource *src)
{
    DistObj *d = obj_alloc(sizeof *d, V_DIST);
    d->n = n;
    d->source = src;
    return value_obj(&d->hdr);
}

static double *stored_of(const DistObj *d)
{
    double *s;
#pragma omp atomic read
    s = d->stored;
    return s;
}

bool dist_on_demand(const DistObj *d)
{
    return !stored_of(d);
}

static void draw_into(const DistObj *d, double *out)
{
    if (!d->source->cls->fill(d->source, 0, d->n, out, d->source->threads)) rt_out_of_memory();
}

const double *dist_samples(const DistObj *d)
{
    double *s = stored_of(d);
    if (s) return s;
    DistObj *own = (DistObj *)d; /* drawn once and kept: the samples do not change */
#pragma omp critical(dist_samples)
    {
        if (!own->stored) {
            double *drawn = xmalloc(d->n * sizeof(double));
            draw_into(d, drawn);
#pragma omp atomic write
            own->stored = drawn;
        }
    }
    return own->stored;
}

const double *dist_read(const DistObj *d, size_t first, size_t len, double *scratch)
{
    const double *s = stored_of(d);
    if (s) return s + first;
    if (!d->source->cls->fill(d->source, first, len, scratch, 1)) rt_out_of_memory();
    return scratch;
}

const double *dist_borrow(const DistObj *d, double **owned)
{
    const double *s = stored_of(d);
    *owned = NULL;
    if (s) return s;
    *owned = xmalloc(d->n * sizeof(double));
    draw_into(d, *owned);
    return *owned;
}

bool dist_known_median(const DistObj *d, double *median)
{
    if (!dist_on_demand(d)) return false;
    *median = d->source->median;
    return true;
}

bool dist_known_range(const DistObj *d, double *min, double *max)
{
    if (!dist_on_demand(d)) return false;
    *min = d->source->min;
    *max = d->source->max;
    return true;
}

Value value_column_new_shared(ColType type, size_t n, StrDict *dict)
{
    ColumnObj *c = obj_alloc(sizeof *c, V_COLUMN);
    c->type = type;
    c->n = n;
    switch (type) {
    case COL_NUM:
    case COL_DATE: c->num = xmalloc(n * sizeof(double)); break;
    case COL_TEXT:
        c->codes = xmalloc(n * sizeof(int32_t));
        if (dict) strdict_retain(dict);
        c->dict = dict ? dict : strdict_new();
        break;
    case COL_BOOL: c->bools = xmalloc(n * sizeof(int8_t)); break;
    }
    return value_obj(&c->hdr);
}

void column_set_missing(ColumnObj *c, size_t i)
{
    switch (c->type) {
    case COL_NUM:
    case COL_DATE: c->num[i] = NAN; break;
    case COL_TEXT: c->codes[i] = -1; break;
    case COL_BOOL: c->bools[i] = -1; break;
    }
}

Value value_column_new(ColType type, size_t n)
{
    return value_column_new_shared(type, n, NULL);
}

Value value_table_new(size_t ncols)
{
    TableObj *t = obj_alloc(sizeof *t, V_TABLE);
    size_t cap = ncols ? ncols : 4;
    t->names = xcalloc(cap, sizeof(char *));
    t->cols = xcalloc(cap, sizeof(ColumnObj *));
    t->dims = xcalloc(cap, sizeof(Dim));
    return value_obj(&t->hdr);
}

/* Makes room for one more column.  TableObj has no capacity field, so the
 * arrays are resized to exactly ncols + 1 (tables have few columns). */
static void table_grow(TableObj *t)
{
    size_t cap = t->ncols + 1;
    t->names = xrealloc(t->names, cap * sizeof(char *));
    t->cols = xrealloc(t->cols, cap * sizeof(ColumnObj *));
    t->dims = xrealloc(t->dims, cap * sizeof(Dim));
}

void table_add_column(Value table, const char *name, Value col)
{
    TableObj *t = as_table(table);
    table_grow(t);
    if (t->ncols == 0) t->nrows = as_column(col)->n;
    t->names[t->ncols] = xstrdup(name);
    t->cols[t->ncols] = as_column(col); /* takes the reference */
    t->dims[t->ncols] = col.dim;
    t->ncols++;
}

int table_find_column(const TableObj *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (strcmp(t->names[i], name) == 0) return (int)i;
    return -1;
}

Value value_foreign(const ObjClass *cls, void *data)
{
    ForeignObj *f = obj_alloc(sizeof *f, V_OBJECT);
    f->cls = cls;
    f->data = data;
    return value_obj(&f->hdr);
}

Value value_builtin(const BuiltinReg *reg)
{
    BuiltinObj *b = obj_alloc(sizeof *b, V_BUILTIN);
    b->reg = reg;
    return value_obj(&b->hdr);
}

/* ---- string dictionary ----------------------------------------------------- */

static uint32_t hash_bytes(const char *s, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

StrDict *strdict_new(void)
{
    StrDict *d = xcalloc(1, sizeof *d);
    d->hdr.refcount = 1;
    d->hdr.kind = OBJ_STRDICT;
    return d;
}

static void strdict_rehash(StrDict *d)
{
    size_t n_slots = d->n_slots ? d->n_slots * 2 : 16;
    free(d->hash_slots);
    d->hash_slots = xcalloc(n_slots, sizeof(uint32_t));
    d->n_slots = n_slots;
    for (size_t i = 0; i < d->n; i++) {
        size_t k = hash_bytes(d->strs[i], d->lens[i]) & (n_slots - 1);
        while (d->hash_slots[k]) k = (k + 1) & (n_slots - 1);
        d->hash_slots[k] = (uint32_t)(i + 1);
    }
}

int32_t strdict_find(const StrDict *d, const char *s, size_t len)
{
    if (!d->n_slots) return -1;
    size_t k = hash_bytes(s, len) & (d->n_slots - 1);
    while (d->hash_slots[k]) {
        size_t i = d->hash_slots[k] - 1;
        if (d->lens[i] == len && memcmp(d->strs[i], s, len) == 0) return (int32_t)i;
        k = (k + 1) & (d->n_slots - 1);
    }
    return -1;
}

int32_t strdict_intern(StrDict *d, const char *s, size_t len)
{
    int32_t found = strdict_find(d, s, len);
    if (found >= 0) return found;
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->strs = xrealloc(d->strs, d->cap * sizeof(char *));
        d->lens = xrealloc(d->lens, d->cap * sizeof(size_t));
    }
    d->strs[d->n] = xstrndup(s, len);
    d->lens[d->n] = len;
    d->n++;
    if ((d->n) * 2 > d->n_slots)
        strdict_rehash(d);
    else {
        size_t k = hash_bytes(s, len) & (d->n_slots - 1);
        while (d->hash_slots[k]) k = (k + 1) & (d->n_slots - 1);
        d->hash_slots[k] = (uint32_t)d->n;
    }
    return (int32_t)(d->n - 1);
}

void strdict_retain(StrDict *d)
{
    if (d) d->hdr.refcount++;
}

void strdict_release(StrDict *d)
{
    if (!d || --d->hdr.refcount > 0) return;
    for (size_t i = 0; i < d->n; i++) free(d->strs[i]);
    free(d->strs);
    free(d->lens);
    free(d->hash_slots);
    free(d);
}

/* ---- reference counting ---------------------------------------------------- */

void value_retain(Value v)
{
    if (value_is_obj(v) && v.as.obj) v.as.obj->refcount++;
}

static void column_free(ColumnObj *c)
{
    free(c->num);
    free(c->codes);
    free(c->bools);
    strdict_release(c->dict);
}

static void table_free(TableObj *t)
{
    for (size_t i = 0; i < t->ncols; i++) {
        free(t->names[i]);
        value_release(value_obj(&t->cols[i]->hdr));
    }
    free(t->names);
    free(t->cols);
    free(t->dims);
    free(t->source);
}

/* Objects whose count reached 0 and whose contents are still to release.
 * Release is iterative: a list of lists 300,000 deep is freed with this
 * stack of pending objects, never with 300,000 nested calls. */
typedef struct Pending {
    Obj **items;
    size_t n, cap;
    Obj *first[32];
} Pending;

/* Drops one reference held by a dying container; an object whose count
 * reaches 0 waits on the pending stack instead of being freed in a nested call. */
static void drop_into(Pending *p, Value v)
{
    if (!value_is_obj(v) || !v.as.obj || --v.as.obj->refcount != 0) return;
    if (p->n == p->cap) {
        size_t cap = p->cap * 2;
        Obj **items = xmalloc(cap * sizeof *items);
        memcpy(items, p->items, p->n * sizeof *items);
        if (p->items != p->first) free(p->items);
        p->items = items;
        p->cap = cap;
    }
    p->items[p->n++] = v.as.obj;
}

static void obj_free(Obj *o, Pending *p)
{
    switch ((ValueKind)o->kind) {
    case V_LIST: {
        ListObj *l = (ListObj *)o;
        for (size_t i = 0; i < l->n; i++) drop_into(p, l->items[i]);
        free(l->items);
        break;
    }
    case V_RECORD: {
        RecordObj *r = (RecordObj *)o;
        for (size_t i = 0; i < r->n; i++) {
            free(r->keys[i]);
            drop_into(p, r->vals[i]);
        }
        free(r->keys);
        free(r->vals);
        free(r->locs);
        break;
    }
    case V_FUNC: env_release(((FuncObj *)o)->closure); break;
    case V_MODULE: {
        ModuleObj *m = (ModuleObj *)o;
        free(m->path);
        env_release(m->env);
        break;
    }
    case V_DIST: {
        DistObj *d = (DistObj *)o;
        free(d->stored);
        if (d->source) d->source->cls->destroy(d->source);
        break;
    }
    case V_COLUMN: column_free((ColumnObj *)o); break;
    case V_TABLE: table_free((TableObj *)o); break;
    case V_OBJECT: {
        ForeignObj *f = (ForeignObj *)o;
        if (f->cls && f->cls->free) f->cls->free(f);
        break;
    }
    default: break;
    }
    free(o);
}

void value_release(Value v)
{
    if (!value_is_obj(v) || !v.as.obj || --v.as.obj->refcount != 0) return;
    Pending p = { .n = 0, .cap = sizeof p.first / sizeof p.first[0] };
    p.items = p.first;
    p.items[p.n++] = v.as.obj;
    while (p.n) obj_free(p.items[--p.n], &p);
    if (p.items != p.first) free(p.items);
}

int64_t num_to_int(double x, int64_t lo, int64_t hi, bool *exact)
{
    /* Compared as doubles first: (double)hi may round up (INT64_MAX becomes
     * 2^63), so x >= (double)hi is clamped before any cast. */
    bool inside = x >= (double)lo && x < (double)hi;
    int64_t r = isnan(x) || x <= (double)lo ? lo : inside ? (int64_t)x : hi;
    if (r > hi) r = hi;
    if (exact) *exact = !isnan(x) && x == floor(x) && (double)r == x;
    return r;
}

bool value_deeper_than(Value v, size_t limit)
{
    if (v.kind != V_LIST && v.kind != V_RECORD) return false;
    if (limit == 0) return true;
    size_t n = v.kind == V_LIST ? as_list(v)->n : as_record(v)->n;
    const Value *items = v.kind == V_LIST ? as_list(v)->items : as_record(v)->vals;
    for (size_t i = 0; i < n; i++)
        if (value_deeper_than(items[i], limit - 1)) return true;
    return false;
}

size_t obj_field_names(ForeignObj *o, const char **names, size_t max)
{
    if (o->cls->field_names) return o->cls->field_names(o, names, max);
    size_t n = 0;
    for (; o->cls->fields && n < max && o->cls->fields[n]; n++) names[n] = o->cls->fields[n];
    return n;
}

/* The kinds' names in the language's own words: what type() returns and
 * what a program compares (type(x) == "number"), the same in every language. */
const char *value_type_name(Value v)
{
    switch ((ValueKind)v.kind) {
    case V_NIL: return "nothing";
    case V_NUM: return "number";
    case V_BOOL: return "boolean";
    case V_STR: return "text";
    case V_LIST: return "list";
    case V_RECORD: return "record";
    case V_FUNC:
    case V_BUILTIN: return "function";
    case V_MODULE: return "module";
    case V_DIST: return (v.flags & VF_BOOLDIST) ? "uncertain boolean" : "distribution";
    case V_COLUMN:
        switch (as_column(v)->type) {
        case COL_NUM: return "number column";
        case COL_TEXT: return "text column";
        case COL_BOOL: return "boolean column";
        case COL_DATE: return "date column";
        }
        return "column";
    case V_TABLE: return "table";
    case V_OBJECT: return as_foreign(v)->cls ? as_foreign(v)->cls->name : "object";
    }
    return "value";
}

/* Each type name as a message shows it: alone (after a colon: "got: a
 * number" reads "reçu : nombre"), and as a noun phrase with its article
 * ("un nombre", "une liste": the article agrees with the noun, so it is
 * translated with it, never chosen in C).  The classes of the library
 * (model, grouped table, report, suppressed figure) are listed too. */
static const struct KindWords {
    const char *type, *noun, *phrase;
} kind_words[] = {
    { "nothing", N_("nothing"), N_("nothing") },
    { "number", N_("number"), N_("a number") },
    { "boolean", N_("boolean"), N_("a boolean") },
    { "text", N_("text"), N_("a text") },
    { "list", N_("list"), N_("a list") },
    { "record", N_("record"), N_("a record") },
    { "function", N_("function"), N_("a function") },
    { "module", N_("module"), N_("a module") },
    { "uncertain boolean", N_("uncertain boolean"), N_("an uncertain boolean") },
    { "distribution", N_("distribution"), N_("a distribution") },
    { "number column", N_("number column"), N_("a number column") },
    { "text column", N_("text column"), N_("a text column") },
    { "boolean column", N_("boolean column"), N_("a boolean column") },
    { "date column", N_("date column"), N_("a date column") },
    { "column", N_("column"), N_("a column") },
    { "table", N_("table"), N_("a table") },
    { "model", N_("model"), N_("a model") },
    { "grouped table", N_("grouped table"), N_("a grouped table") },
    { "report", N_("report"), N_("a report") },
    { "suppressed figure", N_("suppressed figure"), N_("a suppressed figure") },
    { "object", N_("object"), N_("an object") },
    { "value", N_("value"), N_("a value") },
};

static const struct KindWords *kind_words_of(Value v)
{
    const char *type = value_type_name(v);
    for (size_t i = 0; i < sizeof kind_words / sizeof *kind_words; i++)
        if (strcmp(kind_words[i].type, type) == 0) return &kind_words[i];
    return NULL;
}

const char *value_kind_name(Value v)
{
    const struct KindWords *w = kind_words_of(v);
    return w ? _(w->noun) : value_type_name(v);
}

const char *value_kind_phrase(Value v)
{
    const struct KindWords *w = kind_words_of(v);
    return w ? _(w->phrase) : value_type_name(v);
}

/* ---- StrBuf ------------------------------------------------------------------- */

void sb_init(StrBuf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
}

void sb_free(StrBuf *b)
{
    free(b->data);
    sb_init(b);
}

static void sb_reserve(StrBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) cap *= 2;
    b->data = xrealloc(b->data, cap);
    b->cap = cap;
}

void sb_appendn(StrBuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_append(StrBuf *b, const char *s)
{
    sb_appendn(b, s, strlen(s));
}

void sb_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        sb_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

char *sb_take(StrBuf *b)
{
    char *d = b->data;
    if (!d) {
        d = xmalloc(1);
        d[0] = '\0';
    }
    sb_init(b);
    return d;
}
