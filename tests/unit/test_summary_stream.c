/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_summary_stream.c — the summary of samples seen block by block
 * (stdlib/stats/summary_stream.c) against the whole array's: its
 * quantiles must be summary_quantile()'s on all the samples (the one
 * quantile rule, by selection on a full copy: computed independently of
 * the brackets), exactly; its mean and population sd those of
 * summary_mean_sd_population() within rounding; and a stream must say so
 * when it cannot tell (a probe that misses, an infinite sample) rather
 * than give a wrong figure.  The file is included (its functions renamed)
 * so that the plain pass and the AVX2 pass can be compared on the same
 * runs: the same counts, sums and gathered samples on any processor. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define summary_stream_init       ts_init
#define summary_stream_feed       ts_feed
#define summary_stream_finish     ts_finish
#define summary_stream_free       ts_free
#define summary_compress_lanes    ts_compress_lanes
#define summary_stream_room       ts_room
#define summary_stream_overflowed ts_overflowed
#include "stdlib/stats/summary_stream.c"

static const double PS[STREAM_QUANTILES] = { 0.5, 0.05, 0.95 };

/* A fixed pseudo-random sequence in [0, 1) (a 64-bit LCG's top bits). */
static double next_unit(uint64_t *state)
{
    *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(*state >> 11) / 9007199254740992.0;
}

/* n samples: a skewed spread (the square of a uniform, times 1000), some
 * rounded to whole numbers (ties), every 97th missing when missing. */
static double *samples(size_t n, uint64_t seed, bool missing)
{
    double *x = malloc(n * sizeof *x);
    cr_assert_not_null(x);
    for (size_t i = 0; i < n; i++) {
        double u = next_unit(&seed);
        x[i] = 1000 * u * u;
        if (i % 5 == 0) x[i] = floor(x[i] / 100); /* many ties at 0 .. 9 */
        if (missing && i % 97 == 3) x[i] = NAN;
    }
    return x;
}

/* Streams x[0..n) in runs of 256 (groups of STREAM_GROUP in the order
 * given by `order` when not NULL, each group's runs in order, as threads
 * would take them), with the probe its first m samples. */
static bool stream(const double *x, size_t n, size_t m, const size_t *order, StreamSummary *out)
{
    SummaryStream st;
    cr_assert(ts_init(&st, n, PS, x, m, 2));
    size_t groups = (n + STREAM_GROUP - 1) / STREAM_GROUP;
    for (size_t k = 0; k < groups; k++) {
        size_t g = order ? order[k] : k;
        for (size_t s0 = g * STREAM_GROUP; s0 < n && s0 < (g + 1) * STREAM_GROUP; s0 += 256)
            ts_feed(&st, (int)(g % 2), s0, x + s0, n - s0 < 256 ? n - s0 : 256);
    }
    bool ok = ts_finish(&st, out);
    ts_free(&st);
    return ok;
}

/* The whole array's figures, by summary.c. */
static void whole(const double *x, size_t n, double q[3], double *mean, double *sd, size_t *kept)
{
    for (int r = 0; r < 3; r++) cr_assert(summary_quantile(x, n, PS[r], &q[r], kept));
    cr_assert(summary_mean_sd_population(x, n, mean, sd, kept));
}

static void same_as_whole(const double *x, size_t n, const StreamSummary *s)
{
    double q[3], mean, sd;
    size_t kept;
    whole(x, n, q, &mean, &sd, &kept);
    cr_assert_eq(s->kept, kept);
    for (int r = 0; r < 3; r++)
        cr_assert_eq(s->q[r], q[r], "quantile %g: %.17g, whole %.17g", PS[r], s->q[r], q[r]);
    cr_assert(fabs(s->mean - mean) <= 1e-12 * fabs(mean), "mean %.17g, whole %.17g", s->mean, mean);
    cr_assert(fabs(s->sd - sd) <= 1e-12 * sd, "sd %.17g, whole %.17g", s->sd, sd);
}

Test(summary_stream, quantiles_exact_with_ties_and_missing)
{
    size_t n = 300000;
    double *x = samples(n, 7, true);
    StreamSummary s;
    cr_assert(stream(x, n, 16384, NULL, &s));
    same_as_whole(x, n, &s);
    size_t first = 0;
    while (isnan(x[first])) first++;
    cr_assert_eq(s.first, x[first]);
    free(x);
}

Test(summary_stream, same_bits_whatever_the_order_of_the_groups)
{
    size_t n = 100000, groups = (n + STREAM_GROUP - 1) / STREAM_GROUP;
    double *x = samples(n, 11, false);
    size_t *order = malloc(groups * sizeof *order);
    for (size_t k = 0; k < groups; k++) order[k] = groups - 1 - k; /* backwards, threads 0 and 1 */
    StreamSummary a, b;
    cr_assert(stream(x, n, 16384, NULL, &a));
    cr_assert(stream(x, n, 16384, order, &b));
    cr_assert_eq(memcmp(&a, &b, sizeof a), 0);
    same_as_whole(x, n, &a);
    free(order);
    free(x);
}

/* A figure that is 0 in 51% of the samples (a value created only in some
 * scenarios): the median falls among the samples equal to its bracket's
 * lower end, which are counted, not gathered. */
Test(summary_stream, a_rank_among_ties_at_a_bracket_end)
{
    size_t n = 200000;
    uint64_t seed = 9;
    double *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++) {
        double u = next_unit(&seed);
        x[i] = u < 0.51 ? 0 : u * 100;
    }
    StreamSummary s;
    cr_assert(stream(x, n, 16384, NULL, &s));
    cr_assert_eq(s.q[0], 0);
    same_as_whole(x, n, &s);
    free(x);
}

/* A probe of the smallest samples (sorted data, read from the start)
 * brackets the wrong ranks: the finish says it cannot tell. */
Test(summary_stream, a_probe_that_misses_is_reported)
{
    size_t n = 100000;
    double *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++) x[i] = (double)i;
    StreamSummary s;
    cr_assert_not(stream(x, n, 16384, NULL, &s));
    free(x);
}

Test(summary_stream, an_infinite_sample_is_left_to_the_whole_array)
{
    size_t n = 50000;
    double *x = samples(n, 3, false);
    x[40000] = INFINITY;
    StreamSummary s;
    cr_assert_not(stream(x, n, 16384, NULL, &s));
    free(x);
}

/* A figure equal in every sample, with some missing: the quantiles are
 * that value; every sample missing: none kept. */
Test(summary_stream, constant_and_all_missing)
{
    size_t n = 20000;
    double *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++) x[i] = i % 3 ? 4.5 : NAN;
    StreamSummary s;
    cr_assert(stream(x, n, n, NULL, &s));
    cr_assert_eq(s.min, 4.5);
    cr_assert_eq(s.max, 4.5);
    for (int r = 0; r < 3; r++) cr_assert_eq(s.q[r], 4.5);
    cr_assert_eq(s.kept, n - (n + 2) / 3);
    for (size_t i = 0; i < n; i++) x[i] = NAN;
    cr_assert(stream(x, n, n, NULL, &s));
    cr_assert_eq(s.kept, 0);
    free(x);
}

/* The vector pass and the plain one: the same counts, sums and gathered
 * samples, run by run (lengths not multiples of four included). */
Test(summary_stream, plain_and_vector_passes_agree)
{
#ifdef HAVE_AVX2_RUN
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("popcnt")) return;
    size_t n = 40000;
    double *x = samples(n, 5, true);
    SummaryStream st;
    cr_assert(ts_init(&st, n, PS, x, 16384, 1));
    for (size_t len = 1; len <= 256; len += 37) {
        RunSums a = { .min = INFINITY, .max = -INFINITY }, b = a;
        StreamGather ga[STREAM_QUANTILES] = { 0 }, gb[STREAM_QUANTILES] = { 0 };
        bool room[STREAM_QUANTILES] = { true, true, true };
        for (int q = 0; q < STREAM_QUANTILES; q++) {
            ga[q].buf = malloc((len + 8) * sizeof(double));
            gb[q].buf = malloc((len + 8) * sizeof(double));
        }
        run_all_plain(&st, x + 1000, len, &a, ga, room);
        run_vector(&st, x + 1000, len, &b, gb, room, bracket_avx2);
        cr_assert_eq(memcmp(&a, &b, sizeof a), 0, "run of %zu", len);
        for (int q = 0; q < STREAM_QUANTILES; q++) {
            cr_assert_eq(ga[q].len, gb[q].len);
            cr_assert_eq(memcmp(ga[q].buf, gb[q].buf, ga[q].len * sizeof(double)), 0);
        }
        if (__builtin_cpu_supports("avx512f")) { /* and with the AVX-512 brackets */
            RunSums c = { .min = INFINITY, .max = -INFINITY };
            StreamGather gc[STREAM_QUANTILES] = { 0 };
            for (int q = 0; q < STREAM_QUANTILES; q++)
                gc[q].buf = malloc((len + 8) * sizeof(double));
            run_vector(&st, x + 1000, len, &c, gc, room, bracket_avx512);
            cr_assert_eq(memcmp(&a, &c, sizeof a), 0, "run of %zu (AVX-512)", len);
            for (int q = 0; q < STREAM_QUANTILES; q++) {
                cr_assert_eq(ga[q].len, gc[q].len);
                cr_assert_eq(memcmp(ga[q].buf, gc[q].buf, ga[q].len * sizeof(double)), 0);
                free(gc[q].buf);
            }
        }
        for (int q = 0; q < STREAM_QUANTILES; q++) {
            free(ga[q].buf);
            free(gb[q].buf);
        }
    }
    ts_free(&st);
    free(x);
#endif
}
