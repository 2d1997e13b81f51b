/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_dist_drawn.c — distributions drawn on demand (stdlib/uncertainty/
 * dist_drawn.c) give the very numbers a stored draw holds: each block read
 * alone equals the same block of the whole vector rng_fill() draws at once,
 * and a model's report, tornado, sensitivity and explanations are the same
 * bytes whether its fields are drawn on demand or stored, while the fields
 * drawn on demand stay unstored.
 */
#include <criterion/criterion.h>
#include <json-c/json.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "runtime/interp.h"
#include "stdlib/sroi/report.h"
#include "stdlib/sroi/sroi.h"
#include "stdlib/sroi/sroi_internal.h"
#include "stdlib/stdlib.h"
#include "stdlib/uncertainty/dist_drawn.h"
#include "tests/unit/run_fixture.h"

/* Two whole blocks and part of a third: the last read is a short one. */
#define NS (2 * RNG_BLOCK + 1000)

static const Sampler SAMPLERS[] = {
    { .kind = SAMPLER_PERT, .a = 0.15, .c = 0.25, .b = 0.40 },
    { .kind = SAMPLER_NORMAL, .a = 120, .b = 15 },
    { .kind = SAMPLER_LOGNORMAL, .a = 9.1, .b = 0.25 },
    { .kind = SAMPLER_UNIFORM, .a = 0.1, .b = 0.3 },
    { .kind = SAMPLER_TRIANGULAR, .a = 1, .c = 2, .b = 5 },
    { .kind = SAMPLER_BETA, .a = 0.5, .b = 2 },
    { .kind = SAMPLER_GAMMA, .a = 2, .b = 3 },
    { .kind = SAMPLER_POISSON, .a = 4 },
    { .kind = SAMPLER_BERNOULLI, .a = 0.3 },
    { .kind = SAMPLER_BINOMIAL, .a = 20, .b = 0.4 },
};

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

Test(dist_drawn, each_block_is_the_block_of_the_whole_draw)
{
    static double whole[NS], block[RNG_BLOCK];
    for (size_t k = 0; k < sizeof SAMPLERS / sizeof SAMPLERS[0]; k++) {
        uint64_t stream = rng_stream(7, "field", (unsigned)k);
        /* the independent reference: every sample drawn at once, as a stored
         * distribution is */
        cr_assert(rng_fill(&SAMPLERS[k], stream, whole, NS, 2));
        Value v;
        size_t not_finite = 99;
        cr_assert(dist_drawn_new(&SAMPLERS[k], stream, NS, 2, &v, &not_finite));
        cr_expect_eq(not_finite, 0);
        const DistObj *d = as_dist(v);
        cr_assert(dist_on_demand(d));
        for (size_t first = 0; first < NS; first += RNG_BLOCK) {
            size_t len = NS - first < RNG_BLOCK ? NS - first : RNG_BLOCK;
            const double *got = dist_read(d, first, len, block);
            cr_expect(memcmp(got, whole + first, len * sizeof(double)) == 0,
                      "sampler %zu: the block at %zu differs from the whole draw's", k, first);
        }
        /* its range is the least and greatest of the whole draw */
        double lo = INFINITY, hi = -INFINITY, min, max;
        for (size_t s = 0; s < NS; s++) {
            lo = fmin(lo, whole[s]);
            hi = fmax(hi, whole[s]);
        }
        cr_assert(dist_known_range(d, &min, &max));
        cr_expect(min == lo && max == hi, "sampler %zu: range %g..%g, draw %g..%g", k, min, max, lo,
                  hi);
        /* its median is the stored path's (sroi_median), and numpy's linear
         * quantile of the sorted draw: (NS − 1) / 2 = 66035.5, halfway
         * between the 66035th and the 66036th smallest (from 0) */
        double median, *sorted = malloc(sizeof whole);
        memcpy(sorted, whole, sizeof whole);
        qsort(sorted, NS, sizeof(double), by_value);
        cr_assert(dist_known_median(d, &median));
        cr_expect(median == sroi_median(whole, NS), "sampler %zu", k);
        double numpy = sorted[66035] + 0.5 * (sorted[66036] - sorted[66035]);
        cr_expect(fabs(median - numpy) <= 1e-12 * fmax(1, fabs(numpy)), "sampler %zu: %.17g, %.17g",
                  k, median, numpy);
        free(sorted);
        /* read whole for one use, then kept */
        double *owned;
        cr_expect(memcmp(dist_borrow(d, &owned), whole, sizeof whole) == 0);
        cr_expect(owned != NULL);
        free(owned);
        cr_expect(dist_on_demand(d), "a borrowed read keeps nothing");
        cr_expect(memcmp(dist_samples(d), whole, sizeof whole) == 0);
        cr_expect(!dist_on_demand(d), "dist_samples keeps what it drew");
        value_release(v);
    }
}

Test(dist_drawn, a_range_of_whole_blocks_starts_where_the_whole_draw_does)
{
    static double whole[NS], part[NS];
    Sampler pert = SAMPLERS[0];
    cr_assert(rng_fill(&pert, 42, whole, NS, 1));
    cr_assert(rng_fill_from(&pert, 42, RNG_BLOCK, part, NS - RNG_BLOCK, 2));
    cr_expect(memcmp(part, whole + RNG_BLOCK, (NS - RNG_BLOCK) * sizeof(double)) == 0);
}

/* Every kind of field the kernel reads: uncertain quantity, proxy (a
 * lognormal and a uniform scaled by an amount: arithmetic, so stored),
 * deflators, drop-off, duration (years sample by sample), leakage, an
 * input and the discount rate. */
static const char *MODEL = "model m \"M\" {\n"
                           "  discount = uniform(3%, 4%)\n"
                           "  stakeholder p \"People\"\n"
                           "  input grant \"Grant\" = normal(250000 EUR, 10000 EUR)\n"
                           "  outcome work \"Work\" for p {\n"
                           "    quantity = normal(120, 15)\n"
                           "    proxy = lognormal(9.1, 0.25) * EUR\n"
                           "    deadweight = pert(15%, 25%, 40%)\n"
                           "    attribution = uniform(10%, 30%)\n"
                           "    leakage = uniform(0%, 5%)\n"
                           "    dropoff = uniform(10%, 30%)\n"
                           "    duration = triangular(1 year, 2 year, 4 year)\n"
                           "  }\n"
                           "  outcome income \"Income\" for p {\n"
                           "    quantity = poisson(200)\n"
                           "    proxy = pert(1500 EUR, 2500 EUR, 4000 EUR)\n"
                           "    deadweight = uniform(20%, 40%)\n"
                           "    displacement = beta(2, 20)\n"
                           "    dropoff = 20%\n"
                           "    duration = 3 year\n"
                           "  }\n"
                           "  outcome wellbeing \"Wellbeing\" for p {\n"
                           "    quantity = normal(250, 25)\n"
                           "    proxy = uniform(0.2, 0.6) * 15300 EUR\n"
                           "    deadweight = 45%\n"
                           "    dropoff = 50%\n"
                           "    duration = 2 year\n"
                           "  }\n"
                           "}\n";

/* What a user reads of the model: the text and JSON reports, tornado,
 * sensitivity, explain, payback and an outcome's record (irr(m), which
 * solves sample by sample, stores the fields: asked last). */
static char *everything(Interp *I)
{
    Value v = fixture_eval(I, "model.impact", MODEL);
    value_release(v);
    Value m = fixture_eval(I, "show.impact", "m");
    StrBuf b;
    sb_init(&b);
    sroi_report_text(I, sroi_model(m), &b);
    struct json_object *j = sroi_model_json(I, sroi_model(m));
    sb_append(&b, json_object_to_json_string_ext(j, JSON_C_TO_STRING_PRETTY));
    json_object_put(j);
    static const char *const asks[] = { "tornado(m)",     "sensitivity(m)", "explain(m, \"work\")",
                                        "payback(m)",     "m.work",         "summary(sroi(m))",
                                        "m.income.impact" };
    for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
        char *text = run_in(I, asks[k]);
        sb_printf(&b, "\n%s: %s", asks[k], text);
        free(text);
    }
    value_release(m);
    return sb_take(&b);
}

/* Whether every primitive field of the model is (still) drawn on demand. */
static bool fields_on_demand(Interp *I)
{
    Value v = fixture_eval(I, "fields.impact", "m");
    const SroiModel *m = sroi_model(v);
    Value drawn[] = { m->outcomes[0].f[OF_QUANTITY].v, m->outcomes[0].f[OF_DEADWEIGHT].v,
                      m->outcomes[0].f[OF_DURATION].v, m->outcomes[0].f[OF_LEAKAGE].v,
                      m->outcomes[1].f[OF_PROXY].v,    m->outcomes[1].f[OF_DISPLACEMENT].v,
                      m->inputs[0].amount.v,           m->discount.v };
    bool all = true;
    for (size_t k = 0; k < sizeof drawn / sizeof drawn[0]; k++)
        all = all && drawn[k].kind == V_DIST && dist_on_demand(as_dist(drawn[k]));
    value_release(v);
    return all;
}

Test(dist_drawn, a_model_reads_the_same_drawn_or_stored, .timeout = 300)
{
    /* 140,000 samples: two whole RNG blocks and part of a third */
    size_t samples = 2 * RNG_BLOCK + 8928;
    Interp *stored = fixture_interp(samples, 11, 2), *drawn = fixture_interp(samples, 11, 2);
    interp_settings(stored)->draw_on_demand_above = SIZE_MAX;
    interp_settings(drawn)->draw_on_demand_above = 1;
    char *a = everything(stored), *b = everything(drawn);
    cr_expect(strcmp(a, b) == 0, "stored:\n%s\n\ndrawn on demand:\n%s", a, b);
    cr_expect(strstr(a, "SROI ratio") && strstr(a, "swing"), "%s", a); /* report, tornado */
    cr_expect(!fields_on_demand(stored));
    cr_expect(fields_on_demand(drawn), "the report stored a field drawn on demand");
    free(a);
    free(b);
    a = run_in(stored, "irr(m)");
    b = run_in(drawn, "irr(m)");
    cr_expect(strcmp(a, b) == 0 && strstr(a, "%"), "irr: %s, drawn on demand %s", a, b);
    free(a);
    free(b);
    interp_free(stored);
    interp_free(drawn);
}
