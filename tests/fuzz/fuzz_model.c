/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* fuzz_model.c — libFuzzer harness for the model text: parse, check,
 * evaluate, print and write as JSON whatever the input is.
 *
 * Contract: every input, however malformed, ends in a value or a located
 * error; a crash, a sanitizer report, a leak or a hang is a finding.  The run
 * has a budget (FUZZ_STEPS evaluation steps, FUZZ_SAMPLES Monte Carlo
 * samples, one thread) and no file access: its project folder (the one
 * folder runtime/files.c lets code read) is an empty private folder, so
 * csv() goes through the real gate and is refused, and the built-ins that
 * write files are replaced by one that refuses.  `use` of the standard
 * library still reads its modules (IMPACT_ROOT, set by `make fuzz`).
 * Built by `make fuzz` / `make check-fuzz` (see the Makefile); a finding is
 * kept in tests/fuzz/corpus/model/ and replayed by `make check-fuzz`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/ast.h"
#include "lang/check.h"
#include "runtime/interp.h"
#include "stdlib/core/json.h"
#include "stdlib/stdlib.h"

#include <json-c/json.h>

enum { FUZZ_STEPS = 200000, FUZZ_SAMPLES = 64, FUZZ_MAX_BYTES = 8192 };

static bool refuse_files(Interp *I, const CallArgs *a, Value *out)
{
    return rt_raise(I, a->loc, "%s(): files are not reached while fuzzing", a->reg->name);
}

/* Every built-in that writes a file by a path the text gives. */
static const BuiltinReg no_files[] = {
    { "write_csv", refuse_files, 0, -1, NULL, NULL },
    { "survey_template", refuse_files, 0, -1, NULL, NULL },
    { NULL, NULL, 0, 0, NULL, NULL },
};

/* What print shows and what JSON writes, built and thrown away. */
static void sink(Interp *I, Value v, void *ctx)
{
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    sb_free(&b);
    json_object_put(value_to_json(I, v));
}

static bool known_nothing(const char *name, void *ctx)
{
    return false;
}

/* The static checks on their own: first as a run makes them (the first
 * error), then as impact check makes them (the parse going on after each
 * syntax error, every problem listed). */
static void check_only(const char *text, size_t len)
{
    SourceFile *src = source_new("<fuzz>", text, len);
    if (!src) return;
    SyntaxError err = { 0 };
    if (parse_source(src, &err)) {
        free(err.message);
        err = (SyntaxError){ 0 };
        check_program(src->root, known_nothing, NULL, &err);
    }
    free(err.message);
    source_free(src);

    src = source_new("<fuzz>", text, len);
    if (!src) return;
    ErrorList errors = { 0 };
    parse_source_all(src, &errors);
    CheckOptions opt = { .is_known = known_nothing };
    check_program_all(src->root, &opt, &errors);
    error_list_free(&errors);
    source_free(src);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_BYTES) return 0;
    char *text = malloc(size + 1);
    if (!text) return 0;
    memcpy(text, data, size);
    text[size] = 0;

    (void)source_is_incomplete(text);
    check_only(text, size);

    Settings settings = { .samples = FUZZ_SAMPLES, .seed = 1, .threads = 1 };
    Interp *I = interp_new(&settings);
    stdlib_open(I);
    static char empty[] = "/tmp/impact-fuzz-empty-XXXXXX";
    static bool made;
    if (!made) made = mkdtemp(empty) != NULL;
    if (made) interp_set_project(I, empty);
    interp_register(I, no_files);
    interp_set_print_sink(I, sink, NULL);
    interp_set_step_limit(I, FUZZ_STEPS);
    /* impact check as the command line and the editor make it */
    char checked[sizeof empty + 16];
    snprintf(checked, sizeof checked, "%s/model.impact", empty);
    Diagnostics found;
    if (made && interp_check_all(I, checked, text, size, &found)) {
        FILE *null = fopen("/dev/null", "w");
        for (size_t i = 0; null && i < found.n; i++)
            interp_print_diagnostic(I, &found.items[i], null);
        if (null) fclose(null);
        diagnostics_free(&found);
    }
    interp_clear_error(I);
    Value v;
    if (interp_run_string(I, "<fuzz>", text, &v)) {
        sink(I, v, NULL);
        value_release(v);
    } else {
        FILE *null = fopen("/dev/null", "w");
        if (null) {
            interp_print_error(I, null);
            fclose(null);
        }
        interp_clear_error(I);
    }
    interp_free(I);
    free(text);
    return 0;
}
