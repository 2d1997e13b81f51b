/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_messages.c — what the CSV reader tells the user: errors located at
 * FILE:ROW:COLUMN with a hint (raised, or kept for after the join when the
 * second reading thread meets them) and the warnings given once a file is
 * read (columns read as text and why, dates with a time of day, a UTF-8
 * file read as Windows-1252), and the refusal of a column of NIRs.
 */
#include "stdlib/data/csv_loader.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "lang/i18n.h"
#include "lang/utf8.h"

void loader_fail(Loader *L, long line, size_t field, const char *hint, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    L->failed = true;
    if (L->deferred) {
        if (!L->err.msg)
            L->err = (DeferredError){ xstrdup(msg), hint ? xstrdup(hint) : NULL, line, field };
        return;
    }
    rt_raise(L->I, loc_data(L->I, L->shown, (int)line, (int)field + 1), "%s", msg);
    if (hint) rt_hint(L->I, "%s", hint);
}

/* A separator as the user writes it in sep: (a tab as \t). */
static const char *sep_written(char sep, char buf[2])
{
    if (sep == '\t') return "\\t";
    buf[0] = sep;
    buf[1] = 0;
    return buf;
}

void loader_fail_misplaced_quote(Loader *L, long line, size_t field)
{
    if (!L->sep_suggested) {
        loader_fail(L, line, field,
                    _("a quoted value must start and end with \" and a quote inside it is "
                      "written \"\""),
                    _("a double quote is misplaced in this field"));
        return;
    }
    char asked[2], suggested[2], hint[256];
    const char *suggested_text = sep_written(L->sep_suggested, suggested);
    snprintf(hint, sizeof hint,
             _("remove sep: to let the separator be guessed, or give sep: \"%s\""), suggested_text);
    loader_fail(L, line, field, hint,
                _("the separator seems wrong: sep: \"%s\" was asked, but the first line is "
                  "separated by \"%s\" (so a double quote looks misplaced in this field)"),
                sep_written(L->sep, asked), suggested_text);
}

bool loader_raise_deferred(Loader *L, const Loader *B, long offset)
{
    const DeferredError *e = &B->err;
    if (!e->msg) return false;
    rt_raise(L->I, loc_data(L->I, L->shown, (int)(e->line + offset), (int)e->field + 1), "%s",
             e->msg);
    if (e->hint) rt_hint(L->I, "%s", e->hint);
    L->failed = true;
    return true;
}

void deferred_error_free(DeferredError *e)
{
    free(e->msg);
    free(e->hint);
    *e = (DeferredError){ 0 };
}

/* ---- errors ------------------------------------------------------------------ */

/* A cell its column's type cannot read: one whole message and hint per type. */
__attribute__((cold, noinline)) void loader_fail_value(Loader *L, size_t field, const char *s,
                                                       size_t len, int type)
{
    /* the cell is a person's value: located, never quoted */
    (void)s;
    (void)len;
    const char *column = L->cols[field].name;
    if (type == COL_NUM)
        loader_fail(L, L->line, field,
                    L->decimal == ','
                        ? _("the column is declared as a number; write it with digits and a "
                            "decimal comma (12,5), leave the cell empty if the value is unknown, "
                            "or declare the column as \"text\"")
                        : _("the column is declared as a number; write it with digits and a "
                            "decimal point (12.5), leave the cell empty if the value is unknown, "
                            "or declare the column as \"text\""),
                    _("cannot read the value of this cell as a number in column '%s'"), column);
    else if (type == COL_DATE)
        loader_fail(L, L->line, field,
                    _("write dates as 2024-03-01 or 01/03/2024, leave the cell empty if unknown, "
                      "or declare the column as \"text\""),
                    _("cannot read the value of this cell as a date in column '%s'"), column);
    else
        loader_fail(L, L->line, field,
                    _("write true/false (or vrai/faux, oui/non), or declare the column as "
                      "\"text\""),
                    _("cannot read the value of this cell as a boolean (true/false, vrai/faux, "
                      "oui/non) in column '%s'"),
                    column);
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
    /* the lines to correct: "32", "32, 40", "3, 5, 7, 9, …" (no words to translate) */
    char lines[96], hint[640], utf8[160], bad[200], garbled[96];
    size_t k = 0, listed = lc.bad_lines < 4 ? lc.bad_lines : 4;
    for (size_t i = 0; i < listed; i++)
        k += (size_t)snprintf(lines + k, sizeof lines - k, "%s%ld", i ? ", " : "", lc.bad[i]);
    if (lc.bad_lines > 4) snprintf(lines + k, sizeof lines - k, ", …");
    /* each count its own clause, with its plural (ngettext) */
    snprintf(
        garbled, sizeof garbled,
        ngettext("of the %zu UTF-8 line", "of the %zu UTF-8 lines", (unsigned long)lc.utf8_lines),
        lc.utf8_lines);
    snprintf(hint, sizeof hint,
             ngettext("line %s was probably typed or pasted in a Windows-1252 program (Excel's "
                      "\"CSV (séparateur: point-virgule)\"): correct its accented letters and "
                      "save the file again as \"CSV UTF-8\"; do not add encoding: \"cp1252\", "
                      "which would garble the accents %s",
                      "lines %s were probably typed or pasted in a Windows-1252 program (Excel's "
                      "\"CSV (séparateur: point-virgule)\"): correct their accented letters and "
                      "save the file again as \"CSV UTF-8\"; do not add encoding: \"cp1252\", "
                      "which would garble the accents %s",
                      (unsigned long)lc.bad_lines),
             lines, garbled);
    snprintf(utf8, sizeof utf8,
             ngettext("%zu line with accents is valid UTF-8",
                      "%zu lines with accents are valid UTF-8", (unsigned long)lc.utf8_lines),
             lc.utf8_lines);
    snprintf(
        bad, sizeof bad,
        ngettext("%zu line (%s) is not", "%zu lines (%s) are not", (unsigned long)lc.bad_lines),
        lc.bad_lines, lines);
    loader_fail(L, L->line, field, hint,
                _("this cell is not valid UTF-8 text: the file mixes encodings, %s but %s"), utf8,
                bad);
    return true;
}

__attribute__((cold, noinline)) void loader_fail_encoding(Loader *L, size_t field, const char *s,
                                                          size_t len)
{
    char ex[128];
    csv_excerpt(s, len, ex, sizeof ex);
    if (L->enc == CSV_ENC_CP1252)
        loader_fail(L, L->line, field,
                    _("the file is read as Windows-1252; if it was saved as UTF-8, add encoding: "
                      "\"utf-8\""),
                    _("this cell holds a byte that is not a Windows-1252 character"));
    else if (!fail_mixed_encoding(L, field, ex))
        loader_fail(L, L->line, field,
                    _("the file seems to be saved in Windows-1252 (Excel's \"CSV (séparateur: "
                      "point-virgule)\"): "
                      "add encoding: \"cp1252\" to csv(), or save it again as \"CSV UTF-8\""),
                    _("this cell is not valid UTF-8 text"));
}

/* The line of the file where data row `row` starts (RowShift). */
static long line_of_row(const Loader *L, size_t row)
{
    long shift = (long)L->header_line + 1;
    for (size_t k = 0; k < L->n_shifts && L->shifts[k].row <= row; k++) shift = L->shifts[k].shift;
    return (long)row + shift;
}

/* The first row of a column that holds a value (not missing). */
static size_t first_value_row(const ColBuild *c, size_t nrows)
{
    for (size_t r = 0; r < nrows; r++) {
        bool missing = c->type == COL_TEXT ? c->codes[r] < 0
            : c->type == COL_BOOL          ? c->bools[r] < 0
                                           : isnan(c->num[r]);
        if (!missing) return r;
    }
    return 0;
}

static bool hint_nir(Loader *L)
{
    return rt_hint(L->I,
                   _("the décret n° 2019-341 strictly limits who may process the NIR, and an "
                     "impact evaluation never needs it: empty or remove this column before "
                     "exporting the file (keep an anonymous identifier instead)"));
}

bool loader_refuse_nir_content(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (c->nir_valid > 0) { /* at the first one, however few: the value is never shown */
            rt_raise(L->I, loc_data(L->I, L->shown, (int)c->nir_line, (int)i + 1),
                     _("this cell of column '%s' holds a French social security number (NIR): "
                       "impact refuses to read the file"),
                     c->name);
            return hint_nir(L);
        }
        if (c->nir_title && c->type != TYPE_UNKNOWN) {
            size_t r = first_value_row(c, L->nrows);
            rt_raise(L->I, loc_data(L->I, L->shown, (int)line_of_row(L, r), (int)i + 1),
                     _("the column '%s' is titled as French social security numbers (NIR) and "
                       "this cell is not empty: impact refuses to read the file"),
                     c->name);
            return hint_nir(L);
        }
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
void loader_warn_demoted(Loader *L)
{
    for (size_t i = 0; i < L->ncols && i < L->n_notes; i++) {
        if (!L->notes[i].force_text) continue;
        SrcLoc at = loc_data(L->I, L->shown, (int)L->notes[i].why_line, (int)i + 1);
        int was = L->notes[i].why_type;
        const char *name = L->cols[i].name;
        char key[256];
        type_key(name, key, sizeof key);
        if (was == WHY_ZERO_CODE)
            rt_warn(
                L->I, at,
                _("column '%s' is read as text because a value (this cell) is written with a "
                  "leading zero, "
                  "as codes are (postal code, INSEE commune, phone, SIRET or member number) and "
                  "which a "
                  "number would lose; if the column holds quantities, declare it (types: {%s: "
                  "\"number\"})"),
                name, key);
        else {
            /* the type's name in code (types: {x: "date"}), and in prose its own sentence */
            const char *word = was == COL_DATE ? "date" : was == COL_BOOL ? "boolean" : "number";
            const char *message = was == COL_DATE
                ? _("column '%s' is read as text because the value of this cell is not a date "
                    "like the values above it; declare its type (types: {%s: \"%s\"}) to have "
                    "each such value reported, or correct it in the file")
                : was == COL_BOOL
                ? _("column '%s' is read as text because the value of this cell is not a "
                    "boolean like the values above it; declare its type (types: {%s: \"%s\"}) "
                    "to have each such value reported, or correct it in the file")
                : _("column '%s' is read as text because the value of this cell is not a "
                    "number like the values above it; declare its type (types: {%s: \"%s\"}) "
                    "to have each such value reported, or correct it in the file");
            rt_warn(L->I, at, message, name, key, word);
        }
    }
}

/* Date columns whose values carry a time of day ("Horodateur" of a survey
 * export): the time is dropped, said once per column. */
void loader_warn_times(Loader *L)
{
    for (size_t i = 0; i < L->ncols; i++)
        if (L->cols[i].type == COL_DATE && L->cols[i].time_line)
            rt_warn(L->I, loc_data(L->I, L->shown, (int)L->cols[i].time_line, (int)i + 1),
                    _("column '%s' holds dates with a time of day (this cell, for one): each value "
                      "is read as its date and the time is dropped"),
                    L->cols[i].name);
}
