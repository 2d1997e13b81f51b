/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_csv_split_portable.c — test_csv_split.c's comparisons with libcsv,
 * on the splitter's portable path (eight bytes a word, no SSE2), which the
 * machines without SSE2 build. */
#define CSV_SCAN_PORTABLE
#define CSV_SPLIT_SUITE csv_split_portable
#include "test_csv_split.c"
