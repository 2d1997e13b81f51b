/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* dist_drawn.c — distributions drawn on demand instead of stored.
 *
 * Contract: a primitive distribution (a sampler with numeric parameters
 * only: uniform, normal, lognormal, beta, gamma, triangular, PERT,
 * bernoulli, poisson, binomial) of more than dist_store_limit() samples
 * keeps its sampler and stream, not its samples: block k of its samples
 * depends only on (stream, k) (rng.h), so any block can be drawn again
 * alone, to the same bits.  Its source (runtime/value.h's DistSource) fills
 * any range of whole blocks; the SROI kernel reads a model's fields that
 * way, block by block, so that they never exist whole.  Making one draws
 * every sample once, whole for a moment, to count the draws that are not
 * numbers (the check dist_draw() makes on stored samples) and to note the
 * least, the greatest and the median, which a model's checks and central
 * values read instead of drawing it again.
 */
#include "stdlib/uncertainty/dist_drawn.h"

#include <math.h>
#include <stdlib.h>

#include "runtime/mem.h"
#include "stdlib/uncertainty/dist.h"

/* 2,097,152 samples (16 MiB a distribution): at 1,000,000 samples every
 * distribution is stored, at 10,000,000 the primitive ones are drawn on
 * demand. */
#define DIST_STORE_LIMIT ((size_t)32 * RNG_BLOCK)

size_t dist_store_limit(const Settings *set)
{
    return set->draw_on_demand_above ? set->draw_on_demand_above : DIST_STORE_LIMIT;
}

typedef struct DrawnSource {
    DistSource base;
    Sampler sampler; /* no borrowed arrays: the kinds dist_drawn_eligible() accepts */
    uint64_t stream;
} DrawnSource;

static bool drawn_fill(const DistSource *src, size_t first, size_t len, double *out, int threads)
{
    const DrawnSource *d = (const DrawnSource *)src;
    return rng_fill_from(&d->sampler, d->stream, first, out, len, threads);
}

static void drawn_destroy(DistSource *src)
{
    free(src);
}

static const DistSourceClass drawn_class = { drawn_fill, drawn_destroy };

bool dist_drawn_eligible(const Sampler *s)
{
    return s->kind != SAMPLER_DISCRETE && s->kind != SAMPLER_RESAMPLE;
}

/* Every sample once, whole for a moment (then freed): the least, the
 * greatest, the median (when all are numbers) and how many are not finite
 * numbers. */
static bool scan_draws(DrawnSource *src, size_t n, size_t *not_finite)
{
    double *all = xmalloc(sizeof(double) * n), mn = INFINITY, mx = -INFINITY;
    if (!rng_fill(&src->sampler, src->stream, all, n, src->base.threads)) {
        free(all);
        return false;
    }
    size_t bad = 0;
#pragma omp parallel for reduction(min : mn) reduction(max : mx) reduction(+ : bad) if (n > RNG_BLOCK)
    for (size_t i = 0; i < n; i++) {
        double x = all[i];
        bad += !isfinite(x);
        mn = isfinite(x) && x < mn ? x : mn;
        mx = isfinite(x) && x > mx ? x : mx;
    }
    src->base.min = mn;
    src->base.max = mx;
    src->base.median = bad ? NAN : dist_median(all, n);
    *not_finite = bad;
    free(all);
    return true;
}

bool dist_drawn_new(const Sampler *s, uint64_t stream, size_t n, int threads, Value *out,
                    size_t *not_finite)
{
    DrawnSource *src = xcalloc(1, sizeof *src);
    src->base.cls = &drawn_class;
    src->base.block = RNG_BLOCK;
    src->base.threads = threads;
    src->sampler = *s;
    src->stream = stream;
    if (!scan_draws(src, n, not_finite)) {
        free(src);
        return false;
    }
    *out = value_dist_drawn(n, &src->base);
    return true;
}
