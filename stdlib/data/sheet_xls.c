/* sheet_xls.c — one sheet of a legacy Excel 97-2003 workbook (.xls, enDI's
 * "export XLS") into a Grid (sheet.h), with freexl, which reads the BIFF
 * format and gives each cell typed: integers, doubles, texts, dates as
 * 'YYYY-MM-DD' and date-times as 'YYYY-MM-DD HH:MM:SS'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <freexl.h>

#include "runtime/value.h"
#include "stdlib/data/sheet_grid.h"

static void set_cell(Grid *g, unsigned r, unsigned c, const FreeXL_CellValue *v)
{
    char buf[40];
    switch (v->type) {
    case FREEXL_CELL_INT: snprintf(buf, sizeof buf, "%d", v->value.int_value); break;
    case FREEXL_CELL_DOUBLE: {
        /* the shortest text that reads back as the same double */
        for (int digits = 15; digits <= 17; digits++) {
            snprintf(buf, sizeof buf, "%.*g", digits, v->value.double_value);
            if (strtod(buf, NULL) == v->value.double_value) break;
        }
        break;
    }
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME:
        if (v->value.text_value)
            grid_set(g, r, c, v->value.text_value, strlen(v->value.text_value));
        return;
    default: return;
    }
    grid_set(g, r, c, buf, strlen(buf));
}

static bool pick_sheet(Interp *I, const void *h, const char *shown, const SheetChoice *choice)
{
    unsigned count = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
        return sheet_damaged(I, shown, _("it holds no sheet that can be read"));
    int k = -1;
    StrBuf names;
    sb_init(&names);
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        freexl_get_worksheet_name(h, (unsigned short)i, &name);
        sb_printf(&names, "%s'%s'", i ? ", " : "", name ? name : "?");
        if (choice->name && name && strcmp(name, choice->name) == 0 && k < 0) k = (int)i;
    }
    if (!choice->name) {
        int n = choice->number > 0 ? choice->number : 1;
        if ((unsigned)n <= count) k = n - 1;
    }
    bool ok = k >= 0 && freexl_select_active_worksheet(h, (unsigned short)k) == FREEXL_OK;
    if (!ok)
        ok = k < 0 ? sheet_no_such(I, shown, choice, names.data)
                   : sheet_damaged(I, shown, _("its sheet cannot be selected"));
    sb_free(&names);
    return ok;
}

bool sheet_read_xls(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                    Grid *g)
{
    const void *h = NULL;
    if (freexl_open(path, &h) != FREEXL_OK) {
        if (h) freexl_close(h);
        return sheet_damaged(I, shown,
                             _("it looks like an Excel 97-2003 workbook (.xls) that freexl cannot "
                               "read (protected, or damaged)"));
    }
    bool ok = pick_sheet(I, h, shown, choice);
    unsigned rows = 0;
    unsigned short cols = 0;
    if (ok && freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK)
        ok = sheet_damaged(I, shown, _("the size of its sheet cannot be read"));
    for (unsigned r = 0; ok && r < rows; r++) {
        grid_touch_row(g, r);
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(h, r, c, &v) == FREEXL_OK) set_cell(g, r, c, &v);
        }
    }
    freexl_close(h);
    return ok;
}
