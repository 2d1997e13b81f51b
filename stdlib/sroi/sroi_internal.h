/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_internal.h — the SROI model's inside, shared by the files of
 * stdlib/sroi/ (their layers are drawn in report.h): the engine
 * (sroi_build.c, sroi_calc.c), the report (report.c), the model value
 * (sroi.c) and compare/explain (report_compare.c).
 *
 * A model keeps an owned copy of its declaration (so `M with {...}` can
 * rebuild and re-validate a changed copy) and, decoded from it, its
 * stakeholders, inputs and outcomes.  Every number that may vary (quantity,
 * proxy, deflators, drop-off, duration, inputs, discount rate) is a Value,
 * either a number or a distribution of n samples; results are computed on
 * demand, for one point (every parameter fixed) or sample by sample.
 */
#ifndef IMPACT_SROI_INTERNAL_H
#define IMPACT_SROI_INTERNAL_H

#include <math.h>

#include "lang/check.h"
#include "stdlib/sroi/sroi.h"
#include "stdlib/sroi/sroi_fields.h"
#include "stdlib/sroi/sroi_funders.h"

typedef enum Discounting {
    DISC_GUIDE,           /* year t divided by (1+r)^t from t = 1 (SROI Guide) */
    DISC_FIRST_YEAR_FREE, /* (1+r)^(t-1): first year of effect undiscounted (Green Book t = 0) */
    DISC_NONE,            /* no discounting */
    DISC_GREEN_BOOK       /* Green Book declining schedule (3.5% to year 30, 3% to 75, ...),
                              year t multiplied by D_t from t = 1 like the Guide */
} Discounting;
/* The names of the conventions, in Discounting's order ("guide", ...). */
extern const char *const SROI_DISCOUNTING_NAMES[4];

typedef struct SroiNum {
    Value v;          /* V_NUM or V_DIST (borrowed from the model's declaration) */
    SrcLoc loc;       /* where it was set; file NULL for a default */
    const Node *expr; /* the expression, or NULL for a default */
    bool given;       /* written by the user (false: default) */
} SroiNum;

typedef struct SroiStakeholder {
    const char *name, *label;
    SrcLoc loc;
} SroiStakeholder;

typedef struct SroiInput {
    const char *name, *label, *funder; /* funder may be NULL */
    bool in_kind;
    int year;         /* 0 = now, undiscounted */
    int funder_group; /* index into the model's funders (sroi_funders.c) */
    int stakeholder;  /* the stakeholder who gives it (index), -1 when not said */
    double hours;     /* time given, in hours; NaN when not said */
    bool valued;      /* false: time given and not valued in money (amount 0) */
    SroiNum amount;
    SrcLoc loc;
} SroiInput;

/* A judgement of an outcome (sroi_judgements.c). */
typedef struct SroiJudgement {
    int choice;         /* SROI_FLAG: 0 or 1; SROI_GRADE: index into SROI_GRADES, -1 unstated */
    double distance[4]; /* SROI_DISTANCE: before, after, lowest and highest score of the scale */
    bool given;
    SrcLoc loc;
} SroiJudgement;

typedef struct SroiOutcome {
    const char *name, *label;
    int stakeholder; /* index into stakeholders */
    SrcLoc loc;
    SroiNum f[OF_COUNT];
    int start; /* 1 or 2 */
    SrcLoc start_loc;
    double *profile; /* explicit per-year fractions, or NULL */
    size_t n_profile;
    SrcLoc profile_loc;
    const char *text[OT_COUNT]; /* NULL when not given */
    SrcLoc text_loc[OT_COUNT];
    int domain; /* index into the model's domains, -1 if none */
    SroiJudgement judgement[OJ_COUNT];
} SroiOutcome;

/* The judgements (sroi_judgements.c): decoding field f as judgement k, the
 * defaults, the reason a judgement of no materiality needs, and their
 * values for the outcome's record (M.name.material ...). */
bool sroi_decode_judgement(Interp *I, SroiOutcome *o, const DeclField *f, int k);
void sroi_judgement_defaults(SroiOutcome *o);
bool sroi_check_judgements(Interp *I, const SroiOutcome *o);
bool sroi_is_material(const SroiOutcome *o); /* false: listed, left out of every total */
const char *sroi_grade_text(const SroiOutcome *o, int k); /* "" when unstated */
Value sroi_judgement_value(const SroiOutcome *o, int k);
/* An input's options stakeholder = "name" and hours = N (sroi_judgements.c). */
bool sroi_input_stakeholder(Interp *I, const SroiModel *m, SroiInput *in, const DeclField *f);
bool sroi_input_hours(Interp *I, SroiInput *in, const DeclField *f);

struct SroiModel {
    ModelDecl decl;      /* owned deep copy (strings, value references) */
    char *scenario;      /* "employment.deadweight = 40%" for `with` copies, else NULL */
    ForeignObj *self;    /* the value that owns this model (set when it is wrapped) */
    bool made_by_module; /* declared or built while a module's top level ran: the
                          * module's model, which `impact run` does not report */
    size_t built_len;    /* leading part of scenario written by the library that declares the
                                          * model (a `with` in its own file, e.g. cae.build()): the data and
                                          * inputs it was built from, not a hypothetical variant */
    Dim money;           /* the model's currency */
    /* a money unit standing for many of the currency that some amount was
     * written in (unit MGBP = 1000000 GBP), or 0: reports write amounts in it */
    uint16_t written_unit;
    SroiNum discount;
    Discounting discounting;
    SrcLoc discounting_loc;
    int horizon;  /* 0 = no cap */
    int min_cell; /* 0 = interpreter default */
    char scale;   /* money in reports: 'k' thousands, 'M' millions, '1' whole, 0 unset */
    SroiStakeholder *stakeholders;
    size_t n_stakeholders;
    SroiInput *inputs;
    size_t n_inputs;
    SroiOutcome *outcomes;
    size_t n_outcomes;
    const char **domains;
    size_t n_domains;
    SroiFunder *funders; /* the inputs grouped by funder (sroi_funders.c) */
    size_t n_funders;
    FunderShare funder_share; /* how the value is shared among them */
    SrcLoc funder_share_loc;
    SroiParam *params;
    size_t n_params;
    double *central;      /* central value of each parameter */
    double *leak_central; /* central leakage of each outcome */
    size_t n_samples;     /* 0 when nothing is uncertain */
    /* Display summaries of the numeric fields (outcome i's field k at
     * i * OF_COUNT + k, then the inputs, then the discount rate), computed
     * on the first report and kept: the model never changes. */
    struct SroiFigure *field_figures;
    /* Every sample's totals (sroi_calc.c), computed once when a second whole
     * pass over the samples is asked for (a report reads many figures from
     * them) and kept: the model never changes. */
    struct SroiSampleCache *sample_cache;
    /* The report's figures summarised in one pass over the samples
     * (report_stream.c), on the first report of many samples, and kept. */
    struct SroiReportStream *report_stream;
    int max_years;       /* last year with value (after the cap), >= 1 */
    double *year_factor; /* DISC_GREEN_BOOK: D_t for t = 0 .. max_years + 1, else NULL */
};

/* A subset of the model for partial ratios; NULL masks mean "all". */
typedef struct SroiSelection {
    const bool *inputs;       /* n_inputs */
    const bool *stakeholders; /* n_stakeholders */
    const bool *outcomes;     /* n_outcomes */
} SroiSelection;

/* Everything one evaluation (one point or one sample) yields for a model. */
typedef struct SroiTotals {
    double pv, pv_positive, pv_negative; /* selected outcomes */
    double inputs_pv, inputs_total;      /* selected inputs */
    double annual_impact;                /* Σ impact (undiscounted, no drop-off) */
    double year1_value;                  /* Σ V(1) */
    double *stakeholder_pv;              /* optional, n_stakeholders */
    double *domain_pv;                   /* optional, n_domains */
    double *year_pv;                     /* optional, max_years + 1: discounted total of year t */
} SroiTotals;

/* One outcome evaluated at one point. */
typedef struct SroiOutcomeResult {
    double gross, impact, pv;
    double deduction[4]; /* deadweight, displacement, attribution, leakage (money) */
    double *values;      /* optional, max_years + 1: V(t), t = 1.. */
    double *pv_values;   /* optional, max_years + 1: V(t) discounted */
} SroiOutcomeResult;

/* Parameter values of sample s (x: n_params, leak: n_outcomes). */
void sroi_sample_point(const SroiModel *m, size_t s, double *x, double *leak);
void sroi_eval_totals(const SroiModel *m, const double *x, const double *leak,
                      const SroiSelection *sel, SroiTotals *t);
void sroi_eval_outcome(const SroiModel *m, const double *x, const double *leak, size_t i,
                       SroiOutcomeResult *r);
/* Discount factor of year t (t = 0 for inputs given now). */
double sroi_discount_factor(const SroiModel *m, double rate, int t);
double sroi_discount_rate(const SroiModel *m, const double *x);
/* The Green Book declining schedule: D_t = Π_{u=1..t} 1 / (1 + r_u), r_u its
 * rate of year u (3.5% to 30, 3% to 75, 2.5% to 125, 2% to 200, 1.5% to 300,
 * then 1%); D_0 = 1.  sroi_year_factors() fills m->year_factor once. */
double sroi_green_book_factor(int t);
bool sroi_year_factors(SroiModel *m);

/* Building (sroi_build.c).  `overrides` (may be NULL) restricts the
 * plausibility warnings to the fields set at those locations: a scenario
 * copy warns only about what it changed. */
typedef struct SroiWarnScope {
    const SrcLoc *locs;
    size_t n;
    bool ratio; /* warn about the ratio too */
} SroiWarnScope;
/* base (may be NULL): the model decl is a scenario copy of; what the two
 * share is taken from it rather than recomputed (the same numbers). */
bool sroi_model_new(Interp *I, const ModelDecl *decl, const SroiWarnScope *scope,
                    const SroiModel *base, SroiModel **out);
void sroi_model_free(SroiModel *m);
/* How many of the model's fields are drawn on demand (sroi_samples.c). */
size_t sroi_drawn_fields(const SroiModel *m);
/* Frees the model's sample cache (sroi_calc.c). */
void sroi_sample_cache_free(SroiModel *m);
void sroi_report_stream_free(SroiModel *m);
/* The declaration field that sets `name` in an entry or the settings, or NULL. */
const DeclField *sroi_decl_field(const DeclField *fields, size_t n, const char *name);

/* Per-sample extraction: fills out[s] for every sample (or out[0] when the
 * model is certain), from a totals evaluation (with the yearly discounted
 * totals when want_years, for payback). */
typedef double (*SroiPick)(const SroiModel *m, const SroiTotals *t, const void *ctx);
bool sroi_collect(Interp *I, const SroiModel *m, const SroiSelection *sel, SroiPick pick,
                  const void *ctx, bool want_years, double *out);
/* k measures in one pass over the samples (outs[j] has n slots each). */
bool sroi_collect_many(Interp *I, const SroiModel *m, const SroiSelection *sel, size_t k,
                       const SroiPick *picks, const void *const *ctxs, bool want_years,
                       double *const *outs);
/* One of the measures of sroi.h from a sample's totals (sroi_calc.c). */
double sroi_measure_of(const SroiTotals *t, SroiMeasure what);

/* The picks of one figure of the totals (sroi_picks.c): present value, SROI
 * ratio, net present value, net SROI ratio, inputs (undiscounted total and
 * present value), value created and destroyed, the value of the stakeholder
 * or domain whose index ctx points at, and payback in months (Guide,
 * first-year and discounted-cumulative conventions; NaN: never). */
double sroi_pick_pv(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_ratio(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_npv(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_net(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_inputs(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_inputs_pv(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_positive(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_negative(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_stakeholder(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_domain(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_payback_guide(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_payback_year1(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_payback_discounted(const SroiModel *m, const SroiTotals *t, const void *ctx);
/* The value of one year of impact, and a stakeholder's share of the present value. */
double sroi_pick_annual(const SroiModel *m, const SroiTotals *t, const void *ctx);
double sroi_pick_share(const SroiModel *m, const SroiTotals *t, const void *ctx);
/* Like sroi_sample_point for outcome i and the discount rate only. */
void sroi_sample_outcome_point(const SroiModel *m, size_t s, size_t i, double *x, double *leak);
/* Wraps n numbers as a V_NUM (n_samples == 0) or a V_DIST. */
Value sroi_make_value(const SroiModel *m, const double *vals, Dim dim, bool percent);

/* One outcome's results for every sample (n = max(1, n_samples) slots
 * each; values[t] for t = 1..max_years, each n slots). */
typedef struct SroiOutcomeArrays {
    size_t n;
    double *gross, *impact, *pv;
    double *deduction[4];
    double **values; /* max_years + 1 rows, row 0 unused */
} SroiOutcomeArrays;
/* parts: which arrays to fill (the others are NULL), so that a report
 * holds only those it summarises. */
enum {
    SROI_ARRAY_GROSS = 1,
    SROI_ARRAY_IMPACT = 2,
    SROI_ARRAY_PV = 4,
    SROI_ARRAY_DEDUCTIONS = 8,
    SROI_ARRAY_YEARS = 16,
    SROI_ARRAY_ALL = 31
};
bool sroi_outcome_arrays(Interp *I, const SroiModel *m, size_t i, unsigned parts,
                         SroiOutcomeArrays *a);
void sroi_outcome_arrays_free(const SroiModel *m, SroiOutcomeArrays *a);

/* Assumptions (sroi_assume.c).  A set of assumptions is a bit mask, bit i
 * for decl.assumes[i]. */
void sroi_assumes_copy(ModelDecl *dst, const ModelDecl *src);
void sroi_assumes_free(ModelDecl *d);
/* Index of the assumption called name, or -1. */
int sroi_assume_index(const ModelDecl *d, const char *name);
/* Refuses an assumption named like a setting, an entry or another one. */
bool sroi_assumes_check(Interp *I, const ModelDecl *d);
/* uses with the assumptions those read, and so on. */
uint64_t sroi_assume_closure(const ModelDecl *d, uint64_t uses);
/* The assumptions entry `name` (an outcome, an input) reads; the settings'. */
uint64_t sroi_entry_assumptions(const ModelDecl *d, const char *name);
uint64_t sroi_settings_assumptions(const ModelDecl *d);
/* `with`: sets the assumptions among paths (done[k] = true for each) in d,
 * a copy being rebuilt (its own arrays, borrowed values; d->assumes becomes
 * the copy's own array, freed by the caller when it differs), and evaluates
 * again what read them.  *owned (n_owned) are the new values, to release
 * once the model is built.  False after rt_raise. */
bool sroi_with_assumptions(Interp *I, ModelDecl *d, size_t n, const char **paths, const Value *vals,
                           const SrcLoc *locs, bool *done, Value **owned, size_t *n_owned);

/* The model class (sroi.c). */
extern const ObjClass sroi_model_class;
/* The global name holding a `with` copy, or NULL (borrowed; sroi_calc.c). */
const char *sroi_binding_name(Interp *I, const SroiModel *m);

/* How many samples are infinite (beyond the largest double): of each
 * outcome's present value (outcome[i], n_outcomes slots the caller gives),
 * of the total present value and of the ratio; one pass over the samples,
 * which also fills the model's sample cache when it fits (sroi_build.c's
 * check, before anything reads the model). */
typedef struct SroiSampleCounts {
    size_t *outcome;
    size_t pv, ratio;
} SroiSampleCounts;
void sroi_count_infinite(const SroiModel *m, SroiSampleCounts *counts);
/* The same check made by the pass that computes the model's report
 * (report_stream.c), for a model `impact run` will report (declared by the
 * file it runs, base NULL: not a copy made by `with`); false when it is not
 * one, or the pass stopped short (then sroi_count_infinite()). */
bool sroi_count_infinite_reported(Interp *I, const SroiModel *m, const SroiModel *base,
                                  SroiSampleCounts *counts);

/* Impact and present value of outcomes first .. first + count − 1 for every
 * sample (impact[j] and pv[j] have max(1, n_samples) slots), in one pass
 * over the samples: the values sroi_outcome_arrays() gives, bit for bit. */
bool sroi_outcome_values(Interp *I, const SroiModel *m, size_t first, size_t count,
                         double *const *impact, double *const *pv);

/* The model and figure that computed v, when v is a result marked with its
 * model (interp_origin: for explain(sroi(M)),
 * explain(M.employment.present_value) and :why): *what is the built-in or
 * field ("sroi", "present_value", "impact" ...), *outcome the outcome's
 * index for a figure of an outcome, else -1. */
bool sroi_provenance(Interp *I, Value v, const SroiModel **m, const char **what, int *outcome);

/* The audit trail of outcome i, as explain(M, "name") writes it (report_compare.c). */
bool sroi_explain_outcome(Interp *I, const SroiModel *m, size_t i, StrBuf *b);

/* Outcome results as a record (M.employment). */
bool sroi_outcome_record(Interp *I, const SroiModel *m, size_t i, Value *out);

/* Summaries for display and JSON (numpy's linear-interpolation quantiles). */
double sroi_median(const double *v, size_t n); /* reads v only */
/* Quantiles ps[0..count) of v (read only, NaN-free), numpy's linear method,
 * about one pass over v for all of them (dist_order_stats). */
void sroi_quantiles(const double *v, size_t n, const double *ps, size_t count, double *out);
/* The same, returning how many samples are not missing (NaN). */
size_t sroi_quantiles_kept(const double *v, size_t n, const double *ps, size_t count, double *out);
/* The same, with the population mean and sd of v when mean is given (the
 * quantiles' pass shared with theirs: dist_order_stats_moments). */
size_t sroi_quantiles_moments(const double *v, size_t n, const double *ps, size_t count,
                              double *out, double *mean, double *sd);

/* The central value of a number or distribution. */
double sroi_central(Value v);

/* What a payback that never happens says, the same in the report and in
 * payback(M): [0] the Guide formula, [1] the year-1 values, [2] discounted. */
extern const char *const SROI_NO_PAYBACK[3];

/* D_t from the model's table; a point evaluation beyond it (sensitivity on
 * duration) computes it, to the same bits. */
static inline double sroi_year_factor(const SroiModel *m, int t)
{
    return t <= m->max_years + 1 ? m->year_factor[t] : sroi_green_book_factor(t);
}

/* Number of yearly columns an outcome fills, before the horizon cap. */
static inline int sroi_outcome_years(const SroiOutcome *o, double duration)
{
    if (o->profile) return (int)o->n_profile;
    if (!(duration > 0)) return 0;
    return (int)ceil(duration - 1e-9);
}

/* Whether item i is in a selection's mask (NULL: everything is). */
static inline bool sroi_selected(const bool *mask, size_t i)
{
    return !mask || mask[i];
}

#endif
