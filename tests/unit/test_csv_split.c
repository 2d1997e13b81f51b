/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_csv_split.c — csv_split() (stdlib/data/csv_split.c) against libcsv
 * itself: the same texts, cut into the same pieces, fed to csv_parse() by
 * one parser and to csv_split() by another, must give the same calls with
 * the same bytes, the same return values and the same final state.  The
 * texts are random mixes of the bytes that matter (separators, spaces,
 * tabs, CR, LF, quotes in some) so that every branch of the splitter meets
 * libcsv's answer; a few fixed texts state by hand what libcsv does. */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/data/csv_split.h"

/* test_csv_split_portable.c includes this file under its own suite name:
 * both are linked into the one test program. */
#ifndef CSV_SPLIT_SUITE
#define CSV_SPLIT_SUITE csv_split
#endif

/* The calls a parser made, as text: F<len>:<bytes> per field, R<code> per row. */
typedef struct Log {
    char *s;
    size_t len, cap;
} Log;

static void log_put(Log *g, const void *bytes, size_t n)
{
    if (g->len + n + 1 > g->cap) {
        g->cap = (g->len + n + 1) * 2;
        g->s = realloc(g->s, g->cap);
        cr_assert_not_null(g->s);
    }
    memcpy(g->s + g->len, bytes, n);
    g->len += n;
    g->s[g->len] = 0;
}

static void on_field(void *s, size_t len, void *data)
{
    char head[32];
    snprintf(head, sizeof head, "F%zu:", len);
    log_put(data, head, strlen(head));
    log_put(data, s, len);
}

static void on_row(int c, void *data)
{
    char head[16];
    snprintf(head, sizeof head, "R%d;", c);
    log_put(data, head, strlen(head));
}

/* csv_split_indexed()'s callbacks: the same Log, each field's index and
 * each row's count of fields and of non-empty ones checked against the
 * fields logged since the row began (counted here, independently). */
typedef struct IndexedLog {
    Log log;
    size_t fields, nonempty; /* of the current row, counted by at() */
} IndexedLog;

static void at(void *s, size_t len, size_t i, void *data)
{
    IndexedLog *g = data;
    cr_assert_eq(i, g->fields, "field %zu of its row given as field %zu", g->fields, i);
    g->fields++;
    g->nonempty += len != 0;
    on_field(s, len, &g->log);
}

static void end_row(int c, size_t fields, bool any, void *data)
{
    IndexedLog *g = data;
    cr_assert_eq(fields, g->fields, "a row of %zu fields ended as one of %zu", g->fields, fields);
    cr_assert_eq(any, g->nonempty != 0);
    g->fields = g->nonempty = 0;
    on_row(c, &g->log);
}

/* libcsv's callbacks in the same run (the part csv_split_indexed() leaves
 * to libcsv): the counts restart with each row libcsv ends. */
static void libcsv_field(void *s, size_t len, void *data)
{
    on_field(s, len, &((IndexedLog *)data)->log);
}

static void libcsv_row(int c, void *data)
{
    IndexedLog *g = data;
    g->fields = g->nonempty = 0;
    on_row(c, &g->log);
}

static void parser(struct csv_parser *p, char sep)
{
    cr_assert_eq(csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL), 0);
    csv_set_delim(p, (unsigned char)sep);
}

/* Feeds text[0..n) in pieces cut at cuts[0..ncuts) (increasing) to libcsv
 * and to csv_split(), and compares everything. */
static void compare(const char *text, size_t n, char sep, const size_t *cuts, size_t ncuts)
{
    struct csv_parser a, b, c;
    parser(&a, sep);
    parser(&b, sep);
    parser(&c, sep);
    Log la = { 0 }, lb = { 0 };
    IndexedLog lc = { 0 };
    char *copy = malloc(n + 1);
    cr_assert_not_null(copy);
    memcpy(copy, text, n);
    size_t from = 0;
    for (size_t k = 0; k <= ncuts; k++) {
        size_t to = k < ncuts ? cuts[k] : n;
        size_t ra = csv_parse(&a, text + from, to - from, on_field, on_row, &la);
        size_t rb = csv_split(&b, copy + from, to - from, on_field, on_row, &lb);
        size_t rc = csv_split_indexed(&c, copy + from, to - from, libcsv_field, libcsv_row, at,
                                      end_row, &lc);
        cr_assert_eq(rb, rc);
        cr_assert_eq(ra, rb, "returned %zu vs %zu on piece %zu of \"%.*s\"", ra, rb, k, (int)n,
                     text);
        cr_assert_eq(a.pstate, b.pstate);
        cr_assert_eq(a.quoted, b.quoted);
        cr_assert_eq(a.spaces, b.spaces);
        cr_assert_eq(a.entry_pos, b.entry_pos);
        cr_assert_eq(csv_error(&a), csv_error(&b));
        if (ra != to - from) break; /* a misplaced quote: both stop there */
        from = to;
    }
    cr_assert_eq(csv_fini(&a, on_field, on_row, &la), csv_fini(&b, on_field, on_row, &lb));
    csv_fini(&c, libcsv_field, libcsv_row, &lc);
    cr_assert_eq(la.len, lc.log.len, "indexed calls differ on \"%.*s\":\n%s\n%s", (int)n, text,
                 la.s ? la.s : "", lc.log.s ? lc.log.s : "");
    if (la.len) cr_assert_eq(memcmp(la.s, lc.log.s, la.len), 0, "\n%s\n%s", la.s, lc.log.s);
    cr_assert_eq(la.len, lb.len, "calls differ on \"%.*s\":\n%s\n%s", (int)n, text,
                 la.s ? la.s : "", lb.s ? lb.s : "");
    if (la.len) cr_assert_eq(memcmp(la.s, lb.s, la.len), 0, "\n%s\n%s", la.s, lb.s);
    cr_assert_eq(memcmp(copy, text, n), 0, "csv_split() wrote into its buffer");
    csv_free(&a);
    csv_free(&b);
    csv_free(&c);
    free(la.s);
    free(lb.s);
    free(lc.log.s);
    free(copy);
}

/* libcsv's calls on a fixed text in one piece, as a Log text. */
static char *calls_of(const char *text, char sep)
{
    struct csv_parser p;
    parser(&p, sep);
    Log g = { 0 };
    char *copy = strdup(text);
    csv_split(&p, copy, strlen(copy), on_field, on_row, &g);
    csv_fini(&p, on_field, on_row, &g);
    csv_free(&p);
    free(copy);
    log_put(&g, "", 0);
    return g.s;
}

Test(CSV_SPLIT_SUITE, what_libcsv_does_by_hand)
{
    /* spaces and tabs around a field go, inside it stay; CR LF is a row
     * end then a blank line (R13 then R10, CSV_REPALL_NL); a line end right
     * after a separator ends an empty field */
    char *got = calls_of(" a b\t,  c \r\nx,\n\n", ',');
    cr_expect_str_eq(got, "F3:a bF1:cR13;R10;F1:xF0:R10;R10;");
    free(got);
    /* tab separated: a tab is a separator, never a space to drop */
    got = calls_of("\ta\t b \n", '\t');
    cr_expect_str_eq(got, "F0:F1:aF1:bR10;");
    free(got);
    /* the last line without its line end is ended by csv_fini */
    got = calls_of("1;2\n3;4", ';');
    cr_expect_str_eq(got, "F1:1F1:2R10;F1:3F1:4R-1;");
    free(got);
}

Test(CSV_SPLIT_SUITE, same_calls_as_libcsv_on_random_texts)
{
    /* '-' and '<' follow ',' and ';' in ASCII: a byte one above a
     * separator is where a word-at-a-time test that borrows goes wrong;
     * the zero byte, and 0 as a separator, check that the splitter reads
     * nothing past the lines it splits */
    static const char plain[] = "ab1.,; \t\r\n\n,;-<\0";
    static const char quoted[] = "a\",; \r\n\"";
    static const char seps[] = { ',', ';', '\t', ' ', '\0' };
    unsigned seed = 20260601;
    char text[400];
    size_t cuts[8];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 1103515245u + 12345u;
        bool with_quotes = (seed >> 16) % 8 == 0;
        const char *alphabet = with_quotes ? quoted : plain;
        size_t nalpha = with_quotes ? sizeof quoted - 1 : sizeof plain - 1;
        size_t n = (seed >> 8) % sizeof text;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            text[i] = alphabet[(seed >> 16) % nalpha];
        }
        seed = seed * 1103515245u + 12345u;
        size_t ncuts = n ? (seed >> 16) % 8 : 0;
        for (size_t k = 0; k < ncuts; k++) {
            seed = seed * 1103515245u + 12345u;
            cuts[k] = (seed >> 16) % (n + 1);
        }
        for (size_t k = 1; k < ncuts; k++) /* insertion sort: cuts in order */
            for (size_t j = k; j > 0 && cuts[j - 1] > cuts[j]; j--) {
                size_t t = cuts[j];
                cuts[j] = cuts[j - 1];
                cuts[j - 1] = t;
            }
        compare(text, n, seps[round % sizeof seps], cuts, ncuts);
    }
}
