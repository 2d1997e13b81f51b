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
 *   - each column has a store mode once its type is known: on_field()
 *     stores a plain number (csv_parse_number_plain: digits with an
 *     optional decimal part, exact as mantissa / 10^k) or a text itself,
 *     and sends every other case to store_value() (thousands separators,
 *     "1 234,50 €", which makes the column money in EUR, strtod_l in the C
 *     locale); the default missing-value words are compared only with
 *     what does not read as a number;
 *   - text is interned in the column's dictionary (StrDict); each distinct
 *     raw text is checked (UTF-8) or converted (Windows-1252, iconv) once,
 *     a raw-bytes table keyed by the first 8 bytes and a hash remembering
 *     its code (or that it is a missing-value word);
 *   - the row count is estimated from the first 64 KB, so the column arrays
 *     are allocated about once, then trimmed to size;
 *   - a big file is read in two halves by two threads (read_parallel), the
 *     second writing into the far end of the first's arrays, so that joining
 *     them moves rows in place (measured on the 1,000,000-row bench file:
 *     the join went from about 30 ms to under 10).
 * Row numbers in messages are physical lines: libcsv is run with
 * CSV_REPALL_NL so every line end is reported, and newlines inside quoted
 * fields are counted; where each data row starts is kept (RowShift) for
 * csv_row_line().
 */
#include "stdlib/data/csv_read.h"
#include "stdlib/data/csv_values.h"

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
#include <sys/mman.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include "stdlib/core/dates.h"
#include "stdlib/privacy/privacy.h"
#include "stdlib/data/table.h"

#define FIRST_CHUNK  (64 * 1024)
#define CHUNK        (1024 * 1024)
#define TYPE_UNKNOWN (-1)

/* How on_field() stores a column's values: numbers and texts inline, every
 * other case (type unknown, dates, booleans, a missing: list to check
 * first) through store_value(). */
enum { MODE_GENERAL, MODE_NUM, MODE_TEXT };

/* ---- raw-bytes dictionary (field bytes -> code in the column dict) ------- */

typedef struct RawEntry {
    uint32_t hash;
    int32_t code;
    uint64_t head; /* the first 8 bytes: most fields are compared without memcmp */
    size_t off, len;
} RawEntry;

typedef struct RawDict {
    uint32_t *slots; /* entry index + 1, 0 = empty */
    size_t n_slots;
    RawEntry *entries;
    size_t n, cap;
    char *bytes;
    size_t used, bytes_cap;
} RawDict;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) { rt_out_of_memory(); }
    return q;
}

/* The first (up to) 8 bytes of a field as a number, and its hash.  Most
 * fields (a status, a code, a town) fit in the head, and are then compared
 * without memcmp.  The bytes are read one at a time: libcsv has just written
 * them one at a time, and a wider load of bytes still in the store buffer
 * would wait for them (a store-forwarding stall costs more than the loop). */
static inline uint64_t field_head(const char *s, size_t len, uint32_t *hash)
{
    uint64_t w = 0;
    size_t n = len < 8 ? len : 8;
    for (size_t i = 0; i < n; i++) w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    uint64_t h = (w ^ ((uint64_t)len * 0x9E3779B97F4A7C15u)) * 0xFF51AFD7ED558CCDu;
    for (size_t i = 8; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3u; /* FNV-1a step for the rare long field */
    h ^= h >> 32;
    *hash = (uint32_t)(h ^ (h >> 17));
    return w;
}

/* The code of a raw text already met in the column, RAW_ABSENT if none
 * (RAW_MISSING: a text read as missing, e.g. "NA"). */
#define ENTRY_BLOCK (64 * 1024) /* libcsv's entry buffer grows by this much */
#define RAW_ABSENT  (-2)
#define RAW_MISSING (-1)

static inline int32_t rawdict_find(const RawDict *d, const char *s, size_t len, uint64_t head,
                                   uint32_t h)
{
    size_t mask = d->n_slots - 1; /* n_slots is never 0 once the column is text */
    for (size_t k = h & mask; d->slots[k]; k = (k + 1) & mask) {
        const RawEntry *e = &d->entries[d->slots[k] - 1];
        if (e->hash == h && e->head == head && e->len == len &&
            (len <= 8 || memcmp(d->bytes + e->off + 8, s + 8, len - 8) == 0))
            return e->code;
    }
    return RAW_ABSENT;
}

static void rawdict_rehash(RawDict *d)
{
    size_t n_slots = d->n_slots ? d->n_slots * 2 : 64;
    free(d->slots);
    d->slots = calloc(n_slots, sizeof *d->slots);
    if (!d->slots) rt_out_of_memory();
    d->n_slots = n_slots;
    for (size_t i = 0; i < d->n; i++) {
        size_t k = d->entries[i].hash & (n_slots - 1);
        while (d->slots[k]) k = (k + 1) & (n_slots - 1);
        d->slots[k] = (uint32_t)(i + 1);
    }
}

static void rawdict_add(RawDict *d, const char *s, size_t len, uint64_t head, uint32_t h,
                        int32_t code)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 64;
        d->entries = xrealloc(d->entries, d->cap * sizeof *d->entries);
    }
    if (d->used + len > d->bytes_cap) {
        d->bytes_cap = (d->used + len) * 2 + 256;
        d->bytes = xrealloc(d->bytes, d->bytes_cap);
    }
    if (len > 0) /* an empty value may come with a NULL pointer */
        memcpy(d->bytes + d->used, s, len);
    d->entries[d->n] = (RawEntry){ h, code, head, d->used, len };
    d->used += len;
    d->n++;
    if (d->n * 2 > d->n_slots)
        rawdict_rehash(d);
    else {
        size_t k = h & (d->n_slots - 1);
        while (d->slots[k]) k = (k + 1) & (d->n_slots - 1);
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
    /* what on_field() reads for every value first, within one cache line */
    int mode; /* how on_field() stores a value: MODE_* */
    int type; /* ColType, or TYPE_UNKNOWN while only missing values came */
    double *num;
    int32_t *codes;
    int8_t *bools;
    RawDict raw;
    char *name; /* UTF-8 */
    bool declared;
    bool force_text; /* read as text after a value did not fit the guess */
    Value col;       /* the ColumnObj, created when the type is known */
    /* NIR evidence: values shaped like a NIR, valid ones, line of the first */
    size_t nir_shaped, nir_valid;
    long nir_line;
    char nir_text[32];
    /* Reading in two threads (read_parallel): the first half's array is the
     * start of one block sized for both halves, the second half writes into
     * the rest of it, so joining them moves rows inside the block instead of
     * copying them to fresh pages. */
    void *block;    /* first half: the block, if any (the array itself unless it moved out) */
    bool borrowed;  /* second half: the array lies in the first half's block */
    size_t copy_of; /* 1 + the column whose title this one repeats, 0 if none */
    /* the value the type was guessed from (to explain a later change) */
    long guess_line;
    char guess_text[48];
    char decimal;   /* a number column's own decimal mark (',' for quoted "21,5"), 0 = the file's */
    bool unnamed;   /* the header left its title empty (a trailing separator) */
    long time_line; /* first date value with a time of day (dropped), 0 if none */
    char time_text[48];
    bool money; /* a value carried € or EUR ("1 234,50 €"): the column is in EUR */
} ColBuild;

/* Where data rows start: from row `row` on, row r starts on line r + shift
 * (until the next change).  Blank lines and line breaks inside quoted
 * values move it; a plain file has one change, at row 0. */
typedef struct RowShift {
    size_t row;
    long shift;
} RowShift;

typedef struct Loader {
    Interp *I;
    const CsvOptions *opt;
    const char *shown; /* file name in messages */
    char sep, decimal;
    CsvEncoding enc;
    ColBuild *cols;
    size_t ncols, cap_cols;
    bool failed;         /* an error was raised: ignore further callbacks */
    bool in_header;      /* the next row holds the column names */
    bool custom_missing; /* missing: was given (else the default tokens) */
    size_t field;        /* index of the field being read in the row */
    size_t nrows, cap;
    long line;         /* physical line where the current row starts */
    long header_line;  /* physical line of the header row */
    size_t block_rows; /* rows of the first half in each shared block (share_blocks) */
    size_t block_cap;  /* rows each shared block holds in all */
    RowShift *shifts;  /* the line of each data row (RowShift) */
    size_t n_shifts, cap_shifts;
    long pending_lines;   /* newlines inside quoted fields of this row */
    bool chunk_has_quote; /* no quote in the chunk: no field in it holds a newline */
    bool after_cr;        /* the last row ended at a CR: an LF right after it ends no new line */
    /* The second half of a file read in parallel may not touch the
     * interpreter: its first error is kept here, raised after the join. */
    bool deferred;
    char *err_msg, *err_hint;
    long err_line;
    size_t err_field;
    bool restart; /* a column must be read again as text */
    iconv_t cd;   /* Windows-1252 -> UTF-8, or (iconv_t)-1 */
    char *conv;
    size_t conv_cap;
    /* columns (by position) to read as text, kept across readings, with the
     * value that made each one text, for the warning */
    bool *force;
    long *why_line;
    char (*why_text)[48];
    int *why_type; /* the type the column had before (WHY_ZERO_CODE: a leading zero) */
    size_t n_force;
    /* columns (by position) read with a decimal comma although the file's
     * separator is ',' (their numbers are quoted: "21,5"), kept across readings */
    char *decimal_of;
    size_t n_decimal;
    const char *path;   /* the file, opened again to explain an encoding error */
    long first_line;    /* physical line of the first line read: 2 after Excel's "sep=;" */
    bool row_has_value; /* a field of the current row is not empty */
    size_t n_blank;     /* rows made only of separators (";;;;" under Excel's data), skipped */
    long first_blank;   /* physical line of the first of them */
} Loader;

#define WHY_ZERO_CODE 100

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
    if (hint) rt_hint(L->I, "%s", hint);
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
    if (len == 0) return true;
    if (L->opt->missing) {
        for (size_t i = 0; i < L->opt->n_missing; i++)
            if (strlen(L->opt->missing[i]) == len && memcmp(L->opt->missing[i], s, len) == 0)
                return true;
        return false;
    }
    /* the defaults all start with N, n or #: one test rejects nearly every value */
    if (len > 4 || (s[0] != 'N' && s[0] != 'n' && s[0] != '#')) return false;
    static const struct {
        const char *text;
        size_t len;
    } tokens[] = {
        { "NA", 2 }, { "N/A", 3 }, { "n/a", 3 }, { "#N/A", 4 }, { "NULL", 4 }, { "null", 4 },
    };
    for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++)
        if (tokens[i].len == len && memcmp(tokens[i].text, s, len) == 0) return true;
    return false;
}

/* ---- errors ------------------------------------------------------------------ */

__attribute__((cold, noinline)) static void fail_value(Loader *L, size_t field, const char *s,
                                                       size_t len, int type)
{
    char ex[128], hint[512];
    csv_excerpt(s, len, ex, sizeof ex);
    if (type == COL_NUM)
        snprintf(hint, sizeof hint,
                 "the column is declared as a number; write it with digits%s, "
                 "leave the cell empty if the value is unknown, or declare the column as \"text\"",
                 L->decimal == ',' ? " and a decimal comma (12,5)" : " and a decimal point (12.5)");
    else if (type == COL_DATE)
        snprintf(hint, sizeof hint,
                 "write dates as 2024-03-01 or 01/03/2024, leave the cell empty if unknown, "
                 "or declare the column as \"text\"");
    else
        snprintf(hint, sizeof hint,
                 "write true/false (or vrai/faux, oui/non), or declare the column as \"text\"");
    loader_fail(L, L->line, field, hint, "cannot read \"%s\" as a %s in column '%s'", ex,
                type_word(type), L->cols[field].name);
}

/* Lines of a file whose accents are valid UTF-8, and lines holding a byte
 * that is not (the first few listed). */
typedef struct LineCensus {
    size_t utf8_lines, bad_lines;
    long bad[4];
} LineCensus;

static bool census_lines(const char *path, LineCensus *lc)
{
    FILE *f = path ? fopen(path, "rb") : NULL;
    if (!f) return false;
    memset(lc, 0, sizeof *lc);
    char *line = NULL;
    size_t cap = 0, multi, bad;
    ssize_t n;
    for (long no = 1; (n = getline(&line, &cap, f)) > 0; no++) {
        csv_utf8_census((const unsigned char *)line, (size_t)n, &multi, &bad);
        if (bad && lc->bad_lines < 4) lc->bad[lc->bad_lines] = no;
        lc->bad_lines += bad > 0;
        lc->utf8_lines += !bad && multi;
    }
    free(line);
    fclose(f);
    return true;
}

/* A byte that is not UTF-8 in a file whose other accents are: the file mixes
 * encodings (a row added in Excel to a UTF-8 export).  Adding encoding:
 * "cp1252" would garble every UTF-8 line, so the message says which lines
 * to correct instead.  false when the file holds no UTF-8 accent (then it
 * is all Windows-1252, and the usual hint is the right one). */
static bool fail_mixed_encoding(Loader *L, size_t field, const char *ex)
{
    LineCensus lc;
    if (!census_lines(L->path, &lc) || lc.utf8_lines == 0) return false;
    char lines[96], hint[640];
    size_t k = 0, listed = lc.bad_lines < 4 ? lc.bad_lines : 4;
    for (size_t i = 0; i < listed; i++)
        k += (size_t)snprintf(lines + k, sizeof lines - k, "%s%ld",
                              i == 0                                     ? ""
                                  : i + 1 == listed && lc.bad_lines <= 4 ? " and "
                                                                         : ", ",
                              lc.bad[i]);
    if (lc.bad_lines > 4) snprintf(lines + k, sizeof lines - k, " and %zu more", lc.bad_lines - 4);
    bool one = lc.bad_lines == 1;
    snprintf(
        hint, sizeof hint,
        "line%s %s %s probably typed or pasted in a Windows-1252 program (Excel's \"CSV "
        "(séparateur: "
        "point-virgule)\"): correct %s accented letters and save the file again as \"CSV UTF-8\"; "
        "do not add encoding: \"cp1252\", which would garble the accents of the %zu UTF-8 line%s",
        one ? "" : "s", lines, one ? "was" : "were", one ? "its" : "their", lc.utf8_lines,
        lc.utf8_lines == 1 ? "" : "s");
    loader_fail(
        L, L->line, field, hint,
        "\"%s\" is not valid UTF-8 text: the file mixes encodings, %zu line%s with accents %s "
        "valid UTF-8 but %zu line%s (%s) %s not",
        ex, lc.utf8_lines, lc.utf8_lines == 1 ? "" : "s", lc.utf8_lines == 1 ? "is" : "are",
        lc.bad_lines, lc.bad_lines == 1 ? "" : "s", lines, lc.bad_lines == 1 ? "is" : "are");
    return true;
}

__attribute__((cold, noinline)) static void fail_encoding(Loader *L, size_t field, const char *s,
                                                          size_t len)
{
    char ex[128];
    csv_excerpt(s, len, ex, sizeof ex);
    if (L->enc == CSV_ENC_CP1252)
        loader_fail(
            L, L->line, field,
            "the file is read as Windows-1252; if it was saved as UTF-8, add encoding: \"utf-8\"",
            "\"%s\" holds a byte that is not a Windows-1252 character", ex);
    else if (!fail_mixed_encoding(L, field, ex))
        loader_fail(L, L->line, field,
                    "the file seems to be saved in Windows-1252 (Excel's \"CSV (séparateur: "
                    "point-virgule)\"): "
                    "add encoding: \"cp1252\" to csv(), or save it again as \"CSV UTF-8\"",
                    "\"%s\" is not valid UTF-8 text", ex);
}

/* ---- columns ----------------------------------------------------------------- */

/* The column's array (num, codes or bools, whichever its type uses). */
static void *col_data(const ColBuild *c)
{
    return c->num ? (void *)c->num : c->codes ? (void *)c->codes : (void *)c->bools;
}

static void col_set_data(ColBuild *c, void *data)
{
    if (c->num)
        c->num = data;
    else if (c->codes)
        c->codes = data;
    else
        c->bools = data;
}

static size_t elem_size(int type)
{
    return type == COL_TEXT ? sizeof(int32_t) : type == COL_BOOL ? sizeof(int8_t) : sizeof(double);
}

static void col_free(ColBuild *c)
{
    free(c->name);
    value_release(c->col);
    if (c->block && c->block != col_data(c)) free(c->block);
    if (!c->borrowed) {
        free(c->num);
        free(c->codes);
        free(c->bools);
    }
    rawdict_free(&c->raw);
    memset(c, 0, sizeof *c);
}

/* Gives the column its type and its array for L->cap rows, the rows read so
 * far being missing. */
__attribute__((cold, noinline)) static void col_set_type(Loader *L, ColBuild *c, int type)
{
    c->type = type;
    c->mode = type == COL_TEXT                                 ? MODE_TEXT
        : type == COL_NUM && !L->custom_missing && !c->decimal ? MODE_NUM
                                                               : MODE_GENERAL;
    c->col = value_column_new((ColType)type, 0);
    switch (type) {
    case COL_NUM:
    case COL_DATE:
        c->num = xrealloc(NULL, L->cap * sizeof *c->num);
        for (size_t r = 0; r < L->nrows; r++) c->num[r] = NAN;
        break;
    case COL_TEXT:
        c->codes = xrealloc(NULL, L->cap * sizeof *c->codes);
        for (size_t r = 0; r < L->nrows; r++) c->codes[r] = -1;
        if (!c->raw.n_slots) rawdict_rehash(&c->raw); /* rawdict_find needs its slots */
        break;
    case COL_BOOL:
        c->bools = xrealloc(NULL, L->cap * sizeof *c->bools);
        for (size_t r = 0; r < L->nrows; r++) c->bools[r] = -1;
        break;
    }
}

__attribute__((cold, noinline)) static void ensure_capacity(Loader *L, size_t need)
{
    if (need <= L->cap) return;
    size_t cap = L->cap ? L->cap + L->cap / 2 : 1024;
    if (cap < need) cap = need;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        void *data = col_data(c);
        if (!data) continue;
        size_t size = elem_size(c->type);
        if (c->borrowed || (c->block && data == c->block)) {
            /* the estimate for this half was short: its rows (the current
             * one included) move to an array of their own, the block keeps
             * the other half's */
            void *own = xrealloc(NULL, cap * size);
            memcpy(own, data, (L->nrows + 1 < L->cap ? L->nrows + 1 : L->cap) * size);
            col_set_data(c, own);
            c->borrowed = false;
        } else {
            col_set_data(c, xrealloc(data, cap * size));
        }
    }
    L->cap = cap;
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

__attribute__((cold, noinline)) static void note_nir(ColBuild *c, bool valid, long line,
                                                     const char *s, size_t len)
{
    c->nir_shaped++;
    if (!valid) return;
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
    if (iconv(L->cd, &in, &in_left, &out, &out_left) == (size_t)-1) return false;
    *out_len = L->conv_cap - out_left;
    return true;
}

/* The NFC form of a valid UTF-8 text, when it differs (malloc'd, *len
 * updated), else NULL.  A file written on macOS, or merged from several
 * tools, may hold "é" as "e" + U+0301 (NFD): composed, it matches the "é"
 * typed in a model and groups with the other "é".  ASCII text, the common
 * case, is returned at once; a Windows-1252 file has nothing to compose. */
static char *to_nfc(const char *s, size_t *len)
{
    /* U+0080-U+02FF (accented Latin letters) and U+2010-U+20BF (’, –, €)
     * are composed already and compose with nothing before them: a text of
     * only these and ASCII is NFC, which spares the library call for nearly
     * every French text.  Anything else (a combining accent U+0300...) goes
     * through utf8proc. */
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < *len) {
        if (u[i] < 0x80)
            i++;
        else if (u[i] >= 0xC2 && u[i] <= 0xCB)
            i += 2;
        else if (u[i] == 0xE2 && i + 2 < *len &&
                 ((u[i + 1] == 0x80 && u[i + 2] >= 0x90) || u[i + 1] == 0x81 || u[i + 1] == 0x82))
            i += 3;
        else
            break;
    }
    if (i >= *len) return NULL;
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)*len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0 || ((size_t)n == *len && memcmp(out, s, *len) == 0)) {
        free(out);
        return NULL;
    }
    *len = (size_t)n;
    return (char *)out;
}

/* First time a raw text is seen in a column: a missing-value token, or a
 * text to check (UTF-8) or convert (Windows-1252), look at for a NIR and
 * intern.  Either way the raw table remembers it, so the same bytes later
 * cost one probe.  Out of line: it runs once per distinct value. */
__attribute__((cold, noinline)) static bool intern_new_text(Loader *L, ColBuild *c, size_t field,
                                                            const char *s, size_t len,
                                                            uint64_t head, uint32_t h,
                                                            int32_t *code)
{
    if (is_missing(L, s, len)) {
        *code = RAW_MISSING;
        rawdict_add(&c->raw, s, len, head, h, RAW_MISSING);
        return true;
    }
    StrDict *dict = as_column(c->col)->dict;
    const char *text = s;
    size_t text_len = len;
    char *composed = NULL;
    if (L->enc == CSV_ENC_UTF8) {
        if (csv_utf8_valid_prefix((const unsigned char *)s, len, false) != len) {
            fail_encoding(L, field, s, len);
            return false;
        }
        if ((composed = to_nfc(s, &text_len)) != NULL) text = composed;
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
    rawdict_add(&c->raw, s, len, head, h, *code);
    free(composed);
    return true;
}

/* Interns a text value (missing: -1).  The raw bytes are looked up first in
 * the column's own table (a stored hash, no conversion), so a value met
 * again costs one probe. */
static inline void intern_text(Loader *L, ColBuild *c, size_t field, const char *s, size_t len,
                               int32_t *code)
{
    uint32_t h;
    uint64_t head = field_head(s, len, &h);
    if ((*code = rawdict_find(&c->raw, s, len, head, h)) == RAW_ABSENT)
        intern_new_text(L, c, field, s, len, head, h, code);
}

/* Remembers that the column is text from now on, and why (the value, its
 * line, `why`: the type the column had, or WHY_ZERO_CODE), for the warning. */
__attribute__((cold, noinline)) static void note_forced(Loader *L, size_t field, const char *s,
                                                        size_t len, int why)
{
    if (field >= L->n_force) {
        size_t n = L->ncols > field ? L->ncols : field + 1;
        L->force = xrealloc(L->force, n * sizeof *L->force);
        L->why_line = xrealloc(L->why_line, n * sizeof *L->why_line);
        L->why_text = xrealloc(L->why_text, n * sizeof *L->why_text);
        L->why_type = xrealloc(L->why_type, n * sizeof *L->why_type);
        for (size_t i = L->n_force; i < n; i++) {
            L->force[i] = false;
            L->why_line[i] = 0;
            L->why_text[i][0] = 0;
            L->why_type[i] = COL_TEXT;
        }
        L->n_force = n;
    }
    L->force[field] = true;
    L->why_line[field] = L->line;
    L->why_type[field] = why;
    csv_excerpt(s, len, L->why_text[field], sizeof L->why_text[field]);
}

/* A value did not fit the guessed type (or is a code with a leading zero):
 * read the file again with the column as text, and remember why for the
 * warning. */
__attribute__((cold, noinline)) static void demote(Loader *L, size_t field, const char *s,
                                                   size_t len)
{
    int why = field < L->ncols ? L->cols[field].type : COL_TEXT;
    if (why == COL_NUM && csv_is_zero_code(s, len)) why = WHY_ZERO_CODE;
    note_forced(L, field, s, len, why);
    L->restart = true;
    L->failed = true;
}

static void store_missing(ColBuild *c, size_t r)
{
    switch (c->type) {
    case COL_NUM:
    case COL_DATE: c->num[r] = NAN; break;
    case COL_TEXT: c->codes[r] = -1; break;
    case COL_BOOL: c->bools[r] = -1; break;
    default: break; /* type unknown: filled when it becomes known */
    }
}

/* A number with a decimal comma in a file separated by ',' (not said with
 * decimal:): the field was quoted, "21,5", as LibreOffice and Google Sheets
 * write it in a French locale.  "1,500" alone is not taken: it may as well
 * be 1500 with a thousands comma. */
static bool quoted_decimal_comma(const Loader *L, const char *s, size_t len)
{
    double v;
    return L->sep == ',' && !L->opt->decimal && memchr(s, ',', len) && !csv_comma_grouped(s, len) &&
        csv_parse_number(s, len, ',', &v);
}

/* Reads the column again with a decimal comma (kept across readings). */
__attribute__((cold, noinline)) static void use_decimal_comma(Loader *L, size_t field)
{
    if (field >= L->n_decimal) {
        L->decimal_of = xrealloc(L->decimal_of, (field + 1) * sizeof *L->decimal_of);
        memset(L->decimal_of + L->n_decimal, 0, field + 1 - L->n_decimal);
        L->n_decimal = field + 1;
    }
    L->decimal_of[field] = ',';
    L->restart = true;
    L->failed = true;
}

/* A value the column's type does not read: missing, an error (declared
 * type) or a reason to read the column as text. */
__attribute__((cold, noinline)) static void store_unfit(Loader *L, ColBuild *c, size_t field,
                                                        const char *s, size_t len)
{
    if (is_missing(L, s, len))
        store_missing(c, L->nrows);
    else if (c->type == COL_NUM && !c->decimal && quoted_decimal_comma(L, s, len)) {
        /* "21,5" below integers in a ',' file: read the column again with a decimal comma */
        use_decimal_comma(L, field);
    } else if (c->declared)
        fail_value(L, field, s, len, c->type);
    else
        demote(L, field, s, len);
}

/* The first value of a column whose type is still unknown (only missing
 * values above it): it decides the type, unless declared or forced.  A
 * number written with a leading zero makes a text column (a code); a
 * quoted "21,5" in a ',' file a number column with a decimal comma. */
__attribute__((cold, noinline)) static bool guess_column(Loader *L, ColBuild *c, const char *s,
                                                         size_t len)
{
    if (is_missing(L, s, len)) return false;
    int type = c->force_text ? COL_TEXT : guess_type(L, s, len);
    if (type == COL_NUM && csv_is_zero_code(s, len)) {
        note_forced(L, (size_t)(c - L->cols), s, len, WHY_ZERO_CODE);
        type = COL_TEXT;
    } else if (type == COL_TEXT && !c->force_text && quoted_decimal_comma(L, s, len)) {
        c->decimal = ',';
        type = COL_NUM;
    }
    col_set_type(L, c, type);
    c->guess_line = L->line;
    csv_excerpt(s, len, c->guess_text, sizeof c->guess_text);
    return true;
}

/* Stores one field in row L->nrows, in every case (on_field() handles the
 * common ones itself).  With the default missing values, which are never
 * numbers, dates or booleans, a value is read first and only one that does
 * not fit is compared with them; a list given with missing: may hold
 * anything ("0", "-"), so it is checked first. */
__attribute__((noinline)) static void store_value(Loader *L, size_t field, const char *s,
                                                  size_t len)
{
    ColBuild *c = &L->cols[field];
    size_t r = L->nrows;
    if (__builtin_expect(len == 0, 0)) {
        store_missing(c, r);
        return;
    }
    if (__builtin_expect(L->custom_missing, 0) && c->type != COL_TEXT && is_missing(L, s, len)) {
        store_missing(c, r);
        return;
    }
    if (__builtin_expect(c->type == TYPE_UNKNOWN, 0) && !guess_column(L, c, s, len)) return;
    switch (c->type) {
    case COL_NUM: {
        double v;
        if (__builtin_expect(!csv_parse_number(s, len, c->decimal ? c->decimal : L->decimal, &v),
                             0)) {
            store_unfit(L, c, field, s, len);
            return;
        }
        if (__builtin_expect(s[0] == '0', 0) && !c->declared && csv_is_zero_code(s, len)) {
            demote(L, field, s, len); /* "01053": a code, not a number */
            return;
        }
        c->num[r] = v;
        if (__builtin_expect(!c->money &&
                                 ((unsigned)((unsigned char)s[len - 1] - '0') >= 10 ||
                                  (unsigned char)s[0] >= 0x80 || s[0] == 'E' || s[0] == 'e'),
                             0))
            c->money = csv_number_is_money(s, len);
        if (__builtin_expect(v >= 1e14 && v < 3e14, 0) &&
            v == floor(v)) { /* 15 digits starting 1 or 2 */
            char digits[24];
            snprintf(digits, sizeof digits, "%.0f", v);
            note_nir(c, privacy_text_is_nir(digits, strlen(digits)), L->line, s, len);
        }
        return;
    }
    case COL_TEXT: intern_text(L, c, field, s, len, &c->codes[r]); return;
    case COL_DATE:
        if (!date_parse(s, len, &c->num[r]))
            store_unfit(L, c, field, s, len);
        else if (__builtin_expect(len > 10, 0) &&
                 !c->time_line) { /* a date-time: the time is dropped */
            c->time_line = L->line;
            csv_excerpt(s, len, c->time_text, sizeof c->time_text);
        }
        return;
    case COL_BOOL:
        if (!csv_parse_bool(s, len, &c->bools[r])) store_unfit(L, c, field, s, len);
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
    c->decimal = i < L->n_decimal ? L->decimal_of[i] : 0;
}

__attribute__((cold, noinline)) static char *header_name(Loader *L, size_t field, const char *s,
                                                         size_t len)
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
    } else {
        char *composed = to_nfc(s, &len); /* an NFD "Âge" is found as T["Âge"] */
        if (composed) return composed;
    }
    char *name = malloc(len + 1);
    if (!name) rt_out_of_memory();
    memcpy(name, s, len);
    name[len] = 0;
    return name;
}

static bool name_taken(const Loader *L, size_t upto, const char *name)
{
    for (size_t j = 0; j < L->ncols; j++)
        if ((j < upto || !L->cols[j].copy_of) && strcmp(L->cols[j].name, name) == 0) return true;
    return false;
}

/* Repeated titles (enDI writes "Parcours Type d'étape n" twice per step,
 * Autonomie writes "Nom" twice): the first copy keeps the title, each later
 * one becomes "Title (2)", "Title (3)"... skipping any name another column
 * already has, so every column stays reachable by a name of its own.  The
 * columns keep their positions; warn_repeated() tells which were renamed. */
static void rename_repeated(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++)
        for (size_t j = 0; j < i; j++)
            if (!L->cols[j].copy_of && strcmp(L->cols[i].name, L->cols[j].name) == 0) {
                L->cols[i].copy_of = j + 1;
                break;
            }
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (!c->copy_of) continue;
        const char *title = L->cols[c->copy_of - 1].name;
        size_t n = 2;
        for (size_t j = 0; j < i; j++) n += L->cols[j].copy_of == c->copy_of;
        size_t size = strlen(title) + 24;
        char *name = xrealloc(NULL, size);
        do snprintf(name, size, "%s (%zu)", title, n++);
        while (name_taken(L, i, name));
        free(c->name);
        c->name = name;
    }
}

static bool title_is_expected(const CsvOptions *opt, const char *title)
{
    for (size_t i = 0; opt && i < opt->n_expected_repeats; i++)
        if (strcmp(opt->expected_repeats[i], title) == 0) return true;
    return false;
}

/* One warning for the whole header: each repeated title, the columns that
 * hold it and their names now, e.g. 'Nom' in columns 1 and 10 (now 'Nom'
 * and 'Nom (2)'). */
static void warn_repeated(Loader *L)
{
    enum { SHOWN = 10 }; /* an enDI export repeats one title per career step */
    StrBuf cols, names;
    sb_init(&cols);
    sb_init(&names);
    StrBuf b;
    sb_init(&b);
    size_t titles = 0, first_copy = 0;
    const char *example = NULL;
    for (size_t i = 0; i < L->ncols; i++) {
        size_t copies = 0;
        for (size_t k = i + 1; k < L->ncols; k++) copies += L->cols[k].copy_of == i + 1;
        if (!copies || title_is_expected(L->opt, L->cols[i].name) || ++titles > SHOWN) continue;
        sb_free(&cols);
        sb_free(&names);
        sb_printf(&cols, "%zu", i + 1);
        sb_printf(&names, "'%s'", L->cols[i].name);
        size_t seen = 0;
        for (size_t k = i + 1; k < L->ncols; k++) {
            if (L->cols[k].copy_of != i + 1) continue;
            const char *sep = ++seen == copies ? " and " : ", ";
            sb_printf(&cols, "%s%zu", sep, k + 1);
            sb_printf(&names, "%s'%s'", sep, L->cols[k].name);
            if (!first_copy || k + 1 < first_copy) {
                first_copy = k + 1;
                example = L->cols[k].name;
            }
        }
        sb_printf(&b, "%s'%s' in columns %s (now %s)", titles > 1 ? "; " : "", L->cols[i].name,
                  cols.data, names.data);
    }
    if (titles > SHOWN)
        sb_printf(&b, "; and %zu more titles, renamed the same way", titles - SHOWN);
    if (titles)
        rt_warn(L->I, loc_data(L->I, L->shown, (int)L->header_line, (int)first_copy),
                "%s repeats %zu column title%s, so each later copy is renamed: %s; "
                "reach a renamed column by its new name, e.g. T[\"%s\"]",
                L->shown, titles, titles == 1 ? "" : "s", b.data, example);
    sb_free(&cols);
    sb_free(&names);
    sb_free(&b);
}

/* Checks the names once the header row is complete: NIR columns, repeated
 * titles (renamed), declared columns that do not exist. */
static bool check_header(Loader *L)
{
    Interp *I = L->I;
    L->header_line = L->line;
    for (size_t i = 0; i < L->ncols; i++)
        if (privacy_name_is_nir(L->cols[i].name)) {
            rt_raise(I, here(L, i),
                     "the column '%s' holds French social security numbers (NIR): "
                     "impact refuses to read them",
                     L->cols[i].name);
            rt_hint(I,
                    "the décret n° 2019-341 strictly limits who may process the NIR, and an impact "
                    "evaluation never needs it: remove this column before exporting the file "
                    "(keep an anonymous identifier instead)");
            return false;
        }
    rename_repeated(L);
    for (size_t d = 0; d < L->opt->n_declared; d++) {
        const CsvDeclared *decl = &L->opt->declared[d];
        size_t i = 0;
        while (i < L->ncols && strcmp(L->cols[i].name, decl->name) != 0) i++;
        for (i = i < L->ncols ? i : 0; i < L->ncols && strcmp(L->cols[i].name, decl->name) != 0 &&
             !table_names_match(L->cols[i].name, decl->name);)
            i++; /* "Statut à l'entrée" declares "Statut à l’entrée" */
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

/* Every field that is not a value of a known column: the header, a field
 * past the last column, a field after a failure. */
__attribute__((cold, noinline)) static void on_other_field(Loader *L, size_t field, const char *s,
                                                           size_t len)
{
    if (L->failed) return;
    if (L->in_header) {
        char *name = header_name(L, field, s, len);
        if (name) {
            add_column(L, name);
            L->cols[L->ncols - 1].unnamed = len == 0;
        }
        return;
    }
    if (L->opt->header || L->nrows > 0) {
        if (len == 0) return; /* trailing empty fields (a spreadsheet's extra ';') */
        char ex[128], hint[160];
        csv_excerpt(s, len, ex, sizeof ex);
        snprintf(hint, sizeof hint,
                 "a value that contains the separator '%c' must be written between "
                 "double quotes; otherwise remove the extra field",
                 L->sep);
        loader_fail(L, L->line, field, hint,
                    "this row has more fields than the %zu columns of the header "
                    "(extra field: \"%s\")",
                    L->ncols, ex);
        return;
    }
    char name[32]; /* header: false, first row: it makes the columns */
    snprintf(name, sizeof name, "col%zu", field + 1);
    add_column(L, strdup(name));
    store_value(L, field, s, len);
}

/* libcsv hands each field at the start of its entry buffer (never NULL
 * without CSV_EMPTY_IS_NULL).  A number or a text of a column of that type
 * is stored here; anything else goes through store_value(). */
static void on_field(void *data, size_t len, void *ctx)
{
    static const char empty[1];
    Loader *L = ctx;
    const char *s = data ? data : empty;
    /* only a quoted field may hold a newline, and a quoted field ends in a
     * chunk that holds its closing quote */
    if (__builtin_expect(L->chunk_has_quote, 0) && len) count_newlines(L, s, len);
    size_t field = L->field++;
    L->row_has_value |= len != 0;
    if (__builtin_expect(L->failed | L->in_header | (field >= L->ncols), 0)) {
        on_other_field(L, field, s, len);
        return;
    }
    ColBuild *c = &L->cols[field];
    size_t r = L->nrows;
    if (c->mode == MODE_NUM) {
        double v;
        if (len == 0) {
            c->num[r] = NAN;
            return;
        }
        /* other forms ("1 234,50 €", "(3,00)") are read by store_value(), which notes a unit */
        if (csv_parse_number_plain(s, len, L->decimal, &v) && !(v >= 1e14) && /* NIR check: below */
            !(s[0] == '0' && len > 1 && (unsigned)(s[1] - '0') < 10)) {       /* "01053": below */
            c->num[r] = v;
            return;
        }
    } else if (c->mode == MODE_TEXT) {
        intern_text(L, c, field, s, len, &c->codes[r]);
        return;
    }
    store_value(L, field, s, len);
}

__attribute__((cold, noinline)) static void on_other_row(Loader *L)
{
    if (L->in_header) {
        L->in_header = false;
        if (!check_header(L)) L->failed = true;
    } else if (L->field < L->ncols) {
        char hint[160];
        snprintf(hint, sizeof hint,
                 "each row must have one field per column, separated by '%c'; "
                 "an empty value is written as nothing between two separators",
                 L->sep);
        loader_fail(L, L->line, L->field - 1, hint,
                    "this row has %zu field%s but the header has %zu columns", L->field,
                    L->field == 1 ? "" : "s", L->ncols);
    }
}

__attribute__((cold, noinline)) static void note_shift(Loader *L, size_t row, long shift)
{
    if (L->n_shifts == L->cap_shifts) {
        L->cap_shifts = L->cap_shifts ? L->cap_shifts * 2 : 16;
        L->shifts = xrealloc(L->shifts, L->cap_shifts * sizeof *L->shifts);
    }
    L->shifts[L->n_shifts++] = (RowShift){ row, shift };
}

/* The end of a row, or of a blank line (CSV_REPALL_NL reports every line
 * end).  The columns always have room for one more row than read. */
static void on_row(int c, void *ctx)
{
    Loader *L = ctx;
    if (L->field > 0 && !L->failed) {
        if (__builtin_expect(!L->row_has_value && !L->in_header && L->ncols > 0, 0)) {
            /* only separators: a blank row (what Excel leaves under the
             * data); the values stored at row nrows are overwritten */
            if (!L->n_blank++) L->first_blank = L->line;
        } else if (__builtin_expect(!L->in_header && L->field >= L->ncols, 1)) {
            if (__builtin_expect(!L->n_shifts ||
                                     L->line - (long)L->nrows != L->shifts[L->n_shifts - 1].shift,
                                 0))
                note_shift(L, L->nrows, L->line - (long)L->nrows);
            if (++L->nrows >= L->cap) ensure_capacity(L, L->nrows + 1);
        } else {
            on_other_row(L);
        }
    }
    /* a line ends at LF, at CR LF (counted once: an LF right after a CR,
     * with no field between them, ends nothing new), or at a lone CR (old
     * Mac files) */
    L->line += L->pending_lines + (c == '\r' || (c == '\n' && !(L->after_cr && L->field == 0)));
    L->after_cr = c == '\r';
    L->field = 0;
    L->row_has_value = false;
    L->pending_lines = 0;
}

/* ---- detection ------------------------------------------------------------------ */

/* Decides the encoding from the BOM or the first chunk; returns the BOM
 * length to skip, or -1 after raising (UTF-16). */
static int detect_encoding(Loader *L, const unsigned char *s, size_t len)
{
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        if (L->enc == CSV_ENC_AUTO) L->enc = CSV_ENC_UTF8;
        return 3;
    }
    if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
        rt_raise(L->I, loc_data(L->I, L->shown, 1, 1),
                 "the file is saved in UTF-16, which impact does not read");
        rt_hint(L->I, "save it again as \"CSV UTF-8\" (or \"CSV (séparateur: point-virgule)\")");
        return -1;
    }
    if (L->enc == CSV_ENC_AUTO) {
        L->enc = csv_utf8_valid_prefix(s, len, true) == len ? CSV_ENC_UTF8 : CSV_ENC_CP1252;
        /* Mostly UTF-8 accents with a few bytes that are not (a row added in
         * Excel): read as Windows-1252 every UTF-8 accent would be garbled
         * silently; read as UTF-8, the first bad byte is an error that says
         * the file mixes encodings.  A Windows-1252 text almost never forms
         * a valid UTF-8 pair (an accented capital then a symbol). */
        size_t multi, bad;
        if (L->enc == CSV_ENC_CP1252) {
            csv_utf8_census(s, len, &multi, &bad);
            if (multi >= 2 && multi >= bad) L->enc = CSV_ENC_UTF8;
        }
    }
    return 0;
}

/* ---- the passes -------------------------------------------------------------- */

static void reset_columns(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++) col_free(&L->cols[i]);
    L->ncols = 0;
    L->cap = 0;
}

static void loader_start(Loader *L, bool header)
{
    L->in_header = header;
    L->field = 0;
    L->nrows = 0;
    L->n_shifts = 0;
    L->line = L->first_line ? L->first_line : 1;
    L->pending_lines = 0;
    L->after_cr = false;
    L->failed = L->restart = false;
    L->row_has_value = false;
    L->n_blank = 0;
    L->first_blank = 0;
    ensure_capacity(L, L->nrows + 1);
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
        if (n == 0) break;
        L->chunk_has_quote = memchr(buf, '"', n) != NULL;
        size_t done = csv_parse(p, buf, n, on_field, on_row, L);
        if (!L->failed && done != n) {
            char ex[64];
            csv_excerpt(buf + done, n - done < 20 ? n - done : 20, ex, sizeof ex);
            loader_fail(
                L, L->line + L->pending_lines, L->field,
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
        loader_fail(L, L->line, L->field,
                    "a quoted value must end with \"; look for a missing quote on this line",
                    "a quoted value is not closed before the end of the file");
    csv_free(p);
    return !L->failed;
}

static void parser_init(Loader *L, struct csv_parser *p)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) rt_out_of_memory();
    csv_set_delim(p, (unsigned char)L->sep);
    /* a long quoted value grows the entry buffer in fewer steps */
    csv_set_blk_size(p, ENTRY_BLOCK);
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
        feed_range(B, &p, f, h->from, h->to, buf, false); /* sized by read_parallel */
        finish_parser(B, &p);
        fclose(f);
    }
    free(buf);
    return NULL;
}

/* Asks for 2 MB pages inside a big array (Linux transparent huge pages in
 * "madvise" mode): one fault per 2 MB instead of per 4 KB while the rows
 * are written (about 3 % less CPU on the 60 MB bench file, the same peak
 * memory).  Only whole 2 MB ranges inside the array are advised; without
 * THP the call fails and nothing changes. */
static void advise_huge_pages(void *data, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t from = ((uintptr_t)data + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)data + bytes) & ~(huge - 1);
    if (to > from) madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)data;
    (void)bytes;
#endif
}

/* Makes the array of each column whose type is known the start of a block
 * with room for `second` more rows, for the second half (read_parallel). */
static void share_blocks(Loader *L, size_t second)
{
    L->block_rows = L->cap; /* L->cap may grow later; B's rows start here for good */
    L->block_cap = L->cap + second;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        void *data = col_data(c);
        if (c->type == TYPE_UNKNOWN || !data) continue;
        c->block = xrealloc(data, (L->cap + second) * elem_size(c->type));
        col_set_data(c, c->block);
        advise_huge_pages(c->block, (L->cap + second) * elem_size(c->type));
    }
}

/* B's column i takes the type L has found for it, as one thread reading on
 * would (a value of the second half that does not fit makes it text, with
 * the same warning), and writes into the rest of L's block. */
static void adopt_block(Loader *B, ColBuild *c, const ColBuild *from, size_t first)
{
    col_set_type(B, c, from->type); /* an array of B->cap = `second` rows... */
    void *own = col_data(c);
    col_set_data(c, (char *)from->block + first * elem_size(from->type));
    free(own); /* ...replaced by the rest of the block */
    c->borrowed = true;
    c->guess_line = from->guess_line;
    memcpy(c->guess_text, from->guess_text, sizeof c->guess_text);
}

/* B: a loader for the second half, with the columns the header of L made. */
static void clone_header(Loader *B, const Loader *L, size_t second)
{
    *B = (Loader){ .I = L->I,
                   .opt = L->opt,
                   .shown = L->shown,
                   .sep = L->sep,
                   .decimal = L->decimal,
                   .enc = L->enc,
                   .cd = (iconv_t)-1,
                   .deferred = true,
                   .custom_missing = L->custom_missing };
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
        B->why_type = xrealloc(NULL, L->n_force * sizeof *B->why_type);
        memcpy(B->why_type, L->why_type, L->n_force * sizeof *B->why_type);
    }
    if (L->n_decimal) {
        B->n_decimal = L->n_decimal;
        B->decimal_of = xrealloc(NULL, L->n_decimal);
        memcpy(B->decimal_of, L->decimal_of, L->n_decimal);
    }
    B->path = L->path;
    B->cap = second;
    for (size_t i = 0; i < L->ncols; i++) {
        add_column(B, strdup(L->cols[i].name));
        B->cols[i].declared = L->cols[i].declared;
        if (L->cols[i].block)
            adopt_block(B, &B->cols[i], &L->cols[i], L->block_rows);
        else if (L->cols[i].declared)
            col_set_type(B, &B->cols[i], L->cols[i].type);
    }
    bool failed = B->failed;
    loader_start(B, false);
    B->failed = failed;
}

static void loader_free(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++) col_free(&L->cols[i]);
    free(L->cols);
    free(L->conv);
    free(L->force);
    free(L->why_line);
    free(L->why_text);
    free(L->why_type);
    free(L->decimal_of);
    free(L->err_msg);
    free(L->err_hint);
    free(L->shifts);
    if (L->cd != (iconv_t)-1) iconv_close(L->cd);
}

static void mark_forced(Loader *L, size_t i, long line, const char *text, int why)
{
    if (i < L->n_force && L->force[i]) return;
    /* reuse demote()'s bookkeeping, then restore the state it changes */
    long saved = L->line;
    L->line = line;
    demote(L, i, text, strlen(text));
    L->line = saved;
    if (why >= 0) L->why_type[i] = why; /* the second half's reason */
}

/* Columns whose halves disagree on the type (or that B had to make text)
 * are read again as text: returns false with L->restart set. */
static bool reconcile_types(Loader *L, const Loader *B, long offset)
{
    bool conflict = false;
    for (size_t i = 0; i < B->n_force && i < L->ncols; i++)
        if (B->force[i] && !(i < L->n_force && L->force[i])) {
            mark_forced(L, i, B->why_line[i] + offset, B->why_text[i], B->why_type[i]);
            conflict = true;
        }
    for (size_t i = 0; i < B->n_decimal && i < L->ncols; i++)
        if (B->decimal_of[i] && !(i < L->n_decimal && L->decimal_of[i])) {
            use_decimal_comma(L, i);
            conflict = true;
        }
    for (size_t i = 0; i < L->ncols; i++) {
        const ColBuild *a = &L->cols[i], *b = &B->cols[i];
        if (a->type != TYPE_UNKNOWN && b->type != TYPE_UNKNOWN && a->type != b->type) {
            mark_forced(L, i, b->guess_line + offset, b->guess_text, -1);
            conflict = true;
        } else if (a->type == COL_NUM && b->type == COL_NUM && a->decimal != b->decimal) {
            use_decimal_comma(L, i); /* one half met a quoted "21,5": both read it so */
            conflict = true;
        }
    }
    if (conflict) {
        L->restart = true;
        L->failed = true;
    }
    return !conflict;
}

/* Dictionary codes of B's text column i in L's column (new, from->n items). */
static int32_t *code_map(ColBuild *a, const ColBuild *b)
{
    StrDict *from = as_column(b->col)->dict, *into = as_column(a->col)->dict;
    int32_t *map = xrealloc(NULL, (from->n ? from->n : 1) * sizeof *map);
    for (size_t k = 0; k < from->n; k++)
        map[k] = strdict_intern(into, from->strs[k], from->lens[k]);
    return map;
}

/* Appends B's rows to L's columns.  Where B wrote into L's block (the usual
 * case), its rows move down to just after L's, in place; otherwise they are
 * copied and B's arrays freed as it goes, so that the memory peak stays near
 * the size of the table. */
static void append_half(Loader *L, Loader *B, long offset)
{
    if (B->n_blank) { /* B's blank rows, with the lines made the file's */
        if (!L->n_blank) L->first_blank = B->first_blank + offset;
        L->n_blank += B->n_blank;
    }
    size_t n = L->nrows, m = B->nrows, total = n + m, first = L->block_rows;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *a = &L->cols[i], *b = &B->cols[i];
        if (a->type == TYPE_UNKNOWN && b->type == TYPE_UNKNOWN) continue;
        if (a->type == TYPE_UNKNOWN) col_set_type(L, a, b->type);
        a->money |= b->money;
        size_t size = elem_size(a->type);
        char *src = col_data(b);
        if (b->borrowed)
            src = (char *)a->block + first * size; /* B's rows: the block after L's capacity */
        char *dst = col_data(a);
        bool in_block = a->block && dst == a->block;
        /* L's own array, or the block when B outgrew its part of it (then B's
         * rows are elsewhere and the block may move) */
        if (!in_block || total > L->block_cap) {
            dst = xrealloc(dst, total * size);
            if (in_block) a->block = dst;
        }
        col_set_data(a, dst);
        if (a->type == COL_TEXT && src) {
            int32_t *map = code_map(a, b);
            const int32_t *from = (const int32_t *)src;
            int32_t *to = (int32_t *)dst + n; /* to <= from: forward in place is safe */
            for (size_t r = 0; r < m; r++) to[r] = from[r] >= 0 ? map[from[r]] : -1;
            free(map);
        } else if (src) {
            memmove(dst + n * size, src, m * size);
        } else { /* B met only missing values */
            for (size_t r = n; r < total; r++) store_missing(a, r);
        }
        if (a->block && a->block != dst) free(a->block);
        a->block = NULL;
        if (!a->time_line && b->time_line) {
            a->time_line = b->time_line + offset;
            memcpy(a->time_text, b->time_text, sizeof a->time_text);
        }
        a->nir_shaped += b->nir_shaped;
        if (a->nir_valid == 0 && b->nir_valid > 0) {
            a->nir_line = b->nir_line + offset;
            memcpy(a->nir_text, b->nir_text, sizeof a->nir_text);
        }
        a->nir_valid += b->nir_valid;
        if (!b->borrowed) {
            free(b->num);
            free(b->codes);
            free(b->bools);
        }
        b->num = NULL;
        b->codes = NULL;
        b->bools = NULL;
        b->borrowed = false;
    }
    for (size_t k = 0; k < B->n_shifts; k++) { /* B's row r, line l: row n + r, line l + offset */
        long shift = B->shifts[k].shift + offset - (long)n;
        if (!L->n_shifts || L->shifts[L->n_shifts - 1].shift != shift)
            note_shift(L, n + B->shifts[k].row, shift);
    }
    L->nrows = L->cap = total;
    for (size_t i = 0; i < L->ncols; i++) { /* every array now holds exactly `total` rows */
        ColBuild *a = &L->cols[i];
        if (a->type != TYPE_UNKNOWN)
            col_set_data(a, xrealloc(col_data(a), total * elem_size(a->type)));
    }
}

/* Where the second half starts: just after the first line end past the
 * middle; 0 if there is none. */
static size_t split_point(FILE *f, size_t skip, size_t size, char *buf)
{
    size_t mid = skip + (size - skip) / 2;
    if (fseeko(f, (off_t)mid, SEEK_SET) != 0) return 0;
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
    if (split <= skip + FIRST_CHUNK) return read_pass(L, f, skip, size, buf);
    struct csv_parser p;
    parser_init(L, &p);
    loader_start(L, L->opt->header);
    feed_range(L, &p, f, skip, skip + FIRST_CHUNK, buf, false);
    if (L->failed || L->in_header) { /* an error, or a header longer than 64 KB */
        feed_range(L, &p, f, skip + FIRST_CHUNK, size, buf, false);
        return finish_parser(L, &p);
    }
    /* rows expected in each half, from the density of the first 64 KB */
    double per_byte = (double)L->nrows / FIRST_CHUNK;
    size_t first = (size_t)(per_byte * (double)(split - skip) * 1.02) + 16;
    size_t second = (size_t)(per_byte * (double)(size - split) * 1.03) + 1024;
    ensure_capacity(L, first);
    share_blocks(L, second);
    Loader B;
    clone_header(&B, L, second);
    Half half = { &B, path, split, size };
    pthread_t thread;
    bool threaded = !B.failed && pthread_create(&thread, NULL, read_second_half, &half) == 0;
    feed_range(L, &p, f, skip + FIRST_CHUNK, split, buf, false);
    if (threaded) pthread_join(thread, NULL);
    bool boundary = p.pstate == 0 && p.entry_pos == 0; /* libcsv's ROW_NOT_BEGUN */
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
        long offset = L->line - 1; /* B's line 1 is the line at the split */
        if (ok && B.err_msg) {
            rt_raise(L->I,
                     loc_data(L->I, L->shown, (int)(B.err_line + offset), (int)B.err_field + 1),
                     "%s", B.err_msg);
            if (B.err_hint) rt_hint(L->I, "%s", B.err_hint);
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
        if (c->nir_valid == 0 || c->nir_valid * 10 < c->nir_shaped * 9) continue;
        rt_raise(L->I, loc_data(L->I, L->shown, (int)c->nir_line, (int)i + 1),
                 "the column '%s' holds French social security numbers (NIR), such as \"%s\": "
                 "impact refuses to read them",
                 c->name, c->nir_text);
        rt_hint(L->I,
                "a NIR is 13 digits starting with 1 or 2 followed by a 2-digit key "
                "(97 minus the number modulo 97); the décret n° 2019-341 strictly limits its use "
                "and an impact evaluation never needs it: remove this column before exporting "
                "the file (keep an anonymous identifier instead)");
        return false;
    }
    return true;
}

/* A column name as a key of types: {...}, quoted unless it is a name. */
static const char *type_key(const char *name, char *buf, size_t size)
{
    bool plain = !(name[0] >= '0' && name[0] <= '9');
    for (const unsigned char *p = (const unsigned char *)name; *p && plain; p++)
        plain = *p >= 0x80 || *p == '_' || (*p >= '0' && *p <= '9') ||
            ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z');
    snprintf(buf, size, plain ? "%s" : "\"%s\"", name);
    return buf;
}

/* Why each column guessed otherwise is text: a code with a leading zero
 * (information), or a value that is not of the type of those above it,
 * which is then the type to declare. */
static void warn_demoted(Loader *L)
{
    for (size_t i = 0; i < L->ncols && i < L->n_force; i++) {
        if (!L->force[i]) continue;
        SrcLoc at = loc_data(L->I, L->shown, (int)L->why_line[i], (int)i + 1);
        int was = L->why_type[i];
        const char *name = L->cols[i].name;
        char key[256];
        type_key(name, key, sizeof key);
        if (was == WHY_ZERO_CODE)
            rt_warn(L->I, at,
                    "column '%s' is read as text because \"%s\" is written with a leading zero, "
                    "as codes are (postal code, INSEE commune, phone, SIRET or member number) and "
                    "which a "
                    "number would lose; if the column holds quantities, declare it (types: {%s: "
                    "\"number\"})",
                    name, L->why_text[i], key);
        else {
            const char *word = was == COL_DATE ? "date" : was == COL_BOOL ? "boolean" : "number";
            rt_warn(L->I, at,
                    "column '%s' is read as text because \"%s\" is not a %s like the values "
                    "above it; declare its type (types: {%s: \"%s\"}) to have each such value "
                    "reported, "
                    "or correct it in the file",
                    name, L->why_text[i], word, key, word);
        }
    }
}

/* Date columns whose values carry a time of day ("Horodateur" of a survey
 * export): the time is dropped, said once per column. */
static void warn_times(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++)
        if (L->cols[i].type == COL_DATE && L->cols[i].time_line)
            rt_warn(L->I, loc_data(L->I, L->shown, (int)L->cols[i].time_line, (int)i + 1),
                    "column '%s' holds dates with a time of day, such as \"%s\": each value is "
                    "read as its "
                    "date and the time is dropped",
                    L->cols[i].name, L->cols[i].time_text);
}

/* A trailing separator in the header ("id;x;") names an empty last column:
 * when no row has a value there, it is no column at all. */
static void drop_trailing_unnamed(Loader *L)
{
    while (L->ncols > 1 && L->cols[L->ncols - 1].unnamed &&
           L->cols[L->ncols - 1].type == TYPE_UNKNOWN)
        col_free(&L->cols[--L->ncols]);
}

/* Hands each column's array to its ColumnObj, trimmed to the row count. */
static Value build_table(Loader *L, const char *path)
{
    Value table = value_table_new(L->ncols);
    size_t n = L->nrows;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (c->type == TYPE_UNKNOWN) {
            col_set_type(L, c, COL_TEXT); /* only missing values: an empty text column */
            for (size_t r = 0; r < n; r++) c->codes[r] = -1;
        }
        ColumnObj *col = as_column(c->col);
        col->n = n;
        switch (c->type) {
        case COL_NUM:
        case COL_DATE:
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
        Dim eur;
        double scale;
        if (c->money && c->type == COL_NUM && unit_lookup(L->I, "EUR", &eur, &scale) && scale == 1)
            c->col.dim = eur; /* "1 234,50 €": money, as a column in EUR */
        table_add_column(table, c->name, c->col);
        c->col = value_nil();
    }
    TableObj *t = as_table(table);
    t->nrows = n;
    t->source = strdup(path);
    t->min_cell = L->opt->min_cell;
    return table;
}

/* encoding: "cp1252" on a file whose accents are valid UTF-8 sequences (at
 * least 2, and 9 in 10 of its non-ASCII sequences in the first 64 KB): read
 * as Windows-1252, each "ç" would become "Ã§".  A real Windows-1252 text
 * almost never forms such pairs (an accented capital then a symbol). */
static void warn_utf8_read_as_cp1252(Loader *L, const unsigned char *s, size_t len)
{
    size_t multi, bad;
    csv_utf8_census(s, len, &multi, &bad);
    if (multi < 2 || multi < 9 * bad) return;
    const unsigned char *p = s;
    while (p < s + len &&
           (*p < 0x80 ||
            csv_utf8_valid_prefix(p, (size_t)(s + len - p) < 4 ? (size_t)(s + len - p) : 4,
                                  false) == 0))
        p++;
    size_t n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2, garbled_len = 0;
    char garbled[32] = "";
    if (p < s + len && to_utf8(L, (const char *)p, n, &garbled_len) &&
        garbled_len < sizeof garbled) {
        memcpy(garbled, L->conv, garbled_len);
        garbled[garbled_len] = 0;
    }
    rt_warn(L->I, L->opt->call,
            "%s is read as Windows-1252 (encoding: \"cp1252\") but looks like UTF-8: %zu accented "
            "characters of its first lines are UTF-8 sequences, which Windows-1252 garbles "
            "(\"%.*s\" becomes \"%s\"); remove the encoding option, or use encoding: \"utf-8\"",
            L->shown, multi, (int)n, (const char *)p, garbled);
}

/* ---- the line of each row, for messages about a table read earlier ------------ */

/* The tables the last few csv() calls made: their columns, a fingerprint of
 * their values and where their rows start.  A table that still holds one of
 * these columns, with as many rows, holds the rows in the file's order:
 * every operation that drops or reorders rows (where, sort, join) makes new
 * columns, while derive and select share them.  The fingerprint guards
 * against a freed column whose address was reused. */
#define RECENT_TABLES 8

typedef struct ReadTable {
    char *source;
    size_t nrows, ncols;
    const ColumnObj **cols;
    uint64_t *prints; /* fingerprint of each column */
    RowShift *shifts;
    size_t n_shifts;
} ReadTable;

static ReadTable recent[RECENT_TABLES];
static size_t recent_next;

/* A few values of the column (first, middle, last) and its array address. */
static uint64_t column_print(const ColumnObj *c)
{
    uint64_t h = (uint64_t)(uintptr_t)c->num ^ ((uint64_t)(uintptr_t)c->codes << 1) ^
        ((uint64_t)(uintptr_t)c->bools << 2) ^ c->n;
    size_t rows[3] = { 0, c->n / 2, c->n ? c->n - 1 : 0 };
    for (int k = 0; k < 3 && c->n; k++) {
        uint64_t v = 0;
        if (c->num)
            memcpy(&v, &c->num[rows[k]], sizeof v);
        else if (c->codes)
            v = (uint32_t)c->codes[rows[k]];
        else if (c->bools)
            v = (uint8_t)c->bools[rows[k]];
        h = (h ^ v) * 0x9E3779B97F4A7C15u;
    }
    return h;
}

static void remember_rows(const Loader *L, Value table)
{
    const TableObj *t = as_table(table);
    ReadTable *e = &recent[recent_next++ % RECENT_TABLES];
    free(e->source);
    free(e->cols);
    free(e->prints);
    free(e->shifts);
    *e = (ReadTable){ .source = strdup(t->source),
                      .nrows = t->nrows,
                      .ncols = t->ncols,
                      .cols = xrealloc(NULL, (t->ncols ? t->ncols : 1) * sizeof *e->cols),
                      .prints = xrealloc(NULL, (t->ncols ? t->ncols : 1) * sizeof *e->prints),
                      .shifts = xrealloc(NULL, (L->n_shifts ? L->n_shifts : 1) * sizeof *e->shifts),
                      .n_shifts = L->n_shifts };
    for (size_t i = 0; i < t->ncols; i++) {
        e->cols[i] = t->cols[i];
        e->prints[i] = column_print(t->cols[i]);
    }
    if (L->n_shifts > 0) /* no shift recorded: L->shifts may be NULL */
        memcpy(e->shifts, L->shifts, L->n_shifts * sizeof *e->shifts);
}

int csv_row_line(const TableObj *t, size_t row)
{
    if (!t->source || row >= t->nrows) return 0;
    for (size_t back = 1; back <= RECENT_TABLES && back <= recent_next; back++) {
        const ReadTable *e = &recent[(recent_next - back) % RECENT_TABLES];
        if (e->nrows != t->nrows || !e->n_shifts || strcmp(e->source, t->source) != 0) continue;
        for (size_t j = 0; j < t->ncols; j++)
            for (size_t i = 0; i < e->ncols; i++) {
                if (e->cols[i] != t->cols[j] || e->prints[i] != column_print(t->cols[j])) continue;
                size_t lo = 0, hi = e->n_shifts; /* the last change at or before row */
                while (hi - lo > 1) {
                    size_t mid = (lo + hi) / 2;
                    if (e->shifts[mid].row <= row)
                        lo = mid;
                    else
                        hi = mid;
                }
                return (int)((long)row + e->shifts[lo].shift);
            }
    }
    return 0;
}

static FILE *open_data(Interp *I, const char *path, const char *shown, const CsvOptions *opt,
                       size_t *size)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        int err = f ? EISDIR : errno;
        if (f) fclose(f);
        rt_raise(I, opt->call, "cannot read the data file '%s' (tried %s): %s", shown, path,
                 strerror(err));
        /* -e and the REPL have no model file: there, the current folder */
        const char *from = opt->call.file && opt->call.file[0] == '<'
            ? "the current folder"
            : "the folder of the model file";
        rt_hint(I, "check the file name; a relative path is read from %s", from);
        return NULL;
    }
    *size = (size_t)st.st_size;
    return f;
}

/* Excel's first line "sep=X" (X one character, then the line end): its
 * length with the line end, the separator in *sep; 0 when absent. */
static size_t sep_directive(const unsigned char *s, size_t len, char *sep)
{
    if (len < 5 || strncasecmp((const char *)s, "sep=", 4) != 0 || s[4] == '\r' || s[4] == '\n')
        return 0;
    size_t i = 5;
    if (i < len && s[i] == '"' && s[4] == '"') return 0;
    if (i < len && s[i] == '\r') i++;
    if (i < len && s[i] != '\n') return 0;
    *sep = (char)s[4];
    return i < len ? i + 1 : i;
}

/* True when the first line holds a ';', ',' or tab outside quotes. */
static bool has_separator(const unsigned char *s, size_t len)
{
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && (s[i] == ',' || s[i] == ';' || s[i] == '\t'))
            return true;
    }
    return false;
}

/* The decimal mark of a one-column file: ',' when its first chunk, after the
 * first line, holds more digit-comma-digit than digit-dot-digit. */
static char one_column_decimal(const unsigned char *s, size_t len)
{
    size_t i = 0, commas = 0, dots = 0;
    while (i < len && s[i] != '\n') i++;
    for (i++; i + 1 < len; i++)
        if ((s[i] == ',' || s[i] == '.') && i > 0 && (unsigned)(s[i - 1] - '0') < 10 &&
            (unsigned)(s[i + 1] - '0') < 10)
            *(s[i] == ',' ? &commas : &dots) += 1;
    return commas > dots ? ',' : '.';
}

bool csv_read(Interp *I, const char *path, const char *shown, const CsvOptions *opt, Value *out)
{
    const char *full_path = path;
    size_t size;
    FILE *f = open_data(I, path, shown, opt, &size);
    if (!f) return false;
    Loader L = { .I = I,
                 .opt = opt,
                 .shown = shown,
                 .enc = opt->encoding,
                 .cd = (iconv_t)-1,
                 .custom_missing = opt->missing != NULL,
                 .path = path };
    csv_values_init();
    char *buf = xrealloc(NULL, CHUNK);
    size_t n = fread(buf, 1, FIRST_CHUNK, f);
    bool ok = false;
    int skip = detect_encoding(&L, (unsigned char *)buf, n);
    if (skip < 0) goto done;
    if (n == (size_t)skip) {
        rt_raise(I, opt->call, "the data file '%s' is empty", shown);
        rt_hint(I, "export the data again, with a header line naming the columns");
        goto done;
    }
    char directive = 0;
    size_t directive_len = sep_directive((unsigned char *)buf + skip, n - (size_t)skip, &directive);
    if (directive_len) { /* Excel's "sep=;" line: obeyed, then skipped */
        skip += (int)directive_len;
        L.first_line = 2;
        if (n == (size_t)skip) {
            rt_raise(I, opt->call, "the data file '%s' holds only the line \"sep=%c\"", shown,
                     directive);
            rt_hint(I, "export the data again, with a header line naming the columns");
            goto done;
        }
    }
    bool one_column = false;
    L.sep = opt->sep ? opt->sep
        : directive  ? directive
                     : csv_detect_separator((unsigned char *)buf + skip, n - (size_t)skip);
    if (!opt->sep && !directive && !has_separator((unsigned char *)buf + skip, n - (size_t)skip)) {
        /* no separator on the first line: a file of one column, in which a
         * comma can only be a decimal mark ("1,5") */
        one_column = true;
        L.sep = ';';
    }
    L.decimal = opt->decimal ? opt->decimal
        : one_column         ? one_column_decimal((unsigned char *)buf + skip, n - (size_t)skip)
                             : (L.sep == ';' ? ',' : '.');
    /* sep: "," with decimal: "," is read: a number with a decimal comma is
     * then quoted ("21,5"), which RFC 4180 makes unambiguous */
    if (L.decimal == L.sep && L.sep != ',') {
        rt_raise(I, opt->call, "the separator and the decimal mark are both '%c'", L.sep);
        rt_hint(I,
                "French files use sep: \";\" with decimal: \",\"; others sep: \",\" with decimal: "
                "\".\"");
        goto done;
    }
    if (L.enc == CSV_ENC_CP1252 && (L.cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1) {
        rt_raise(I, opt->call, "this system cannot convert Windows-1252 text (iconv)");
        goto done;
    }
    if (opt->encoding == CSV_ENC_CP1252)
        warn_utf8_read_as_cp1252(&L, (const unsigned char *)buf + skip, n - (size_t)skip);
    /* A guess that a later value contradicts makes the column text and the
     * file is read again; each reading fixes at least one more column, so
     * this ends. */
    bool parallel = size >= PARALLEL_MIN && interp_settings(I)->threads >= 2;
    for (;;) {
        reset_columns(&L);
        if (parallel ? read_parallel(&L, f, full_path, (size_t)skip, size, buf)
                     : read_pass(&L, f, (size_t)skip, size, buf))
            break;
        if (!L.restart) goto done;
    }
    if (L.ncols == 0) {
        rt_raise(I, opt->call, "the data file '%s' holds only blank lines", shown);
        rt_hint(I, "export the data again, with a header line naming the columns");
        goto done;
    }
    if (!refuse_nir_content(&L)) goto done;
    drop_trailing_unnamed(&L);
    if (L.n_blank)
        rt_warn(I, loc_data(I, shown, (int)L.first_blank, 1),
                "%zu row%s made only of separators (\";;;\") %s "
                "skipped as blank lines",
                L.n_blank, L.n_blank == 1 ? "" : "s", L.n_blank == 1 ? "was" : "were");
    warn_repeated(&L);
    warn_demoted(&L);
    warn_times(&L);
    *out = build_table(&L, path);
    remember_rows(&L, *out);
    ok = true;
done:
    free(buf);
    fclose(f);
    if (L.cd != (iconv_t)-1) iconv_close(L.cd);
    reset_columns(&L);
    free(L.cols);
    free(L.conv);
    free(L.force);
    free(L.why_line);
    free(L.why_text);
    free(L.shifts);
    free(L.why_type);
    free(L.decimal_of);
    return ok;
}
