/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet.c — what a data file is, the grid of cells of a sheet, and its
 * writing as CSV (see sheet.h).  The readers of each format fill a Grid:
 * sheet_xlsx.c (.xlsx), sheet_ods.c (.ods), sheet_xls.c (.xls, freexl).
 */
#include "stdlib/data/sheet.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "lang/i18n.h"
#include "runtime/mem.h"
#include "stdlib/data/sheet_grid.h"

/* ---- what the file is ---------------------------------------------------------- */

static bool zip_has(zip_t *z, const char *name)
{
    return zip_name_locate(z, name, 0) >= 0;
}

static bool has_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), k = strlen(suffix);
    return n >= k && strcasecmp(path + n - k, suffix) == 0;
}

/* A zip archive: an .xlsx, an .ods, or another Office document. */
static SheetKind sniff_zip(const char *path, const char **what)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        /* named as a spreadsheet: its reader says it is damaged, and how to
         * save it again */
        if (has_suffix(path, ".xlsx") || has_suffix(path, ".xlsm")) return SHEET_XLSX;
        if (has_suffix(path, ".ods")) return SHEET_ODS;
        *what = N_("a damaged or unfinished zip archive");
        return SHEET_OTHER;
    }
    SheetKind k = SHEET_OTHER;
    *what = N_("a zip archive");
    if (zip_has(z, "xl/workbook.xml"))
        k = SHEET_XLSX;
    else if (zip_has(z, "word/document.xml"))
        *what = N_("a Word document (.docx)");
    else if (zip_has(z, "ppt/presentation.xml"))
        *what = N_("a PowerPoint presentation (.pptx)");
    else if (zip_has(z, "content.xml") && zip_has(z, "mimetype")) {
        char mime[80] = "";
        zip_file_t *f = zip_fopen(z, "mimetype", 0);
        if (f) {
            zip_int64_t n = zip_fread(f, mime, sizeof mime - 1);
            mime[n > 0 ? n : 0] = 0;
            zip_fclose(f);
        }
        if (strstr(mime, "opendocument.spreadsheet"))
            k = SHEET_ODS;
        else if (strstr(mime, "opendocument.text"))
            *what = N_("a LibreOffice Writer document (.odt)");
        else
            *what = N_("an OpenDocument file that is not a spreadsheet");
    }
    zip_close(z);
    return k;
}

SheetKind sheet_sniff(const char *path, const char **what)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } known[] = {
        { "%PDF", 4, N_("a PDF document") },
        { "\x89PNG", 4, N_("a PNG image") },
        { "\xFF\xD8\xFF", 3, N_("a JPEG image") },
        { "GIF8", 4, N_("a GIF image") },
        { "\x1F\x8B", 2, N_("a gzip-compressed file") },
        { "\x7F"
          "ELF",
          4, N_("a program (ELF executable)") },
        { "SQLite format 3", 15, N_("an SQLite database") },
        { "Rar!", 4, N_("a RAR archive") },
        { "7z\xBC\xAF", 4, N_("a 7-Zip archive") },
        { "{\\rtf", 5, N_("an RTF document") },
    };
    *what = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) return SHEET_NONE;
    unsigned char head[16] = { 0 };
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n >= 4 && memcmp(head, "PK\x03\x04", 4) == 0) return sniff_zip(path, what);
    if (n >= 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) return SHEET_XLS;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (n >= known[i].len && memcmp(head, known[i].magic, known[i].len) == 0) {
            *what = known[i].what;
            return SHEET_OTHER;
        }
    return SHEET_NONE;
}

/* ---- the grid --------------------------------------------------------------------- */

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

/* Row r (0-based) exists, the rows before it too (blank). */
static GridRow *grid_row(Grid *g, size_t r)
{
    if (r >= g->cap) {
        size_t cap = g->cap ? g->cap : 64;
        while (cap <= r) cap *= 2;
        g->rows = xrealloc(g->rows, cap * sizeof *g->rows);
        memset(g->rows + g->cap, 0, (cap - g->cap) * sizeof *g->rows);
        g->cap = cap;
    }
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
    if (c >= row->cap) {
        size_t cap = row->cap ? row->cap : 16;
        while (cap <= c) cap *= 2;
        row->cells = xrealloc(row->cells, cap * sizeof *row->cells);
        memset(row->cells + row->cap, 0, (cap - row->cap) * sizeof *row->cells);
        row->cap = cap;
    }
    if (c >= row->n) row->n = c + 1;
    free(row->cells[c]);
    row->cells[c] = xmalloc(len + 1);
    memcpy(row->cells[c], s, len);
    row->cells[c][len] = 0;
    if (c + 1 > g->width) g->width = c + 1;
}

/* ---- writing it as CSV --------------------------------------------------------- */

static void write_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* One line per row of the sheet: a row the sheet does not hold is a blank
 * line (skipped by csv(), which keeps counting it), every other row as wide
 * as the widest, each cell quoted. */
static bool grid_write(const Grid *g, FILE *f)
{
    size_t last = g->nrows;
    while (last > 0 && g->rows[last - 1].n == 0) last--; /* trailing empty rows */
    for (size_t r = 0; r < last; r++) {
        const GridRow *row = &g->rows[r];
        if (row->present)
            for (size_t c = 0; c < g->width; c++) {
                if (c) fputc(';', f);
                write_quoted(f, c < row->n ? row->cells[c] : NULL);
            }
        fputs("\r\n", f);
    }
    return !ferror(f);
}

static bool write_temp(Interp *I, const Grid *g, const char *shown, char **tmp)
{
    const char *dir = getenv("TMPDIR");
    size_t n = strlen(dir && *dir ? dir : "/tmp") + 32;
    char *name = xmalloc(n);
    snprintf(name, n, "%s/impact-sheet-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(name); /* mode 0600: the data stay the user's */
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!f) {
        if (fd >= 0) {
            close(fd);
            unlink(name);
        }
        free(name);
        rt_raise(I, (SrcLoc){ 0 },
                 _("cannot read %s: no temporary file could be made to read its sheet"), shown);
        return rt_hint(
            I, _("check that the temporary folder (TMPDIR, else /tmp) exists and is writable"));
    }
    bool ok = grid_write(g, f);
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        unlink(name);
        free(name);
        rt_raise(I, (SrcLoc){ 0 },
                 _("cannot read %s: writing its sheet to a temporary file failed"), shown);
        return rt_hint(I, _("check the free space of the temporary folder (TMPDIR, else /tmp)"));
    }
    *tmp = name;
    return true;
}

bool sheet_to_csv(Interp *I, const char *path, const char *shown, SheetKind kind,
                  const SheetChoice *choice, char **tmp)
{
    Grid g;
    grid_init(&g);
    bool ok = kind == SHEET_XLSX ? sheet_read_xlsx(I, path, shown, choice, &g)
        : kind == SHEET_ODS      ? sheet_read_ods(I, path, shown, choice, &g)
                                 : sheet_read_xls(I, path, shown, choice, &g);
    if (ok) ok = write_temp(I, &g, shown, tmp);
    grid_free(&g);
    return ok;
}

/* ---- shared by the readers --------------------------------------------------- */

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
