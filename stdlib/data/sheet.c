/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet.c — what a data file is, and a sheet's grid of cells written as
 * CSV (see sheet.h).  The readers of each format fill a Grid
 * (sheet_grid.c): sheet_xlsx.c (.xlsx), sheet_ods.c (.ods), sheet_xls.c
 * (.xls, freexl).
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
