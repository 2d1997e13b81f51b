/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet_grid.c — what the spreadsheet readers share (sheet_grid.h): the
 * grid of cells they fill, their messages for a missing sheet or a damaged
 * file, and helpers for zip members and XML names.
 *
 * Contract: it sits under the readers (sheet_xlsx.c, sheet_ods.c,
 * sheet_xls.c) and under sheet.c, which picks a reader and writes the grid
 * as CSV; it calls none of them.  Every message says which file is wrong
 * and that saving it again from the spreadsheet program is the fix.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "lang/i18n.h"
#include "runtime/mem.h"
#include "stdlib/data/sheet_grid.h"

void grid_init(Grid *g)
{
    memset(g, 0, sizeof *g);
}

void grid_free(Grid *g)
{
    for (size_t r = 0; r < g->nrows; r++) {
        for (size_t c = 0; c < g->rows[r].n; c++) free(g->rows[r].cells[c]);
        free(g->rows[r].cells);
    }
    free(g->rows);
    memset(g, 0, sizeof *g);
}

/* items (*cap of `size` bytes each) with room for index i: doubled from
 * `first` as needed, the new ones zeroed. */
static void *grow_zeroed(void *items, size_t *cap, size_t i, size_t first, size_t size)
{
    if (i < *cap) return items;
    size_t n = *cap ? *cap : first;
    while (n <= i) n *= 2;
    items = xrealloc(items, n * size);
    memset((char *)items + *cap * size, 0, (n - *cap) * size);
    *cap = n;
    return items;
}

/* Row r (0-based) exists, the rows before it too (blank). */
static GridRow *grid_row(Grid *g, size_t r)
{
    g->rows = grow_zeroed(g->rows, &g->cap, r, 64, sizeof *g->rows);
    if (r >= g->nrows) g->nrows = r + 1;
    return &g->rows[r];
}

void grid_touch_row(Grid *g, size_t r)
{
    grid_row(g, r)->present = true;
}

void grid_set(Grid *g, size_t r, size_t c, const char *s, size_t len)
{
    GridRow *row = grid_row(g, r);
    row->present = true;
    if (len == 0) return;
    row->cells = grow_zeroed(row->cells, &row->cap, c, 16, sizeof *row->cells);
    if (c >= row->n) row->n = c + 1;
    free(row->cells[c]);
    row->cells[c] = xstrndup(s, len);
    if (c + 1 > g->width) g->width = c + 1;
}

bool sheet_parse_xml(const char *buf, size_t len, void *ctx, XML_StartElementHandler start,
                     XML_EndElementHandler end, XML_CharacterDataHandler chars, XmlFault *fault)
{
    XML_Parser p = XML_ParserCreate(NULL);
    if (!p) rt_out_of_memory();
    XML_SetUserData(p, ctx);
    XML_SetElementHandler(p, start, end);
    if (chars) XML_SetCharacterDataHandler(p, chars);
    bool ok = len <= INT_MAX && XML_Parse(p, buf, (int)len, 1) == XML_STATUS_OK;
    if (!ok) {
        fault->line = (unsigned long)XML_GetCurrentLineNumber(p);
        fault->col = (unsigned long)XML_GetCurrentColumnNumber(p) + 1;
        fault->reason = XML_ErrorString(XML_GetErrorCode(p));
    }
    XML_ParserFree(p);
    return ok;
}

zip_t *sheet_zip_open(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                      SheetKind kind)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (z) return z;
    if (kind == SHEET_XLSX)
        sheet_damaged(I, choice->call, shown,
                      _("the workbook (a zip archive) cannot be opened: it is damaged or was "
                        "not copied whole"));
    else
        sheet_damaged(I, choice->call, shown,
                      _("the spreadsheet (a zip archive) cannot be opened: it is damaged or "
                        "was not copied whole"));
    return NULL;
}

bool sheet_no_such(Interp *I, const char *shown, const SheetChoice *choice, const char *names)
{
    if (choice->name)
        rt_raise(I, choice->loc, _("%s has no sheet named '%s'"), shown, choice->name);
    else
        rt_raise(I, choice->loc, _("%s has no sheet %d"), shown, choice->number);
    return rt_hint(I, _("its sheets are: %s; write sheet: \"NAME\" or sheet: N (1 = the first)"),
                   names);
}

static bool save_again_hint(Interp *I)
{
    return rt_hint(I, _("open it in LibreOffice or Excel and save it again, or export it as CSV"));
}

bool sheet_damaged(Interp *I, SrcLoc at, const char *shown, const char *what)
{
    rt_raise(I, at, _("cannot read %s: %s"), shown, what);
    return save_again_hint(I);
}

bool sheet_bad_xml(Interp *I, SrcLoc at, const char *shown, const char *entry, const XmlFault *f)
{
    rt_raise(I, at,
             _("cannot read %s: its part %s is not well-formed XML (line %lu, column %lu: %s)"),
             shown, entry, f->line, f->col, f->reason ? f->reason : "?");
    return save_again_hint(I);
}

/* Reads a whole member of a zip archive (NUL-terminated); NULL if absent. */
char *sheet_zip_read(zip_t *z, const char *name, size_t *len)
{
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE)) return NULL;
    if (st.size > (zip_uint64_t)1 << 31) return NULL; /* 2 GB of XML: not an export */
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f) return NULL;
    char *buf = xmalloc((size_t)st.size + 1);
    zip_int64_t n = zip_fread(f, buf, st.size);
    zip_fclose(f);
    if (n < 0 || (zip_uint64_t)n != st.size) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    if (len) *len = (size_t)n;
    return buf;
}

const char *sheet_local_name(const char *name)
{
    const char *colon = strrchr(name, ':');
    return colon ? colon + 1 : name;
}

const char *sheet_attr(const char **atts, const char *local)
{
    for (size_t i = 0; atts && atts[i]; i += 2)
        if (strcmp(sheet_local_name(atts[i]), local) == 0) return atts[i + 1];
    return NULL;
}
