/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_pass.c — one pass of libcsv over a range of the file (csv_loader.h).
 *
 * Contract: loader_start() sizes the columns from the first chunk,
 * loader_parser_init() and loader_finish_parser() wrap libcsv with the
 * reader's options, loader_feed_range() feeds it the bytes of [from, to)
 * in chunks, and loader_read_pass() reads the whole file once; a pass that
 * finds a column's guessed type contradicted returns false with L->restart
 * set.  Shared by csv_read.c (one thread) and csv_parallel.c (two halves),
 * calling neither.
 */
#include <errno.h>
#include <string.h>

#include "stdlib/data/csv_loader.h"

void loader_start(Loader *L, bool header)
{
    L->in_header = header;
    L->field = 0;
    L->nrows = 0;
    L->n_shifts = 0;
    L->line = L->first_line ? L->first_line : 1;
    L->pending_lines = 0;
    L->after_cr = false;
    L->failed = L->restart = false;
    L->row_has_value = false;
    L->n_blank = 0;
    L->first_blank = 0;
    loader_ensure_capacity(L, L->nrows + 1);
}

/* Feeds bytes [from, to) of the file to the parser (to = SIZE_MAX: up to the
 * end).  The first chunk is small, to reserve the columns for the whole range
 * from its density of rows.  false when the loader failed. */
bool loader_feed_range(Loader *L, struct csv_parser *p, FILE *f, size_t from, size_t to, char *buf,
                       bool estimate)
{
    if (fseeko(f, (off_t)from, SEEK_SET) != 0) {
        loader_fail(L, L->line, 0, NULL, _("cannot read %s: %s"), L->shown, strerror(errno));
        return false;
    }
    size_t chunk = FIRST_CHUNK, total = 0, range = to - from;
    for (size_t pos = from; pos < to && !L->failed;) {
        size_t want = to - pos < chunk ? to - pos : chunk;
        size_t n = fread(buf, 1, want, f);
        if (n == 0) break;
        L->chunk_has_quote = memchr(buf, '"', n) != NULL;
        L->chunk = buf;
        L->chunk_len = n;
        size_t done = loader_parse(L, p, buf, n);
        if (!L->failed && done != n) {
            char ex[64];
            csv_excerpt(buf + done, n - done < 20 ? n - done : 20, ex, sizeof ex);
            loader_fail_misplaced_quote(L, L->line + L->pending_lines, L->field);
            (void)ex; /* a person's value: located, never quoted */
        }
        pos += n;
        total += n;
        if (estimate && chunk == FIRST_CHUNK && L->nrows > 0 && to != SIZE_MAX && total < range) {
            double rows = (double)L->nrows * (double)range / (double)total;
            loader_ensure_capacity(L, (size_t)(rows * 1.02) + 16);
        }
        chunk = CHUNK;
    }
    if (!L->failed && ferror(f))
        loader_fail(L, L->line, 0, NULL, _("reading %s failed: %s"), L->shown, strerror(errno));
    return !L->failed;
}

bool loader_finish_parser(Loader *L, struct csv_parser *p)
{
    if (!L->failed && csv_fini(p, loader_on_field, loader_on_row, L) != 0 && !L->failed)
        loader_fail(L, L->line, L->field,
                    _("a quoted value must end with \"; look for a missing quote on this line"),
                    _("a quoted value is not closed before the end of the file"));
    csv_free(p);
    return !L->failed;
}

void loader_parser_init(Loader *L, struct csv_parser *p)
{
    if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) rt_out_of_memory();
    csv_set_delim(p, (unsigned char)L->sep);
    /* a long quoted value grows the entry buffer in fewer steps */
    csv_set_blk_size(p, ENTRY_BLOCK);
}

/* One reading of the whole file, in one thread.  Returns false on error or
 * when a restart is needed (L->restart). */
bool loader_read_pass(Loader *L, FILE *f, size_t skip, size_t file_size, char *buf)
{
    struct csv_parser p;
    loader_parser_init(L, &p);
    loader_start(L, L->opt->header);
    loader_feed_range(L, &p, f, skip, file_size, buf, true);
    return loader_finish_parser(L, &p);
}
