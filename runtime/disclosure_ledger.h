/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* disclosure_ledger.h — the figures already given about each data file
 * (differencing); used only by runtime/disclosure.c, which owns every
 * privacy decision.  See disclosure_ledger.c for the contract and the rule. */
#ifndef IMPACT_DISCLOSURE_LEDGER_H
#define IMPACT_DISCLOSURE_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct DisclosureLedger DisclosureLedger;
typedef struct RowMap RowMap;

DisclosureLedger *ledger_new(void);
void ledger_free(DisclosureLedger *L);
/* The map of every row of the data file `key` of nrows rows (NULL past the
 * ledger's memory bound). */
const RowMap *ledger_source(DisclosureLedger *L, const char *key, size_t nrows);
/* The map of rows pick[0..n) of `from` (NULL when from is NULL). */
const RowMap *ledger_pick(const RowMap *from, const uint32_t *pick, size_t n);
/* Number of rows of a map (0 for NULL). */
size_t ledger_rows(const RowMap *m);
/* May figures over the k row sets (rows picks[i][0..counts[i]) of map, or
 * all its rows when picks is NULL and k is 1) be given, beside those
 * already given?  Records them and returns true when so; otherwise
 * records nothing, and *exposed gets the number of people of the group
 * they would give back (0 when the audit was too large to run). */
bool ledger_try(const RowMap *map, const uint32_t *const *picks, const size_t *counts, size_t k,
                int threshold, size_t *exposed);

#endif
