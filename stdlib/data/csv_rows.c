/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_rows.c — the physical line of each data row of a table read by csv(),
 * for messages about a table read earlier (csv_row_line() in csv_read.h).
 */
#include "stdlib/data/csv_loader.h"

#include <string.h>

/* ---- the line of each row, for messages about a table read earlier ------------ */

/* The tables the last few csv() calls made: their columns, a fingerprint of
 * their values and where their rows start.  A table that still holds one of
 * these columns, with as many rows, holds the rows in the file's order:
 * every operation that drops or reorders rows (where, sort, join) makes new
 * columns, while derive and select share them.  The fingerprint guards
 * against a freed column whose address was reused. */
#define RECENT_TABLES 8

typedef struct ReadTable {
    char *source;
    size_t nrows, ncols;
    const ColumnObj **cols;
    uint64_t *prints; /* fingerprint of each column */
    RowShift *shifts;
    size_t n_shifts;
} ReadTable;

/* The last RECENT_TABLES tables read by this interpreter's csv() calls. */
typedef struct RowMemory {
    ReadTable recent[RECENT_TABLES];
    size_t next;
} RowMemory;

static const char ROW_MEMORY; /* names the state on the interpreter */

static void row_memory_release(void *state)
{
    RowMemory *m = state;
    for (size_t k = 0; k < RECENT_TABLES; k++) {
        free(m->recent[k].source);
        free(m->recent[k].cols);
        free(m->recent[k].prints);
        free(m->recent[k].shifts);
    }
}

static RowMemory *row_memory(Interp *I)
{
    return interp_lib_state(I, &ROW_MEMORY, sizeof(RowMemory), row_memory_release);
}

/* A few values of the column (first, middle, last) and its array address. */
static uint64_t column_print(const ColumnObj *c)
{
    uint64_t h = (uint64_t)(uintptr_t)c->num ^ ((uint64_t)(uintptr_t)c->codes << 1) ^
        ((uint64_t)(uintptr_t)c->bools << 2) ^ c->n;
    size_t rows[3] = { 0, c->n / 2, c->n ? c->n - 1 : 0 };
    for (int k = 0; k < 3 && c->n; k++) {
        uint64_t v = 0;
        if (c->num)
            memcpy(&v, &c->num[rows[k]], sizeof v);
        else if (c->codes)
            v = (uint32_t)c->codes[rows[k]];
        else if (c->bools)
            v = (uint8_t)c->bools[rows[k]];
        h = (h ^ v) * 0x9E3779B97F4A7C15u;
    }
    return h;
}

void loader_remember_rows(const Loader *L, Value table)
{
    const TableObj *t = as_table(table);
    RowMemory *m = row_memory(L->I);
    ReadTable *e = &m->recent[m->next++ % RECENT_TABLES];
    free(e->source);
    free(e->cols);
    free(e->prints);
    free(e->shifts);
    *e = (ReadTable){ .source = strdup(t->source),
                      .nrows = t->nrows,
                      .ncols = t->ncols,
                      .cols = xrealloc(NULL, (t->ncols ? t->ncols : 1) * sizeof *e->cols),
                      .prints = xrealloc(NULL, (t->ncols ? t->ncols : 1) * sizeof *e->prints),
                      .shifts = xrealloc(NULL, (L->n_shifts ? L->n_shifts : 1) * sizeof *e->shifts),
                      .n_shifts = L->n_shifts };
    for (size_t i = 0; i < t->ncols; i++) {
        e->cols[i] = t->cols[i];
        e->prints[i] = column_print(t->cols[i]);
    }
    if (L->n_shifts > 0) /* no shift recorded: L->shifts may be NULL */
        memcpy(e->shifts, L->shifts, L->n_shifts * sizeof *e->shifts);
}

int csv_row_line(Interp *I, const TableObj *t, size_t row)
{
    if (!t->source || row >= t->nrows) return 0;
    const RowMemory *m = row_memory(I);
    for (size_t back = 1; back <= RECENT_TABLES && back <= m->next; back++) {
        const ReadTable *e = &m->recent[(m->next - back) % RECENT_TABLES];
        if (e->nrows != t->nrows || !e->n_shifts || strcmp(e->source, t->source) != 0) continue;
        for (size_t j = 0; j < t->ncols; j++)
            for (size_t i = 0; i < e->ncols; i++) {
                if (e->cols[i] != t->cols[j] || e->prints[i] != column_print(t->cols[j])) continue;
                size_t lo = 0, hi = e->n_shifts; /* the last change at or before row */
                while (hi - lo > 1) {
                    size_t mid = (lo + hi) / 2;
                    if (e->shifts[mid].row <= row)
                        lo = mid;
                    else
                        hi = mid;
                }
                return (int)((long)row + e->shifts[lo].shift);
            }
    }
    return 0;
}
