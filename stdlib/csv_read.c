/* csv_read.c — streams a CSV file through libcsv into a column-oriented
 * table (see csv_read.h).
 *
 * Design, for a 1,000,000-row file to load in a few tenths of a second with
 * little more memory than its columns:
 *   - the file is read in 1 MB chunks and handed to libcsv, which calls
 *     on_field() for each field and on_row() at each row end; nothing keeps
 *     the whole file;
 *   - a column's type is guessed from its first non-missing value; when a
 *     later value does not fit (a word in a number column), the file is read
 *     again with that column as text, rather than keeping every field's text
 *     "just in case";
 *   - numbers take a fast path (digits with an optional decimal part, exact
 *     as mantissa / 10^k) and fall back to strtod_l in the C locale;
 *   - text is interned in the column's dictionary (StrDict); each distinct
 *     raw text is checked (UTF-8) or converted (Windows-1252, iconv) once,
 *     a raw-bytes table with stored hashes remembering its code;
 *   - the row count is estimated from the first 64 KB, so the column arrays
 *     are allocated about once, then trimmed to size;
 *   - a big file is read in two halves by two threads (read_parallel).
 * Row numbers in messages are physical lines: libcsv is run with
 * CSV_REPALL_NL so every line end is reported, and newlines inside quoted
 * fields are counted.
 */
#include "csv_read.h"
#include "csv_values.h"

#include <csv.h>
#include <errno.h>
#include <iconv.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "dates.h"
#include "privacy.h"

#define FIRST_CHUNK (64 * 1024)
#define CHUNK (1024 * 1024)
#define TYPE_UNKNOWN (-1)

/* ---- raw-bytes dictionary (field bytes -> code in the column dict) ------- */

typedef struct RawEntry {
    uint32_t hash;
    int32_t code;
    uint64_t head;            /* the first 8 bytes: most fields are compared without memcmp */
    size_t off, len;
} RawEntry;

typedef struct RawDict {
    uint32_t *slots;          /* entry index + 1, 0 = empty */
    size_t n_slots;
    RawEntry *entries;
    size_t n, cap;
    char *bytes;
    size_t used, bytes_cap;
} RawDict;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("impact: out of memory while reading a CSV file\n", stderr);
        abort();
    }
    return q;
}

/* Hash of a field, 8 bytes at a time: fields are short (a status, a town),
 * so this is one or two multiplications instead of a loop per byte. */
static uint32_t field_hash(const char *s, size_t len)
{
    uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15u;
    while (len >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xFF51AFD7ED558CCDu;
        h ^= h >> 32;
        s += 8;
        len -= 8;
    }
    if (len) {
        uint64_t w = 0;
        for (size_t i = 0; i < len; i++)      /* a loop, not a memcpy call of variable size */
            w |= (uint64_t)(unsigned char)s[i] << (8 * i);
        h = (h ^ w) * 0xC4CEB9FE1A85EC53u;
        h ^= h >> 29;
    }
    return (uint32_t)(h ^ (h >> 32));
}

/* The first (up to) 8 bytes of a field as a number. */
static uint64_t field_head(const char *s, size_t len)
{
    uint64_t w = 0;
    size_t n = len < 8 ? len : 8;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return w;
}

static int32_t rawdict_find(const RawDict *d, const char *s, size_t len, uint32_t h)
{
    if (!d->n_slots)
        return -1;
    uint64_t head = field_head(s, len);
    for (size_t k = h & (d->n_slots - 1); d->slots[k]; k = (k + 1) & (d->n_slots - 1)) {
        const RawEntry *e = &d->entries[d->slots[k] - 1];
        if (e->hash == h && e->len == len && e->head == head &&
            (len <= 8 || memcmp(d->bytes + e->off + 8, s + 8, len - 8) == 0))
            return e->code;
    }
    return -1;
}

static void rawdict_rehash(RawDict *d)
{
    size_t n_slots = d->n_slots ? d->n_slots * 2 : 64;
    free(d->slots);
    d->slots = calloc(n_slots, sizeof *d->slots);
    if (!d->slots)
        abort();
    d->n_slots = n_slots;
    for (size_t i = 0; i < d->n; i++) {
        size_t k = d->entries[i].hash & (n_slots - 1);
        while (d->slots[k])
            k = (k + 1) & (n_slots - 1);
        d->slots[k] = (uint32_t)(i + 1);
    }
}

static void rawdict_add(RawDict *d, const char *s, size_t len, uint32_t h, int32_t code)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->entries = xrealloc(d->entries, d->cap * sizeof *d->entries);
    }
    if (d->used + len > d->bytes_cap) {
        d->bytes_cap = (d->used + len) * 2 + 256;
        d->bytes = xrealloc(d->bytes, d->bytes_cap);
    }
    memcpy(d->bytes + d->used, s, len);
    d->entries[d->n] = (RawEntry){h, code, field_head(s, len), d->used, len};
    d->used += len;
    d->n++;
    if (d->n * 2 > d->n_slots)
        rawdict_rehash(d);
    else {
        size_t k = h & (d->n_slots - 1);
        while (d->slots[k])
            k = (k + 1) & (d->n_slots - 1);
        d->slots[k] = (uint32_t)d->n;
    }
}

static void rawdict_free(RawDict *d)
{
    free(d->slots);
    free(d->entries);
    free(d->bytes);
    memset(d, 0, sizeof *d);
}

/* ---- the loader's state ---------------------------------------------------- */

typedef struct ColBuild {
    char *name;               /* UTF-8 */
    int type;                 /* ColType, or TYPE_UNKNOWN while only missing values came */
    bool declared;
    bool force_text;          /* read as text after a value did not fit the guess */
    Value col;                /* the ColumnObj, created when the type is known */
    double *num;
    int32_t *codes;
    int8_t *bools;
    RawDict raw;
    /* NIR evidence: values shaped like a NIR, valid ones, line of the first */
    size_t nir_shaped, nir_valid;
    long nir_line;
    char nir_text[32];
    /* the value the type was guessed from (to explain a later change) */
    long guess_line;
    char guess_text[48];
} ColBuild;

typedef struct Loader {
    Interp *I;
    const CsvOptions *opt;
    const char *shown;         /* file name in messages */
    char sep, decimal;
    CsvEncoding enc;
    ColBuild *cols;
    size_t ncols, cap_cols;
    bool in_header;            /* the next row holds the column names */
    size_t field;              /* index of the field being read in the row */
    size_t nrows, cap;
    long line;                 /* physical line where the current row starts */
    long pending_lines;        /* newlines inside quoted fields of this row */
    bool chunk_has_quote;      /* no quote in the chunk: no field in it holds a newline */
    bool after_cr;             /* the last row ended at a CR: an LF right after it ends no new line */
    /* The second half of a file read in parallel may not touch the
     * interpreter: its first error is kept here, raised after the join. */
    bool deferred;
    char *err_msg, *err_hint;
    long err_line;
    size_t err_field;
    bool failed;               /* an error was raised: ignore further callbacks */
    bool restart;              /* a column must be read again as text */
    iconv_t cd;                /* Windows-1252 -> UTF-8, or (iconv_t)-1 */
    char *conv;
    size_t conv_cap;
    /* columns (by position) to read as text, kept across readings, with the
     * value that made each one text, for the warning */
    bool *force;
    long *why_line;
    char (*why_text)[48];
    size_t n_force;
} Loader;

static SrcLoc here(Loader *L, size_t field)
{
    return loc_data(L->I, L->shown, (int)L->line, (int)field + 1);
}

/* Raises the error at (line, field), or keeps it when deferred; the loader
 * stops reading either way. */
static void loader_fail(Loader *L, long line, size_t field, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void loader_fail(Loader *L, long line, size_t field, const char *hint, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->failed = true;
    if (L->deferred) {
        if (!L->err_msg) {
            L->err_msg = strdup(msg);
            L->err_hint = hint ? strdup(hint) : NULL;
            L->err_line = line;
            L->err_field = field;
        }
        return;
    }
    rt_raise(L->I, loc_data(L->I, L->shown, (int)line, (int)field + 1), "%s", msg);
    if (hint)
        rt_hint(L->I, "%s", hint);
}

static const char *type_word(int type)
{
    switch (type) {
    case COL_NUM: return "number";
    case COL_DATE: return "date";
    case COL_BOOL: return "boolean (true/false, vrai/faux, oui/non)";
    default: return "text";
    }
}

/* ---- reading values (the parsing of one field is csv_values.c) ------------- */

static bool is_missing(const Loader *L, const char *s, size_t len)
{
    if (len == 0)
        return true;
    if (L->opt->missing) {
        for (size_t i = 0; i < L->opt->n_missing; i++)
            if (strlen(L->opt->missing[i]) == len && memcmp(L->opt->missing[i], s, len) == 0)
                return true;
        return false;
    }
    /* the defaults all start with N, n or #: one test rejects nearly every value */
    if (len > 4 || (s[0] != 'N' && s[0] != 'n' && s[0] != '#'))
        return false;
    static const struct { const char *text; size_t len; } tokens[] = {
        {"NA", 2}, {"N/A", 3}, {"n/a", 3}, {"#N/A", 4}, {"NULL", 4}, {"null", 4},
    };
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++)
        if (tokens[i].len == len && memcmp(tokens[i].text, s, len) == 0)
            return true;
    return false;
}

/* ---- errors ------------------------------------------------------------------ */

__attribute__((cold, noinline)) static void fail_value(Loader *L, size_t field, const char *s, size_t len, int type)
{
    char ex[128], hint[512];
    csv_excerpt(s, len, ex, sizeof ex);
    if (type == COL_NUM)
        snprintf(hint, sizeof hint, "the column is declared as a number; write it with digits%s, "
                 "leave the cell empty if the value is unknown, or declare the column as \"text\"",
                 L->decimal == ',' ? " and a decimal comma (12,5)" : " and a decimal point (12.5)");
    else if (type == COL_DATE)
        snprintf(hint, sizeof hint, "write dates as 2024-03-01 or 01/03/2024, leave the cell empty if unknown, "
                 "or declare the column as \"text\"");
    else
        snprintf(hint, sizeof hint, "write true/false (or vrai/faux, oui/non), or declare the column as \"text\"");
    loader_fail(L, L->line, field, hint, "cannot read \"%s\" as a %s in column '%s'",
                ex, type_word(type), L->cols[field].name);
}

__attribute__((cold, noinline)) static void fail_encoding(Loader *L, size_t field, const char *s, size_t len)
{
    char ex[128];
    csv_excerpt(s, len, ex, sizeof ex);
    if (L->enc == CSV_ENC_CP1252)
        loader_fail(L, L->line, field,
                    "the file is read as Windows-1252; if it was saved as UTF-8, add encoding: \"utf-8\"",
                    "\"%s\" holds a byte that is not a Windows-1252 character", ex);
    else
        loader_fail(L, L->line, field,
                    "the file seems to be saved in Windows-1252 (Excel's \"CSV (séparateur: point-virgule)\"): "
                    "add encoding: \"cp1252\" to csv(), or save it again as \"CSV UTF-8\"",
                    "\"%s\" is not valid UTF-8 text", ex);
}

/* ---- columns ----------------------------------------------------------------- */

static void col_free(ColBuild *c)
{
    free(c->name);
    value_release(c->col);
    free(c->num);
    free(c->codes);
    free(c->bools);
    rawdict_free(&c->raw);
    memset(c, 0, sizeof *c);
}

/* Gives the column its type and its array for L->cap rows, the rows read so
 * far being missing. */
__attribute__((cold, noinline)) static void col_set_type(Loader *L, ColBuild *c, int type)
{
    c->type = type;
    c->col = value_column_new((ColType)type, 0);
    switch (type) {
    case COL_NUM: case COL_DATE:
        c->num = xrealloc(NULL, L->cap * sizeof *c->num);
        for (size_t r = 0; r < L->nrows; r++) c->num[r] = NAN;
        break;
    case COL_TEXT:
        c->codes = xrealloc(NULL, L->cap * sizeof *c->codes);
        for (size_t r = 0; r < L->nrows; r++) c->codes[r] = -1;
        break;
    case COL_BOOL:
        c->bools = xrealloc(NULL, L->cap * sizeof *c->bools);
        for (size_t r = 0; r < L->nrows; r++) c->bools[r] = -1;
        break;
    }
}

__attribute__((cold, noinline)) static void ensure_capacity(Loader *L, size_t need)
{
    if (need <= L->cap)
        return;
    size_t cap = L->cap ? L->cap + L->cap / 2 : 1024;
    if (cap < need)
        cap = need;
    L->cap = cap;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (c->num) c->num = xrealloc(c->num, cap * sizeof *c->num);
        if (c->codes) c->codes = xrealloc(c->codes, cap * sizeof *c->codes);
        if (c->bools) c->bools = xrealloc(c->bools, cap * sizeof *c->bools);
    }
}

static int guess_type(const Loader *L, const char *s, size_t len)
{
    int8_t b;
    double d;
    if (csv_parse_bool(s, len, &b)) return COL_BOOL;
    if (date_parse(s, len, &d)) return COL_DATE;
    if (csv_parse_number(s, len, L->decimal, &d)) return COL_NUM;
    return COL_TEXT;
}

__attribute__((cold, noinline)) static void note_nir(ColBuild *c, bool valid, long line, const char *s, size_t len)
{
    c->nir_shaped++;
    if (!valid)
        return;
    if (c->nir_valid++ == 0) {
        c->nir_line = line;
        csv_excerpt(s, len, c->nir_text, sizeof c->nir_text);
    }
}

/* Converts a Windows-1252 text to UTF-8 into L->conv; false on a byte
 * Windows-1252 leaves undefined. */
static bool to_utf8(Loader *L, const char *s, size_t len, size_t *out_len)
{
    if (L->conv_cap < len * 3 + 1) {
        L->conv_cap = len * 3 + 64;
        L->conv = xrealloc(L->conv, L->conv_cap);
    }
    char *in = (char *)s, *out = L->conv;
    size_t in_left = len, out_left = L->conv_cap;
    iconv(L->cd, NULL, NULL, NULL, NULL);
    if (iconv(L->cd, &in, &in_left, &out, &out_left) == (size_t)-1)
        return false;
    *out_len = L->conv_cap - out_left;
    return true;
}

/* First time a text is seen in a column: check or convert it, look for a
 * NIR, intern it.  Out of line: it runs once per distinct value. */
__attribute__((cold, noinline))
static bool intern_new_text(Loader *L, ColBuild *c, size_t field, const char *s, size_t len, uint32_t h,
                            int32_t *code)
{
    StrDict *dict = as_column(c->col)->dict;
    const char *text = s;
    size_t text_len = len;
    if (L->enc == CSV_ENC_UTF8) {
        if (csv_utf8_valid_prefix((const unsigned char *)s, len, false) != len) {
            fail_encoding(L, field, s, len);
            return false;
        }
    } else {
        if (!to_utf8(L, s, len, &text_len)) {
            fail_encoding(L, field, s, len);
            return false;
        }
        text = L->conv;
    }
    if (text_len >= 15 && text_len <= 21)
        note_nir(c, privacy_text_is_nir(text, text_len), L->line, text, text_len);
    *code = strdict_intern(dict, text, text_len);
    rawdict_add(&c->raw, s, len, h, *code);
    return true;
}

/* Interns a text value.  The raw bytes are looked up first in the column's
 * own table (a stored hash, no conversion), so a value met again costs one
 * probe. */
static inline bool intern_text(Loader *L, ColBuild *c, size_t field, const char *s, size_t len, int32_t *code)
{
    uint32_t h = field_hash(s, len);
    if ((*code = rawdict_find(&c->raw, s, len, h)) >= 0)
        return true;
    return intern_new_text(L, c, field, s, len, h, code);
}

/* A value did not fit the guessed type: read the file again with the column
 * as text, and remember why for the warning. */
__attribute__((cold, noinline)) static void demote(Loader *L, size_t field, const char *s, size_t len)
{
    if (field >= L->n_force) {
        size_t n = L->ncols > field ? L->ncols : field + 1;
        L->force = xrealloc(L->force, n * sizeof *L->force);
        L->why_line = xrealloc(L->why_line, n * sizeof *L->why_line);
        L->why_text = xrealloc(L->why_text, n * sizeof *L->why_text);
        for (size_t i = L->n_force; i < n; i++) {
            L->force[i] = false;
            L->why_line[i] = 0;
            L->why_text[i][0] = 0;
        }
        L->n_force = n;
    }
    L->force[field] = true;
    L->why_line[field] = L->line;
    csv_excerpt(s, len, L->why_text[field], sizeof L->why_text[field]);
    L->restart = true;
    L->failed = true;
}

static void store_missing(ColBuild *c, size_t r)
{
    switch (c->type) {
    case COL_NUM: case COL_DATE: c->num[r] = NAN; break;
    case COL_TEXT: c->codes[r] = -1; break;
    case COL_BOOL: c->bools[r] = -1; break;
    default: break;           /* type unknown: filled when it becomes known */
    }
}

static void store_value(Loader *L, size_t field, const char *s, size_t len)
{
    ColBuild *c = &L->cols[field];
    size_t r = L->nrows;
    if (is_missing(L, s, len)) {
        store_missing(c, r);
        return;
    }
    if (c->type == TYPE_UNKNOWN) {
        col_set_type(L, c, c->force_text ? COL_TEXT : guess_type(L, s, len));
        c->guess_line = L->line;
        csv_excerpt(s, len, c->guess_text, sizeof c->guess_text);
    }
    switch (c->type) {
    case COL_NUM: {
        double v;
        if (!csv_parse_number(s, len, L->decimal, &v)) {
            if (c->declared) fail_value(L, field, s, len, COL_NUM);
            else demote(L, field, s, len);
            return;
        }
        c->num[r] = v;
        if (v >= 1e14 && v < 3e14 && v == floor(v)) {   /* 15 digits starting 1 or 2 */
            char digits[24];
            snprintf(digits, sizeof digits, "%.0f", v);
            note_nir(c, privacy_text_is_nir(digits, strlen(digits)), L->line, s, len);
        }
        return;
    }
    case COL_DATE:
        if (!date_parse(s, len, &c->num[r])) {
            if (c->declared) fail_value(L, field, s, len, COL_DATE);
            else demote(L, field, s, len);
        }
        return;
    case COL_BOOL:
        if (!csv_parse_bool(s, len, &c->bools[r])) {
            if (c->declared) fail_value(L, field, s, len, COL_BOOL);
            else demote(L, field, s, len);
        }
        return;
    case COL_TEXT:
        intern_text(L, c, field, s, len, &c->codes[r]);
        return;
    }
}

/* ---- the header -------------------------------------------------------------- */

__attribute__((cold, noinline)) static void add_column(Loader *L, char *name)
{
    if (L->ncols == L->cap_cols) {
        L->cap_cols = L->cap_cols ? L->cap_cols * 2 : 16;
        L->cols = xrealloc(L->cols, L->cap_cols * sizeof *L->cols);
    }
    ColBuild *c = &L->cols[L->ncols++];
    memset(c, 0, sizeof *c);
    c->name = name;
    c->type = TYPE_UNKNOWN;
    size_t i = L->ncols - 1;
    c->force_text = i < L->n_force && L->force[i];
}

__attribute__((cold, noinline)) static char *header_name(Loader *L, size_t field, const char *s, size_t len)
{
    if (len == 0) {
        char buf[32];
        snprintf(buf, sizeof buf, "col%zu", field + 1);
        return strdup(buf);
    }
    if (L->enc == CSV_ENC_CP1252) {
        size_t n;
        if (!to_utf8(L, s, len, &n)) {
            fail_encoding(L, field, s, len);
            return NULL;
        }
        s = L->conv;
        len = n;
    } else if (csv_utf8_valid_prefix((const unsigned char *)s, len, false) != len) {
        fail_encoding(L, field, s, len);
        return NULL;
    }
    char *name = malloc(len + 1);
    if (!name)
        abort();
    memcpy(name, s, len);
    name[len] = 0;
    return name;
}

/* Checks the names once the header row is complete: duplicates, NIR
 * columns, declared columns that do not exist. */
static bool check_header(Loader *L)
{
    Interp *I = L->I;
    for (size_t i = 0; i < L->ncols; i++) {
        for (size_t j = 0; j < i; j++)
            if (strcmp(L->cols[i].name, L->cols[j].name) == 0) {
                rt_raise(I, here(L, i), "the column name '%s' appears twice (columns %zu and %zu)",
                         L->cols[i].name, j + 1, i + 1);
                rt_hint(I, "rename one of them in the file so that every column has its own name");
                return false;
            }
        if (privacy_name_is_nir(L->cols[i].name)) {
            rt_raise(I, here(L, i), "the column '%s' holds French social security numbers (NIR): "
                                    "impact refuses to read them", L->cols[i].name);
            rt_hint(I, "the décret n° 2019-341 strictly limits who may process the NIR, and an impact "
                       "evaluation never needs it: remove this column before exporting the file "
                       "(keep an anonymous identifier instead)");
            return false;
        }
    }
    for (size_t d = 0; d < L->opt->n_declared; d++) {
        const CsvDeclared *decl = &L->opt->declared[d];
        size_t i = 0;
        while (i < L->ncols && strcmp(L->cols[i].name, decl->name) != 0)
            i++;
        if (i == L->ncols) {
            StrBuf names;
            sb_init(&names);
            for (size_t k = 0; k < L->ncols; k++)
                sb_printf(&names, "%s%s", k ? ", " : "", L->cols[k].name);
            rt_raise(I, decl->loc, "types: the file %s has no column '%s'", L->shown, decl->name);
            rt_hint(I, "its columns are: %s", names.data ? names.data : "(none)");
            sb_free(&names);
            return false;
        }
        L->cols[i].declared = true;
        L->cols[i].type = TYPE_UNKNOWN;
        L->cols[i].force_text = false;
        /* a declared type is fixed from the start */
        col_set_type(L, &L->cols[i], decl->type);
    }
    return true;
}

/* ---- libcsv callbacks ----------------------------------------------------------- */

static void count_newlines(Loader *L, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        L->pending_lines++;
        p++;
    }
}

static void on_field(void *data, size_t len, void *ctx)
{
    Loader *L = ctx;
    if (L->failed)
        return;
    L->after_cr = false;
    const char *s = data ? data : "";
    /* only a quoted field may hold a newline, and a quoted field ends in a
     * chunk that holds its closing quote */
    if (len && L->chunk_has_quote)
        count_newlines(L, s, len);
    size_t field = L->field++;
    if (L->in_header) {
        char *name = header_name(L, field, s, len);
        if (name)
            add_column(L, name);
        return;
    }
    if (field == 0)
        ensure_capacity(L, L->nrows + 1);
    if (field >= L->ncols) {
        if (L->opt->header || L->nrows > 0) {
            if (len == 0)
                return;          /* trailing empty fields (a spreadsheet's extra ';') */
            char ex[128], hint[160];
            csv_excerpt(s, len, ex, sizeof ex);
            snprintf(hint, sizeof hint, "a value that contains the separator '%c' must be written between "
                     "double quotes; otherwise remove the extra field", L->sep);
            loader_fail(L, L->line, field, hint, "this row has more fields than the %zu columns of the header "
                        "(extra field: \"%s\")", L->ncols, ex);
            return;
        }
        char name[32];
        snprintf(name, sizeof name, "col%zu", field + 1);
        add_column(L, strdup(name));
    }
    store_value(L, field, s, len);
}

static void on_row(int c, void *ctx)
{
    Loader *L = ctx;
    if (!L->failed && L->field > 0) {
        if (L->in_header) {
            L->in_header = false;
            if (!check_header(L))
                L->failed = true;
        } else if (L->field < L->ncols) {
            char hint[160];
            snprintf(hint, sizeof hint, "each row must have one field per column, separated by '%c'; "
                     "an empty value is written as nothing between two separators", L->sep);
            loader_fail(L, L->line, L->field - 1, hint, "this row has %zu field%s but the header has %zu columns",
                        L->field, L->field == 1 ? "" : "s", L->ncols);
        } else {
            L->nrows++;
        }
    }
    L->field = 0;
    /* a line ends at LF, at CR LF (counted once), or at a lone CR (old Mac files) */
    L->line += L->pending_lines + (c == '\r' || (c == '\n' && !L->after_cr));
    L->after_cr = c == '\r';
    L->pending_lines = 0;
}

/* ---- detection ------------------------------------------------------------------ */

/* Decides the encoding from the BOM or the first chunk; returns the BOM
 * length to skip, or -1 after raising (UTF-16). */
static int detect_encoding(Loader *L, const unsigned char *s, size_t len)
{
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        if (L->enc == CSV_ENC_AUTO)
            L->enc = CSV_ENC_UTF8;
        return 3;
    }
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        rt_raise(L->I, loc_data(L->I, L->shown, 1, 1), "the file is saved in UTF-16, which impact does not read");
        rt_hint(L->I, "save it again as \"CSV UTF-8\" (or \"CSV (séparateur: point-virgule)\")");
        return -1;
    }
    if (L->enc == CSV_ENC_AUTO)
        L->enc = csv_utf8_valid_prefix(s, len, true) == len ? CSV_ENC_UTF8 : CSV_ENC_CP1252;
    return 0;
}

/* ---- the passes -------------------------------------------------------------- */

static void reset_columns(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++)
        col_free(&L->cols[i]);
    L->ncols = 0;
    L->cap = 0;
}

static void loader_start(Loader *L, bool header)
{
    L->in_header = header;
    L->field = 0;
    L->nrows = 0;
    L->line = 1;
    L->pending_lines = 0;
    L->after_cr = false;
    L->failed = L->restart = false;
}

/* Feeds bytes [from, to) of the file to the parser (to = SIZE_MAX: up to the
 * end).  The first chunk is small, to reserve the columns for the whole range
 * from its density of rows.  false when the loader failed. */
static bool feed_range(Loader *L, struct csv_parser *p, FILE *f, size_t from, size_t to, char *buf,
                       bool estimate)
{
    if (fseeko(f, (off_t)from, SEEK_SET) != 0) {
        loader_fail(L, L->line, 0, NULL, "cannot read %s: %s", L->shown, strerror(errno));
        return false;
    }
    size_t chunk = FIRST_CHUNK, total = 0, range = to - from;
    for (size_t pos = from; pos < to && !L->failed;) {
        size_t want = to - pos < chunk ? to - pos : chunk;
        size_t n = fread(buf, 1, want, f);
        if (n == 0)
            break;
        L->chunk_has_quote = memchr(buf, '"', n) != NULL;
        size_t done = csv_parse(p, buf, n, on_field, on_row, L);
        if (!L->failed && done != n) {
            char ex[64];
            csv_excerpt(buf + done, n - done < 20 ? n - done : 20, ex, sizeof ex);
            loader_fail(L, L->line + L->pending_lines, L->field,
                        "a quoted value must start and end with \" and a quote inside it is written \"\"",
                        "a double quote is misplaced near \"%s\"", ex);
        }
        pos += n;
        total += n;
        if (estimate && chunk == FIRST_CHUNK && L->nrows > 0 && to != SIZE_MAX && total < range) {
            double rows = (double)L->nrows * (double)range / (double)total;
            ensure_capacity(L, (size_t)(rows * 1.02) + 16);
        }
        chunk = CHUNK;
    }
    if (!L->failed && ferror(f))
        loader_fail(L, L->line, 0, NULL, "reading %s failed: %s", L->shown, strerror(errno));
    return !L->failed;
}

static bool finish_parser(Loader *L, struct csv_parser *p)
{
    if (!L->failed && csv_fini(p, on_field, on_row, L) != 0 && !L->failed)
        loader_fail(L, L->line, L->field, "a quoted value must end with \"; look for a missing quote on this line",
                    "a quoted value is not closed before the end of the file");
    csv_free(p);
    return !L->failed;
}

static void parser_init(Loader *L, struct csv_parser *p)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
        abort();
    csv_set_delim(p, (unsigned char)L->sep);
}

/* One reading of the whole file, in one thread.  Returns false on error or
 * when a restart is needed (L->restart). */
static bool read_pass(Loader *L, FILE *f, size_t skip, size_t file_size, char *buf)
{
    struct csv_parser p;
    parser_init(L, &p);
    loader_start(L, L->opt->header);
    feed_range(L, &p, f, skip, file_size, buf, true);
    return finish_parser(L, &p);
}

/* ---- reading in two threads ------------------------------------------------------ */

/* Below this size one thread reads fast enough. */
#define PARALLEL_MIN ((size_t)8 << 20)

typedef struct Half {
    Loader *L;
    const char *path;
    size_t from, to;
} Half;

static void *read_second_half(void *arg)
{
    Half *h = arg;
    Loader *B = h->L;
    char *buf = xrealloc(NULL, CHUNK);
    FILE *f = fopen(h->path, "rb");
    if (!f) {
        loader_fail(B, 1, 0, NULL, "cannot open %s a second time: %s", B->shown, strerror(errno));
    } else {
        struct csv_parser p;
        parser_init(B, &p);
        feed_range(B, &p, f, h->from, h->to, buf, true);
        finish_parser(B, &p);
        fclose(f);
    }
    free(buf);
    return NULL;
}

/* B: a loader for the second half, with the columns the header of L made. */
static void clone_header(Loader *B, const Loader *L)
{
    *B = (Loader){.I = L->I, .opt = L->opt, .shown = L->shown, .sep = L->sep, .decimal = L->decimal,
                  .enc = L->enc, .cd = (iconv_t)-1, .deferred = true};
    if (B->enc == CSV_ENC_CP1252 && (B->cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1)
        loader_fail(B, 1, 0, NULL, "this system cannot convert Windows-1252 text (iconv)");
    if (L->n_force) {
        B->n_force = L->n_force;
        B->force = xrealloc(NULL, L->n_force * sizeof *B->force);
        B->why_line = xrealloc(NULL, L->n_force * sizeof *B->why_line);
        B->why_text = xrealloc(NULL, L->n_force * sizeof *B->why_text);
        memcpy(B->force, L->force, L->n_force * sizeof *B->force);
        memcpy(B->why_line, L->why_line, L->n_force * sizeof *B->why_line);
        memcpy(B->why_text, L->why_text, L->n_force * sizeof *B->why_text);
    }
    for (size_t i = 0; i < L->ncols; i++) {
        add_column(B, strdup(L->cols[i].name));
        if (L->cols[i].declared) {
            B->cols[i].declared = true;
            col_set_type(B, &B->cols[i], L->cols[i].type);
        }
    }
    bool failed = B->failed;
    loader_start(B, false);
    B->failed = failed;
}

static void loader_free(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++)
        col_free(&L->cols[i]);
    free(L->cols);
    free(L->conv);
    free(L->force);
    free(L->why_line);
    free(L->why_text);
    free(L->err_msg);
    free(L->err_hint);
    if (L->cd != (iconv_t)-1)
        iconv_close(L->cd);
}

static void mark_forced(Loader *L, size_t i, long line, const char *text)
{
    if (i < L->n_force && L->force[i])
        return;
    /* reuse demote()'s bookkeeping, then restore the state it changes */
    long saved = L->line;
    L->line = line;
    demote(L, i, text, strlen(text));
    L->line = saved;
}

/* Columns whose halves disagree on the type (or that B had to make text)
 * are read again as text: returns false with L->restart set. */
static bool reconcile_types(Loader *L, const Loader *B, long offset)
{
    bool conflict = false;
    for (size_t i = 0; i < B->n_force && i < L->ncols; i++)
        if (B->force[i] && !(i < L->n_force && L->force[i])) {
            mark_forced(L, i, B->why_line[i] + offset, B->why_text[i]);
            conflict = true;
        }
    for (size_t i = 0; i < L->ncols; i++) {
        const ColBuild *a = &L->cols[i], *b = &B->cols[i];
        if (a->type != TYPE_UNKNOWN && b->type != TYPE_UNKNOWN && a->type != b->type) {
            mark_forced(L, i, b->guess_line + offset, b->guess_text);
            conflict = true;
        }
    }
    if (conflict) {
        L->restart = true;
        L->failed = true;
    }
    return !conflict;
}

/* Appends B's rows to L's columns, freeing B's arrays as it goes so that
 * the memory peak stays near the size of the table. */
static void append_half(Loader *L, Loader *B, long offset)
{
    size_t n = L->nrows, m = B->nrows, total = n + m;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *a = &L->cols[i], *b = &B->cols[i];
        if (a->type == TYPE_UNKNOWN && b->type == TYPE_UNKNOWN)
            continue;
        if (a->type == TYPE_UNKNOWN)
            col_set_type(L, a, b->type);
        switch (a->type) {
        case COL_NUM: case COL_DATE:
            a->num = xrealloc(a->num, total * sizeof *a->num);
            for (size_t r = 0; r < m; r++) a->num[n + r] = b->num ? b->num[r] : NAN;
            break;
        case COL_BOOL:
            a->bools = xrealloc(a->bools, total * sizeof *a->bools);
            for (size_t r = 0; r < m; r++) a->bools[n + r] = b->bools ? b->bools[r] : -1;
            break;
        case COL_TEXT: {
            a->codes = xrealloc(a->codes, total * sizeof *a->codes);
            StrDict *from = b->codes ? as_column(b->col)->dict : NULL;
            StrDict *into = as_column(a->col)->dict;
            int32_t *map = xrealloc(NULL, (from && from->n ? from->n : 1) * sizeof *map);
            for (size_t k = 0; from && k < from->n; k++)
                map[k] = strdict_intern(into, from->strs[k], from->lens[k]);
            for (size_t r = 0; r < m; r++)
                a->codes[n + r] = b->codes && b->codes[r] >= 0 ? map[b->codes[r]] : -1;
            free(map);
            break;
        }
        }
        a->nir_shaped += b->nir_shaped;
        if (a->nir_valid == 0 && b->nir_valid > 0) {
            a->nir_line = b->nir_line + offset;
            memcpy(a->nir_text, b->nir_text, sizeof a->nir_text);
        }
        a->nir_valid += b->nir_valid;
        free(b->num); free(b->codes); free(b->bools);
        b->num = NULL; b->codes = NULL; b->bools = NULL;
    }
    L->nrows = L->cap = total;
    for (size_t i = 0; i < L->ncols; i++) {   /* every array now holds exactly `total` rows */
        ColBuild *a = &L->cols[i];
        if (a->type == TYPE_UNKNOWN) continue;
        if (a->num) a->num = xrealloc(a->num, total * sizeof *a->num);
        if (a->codes) a->codes = xrealloc(a->codes, total * sizeof *a->codes);
        if (a->bools) a->bools = xrealloc(a->bools, total * sizeof *a->bools);
    }
}

/* Where the second half starts: just after the first line end past the
 * middle; 0 if there is none. */
static size_t split_point(FILE *f, size_t skip, size_t size, char *buf)
{
    size_t mid = skip + (size - skip) / 2;
    if (fseeko(f, (off_t)mid, SEEK_SET) != 0)
        return 0;
    size_t n = fread(buf, 1, FIRST_CHUNK, f);
    const char *nl = memchr(buf, '\n', n);
    return nl && mid + (size_t)(nl - buf) + 1 < size ? mid + (size_t)(nl - buf) + 1 : 0;
}

/* Reads the file in two threads: the first half here, the second in a
 * thread, each with its own libcsv parser, then appends the second to the
 * first.  The split is a guess — a line end that might lie inside a quoted
 * value — so it is checked: the first half's parser must end outside any
 * field; otherwise the second half's work is thrown away and the first
 * parser simply goes on to the end. */
static bool read_parallel(Loader *L, FILE *f, const char *path, size_t skip, size_t size, char *buf)
{
    size_t split = split_point(f, skip, size, buf);
    if (split <= skip + FIRST_CHUNK)
        return read_pass(L, f, skip, size, buf);
    struct csv_parser p;
    parser_init(L, &p);
    loader_start(L, L->opt->header);
    feed_range(L, &p, f, skip, skip + FIRST_CHUNK, buf, false);
    if (L->failed || L->in_header) {       /* an error, or a header longer than 64 KB */
        feed_range(L, &p, f, skip + FIRST_CHUNK, size, buf, false);
        return finish_parser(L, &p);
    }
    ensure_capacity(L, (size_t)((double)L->nrows * (double)(split - skip) / FIRST_CHUNK * 1.02) + 16);
    Loader B;
    clone_header(&B, L);
    Half half = {&B, path, split, size};
    pthread_t thread;
    bool threaded = !B.failed && pthread_create(&thread, NULL, read_second_half, &half) == 0;
    feed_range(L, &p, f, skip + FIRST_CHUNK, split, buf, false);
    if (threaded)
        pthread_join(thread, NULL);
    bool boundary = p.pstate == 0 && p.entry_pos == 0;   /* libcsv's ROW_NOT_BEGUN */
    bool ok;
    if (L->failed) {
        csv_free(&p);
        ok = false;
    } else if (!threaded || !boundary) {
        /* the split fell inside a quoted value: go on alone */
        feed_range(L, &p, f, split, size, buf, false);
        ok = finish_parser(L, &p);
    } else {
        ok = finish_parser(L, &p);
        long offset = L->line - 1;            /* B's line 1 is the line at the split */
        if (ok && B.err_msg) {
            rt_raise(L->I, loc_data(L->I, L->shown, (int)(B.err_line + offset), (int)B.err_field + 1),
                     "%s", B.err_msg);
            if (B.err_hint)
                rt_hint(L->I, "%s", B.err_hint);
            L->failed = true;
            ok = false;
        } else if (ok && (ok = reconcile_types(L, &B, offset))) {
            append_half(L, &B, offset);
        }
    }
    loader_free(&B);
    return ok;
}

/* ---- building the table ---------------------------------------------------------- */

static bool refuse_nir_content(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (c->nir_valid == 0 || c->nir_valid * 10 < c->nir_shaped * 9)
            continue;
        rt_raise(L->I, loc_data(L->I, L->shown, (int)c->nir_line, (int)i + 1),
                 "the column '%s' holds French social security numbers (NIR), such as \"%s\": "
                 "impact refuses to read them", c->name, c->nir_text);
        rt_hint(L->I, "a NIR is 13 digits starting with 1 or 2 followed by a 2-digit key "
                      "(97 minus the number modulo 97); the décret n° 2019-341 strictly limits its use "
                      "and an impact evaluation never needs it: remove this column before exporting "
                      "the file (keep an anonymous identifier instead)");
        return false;
    }
    return true;
}

static void warn_demoted(Loader *L)
{
    for (size_t i = 0; i < L->ncols && i < L->n_force; i++)
        if (L->force[i])
            rt_warn(L->I, loc_data(L->I, L->shown, (int)L->why_line[i], (int)i + 1),
                    "column '%s' is read as text because \"%s\" is not a number, a date or a boolean "
                    "like the values above it; declare its type (types: {%s: \"number\"}) to have each "
                    "such value reported, or correct it in the file",
                    L->cols[i].name, L->why_text[i], L->cols[i].name);
}

/* Hands each column's array to its ColumnObj, trimmed to the row count. */
static Value build_table(Loader *L, const char *path)
{
    Value table = value_table_new(L->ncols);
    size_t n = L->nrows;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (c->type == TYPE_UNKNOWN) {
            col_set_type(L, c, COL_TEXT);       /* only missing values: an empty text column */
            for (size_t r = 0; r < n; r++)
                c->codes[r] = -1;
        }
        ColumnObj *col = as_column(c->col);
        col->n = n;
        switch (c->type) {
        case COL_NUM: case COL_DATE:
            free(col->num);
            col->num = xrealloc(c->num, n * sizeof *c->num);
            c->num = NULL;
            break;
        case COL_TEXT:
            free(col->codes);
            col->codes = xrealloc(c->codes, n * sizeof *c->codes);
            c->codes = NULL;
            break;
        case COL_BOOL:
            free(col->bools);
            col->bools = xrealloc(c->bools, n * sizeof *c->bools);
            c->bools = NULL;
            break;
        }
        table_add_column(table, c->name, c->col);
        c->col = value_nil();
    }
    TableObj *t = as_table(table);
    t->nrows = n;
    t->source = strdup(path);
    t->min_cell = L->opt->min_cell;
    return table;
}

static FILE *open_data(Interp *I, const char *path, const char *shown, const CsvOptions *opt, size_t *size)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        int err = f ? EISDIR : errno;
        if (f) fclose(f);
        rt_raise(I, opt->call, "cannot read the data file '%s' (tried %s): %s", shown, path, strerror(err));
        rt_hint(I, "check the file name; a relative path is read from the folder of the model file");
        return NULL;
    }
    *size = (size_t)st.st_size;
    return f;
}

bool csv_read(Interp *I, const char *path, const char *shown, const CsvOptions *opt, Value *out)
{
    const char *full_path = path;
    size_t size;
    FILE *f = open_data(I, path, shown, opt, &size);
    if (!f)
        return false;
    Loader L = {.I = I, .opt = opt, .shown = shown, .enc = opt->encoding, .cd = (iconv_t)-1};
    csv_values_init();
    char *buf = xrealloc(NULL, CHUNK);
    size_t n = fread(buf, 1, FIRST_CHUNK, f);
    bool ok = false;
    int skip = detect_encoding(&L, (unsigned char *)buf, n);
    if (skip < 0)
        goto done;
    if (n == (size_t)skip) {
        rt_raise(I, opt->call, "the data file '%s' is empty", shown);
        rt_hint(I, "export the data again, with a header line naming the columns");
        goto done;
    }
    L.sep = opt->sep ? opt->sep : csv_detect_separator((unsigned char *)buf + skip, n - (size_t)skip);
    L.decimal = opt->decimal ? opt->decimal : (L.sep == ';' ? ',' : '.');
    if (L.decimal == L.sep) {
        rt_raise(I, opt->call, "the separator and the decimal mark are both '%c'", L.sep);
        rt_hint(I, "French files use sep: \";\" with decimal: \",\"; others sep: \",\" with decimal: \".\"");
        goto done;
    }
    if (L.enc == CSV_ENC_CP1252 && (L.cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1) {
        rt_raise(I, opt->call, "this system cannot convert Windows-1252 text (iconv)");
        goto done;
    }
    /* A guess that a later value contradicts makes the column text and the
     * file is read again; each reading fixes at least one more column, so
     * this ends. */
    bool parallel = size >= PARALLEL_MIN && interp_settings(I)->threads >= 2;
    for (;;) {
        reset_columns(&L);
        if (parallel ? read_parallel(&L, f, full_path, (size_t)skip, size, buf)
                     : read_pass(&L, f, (size_t)skip, size, buf))
            break;
        if (!L.restart)
            goto done;
    }
    if (L.ncols == 0) {
        rt_raise(I, opt->call, "the data file '%s' holds only blank lines", shown);
        rt_hint(I, "export the data again, with a header line naming the columns");
        goto done;
    }
    if (!refuse_nir_content(&L))
        goto done;
    warn_demoted(&L);
    *out = build_table(&L, path);
    ok = true;
done:
    free(buf);
    fclose(f);
    if (L.cd != (iconv_t)-1)
        iconv_close(L.cd);
    reset_columns(&L);
    free(L.cols);
    free(L.conv);
    free(L.force);
    free(L.why_line);
    free(L.why_text);
    return ok;
}
