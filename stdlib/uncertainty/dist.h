/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* dist.h — distributions as sample vectors: constructors and P()/summary()
 * (stdlib/dist.c), array statistics (dist_stats.c) and the display
 * (dist_display.c).
 *
 * Contract:
 *   - Every constructor draws interp_settings(I)->samples samples from the
 *     stream rng_stream(seed, interp_binding_name(I), interp_next_draw_index(I)),
 *     in parallel blocks (rng.h): the same seed gives the same samples byte
 *     for byte, whatever the number of threads.
 *   - A summary's quantiles are numpy's default (linear interpolation
 *     between order statistics); its sd divides by N (population sd: the
 *     samples are the whole distribution), as the JSON output does.
 *   - The display is the median, the 90% interval and a 20-bin text
 *     histogram: `19.1 (90%: 15.2 to 23.4) ▁▂▃▅▇█▇▅▃▂▁`.
 *   - Missing samples (NaN, e.g. the square root of a negative sample) are
 *     skipped by the statistics and counted by the display.  A condition on
 *     a missing sample is unknown in that sample (NaN), never false; P()
 *     refuses a condition unknown in some samples rather than guess.
 */
#ifndef IMPACT_DIST_H
#define IMPACT_DIST_H

#include "runtime/interp.h"
#include "stdlib/uncertainty/rng.h"

typedef struct DistSummary {
    double mean, sd; /* sd: population (divides by n) */
    double p5, p25, p50, p75, p95;
    size_t n;
} DistSummary;

/* Summarises n samples (no NaN expected); false if n == 0 or out of memory. */
bool dist_summarize(const double *s, size_t n, DistSummary *out);

/* Quantiles ps[0..k) (each in [0, 1]) of n samples into out; false if n == 0
 * or out of memory. */
bool dist_quantiles(const double *s, size_t n, const double *ps, size_t k, double *out);

/* The order statistics behind quantile p of the samples that are present:
 * h = (kept − 1) p, at = floor(h), below = the at-th smallest (from 0),
 * above = the next one (below itself when at is the last rank).  numpy's
 * linear quantile is below + (h − at)(above − below).  The samples are
 * neither copied nor reordered when there are many (one pass gathers a few
 * percent of them around each rank), so callers may share them across
 * threads.  Sets *kept (samples not NaN); false if none or out of memory. */
typedef struct DistRank {
    double h;
    size_t at;
    double below, above;
} DistRank;
bool dist_order_stats(const double *s, size_t n, const double *ps, size_t k, DistRank *out,
                      size_t *kept);
/* The same, with the population mean and sd of the samples present (the
 * numbers of summary_mean_sd_population, NaN when none is), the ranks
 * bracketed during the first of its two passes. */
bool dist_order_stats_moments(const double *s, size_t n, const double *ps, size_t k, DistRank *out,
                              size_t *kept, double *mean, double *sd);

/* The median of the samples present (numpy's linear quantile): NaN when
 * there is none or memory runs out.  The one median of a model's central
 * values (sroi_median) and of a distribution drawn on demand. */
double dist_median(const double *s, size_t n);

/* True when every sample is 0, 1 or unknown (NaN): an uncertain condition. */
bool dist_is_zero_one(const DistObj *d);

/* Of an uncertain condition: samples where it holds, and where it is
 * unknown (NaN: a value it compares is missing in that sample). */
void dist_count_truths(const DistObj *d, size_t *yes, size_t *unknown);

/* Draws a new distribution from sampler s under the current binding's next
 * stream, with the given dimension and flags.  False after rt_raise. */
bool dist_draw(Interp *I, const Sampler *s, Dim dim, uint8_t flags, uint16_t unit_hint, SrcLoc loc,
               Value *out);

/* Appends the compact display of a distribution (installed as the runtime's
 * distribution formatter). */
void dist_format(Interp *I, Value dist, StrBuf *out);

/* Installs the formatter; stdlib_open should call it (constructors also do,
 * so that distributions display richly even if it was not called). */
void dist_open(Interp *I);

#endif
