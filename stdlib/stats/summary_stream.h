/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* summary_stream.h — the summary of samples that are never stored whole: a
 * figure computed block by block in one pass over a model's samples (the
 * report of an uncertain model, stdlib/sroi/report_stream.c) is summarised
 * as its blocks go by, so that no array of every sample is kept.
 *
 * Contract:
 *   - The quantiles are exact: the same order statistics and the same
 *     interpolation (summary_interpolate, numpy's linear rule) as
 *     summary_quantile on the whole array.  A probe (any samples of the
 *     figure, here the pass's first ones) places a bracket around each
 *     requested rank; the pass counts the samples below, at and above each
 *     bracket's ends and gathers those strictly inside, where the rank is
 *     selected (gsl_stats_select).  When a rank falls outside its bracket
 *     (an unlucky probe, about once in 10,000 brackets) or a bracket holds
 *     more samples than it may keep, summary_stream_finish() says so, and
 *     the caller summarises the figure's whole array instead.
 *   - The mean and population sd are sums of the samples' distances to a
 *     shift (the probe's median) kept per group of STREAM_GROUP samples and
 *     added in the groups' order: the same bits whatever the number of
 *     threads, within rounding of the two-pass formula of summary.c (not
 *     always its last bit).
 *   - Missing samples (NaN) are skipped and counted out; infinite ones make
 *     the finish fail (the caller's whole-array path knows what they mean).
 *   - summary_stream_feed() is called from any thread (its number, below
 *     the count given at init) with runs of samples that each lie inside one
 *     group, the runs of a group in order and by one thread.
 */
#ifndef IMPACT_SUMMARY_STREAM_H
#define IMPACT_SUMMARY_STREAM_H

#include <stdbool.h>
#include <stddef.h>

#define STREAM_QUANTILES 3
#define STREAM_GROUP     4096 /* samples whose sums are kept together */

typedef struct StreamGroup StreamGroup;
typedef struct StreamGather StreamGather;

typedef struct SummaryStream {
    size_t n, n_groups;
    int threads;
    double ps[STREAM_QUANTILES], shift;
    double lo[STREAM_QUANTILES], hi[STREAM_QUANTILES];
    size_t cap[STREAM_QUANTILES]; /* most samples a bracket may gather */
    StreamGroup *groups;
    StreamGather *gather; /* threads × STREAM_QUANTILES */
    bool overflow;        /* a bracket held more than its cap, or no memory */
} SummaryStream;

/* The summary of a stream: kept samples (not NaN), the first of them in
 * sample order, the least and greatest, the quantiles ps, mean and sd. */
typedef struct StreamSummary {
    size_t n, kept;
    double first, min, max;
    double q[STREAM_QUANTILES], mean, sd;
} StreamSummary;

/* A stream of n samples for the quantiles ps, its brackets placed from the
 * m samples of probe (NaN skipped); threads: how many threads may feed it.
 * False without memory. */
bool summary_stream_init(SummaryStream *st, size_t n, const double ps[STREAM_QUANTILES],
                         const double *probe, size_t m, int threads);
/* Samples [s0, s0 + len) of the figure, all inside one group. */
void summary_stream_feed(SummaryStream *st, int thread, size_t s0, const double *x, size_t len);
/* The summary; false when a rank fell outside its bracket, a bracket
 * overflowed, or a sample is infinite (then *out is not filled). */
bool summary_stream_finish(SummaryStream *st, StreamSummary *out);
/* The most bytes its brackets may gather (on all threads together). */
size_t summary_stream_room(const SummaryStream *st);
/* Whether a bracket has held more than it may keep (or memory ran out):
 * the finish will fail, so that feeding more is of no use. */
bool summary_stream_overflowed(SummaryStream *st);
void summary_stream_free(SummaryStream *st);

#if defined(__GNUC__) && defined(__x86_64__) && !defined(IMPACT_NO_AVX2)
#include <stdint.h>
/* For each 4-bit mask of selected doubles, the 32-bit lanes that bring them
 * to the front of an AVX2 register, in order (the rest is filler): the
 * gathering of selected samples without branches, here and in dist_stats.c. */
extern const int32_t summary_compress_lanes[16][8];
#endif

#endif
