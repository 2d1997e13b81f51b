/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report.h — what a model shows: the value map as text and as a table
 * (report.c), as JSON (report_model_json.c), and the display of figures
 * (report_figures.c) shared with compare() and explain().
 *
 * Layers of stdlib/sroi/, each knowing only those below it (no link cycle:
 * tests/layers/link_cycles.sh):
 *   sroi_build*.c, sroi_decl.c, sroi_warn.c, sroi_calc.c, sroi_picks.c
 *                               the engine: building, validating, computing
 *   report.c, report_model_json.c, report_figures.c (this header)
 *                               reports and figure display, on the engine
 *   sroi.c, sroi_access.c, sroi_with.c (sroi_value.h)
 *                               the model as a value (class, M.field, with,
 *                               sroi(), report(), valuemap()), on both
 *   report_compare.c, report_explain*.c (report_explain.h)
 *                               compare() and explain(), on top
 */
#ifndef IMPACT_SROI_REPORT_H
#define IMPACT_SROI_REPORT_H

#include "stdlib/sroi/sroi_internal.h"
#include "stdlib/stats/summary_stream.h"

struct json_object;

/* The Results rows that every report writes (the text report, HTML,
 * spreadsheet and JSON), in their order.  label: N_(), translated where it
 * is shown; sheet_label: the spreadsheet's, whose cells are bare numbers, so
 * a payback row names its unit; json_key: the key in report files (the
 * payback rows sit in "payback_months"); pick: how the figure is computed
 * (years: it needs the yearly values); kind: 'm' money, 'r' ratio, 'M' months. */
typedef enum SroiResult {
    SROI_RESULT_INPUTS,
    SROI_RESULT_INPUTS_PV,
    SROI_RESULT_PV,
    SROI_RESULT_NPV,
    SROI_RESULT_RATIO,
    SROI_RESULT_NET_RATIO,
    SROI_RESULT_POSITIVE,
    SROI_RESULT_NEGATIVE,
    SROI_RESULT_ANNUAL,
    SROI_RESULT_PAYBACK_GUIDE,
    SROI_RESULT_PAYBACK_YEAR1,
    SROI_RESULT_PAYBACK_DISCOUNTED,
    SROI_RESULT_COUNT
} SroiResult;
typedef struct SroiResultRow {
    const char *label, *sheet_label, *json_key;
    SroiPick pick;
    bool years;
    char kind;
} SroiResultRow;
extern const SroiResultRow SROI_RESULTS[SROI_RESULT_COUNT];

/* The report of a model: value map and totals (report(M), impact run). */
void sroi_report_text(Interp *I, const SroiModel *m, StrBuf *out);
/* The model as the JSON object of impact run --format json (report_model_json.c). */
struct json_object *sroi_model_json(Interp *I, const SroiModel *m);
/* The model's named assumptions (report_assume.c): the text report's
 * section, the JSON array of `impact run`, explain()'s lines naming those an
 * outcome uses, and the words of assumption i: its value (median and 90%
 * interval when uncertain), its stated range ("10% to 30%", nothing when
 * none) and what uses it ("a, b, grant"). */
void sroi_assumptions_text(Interp *I, const SroiModel *m, StrBuf *out);
struct json_object *sroi_assumptions_json(Interp *I, const SroiModel *m);
void sroi_explain_assumptions(Interp *I, const SroiModel *m, const char *outcome, StrBuf *b);
void sroi_assumption_value(Interp *I, const SroiModel *m, size_t i, StrBuf *b);
void sroi_assumption_range(Interp *I, const SroiModel *m, size_t i, StrBuf *b);
void sroi_assumption_users(const SroiModel *m, size_t i, StrBuf *b);

/* The value map as a table in the SVI column order (valuemap(M)). */
bool sroi_valuemap_table(Interp *I, const SroiModel *m, Value *out);
/* The small-group threshold the published figures were computed under: the
 * model's own min_cell when it sets one, else the one in force (--min-cell). */
int sroi_report_min_cell(Interp *I, const SroiModel *m);

/* Funders (report_funders.c): whether the model has any to show (an input
 * names one, or funder_share is set); the text report's section "Value by
 * funder"; and funder k's figures for every sample (n = max(1, samples)). */
bool sroi_has_funders(const SroiModel *m);
void sroi_report_funders(Interp *I, const SroiModel *m, StrBuf *out);
typedef struct SroiFunderArrays {
    size_t n;
    double *inputs, *per_unit, *value, *ratio;
} SroiFunderArrays;
bool sroi_funder_arrays(Interp *I, const SroiModel *m, size_t k, SroiFunderArrays *a);
void sroi_funder_arrays_free(SroiFunderArrays *a);

/* The text report's section on materiality, the grades of evidence and
 * distance travelled, when an outcome states one (report_judgements.c). */
void sroi_report_judgements(Interp *I, const SroiModel *m, StrBuf *out);
/* A grade of evidence (judgement k) as the report's language writes it
 * ("moderate", "modéré"), "" when unstated. */
const char *sroi_grade_words(const SroiOutcome *o, int k);
/* ", given by volunteers, 900 hours, not valued in money": an input's
 * stakeholder and time, appended to b (report_judgements.c). */
void sroi_input_words(Interp *I, const SroiModel *m, const SroiInput *in, StrBuf *b);

/* head + the first n bytes of a `with` list ("a = 1, b = 2"), wrapped after
 * a comma at about 100 columns, lines indented under the list, then " }\n". */
void sroi_wrap_with(const char *head, const char *scenario, size_t n, StrBuf *out);
Value sroi_text_value(char *text); /* takes the malloc'ed text */

/* Figures for display (report.c): a number, or for an uncertain one its
 * median and 90% interval ("4.03 (90%: 3.1 to 5.2)").  kind: 'm' money,
 * '%' share, 'r' ratio, 'y' years, 'n' plain number. */
void sroi_format_figure(Interp *I, const SroiModel *m, const double *vals, size_t n, char kind,
                        StrBuf *b);

/* What the display of a figure needs, computed once (the quantiles are the
 * costly part, one pass over the samples for all three). */
typedef struct SroiFigure {
    size_t n, kept;  /* samples, and those not missing (NaN) */
    bool constant;   /* every present sample equals `first` up to rounding */
    double first;    /* the first present sample */
    double q[3];     /* median, p5, p95 of the present samples */
    double mean, sd; /* of the present samples (population sd), when asked for */
} SroiFigure;
/* median: the median when already known (a parameter's central value), or NULL. */
void sroi_figure_summary(const double *vals, size_t n, const double *median, SroiFigure *f);
/* count arrays of n samples each, summarised in parallel (results do not
 * depend on the number of threads: each array by one thread); with their
 * mean and sd too when moments (JSON). */
void sroi_figure_summaries(const double *const *vals, size_t count, size_t n, SroiFigure *out);
void sroi_figure_moments(const double *const *vals, size_t count, size_t n, SroiFigure *out);
/* How many arrays of samples a report holds at once (at most
 * SROI_BATCH_MAX): as many as fit a fixed budget (larger with the model's
 * fields drawn on demand), so that ten times the samples do not take ten
 * times the memory (SPEC.md, "Time and memory of an uncertain model"). */
#define SROI_BATCH_MAX 32
size_t sroi_report_batch(const SroiModel *m);
void sroi_format_summary(Interp *I, const SroiModel *m, const SroiFigure *f, char kind, StrBuf *b);
/* Equal up to rounding noise (report_figures.c). */
bool sroi_same_figure(double a, double b);
/* How money is written in a report (report_figures.c): each amount divided
 * by `divisor`, then `unit` ("EUR", "€", "k€", "MGBP"): --scale, the model's
 * scale, a scaled money unit its amounts were written in, or the currency. */
typedef struct SroiMoneyDisplay {
    double divisor;
    char unit[64];
} SroiMoneyDisplay;
void sroi_money_display(Interp *I, const SroiModel *m, SroiMoneyDisplay *d);

/* Figures of the model's totals for a report: what each picks from every
 * sample (times scale), summarised into out[j] (with the mean and sd when
 * moments), sroi_report_batch() of them per pass over the samples.  A
 * certain model's figure has n = 1 (kept 0 when its value is NaN). */
typedef struct SroiTotalFigure {
    SroiPick pick;
    const void *ctx;
    bool years; /* the pick reads the yearly totals */
    double scale;
} SroiTotalFigure;
void sroi_total_figures(Interp *I, const SroiModel *m, const SroiTotalFigure *f, size_t count,
                        bool moments, SroiFigure *out);

/* The report's figures of a model of many samples, all from one pass over
 * them (report_stream.c): each figure's summary as the stream gave it
 * (sroi_stream_*), or as the report's figure (sroi_streamed_*,
 * report_figures.c), with the mean and sd when moments (JSON); with the
 * outcomes' gross and yearly values when arrays (JSON).  False when the
 * model has too few samples to stream or the stream could not summarise
 * that figure: the caller then summarises the figure's whole array. */
typedef struct SroiReportStream SroiReportStream;
typedef enum { SROI_PART_GROSS, SROI_PART_IMPACT, SROI_PART_PV, SROI_PART_YEAR } SroiOutcomePart;
bool sroi_stream_field(const SroiModel *m, size_t j, bool arrays, StreamSummary *out);
/* year: 1 .. max_years for SROI_PART_YEAR */
bool sroi_stream_outcome(const SroiModel *m, size_t i, SroiOutcomePart part, int year, bool arrays,
                         StreamSummary *out);
bool sroi_stream_total(const SroiModel *m, const SroiTotalFigure *f, bool arrays,
                       StreamSummary *out);
bool sroi_streamed_field(const SroiModel *m, size_t j, bool moments, SroiFigure *out);
bool sroi_streamed_outcome(const SroiModel *m, size_t i, SroiOutcomePart part, int year,
                           bool moments, SroiFigure *out);
bool sroi_streamed_total(const SroiModel *m, const SroiTotalFigure *f, bool moments,
                         SroiFigure *out);

/* One figure for every sample of m (one value when m is certain), malloc'ed;
 * NULL after an error raised. */
double *sroi_collect_figure(Interp *I, const SroiModel *m, SroiPick pick, const void *ctx);

#endif
