/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_fields.c — the hot path of the CSV reader: libcsv's callbacks and
 * the storing of each field in its column (see csv_loader.h).
 *
 * Contract: loader_on_field() stores a plain number or a text of a column
 * of that type itself and sends every other case to loader_store_value();
 * a column's type is guessed from its first non-missing value, and a later
 * value that does not fit makes the column text (the file is then read
 * again, L->restart) unless the type was declared (then a located error).
 * Texts are interned through a per-column raw-bytes dictionary, so each
 * distinct raw text is checked (UTF-8), converted (Windows-1252) and put in
 * NFC once.  Runs in either reading thread: the interpreter is reached
 * only through loader_fail().
 */
#include "stdlib/data/csv_loader.h"
#include "stdlib/data/csv_split.h"

#include <math.h>
#include <string.h>

#include "lang/utf8.h"
#include "stdlib/core/dates.h"
#include "stdlib/privacy/privacy.h"
#include "runtime/mem.h"

/* The first (up to) 8 bytes of a field as a number.  Most fields (a
 * status, a code, a town) fit in it, and are then compared without memcmp.
 * A field of the chunk buffer (padded: csv_loader.h) is read as one word,
 * masked to its length; one that libcsv copied is read a byte at a time:
 * libcsv has just written it a byte at a time, and a wider load of bytes
 * still in the store buffer would wait for them (a store-forwarding stall
 * costs more than the loop). */
static inline uint64_t field_head(const Loader *L, const char *s, size_t len)
{
    uint64_t w = 0;
    size_t n = len < 8 ? len : 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if ((uintptr_t)s - (uintptr_t)L->chunk < L->chunk_len) {
        memcpy(&w, s, sizeof w);
        if (n < 8) w &= ((uint64_t)1 << (8 * n)) - 1;
    } else
#endif
        for (size_t i = 0; i < n; i++) w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return w;
}

/* The hash of a field whose head is `head`, computed only when the table
 * of short texts did not answer. */
static inline uint32_t field_hash(const char *s, size_t len, uint64_t head)
{
    uint64_t h = (head ^ ((uint64_t)len * 0x9E3779B97F4A7C15u)) * 0xFF51AFD7ED558CCDu;
    for (size_t i = 8; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3u; /* FNV-1a step for the rare long field */
    h ^= h >> 32;
    return (uint32_t)(h ^ (h >> 17));
}

/* The code of a raw text already met in the column, RAW_ABSENT if none
 * (RAW_MISSING: a text read as missing, e.g. "NA"). */

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
    d->slots = xcalloc(n_slots, sizeof *d->slots);
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
    free(d->shorts);
    free(d->slots);
    free(d->entries);
    free(d->bytes);
    memset(d, 0, sizeof *d);
}

/* ---- reading values (the parsing of one field is csv_values.c) ------------- */

bool loader_is_missing(const Loader *L, const char *s, size_t len)
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

/* ---- columns ----------------------------------------------------------------- */

/* The column's array (num, codes or bools, whichever its type uses). */
void *colbuild_data(const ColBuild *c)
{
    return c->num ? (void *)c->num : c->codes ? (void *)c->codes : (void *)c->bools;
}

void colbuild_set_data(ColBuild *c, void *data)
{
    if (c->num)
        c->num = data;
    else if (c->codes)
        c->codes = data;
    else
        c->bools = data;
}

size_t type_elem_size(int type)
{
    return type == COL_TEXT ? sizeof(int32_t) : type == COL_BOOL ? sizeof(int8_t) : sizeof(double);
}

/* Everything a Loader owns (csv_loader.h), the first half's or the second's:
 * its columns, its buffers, what it learnt of the columns, its rows' lines,
 * a deferred error and the converter. */
void loader_free(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++) colbuild_free(&L->cols[i]);
    free(L->cols);
    free(L->conv);
    free(L->notes);
    free(L->shifts);
    deferred_error_free(&L->err);
    if (L->cd != (iconv_t)-1) iconv_close(L->cd);
}

void colbuild_free(ColBuild *c)
{
    free(c->name);
    value_release(c->col);
    if (c->block && c->block != colbuild_data(c)) free(c->block);
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
__attribute__((cold, noinline)) void loader_set_type(Loader *L, ColBuild *c, int type)
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
        if (!c->raw.shorts) c->raw.shorts = xcalloc(RAW_SHORTS, sizeof *c->raw.shorts);
        break;
    case COL_BOOL:
        c->bools = xrealloc(NULL, L->cap * sizeof *c->bools);
        for (size_t r = 0; r < L->nrows; r++) c->bools[r] = -1;
        break;
    }
}

__attribute__((cold, noinline)) void loader_ensure_capacity(Loader *L, size_t need)
{
    if (need <= L->cap) return;
    size_t cap = L->cap ? L->cap + L->cap / 2 : 1024;
    if (cap < need) cap = need;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        void *data = colbuild_data(c);
        if (!data) continue;
        size_t size = type_elem_size(c->type);
        if (c->borrowed || (c->block && data == c->block)) {
            /* the estimate for this half was short: its rows (the current
             * one included) move to an array of their own, the block keeps
             * the other half's */
            void *own = xrealloc(NULL, cap * size);
            memcpy(own, data, (L->nrows + 1 < L->cap ? L->nrows + 1 : L->cap) * size);
            colbuild_set_data(c, own);
            c->borrowed = false;
        } else {
            colbuild_set_data(c, xrealloc(data, cap * size));
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
bool loader_to_utf8(Loader *L, const char *s, size_t len, size_t *out_len)
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

/* First time a raw text is seen in a column: a missing-value token, or a
 * text to check (UTF-8) or convert (Windows-1252), look at for a NIR and
 * intern.  Either way the raw table remembers it, so the same bytes later
 * cost one probe.  Out of line: it runs once per distinct value. */
__attribute__((cold, noinline)) static bool intern_new_text(Loader *L, ColBuild *c, size_t field,
                                                            const char *s, size_t len,
                                                            uint64_t head, uint32_t h,
                                                            int32_t *code)
{
    if (loader_is_missing(L, s, len)) {
        *code = RAW_MISSING;
        rawdict_add(&c->raw, s, len, head, h, RAW_MISSING);
        return true;
    }
    StrDict *dict = as_column(c->col)->dict;
    const char *text = s;
    size_t text_len = len;
    char *composed = NULL;
    if (L->enc == CSV_ENC_UTF8) {
        if (utf8_valid_prefix(s, len, false) != len) {
            loader_fail_encoding(L, field, s, len);
            return false;
        }
        if ((composed = utf8_nfc(s, &text_len)) != NULL) text = composed;
    } else {
        if (!loader_to_utf8(L, s, len, &text_len)) {
            loader_fail_encoding(L, field, s, len);
            return false;
        }
        text = L->conv;
    }
    if (text_len >= 13) /* a NIR anywhere in the text, however written */
        note_nir(c, privacy_find_nir(text, text_len), L->line, text, text_len);
    *code = strdict_intern(dict, text, text_len);
    rawdict_add(&c->raw, s, len, head, h, *code);
    free(composed);
    return true;
}

/* Interns a text value (missing: -1).  A short text met before is found
 * by its bytes alone; otherwise the raw bytes are looked up in the
 * column's own table (a stored hash, no conversion), so a value met again
 * costs one probe.  Inlined into the loop over the fields (a call per text
 * field saved and restored six registers). */
static inline __attribute__((always_inline)) void
intern_text(Loader *L, ColBuild *c, size_t field, const char *s, size_t len, int32_t *code)
{
    uint64_t head = field_head(L, s, len);
    RawShort *near = NULL;
    if (len <= 8) { /* all its bytes are in head */
        near = &c->raw.shorts[((head ^ len) * 0x9E3779B97F4A7C15u) >> (64 - RAW_SHORTS_BITS)];
        if (near->head == head && near->len1 == len + 1) {
            *code = near->code;
            return;
        }
    }
    uint32_t h = field_hash(s, len, head);
    if ((*code = rawdict_find(&c->raw, s, len, head, h)) == RAW_ABSENT &&
        !intern_new_text(L, c, field, s, len, head, h, code))
        return; /* refused (an encoding error): remembered nowhere */
    if (near) *near = (RawShort){ head, *code, (uint32_t)len + 1 };
}

/* The note kept on column `field` for the next readings (csv_loader.h). */
__attribute__((cold, noinline)) static ColumnNote *column_note(Loader *L, size_t field)
{
    if (field >= L->n_notes) {
        size_t n = L->ncols > field ? L->ncols : field + 1;
        L->notes = xrealloc(L->notes, n * sizeof *L->notes);
        memset(L->notes + L->n_notes, 0, (n - L->n_notes) * sizeof *L->notes);
        L->n_notes = n;
    }
    return &L->notes[field];
}

/* Remembers that the column is text from now on, and why (the value, its
 * line, `why`: the type the column had, or WHY_ZERO_CODE), for the warning. */
__attribute__((cold, noinline)) static void note_forced(Loader *L, size_t field, const char *s,
                                                        size_t len, int why)
{
    ColumnNote *note = column_note(L, field);
    note->force_text = true;
    note->why_line = L->line;
    note->why_type = why;
    csv_excerpt(s, len, note->why_text, sizeof note->why_text);
}

/* A value did not fit the guessed type (or is a code with a leading zero):
 * read the file again with the column as text, and remember why for the
 * warning. */
__attribute__((cold, noinline)) void loader_demote(Loader *L, size_t field, const char *s,
                                                   size_t len)
{
    int why = field < L->ncols ? L->cols[field].type : COL_TEXT;
    if (why == COL_NUM && csv_is_zero_code(s, len)) why = WHY_ZERO_CODE;
    note_forced(L, field, s, len, why);
    L->restart = true;
    L->failed = true;
}

void colbuild_store_missing(ColBuild *c, size_t r)
{
    if (c->type == TYPE_UNKNOWN) return; /* filled when the type becomes known */
    /* the loader's arrays seen as a column: what missing is, per type, is said once */
    ColumnObj view = { .type = c->type, .num = c->num, .codes = c->codes, .bools = c->bools };
    column_set_missing(&view, r);
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
__attribute__((cold, noinline)) void loader_use_decimal_comma(Loader *L, size_t field)
{
    column_note(L, field)->decimal = ',';
    L->restart = true;
    L->failed = true;
}

/* A value the column's type does not read: missing, an error (declared
 * type) or a reason to read the column as text. */
__attribute__((cold, noinline)) static void store_unfit(Loader *L, ColBuild *c, size_t field,
                                                        const char *s, size_t len)
{
    if (loader_is_missing(L, s, len))
        colbuild_store_missing(c, L->nrows);
    else if (c->type == COL_NUM && !c->decimal && quoted_decimal_comma(L, s, len)) {
        /* "21,5" below integers in a ',' file: read the column again with a decimal comma */
        loader_use_decimal_comma(L, field);
    } else if (c->declared)
        loader_fail_value(L, field, s, len, c->type);
    else
        loader_demote(L, field, s, len);
}

/* The first value of a column whose type is still unknown (only missing
 * values above it): it decides the type, unless declared or forced.  A
 * number written with a leading zero makes a text column (a code); a
 * quoted "21,5" in a ',' file a number column with a decimal comma. */
__attribute__((cold, noinline)) static bool guess_column(Loader *L, ColBuild *c, const char *s,
                                                         size_t len)
{
    if (loader_is_missing(L, s, len)) return false;
    int type = c->force_text ? COL_TEXT : guess_type(L, s, len);
    if (type == COL_NUM && csv_is_zero_code(s, len)) {
        note_forced(L, (size_t)(c - L->cols), s, len, WHY_ZERO_CODE);
        type = COL_TEXT;
    } else if (type == COL_TEXT && !c->force_text && quoted_decimal_comma(L, s, len)) {
        c->decimal = ',';
        type = COL_NUM;
    }
    loader_set_type(L, c, type);
    c->guess_line = L->line;
    csv_excerpt(s, len, c->guess_text, sizeof c->guess_text);
    return true;
}

/* Stores one field in row L->nrows, in every case (loader_on_field() handles the
 * common ones itself).  With the default missing values, which are never
 * numbers, dates or booleans, a value is read first and only one that does
 * not fit is compared with them; a list given with missing: may hold
 * anything ("0", "-"), so it is checked first. */
__attribute__((noinline)) void loader_store_value(Loader *L, size_t field, const char *s,
                                                  size_t len)
{
    ColBuild *c = &L->cols[field];
    size_t r = L->nrows;
    if (__builtin_expect(len == 0, 0)) {
        colbuild_store_missing(c, r);
        return;
    }
    if (__builtin_expect(L->custom_missing, 0) && c->type != COL_TEXT &&
        loader_is_missing(L, s, len)) {
        colbuild_store_missing(c, r);
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
            loader_demote(L, field, s, len); /* "01053": a code, not a number */
            return;
        }
        c->num[r] = v;
        if (__builtin_expect(!c->money &&
                                 ((unsigned)((unsigned char)s[len - 1] - '0') >= 10 ||
                                  (unsigned char)s[0] >= 0x80 || s[0] == 'E' || s[0] == 'e'),
                             0))
            c->money = csv_number_is_money(s, len);
        if (__builtin_expect(v >= 1e12 && v < 3e14, 0) &&
            v == floor(v)) { /* 13 or 15 digits starting 1 or 2: a NIR with or without key */
            char digits[24];
            snprintf(digits, sizeof digits, "%.0f", v);
            note_nir(c, privacy_find_nir(digits, strlen(digits)), L->line, s, len);
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
        char *name = loader_header_name(L, field, s, len);
        if (name) {
            loader_add_column(L, name);
            L->cols[L->ncols - 1].unnamed = len == 0;
        }
        return;
    }
    if (L->opt->header || L->nrows > 0) {
        if (len == 0) return; /* trailing empty fields (a spreadsheet's extra ';') */
        char ex[128], hint[320];
        csv_excerpt(s, len, ex, sizeof ex);
        snprintf(hint, sizeof hint,
                 _("a value that contains the separator '%c' must be written between "
                   "double quotes; otherwise remove the extra field"),
                 L->sep);
        loader_fail(L, L->line, field, hint,
                    _("this row has more fields than the %zu columns of the header"), L->ncols);
        (void)ex; /* a person's value: located, never quoted */
        return;
    }
    char name[32]; /* header: false, first row: it makes the columns */
    snprintf(name, sizeof name, "col%zu", field + 1);
    loader_add_column(L, strdup(name));
    loader_store_value(L, field, s, len);
}

/* Stores field `field` of the current row: a number or a text of a column
 * of that type here, anything else through loader_store_value().  `in_chunk`:
 * s lies in the chunk buffer, followed by readable bytes (csv_loader.h). */
static inline __attribute__((always_inline)) void
store_field(Loader *L, size_t field, const char *s, size_t len, bool in_chunk)
{
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
        /* other forms ("1 234,50 €", "(3,00)") are read by loader_store_value(), which notes a unit */
        /* a word holds at most 8 digits, far below the 13 of a NIR: only a
         * longer number waits for its value to be compared with 1e12 */
        if (((in_chunk && csv_parse_number_word(s, len, L->decimal, &v)) ||
             (csv_parse_number_plain(s, len, L->decimal, &v) &&
              !(v >= 1e12))) &&                                         /* NIR check: below */
            !(s[0] == '0' && len > 1 && (unsigned)(s[1] - '0') < 10)) { /* "01053": below */
            c->num[r] = v;
            return;
        }
    } else if (c->mode == MODE_TEXT) {
        intern_text(L, c, field, s, len, &c->codes[r]);
        return;
    }
    loader_store_value(L, field, s, len);
}

/* libcsv hands each field at the start of its entry buffer (never NULL
 * without CSV_EMPTY_IS_NULL); the loader counts the fields of the row. */
static inline __attribute__((always_inline)) void on_field(void *data, size_t len, void *ctx)
{
    static const char empty[1];
    Loader *L = ctx;
    const char *s = data ? data : empty;
    /* only a quoted field may hold a newline, and a quoted field ends in a
     * chunk that holds its closing quote */
    if (__builtin_expect(L->chunk_has_quote, 0) && len) count_newlines(L, s, len);
    L->row_has_value |= len != 0;
    store_field(L, L->field++, s, len, false);
}

/* A field of a line split in place (csv_split_indexed()): the splitter
 * counts the fields, and no such line holds a quote. */
static inline __attribute__((always_inline)) void on_field_at(void *data, size_t len, size_t field,
                                                              void *ctx)
{
    store_field(ctx, field, data, len, true);
}

void loader_on_field(void *data, size_t len, void *ctx)
{
    on_field(data, len, ctx);
}

__attribute__((cold, noinline)) static void on_other_row(Loader *L)
{
    if (L->in_header) {
        L->in_header = false;
        if (!loader_check_header(L)) L->failed = true;
    } else if (L->field < L->ncols) {
        char hint[320];
        snprintf(hint, sizeof hint,
                 _("each row must have one field per column, separated by '%c'; "
                   "an empty value is written as nothing between two separators"),
                 L->sep);
        loader_fail(L, L->line, L->field - 1, hint,
                    ngettext("this row has %zu field but the header has %zu columns",
                             "this row has %zu fields but the header has %zu columns",
                             (unsigned long)L->field),
                    L->field, L->ncols);
    }
}

__attribute__((cold, noinline)) void loader_note_shift(Loader *L, size_t row, long shift)
{
    if (L->n_shifts == L->cap_shifts) {
        L->cap_shifts = L->cap_shifts ? L->cap_shifts * 2 : 16;
        L->shifts = xrealloc(L->shifts, L->cap_shifts * sizeof *L->shifts);
    }
    L->shifts[L->n_shifts++] = (RowShift){ row, shift };
}

/* The end of a row, or of a blank line (CSV_REPALL_NL reports every line
 * end).  The columns always have room for one more row than read. */
static inline __attribute__((always_inline)) void on_row(int c, void *ctx)
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
                loader_note_shift(L, L->nrows, L->line - (long)L->nrows);
            if (++L->nrows >= L->cap) loader_ensure_capacity(L, L->nrows + 1);
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

void loader_on_row(int c, void *ctx)
{
    on_row(c, ctx);
}

/* The end of a line split in place: what on_field() would have counted. */
static inline __attribute__((always_inline)) void on_row_end(int c, size_t fields, bool any,
                                                             void *ctx)
{
    Loader *L = ctx;
    L->field = fields;
    L->row_has_value = any;
    on_row(c, ctx);
}

/* One chunk of the file: the callbacks inlined into csv_split()'s loops. */
size_t loader_parse(Loader *L, struct csv_parser *p, char *buf, size_t n)
{
    return csv_split_indexed(p, buf, n, on_field, on_row, on_field_at, on_row_end, L);
}
