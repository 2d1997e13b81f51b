/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_disclosure_ledger.c — the differencing ledger on sets kept in both
 * of its forms: a set of fewer rows than twice the source's words of 64
 * rows is kept as its rows, a larger one as a bitset (10,000 rows: 157
 * words, so 313 rows or fewer are listed).  Each case publishes a set A,
 * then asks about a set B inside it: A - B is a group of a few people
 * that the two counts give back by subtraction, so B is refused and the
 * group's size is said (worked out by hand below). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "runtime/disclosure_ledger.h"

#define ROWS      10000
#define THRESHOLD 11

/* rows from, from + step, ... (n of them) */
static uint32_t *rows_from(uint32_t from, int step, size_t n)
{
    uint32_t *r = malloc(n * sizeof *r);
    cr_assert_not_null(r);
    for (size_t i = 0; i < n; i++) r[i] = (uint32_t)((long)from + step * (long)i);
    return r;
}

static bool try_rows(const RowMap *all, const uint32_t *rows, size_t n, size_t *exposed)
{
    return ledger_try(all, &rows, &n, 1, THRESHOLD, exposed);
}

/* Publishes a (na rows), then asks about rows 0 .. nb-1: refused, exposing
 * the difference. */
static void difference_refused(const uint32_t *a, size_t na, size_t nb, size_t want)
{
    DisclosureLedger *L = ledger_new();
    const RowMap *all = ledger_source(L, "people.csv", ROWS);
    size_t exposed = 99;
    cr_assert(try_rows(all, a, na, &exposed), "A alone gives nothing back");
    uint32_t *b = rows_from(0, 1, nb);
    cr_expect_not(try_rows(all, b, nb, &exposed), "B after A gives A - B back");
    cr_expect_eq(exposed, want);
    free(b);
    ledger_free(L);
}

Test(ledger, listed_sets)
{
    uint32_t *a = rows_from(0, 1, 200); /* 200 and 195 rows: both listed; 200 - 195 = 5 */
    difference_refused(a, 200, 195, 5);
    free(a);
}

Test(ledger, bitset_sets)
{
    uint32_t *a = rows_from(0, 1, 5000); /* both bitsets; 5000 - 4995 = 5 */
    difference_refused(a, 5000, 4995, 5);
    free(a);
}

Test(ledger, one_set_of_each_form)
{
    uint32_t *a = rows_from(0, 1, 320); /* 320 rows: a bitset; 313: listed; 7 given back */
    difference_refused(a, 320, 313, 7);
    free(a);
}

Test(ledger, rows_picked_out_of_order_and_twice)
{
    /* rows 199 .. 0: listed from picks that must be sorted first */
    uint32_t *down = rows_from(199, -1, 200);
    difference_refused(down, 200, 195, 5);
    /* rows 199 .. 0 twice: 400 picks (a bitset's worth) of 200 rows, listed */
    uint32_t *twice = malloc(400 * sizeof *twice);
    cr_assert_not_null(twice);
    for (size_t i = 0; i < 400; i++) twice[i] = down[i % 200];
    difference_refused(twice, 400, 195, 5);
    /* rows 0 .. 99 twice: 200 picks, listed, each row kept once (a row's
     * key added twice would cancel out); 100 - 95 = 5 */
    for (size_t i = 0; i < 200; i++) twice[i] = (uint32_t)(i % 100);
    difference_refused(twice, 200, 95, 5);
    free(twice);
    free(down);
}

Test(ledger, the_same_set_again_is_allowed)
{
    DisclosureLedger *L = ledger_new();
    const RowMap *all = ledger_source(L, "people.csv", ROWS);
    uint32_t *up = rows_from(0, 1, 200), *down = rows_from(199, -1, 200);
    size_t exposed;
    cr_assert(try_rows(all, up, 200, &exposed));
    cr_expect(try_rows(all, down, 200, &exposed), "the same 200 people, listed the other way");
    cr_expect(try_rows(all, up, 195, &exposed) == false, "195 of them: 5 given back");
    free(up);
    free(down);
    ledger_free(L);
}
