/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_stream.c — every figure of an uncertain model's report from one
 * pass over its samples: the fields' summaries, each outcome's impact and
 * present value (and for JSON its gross value and yearly values), the
 * results, each stakeholder's and domain's value.
 *
 * Contract: for a model of STREAM_MIN samples or more, sroi_streamed()
 * computes every sample of every such figure once, block by block (the
 * kernel of sroi_kernel.h: the same operations in the same order as
 * sroi_outcome_arrays() and sroi_collect_many(), so the same bits), and
 * summarises each as its blocks go by (stdlib/stats/summary_stream.h): no
 * array of every sample is made, and each field drawn on demand is drawn
 * once, a chunk at a time (plus the first chunks once more: the probe that
 * places the quantiles' brackets).  The quantiles and the figures shown
 * are those of the whole arrays; the JSON's mean and sd are within rounding
 * of them.  The summaries are kept with the model, which never changes.
 * A figure the stream cannot summarise (a bracket missed, an infinite
 * sample) is not found by the lookups, and the caller summarises its
 * whole array as before, as it does below STREAM_MIN samples.  A model
 * that `impact run` will report (declared by the file it runs) has its
 * figures computed by its build, in the pass that checks its samples
 * (sroi_count_infinite_reported): each sample is computed once.
 */
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mem.h"
#include "stdlib/sroi/report.h"
#include "stdlib/sroi/sroi_kernel.h"
#include "stdlib/stats/summary_stream.h"

/* Below this many samples the report summarises whole arrays (they are
 * small, and the figures' mean and sd keep the two-pass formula's bits). */
#define STREAM_MIN ((size_t)65536)

typedef enum { RS_FIELD, RS_GROSS, RS_IMPACT, RS_PV, RS_YEAR, RS_TOTAL } StreamSource;

typedef struct StreamedFigure {
    StreamSource source;
    size_t index;          /* the field, or the outcome */
    int year;              /* RS_YEAR: 1 .. max_years */
    SroiTotalFigure total; /* RS_TOTAL */
    bool ok;               /* summarised (else the caller's whole array) */
    StreamSummary sum;
} StreamedFigure;

struct SroiReportStream {
    bool arrays; /* with each outcome's gross and yearly values (JSON) */
    size_t count, n_fields, n_totals;
    StreamedFigure *fig;
    long *field_at;     /* each field's figure, or -1 (a number) */
    size_t *outcome_at; /* each outcome's first figure */
    size_t total_at;    /* the first total */
    size_t *groups;     /* the stakeholder and domain indices the totals' picks read */
};

static size_t field_count(const SroiModel *m)
{
    return m->n_outcomes * OF_COUNT + m->n_inputs + 1;
}

static Value field_of(const SroiModel *m, size_t j)
{
    size_t base = m->n_outcomes * OF_COUNT;
    if (j < base) return m->outcomes[j / OF_COUNT].f[j % OF_COUNT].v;
    if (j < base + m->n_inputs) return m->inputs[j - base].amount.v;
    return m->discount.v;
}

void sroi_report_stream_free(SroiModel *m)
{
    SroiReportStream *rs = m->report_stream;
    if (!rs) return;
    free(rs->fig);
    free(rs->field_at);
    free(rs->outcome_at);
    free(rs->groups);
    free(rs);
    m->report_stream = NULL;
}

static void add_total(SroiReportStream *rs, SroiPick pick, const void *ctx, bool years,
                      double scale)
{
    rs->fig[rs->count++] =
        (StreamedFigure){ .source = RS_TOTAL, .total = { pick, ctx, years, scale } };
}

/* The figures of the report, in the order the pass computes them: each
 * outcome's, the totals, the fields. */
static SroiReportStream *plan(const SroiModel *m, bool arrays)
{
    SroiReportStream *rs = xcalloc(1, sizeof *rs);
    size_t nf = field_count(m), per = arrays ? 3 + (size_t)m->max_years : 2;
    size_t ns = m->n_stakeholders, nd = m->n_domains;
    rs->arrays = arrays;
    rs->n_fields = nf;
    rs->fig = xcalloc(m->n_outcomes * per + SROI_RESULT_COUNT + 1 + 2 * ns + nd + nf + 1,
                      sizeof *rs->fig);
    rs->field_at = xmalloc(nf * sizeof *rs->field_at);
    rs->outcome_at = xmalloc((m->n_outcomes + 1) * sizeof *rs->outcome_at);
    rs->groups = xmalloc((ns + nd + 1) * sizeof *rs->groups);
    for (size_t i = 0; i < m->n_outcomes; i++) {
        rs->outcome_at[i] = rs->count;
        if (arrays) rs->fig[rs->count++] = (StreamedFigure){ .source = RS_GROSS, .index = i };
        rs->fig[rs->count++] = (StreamedFigure){ .source = RS_IMPACT, .index = i };
        rs->fig[rs->count++] = (StreamedFigure){ .source = RS_PV, .index = i };
        for (int t = 1; arrays && t <= m->max_years; t++)
            rs->fig[rs->count++] = (StreamedFigure){ .source = RS_YEAR, .index = i, .year = t };
    }
    rs->total_at = rs->count;
    /* the Results of the text report, then the JSON's payback in years */
    for (int k = 0; k < SROI_RESULT_COUNT; k++)
        add_total(rs, SROI_RESULTS[k].pick, NULL, SROI_RESULTS[k].years, 1);
    add_total(rs, sroi_pick_payback_guide, NULL, false, 1.0 / 12);
    for (size_t k = 0; k < ns + nd; k++) rs->groups[k] = k < ns ? k : k - ns;
    for (size_t k = 0; k < ns; k++) {
        add_total(rs, sroi_pick_stakeholder, &rs->groups[k], false, 1);
        add_total(rs, sroi_pick_share, &rs->groups[k], false, 1);
    }
    for (size_t k = 0; k < nd; k++) add_total(rs, sroi_pick_domain, &rs->groups[ns + k], false, 1);
    rs->n_totals = rs->count - rs->total_at;
    for (size_t j = 0; j < nf; j++) {
        rs->field_at[j] = field_of(m, j).kind == V_DIST ? (long)rs->count : -1;
        if (rs->field_at[j] >= 0)
            rs->fig[rs->count++] = (StreamedFigure){ .source = RS_FIELD, .index = j };
    }
    return rs;
}

/* ---- the pass ---------------------------------------------------------------------- */

typedef struct StreamPass {
    const SroiReportStream *rs;
    bool years;    /* some total reads the yearly totals */
    bool cached;   /* the totals from the sample cache (block_totals_cached) */
    double *probe; /* the probe pass: probe_len samples of each figure */
    size_t probe_len;
    SummaryStream *stream;    /* the main pass: each figure's stream */
    double **scratch;         /* each thread's rows: gross, years 1 .. max_years, totals */
    bool stopped;             /* a stream ran out of room (memory, or a bracket's cap) */
    SroiSampleCounts *counts; /* the build's check, made on the way (or NULL) */
} StreamPass;

static void emit(const StreamPass *p, int thread, size_t fig, size_t s0, const double *x,
                 size_t len)
{
    if (p->probe)
        memcpy(p->probe + fig * p->probe_len + s0, x, sizeof(double) * len);
    else
        summary_stream_feed(&p->stream[fig], thread, s0, x, len);
}

/* Outcome i's figures over the block, after block_outcome(): gross value,
 * impact, present value, yearly values, as sroi_outcome_arrays() computes them. */
static void outcome_rows(const SroiModel *m, const StreamPass *p, Block *b, size_t i, int thread,
                         size_t s0, size_t len)
{
    const SroiOutcome *o = &m->outcomes[i];
    size_t at = p->rs->outcome_at[i];
    double *gross = p->scratch[thread], *values[m->max_years + 1];
    const double *f[OF_COUNT];
    if (p->rs->arrays) {
        for (int k = 0; k < OF_COUNT; k++)
            f[k] = field_block(b, i * OF_COUNT + k, o->f[k].v, s0, b->konst[k]);
        for (size_t s = 0; s < len; s++) gross[s] = f[OF_QUANTITY][s] * f[OF_PROXY][s];
        emit(p, thread, at++, s0, gross, len);
    }
    emit(p, thread, at++, s0, b->impact, len);
    emit(p, thread, at++, s0, b->opv, len);
    if (!p->rs->arrays) return;
    values[0] = NULL;
    for (int y = 1; y <= m->max_years; y++) values[y] = gross + (size_t)y * BLOCK;
    arrays_years(m, o, f, b, values, 0, len);
    for (int y = 1; y <= m->max_years; y++) emit(p, thread, at++, s0, values[y], len);
}

/* The totals' picks for each sample of the block (then times their scale,
 * as sroi_total_figures() does). */
static void total_rows(const SroiModel *m, const StreamPass *p, Block *b, int thread, size_t s0,
                       size_t len)
{
    const SroiReportStream *rs = p->rs;
    size_t ny = p->years ? (size_t)m->max_years + 1 : 0;
    double *rows = p->scratch[thread] + ((size_t)m->max_years + 1) * BLOCK;
    for (size_t s = 0; s < len; s++) {
        SroiTotals t = block_totals(m, b, s, ny);
        for (size_t j = 0; j < rs->n_totals; j++) {
            const SroiTotalFigure *tf = &rs->fig[rs->total_at + j].total;
            double v = tf->pick(m, &t, tf->ctx);
            if (tf->scale != 1) v *= tf->scale;
            rows[j * BLOCK + s] = v;
        }
    }
    for (size_t j = 0; j < rs->n_totals; j++)
        emit(p, thread, rs->total_at + j, s0, rows + j * BLOCK, len);
}

/* One block: as the build's check (check_block), every outcome then the
 * material ones' totals (read from the sample cache when the check kept
 * them), each figure handed to its stream on the way. */
static void stream_block(const SroiModel *m, Block *b, size_t s0, size_t len, void *ctx)
{
    StreamPass *p = ctx;
    bool stopped;
#pragma omp atomic read
    stopped = p->stopped;
    if (stopped) return; /* a stream ran out of room: its figures are computed again */
    int thread = omp_get_thread_num();
    size_t ny = p->years ? (size_t)m->max_years + 1 : 0;
    const double *rate = block_start(m, b, s0, len);
    bool cached = p->cached;
    if (!cached) block_zero(m, b, len, ny);
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        block_outcome(m, o, b, s0, len, p->years && !cached);
        if (p->counts && !p->probe) block_count_outcome(b, i, len, p->counts);
        outcome_rows(m, p, b, i, thread, s0, len);
        if (!cached && sroi_is_material(o)) block_add_outcome(m, o, b, s0, len);
    }
    if (cached)
        block_totals_cached(m, b, s0, len, ny);
    else
        block_inputs(m, NULL, b, rate, s0, len);
    if (p->counts && !p->probe) block_count_totals(b, len, p->counts);
    total_rows(m, p, b, thread, s0, len);
    for (size_t j = 0; j < p->rs->n_fields; j++)
        if (p->rs->field_at[j] >= 0)
            emit(p, thread, (size_t)p->rs->field_at[j], s0,
                 field_block(b, j, field_of(m, j), s0, b->konst[0]), len);
    for (size_t f = 0; !p->probe && f < p->rs->count; f++)
        if (summary_stream_overflowed(&p->stream[f])) {
#pragma omp atomic write
            p->stopped = true;
            break;
        }
}

/* The probe's length: a sixty-fourth of the samples, within bounds, whole blocks. */
static size_t probe_length(size_t n)
{
    size_t m = n / 64;
    m = m < 16384 ? 16384 : m > 2 * (size_t)RNG_BLOCK ? 2 * (size_t)RNG_BLOCK : m;
    m -= m % BLOCK;
    return m < n ? m : n;
}

static bool run_passes(const SroiModel *m, StreamPass *p, int threads)
{
    const SroiReportStream *rs = p->rs;
    size_t n = m->n_samples, count = rs->count;
    double work = (double)n * (double)(m->n_outcomes + 1) * (double)(m->max_years + 1);
    Drawn drawn = drawn_plan(m, 0, m->n_outcomes, true);
    bool ok = true;
    p->probe_len = probe_length(n);
    p->probe = try_malloc(sizeof(double) * p->probe_len * count);
    p->stream = calloc(count, sizeof *p->stream);
    if (p->probe && p->stream) {
        for_each_block_upto(m, &drawn, p->years, work * (double)p->probe_len / (double)n,
                            p->probe_len, stream_block, p);
        static const double ps[STREAM_QUANTILES] = { 0.5, 0.05, 0.95 };
        /* each figure's brackets by one thread: the same whatever the threads */
#pragma omp parallel for schedule(dynamic, 1) reduction(&& : ok)
        for (size_t f = 0; f < count; f++)
            ok = summary_stream_init(&p->stream[f], n, ps, p->probe + f * p->probe_len,
                                     p->probe_len, threads) &&
                ok;
    } else {
        ok = false;
    }
    free(p->probe);
    p->probe = NULL;
    if (ok) { /* the room the brackets may take, there before the pass starts */
        size_t room = 0;
        for (size_t f = 0; f < count; f++) room += summary_stream_room(&p->stream[f]);
        void *spare = try_malloc(room);
        ok = spare != NULL;
        free(spare);
    }
    if (ok) for_each_block(m, &drawn, p->years, work, stream_block, p);
    ok = ok && !p->stopped; /* a stopped pass left every stream short */
    drawn_free(&drawn);
#pragma omp parallel for schedule(dynamic, 1) if (ok)
    for (size_t f = 0; f < count; f++) {
        if (ok) rs->fig[f].ok = summary_stream_finish(&p->stream[f], &rs->fig[f].sum);
        if (p->stream) summary_stream_free(&p->stream[f]);
    }
    free(p->stream);
    return ok;
}

/* Computes the model's streamed figures (with the outcomes' arrays when
 * arrays) and keeps them with it; with the build's check on the way when
 * counts is given.  False when the pass stopped short (its figures then
 * are not found, and counts are incomplete). */
static bool compute(const SroiModel *m, bool arrays, SroiSampleCounts *counts)
{
    SroiModel *own = (SroiModel *)m; /* a cache: the model itself does not change */
    sroi_report_stream_free(own);
    SroiReportStream *rs = plan(m, arrays);
    int threads = omp_get_max_threads();
    StreamPass p = { .rs = rs, .counts = counts };
    for (size_t j = 0; j < rs->n_totals; j++) p.years |= rs->fig[rs->total_at + j].total.years;
    /* a sample cache kept by the build's check holds every total: not added again */
    p.cached = sroi_sample_cache_ready(m, p.years);
    size_t rows = (size_t)m->max_years + 1 + rs->n_totals;
    p.scratch = calloc((size_t)threads, sizeof *p.scratch);
    bool ok = p.scratch != NULL;
    for (int t = 0; ok && t < threads; t++)
        ok = (p.scratch[t] = try_malloc(sizeof(double) * BLOCK * rows)) != NULL;
    ok = ok && run_passes(m, &p, threads);
    for (int t = 0; p.scratch && t < threads; t++) free(p.scratch[t]);
    free(p.scratch);
    own->report_stream = rs;
    if (!ok) rs->count = 0; /* nothing found: the callers' whole arrays */
    return ok;
}

/* The model's streamed figures, computed on first use; NULL below
 * STREAM_MIN samples. */
static const SroiReportStream *streamed(const SroiModel *m, bool arrays)
{
    if (m->n_samples < STREAM_MIN) return NULL;
    if (!m->report_stream || (arrays && !m->report_stream->arrays)) compute(m, arrays, NULL);
    return m->report_stream;
}

bool sroi_count_infinite_reported(Interp *I, const SroiModel *m, const SroiModel *base,
                                  SroiSampleCounts *counts)
{
    const Settings *set = interp_settings(I);
    /* a model the file declares, which `impact run` reports when it ends */
    if (!set->reports_models || base || m->made_by_module || m->n_samples < STREAM_MIN)
        return false;
    memset(counts->outcome, 0, sizeof(size_t) * m->n_outcomes);
    counts->pv = counts->ratio = 0;
    return compute(m, set->format == FORMAT_JSON, counts);
}

/* ---- lookups ------------------------------------------------------------------------ */

static bool found(const SroiReportStream *rs, size_t at, StreamSummary *out)
{
    if (!rs || at >= rs->count || !rs->fig[at].ok) return false;
    *out = rs->fig[at].sum;
    return true;
}

bool sroi_stream_field(const SroiModel *m, size_t j, bool arrays, StreamSummary *out)
{
    const SroiReportStream *rs = streamed(m, arrays);
    return rs && j < rs->n_fields && rs->field_at[j] >= 0 &&
        found(rs, (size_t)rs->field_at[j], out);
}

bool sroi_stream_outcome(const SroiModel *m, size_t i, SroiOutcomePart part, int year, bool arrays,
                         StreamSummary *out)
{
    const SroiReportStream *rs = streamed(m, arrays);
    if (!rs || !rs->count || i >= m->n_outcomes) return false;
    if ((part == SROI_PART_GROSS || part == SROI_PART_YEAR) && !rs->arrays) return false;
    if (part == SROI_PART_YEAR && (year < 1 || year > m->max_years)) return false;
    size_t impact = rs->outcome_at[i] + (rs->arrays ? 1 : 0);
    size_t at = part == SROI_PART_GROSS ? rs->outcome_at[i]
        : part == SROI_PART_IMPACT      ? impact
        : part == SROI_PART_PV          ? impact + 1
                                        : impact + 1 + (size_t)year;
    return found(rs, at, out);
}

bool sroi_stream_total(const SroiModel *m, const SroiTotalFigure *f, bool arrays,
                       StreamSummary *out)
{
    const SroiReportStream *rs = streamed(m, arrays);
    for (size_t j = 0; rs && j < rs->n_totals; j++) {
        const SroiTotalFigure *t = &rs->fig[rs->total_at + j].total;
        if (t->pick != f->pick || t->scale != f->scale) continue;
        /* a total with a context is a group's: its pick reads a group index */
        if (t->ctx == f->ctx ||
            (t->ctx && f->ctx && *(const size_t *)t->ctx == *(const size_t *)f->ctx))
            return found(rs, rs->total_at + j, out);
    }
    return false;
}
