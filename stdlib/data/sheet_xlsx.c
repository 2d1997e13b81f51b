/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet_xlsx.c — one sheet of an .xlsx workbook into a Grid (sheet.h).
 *
 * The workbook is a zip archive (libzip) of XML parts (expat):
 * xl/workbook.xml lists the sheets in order (names, relation ids, the 1904
 * date system), xl/_rels/workbook.xml.rels gives each sheet's part,
 * xl/sharedStrings.xml the texts cells refer to by number, xl/styles.xml
 * the number format of each cell style, which tells a date (a serial
 * number of days) from a number.
 */
#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "lang/i18n.h"
#include "runtime/mem.h"
#include "runtime/value.h"
#include "stdlib/core/dates.h"
#include "stdlib/data/sheet_grid.h"

typedef struct Texts {
    char **s;
    size_t n, cap;
} Texts;

static void texts_push(Texts *t, char *s)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->s = xrealloc(t->s, t->cap * sizeof *t->s);
    }
    t->s[t->n++] = s;
}

static void texts_free(Texts *t)
{
    for (size_t i = 0; i < t->n; i++) free(t->s[i]);
    free(t->s);
}

typedef struct Book {
    Texts sheet_names, sheet_rids; /* in the workbook's order */
    Texts rel_ids, rel_targets;    /* xl/_rels/workbook.xml.rels */
    Texts shared;                  /* shared strings */
    Texts fmt_codes;               /* custom number formats: "id\tcode" */
    unsigned char *xf_date;        /* per cell style: 1 = a date format */
    size_t n_xf, cap_xf;
    bool date1904;
    /* parsing state */
    int depth_in; /* >0 inside the element collected */
    bool in_rph, in_cellxfs;
    StrBuf text;
    SrcLoc at; /* the call that reads the file: where its errors point */
} Book;

/* ---- workbook, relations, styles, shared strings ------------------------------ */

static void on_workbook(void *ctx, const char *name, const char **atts)
{
    Book *b = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "sheet") == 0) {
        const char *n = sheet_attr(atts, "name"), *id = sheet_attr(atts, "id");
        texts_push(&b->sheet_names, xstrdup(n ? n : "?"));
        texts_push(&b->sheet_rids, xstrdup(id ? id : ""));
    } else if (strcmp(local, "workbookPr") == 0) {
        const char *d = sheet_attr(atts, "date1904");
        b->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    }
}

static void on_rels(void *ctx, const char *name, const char **atts)
{
    Book *b = ctx;
    if (strcmp(sheet_local_name(name), "Relationship") != 0) return;
    const char *id = sheet_attr(atts, "Id"), *target = sheet_attr(atts, "Target");
    if (!id || !target) return;
    texts_push(&b->rel_ids, xstrdup(id));
    texts_push(&b->rel_targets, xstrdup(target));
}

/* A number format shows a date when it writes a day, a month or a year:
 * its codes d, m, y outside quoted text and [brackets], "m" alone counting
 * only without h or s (then it is minutes). */
static bool format_is_date(const char *code)
{
    bool d = false, m = false, y = false, hs = false, quoted = false;
    int bracket = 0;
    for (const char *c = code; *c; c++) {
        if (*c == '"') quoted = !quoted;
        if (quoted) continue;
        if (*c == '\\') {
            if (c[1]) c++;
            continue;
        }
        if (*c == '[') bracket++;
        if (*c == ']' && bracket) bracket--;
        if (bracket) continue;
        switch (*c | 0x20) {
        case 'd': d = true; break;
        case 'y': y = true; break;
        case 'm': m = true; break;
        case 'h':
        case 's': hs = true; break;
        }
    }
    return d || y || (m && !hs);
}

static bool builtin_date_format(long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

static bool numfmt_is_date(const Book *b, long id)
{
    if (builtin_date_format(id)) return true;
    char key[32];
    int k = snprintf(key, sizeof key, "%ld\t", id);
    for (size_t i = 0; i < b->fmt_codes.n; i++)
        if (strncmp(b->fmt_codes.s[i], key, (size_t)k) == 0)
            return format_is_date(b->fmt_codes.s[i] + k);
    return false;
}

static void on_styles_start(void *ctx, const char *name, const char **atts)
{
    Book *b = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "numFmt") == 0) {
        const char *id = sheet_attr(atts, "numFmtId"), *code = sheet_attr(atts, "formatCode");
        if (!id || !code) return;
        size_t n = strlen(id) + strlen(code) + 2;
        char *s = xmalloc(n);
        snprintf(s, n, "%s\t%s", id, code);
        texts_push(&b->fmt_codes, s);
    } else if (strcmp(local, "cellXfs") == 0) {
        b->in_cellxfs = true;
    } else if (b->in_cellxfs && strcmp(local, "xf") == 0) {
        const char *id = sheet_attr(atts, "numFmtId");
        if (b->n_xf == b->cap_xf) {
            b->cap_xf = b->cap_xf ? b->cap_xf * 2 : 32;
            b->xf_date = xrealloc(b->xf_date, b->cap_xf);
        }
        b->xf_date[b->n_xf++] = id ? numfmt_is_date(b, strtol(id, NULL, 10)) : 0;
    }
}

static void on_styles_end(void *ctx, const char *name)
{
    Book *b = ctx;
    if (strcmp(sheet_local_name(name), "cellXfs") == 0) b->in_cellxfs = false;
}

static void on_shared_start(void *ctx, const char *name, const char **atts)
{
    Book *b = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "si") == 0) {
        sb_free(&b->text);
        sb_init(&b->text);
        sb_append(&b->text, "");
    } else if (strcmp(local, "t") == 0 && !b->in_rph) {
        b->depth_in = 1;
    } else if (strcmp(local, "rPh") == 0) {
        b->in_rph = true;
    }
}

static void on_shared_end(void *ctx, const char *name)
{
    Book *b = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "si") == 0)
        texts_push(&b->shared, sb_take(&b->text));
    else if (strcmp(local, "t") == 0)
        b->depth_in = 0;
    else if (strcmp(local, "rPh") == 0)
        b->in_rph = false;
}

static void on_text(void *ctx, const char *s, int len)
{
    Book *b = ctx;
    if (b->depth_in) sb_appendn(&b->text, s, (size_t)len);
}

/* ---- the sheet ------------------------------------------------------------------- */

typedef struct SheetState {
    Book *book;
    Grid *g;
    size_t row, col; /* current cell */
    long next_row;   /* the row after the last one seen (rows may omit r=) */
    char type[8];    /* t= of the current cell */
    long style;      /* s= of the current cell */
    bool in_cell, in_value, in_inline;
    StrBuf v;
    /* the first cell referring to a shared text the workbook does not hold
     * (a damaged file): its cell is not left silently empty */
    bool bad_shared;
    size_t bad_row, bad_col;
    long bad_index;
} SheetState;

/* "AB12" -> column 27 (0-based), row 11; false when the text is no reference. */
static bool cell_ref(const char *ref, size_t *col, size_t *row)
{
    size_t c = 0, r = 0;
    const char *p = ref;
    for (; (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'); p++)
        c = c * 26 + (size_t)((*p | 0x20) - 'a' + 1);
    for (; *p >= '0' && *p <= '9'; p++) r = r * 10 + (size_t)(*p - '0');
    if (c == 0 || r == 0 || *p) return false;
    *col = c - 1;
    *row = r - 1;
    return true;
}

static void on_sheet_start(void *ctx, const char *name, const char **atts)
{
    SheetState *s = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "row") == 0) {
        const char *r = sheet_attr(atts, "r");
        s->row = r ? (size_t)strtol(r, NULL, 10) - 1 : (size_t)s->next_row;
        s->next_row = (long)s->row + 1;
        s->col = 0;
        grid_touch_row(s->g, s->row);
    } else if (strcmp(local, "c") == 0) {
        const char *r = sheet_attr(atts, "r"), *t = sheet_attr(atts, "t"),
                   *st = sheet_attr(atts, "s");
        size_t col, row;
        if (r && cell_ref(r, &col, &row)) s->col = col;
        snprintf(s->type, sizeof s->type, "%s", t ? t : "n");
        s->style = st ? strtol(st, NULL, 10) : 0;
        s->in_cell = true;
        sb_free(&s->v);
        sb_init(&s->v);
        sb_append(&s->v, "");
    } else if (s->in_cell && (strcmp(local, "v") == 0 || strcmp(local, "t") == 0)) {
        s->in_value = true;
    }
}

/* Days since 1970-01-01 of an Excel serial date (1900 or 1904 system);
 * the 1900 system counts a 29 February 1900 that did not exist, so serials
 * from 61 on are one day ahead of a plain count from 1899-12-31. */
static void serial_text(const Book *b, double serial, char *out, size_t size)
{
    double day = floor(serial);
    long base =
        b->date1904 ? date_from_civil(1904, 1, 1) : date_from_civil(1899, 12, day >= 61 ? 30 : 31);
    long days = base + (long)day;
    int y, m, d;
    date_to_civil(days, &y, &m, &d);
    double secs = round((serial - day) * 86400);
    if (secs <= 0 || secs >= 86400)
        snprintf(out, size, "%04d-%02d-%02d", y, m, d);
    else
        snprintf(out, size, "%04d-%02d-%02d %02d:%02d:%02d", y, m, d, (int)(secs / 3600),
                 (int)fmod(secs / 60, 60), (int)fmod(secs, 60));
}

static void store_cell(SheetState *s)
{
    const char *v = s->v.data ? s->v.data : "";
    size_t len = s->v.len;
    const Book *b = s->book;
    if (strcmp(s->type, "s") == 0) {
        char *end;
        long k = strtol(v, &end, 10);
        if (len && *end == '\0' && k >= 0 && (size_t)k < b->shared.n)
            grid_set(s->g, s->row, s->col, b->shared.s[k], strlen(b->shared.s[k]));
        else if (len && !s->bad_shared) { /* an empty <v/> is an empty cell */
            s->bad_shared = true;
            s->bad_row = s->row;
            s->bad_col = s->col;
            s->bad_index = k;
        }
    } else if (strcmp(s->type, "b") == 0) {
        const char *t = strcmp(v, "1") == 0 ? "true" : "false";
        if (len) grid_set(s->g, s->row, s->col, t, strlen(t));
    } else if (strcmp(s->type, "e") == 0) {
        /* an error (#N/A, #DIV/0!): no value */
    } else if (strcmp(s->type, "n") == 0 && len && s->style >= 0 && (size_t)s->style < b->n_xf &&
               b->xf_date[s->style]) {
        char date[32];
        serial_text(b, strtod(v, NULL), date, sizeof date);
        grid_set(s->g, s->row, s->col, date, strlen(date));
    } else {
        grid_set(s->g, s->row, s->col, v, len); /* a number as written, str, inlineStr */
    }
}

static void on_sheet_end(void *ctx, const char *name)
{
    SheetState *s = ctx;
    const char *local = sheet_local_name(name);
    if (strcmp(local, "c") == 0) {
        store_cell(s);
        s->in_cell = false;
        s->col++;
    } else if (strcmp(local, "v") == 0 || strcmp(local, "t") == 0) {
        s->in_value = false;
    }
}

static void on_sheet_text(void *ctx, const char *t, int len)
{
    SheetState *s = ctx;
    if (s->in_value) sb_appendn(&s->v, t, (size_t)len);
}

/* ---- the workbook --------------------------------------------------------------- */

static int choose_sheet(const Book *b, const SheetChoice *choice)
{
    if (choice->name) {
        for (size_t i = 0; i < b->sheet_names.n; i++)
            if (strcmp(b->sheet_names.s[i], choice->name) == 0) return (int)i;
        return -1;
    }
    int n = choice->number > 0 ? choice->number : 1;
    return (size_t)n <= b->sheet_names.n ? n - 1 : -1;
}

static char *sheet_part(const Book *b, size_t k)
{
    for (size_t i = 0; i < b->rel_ids.n; i++)
        if (strcmp(b->rel_ids.s[i], b->sheet_rids.s[k]) == 0) {
            const char *t = b->rel_targets.s[i];
            size_t n = strlen(t) + 8;
            char *part = xmalloc(n);
            if (t[0] == '/')
                snprintf(part, n, "%s", t + 1);
            else
                snprintf(part, n, "xl/%s", t);
            return part;
        }
    return NULL;
}

static char *names_list(const Texts *t)
{
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < t->n; i++) sb_printf(&b, "%s'%s'", i ? ", " : "", t->s[i]);
    return sb_take(&b);
}

/* One part of the workbook parsed; a missing part is an error when needed. */
static bool read_part(Interp *I, zip_t *z, const char *shown, Book *b, const char *entry,
                      bool needed, void *ctx, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler chars)
{
    size_t len;
    char *xml = sheet_zip_read(z, entry, &len);
    if (!xml) {
        if (!needed) return true;
        rt_raise(I, b->at, _("cannot read %s: its part %s is missing or cannot be unpacked"), shown,
                 entry);
        return rt_hint(I,
                       _("open it in LibreOffice or Excel and save it again, or export it "
                         "as CSV"));
    }
    XmlFault fault = { 0 };
    bool ok = sheet_parse_xml(xml, len, ctx, start, end, chars, &fault);
    free(xml);
    return ok || sheet_bad_xml(I, b->at, shown, entry, &fault);
}

static bool read_parts(Interp *I, zip_t *z, const char *shown, Book *b)
{
    if (!read_part(I, z, shown, b, "xl/workbook.xml", true, b, on_workbook, NULL, NULL) ||
        !read_part(I, z, shown, b, "xl/_rels/workbook.xml.rels", true, b, on_rels, NULL, NULL))
        return false;
    if (b->sheet_names.n == 0)
        return sheet_damaged(I, b->at, shown, _("its list of sheets (xl/workbook.xml) is empty"));
    return read_part(I, z, shown, b, "xl/styles.xml", false, b, on_styles_start, on_styles_end,
                     NULL) &&
        read_part(I, z, shown, b, "xl/sharedStrings.xml", false, b, on_shared_start, on_shared_end,
                  on_text);
}

static bool read_sheet(Interp *I, zip_t *z, const char *shown, Book *b, const char *part, Grid *g)
{
    SheetState s = { .book = b, .g = g };
    sb_init(&s.v);
    bool ok =
        read_part(I, z, shown, b, part, true, &s, on_sheet_start, on_sheet_end, on_sheet_text);
    sb_free(&s.v);
    if (ok && s.bad_shared) {
        /* the cell by its spreadsheet name (B2); the index is the file's,
         * never a person's value */
        char cell[32], letters[16];
        size_t n = 0;
        for (size_t c = s.bad_col + 1; c && n < sizeof letters - 1; c = (c - 1) / 26)
            letters[n++] = (char)('A' + (c - 1) % 26);
        for (size_t i = 0; i < n; i++) cell[i] = letters[n - 1 - i];
        snprintf(cell + n, sizeof cell - n, "%zu", s.bad_row + 1);
        StrBuf what;
        sb_init(&what);
        sb_printf(&what,
                  _("its cell %s refers to shared text number %ld, but the workbook holds %zu "
                    "shared texts"),
                  cell, s.bad_index, b->shared.n);
        ok = sheet_damaged(I, b->at, shown, what.data);
        sb_free(&what);
    }
    return ok;
}

bool sheet_read_xlsx(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                     Grid *g)
{
    zip_t *z = sheet_zip_open(I, path, shown, choice, SHEET_XLSX);
    if (!z) return false;
    Book b = { .at = choice->call };
    sb_init(&b.text);
    bool ok = read_parts(I, z, shown, &b);
    if (ok) {
        int k = choose_sheet(&b, choice);
        char *part = k >= 0 ? sheet_part(&b, (size_t)k) : NULL;
        if (k < 0) {
            char *names = names_list(&b.sheet_names);
            ok = sheet_no_such(I, shown, choice, names);
            free(names);
        } else if (!part) {
            ok =
                sheet_damaged(I, b.at, shown, _("the sheet's part is not listed in its relations"));
        } else {
            ok = read_sheet(I, z, shown, &b, part, g);
        }
        free(part);
    }
    zip_close(z);
    texts_free(&b.sheet_names);
    texts_free(&b.sheet_rids);
    texts_free(&b.rel_ids);
    texts_free(&b.rel_targets);
    texts_free(&b.shared);
    texts_free(&b.fmt_codes);
    free(b.xf_date);
    sb_free(&b.text);
    return ok;
}
