/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet_ods.c — one sheet of an OpenDocument spreadsheet (.ods) into a Grid
 * (sheet.h).
 *
 * content.xml (libzip, expat) holds the tables in order; each cell says
 * its type (office:value-type: float, percentage, currency, date, time,
 * boolean, string) and its value in an attribute, its text in <text:p>
 * paragraphs (one per line of the cell).  Repeated rows and cells
 * (number-rows-repeated, number-columns-repeated) are expanded, except the
 * empty ones that LibreOffice writes up to the sheet's last row and column:
 * they are only counted, and written only when a value follows them.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "lang/i18n.h"
#include "runtime/mem.h"
#include "runtime/value.h"
#include "stdlib/data/sheet_grid.h"

#define MAX_REPEAT 100000 /* more repeats of a cell with a value than this: damaged */

typedef struct OdsState {
    const SheetChoice *choice;
    Grid *g;
    int table;      /* tables seen so far */
    bool in_chosen; /* inside the chosen table */
    bool found;
    StrBuf names; /* "'Feuille1', 'Feuille2'" for "no such sheet" */
    size_t row, col;
    long row_repeat, cell_repeat;
    bool in_cell, in_p, covered;
    int paragraphs;
    const char *err; /* a damaged file */
    char value[64];  /* office:value, date-value or boolean-value */
    char type[16];
    StrBuf text;
    bool row_has_value;
} OdsState;

static long repeat_attr(const char **atts, const char *name)
{
    const char *r = sheet_attr(atts, name);
    long n = r ? strtol(r, NULL, 10) : 1;
    return n < 1 ? 1 : n;
}

static bool chosen(OdsState *s, const char *name)
{
    s->table++;
    sb_printf(&s->names, "%s'%s'", s->table > 1 ? ", " : "", name ? name : "?");
    if (s->found) return false;
    if (s->choice->name) return name && strcmp(name, s->choice->name) == 0;
    return s->table == (s->choice->number > 0 ? s->choice->number : 1);
}

static void start_cell(OdsState *s, const char **atts, bool covered)
{
    s->in_cell = true;
    s->covered = covered;
    s->cell_repeat = repeat_attr(atts, "number-columns-repeated");
    const char *t = sheet_attr(atts, "value-type");
    snprintf(s->type, sizeof s->type, "%s", t ? t : "");
    const char *v = NULL;
    if (t && strcmp(t, "date") == 0)
        v = sheet_attr(atts, "date-value");
    else if (t && strcmp(t, "boolean") == 0)
        v = sheet_attr(atts, "boolean-value");
    else if (t &&
             (strcmp(t, "float") == 0 || strcmp(t, "percentage") == 0 ||
              strcmp(t, "currency") == 0))
        v = sheet_attr(atts, "value");
    snprintf(s->value, sizeof s->value, "%s", v ? v : "");
    sb_free(&s->text);
    sb_init(&s->text);
    sb_append(&s->text, "");
    s->paragraphs = 0;
}

static void on_start(void *ctx, const char *name, const char **atts)
{
    OdsState *s = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "table") == 0) {
        s->in_chosen = chosen(s, sheet_attr(atts, "name"));
        if (s->in_chosen) s->found = true;
        s->row = 0;
        return;
    }
    if (!s->in_chosen) return;
    if (strcmp(local, "table-row") == 0) {
        s->row_repeat = repeat_attr(atts, "number-rows-repeated");
        s->col = 0;
        s->row_has_value = false;
    } else if (strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0) {
        start_cell(s, atts, local[0] == 'c');
    } else if (s->in_cell && strcmp(local, "p") == 0) {
        if (s->paragraphs++) sb_append(&s->text, "\n"); /* one line per paragraph */
        s->in_p = true;
    } else if (s->in_p && strcmp(local, "line-break") == 0) {
        sb_append(&s->text, "\n");
    } else if (s->in_p && strcmp(local, "tab") == 0) {
        sb_append(&s->text, "\t");
    } else if (s->in_p && strcmp(local, "s") == 0) {
        long n = repeat_attr(atts, "c");
        for (long i = 0; i < n && i < 1000; i++) sb_append(&s->text, " ");
    }
}

/* The cell's text as csv() reads it: the value for numbers, dates and
 * booleans, else the text of its paragraphs. */
static const char *cell_text(const OdsState *s)
{
    if (s->value[0]) return s->value;
    return s->text.data ? s->text.data : "";
}

static void end_cell(OdsState *s)
{
    const char *t = cell_text(s);
    size_t len = strlen(t);
    if (len && !s->covered) {
        if (s->cell_repeat > MAX_REPEAT) {
            s->err = N_("a cell with a value is repeated more than 100000 times");
            return;
        }
        for (long i = 0; i < s->cell_repeat; i++)
            grid_set(s->g, s->row, s->col + (size_t)i, t, len);
        s->row_has_value = true;
    }
    s->col += (size_t)s->cell_repeat;
    s->in_cell = false;
}

static void on_end(void *ctx, const char *name)
{
    OdsState *s = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "table") == 0) {
        s->in_chosen = false;
        return;
    }
    if (!s->in_chosen) return;
    if (strcmp(local, "table-cell") == 0 || strcmp(local, "covered-table-cell") == 0) {
        end_cell(s);
    } else if (strcmp(local, "p") == 0) {
        s->in_p = false;
    } else if (strcmp(local, "table-row") == 0) {
        /* A row with values, repeated, is copied; empty rows are only counted
         * (LibreOffice repeats one empty row to the end of the sheet). */
        if (s->row_has_value) {
            grid_touch_row(s->g, s->row);
            if (s->row_repeat > MAX_REPEAT) {
                s->err = N_("a row with values is repeated more than 100000 times");
                return;
            }
            for (long i = 1; i < s->row_repeat; i++) {
                const GridRow *src = &s->g->rows[s->row];
                for (size_t c = 0; c < src->n; c++)
                    if (src->cells[c])
                        grid_set(s->g, s->row + (size_t)i, c, src->cells[c], strlen(src->cells[c]));
            }
        }
        s->row += (size_t)s->row_repeat;
    }
}

static void on_chars(void *ctx, const char *t, int len)
{
    OdsState *s = ctx;
    if (s->in_p) sb_appendn(&s->text, t, (size_t)len);
}

bool sheet_read_ods(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                    Grid *g)
{
    zip_t *z = sheet_zip_open(I, path, shown, choice, SHEET_ODS);
    if (!z) return false;
    size_t len;
    char *xml = sheet_zip_read(z, "content.xml", &len);
    zip_close(z);
    if (!xml)
        return sheet_damaged(I, choice->call, shown,
                             _("its part content.xml is missing or cannot be unpacked"));
    OdsState s = { .choice = choice, .g = g };
    sb_init(&s.names);
    sb_init(&s.text);
    XmlFault fault = { 0 };
    bool ok = sheet_parse_xml(xml, len, &s, on_start, on_end, on_chars, &fault);
    free(xml);
    if (!ok)
        ok = sheet_bad_xml(I, choice->call, shown, "content.xml", &fault);
    else if (s.err)
        ok = sheet_damaged(I, choice->call, shown, _(s.err));
    else if (!s.found)
        ok = sheet_no_such(I, shown, choice, s.names.data ? s.names.data : "none");
    sb_free(&s.names);
    sb_free(&s.text);
    return ok;
}
