/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* fuzz_csv.c — libFuzzer harness for the CSV reader: any bytes as a data
 * file, read by csv_read() with options taken from the first byte, then the
 * table printed and written as JSON.
 *
 * Contract: every input ends in a table or a located data error; a crash, a
 * sanitizer report, a leak or a hang is a finding.  The first byte chooses
 * the separator (detected, ',', ';' or tab), the decimal mark, the encoding
 * and whether a header is read; the rest is the file, written to a private
 * temporary file (csv_read() reads a path).  A finding is kept in
 * tests/fuzz/corpus/csv/ and replayed by `make check-fuzz`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/interp.h"
#include "stdlib/core/json.h"
#include "stdlib/data/csv_read.h"
#include "stdlib/stdlib.h"

#include <json-c/json.h>

enum { FUZZ_MAX_BYTES = 65536 };

static void show(Interp *I, Value v)
{
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    sb_free(&b);
    json_object_put(value_to_json(I, v));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > FUZZ_MAX_BYTES) return 0;
    char path[64];
    snprintf(path, sizeof path, "/tmp/impact-fuzz-csv-%ld.csv", (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data + 1, 1, size - 1, f);
    fclose(f);

    static const char seps[] = { 0, ',', ';', '\t' };
    static const char decimals[] = { 0, '.', ',', 0 };
    static const CsvEncoding encodings[] = { CSV_ENC_AUTO, CSV_ENC_UTF8, CSV_ENC_CP1252,
                                             CSV_ENC_AUTO };
    CsvOptions opt = { 0 };
    opt.sep = seps[data[0] & 3];
    opt.decimal = decimals[(data[0] >> 2) & 3];
    opt.encoding = encodings[(data[0] >> 4) & 3];
    opt.header = !(data[0] & 0x40);
    opt.call = (SrcLoc){ "<fuzz>", 1, 1 };

    Settings settings = { .samples = 16, .seed = 1, .threads = (data[0] & 0x80) ? 2 : 1 };
    Interp *I = interp_new(&settings);
    stdlib_open(I);
    Value t;
    if (csv_read(I, path, "data.csv", &opt, &t)) {
        show(I, t);
        value_release(t);
    } else {
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            interp_print_error(I, null);
            fclose(null);
        }
        interp_clear_error(I);
    }
    interp_free(I);
    unlink(path);
    return 0;
}
