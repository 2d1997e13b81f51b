/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* value.h — the values of the impact language.
 *
 * A Value is a small struct passed by value.  Numbers, booleans and nil are
 * held inline; everything else points at a reference-counted heap object
 * (Obj).  Rules, as in jq's jv:
 *   - a function that returns a Value in *out gives the caller one reference;
 *   - a function that takes a `Value` argument only borrows it, unless its
 *     name says "take";
 *   - value_retain() / value_release() adjust the count; release on an inline
 *     value does nothing.
 *
 * Numbers carry a physical dimension (Dim): exponents over the base units the
 * interpreter knows (time, each currency, each declared unit).  Distributions
 * and numeric columns carry one too, in their Value.  Values that hold many
 * numbers (a column, a distribution's samples) keep them as one C array and
 * are computed by whole-array loops (runtime/vector.c), never element by
 * element through the evaluator.
 */
#ifndef IMPACT_VALUE_H
#define IMPACT_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lang/ast.h"
#include "runtime/provenance.h"

#define DIM_MAX 12 /* base dimensions an interpreter can hold */

typedef struct Dim {
    int8_t e[DIM_MAX]; /* exponent of each base unit; all 0 = dimensionless */
} Dim;

typedef enum ValueKind {
    V_NIL,     /* no value (statements, missing optional arguments) */
    V_NUM,     /* as.num, dim */
    V_BOOL,    /* as.boolean */
    V_STR,     /* StrObj */
    V_LIST,    /* ListObj */
    V_RECORD,  /* RecordObj */
    V_FUNC,    /* FuncObj: a function written in the language */
    V_BUILTIN, /* BuiltinObj: a function written in C (stdlib) */
    V_MODULE,  /* ModuleObj */
    V_DIST,    /* DistObj: an uncertain number as N samples, dim */
    V_COLUMN,  /* ColumnObj: a data vector (table column or derived), dim for numbers */
    V_TABLE,   /* TableObj */
    V_OBJECT   /* ForeignObj: a type defined by stdlib (model, grouped table, report...) */
} ValueKind;

enum ValueFlags {
    VF_PERCENT = 1,  /* dimensionless number written or derived as a percentage: prints 25% */
    VF_BOOLDIST = 2, /* V_DIST whose samples are 0/1: an uncertain boolean (x > 3) */
    /* A number or text written as a literal in a model's source (`"abc"`,
     * `3`, `-3`, `3 EUR`): the author's, never a person's.  The only
     * values a message quotes (runtime/interp.c, describe_got): any value
     * computed, read from data or returned by a built-in lacks it. */
    VF_LITERAL = 0x40,
    /* V_STR written in the user's own code (the file named on the command
     * line, -e, the REPL), or joined with + from such texts only: the only
     * texts a library may use as a path to read (runtime/files.c).  On a
     * V_NUM: a number written in the user's own code, the only one with
     * which a library may lower the small-group threshold (csv's min_cell:). */
    VF_USER_TEXT = 0x80,
};
/* A V_NUM holding a date (days since 1970-01-01, stdlib/dates.c): prints as
 * 2024-03-01.  A macro, guarded, so that stdlib/dates.h's copy does not clash. */
#ifndef VF_DATE
#define VF_DATE 4
#endif

typedef struct Obj {
    int refcount;
    uint8_t kind; /* ValueKind of the object */
} Obj;

typedef struct Value {
    uint8_t kind;       /* ValueKind */
    uint8_t flags;      /* VF_* */
    uint16_t unit_hint; /* preferred display unit (index in the unit registry), 0 = base unit */
    Dim dim;            /* V_NUM, V_DIST, numeric V_COLUMN */
    union {
        double num;
        bool boolean;
        Obj *obj;
    } as;
    uint32_t origin; /* a library result's provenance (interp_mark_origin), 0 = none */
} Value;

/* ---- heap objects ------------------------------------------------------- */

typedef struct StrObj {
    Obj hdr;
    size_t len;
    char data[]; /* NUL-terminated, UTF-8 */
} StrObj;

typedef struct ListObj {
    Obj hdr;
    size_t n, cap;
    Value *items;
} ListObj;

typedef struct RecordObj { /* ordered fields */
    Obj hdr;
    size_t n, cap;
    char **keys;
    Value *vals;
    SrcLoc *locs; /* where each field was set (audit trail); file may be NULL */
} RecordObj;

struct Env;
struct Interp;
struct CallArgs;
struct StrBuf;      /* used by ObjClass.print before its definition below (added by sroi) */
struct json_object; /* json-c's, for ObjClass.to_json */

typedef struct FuncObj {
    Obj hdr;
    const char *name;    /* NULL for anonymous functions */
    const Node *def;     /* N_FN or N_LAMBDA; params in def->items, body in def->a */
    struct Env *closure; /* retained */
} FuncObj;

/* A C function of the standard library.  Returns false after raising an
 * error with rt_raise(); on success stores a new reference in *out. */
typedef bool (*BuiltinFn)(struct Interp *I, const struct CallArgs *args, Value *out);

typedef struct BuiltinReg {
    const char *name; /* name in the global scope; NULL ends a table */
    BuiltinFn fn;
    int min_args, max_args; /* positional arguments accepted; max -1 = any */
    const char *signature;  /* "quantile(x, p)" — used in messages and :help */
    const char *help;       /* one line for :help and the editor, in English: an msgid
                               (N_() in the table), shown through builtin_help() */
    int variant; /* which member of a family of built-ins sharing fn (row_sum and row_mean
                    are row_op): fn reads args->reg->variant; 0 for a built-in of its own */
} BuiltinReg;

typedef struct BuiltinObj {
    Obj hdr;
    const BuiltinReg *reg; /* static */
} BuiltinObj;

typedef struct ModuleObj {
    Obj hdr;
    char *path;      /* resolved file path */
    struct Env *env; /* the module's top-level bindings (retained) */
} ModuleObj;

/* What draws a distribution's samples on demand instead of storing them
 * (stdlib/uncertainty/dist_drawn.c: a primitive distribution of many
 * samples, whose RNG blocks each depend only on their stream and index).
 * fill() writes samples [first, first + len) into out, first a multiple of
 * block (len up to n − first), threads as rng_fill; false only when memory
 * runs out.  min and max are the least and greatest sample (all are
 * finite) and median their median (numpy's linear quantile, as
 * dist_median): the model's checks and central values read them instead of
 * drawing every sample again. */
typedef struct DistSource DistSource;
typedef struct DistSourceClass {
    bool (*fill)(const DistSource *src, size_t first, size_t len, double *out, int threads);
    void (*destroy)(DistSource *src);
} DistSourceClass;
struct DistSource {
    const DistSourceClass *cls;
    size_t block;
    double min, max, median;
    int threads;
};

typedef struct DistObj {
    Obj hdr;
    size_t n; /* sample count */
    /* n samples, or NULL while they are drawn on demand from source: read
     * them through dist_samples(), dist_read() or dist_borrow() below;
     * only a distribution just made by value_dist_new() is written here */
    double *stored;
    DistSource *source; /* owned; NULL for stored samples */
    Provenance prov;    /* disclosure tag (empirical(people.x)): only runtime/disclosure.c */
} DistObj;

/* Column storage.  A missing value is NaN for numbers and dates, code -1 for
 * text, -1 for booleans. */
typedef enum ColType { COL_NUM, COL_TEXT, COL_BOOL, COL_DATE } ColType;

typedef struct StrDict { /* interned strings shared by text columns */
    Obj hdr;
    size_t n, cap;
    char **strs;
    size_t *lens;
    uint32_t *hash_slots; /* open addressing: index+1, 0 = empty */
    size_t n_slots;
    bool multi; /* each text is a set of labels joined by '\n' (csv's multi:, an enDI
                 * one-to-many cell); kept by every column sharing the dictionary */
} StrDict;

typedef struct ColumnObj {
    Obj hdr;
    ColType type;
    size_t n;
    double *num;     /* COL_NUM, COL_DATE (days since 1970-01-01) */
    int32_t *codes;  /* COL_TEXT: index into dict, -1 = missing */
    StrDict *dict;   /* COL_TEXT (retained) */
    int8_t *bools;   /* COL_BOOL: 0, 1, -1 = missing */
    Provenance prov; /* disclosure tag: only runtime/disclosure.c reads or writes it */
} ColumnObj;

typedef struct TableObj {
    Obj hdr;
    size_t nrows, ncols;
    char **names;     /* column names as written in the file */
    ColumnObj **cols; /* retained */
    Dim *dims;        /* unit of each numeric column (dimensionless unless declared) */
    char *source;     /* file it was read from, or NULL */
    Provenance prov;  /* disclosure tag: only runtime/disclosure.c reads or writes it */
} TableObj;

/* Types that stdlib defines (an SROI model, a grouped table, a report) are
 * foreign objects: the runtime handles them only through their class. */
typedef struct ForeignObj ForeignObj;
typedef struct ObjClass {
    const char *name; /* "model", "grouped table" ... as shown to users */
    void (*free)(ForeignObj *o);
    /* Appends a readable rendering (REPL, print). */
    void (*print)(struct Interp *I, ForeignObj *o, struct StrBuf *out);
    /* o.name; NULL if the type has no fields.  Returns false after rt_raise. */
    bool (*get_field)(struct Interp *I, ForeignObj *o, const char *name, SrcLoc loc, Value *out);
    /* o with { path = value, ... }: paths as written ("employment.deadweight"). */
    bool (*with)(struct Interp *I, ForeignObj *o, size_t n, const char **paths, const Value *vals,
                 const SrcLoc *locs, SrcLoc loc, Value *out);
    /* Field names for tab completion and :env, asked through
     * obj_field_names(): a class whose fields are always the same lists
     * them in `fields` (NULL-terminated); one whose fields depend on the
     * object gives them by field_names.  Both may be NULL (no fields). */
    const char *const *fields;
    size_t (*field_names)(ForeignObj *o, const char **names, size_t max);
    /* Optional: called by the operators (runtime/ops.c) before any arithmetic
     * or comparison that involves o.  Returns true if o may take part;
     * otherwise raises (rt_raise + rt_hint: why, what to do) and returns
     * false.  A suppressed figure refuses every use. */
    bool (*refuse_use)(struct Interp *I, ForeignObj *o, SrcLoc loc);
    /* What the command line asks of a value (all optional).  is_result: the
     * value is one of the run's own results, which `impact run` reports
     * after the file's output when a global of the main file holds it (an
     * SROI model the run made, not one a module made).  report: appends its
     * text report.  to_json: a new json-c object for it (--format json,
     * and wherever it is written as JSON); NULL means its printed text. */
    bool (*is_result)(ForeignObj *o);
    void (*report)(struct Interp *I, ForeignObj *o, struct StrBuf *out);
    struct json_object *(*to_json)(struct Interp *I, ForeignObj *o);
} ObjClass;

/* A class's definition: the name users see and how an object is freed and
 * printed, then the members the class adds, named:
 *     const ObjClass grouped_class = OBJ_CLASS("grouped table", grouped_free,
 *         grouped_print, .get_field = grouped_get, .fields = grouped_fields);
 * one declaration a class, which `grep OBJ_CLASS` lists with the name a user
 * meets it by. */
#define OBJ_CLASS(shown_name, free_fn, print_fn, ...)                                              \
    {                                                                                              \
        .name = (shown_name), .free = (free_fn), .print = (print_fn), __VA_ARGS__                  \
    }

struct ForeignObj {
    Obj hdr;
    const ObjClass *cls;
    void *data;
};

/* ---- construction --------------------------------------------------------- */

static inline Value value_nil(void)
{
    Value v = { 0 };
    v.kind = V_NIL;
    return v;
}
static inline Value value_bool(bool b)
{
    Value v = { 0 };
    v.kind = V_BOOL;
    v.as.boolean = b;
    return v;
}
static inline Value value_num(double d)
{
    Value v = { 0 };
    v.kind = V_NUM;
    v.as.num = d;
    return v;
}
static inline Value value_num_dim(double d, Dim dim)
{
    Value v = value_num(d);
    v.dim = dim;
    return v;
}
static inline Value value_percent(double d)
{
    Value v = value_num(d);
    v.flags = VF_PERCENT;
    return v;
}
static inline bool dim_is_none(Dim d)
{
    for (int i = 0; i < DIM_MAX; i++)
        if (d.e[i]) return false;
    return true;
}
static inline bool dim_equal(Dim a, Dim b)
{
    for (int i = 0; i < DIM_MAX; i++)
        if (a.e[i] != b.e[i]) return false;
    return true;
}

Value value_obj(Obj *o);        /* wraps an object (takes its reference) */
Value value_str(const char *s); /* copies */
Value value_strn(const char *s, size_t len);
Value value_list_new(size_t cap);
void list_push_take(Value list, Value item); /* takes item's reference */
Value value_record_new(void);
void record_set_take(Value rec, const char *key, Value v, SrcLoc loc); /* takes v */
bool record_get(Value rec, const char *key, Value *out);               /* borrowed, no retain */
Value value_dist_new(size_t n);                                        /* samples uninitialised */
/* A distribution of n samples drawn on demand by src (taken over). */
Value value_dist_drawn(size_t n, DistSource *src);
/* Whether d's samples are drawn on demand (not stored). */
bool dist_on_demand(const DistObj *d);
/* d's samples, drawn and kept on the first call when they are drawn on
 * demand (so that later reads are free): for a distribution a user handles
 * (arithmetic, display, correlate).  Safe from several threads. */
const double *dist_samples(const DistObj *d);
/* Samples [first, first + len) of d: a pointer into its stored samples, or
 * scratch (len slots) filled from its source, first then a multiple of
 * source->block.  Keeps nothing. */
const double *dist_read(const DistObj *d, size_t first, size_t len, double *scratch);
/* Every sample of d for one use, keeping none: the stored samples (*owned
 * NULL) or a new array drawn now (*owned: the caller frees it). */
const double *dist_borrow(const DistObj *d, double **owned);
/* The least and greatest sample of a distribution drawn on demand, known
 * without drawing it (false for stored samples: scan them). */
bool dist_known_range(const DistObj *d, double *min, double *max);
/* The median of a distribution drawn on demand, known without drawing it
 * (false for stored samples). */
bool dist_known_median(const DistObj *d, double *median);
Value value_column_new(ColType type,
                       size_t n); /* storage uninitialised; text columns get a fresh dict */
/* The same, but a text column uses dict (retained, not copied), so columns
 * derived from one another share their texts and codes stay comparable.
 * dict may be NULL (a fresh one); it is ignored for other column types. */
Value value_column_new_shared(ColType type, size_t n, StrDict *dict);
/* Makes row i of c missing, in the way of its type (NaN, code -1, -1). */
void column_set_missing(ColumnObj *c, size_t i);
Value value_table_new(size_t ncols);
Value value_foreign(const ObjClass *cls, void *data);
Value value_builtin(const BuiltinReg *reg);

static inline bool value_is_obj(Value v)
{
    return v.kind > V_BOOL;
}
void value_retain(Value v);
void value_release(Value v);

/* Accessors; only valid for the matching kind: as_str(v) is the StrObj of a
 * V_STR, as_list(v) the ListObj of a V_LIST, and so on. */
#define VALUE_ACCESSOR(name, Obj)                                                                  \
    static inline Obj *name(Value v)                                                               \
    {                                                                                              \
        return (Obj *)v.as.obj;                                                                    \
    }
VALUE_ACCESSOR(as_str, StrObj)
VALUE_ACCESSOR(as_list, ListObj)
VALUE_ACCESSOR(as_record, RecordObj)
VALUE_ACCESSOR(as_func, FuncObj)
VALUE_ACCESSOR(as_builtin, BuiltinObj)
VALUE_ACCESSOR(as_module, ModuleObj)
VALUE_ACCESSOR(as_dist, DistObj)
VALUE_ACCESSOR(as_column, ColumnObj)
VALUE_ACCESSOR(as_table, TableObj)
VALUE_ACCESSOR(as_foreign, ForeignObj)
#undef VALUE_ACCESSOR

/* String dictionary used by text columns. */
StrDict *strdict_new(void);
int32_t strdict_intern(StrDict *d, const char *s, size_t len);     /* returns code */
int32_t strdict_find(const StrDict *d, const char *s, size_t len); /* -1 if absent */
/* A dictionary is reference counted: strdict_new() gives one reference; a
 * column holding it owns one.  Keep one with strdict_retain() and give it
 * back with strdict_release() (frees it at 0; NULL is ignored). */
void strdict_retain(StrDict *d);
void strdict_release(StrDict *d);

/* Table helpers: add a column (takes col's reference; name copied). */
void table_add_column(Value table, const char *name, Value col);
int table_find_column(const TableObj *t, const char *name); /* -1 if absent */

/* Up to max of o's field names (ObjClass.fields or .field_names); the count. */
size_t obj_field_names(ForeignObj *o, const char **names, size_t max);

/* The name of a value's kind in the language itself, what type() returns:
 * "number", "text", "number column", "model"... (never translated). */
const char *value_type_name(Value v);
/* The same for messages, in the run's language: the noun alone ("number",
 * "nombre"), for a message that reads well whatever noun it shows (after a
 * colon: "got: %s", "reçu : %s"); and as a noun phrase with its article ("a
 * number", "une liste"), for "'x' is %s, not a function". */
const char *value_kind_name(Value v);
const char *value_kind_phrase(Value v);

/* The one conversion of a user's number to an integer (a C cast of a double
 * outside the integer's range is undefined behaviour): x without its
 * fraction, clamped to [lo, hi], NaN giving lo.  *exact, when not NULL, is
 * set to whether x was a whole number within [lo, hi] (the value kept).
 * Callers that need a whole number in range raise when *exact is false. */
int64_t num_to_int(double x, int64_t lo, int64_t hi, bool *exact);

/* Lists and records nest at most this deep where a value is shown (print,
 * the REPL, JSON): the printer and json-c recurse once per level. */
#define VALUE_DEPTH_MAX 1000
/* True when v holds lists or records nested more than `limit` levels deep
 * (looks no deeper than limit + 1 levels). */
bool value_deeper_than(Value v, size_t limit);

/* ---- a growable string buffer, for printing ------------------------------- */
typedef struct StrBuf {
    char *data;
    size_t len, cap;
} StrBuf;
void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
void sb_append(StrBuf *b, const char *s);
void sb_appendn(StrBuf *b, const char *s, size_t n);
void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *sb_take(StrBuf *b); /* returns data (malloc'ed), leaves b empty */

#endif
