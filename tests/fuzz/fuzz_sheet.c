/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* fuzz_sheet.c — libFuzzer harness for the spreadsheet readers (.xlsx and
 * .ods through libzip + expat, .xls through freexl): any bytes as a file,
 * recognised by sheet_sniff(), its first sheet written as CSV by
 * sheet_to_csv() and that CSV read by csv_read(), as csv() does.
 *
 * An .xls is read in a child process (stdlib/data/sheet_xls.c): what
 * libfreexl does wrong there ends that child, and the harness checks that
 * the interpreter turns it into a located error.
 *
 * Contract: every input ends in a table or a located error; a crash, a
 * sanitizer report, a leak or a hang is a finding.  The bytes are written to
 * a private temporary file (the readers take a path).  Seeds: spreadsheets
 * in tests/ and examples/ (make fuzz-seeds); a finding is kept in
 * tests/fuzz/corpus/sheet/ and replayed by `make check-fuzz`.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/interp.h"
#include "stdlib/core/json.h"
#include "stdlib/data/csv_read.h"
#include "stdlib/data/sheet.h"
#include "stdlib/stdlib.h"

#include <json-c/json.h>

enum { FUZZ_MAX_BYTES = 262144 };

static void read_csv(Interp *I, const char *csv)
{
    CsvOptions opt = { 0 };
    opt.sep = ';';
    opt.header = true;
    opt.encoding = CSV_ENC_UTF8;
    opt.call = (SrcLoc){ "<fuzz>", 1, 1 };
    Value t;
    if (!csv_read(I, csv, "sheet.xlsx", &opt, &t)) return;
    StrBuf b;
    sb_init(&b);
    value_format(I, t, &b);
    sb_free(&b);
    json_object_put(value_to_json(I, t));
    value_release(t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES) return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/impact-fuzz-sheet-%ld", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);

    Settings settings = { .samples = 16, .seed = 1, .threads = 1 };
    Interp *I = interp_new(&settings);
    stdlib_open(I);
    const char *what = NULL;
    SheetKind kind = sheet_sniff(path, &what);
    if (kind == SHEET_XLSX || kind == SHEET_ODS || kind == SHEET_XLS) {
        SheetChoice choice = {
            .name = NULL, .number = 1, .loc = { "<fuzz>", 1, 1 }, .call = { "<fuzz>", 1, 1 }
        };
        char *tmp = NULL;
        if (sheet_to_csv(I, path, "sheet.xlsx", kind, &choice, &tmp)) {
            read_csv(I, tmp);
            unlink(tmp);
            free(tmp);
        }
    }
    FILE *null = fopen("/dev/null", "w");
    if (null) {
        interp_print_error(I, null);
        fclose(null);
    }
    interp_clear_error(I);
    interp_free(I);
    unlink(path);
    return 0;
}
