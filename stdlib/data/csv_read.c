/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_read.c — csv(): streams a CSV file through libcsv into a
 * column-oriented table (contract in csv_read.h; the reader's files are
 * listed in csv_loader.h).
 *
 * Design, for a 1,000,000-row file to load in a few tenths of a second with
 * little more memory than its columns:
 *   - the file is read in 1 MB chunks and handed to libcsv, which calls
 *     loader_on_field() for each field and loader_on_row() at each row end
 *     (csv_fields.c); nothing keeps the whole file;
 *   - a column's type is guessed from its first non-missing value; when a
 *     later value does not fit (a word in a number column), the file is read
 *     again with that column as text, rather than keeping every field's text
 *     "just in case";
 *   - the row count is estimated from the first 64 KB, so the column arrays
 *     are allocated about once, then trimmed to size;
 *   - a big file is read in two halves by two threads (csv_parallel.c).
 * Row numbers in messages are physical lines: libcsv is run with
 * CSV_REPALL_NL so every line end is reported, and newlines inside quoted
 * fields are counted; where each data row starts is kept (RowShift) for
 * csv_row_line() (csv_rows.c).
 */
#include "runtime/disclosure.h"
#include "stdlib/data/csv_loader.h"

#include <errno.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lang/utf8.h"
#include "stdlib/data/table.h"

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
                 _("the file is saved in UTF-16, which impact does not read"));
        rt_hint(L->I, _("save it again as \"CSV UTF-8\" (or \"CSV (séparateur: point-virgule)\")"));
        return -1;
    }
    if (L->enc == CSV_ENC_AUTO) {
        L->enc =
            utf8_valid_prefix((const char *)s, len, true) == len ? CSV_ENC_UTF8 : CSV_ENC_CP1252;
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

void loader_reset_columns(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++) colbuild_free(&L->cols[i]);
    L->ncols = 0;
    L->cap = 0;
}

/* A trailing separator in the header ("id;x;") names an empty last column:
 * when no row has a value there, it is no column at all. */
static void loader_drop_trailing_unnamed(Loader *L)
{
    while (L->ncols > 1 && L->cols[L->ncols - 1].unnamed &&
           L->cols[L->ncols - 1].type == TYPE_UNKNOWN)
        colbuild_free(&L->cols[--L->ncols]);
}

/* Hands each column's array to its ColumnObj, trimmed to the row count. */
static Value loader_build_table(Loader *L, const char *path)
{
    Value table = value_table_new(L->ncols);
    size_t n = L->nrows;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (c->type == TYPE_UNKNOWN) {
            loader_set_type(L, c, COL_TEXT); /* only missing values: an empty text column */
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
    disclosure_mark_people(t, L->opt->min_cell);
    disclosure_track_rows(L->I, t);
    return table;
}

static FILE *open_data(Interp *I, const char *path, const char *shown, const CsvOptions *opt,
                       size_t *size)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
        int err = f ? EISDIR : errno;
        if (f) fclose(f);
        rt_raise(I, opt->call, _("cannot read the data file '%s' (tried %s): %s"), shown, path,
                 strerror(err));
        /* -e and the REPL have no model file: there, the current folder */
        if (opt->call.file && opt->call.file[0] == '<')
            rt_hint(I, _("check the file name; a relative path is read from the current folder"));
        else
            rt_hint(I,
                    _("check the file name; a relative path is read from the folder of the "
                      "model file"));
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

/* True when the first line holds the character sep outside quotes. */
static bool first_line_holds(const unsigned char *s, size_t len, char sep)
{
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == (unsigned char)sep)
            return true;
    }
    return false;
}

/* True when the first line holds a ';', ',' or tab outside quotes. */
static bool has_separator(const unsigned char *s, size_t len)
{
    return first_line_holds(s, len, ';') || first_line_holds(s, len, ',') ||
        first_line_holds(s, len, '\t');
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

/* encoding: "cp1252" on a file whose accents are valid UTF-8 sequences (at
 * least 2, and 9 in 10 of its non-ASCII sequences in the first 64 KB): read
 * as Windows-1252, each "ç" would become "Ã§".  A real Windows-1252 text
 * almost never forms such pairs (an accented capital then a symbol). */
void loader_warn_utf8_read_as_cp1252(Loader *L, const unsigned char *s, size_t len)
{
    size_t multi, bad;
    csv_utf8_census(s, len, &multi, &bad);
    if (multi < 2 || multi < 9 * bad) return;
    const unsigned char *p = s;
    while (p < s + len &&
           (*p < 0x80 ||
            utf8_valid_prefix((const char *)p,
                              (size_t)(s + len - p) < 4 ? (size_t)(s + len - p) : 4, false) == 0))
        p++;
    size_t n = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2, garbled_len = 0;
    char garbled[32] = "";
    if (p < s + len && loader_to_utf8(L, (const char *)p, n, &garbled_len) &&
        garbled_len < sizeof garbled) {
        memcpy(garbled, L->conv, garbled_len);
        garbled[garbled_len] = 0;
    }
    rt_warn(
        L->I, L->opt->call,
        _("%s is read as Windows-1252 (encoding: \"cp1252\") but looks like UTF-8: %zu accented "
          "characters of its first lines are UTF-8 sequences, which Windows-1252 garbles "
          "(\"%.*s\" becomes \"%s\"); remove the encoding option, or use encoding: \"utf-8\""),
        L->shown, multi, (int)n, (const char *)p, garbled);
}

void loader_drop_empty_nir_columns(Loader *L)
{
    for (size_t i = 0; i < L->ncols;) {
        ColBuild *c = &L->cols[i];
        if (!c->nir_title || c->type != TYPE_UNKNOWN || L->ncols == 1) {
            i++;
            continue;
        }
        rt_note(L->I, loc_data(L->I, L->shown, (int)L->header_line, (int)i + 1),
                _("the column '%s' (social security numbers) is empty: it is dropped"), c->name);
        colbuild_free(c);
        memmove(c, c + 1, (L->ncols - i - 1) * sizeof *c);
        L->ncols--;
    }
}

/* The first chunk of the file: its encoding (and byte-order mark), Excel's
 * "sep=" line, the separator and the decimal mark.  *skip_out: the bytes
 * before the header line. */
static bool read_layout(Loader *L, char *buf, size_t n, int *skip_out)
{
    Interp *I = L->I;
    const CsvOptions *opt = L->opt;
    const char *shown = L->shown;
    int skip = detect_encoding(L, (unsigned char *)buf, n);
    if (skip < 0) return false;
    if (n == (size_t)skip) {
        rt_raise(I, opt->call, _("the data file '%s' is empty"), shown);
        rt_hint(I, _("export the data again, with a header line naming the columns"));
        return false;
    }
    char directive = 0;
    size_t directive_len = sep_directive((unsigned char *)buf + skip, n - (size_t)skip, &directive);
    if (directive_len) { /* Excel's "sep=;" line: obeyed, then skipped */
        skip += (int)directive_len;
        L->first_line = 2;
        if (n == (size_t)skip) {
            rt_raise(I, opt->call, _("the data file '%s' holds only the line \"sep=%c\""), shown,
                     directive);
            rt_hint(I, _("export the data again, with a header line naming the columns"));
            return false;
        }
    }
    bool one_column = false;
    L->sep = opt->sep ? opt->sep
        : directive   ? directive
                      : csv_detect_separator((unsigned char *)buf + skip, n - (size_t)skip);
    const unsigned char *first = (unsigned char *)buf + skip;
    size_t first_len = n - (size_t)skip;
    /* sep: ";" on a comma-separated file: its first quoted comma would be
     * told as a misplaced quote; the first line's own separator says why */
    if (opt->sep && !directive && !first_line_holds(first, first_len, opt->sep)) {
        char guess = csv_detect_separator(first, first_len);
        if (guess != opt->sep && first_line_holds(first, first_len, guess))
            L->sep_suggested = guess;
    }
    if (!opt->sep && !directive && !has_separator(first, first_len)) {
        /* no separator on the first line: a file of one column, in which a
         * comma can only be a decimal mark ("1,5") */
        one_column = true;
        L->sep = ';';
    }
    L->decimal = opt->decimal ? opt->decimal
        : one_column          ? one_column_decimal((unsigned char *)buf + skip, n - (size_t)skip)
                              : (L->sep == ';' ? ',' : '.');
    /* sep: "," with decimal: "," is read: a number with a decimal comma is
     * then quoted ("21,5"), which RFC 4180 makes unambiguous */
    if (L->decimal == L->sep && L->sep != ',') {
        rt_raise(I, opt->call, _("the separator and the decimal mark are both '%c'"), L->sep);
        rt_hint(
            I,
            _("French files use sep: \";\" with decimal: \",\"; others sep: \",\" with decimal: "
              "\".\""));
        return false;
    }
    if (L->enc == CSV_ENC_CP1252 && (L->cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1) {
        rt_raise(I, opt->call, _("this system cannot convert Windows-1252 text (iconv)"));
        return false;
    }
    if (opt->encoding == CSV_ENC_CP1252)
        loader_warn_utf8_read_as_cp1252(L, (const unsigned char *)buf + skip, n - (size_t)skip);
    *skip_out = skip;
    return true;
}

/* Every row, read again while a later value contradicts a column's guessed
 * type; then the checks and warnings on the whole file, and the table. */
static bool read_rows(Loader *L, FILE *f, int skip, size_t size, char *buf, Value *out)
{
    Interp *I = L->I;
    const CsvOptions *opt = L->opt;
    const char *shown = L->shown;
    /* A guess that a later value contradicts makes the column text and the
     * file is read again; each reading fixes at least one more column, so
     * this ends. */
    bool parallel = size >= PARALLEL_MIN && interp_settings(I)->threads >= 2;
    for (;;) {
        loader_reset_columns(L);
        if (parallel ? loader_read_parallel(L, f, L->path, (size_t)skip, size, buf)
                     : loader_read_pass(L, f, (size_t)skip, size, buf))
            break;
        if (!L->restart) return false;
    }
    if (L->ncols == 0) {
        rt_raise(I, opt->call, _("the data file '%s' holds only blank lines"), shown);
        rt_hint(I, _("export the data again, with a header line naming the columns"));
        return false;
    }
    if (!loader_refuse_nir_content(L)) return false;
    loader_drop_trailing_unnamed(L);
    if (L->n_blank)
        rt_warn(
            I, loc_data(I, shown, (int)L->first_blank, 1),
            ngettext("%zu row made only of separators (\"%c%c%c\") was skipped as a blank line",
                     "%zu rows made only of separators (\"%c%c%c\") were skipped as blank lines",
                     (unsigned long)L->n_blank),
            L->n_blank, L->sep, L->sep, L->sep);
    loader_warn_repeated(L);
    loader_warn_demoted(L);
    loader_warn_times(L);
    loader_drop_empty_nir_columns(L);
    *out = loader_build_table(L, L->path);
    loader_remember_rows(L, *out);
    return true;
}

/* The longest first line whose separator is guessed: 16 MiB (a header of
 * a million columns); the layout is guessed on the whole first line. */
#define FIRST_LINE_MAX ((size_t)16 << 20)

/* The first bytes of f for read_layout(): FIRST_CHUNK, or more when the
 * first line is longer (an export of many columns), up to its line end or
 * FIRST_LINE_MAX.  *layout is buf, or a buffer of its own to free; NULL
 * (an error raised) when the first line is longer than FIRST_LINE_MAX and
 * no sep: says the separator. */
static size_t read_first_line(Loader *L, FILE *f, char *buf, char **layout)
{
    size_t n = fread(buf, 1, FIRST_CHUNK, f);
    *layout = buf;
    if (n < FIRST_CHUNK || memchr(buf, '\n', n)) return n;
    size_t cap = 4 * FIRST_CHUNK;
    char *line = xmalloc(cap);
    memcpy(line, buf, n);
    for (size_t got = 1; got > 0 && !memchr(line + n - got, '\n', got) && n < FIRST_LINE_MAX;) {
        if (n == cap) line = xrealloc(line, cap *= 2);
        got = fread(line + n, 1, cap - n, f);
        n += got;
    }
    *layout = line;
    if (n >= FIRST_LINE_MAX && !memchr(line, '\n', n) && !L->opt->sep) {
        rt_raise(
            L->I, loc_data(L->I, L->shown, 1, 1),
            _("the first line of '%s' is longer than %zu MiB: its separator cannot be guessed"),
            L->shown, FIRST_LINE_MAX >> 20);
        rt_hint(L->I, _("give the separator: sep: \";\", sep: \",\" or sep: \"\\t\""));
        free(line);
        *layout = NULL;
    }
    return n;
}

bool csv_read(Interp *I, const char *path, const char *shown, const CsvOptions *opt, Value *out)
{
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
    char *buf = xcalloc(1, CHUNK_ALLOC);
    char *layout;
    size_t n = read_first_line(&L, f, buf, &layout);
    int skip = 0;
    bool ok = layout && read_layout(&L, layout, n, &skip);
    if (layout != buf) free(layout);
    ok = ok && read_rows(&L, f, skip, size, buf, out);
    free(buf);
    fclose(f);
    loader_free(&L);
    return ok;
}
