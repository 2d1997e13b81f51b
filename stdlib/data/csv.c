/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv.c — the built-ins csv() and write_csv().
 *
 * csv(PATH, sep:, decimal:, encoding:, types:, header:, missing:, min_cell:,
 * expected_repeats:, multi:) reads a file into a table (the reading itself
 * is csv_read.c; the columns of label sets of multi: are labels.c);
 * write_csv(T, PATH, sep:, decimal:, header:, digits:) writes one
 * through runtime/safe_write.c (temporary file, fsync, rename: a crash or
 * Ctrl-C never leaves half a file); PATH "-" is the standard output.  Both
 * ask file_access() first (runtime/files.c): relative paths are taken from
 * the folder of the model file that makes the call, inside the project.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>
#include <iconv.h>

#include "lang/i18n.h"
#include "runtime/disclosure.h"
#include "runtime/safe_write.h"
#include "lang/i18n.h"
#include "stdlib/data/csv_read.h"
#include "stdlib/data/labels.h"
#include "stdlib/data/sheet.h"
#include "runtime/mem.h"
#include "stdlib/core/dates.h"
#include "stdlib/stdlib.h"

/* ---- options ------------------------------------------------------------------- */

static bool named_string(Interp *I, const CallArgs *a, const char *name, const char **out,
                         SrcLoc *loc)
{
    Value v;
    if (!arg_named(a, name, &v, loc)) return true;
    if (v.kind != V_STR)
        return rt_raise(I, *loc, _("%s: the option %s must be text, got a %s"), a->reg->name, name,
                        value_kind_name(v));
    *out = as_str(v)->data;
    return true;
}

static bool one_char_option(Interp *I, const CallArgs *a, const char *name, char *out)
{
    const char *s = NULL;
    SrcLoc loc;
    if (!named_string(I, a, name, &s, &loc)) return false;
    if (!s) return true;
    if (strcmp(s, "\\t") == 0 || strcmp(s, "tab") == 0) s = "\t";
    if (strlen(s) != 1) {
        rt_raise(I, loc, _("%s: %s must be one character, got \"%s\""), a->reg->name, name, s);
        return rt_hint(I, _("for example sep: \";\" or decimal: \",\""));
    }
    *out = s[0];
    return true;
}

static bool parse_type_name(const char *s, ColType *out)
{
    static const struct {
        const char *name;
        ColType type;
    } names[] = {
        { "number", COL_NUM }, { "numeric", COL_NUM },  { "integer", COL_NUM },
        { "nombre", COL_NUM }, { "text", COL_TEXT },    { "string", COL_TEXT },
        { "texte", COL_TEXT }, { "date", COL_DATE },    { "boolean", COL_BOOL },
        { "bool", COL_BOOL },  { "booléen", COL_BOOL },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(s, names[i].name) == 0) {
            *out = names[i].type;
            return true;
        }
    return false;
}

static bool types_option(Interp *I, const CallArgs *a, CsvDeclared **out, size_t *n)
{
    Value v;
    SrcLoc loc;
    *out = NULL;
    *n = 0;
    if (!arg_named(a, "types", &v, &loc)) return true;
    if (v.kind != V_RECORD) {
        rt_raise(
            I, loc,
            _("csv: types must be a record such as {age: \"number\", entry: \"date\"}, got a %s"),
            value_kind_name(v));
        return false;
    }
    RecordObj *r = as_record(v);
    *out = calloc(r->n ? r->n : 1, sizeof **out);
    for (size_t i = 0; i < r->n; i++) {
        SrcLoc at = r->locs[i].file ? r->locs[i] : loc;
        if (r->vals[i].kind != V_STR ||
            !parse_type_name(as_str(r->vals[i])->data, &(*out)[i].type)) {
            rt_raise(I, at,
                     _("csv: the type of column '%s' must be \"number\", \"text\", \"date\" or "
                       "\"boolean\""),
                     r->keys[i]);
            free(*out);
            *out = NULL;
            return false;
        }
        (*out)[i].name = r->keys[i];
        (*out)[i].loc = at;
    }
    *n = r->n;
    return true;
}

static bool missing_option(Interp *I, const CallArgs *a, const char ***out, size_t *n)
{
    Value v;
    SrcLoc loc;
    *out = NULL;
    *n = 0;
    if (!arg_named(a, "missing", &v, &loc)) return true;
    if (v.kind != V_LIST)
        return rt_raise(I, loc,
                        _("csv: missing must be a list of texts such as [\"\", \"NA\", \"-\"]"));
    ListObj *l = as_list(v);
    *out = calloc(l->n + 1, sizeof **out);
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].kind != V_STR) {
            free(*out);
            *out = NULL;
            return rt_raise(I, loc, _("csv: missing must hold texts only; item %zu is a %s"), i + 1,
                            value_kind_name(l->items[i]));
        }
        (*out)[i] = as_str(l->items[i])->data;
    }
    /* an empty field is always missing: keep it in the list */
    (*out)[l->n] = "";
    *n = l->n + 1;
    return true;
}

/* expected_repeats: ["Title", ...] — a library that knows an export repeats
 * some titles on purpose (enDI repeats one per career step) says so, and the
 * renaming of those copies needs no warning; any other repetition is still
 * reported. */
static bool expected_repeats_option(Interp *I, const CallArgs *a, CsvOptions *o)
{
    Value v;
    SrcLoc loc;
    if (!arg_named(a, "expected_repeats", &v, &loc)) return true;
    if (v.kind != V_LIST)
        return rt_raise(I, loc, _("csv: expected_repeats must be a list of column titles"));
    ListObj *l = as_list(v);
    const char **titles = calloc(l->n ? l->n : 1, sizeof *titles);
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].kind != V_STR) {
            free(titles);
            return rt_raise(I, loc,
                            _("csv: expected_repeats must hold titles (texts); item %zu is a %s"),
                            i + 1, value_kind_name(l->items[i]));
        }
        titles[i] = as_str(l->items[i])->data;
    }
    o->expected_repeats = titles;
    o->n_expected_repeats = l->n;
    return true;
}

static bool check_option_names(Interp *I, const CallArgs *a, const char *const *known,
                               const char *list)
{
    for (size_t i = 0; i < a->nnamed; i++) {
        size_t k = 0;
        while (known[k] && strcmp(known[k], a->names[i]) != 0) k++;
        if (!known[k]) {
            rt_raise(I, a->named_loc[i], _("%s has no option '%s'"), a->reg->name, a->names[i]);
            return rt_hint(I, _("its options are: %s"), list);
        }
    }
    return true;
}

/* multi: ["Title", ...] — the columns whose cells hold several labels joined
 * by line breaks (labels.h).  The titles are borrowed from the call. */
typedef struct MultiOption {
    const char **titles;
    SrcLoc *locs;
    size_t n;
} MultiOption;

static bool multi_option(Interp *I, const CallArgs *a, MultiOption *m)
{
    Value v;
    SrcLoc loc;
    memset(m, 0, sizeof *m);
    if (!arg_named(a, "multi", &v, &loc)) return true;
    if (v.kind != V_LIST) {
        rt_raise(I, loc, _("csv: multi must be a list of column titles, got a %s"),
                 value_kind_name(v));
        return rt_hint(I, _("for example multi: [\"Statut social à l’entrée\"]"));
    }
    ListObj *l = as_list(v);
    m->titles = xcalloc(l->n + 1, sizeof *m->titles);
    m->locs = xcalloc(l->n + 1, sizeof *m->locs);
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].kind != V_STR) {
            free(m->titles);
            free(m->locs);
            return rt_raise(I, loc, _("csv: multi must hold titles (texts); item %zu is a %s"),
                            i + 1, value_kind_name(l->items[i]));
        }
        m->titles[i] = as_str(l->items[i])->data;
        m->locs[i] = loc;
    }
    m->n = l->n;
    return true;
}

/* After reading: the columns of label sets, then the warning about the
 * other columns whose cells hold line breaks (declared ones excepted). */
static bool finish_labels(Interp *I, const CallArgs *a, const CsvOptions *opt, const char *shown,
                          Value table)
{
    MultiOption m;
    if (!multi_option(I, a, &m)) return false;
    bool ok = labels_apply_multi(I, table, shown, m.titles, m.locs, m.n);
    if (ok) {
        const char **declared = xcalloc(opt->n_declared + 1, sizeof *declared);
        for (size_t i = 0; i < opt->n_declared; i++) declared[i] = opt->declared[i].name;
        labels_warn_line_breaks(I, table, shown, declared, opt->n_declared);
        free(declared);
    }
    free(m.titles);
    free(m.locs);
    return ok;
}

static bool read_options(Interp *I, const CallArgs *a, CsvOptions *o)
{
    static const char *const known[] = { "sep",    "decimal", "encoding", "types",
                                         "header", "missing", "min_cell", "expected_repeats",
                                         "multi",  "sheet",   NULL };
    if (!check_option_names(
            I, a, known,
            "sep, decimal, encoding, types, header, missing, min_cell, expected_repeats, multi, "
            "sheet"))
        return false;
    memset(o, 0, sizeof *o);
    o->header = true;
    o->call = a->loc;
    if (!one_char_option(I, a, "sep", &o->sep) || !one_char_option(I, a, "decimal", &o->decimal))
        return false;
    const char *enc = NULL;
    SrcLoc loc;
    if (!named_string(I, a, "encoding", &enc, &loc)) return false;
    if (enc) {
        if (!strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8"))
            o->encoding = CSV_ENC_UTF8;
        else if (!strcasecmp(enc, "cp1252") || !strcasecmp(enc, "windows-1252") ||
                 !strcasecmp(enc, "latin1") || !strcasecmp(enc, "latin-1") ||
                 !strcasecmp(enc, "iso-8859-1") || !strcasecmp(enc, "ansi"))
            o->encoding = CSV_ENC_CP1252;
        else {
            rt_raise(I, loc, _("csv: unknown encoding \"%s\""), enc);
            return rt_hint(
                I,
                _("use encoding: \"utf-8\" or encoding: \"cp1252\" (Windows-1252, Excel's "
                  "default in France)"));
        }
    }
    Value v;
    if (arg_named(a, "header", &v, &loc)) {
        if (v.kind != V_BOOL) return rt_raise(I, loc, _("csv: header must be true or false"));
        o->header = v.as.boolean;
    }
    if (arg_named(a, "min_cell", &v, &loc)) {
        if (v.kind != V_NUM || v.as.num < 0 || v.as.num != floor(v.as.num) || v.as.num > 1e6)
            return rt_raise(
                I, loc,
                _("csv: min_cell must be a whole number of people (0 or 1 turns suppression off)"));
        o->min_cell = v.as.num == 0 ? 1 : (int)v.as.num;
        if (!disclosure_allows_threshold(I, a, v, o->min_cell, loc)) return false;
    }
    CsvDeclared *decl;
    const char **missing;
    if (!types_option(I, a, &decl, &o->n_declared)) return false;
    o->declared = decl;
    if (!missing_option(I, a, &missing, &o->n_missing)) {
        free(decl);
        return false;
    }
    o->missing = missing;
    if (!expected_repeats_option(I, a, o)) {
        free(decl);
        free(missing);
        return false;
    }
    return true;
}

/* sheet: "Name" or N — which sheet of a spreadsheet (1 = the first). */
static bool sheet_option(Interp *I, const CallArgs *a, SheetChoice *c, bool *given)
{
    Value v;
    memset(c, 0, sizeof *c);
    c->number = 1;
    c->loc = a->loc;
    *given = arg_named(a, "sheet", &v, &c->loc);
    if (!*given) return true;
    if (v.kind == V_STR) {
        c->name = as_str(v)->data;
        return true;
    }
    if (v.kind == V_NUM && v.as.num >= 1 && v.as.num <= 65535 && v.as.num == floor(v.as.num)) {
        c->number = (int)v.as.num;
        return true;
    }
    rt_raise(I, c->loc, _("csv: sheet must be the name of a sheet or its number (1 = the first)"));
    return rt_hint(I, _("for example sheet: \"Export\" or sheet: 2"));
}

/* A CSV file, or one sheet of a spreadsheet written as CSV to a private
 * temporary file and read as CSV (sheet.h); any other binary file is
 * refused with what it looks like. */
static bool read_data_file(Interp *I, const CallArgs *a, const char *full, const char *shown,
                           CsvOptions *opt, Value *out)
{
    SheetChoice choice;
    bool given;
    if (!sheet_option(I, a, &choice, &given)) return false;
    choice.call = opt->call;
    const char *what = NULL;
    SheetKind kind = sheet_sniff(full, &what);
    if (kind == SHEET_OTHER) {
        rt_raise(I, opt->call, _("%s is not a CSV file (it looks like %s)"), shown, _(what));
        return rt_hint(I,
                       _("csv() reads CSV files and spreadsheets (.xlsx, .ods, .xls); export "
                         "the data as CSV, or as a spreadsheet, from the program that made it"));
    }
    if (kind == SHEET_NONE) {
        if (given) {
            rt_raise(I, choice.loc,
                     _("csv: %s is a text file, not a spreadsheet: it has no sheets"), shown);
            return rt_hint(
                I, _("remove sheet:, which chooses a sheet of an .xlsx, .ods or .xls file"));
        }
        return csv_read(I, full, shown, opt, out);
    }
    char *tmp = NULL;
    if (!sheet_to_csv(I, full, shown, kind, &choice, &tmp)) return false;
    opt->sep = ';'; /* as sheet_to_csv writes it */
    opt->decimal = '.';
    opt->encoding = CSV_ENC_UTF8;
    bool ok = csv_read(I, tmp, shown, opt, out);
    unlink(tmp);
    free(tmp);
    return ok;
}

static bool builtin_csv(Interp *I, const CallArgs *a, Value *out)
{
    const char *path;
    if (!arg_string(I, a, 0, "path", &path)) return false;
    CsvOptions opt;
    if (!read_options(I, a, &opt)) return false;
    opt.call = arg_loc(a, 0);
    char *full;
    if (!file_access(I, a, 0, FILE_READ, &full)) {
        free((void *)opt.declared);
        free((void *)opt.missing);
        free((void *)opt.expected_repeats);
        return false;
    }
    bool ok = read_data_file(I, a, full, path, &opt, out);
    if (ok && !finish_labels(I, a, &opt, path, *out)) {
        value_release(*out);
        *out = value_nil();
        ok = false;
    }
    free(full);
    free((void *)opt.declared);
    free((void *)opt.missing);
    free((void *)opt.expected_repeats);
    return ok;
}

/* ---- writing ------------------------------------------------------------------- */

typedef struct WriteOptions {
    char sep, decimal;
    bool header;
    int digits; /* -1 = shortest exact form */
    iconv_t cd; /* UTF-8 -> Windows-1252, or (iconv_t)-1 for UTF-8 output */
    char *conv;
    size_t conv_cap;
    char *bad; /* first text that Windows-1252 cannot hold (malloc'ed) */
} WriteOptions;

/* Converts s to Windows-1252 when asked; on a character it cannot hold,
 * remembers the text and writes '?' in its place. */
static void encode(WriteOptions *w, const char **s, size_t *len)
{
    if (w->cd == (iconv_t)-1) return;
    if (w->conv_cap < *len + 1) {
        w->conv_cap = *len * 2 + 64;
        w->conv = xrealloc(w->conv, w->conv_cap);
    }
    char *in = (char *)*s, *out = w->conv;
    size_t in_left = *len, out_left = w->conv_cap;
    iconv(w->cd, NULL, NULL, NULL, NULL);
    while (in_left > 0 && iconv(w->cd, &in, &in_left, &out, &out_left) == (size_t)-1) {
        if (!w->bad) w->bad = strndup(*s, *len);
        /* skip one UTF-8 character */
        do {
            in++;
            in_left--;
        } while (in_left > 0 && ((unsigned char)*in & 0xC0) == 0x80);
        if (out_left > 0) {
            *out++ = '?';
            out_left--;
        }
    }
    *s = w->conv;
    *len = w->conv_cap - out_left;
}

static void write_field(FILE *f, const char *s, size_t len, WriteOptions *w)
{
    char sep = w->sep;
    encode(w, &s, &len);
    bool quote = len > 0 && (s[0] == ' ' || s[len - 1] == ' ');
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (quote)
        csv_fwrite(f, s, len); /* libcsv: quotes, doubling inner quotes */
    else
        fwrite(s, 1, len, f);
}

/* The shortest text that reads back as the same double, or a fixed number
 * of decimals. */
static void format_number(double v, const WriteOptions *w, char *buf, size_t size)
{
    if (w->digits >= 0) {
        double scale = pow(10, w->digits);
        double r = round(v * scale) / scale;
        snprintf(buf, size, "%.*f", w->digits, r);
        /* trim trailing zeros: 5.2100 -> 5.21, 3.000 -> 3 */
        char *dot = strchr(buf, '.');
        if (dot) {
            char *end = buf + strlen(buf) - 1;
            while (end > dot && *end == '0') *end-- = 0;
            if (end == dot) *end = 0;
        }
        if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
    } else {
        for (int prec = 15; prec <= 17; prec++) {
            snprintf(buf, size, "%.*g", prec, v);
            if (strtod(buf, NULL) == v) break;
        }
    }
    if (w->decimal != '.')
        for (char *p = buf; *p; p++)
            if (*p == '.') *p = w->decimal;
}

static void write_cell(FILE *f, const ColumnObj *c, size_t r, WriteOptions *w)
{
    char buf[64];
    switch (c->type) {
    case COL_NUM:
        if (!isnan(c->num[r])) {
            format_number(c->num[r], w, buf, sizeof buf);
            write_field(f, buf, strlen(buf), w);
        }
        break;
    case COL_DATE:
        if (!isnan(c->num[r])) {
            date_format(c->num[r], buf, sizeof buf);
            fputs(buf, f);
        }
        break;
    case COL_BOOL:
        if (c->bools[r] >= 0) fputs(c->bools[r] ? "true" : "false", f);
        break;
    case COL_TEXT:
        if (c->codes[r] >= 0)
            write_field(f, c->dict->strs[c->codes[r]], c->dict->lens[c->codes[r]], w);
        break;
    }
}

static void write_table(FILE *f, const TableObj *t, WriteOptions *w)
{
    if (w->header) {
        for (size_t j = 0; j < t->ncols; j++) {
            if (j) fputc(w->sep, f);
            write_field(f, t->names[j], strlen(t->names[j]), w);
        }
        fputc('\n', f);
    }
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t j = 0; j < t->ncols; j++) {
            if (j) fputc(w->sep, f);
            write_cell(f, t->cols[j], r, w);
        }
        fputc('\n', f);
    }
}

static bool write_options(Interp *I, const CallArgs *a, WriteOptions *w)
{
    static const char *const known[] = { "sep", "decimal", "header", "digits", "encoding", NULL };
    if (!check_option_names(I, a, known, "sep, decimal, header, digits, encoding")) return false;
    memset(w, 0, sizeof *w);
    w->cd = (iconv_t)-1;
    w->sep = ',';
    w->decimal = 0;
    w->header = true;
    w->digits = -1;
    if (!one_char_option(I, a, "sep", &w->sep) || !one_char_option(I, a, "decimal", &w->decimal))
        return false;
    if (!w->decimal) w->decimal = w->sep == ';' ? ',' : '.';
    if (w->decimal == w->sep)
        return rt_raise(I, a->loc, _("write_csv: the separator and the decimal mark are both '%c'"),
                        w->sep);
    Value v;
    SrcLoc loc;
    if (arg_named(a, "header", &v, &loc)) {
        if (v.kind != V_BOOL) return rt_raise(I, loc, _("write_csv: header must be true or false"));
        w->header = v.as.boolean;
    }
    if (arg_named(a, "digits", &v, &loc)) {
        if (v.kind != V_NUM || v.as.num < 0 || v.as.num > 15 || v.as.num != floor(v.as.num))
            return rt_raise(I, loc, _("write_csv: digits must be a whole number from 0 to 15"));
        w->digits = (int)v.as.num;
    }
    const char *enc = NULL;
    if (!named_string(I, a, "encoding", &enc, &loc)) return false;
    if (enc && strcasecmp(enc, "utf-8") && strcasecmp(enc, "utf8")) {
        if (strcasecmp(enc, "cp1252") && strcasecmp(enc, "windows-1252")) {
            rt_raise(I, loc, _("write_csv: unknown encoding \"%s\""), enc);
            return rt_hint(
                I,
                _("use encoding: \"utf-8\" (the default) or encoding: \"cp1252\" (Windows-1252)"));
        }
        w->cd = iconv_open("WINDOWS-1252", "UTF-8");
        if (w->cd == (iconv_t)-1)
            return rt_raise(I, loc, _("this system cannot convert text to Windows-1252 (iconv)"));
    }
    return true;
}

static void write_options_free(WriteOptions *w)
{
    if (w->cd != (iconv_t)-1) iconv_close(w->cd);
    free(w->conv);
    free(w->bad);
}

/* After writing: a text Windows-1252 could not hold is an error. */
static bool check_encoded(Interp *I, const CallArgs *a, WriteOptions *w)
{
    if (!w->bad) return true;
    rt_raise(I, a->loc, _("write_csv: \"%.60s\" has a character that Windows-1252 cannot hold"),
             w->bad);
    return rt_hint(I,
                   _("write the file in UTF-8 (leave out encoding:), or replace that character"));
}

static bool builtin_write_csv(Interp *I, const CallArgs *a, Value *out)
{
    TableObj *t;
    const char *path;
    WriteOptions w;
    if (!arg_table(I, a, 0, "table", &t) || !arg_string(I, a, 1, "path", &path) ||
        !write_options(I, a, &w))
        return false;
    bool to_stdout = strcmp(path, "-") == 0;
    char *full = NULL;
    if (!to_stdout && !file_access(I, a, 1, FILE_WRITE, &full)) {
        free(full);
        write_options_free(&w);
        return false;
    }
    if (!disclosure_may_list(I, a->pos[0])) { /* rows about people, one by one */
        free(full);
        write_options_free(&w);
        return disclosure_refuse_listing(I, a->pos[0], LISTING_WRITE, arg_loc(a, 0));
    }
    if (to_stdout) {
        write_table(stdout, t, &w);
        fflush(stdout);
        bool ok = check_encoded(I, a, &w);
        write_options_free(&w);
        *out = value_nil();
        return ok;
    }
    SafeWrite file;
    if (!safe_write_open(I, &file, full, path, arg_loc(a, 1))) {
        free(full);
        write_options_free(&w);
        return false;
    }
    write_table(file.stream, t, &w);
    bool ok;
    if (w.bad) { /* nothing written: the previous file stays */
        safe_write_abort(&file);
        ok = check_encoded(I, a, &w);
    } else {
        ok = safe_write_commit(I, &file, arg_loc(a, 1));
    }
    free(full);
    write_options_free(&w);
    *out = value_nil();
    return ok;
}

const BuiltinReg csv_builtins[] = {
#include "stdlib/data/csv.def"
    { 0 },
};
