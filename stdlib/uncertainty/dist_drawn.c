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
 * every sample once (in parallel blocks, keeping none) to find the least
 * and the greatest and to count the draws that are not numbers, the check
 * dist_draw() makes on stored samples.
 */
#include "stdlib/uncertainty/dist_drawn.h"

#include <math.h>
#include <omp.h>
#include <stdlib.h>

#include "runtime/mem.h"

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

/* Every sample once, block by block in parallel: the least, the greatest
 * (of the finite ones) and how many are not finite numbers. */
static bool scan_draws(const DrawnSource *src, size_t n, double *lo, double *hi,
                       size_t *not_finite)
{
    size_t n_blocks = (n + RNG_BLOCK - 1) / RNG_BLOCK, bad = 0;
    size_t per = n < RNG_BLOCK ? n : RNG_BLOCK;
    int threads = src->base.threads > 0 ? src->base.threads : omp_get_max_threads();
    double mn = INFINITY, mx = -INFINITY, *bufs = malloc(sizeof(double) * per * (size_t)threads);
    bool ok = bufs != NULL;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads) if (ok && n_blocks > 1)        \
    reduction(min : mn) reduction(max : mx) reduction(+ : bad)
    for (size_t k = 0; k < (ok ? n_blocks : 0); k++) {
        double *buf = bufs + per * (size_t)omp_get_thread_num(); /* one block each */
        size_t first = k * RNG_BLOCK, len = n - first < RNG_BLOCK ? n - first : RNG_BLOCK;
        if (!rng_fill_from(&src->sampler, src->stream, first, buf, len, 1)) {
#pragma omp atomic write
            ok = false;
            continue;
        }
        for (size_t i = 0; i < len; i++) {
            double x = buf[i];
            if (!isfinite(x)) {
                bad++;
                continue;
            }
            mn = x < mn ? x : mn;
            mx = x > mx ? x : mx;
        }
    }
    free(bufs);
    *lo = mn;
    *hi = mx;
    *not_finite = bad;
    return ok;
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
    if (!scan_draws(src, n, &src->base.min, &src->base.max, not_finite)) {
        free(src);
        return false;
    }
    *out = value_dist_drawn(n, &src->base);
    return true;
}
