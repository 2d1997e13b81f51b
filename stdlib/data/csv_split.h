/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_split.h — libcsv's csv_parse(), faster on lines without quotes (used
 * by csv_pass.c; tested against libcsv itself in tests/unit/test_csv_split.c).
 *
 * Contract: csv_split(p, buf, n, cb1, cb2, data) makes exactly the calls of
 * cb1 and cb2, with the same bytes, and leaves p in the same state, as
 * csv_parse(p, buf, n, cb1, cb2, data) would; it returns what csv_parse()
 * would.  When buf holds no quote character and p uses libcsv's default
 * spaces and line ends, with CSV_REPALL_NL and neither CSV_APPEND_NULL nor
 * CSV_EMPTY_IS_NULL (the CSV reader's parser), the whole lines of buf are
 * split in place, without libcsv's copy of each byte into its entry buffer:
 * cb1 then gets a pointer into buf, which it must not keep nor write past
 * the field; libcsv reads the row a previous buffer left open and the last,
 * unfinished line.  Otherwise it is csv_parse().
 */
#ifndef IMPACT_CSV_SPLIT_H
#define IMPACT_CSV_SPLIT_H

#include <csv.h>
#include <stddef.h>

size_t csv_split(struct csv_parser *p, char *buf, size_t n, void (*cb1)(void *, size_t, void *),
                 void (*cb2)(int, void *), void *data);

#endif
