/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* disclosure_ledger.c — differencing: the figures already given about each
 * data file, so that no new figure gives a small group back by adding and
 * subtracting (SPEC.md, "What may leave the interpreter", rule 9).
 *
 * Contract (runtime/disclosure_ledger.h; only disclosure.c calls it):
 *   - A table read from a data file is a *source*, known by its path and its
 *     number of rows (reading the same file twice gives the same source).
 *     Every table and column derived from it carries a RowMap: for each of
 *     its rows, the row of the source it is.  RowMaps are interned (one copy
 *     of each content), owned by the ledger on the Interp and freed with it;
 *     past LEDGER_MAX_BYTES no new one is made (rows no longer tracked).
 *   - An additive figure (count, len, sum, mean, sd, share) over a set S of
 *     source rows is *published* when it is given; the whole source counts
 *     as published from the start (its total is always shown).
 *   - ledger_try(S...) says whether S may be published too, and records it
 *     when so.  The published sets cut the source's rows into cells (rows
 *     that lie in exactly the same sets); the figure of a union of cells is
 *     given by adding and subtracting published figures exactly when its
 *     indicator vector lies in the span of the published sets' indicators.
 *     S is refused when, with it, some combination of published sets falls
 *     only on cells of fewer than `threshold` rows and covers fewer than
 *     `threshold` rows in all (a reduced row echelon form with the large
 *     cells' columns first gives a basis of exactly those combinations).
 *     This is the audit τ-Argus and sdcTable run on linked tables, for
 *     counts and sums, in its exact linear form.
 */
#include "runtime/disclosure_ledger.h"
#include "runtime/mem.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LEDGER_MAX_BYTES ((size_t)128 << 20) /* row maps kept, in all */
#define LEDGER_MAX_CELLS ((size_t)8 << 20)   /* published sets × cells of one check */

struct RowMap {
    DisclosureLedger *ledger;
    uint32_t source;
    size_t n;
    uint64_t hash;
    uint32_t idx[]; /* row i is the source's row idx[i] */
};

/* A set of source rows, kept in whichever form is smaller: its bitset
 * (nwords words), or its rows in increasing order when it holds fewer than
 * one row in 32 (a group among a hundred, on a million rows: 40 KB instead
 * of 125 KB; the bench's two group-by queries published 185 groups, 23 MB
 * as bitsets). */
typedef struct RowSet {
    uint64_t *bits; /* NULL when listed */
    uint32_t *rows; /* when listed: increasing */
    size_t count;   /* its rows */
    uint64_t hash;  /* hash_words() of the bytes of its form */
} RowSet;

static void set_free(RowSet *set)
{
    free(set->bits);
    free(set->rows);
}

typedef struct Source {
    char *key;
    size_t nrows, nwords;
    const RowMap *all;
    RowSet *sets; /* published */
    size_t nsets, cap;
    /* each row's signature over the sets published so far (sets_key()),
     * kept up to date by record(); NULL until the first check */
    uint64_t *published_key;
} Source;

struct DisclosureLedger {
    Source *sources;
    size_t nsources;
    const RowMap **slots; /* open addressing, capacity a power of two */
    size_t nslots, nmaps;
    size_t bytes;
};

static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* Eight bytes at a time: the maps hashed are millions of rows long. */
static uint64_t hash_words(const void *p, size_t nbytes, uint64_t seed)
{
    const unsigned char *b = p;
    uint64_t h = mix64(seed ^ nbytes);
    size_t i = 0;
    for (; i + 8 <= nbytes; i += 8) {
        uint64_t w;
        memcpy(&w, b + i, sizeof w);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; i < nbytes; i++) h = (h ^ b[i]) * 0x100000001b3ULL;
    return mix64(h);
}

DisclosureLedger *ledger_new(void)
{
    return xcalloc(1, sizeof(DisclosureLedger));
}

void ledger_free(DisclosureLedger *L)
{
    if (!L) return;
    for (size_t i = 0; i < L->nsources; i++) {
        Source *s = &L->sources[i];
        for (size_t k = 0; k < s->nsets; k++) set_free(&s->sets[k]);
        free(s->sets);
        free(s->published_key);
        free(s->key);
    }
    free(L->sources);
    for (size_t i = 0; i < L->nslots; i++) free((void *)L->slots[i]);
    free(L->slots);
    free(L);
}

static void slots_grow(DisclosureLedger *L)
{
    size_t cap = L->nslots ? L->nslots * 2 : 256;
    const RowMap **slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < L->nslots; i++) {
        const RowMap *m = L->slots[i];
        if (!m) continue;
        size_t j = m->hash & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = m;
    }
    free(L->slots);
    L->slots = slots;
    L->nslots = cap;
}

/* A map of n rows of the source, its rows to be filled by the caller
 * before intern() (filled in place: a million rows are not copied again). */
static RowMap *map_new(DisclosureLedger *L, uint32_t source, size_t n)
{
    RowMap *m = xmalloc(sizeof(RowMap) + n * sizeof(uint32_t));
    m->ledger = L;
    m->source = source;
    m->n = n;
    return m;
}

/* The one copy of the map m (made by map_new(), filled): m itself, kept,
 * or the copy already kept (m freed); NULL past the memory bound (m freed). */
static const RowMap *intern(DisclosureLedger *L, RowMap *m)
{
    m->hash = hash_words(m->idx, m->n * sizeof *m->idx, m->source);
    if (2 * (L->nmaps + 1) > L->nslots) slots_grow(L);
    size_t j = m->hash & (L->nslots - 1);
    for (; L->slots[j]; j = (j + 1) & (L->nslots - 1)) {
        const RowMap *k = L->slots[j];
        if (k->hash == m->hash && k->source == m->source && k->n == m->n &&
            memcmp(k->idx, m->idx, m->n * sizeof *m->idx) == 0) {
            free(m);
            return k;
        }
    }
    size_t size = sizeof(RowMap) + m->n * sizeof(uint32_t);
    if (L->bytes + size > LEDGER_MAX_BYTES) {
        free(m);
        return NULL;
    }
    L->slots[j] = m;
    L->nmaps++;
    L->bytes += size;
    return m;
}

const RowMap *ledger_source(DisclosureLedger *L, const char *key, size_t nrows)
{
    if (nrows > UINT32_MAX) return NULL;
    for (size_t i = 0; i < L->nsources; i++)
        if (L->sources[i].nrows == nrows && strcmp(L->sources[i].key, key) == 0)
            return L->sources[i].all;
    RowMap *m = map_new(L, (uint32_t)L->nsources, nrows);
    for (size_t i = 0; i < nrows; i++) m->idx[i] = (uint32_t)i;
    const RowMap *all = intern(L, m);
    if (!all) return NULL;
    L->sources = xrealloc(L->sources, (L->nsources + 1) * sizeof *L->sources);
    L->sources[L->nsources] =
        (Source){ .key = xstrdup(key), .nrows = nrows, .nwords = (nrows + 63) / 64, .all = all };
    L->nsources++;
    return all;
}

size_t ledger_rows(const RowMap *m)
{
    return m ? m->n : 0;
}

const RowMap *ledger_pick(const RowMap *from, const uint32_t *pick, size_t n)
{
    if (!from) return NULL;
    RowMap *m = map_new(from->ledger, from->source, n);
    for (size_t i = 0; i < n; i++) m->idx[i] = from->idx[pick[i]];
    return intern(from->ledger, m);
}

/* ---- the check ------------------------------------------------------------------ */

/* The source row of row i of map (row pick[i] of it, or row i when pick
 * is NULL); the map of the whole source is the identity, not read. */
static inline uint32_t source_row(const Source *s, const RowMap *map, const uint32_t *pick,
                                  size_t i)
{
    size_t at = pick ? pick[i] : i;
    return map == s->all ? (uint32_t)at : map->idx[at];
}

/* The bitset of the source rows of map (rows pick[0..n) of it, or all of
 * its rows when pick is NULL). */
static uint64_t *bits_of(const Source *s, const RowMap *map, const uint32_t *pick, size_t n)
{
    uint64_t *b = xcalloc(s->nwords ? s->nwords : 1, sizeof *b);
    for (size_t i = 0; i < n; i++) {
        uint32_t r = source_row(s, map, pick, i);
        b[r / 64] |= (uint64_t)1 << (r % 64);
    }
    return b;
}

static size_t bits_count(const Source *s, const uint64_t *b)
{
    size_t n = 0;
    for (size_t w = 0; w < s->nwords; w++) n += (size_t)__builtin_popcountll(b[w]);
    return n;
}

static int by_row(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* rows[0..n) in increasing order, each once; returns how many remain. */
static size_t sort_unique(uint32_t *rows, size_t n)
{
    qsort(rows, n, sizeof *rows, by_row);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || rows[i] != rows[m - 1]) rows[m++] = rows[i];
    return m;
}

/* The set of the source rows of map (rows pick[0..n) of it, or all of its
 * rows when pick is NULL), in its one form: listed (increasing, each row
 * once) when it holds fewer rows than 2 * nwords, else a bitset.  The hash
 * is that of the form's bytes: two equal sets have the same form, so the
 * same hash and the same bytes.  A list is made straight from the picks
 * (a group's rows come in increasing order: no bitset, no sort). */
static RowSet set_of(const Source *s, const RowMap *map, const uint32_t *pick, size_t n)
{
    RowSet set = { 0 };
    if (n < 2 * s->nwords) {
        set.rows = xmalloc((n ? n : 1) * sizeof *set.rows);
        bool increasing = true;
        for (size_t i = 0; i < n; i++) {
            set.rows[i] = source_row(s, map, pick, i);
            increasing &= i == 0 || set.rows[i] > set.rows[i - 1];
        }
        set.count = increasing ? n : sort_unique(set.rows, n);
    } else {
        set.bits = bits_of(s, map, pick, n);
        set.count = bits_count(s, set.bits);
        if (set.count < 2 * s->nwords) { /* rows picked twice: a list after all */
            set.rows = xmalloc((set.count ? set.count : 1) * sizeof *set.rows);
            size_t i = 0;
            for (size_t w = 0; w < s->nwords; w++)
                for (uint64_t bits = set.bits[w]; bits; bits &= bits - 1)
                    set.rows[i++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
            free(set.bits);
            set.bits = NULL;
        }
    }
    set.hash = set.rows ? hash_words(set.rows, set.count * sizeof *set.rows, 1)
                        : hash_words(set.bits, s->nwords * sizeof *set.bits, 0);
    return set;
}

static bool set_equals(const Source *s, const RowSet *a, const RowSet *b)
{
    if (a->hash != b->hash || a->count != b->count || !a->rows != !b->rows) return false;
    return a->rows ? memcmp(a->rows, b->rows, a->count * sizeof *a->rows) == 0
                   : memcmp(a->bits, b->bits, s->nwords * sizeof *a->bits) == 0;
}

/* A set of every row of the source holds nrows rows, each once. */
static bool already_published(const Source *s, const RowSet *set)
{
    if (set->count == s->nrows) return true;
    for (size_t k = 0; k < s->nsets; k++)
        if (set_equals(s, &s->sets[k], set)) return true;
    return false;
}

/* The random key set number j adds to the signature of each of its rows
 * (set 0 is the whole source, 1 + k the k-th published one). */
static uint64_t set_key(size_t j)
{
    return mix64(j + 1);
}

static void add_set_key(const Source *s, uint64_t *key, const RowSet *set, size_t j)
{
    uint64_t k = set_key(j);
    if (set->rows)
        for (size_t i = 0; i < set->count; i++) key[set->rows[i]] ^= k;
    else
        for (size_t w = 0; w < s->nwords; w++)
            for (uint64_t bits = set->bits[w]; bits; bits &= bits - 1)
                key[w * 64 + (size_t)__builtin_ctzll(bits)] ^= k;
}

/* Puts a 1 in row[column[c]] for each cell c of the set.  A set holds a
 * cell whole or not at all: a bitset is asked about one row of each cell
 * (row_of[c]), a list (fewer rows than one in 32) tells its rows' cells. */
static void mark_cells(const RowSet *set, const uint32_t *cell_of, const size_t *row_of,
                       size_t ncells, const size_t *column, double *row)
{
    if (set->rows)
        for (size_t i = 0; i < set->count; i++) row[column[cell_of[set->rows[i]]]] = 1;
    else
        for (size_t c = 0; c < ncells; c++)
            if (set->bits[row_of[c] / 64] >> (row_of[c] % 64) & 1) row[column[c]] = 1;
}

static int by_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* A place of distinct_keys()'s table: a key and its number + 1 (0: empty),
 * side by side, so that a probe reads one place, not a place then a key. */
typedef struct KeySlot {
    uint64_t key;
    uint32_t id1;
} KeySlot;

/* Puts key (number id) in its place of slot[0..cap). */
static void key_slot_put(KeySlot *slot, size_t cap, uint64_t key, uint32_t id)
{
    size_t j = key & (cap - 1); /* as distinct_keys() places it */
    while (slot[j].id1) j = (j + 1) & (cap - 1);
    slot[j] = (KeySlot){ key, id + 1 };
}

/* The distinct values of key[0..n), in order of first appearance (id[r]
 * gets the number of key[r] among them, *first_row_out the row where each
 * first appears): linear in n, in a table sized to the distinct keys; runs
 * of one key skip the table.  A signature is a XOR of set_key()s, already
 * mixed: its low bits are its place, without mixing it again (a chain of
 * two multiplications a row). */
static uint64_t *distinct_keys(const uint64_t *key, size_t n, uint32_t *id, size_t *ndistinct,
                               size_t **first_row_out)
{
    size_t cap = 1024, nd = 0, room = 1024;
    KeySlot *slot = xcalloc(cap, sizeof *slot);
    uint64_t *first = xmalloc(room * sizeof *first);
    size_t *first_row = xmalloc(room * sizeof *first_row);
    for (size_t r = 0; r < n; r++) {
        if (r > 0 && key[r] == key[r - 1]) {
            id[r] = id[r - 1];
            continue;
        }
        size_t j = key[r] & (cap - 1);
        while (slot[j].id1 && slot[j].key != key[r]) j = (j + 1) & (cap - 1);
        if (slot[j].id1) {
            id[r] = slot[j].id1 - 1;
            continue;
        }
        if (nd == room) {
            room *= 2;
            first = xrealloc(first, room * sizeof *first);
            first_row = xrealloc(first_row, room * sizeof *first_row);
        }
        first[nd] = key[r];
        first_row[nd] = r;
        id[r] = (uint32_t)nd;
        slot[j] = (KeySlot){ key[r], (uint32_t)++nd };
        if (2 * nd > cap) { /* rehash into twice the room */
            free(slot);
            cap *= 2;
            slot = xcalloc(cap, sizeof *slot);
            for (size_t d = 0; d < nd; d++) key_slot_put(slot, cap, first[d], (uint32_t)d);
        }
    }
    free(slot);
    *ndistinct = nd;
    *first_row_out = first_row;
    return first;
}

/* The cells: rows that lie in exactly the same sets (each set adds its own
 * random key to a row's signature, key[r]), numbered in increasing
 * signature.  Returns the number of cells; cell_of is filled, *size_out
 * gets each cell's rows and *row_out each cell's first row (malloc'ed, one
 * entry a cell: an array of nrows entries was 8 MB a check on a million
 * rows).  Linear in the rows: only the distinct signatures (one per cell)
 * are sorted. */
static size_t cells_of(const Source *s, const uint64_t *key, uint32_t *cell_of, size_t **size_out,
                       size_t **row_out)
{
    size_t ncells, *first_row;
    uint64_t *first = distinct_keys(key, s->nrows, cell_of, &ncells, &first_row);
    /* rank[id]: the place of the id-th key among the sorted keys */
    uint64_t *sorted = xmalloc((ncells ? ncells : 1) * sizeof *sorted);
    if (ncells) memcpy(sorted, first, ncells * sizeof *sorted);
    qsort(sorted, ncells, sizeof *sorted, by_key);
    uint32_t *rank = xmalloc((ncells ? ncells : 1) * sizeof *rank);
    for (size_t i = 0; i < ncells; i++) {
        uint64_t *at = bsearch(&first[i], sorted, ncells, sizeof *sorted, by_key);
        rank[i] = (uint32_t)(at - sorted);
    }
    size_t *size = xcalloc(ncells ? ncells : 1, sizeof *size);
    for (size_t r = 0; r < s->nrows; r++) {
        cell_of[r] = rank[cell_of[r]];
        size[cell_of[r]]++;
    }
    size_t *row_of = xmalloc((ncells ? ncells : 1) * sizeof *row_of);
    for (size_t i = 0; i < ncells; i++) row_of[rank[i]] = first_row[i];
    free(first_row);
    *row_out = row_of;
    free(rank);
    free(sorted);
    free(first);
    *size_out = size;
    return ncells;
}

/* Reduces M (m rows × a columns, row-major) to reduced row echelon form;
 * pivot[i] gets the pivot column of row i.  Returns the rank. */
static size_t reduce(double *M, size_t m, size_t a, size_t *pivot)
{
    size_t r = 0;
    for (size_t c = 0; c < a && r < m; c++) {
        size_t best = r;
        for (size_t i = r + 1; i < m; i++)
            if (fabs(M[i * a + c]) > fabs(M[best * a + c])) best = i;
        if (fabs(M[best * a + c]) < 1e-9) continue;
        if (best != r)
            for (size_t k = 0; k < a; k++) {
                double t = M[r * a + k];
                M[r * a + k] = M[best * a + k];
                M[best * a + k] = t;
            }
        double p = M[r * a + c];
        for (size_t k = c; k < a; k++) M[r * a + k] /= p;
        for (size_t i = 0; i < m; i++) {
            double f = M[i * a + c];
            if (i == r || fabs(f) < 1e-12) continue;
            for (size_t k = c; k < a; k++) M[i * a + k] -= f * M[r * a + k];
        }
        pivot[r++] = c;
    }
    return r;
}

/* The audit proper, once some cell is small: true when a combination of
 * the whole source and sets[0..m-1) falls only on small cells and covers
 * fewer than threshold rows; *exposed gets its number of rows.  row_of:
 * a row of each cell (cells_of()). */
static bool small_combination(const RowSet *const *sets, size_t m, const uint32_t *cell_of,
                              const size_t *row_of, const size_t *size, size_t ncells,
                              size_t nlarge, int threshold, size_t *exposed)
{
    if (m * ncells > LEDGER_MAX_CELLS) {
        *exposed = 0; /* too large to audit: refused, never let through unchecked */
        return true;
    }
    /* the large cells' columns first: rows whose pivot is a small cell's
     * column are then zero on every large cell */
    size_t *column = xmalloc(ncells * sizeof *column), nl = 0, ns = nlarge;
    size_t *column_size = xmalloc(ncells * sizeof *column_size);
    for (size_t c = 0; c < ncells; c++) {
        column[c] = size[c] >= (size_t)threshold ? nl++ : ns++;
        column_size[column[c]] = size[c];
    }
    double *M = xcalloc(m * ncells, sizeof *M);
    for (size_t c = 0; c < ncells; c++) M[c] = 1; /* the whole source: every cell */
    for (size_t j = 1; j < m; j++)
        mark_cells(sets[j - 1], cell_of, row_of, ncells, column, M + j * ncells);
    size_t *pivot = xmalloc(m * sizeof *pivot);
    size_t rank = reduce(M, m, ncells, pivot);
    bool found = false;
    for (size_t i = 0; i < rank && !found; i++) {
        if (pivot[i] < nlarge) continue;
        size_t people = 0;
        for (size_t c = nlarge; c < ncells; c++)
            if (fabs(M[i * ncells + c]) > 1e-9) people += column_size[c];
        if (people > 0 && people < (size_t)threshold) {
            found = true;
            *exposed = people;
        }
    }
    free(pivot);
    free(M);
    free(column);
    free(column_size);
    return found;
}

/* True when the published sets and the candidates cand[0..fresh), whose
 * keys published_key already holds, let a group of fewer than threshold
 * rows be computed; *exposed gets its number of rows. */
static bool small_group_derivable(const Source *s, const RowSet *cand, size_t fresh, int threshold,
                                  size_t *exposed)
{
    uint32_t *cell_of = xmalloc((s->nrows ? s->nrows : 1) * sizeof *cell_of);
    size_t *size, *row_of;
    size_t ncells = cells_of(s, s->published_key, cell_of, &size, &row_of), nlarge = 0;
    for (size_t c = 0; c < ncells; c++) nlarge += size[c] >= (size_t)threshold;
    bool found = false;
    if (nlarge < ncells) { /* else no small cell at all: nothing to give back */
        size_t m = 1 + s->nsets + fresh;
        const RowSet **sets = xmalloc(m * sizeof *sets);
        for (size_t k = 0; k < s->nsets; k++) sets[k] = &s->sets[k];
        for (size_t k = 0; k < fresh; k++) sets[s->nsets + k] = &cand[k];
        found =
            small_combination(sets, m, cell_of, row_of, size, ncells, nlarge, threshold, exposed);
        free(sets);
    }
    free(cell_of);
    free(size);
    free(row_of);
    return found;
}

static void record(Source *s, RowSet set)
{
    if (s->nsets == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        s->sets = xrealloc(s->sets, s->cap * sizeof *s->sets);
    }
    s->sets[s->nsets++] = set;
}

bool ledger_try(const RowMap *map, const uint32_t *const *picks, const size_t *counts, size_t k,
                int threshold, size_t *exposed)
{
    *exposed = 0;
    if (!map || threshold <= 1 || k == 0) return true;
    Source *s = &map->ledger->sources[map->source];
    if (!picks && map == s->all) return true; /* the whole source: published from the start */
    if (!s->published_key) {                  /* the whole source alone: one signature */
        s->published_key = xmalloc((s->nrows ? s->nrows : 1) * sizeof *s->published_key);
        for (size_t r = 0; r < s->nrows; r++) s->published_key[r] = set_key(0);
    }
    /* each candidate in its smaller form as soon as it is known new: the
     * bitsets of a hundred groups are never all held at once */
    RowSet *cand = xmalloc(k * sizeof *cand);
    size_t fresh = 0;
    for (size_t i = 0; i < k; i++) {
        RowSet set = set_of(s, map, picks ? picks[i] : NULL, picks ? counts[i] : map->n);
        bool dup = already_published(s, &set);
        for (size_t j = 0; j < fresh && !dup; j++) dup = set_equals(s, &cand[j], &set);
        if (dup)
            set_free(&set);
        else
            cand[fresh++] = set;
    }
    bool ok = true;
    if (fresh) {
        /* the candidates' keys go into the published signatures, where
         * record() keeps them; a refusal takes them out again (x ^ k ^ k = x) */
        for (size_t i = 0; i < fresh; i++)
            add_set_key(s, s->published_key, &cand[i], 1 + s->nsets + i);
        ok = !small_group_derivable(s, cand, fresh, threshold, exposed);
        if (!ok)
            for (size_t i = 0; i < fresh; i++)
                add_set_key(s, s->published_key, &cand[i], 1 + s->nsets + i);
    }
    for (size_t i = 0; i < fresh; i++) {
        if (ok)
            record(s, cand[i]);
        else
            set_free(&cand[i]);
    }
    free(cand);
    return ok;
}
