/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* summary_stream.c — the summary of samples seen block by block, never
 * stored whole (summary_stream.h has the contract).
 *
 * Each bracket [lo, hi] around a requested rank keeps four counts — the
 * samples < lo, <= lo, < hi and <= hi — and gathers the samples strictly
 * between lo and hi.  A rank then falls among the samples equal to lo,
 * those gathered, or those equal to hi, so that ties at an end (a figure
 * that is 0 in many samples) never fill the gathering; the rank is selected
 * among the gathered ones only when it falls between the ends.  The
 * brackets are 4 standard deviations of the probe's count wide on each
 * side, as dist_stats.c places its own.
 */
#include "stdlib/stats/summary_stream.h"
#include "stdlib/stats/summary.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { LT_LO, LE_LO, LT_HI, LE_HI, COUNTS };

struct StreamGroup {
    size_t kept;
    double first, min, max, s1, s2; /* s1, s2: sums of (x − shift) and its square */
    size_t count[STREAM_QUANTILES][COUNTS];
};

/* The samples one thread gathered strictly inside one bracket. */
struct StreamGather {
    double *buf;
    size_t len, size;
};

/* The values at the given ranks of a[0..m), a reordered: the ranks in
 * increasing order, each selected in the part not below the previous one. */
static void select_ranks(double *a, size_t m, size_t k, const size_t *rank, double *const *dest)
{
    size_t order[2 * STREAM_QUANTILES + 1];
    for (size_t i = 0; i < k; i++) {
        size_t j = i;
        for (; j > 0 && rank[order[j - 1]] > rank[i]; j--) order[j] = order[j - 1];
        order[j] = i;
    }
    size_t lo = 0;
    for (size_t i = 0; i < k; i++) {
        size_t at = rank[order[i]];
        *dest[order[i]] = gsl_stats_select(a + lo, 1, m - lo, at - lo);
        lo = at;
    }
}

/* The brackets and the shift from the m sorted-to-be probe samples a. */
static void place_brackets(SummaryStream *st, double *a, size_t m)
{
    size_t rank[2 * STREAM_QUANTILES + 1], k = 0;
    double *dest[2 * STREAM_QUANTILES + 1];
    for (int r = 0; r < STREAM_QUANTILES; r++) {
        st->lo[r] = -INFINITY;
        st->hi[r] = INFINITY;
        st->cap[r] = st->n;
        if (m < 2) continue;
        double p = fmin(fmax(st->ps[r], 0), 1), pos = p * (double)(m - 1);
        double d = 4 * sqrt((double)m * p * (1 - p)) + 8;
        double lo_i = floor(pos - d), hi_i = ceil(pos + 1 + d);
        if (lo_i >= 0) {
            rank[k] = (size_t)lo_i;
            dest[k++] = &st->lo[r];
        }
        if (hi_i <= (double)(m - 1)) {
            rank[k] = (size_t)hi_i;
            dest[k++] = &st->hi[r];
        }
        double share = (fmin(hi_i, (double)m) - fmax(lo_i, 0) + 1) / (double)m;
        double cap = 1.5 * share * (double)st->n + 1024;
        st->cap[r] = cap < (double)st->n ? (size_t)cap : st->n;
    }
    st->shift = 0;
    if (m > 0) {
        rank[k] = (m - 1) / 2;
        dest[k++] = &st->shift;
    }
    select_ranks(a, m, k, rank, dest);
    if (!isfinite(st->shift)) st->shift = 0;
}

bool summary_stream_init(SummaryStream *st, size_t n, const double ps[STREAM_QUANTILES],
                         const double *probe, size_t m, int threads)
{
    memset(st, 0, sizeof *st);
    st->n = n;
    st->threads = threads < 1 ? 1 : threads;
    st->n_groups = n ? (n + STREAM_GROUP - 1) / STREAM_GROUP : 1;
    memcpy(st->ps, ps, sizeof st->ps);
    st->groups = calloc(st->n_groups, sizeof *st->groups);
    st->gather = calloc((size_t)st->threads * STREAM_QUANTILES, sizeof *st->gather);
    double *a = malloc((m ? m : 1) * sizeof *a);
    if (!st->groups || !st->gather || !a) {
        free(a);
        summary_stream_free(st);
        return false;
    }
    for (size_t g = 0; g < st->n_groups; g++) {
        st->groups[g].min = INFINITY;
        st->groups[g].max = -INFINITY;
    }
    size_t kept = 0;
    for (size_t i = 0; i < m; i++)
        if (!isnan(probe[i])) a[kept++] = probe[i];
    place_brackets(st, a, kept);
    free(a);
    return true;
}

/* Room in g for a run of len more samples (and 8 beyond, for the vector
 * stores), unless it holds more than cap already or memory runs out (then
 * st->overflow, and g gathers no more). */
static bool gather_room(SummaryStream *st, StreamGather *g, size_t len, size_t cap)
{
    bool room = g->len <= cap;
    if (room && g->len + len + 8 > g->size) {
        size_t size = g->size ? 2 * g->size : 4096;
        if (size < g->len + len + 8) size = g->len + len + 8;
        double *buf = realloc(g->buf, size * sizeof *buf);
        room = buf != NULL;
        if (room) {
            g->buf = buf;
            g->size = size;
        }
    }
    if (!room) {
#pragma omp atomic write
        st->overflow = true;
    }
    return room;
}

/* What one run adds to its group.  The moments' sums are kept in four
 * lanes (sample i in lane i % 4, each lane in sample order, the lanes
 * added as (0 + 1) + (2 + 3)), so that the vector pass and the plain one
 * give the same bits on any processor. */
typedef struct RunSums {
    size_t kept, count[STREAM_QUANTILES][COUNTS];
    double s1[4], s2[4], min, max;
} RunSums;

/* Samples from .. len of x into r, and those strictly inside bracket q
 * into g[q] when room[q]: without branches, a store, then counted or not. */
static void run_plain(const SummaryStream *st, const double *x, size_t from, size_t len, RunSums *r,
                      StreamGather *g, const bool *room)
{
    for (size_t i = from; i < len; i++) {
        double v = x[i];
        bool present = v == v;
        double d = present ? v - st->shift : 0.0;
        r->kept += present;
        r->s1[i % 4] += d;
        r->s2[i % 4] += d * d;
        r->min = v < r->min ? v : r->min; /* NaN compares false: never taken */
        r->max = v > r->max ? v : r->max;
        for (int q = 0; q < STREAM_QUANTILES; q++) {
            size_t *c = r->count[q];
            c[LT_LO] += v < st->lo[q];
            c[LE_LO] += v <= st->lo[q];
            c[LT_HI] += v < st->hi[q];
            c[LE_HI] += v <= st->hi[q];
            if (!room[q]) continue;
            g[q].buf[g[q].len] = v;
            g[q].len += (v > st->lo[q]) & (v < st->hi[q]);
        }
    }
}

static void run_all_plain(const SummaryStream *st, const double *x, size_t len, RunSums *r,
                          StreamGather *g, const bool *room)
{
    run_plain(st, x, 0, len, r, g, room);
}

typedef void (*RunPass)(const SummaryStream *st, const double *x, size_t len, RunSums *r,
                        StreamGather *g, const bool *room);

/* Bracket (lo, hi) over x[from .. to): its four counts, and the samples
 * strictly inside gathered to the end of g when room. */
typedef size_t (*BracketPass)(const double *x, size_t len, double lo, double hi, size_t *count,
                              StreamGather *g, bool room);

static void bracket_tail(const double *x, size_t from, size_t to, double lo, double hi,
                         size_t *count, StreamGather *g, bool room)
{
    for (size_t i = from; i < to; i++) {
        double v = x[i];
        count[LT_LO] += v < lo;
        count[LE_LO] += v <= lo;
        count[LT_HI] += v < hi;
        count[LE_HI] += v <= hi;
        if (!room) continue;
        g->buf[g->len] = v;
        g->len += (v > lo) & (v < hi);
    }
}

/* -DIMPACT_NO_AVX2 leaves only the plain pass (to test it on any machine). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(IMPACT_NO_AVX2)
#include <immintrin.h>
#define HAVE_AVX2_RUN 1

const int32_t summary_compress_lanes[16][8] = {
    { 0, 1, 2, 3, 4, 5, 6, 7 }, { 0, 1, 2, 3, 4, 5, 6, 7 }, { 2, 3, 2, 3, 4, 5, 6, 7 },
    { 0, 1, 2, 3, 4, 5, 6, 7 }, { 4, 5, 2, 3, 4, 5, 6, 7 }, { 0, 1, 4, 5, 4, 5, 6, 7 },
    { 2, 3, 4, 5, 4, 5, 6, 7 }, { 0, 1, 2, 3, 4, 5, 6, 7 }, { 6, 7, 2, 3, 4, 5, 6, 7 },
    { 0, 1, 6, 7, 4, 5, 6, 7 }, { 2, 3, 6, 7, 4, 5, 6, 7 }, { 0, 1, 2, 3, 6, 7, 6, 7 },
    { 4, 5, 6, 7, 4, 5, 6, 7 }, { 0, 1, 4, 5, 6, 7, 6, 7 }, { 2, 3, 4, 5, 6, 7, 6, 7 },
    { 0, 1, 2, 3, 4, 5, 6, 7 },
};

/* Adds the four lanes of mask counts c (each −1 or 0 a sample) to *count. */
__attribute__((target("avx2"))) static void add_lanes(__m256i c, size_t *count)
{
    int64_t l[4];
    _mm256_storeu_si256((__m256i *)l, c);
    *count += (size_t)(-(l[0] + l[1] + l[2] + l[3]));
}

/* Bracket q over the samples of x four at a time: its four counts, and the
 * samples strictly inside gathered to the end of g when room (a lane
 * permutation and one store, no branch).  Returns where it stopped. */
__attribute__((target("avx2,popcnt"))) static size_t bracket_avx2(const double *x, size_t len,
                                                                  double lo_, double hi_,
                                                                  size_t *count, StreamGather *g,
                                                                  bool room)
{
    const __m256d lo = _mm256_set1_pd(lo_), hi = _mm256_set1_pd(hi_);
    __m256i lt_lo = _mm256_setzero_si256(), le_lo = lt_lo, lt_hi = lt_lo, le_hi = lt_lo;
    double *out = room ? g->buf + g->len : NULL;
    size_t k = 0, i = 0;
    for (; i + 4 <= len; i += 4) {
        __m256d v = _mm256_loadu_pd(x + i);
        __m256d gt = _mm256_cmp_pd(v, lo, _CMP_GT_OQ), below = _mm256_cmp_pd(v, hi, _CMP_LT_OQ);
        lt_lo = _mm256_add_epi64(lt_lo, _mm256_castpd_si256(_mm256_cmp_pd(v, lo, _CMP_LT_OQ)));
        le_lo = _mm256_add_epi64(le_lo, _mm256_castpd_si256(_mm256_cmp_pd(v, lo, _CMP_LE_OQ)));
        lt_hi = _mm256_add_epi64(lt_hi, _mm256_castpd_si256(below));
        le_hi = _mm256_add_epi64(le_hi, _mm256_castpd_si256(_mm256_cmp_pd(v, hi, _CMP_LE_OQ)));
        if (!out) continue;
        int mask = _mm256_movemask_pd(_mm256_and_pd(gt, below));
        __m256i lanes = _mm256_loadu_si256((const __m256i *)summary_compress_lanes[mask]);
        _mm256_storeu_pd(
            out + k,
            _mm256_castsi256_pd(_mm256_permutevar8x32_epi32(_mm256_castpd_si256(v), lanes)));
        k += (size_t)__builtin_popcount((unsigned)mask);
    }
    if (out) g->len += k;
    add_lanes(lt_lo, &count[LT_LO]);
    add_lanes(le_lo, &count[LE_LO]);
    add_lanes(lt_hi, &count[LT_HI]);
    add_lanes(le_hi, &count[LE_HI]);
    return i;
}

/* bracket_avx2() eight samples at a time (AVX-512: the comparisons give
 * masks, the samples inside are compressed into one store). */
__attribute__((target("avx512f,popcnt"))) static size_t bracket_avx512(const double *x, size_t len,
                                                                       double lo_, double hi_,
                                                                       size_t *count,
                                                                       StreamGather *g, bool room)
{
    const __m512d lo = _mm512_set1_pd(lo_), hi = _mm512_set1_pd(hi_);
    size_t lt_lo = 0, le_lo = 0, lt_hi = 0, le_hi = 0, k = 0, i = 0;
    double *out = room ? g->buf + g->len : NULL;
    for (; i + 8 <= len; i += 8) {
        __m512d v = _mm512_loadu_pd(x + i);
        __mmask8 below_lo = _mm512_cmp_pd_mask(v, lo, _CMP_LT_OQ),
                 upto_lo = _mm512_cmp_pd_mask(v, lo, _CMP_LE_OQ),
                 below_hi = _mm512_cmp_pd_mask(v, hi, _CMP_LT_OQ),
                 upto_hi = _mm512_cmp_pd_mask(v, hi, _CMP_LE_OQ);
        lt_lo += (size_t)__builtin_popcount(below_lo);
        le_lo += (size_t)__builtin_popcount(upto_lo);
        lt_hi += (size_t)__builtin_popcount(below_hi);
        le_hi += (size_t)__builtin_popcount(upto_hi);
        if (!out) continue;
        __mmask8 inside = (__mmask8)(below_hi & ~upto_lo); /* lo < v < hi (NaN: neither) */
        _mm512_storeu_pd(out + k, _mm512_maskz_compress_pd(inside, v));
        k += (size_t)__builtin_popcount(inside);
    }
    if (out) g->len += k;
    count[LT_LO] += lt_lo;
    count[LE_LO] += le_lo;
    count[LT_HI] += lt_hi;
    count[LE_HI] += le_hi;
    return i;
}

static BracketPass bracket_pass(void)
{
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("popcnt"))
        return bracket_avx512;
    return bracket_avx2;
}

/* run_plain() four samples at a time (AVX2, no fused multiply-add), the
 * brackets by `bracket` (AVX2 or AVX-512: the same counts and samples). */
__attribute__((target("avx2,popcnt"))) static void run_vector(const SummaryStream *st,
                                                              const double *x, size_t len,
                                                              RunSums *r, StreamGather *g,
                                                              const bool *room, BracketPass bracket)
{
    const __m256d shift = _mm256_set1_pd(st->shift);
    __m256d s1 = _mm256_setzero_pd(), s2 = _mm256_setzero_pd();
    __m256d mn = _mm256_set1_pd(INFINITY), mx = _mm256_set1_pd(-INFINITY);
    __m256i kept = _mm256_setzero_si256();
    size_t i = 0;
    for (; i + 4 <= len; i += 4) {
        __m256d v = _mm256_loadu_pd(x + i), present = _mm256_cmp_pd(v, v, _CMP_ORD_Q);
        __m256d d = _mm256_and_pd(_mm256_sub_pd(v, shift), present);
        kept = _mm256_add_epi64(kept, _mm256_castpd_si256(present));
        s1 = _mm256_add_pd(s1, d);
        s2 = _mm256_add_pd(s2, _mm256_mul_pd(d, d));
        mn = _mm256_blendv_pd(mn, v, _mm256_cmp_pd(v, mn, _CMP_LT_OQ));
        mx = _mm256_blendv_pd(mx, v, _mm256_cmp_pd(v, mx, _CMP_GT_OQ));
    }
    double lmn[4], lmx[4];
    _mm256_storeu_pd(r->s1, s1);
    _mm256_storeu_pd(r->s2, s2);
    _mm256_storeu_pd(lmn, mn);
    _mm256_storeu_pd(lmx, mx);
    add_lanes(kept, &r->kept);
    for (int j = 0; j < 4; j++) {
        r->min = lmn[j] < r->min ? lmn[j] : r->min;
        r->max = lmx[j] > r->max ? lmx[j] : r->max;
    }
    for (int q = 0; q < STREAM_QUANTILES; q++) {
        size_t done = bracket(x, i, st->lo[q], st->hi[q], r->count[q], &g[q], room[q]);
        bracket_tail(x, done, i, st->lo[q], st->hi[q], r->count[q], &g[q], room[q]);
    }
    run_plain(st, x, i, len, r, g, room); /* the last samples, each in its lane */
}

static void run_avx2(const SummaryStream *st, const double *x, size_t len, RunSums *r,
                     StreamGather *g, const bool *room)
{
    run_vector(st, x, len, r, g, room, bracket_pass());
}
#endif

static RunPass run_pass(void)
{
#ifdef HAVE_AVX2_RUN
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt")) return run_avx2;
#endif
    return run_all_plain;
}

void summary_stream_feed(SummaryStream *st, int thread, size_t s0, const double *x, size_t len)
{
    StreamGroup *g = &st->groups[s0 / STREAM_GROUP];
    StreamGather *gather = &st->gather[(size_t)thread * STREAM_QUANTILES];
    bool room[STREAM_QUANTILES];
    for (int q = 0; q < STREAM_QUANTILES; q++)
        room[q] = gather_room(st, &gather[q], len, st->cap[q]);
    RunSums r = { .min = INFINITY, .max = -INFINITY };
    run_pass()(st, x, len, &r, gather, room);
    if (g->kept == 0 && r.kept)
        for (size_t i = 0; i < len; i++)
            if (!isnan(x[i])) {
                g->first = x[i];
                break;
            }
    g->kept += r.kept;
    g->s1 += (r.s1[0] + r.s1[1]) + (r.s1[2] + r.s1[3]);
    g->s2 += (r.s2[0] + r.s2[1]) + (r.s2[2] + r.s2[3]);
    g->min = r.min < g->min ? r.min : g->min;
    g->max = r.max > g->max ? r.max : g->max;
    for (int q = 0; q < STREAM_QUANTILES; q++)
        for (int j = 0; j < COUNTS; j++) g->count[q][j] += r.count[q][j];
}

/* The value of rank `rank` among the kept samples, from bracket r's counts
 * and its gathered samples sel[0..nsel) (reordered); false outside it. */
static bool rank_value(const SummaryStream *st, int r, const size_t *c, double *sel, size_t nsel,
                       size_t rank, double *v)
{
    if (rank < c[LT_LO]) return false;
    if (rank < c[LE_LO]) {
        *v = st->lo[r];
        return true;
    }
    if (rank < c[LT_HI]) {
        *v = gsl_stats_select(sel, 1, nsel, rank - c[LE_LO]);
        return true;
    }
    if (rank < c[LE_HI]) {
        *v = st->hi[r];
        return true;
    }
    return false;
}

/* Quantile r from its bracket (counts c, over kept samples). */
static bool stream_quantile(const SummaryStream *st, int r, const size_t *c, size_t kept,
                            double *out)
{
    size_t nsel = 0;
    for (int t = 0; t < st->threads; t++) nsel += st->gather[t * STREAM_QUANTILES + r].len;
    size_t inside = c[LT_HI] > c[LE_LO] ? c[LT_HI] - c[LE_LO] : 0;
    if (nsel != inside) return false;
    double *sel = malloc((nsel ? nsel : 1) * sizeof *sel);
    if (!sel) return false;
    nsel = 0;
    for (int t = 0; t < st->threads; t++) {
        const StreamGather *g = &st->gather[t * STREAM_QUANTILES + r];
        if (g->len) memcpy(sel + nsel, g->buf, g->len * sizeof *sel);
        nsel += g->len;
    }
    /* numpy's rule, as summary_quantile: h = (kept − 1) p, between ranks at and at + 1 */
    double h = (double)(kept - 1) * st->ps[r];
    size_t at = (size_t)floor(h);
    if (at > kept - 1) at = kept - 1;
    size_t next = at + 1 < kept ? at + 1 : at;
    double below, above;
    bool ok;
    if (at >= c[LE_LO] && next < c[LT_HI]) { /* both among the gathered: one selection */
        summary_order_pair(sel, nsel, at - c[LE_LO], &below, &above);
        ok = true;
    } else {
        ok = rank_value(st, r, c, sel, nsel, at, &below) &&
            rank_value(st, r, c, sel, nsel, next, &above);
    }
    if (ok) *out = summary_interpolate(below, above, h - (double)at);
    free(sel);
    return ok;
}

bool summary_stream_finish(SummaryStream *st, StreamSummary *out)
{
    if (st->overflow) return false;
    StreamSummary s = { .n = st->n, .min = INFINITY, .max = -INFINITY, .mean = NAN, .sd = NAN };
    size_t c[STREAM_QUANTILES][COUNTS] = { { 0 } };
    double s1 = 0, s2 = 0;
    bool first = false;
    for (size_t k = 0; k < st->n_groups; k++) { /* in the groups' order: the same bits always */
        const StreamGroup *g = &st->groups[k];
        if (g->kept && !first) {
            s.first = g->first;
            first = true;
        }
        s.kept += g->kept;
        s1 += g->s1;
        s2 += g->s2;
        s.min = g->min < s.min ? g->min : s.min;
        s.max = g->max > s.max ? g->max : s.max;
        for (int r = 0; r < STREAM_QUANTILES; r++)
            for (int j = 0; j < COUNTS; j++) c[r][j] += g->count[r][j];
    }
    for (int r = 0; r < STREAM_QUANTILES; r++) s.q[r] = NAN;
    if (s.kept == 0) {
        *out = s;
        return true;
    }
    if (!isfinite(s.min) || !isfinite(s.max)) return false;
    double m1 = s1 / (double)s.kept, var = s2 / (double)s.kept - m1 * m1;
    s.mean = st->shift + m1;
    s.sd = sqrt(var > 0 ? var : 0);
    for (int r = 0; r < STREAM_QUANTILES; r++) {
        if (s.min == s.max)
            s.q[r] = s.min;
        else if (!stream_quantile(st, r, c[r], s.kept, &s.q[r]))
            return false;
    }
    *out = s;
    return true;
}

size_t summary_stream_room(const SummaryStream *st)
{
    size_t room = 0;
    for (int q = 0; q < STREAM_QUANTILES; q++) room += (st->cap[q] + 8) * sizeof(double);
    return room;
}

bool summary_stream_overflowed(SummaryStream *st)
{
    bool overflow;
#pragma omp atomic read
    overflow = st->overflow;
    return overflow;
}

void summary_stream_free(SummaryStream *st)
{
    if (st->gather)
        for (size_t i = 0; i < (size_t)st->threads * STREAM_QUANTILES; i++) free(st->gather[i].buf);
    free(st->gather);
    free(st->groups);
    st->gather = NULL;
    st->groups = NULL;
}
