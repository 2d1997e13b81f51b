/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_out_of_memory.c — running out of memory ends the run with status 1
 * and the out-of-memory message, never a report of "?" with status 0: the
 * audit's reproducer (--samples 100000000 under a memory limit) in a test
 * process limited to 1.1 GB of address space.  Skipped under AddressSanitizer,
 * which reserves far more address space than that for itself. */
#include <criterion/criterion.h>
#include <criterion/redirect.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>

#include "runtime/interp.h"
#include "stdlib/sroi/report.h"
#include "stdlib/stdlib.h"

#include "runtime/asan.h"

static const char *model_text = "model m \"Test\" {\n"
                                "  stakeholder people \"People\"\n"
                                "  input cost \"Cost\" = 1000 EUR\n"
                                "  outcome jobs \"Jobs\" for people {\n"
                                "    quantity = 10\n"
                                "    proxy = normal(500 EUR, 50 EUR)\n"
                                "    duration = 1 year\n"
                                "    deadweight = 0%\n"
                                "  }\n"
                                "}\n"
                                "m\n";

static void quiet(void)
{
    cr_redirect_stderr();
    cr_redirect_stdout();
}

/* 10^8 samples: the proxy's draws (800 MB) fit under the limit, the
 * report's figures over them do not: neither the room its one pass over
 * the samples may take (the brackets of its 18 figures, some 500 MB:
 * report_stream.c asks for it first, and finds none), nor the whole arrays
 * it then falls back on.  The proxy is stored, as a model's computed
 * fields are: drawn on demand (above 2,097,152 samples), the report's
 * figures would fit in batches, redrawing the proxy for each, and the test
 * would take seconds to reach the limit elsewhere. */
#ifndef UNDER_ASAN /* not built there: a skipped test would end with status 0 */
Test(out_of_memory, report_ends_with_status_1, .init = quiet, .exit_code = 1)
{
    struct rlimit lim = { 1100ul << 20, 1100ul << 20 };
    cr_assert_eq(setrlimit(RLIMIT_AS, &lim), 0);
    Settings s = { .samples = 100000000, .threads = 1, .draw_on_demand_above = SIZE_MAX };
    Interp *I = interp_new(&s);
    stdlib_open(I);
    Value m;
    if (!interp_run_string(I, "<test>", model_text, &m)) {
        /* already out of memory while drawing: the run ended through
         * rt_out_of_memory(), or an error was raised instead */
        cr_assert_fail("error: %s", interp_error(I)->message);
    }
    StrBuf b;
    sb_init(&b);
    sroi_report_text(I, sroi_model(m), &b);
    /* reaching here is the bug: a report was made without its figures */
    cr_assert_fail("report made: %.200s", b.data);
}
#endif
