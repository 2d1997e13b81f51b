/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_parallel.c — reading a big CSV file in two threads (csv_loader.h).
 *
 * Contract: loader_read_parallel() reads the first half in the calling
 * thread and the second in a new one, each with its own libcsv parser and
 * Loader; the second writes into the far end of the first's arrays, so
 * that joining them moves rows in place (measured on the 1,000,000-row
 * bench file: the join went from about 30 ms to under 10).  The second
 * thread never calls the interpreter: its first error is raised after the
 * join.  The result is the table one thread would have read, warnings and
 * line numbers included.
 */
#include "stdlib/data/csv_loader.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>

/* ---- reading in two threads ------------------------------------------------------ */

typedef struct Half {
    Loader *L;
    const char *path;
    size_t from, to;
} Half;

static void *read_second_half(void *arg)
{
    Half *h = arg;
    Loader *B = h->L;
    char *buf = xcalloc(1, CHUNK_ALLOC);
    FILE *f = fopen(h->path, "rb");
    if (!f) {
        loader_fail(B, 1, 0, NULL, _("cannot open %s a second time: %s"), B->shown,
                    strerror(errno));
    } else {
        struct csv_parser p;
        loader_parser_init(B, &p);
        loader_feed_range(B, &p, f, h->from, h->to, buf, false); /* sized by loader_read_parallel */
        loader_finish_parser(B, &p);
        fclose(f);
    }
    free(buf);
    return NULL;
}

/* Makes the array of each column whose type is known the start of a block
 * with room for `second` more rows, for the second half (loader_read_parallel). */
static void share_blocks(Loader *L, size_t second)
{
    L->block_rows = L->cap; /* L->cap may grow later; B's rows start here for good */
    L->block_cap = L->cap + second;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        void *data = colbuild_data(c);
        if (c->type == TYPE_UNKNOWN || !data) continue;
        /* a fresh block, its rows so far copied: a block grown by realloc()
         * (mremap) kept few of the 2 MB pages mem.h asks for (a third of
         * them on this kernel: 25,000 page faults for the bench file
         * instead of 7,000) */
        size_t size = type_elem_size(c->type);
        c->block = xmalloc((L->cap + second) * size);
        memcpy(c->block, data, (L->nrows + 1 < L->cap ? L->nrows + 1 : L->cap) * size);
        free(data);
        colbuild_set_data(c, c->block);
    }
}

/* B's column i takes the type L has found for it, as one thread reading on
 * would (a value of the second half that does not fit makes it text, with
 * the same warning), and writes into the rest of L's block. */
static void adopt_block(Loader *B, ColBuild *c, const ColBuild *from, size_t first)
{
    loader_set_type(B, c, from->type); /* an array of B->cap = `second` rows... */
    void *own = colbuild_data(c);
    colbuild_set_data(c, (char *)from->block + first * type_elem_size(from->type));
    free(own); /* ...replaced by the rest of the block */
    c->borrowed = true;
    c->guess_line = from->guess_line;
    memcpy(c->guess_text, from->guess_text, sizeof c->guess_text);
}

/* B: a loader for the second half, with the columns the header of L made. */
static void clone_header(Loader *B, const Loader *L, size_t second)
{
    *B = (Loader){ .I = L->I,
                   .opt = L->opt,
                   .shown = L->shown,
                   .sep = L->sep,
                   .sep_suggested = L->sep_suggested,
                   .decimal = L->decimal,
                   .enc = L->enc,
                   .cd = (iconv_t)-1,
                   .deferred = true,
                   .custom_missing = L->custom_missing };
    if (B->enc == CSV_ENC_CP1252 && (B->cd = iconv_open("UTF-8", "WINDOWS-1252")) == (iconv_t)-1)
        loader_fail(B, 1, 0, NULL, _("this system cannot convert Windows-1252 text (iconv)"));
    if (L->n_notes) {
        B->n_notes = L->n_notes;
        B->notes = xmalloc(L->n_notes * sizeof *B->notes);
        memcpy(B->notes, L->notes, L->n_notes * sizeof *B->notes);
    }
    B->path = L->path;
    B->cap = second;
    for (size_t i = 0; i < L->ncols; i++) {
        loader_add_column(B, strdup(L->cols[i].name));
        B->cols[i].declared = L->cols[i].declared;
        if (L->cols[i].block)
            adopt_block(B, &B->cols[i], &L->cols[i], L->block_rows);
        else if (L->cols[i].declared)
            loader_set_type(B, &B->cols[i], L->cols[i].type);
    }
    bool failed = B->failed;
    loader_start(B, false);
    B->failed = failed;
}

static void mark_forced(Loader *L, size_t i, long line, const char *text, int why)
{
    if (i < L->n_notes && L->notes[i].force_text) return;
    /* reuse loader_demote()'s bookkeeping, then restore the state it changes */
    long saved = L->line;
    L->line = line;
    loader_demote(L, i, text, strlen(text));
    L->line = saved;
    if (why >= 0) L->notes[i].why_type = why; /* the second half's reason */
}

/* Columns whose halves disagree on the type (or that B had to make text)
 * are read again as text: returns false with L->restart set. */
static bool reconcile_types(Loader *L, const Loader *B, long offset)
{
    bool conflict = false;
    for (size_t i = 0; i < B->n_notes && i < L->ncols; i++)
        if (B->notes[i].force_text && !(i < L->n_notes && L->notes[i].force_text)) {
            const ColumnNote *b = &B->notes[i];
            mark_forced(L, i, b->why_line + offset, b->why_text, b->why_type);
            conflict = true;
        }
    for (size_t i = 0; i < B->n_notes && i < L->ncols; i++)
        if (B->notes[i].decimal && !(i < L->n_notes && L->notes[i].decimal)) {
            loader_use_decimal_comma(L, i);
            conflict = true;
        }
    for (size_t i = 0; i < L->ncols; i++) {
        const ColBuild *a = &L->cols[i], *b = &B->cols[i];
        if (a->type != TYPE_UNKNOWN && b->type != TYPE_UNKNOWN && a->type != b->type) {
            mark_forced(L, i, b->guess_line + offset, b->guess_text, -1);
            conflict = true;
        } else if (a->type == COL_NUM && b->type == COL_NUM && a->decimal != b->decimal) {
            loader_use_decimal_comma(L, i); /* one half met a quoted "21,5": both read it so */
            conflict = true;
        }
    }
    if (conflict) {
        L->restart = true;
        L->failed = true;
    }
    return !conflict;
}

/* Dictionary codes of B's text column in L's column, shifted by one so
 * that a missing value (-1) reads its own place: map[code + 1], map[0] =
 * -1 (new, from->n + 1 items).  The rows are translated without a branch
 * on each one's missing or not (missing values in no order cost a
 * mispredicted branch every other row). */
static int32_t *code_map(ColBuild *a, const ColBuild *b)
{
    StrDict *from = as_column(b->col)->dict, *into = as_column(a->col)->dict;
    int32_t *map = xrealloc(NULL, (from->n + 1) * sizeof *map);
    map[0] = -1;
    for (size_t k = 0; k < from->n; k++)
        map[k + 1] = strdict_intern(into, from->strs[k], from->lens[k]);
    return map;
}

/* Appends B's rows to L's columns.  Where B wrote into L's block (the usual
 * case), its rows move down to just after L's, in place; otherwise they are
 * copied and B's arrays freed as it goes, so that the memory peak stays near
 * the size of the table. */
static void append_half(Loader *L, Loader *B, long offset)
{
    if (B->n_blank) { /* B's blank rows, with the lines made the file's */
        if (!L->n_blank) L->first_blank = B->first_blank + offset;
        L->n_blank += B->n_blank;
    }
    size_t n = L->nrows, m = B->nrows, total = n + m, first = L->block_rows;
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *a = &L->cols[i], *b = &B->cols[i];
        if (a->type == TYPE_UNKNOWN && b->type == TYPE_UNKNOWN) continue;
        if (a->type == TYPE_UNKNOWN) loader_set_type(L, a, b->type);
        a->money |= b->money;
        size_t size = type_elem_size(a->type);
        char *src = colbuild_data(b);
        if (b->borrowed)
            src = (char *)a->block + first * size; /* B's rows: the block after L's capacity */
        char *dst = colbuild_data(a);
        bool in_block = a->block && dst == a->block;
        /* L's own array, or the block when B outgrew its part of it (then B's
         * rows are elsewhere and the block may move) */
        if (!in_block || total > L->block_cap) {
            dst = xrealloc(dst, total * size);
            if (in_block) a->block = dst;
        }
        colbuild_set_data(a, dst);
        if (a->type == COL_TEXT && src) {
            int32_t *map = code_map(a, b);
            const int32_t *from = (const int32_t *)src;
            int32_t *to = (int32_t *)dst + n; /* to <= from: forward in place is safe */
            for (size_t r = 0; r < m; r++) to[r] = map[from[r] + 1];
            free(map);
        } else if (src) {
            memmove(dst + n * size, src, m * size);
        } else { /* B met only missing values */
            for (size_t r = n; r < total; r++) colbuild_store_missing(a, r);
        }
        if (a->block && a->block != dst) free(a->block);
        a->block = NULL;
        if (!a->time_line && b->time_line) {
            a->time_line = b->time_line + offset;
            memcpy(a->time_text, b->time_text, sizeof a->time_text);
        }
        a->nir_shaped += b->nir_shaped;
        if (a->nir_valid == 0 && b->nir_valid > 0) {
            a->nir_line = b->nir_line + offset;
            memcpy(a->nir_text, b->nir_text, sizeof a->nir_text);
        }
        a->nir_valid += b->nir_valid;
        if (!b->borrowed) {
            free(b->num);
            free(b->codes);
            free(b->bools);
        }
        b->num = NULL;
        b->codes = NULL;
        b->bools = NULL;
        b->borrowed = false;
    }
    for (size_t k = 0; k < B->n_shifts; k++) { /* B's row r, line l: row n + r, line l + offset */
        long shift = B->shifts[k].shift + offset - (long)n;
        if (!L->n_shifts || L->shifts[L->n_shifts - 1].shift != shift)
            loader_note_shift(L, n + B->shifts[k].row, shift);
    }
    L->nrows = L->cap = total;
    for (size_t i = 0; i < L->ncols; i++) { /* every array now holds exactly `total` rows */
        ColBuild *a = &L->cols[i];
        if (a->type != TYPE_UNKNOWN)
            colbuild_set_data(a, xrealloc(colbuild_data(a), total * type_elem_size(a->type)));
    }
}

/* Where the second half starts: just after the first line end past the
 * middle; 0 if there is none. */
static size_t split_point(FILE *f, size_t skip, size_t size, char *buf)
{
    size_t mid = skip + (size - skip) / 2;
    if (fseeko(f, (off_t)mid, SEEK_SET) != 0) return 0;
    size_t n = fread(buf, 1, FIRST_CHUNK, f);
    const char *nl = memchr(buf, '\n', n);
    return nl && mid + (size_t)(nl - buf) + 1 < size ? mid + (size_t)(nl - buf) + 1 : 0;
}

/* Reads the file in two threads: the first half here, the second in a
 * thread, each with its own libcsv parser, then appends the second to the
 * first.  The split is a guess — a line end that might lie inside a quoted
 * value — so it is checked: the first half's parser must end outside any
 * field; otherwise the second half's work is thrown away and the first
 * parser simply goes on to the end. */
bool loader_read_parallel(Loader *L, FILE *f, const char *path, size_t skip, size_t size, char *buf)
{
    size_t split = split_point(f, skip, size, buf);
    if (split <= skip + FIRST_CHUNK) return loader_read_pass(L, f, skip, size, buf);
    struct csv_parser p;
    loader_parser_init(L, &p);
    loader_start(L, L->opt->header);
    loader_feed_range(L, &p, f, skip, skip + FIRST_CHUNK, buf, false);
    if (L->failed || L->in_header) { /* an error, or a header longer than 64 KB */
        loader_feed_range(L, &p, f, skip + FIRST_CHUNK, size, buf, false);
        return loader_finish_parser(L, &p);
    }
    /* rows expected in each half, from the density of the first 64 KB */
    double per_byte = (double)L->nrows / FIRST_CHUNK;
    size_t first = (size_t)(per_byte * (double)(split - skip) * 1.02) + 16;
    size_t second = (size_t)(per_byte * (double)(size - split) * 1.03) + 1024;
    loader_ensure_capacity(L, first);
    share_blocks(L, second);
    Loader B;
    clone_header(&B, L, second);
    Half half = { &B, path, split, size };
    pthread_t thread;
    bool threaded = !B.failed && pthread_create(&thread, NULL, read_second_half, &half) == 0;
    loader_feed_range(L, &p, f, skip + FIRST_CHUNK, split, buf, false);
    if (threaded) pthread_join(thread, NULL);
    bool boundary = p.pstate == 0 && p.entry_pos == 0; /* libcsv's ROW_NOT_BEGUN */
    bool ok;
    if (L->failed) {
        csv_free(&p);
        ok = false;
    } else if (!threaded || !boundary) {
        /* the split fell inside a quoted value: go on alone */
        loader_feed_range(L, &p, f, split, size, buf, false);
        ok = loader_finish_parser(L, &p);
    } else {
        ok = loader_finish_parser(L, &p);
        long offset = L->line - 1; /* B's line 1 is the line at the split */
        if (ok && loader_raise_deferred(L, &B, offset)) {
            ok = false;
        } else if (ok && (ok = reconcile_types(L, &B, offset))) {
            append_half(L, &B, offset);
        }
    }
    loader_free(&B);
    return ok;
}
