/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* tipping.c — tipping_points(M, target: 1) and the social IRR irr(M).
 *
 * Contract: for each parameter of a model (sroi.h's parameter API), the
 * value at which the SROI ratio reaches the target with every other
 * parameter at its central value.  Exact where the ratio is affine in the
 * parameter (quantity, proxy, deadweight, attribution, displacement:
 * docs/METHOD.md §1.7; for an input, 1/ratio is affine); otherwise (drop-off,
 * duration, discount rate) the parameter's range is scanned and each
 * crossing refined with GSL's Brent solver, keeping the one nearest the
 * current value.  irr(M) is the discount rate's tipping point for target 1;
 * for an uncertain model, a distribution of per-sample IRRs searched
 * outwards from the central IRR (a sample without one is missing). */
#include "lang/i18n.h"
#include "runtime/mem.h"
#include "runtime/disclosure.h"
#include "stdlib/uncertainty/sensitivity_common.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "stdlib/stats/summary.h"

/* ---- tipping points ------------------------------------------------------------ */

typedef struct Probe {
    const SroiModel *m;
    double *x; /* the central point, parameter j varied */
    size_t j;
    double target;
    /* Fast path for a field of one outcome: only that outcome's present
     * value changes, so ratio = (rest + PV_i(x)) / inputs_pv, O(1) per
     * evaluation; outcome < 0 evaluates the whole model. */
    int outcome;
    double rest, inputs_pv;
} Probe;

static double ratio_at(const Probe *p, double value)
{
    p->x[p->j] = value;
    if (p->outcome >= 0)
        return (p->rest + sroi_outcome_pv_point(p->m, p->x, (size_t)p->outcome)) / p->inputs_pv;
    return sroi_eval_point(p->m, p->x, SROI_RATIO);
}

static double gap(double value, void *params)
{
    const Probe *p = params;
    return ratio_at(p, value) - p->target;
}

enum { TIP_FOUND, TIP_NONE, TIP_FLAT };

/* The ratio is affine in quantity, proxy and the deflators (docs/METHOD.md §1.7):
 * two evaluations give the line, whose crossing is exact. */
static int solve_affine(Probe *p, double current, double *tip)
{
    double xa = 0, xb = current != 0 ? current : 1;
    double ra = ratio_at(p, xa), rb = ratio_at(p, xb);
    if (ra == rb) return TIP_FLAT;
    *tip = xa + (p->target - ra) * (xb - xa) / (rb - ra);
    return TIP_FOUND;
}

/* For an input, 1/ratio is affine in the input's amount. */
static int solve_input(Probe *p, double current, double *tip)
{
    double xa = current, xb = current != 0 ? 2 * current : 1;
    double ia = 1 / ratio_at(p, xa), ib = 1 / ratio_at(p, xb);
    if (ia == ib || !isfinite(ia) || !isfinite(ib)) return TIP_FLAT;
    *tip = xa + (1 / p->target - ia) * (xb - xa) / (ib - ia);
    return TIP_FOUND;
}

/* The range a parameter's tipping point is searched in: the model's range,
 * except that a discount rate may go from −99% to 10000% (the social IRR
 * of a model can be negative or very large) and a duration is capped at 100
 * years, a quantity cannot be negative and a proxy keeps its sign.  Discount rates are scanned evenly in ln(1 + r). */
static void param_range(const SroiParam *p, double central, double *lo, double *hi, bool *log_scale)
{
    *lo = p->lo;
    *hi = p->hi;
    *log_scale = false;
    if (p->kind == PARAM_DISCOUNT) {
        *lo = -0.99;
        *hi = 100.0;
        *log_scale = true;
    } else if (p->kind == PARAM_DURATION) {
        *lo = fmax(*lo, 0.0);
        *hi = fmin(*hi, 100.0);
    } else if (p->kind == PARAM_QUANTITY) {
        *lo = fmax(*lo, 0.0); /* a count of people or things */
    } else if (p->kind == PARAM_PROXY) {
        /* a proxy keeps its sign: a benefit does not turn into a harm */
        if (central > 0)
            *lo = fmax(*lo, 0.0);
        else if (central < 0)
            *hi = fmin(*hi, 0.0);
    }
}

static double scan_point(double lo, double hi, bool log_scale, int i, int steps)
{
    double f = (double)i / steps;
    if (log_scale) return exp(log1p(lo) + f * (log1p(hi) - log1p(lo))) - 1;
    return lo + f * (hi - lo);
}

static bool brent_on(gsl_function F, double a, double b, double *root)
{
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    if (!s || gsl_root_fsolver_set(s, &F, a, b) != GSL_SUCCESS) {
        if (s) gsl_root_fsolver_free(s);
        return false;
    }
    int status = GSL_CONTINUE;
    for (int iter = 0; iter < 200 && status == GSL_CONTINUE; iter++) {
        if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS) break;
        status = gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
                                        1e-13, 1e-12);
    }
    *root = gsl_root_fsolver_root(s);
    gsl_root_fsolver_free(s);
    return status == GSL_SUCCESS;
}

static bool brent(Probe *p, double a, double b, double *root)
{
    return brent_on((gsl_function){ gap, p }, a, b, root);
}

/* Scans the range for sign changes of ratio − target and refines the
 * crossing nearest the current value. */
static int solve_scan(Probe *p, const SroiParam *par, double current, double *tip)
{
    enum { STEPS = 400 };
    double lo, hi, best = NAN;
    bool log_scale;
    param_range(par, current, &lo, &hi, &log_scale);
    if (!(hi > lo)) return TIP_NONE;
    double xa = scan_point(lo, hi, log_scale, 0, STEPS), ga = gap(xa, p);
    if (ga == 0) best = xa;
    for (int i = 1; i <= STEPS; i++) {
        double xb = scan_point(lo, hi, log_scale, i, STEPS), gb = gap(xb, p), root = xb;
        bool crossing = gb == 0 || (isfinite(ga) && isfinite(gb) && (ga < 0) != (gb < 0));
        if (crossing && (gb == 0 || brent(p, xa, xb, &root)) &&
            (isnan(best) || fabs(root - current) < fabs(best - current)))
            best = root;
        xa = xb;
        ga = gb;
    }
    if (isnan(best)) return TIP_NONE;
    *tip = best;
    return TIP_FOUND;
}

static int tipping_value(Probe *p, const SroiParam *par, double current, double *tip)
{
    int r;
    switch (par->kind) {
    case PARAM_QUANTITY:
    case PARAM_PROXY:
    case PARAM_DEADWEIGHT:
    case PARAM_ATTRIBUTION:
    case PARAM_DISPLACEMENT: r = solve_affine(p, current, tip); break;
    case PARAM_INPUT: r = solve_input(p, current, tip); break;
    default: r = solve_scan(p, par, current, tip); break;
    }
    double lo, hi;
    bool log_scale;
    param_range(par, current, &lo, &hi, &log_scale);
    if (r == TIP_FOUND && !(*tip >= lo && *tip <= hi)) r = TIP_NONE;
    return r;
}

static bool target_arg(Interp *I, const CallArgs *a, double *target)
{
    *target = 1;
    if (!sens_named_number(I, a, "target", target)) return false;
    if (!(*target > 0)) {
        rt_raise(I, a->loc, _("%s: target must be a positive ratio, got %g"), a->reg->signature,
                 *target);
        return rt_hint(I, _("target: 1 asks where the SROI ratio falls to 1:1"));
    }
    return true;
}

typedef struct TipRows {
    char **names, **current, **tip, **change;
    double *tip_value, *relative;
} TipRows;

static Value tip_table(TipRows *t, size_t k)
{
    Value table = value_table_new(6);
    /* rows are model parameters, not people: no small-group threshold */
    disclosure_mark_public(table);
    table_add_column(table, "parameter", sens_text_column(t->names, k));
    table_add_column(table, "current", sens_text_column(t->current, k));
    table_add_column(table, "tipping_point", sens_text_column(t->tip, k));
    table_add_column(table, "change", sens_text_column(t->change, k));
    table_add_column(table, "tipping_value", sens_number_column(t->tip_value, k));
    table_add_column(table, "relative_change", sens_number_column(t->relative, k));
    return table;
}

/* How a row shows the values of what it moves (a field or an assumption). */
typedef char *(*TipText)(Interp *I, const void *what, double x);

/* Row j of the table, the same for a field and for an assumption. */
static void fill_row(Interp *I, TipRows *t, size_t j, const char *name, TipText text,
                     const void *what, double current, int found, double tip)
{
    t->names[j] = strdup(name);
    t->current[j] = text(I, what, current);
    if (found == TIP_FOUND) {
        t->tip[j] = text(I, what, tip);
        t->tip_value[j] = tip;
        t->relative[j] = current != 0 ? (tip - current) / fabs(current) : NAN;
        t->change[j] = current != 0 ? sens_percent_text(I, t->relative[j]) : strdup(_("from 0"));
    } else {
        t->tip[j] = strdup(found == TIP_FLAT ? _("none: the ratio does not depend on it")
                                             : _("none in range"));
        t->change[j] = strdup("-");
        t->tip_value[j] = t->relative[j] = NAN;
    }
}

static char *param_text(Interp *I, const void *par, double x)
{
    return sens_param_text(I, par, x);
}

static void tip_row(Interp *I, TipRows *t, size_t j, const SroiParam *par, double current,
                    int found, double tip)
{
    fill_row(I, t, j, par->name, param_text, par, current, found, tip);
}

/* ---- tipping points of named assumptions ------------------------------------- */

/* The ratio of M with { assumption i = x } against the target: the model is
 * built again at each trial value (every field that reads the assumption
 * moves), so the search scans the assumption's range in few steps. */
typedef struct AssumeProbe {
    Interp *I;
    const SroiModel *m;
    size_t i;
    Value proto; /* the assumption's value: its unit and percent flag */
    SrcLoc loc;
    double target;
} AssumeProbe;

static double assume_gap(double x, void *ctx)
{
    AssumeProbe *p = ctx;
    Value v = p->proto;
    v.kind = V_NUM;
    v.as.num = x;
    double ratio;
    if (!sroi_point_with_assumption(p->I, p->m, p->i, v, p->loc, SROI_RATIO, &ratio)) {
        interp_clear_error(p->I); /* a value the model refuses: no crossing there */
        return NAN;
    }
    return ratio - p->target;
}

/* Where an assumption may be searched: a share within 0..100%, a time up
 * to 100 years, a money or a number between 0 and 10 times its value (its
 * sign kept). */
static void assume_range(Interp *I, Value v, double current, double *lo, double *hi)
{
    if (v.flags & VF_PERCENT) {
        *lo = 0;
        *hi = 1;
    } else if (dim_equal(v.dim, dim_time(I))) {
        *lo = 1.0 / 365;
        *hi = 100;
    } else {
        double far = current != 0 ? 10 * current : 1e6;
        *lo = fmin(0, far);
        *hi = fmax(0, far);
    }
}

static int assume_tipping(AssumeProbe *p, double current, double *tip)
{
    enum { STEPS = 100 };
    double lo, hi, best = NAN;
    assume_range(p->I, p->proto, current, &lo, &hi);
    double xa = lo, ga = assume_gap(xa, p);
    bool varies = false;
    double first = ga;
    if (ga == 0) best = xa;
    for (int k = 1; k <= STEPS; k++) {
        double xb = lo + (hi - lo) * k / STEPS, gb = assume_gap(xb, p), root = xb;
        if (isfinite(gb) && isfinite(first) && gb != first) varies = true;
        bool crossing = gb == 0 || (isfinite(ga) && isfinite(gb) && (ga < 0) != (gb < 0));
        if (crossing && (gb == 0 || brent_on((gsl_function){ assume_gap, p }, xa, xb, &root)) &&
            (isnan(best) || fabs(root - current) < fabs(best - current)))
            best = root;
        xa = xb;
        ga = gb;
    }
    if (isnan(best)) return varies ? TIP_NONE : TIP_FLAT;
    *tip = best;
    return TIP_FOUND;
}

/* x shown like the assumption's own value (its unit, a percentage) */
static char *assume_text(Interp *I, const void *proto_value, double x)
{
    const Value proto = *(const Value *)proto_value;
    Value v = value_num_dim(x, proto.dim);
    v.flags = proto.flags & VF_PERCENT;
    v.unit_hint = proto.unit_hint;
    StrBuf b;
    sb_init(&b);
    value_format(I, v, &b);
    return sb_take(&b);
}

/* Row j for assumption i. */
static void assume_row(Interp *I, const SroiModel *m, size_t i, double target, SrcLoc loc,
                       TipRows *t, size_t j)
{
    const DeclAssume *a = sroi_assumption(m, i);
    Value proto = a->value;
    double current = proto.as.num;
    size_t used;
    double *owned = NULL; /* drawn on demand: read, not kept */
    if (proto.kind == V_DIST &&
        !summary_median(dist_borrow(as_dist(proto), &owned), as_dist(proto)->n, &current, &used))
        current = NAN;
    free(owned);
    AssumeProbe p = { I, m, i, proto, loc, target };
    double tip = NAN;
    int found = assume_tipping(&p, current, &tip);
    fill_row(I, t, j, a->name, assume_text, &proto, current, found, tip);
}

bool sens_tipping_points(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    const SroiParam *ps;
    double target;
    if (!sens_model_arg(I, a, &m) || !sens_check_names(I, a, "target") ||
        !target_arg(I, a, &target))
        return false;
    size_t k = sroi_params(m, &ps), n1 = k + sroi_assumption_count(m) + 1;
    double *centre = malloc(n1 * sizeof *centre), *x = malloc(n1 * sizeof *x);
    TipRows t = { calloc(n1, sizeof(char *)),  calloc(n1, sizeof(char *)),
                  calloc(n1, sizeof(char *)),  calloc(n1, sizeof(char *)),
                  malloc(n1 * sizeof(double)), malloc(n1 * sizeof(double)) };
    sroi_central_point(m, centre);
    /* The present value of each outcome and the totals at the centre, once:
     * each outcome parameter then needs only its own outcome (linear in the
     * number of outcomes, not quadratic). */
    size_t n_out = 0;
    for (size_t j = 0; j < k; j++)
        if (ps[j].outcome >= 0 && (size_t)ps[j].outcome + 1 > n_out)
            n_out = (size_t)ps[j].outcome + 1;
    double *opv = malloc((n_out ? n_out : 1) * sizeof *opv), pv = 0, inputs_pv = 0;
    if (k) sroi_point_totals(m, centre, &pv, &inputs_pv);
    for (size_t i = 0; i < n_out; i++) opv[i] = sroi_outcome_pv_point(m, centre, i);
    memcpy(x, centre, k * sizeof *x);
    size_t rows = 0;
    for (size_t j = 0; j < k; j++) {
        /* x equals centre except where the previous parameter was probed */
        if (j > 0) x[j - 1] = centre[j - 1];
        if (sroi_param_assumed(m, j)) continue; /* its assumption's row moves it */
        int o = ps[j].outcome;
        Probe p = { m, x, j, target, o, o >= 0 ? pv - opv[o] : 0, inputs_pv };
        double tip = NAN;
        int found = tipping_value(&p, &ps[j], centre[j], &tip);
        tip_row(I, &t, rows++, &ps[j], centre[j], found, tip);
    }
    for (size_t i = 0; i < sroi_assumption_count(m); i++)
        if (sroi_assumption_used(m, i)) assume_row(I, m, i, target, a->loc, &t, rows++);
    k = rows;
    *out = tip_table(&t, k);
    sens_free_texts(t.names, k);
    sens_free_texts(t.current, k);
    sens_free_texts(t.tip, k);
    sens_free_texts(t.change, k);
    free(t.tip_value);
    free(t.relative);
    free(centre);
    free(x);
    free(opv);
    return true;
}

/* ---- social IRR ---------------------------------------------------------------- */

/* The crossing of ratio = 1 nearest r0 for one Monte Carlo sample: steps
 * outwards from r0 in ln(1 + r), doubling the step, until the sign changes,
 * then refines with Brent.  NaN when no rate in −99%..10000% gives 1:1. */
static double irr_near(Probe *p, double r0)
{
    const double ulo = log1p(-0.99), uhi = log1p(100.0);
    double u0 = log1p(r0), g0 = gap(r0, p);
    if (g0 == 0) return r0;
    double in_lo = u0, in_hi = u0, g_lo = g0, g_hi = g0, root;
    for (double h = 0.01; in_lo > ulo || in_hi < uhi; h *= 2) {
        double u_lo = fmax(u0 - h, ulo), u_hi = fmin(u0 + h, uhi);
        double ga = gap(expm1(u_lo), p), gb = gap(expm1(u_hi), p);
        if (isfinite(ga) && isfinite(g_lo) && (ga < 0) != (g_lo < 0))
            return brent(p, expm1(u_lo), expm1(in_lo), &root) ? root : NAN;
        if (isfinite(gb) && isfinite(g_hi) && (gb < 0) != (g_hi < 0))
            return brent(p, expm1(in_hi), expm1(u_hi), &root) ? root : NAN;
        in_lo = u_lo, g_lo = ga, in_hi = u_hi, g_hi = gb;
    }
    return NAN;
}

/* The IRR of each Monte Carlo sample: every parameter takes its value in
 * that sample.  Samples are independent, so the loop is parallel and its
 * result does not depend on the number of threads. */
static bool irr_samples(Interp *I, const SroiModel *m, size_t j, double r0, SrcLoc loc, Value *out)
{
    const SroiParam *ps;
    size_t k = sroi_params(m, &ps), n = sroi_sample_count(m);
    Value v = value_dist_new(n);
    double *res = as_dist(v)->stored;
    /* every sample of every parameter, drawn before the threads start */
    const double **cols = xcalloc(k ? k : 1, sizeof *cols);
    for (size_t i = 0; i < k; i++)
        if (ps[i].value.kind == V_DIST && as_dist(ps[i].value)->n == n)
            cols[i] = dist_samples(as_dist(ps[i].value));
    bool failed = false;
#pragma omp parallel
    {
        double *x = malloc(k * sizeof *x);
        if (!x) {
#pragma omp atomic write
            failed = true;
        }
#pragma omp for schedule(dynamic, 256)
        for (size_t s = 0; s < n; s++) {
            if (!x) continue;
            for (size_t i = 0; i < k; i++) {
                Value pv = ps[i].value;
                x[i] = cols[i] ? cols[i][s] : pv.kind == V_NUM ? pv.as.num : NAN;
            }
            Probe p = { m, x, j, 1.0, -1, 0, 0 };
            res[s] = irr_near(&p, r0);
        }
        free(x);
    }
    free(cols);
    if (failed) {
        value_release(v);
        return rt_raise(I, loc, _("irr(M): out of memory"));
    }
    v.flags = VF_PERCENT;
    *out = v;
    return true;
}

bool sens_irr(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    const SroiParam *ps;
    if (!sens_model_arg(I, a, &m) || !sens_check_names(I, a, NULL)) return false;
    size_t k = sroi_params(m, &ps), j = k;
    for (size_t i = 0; i < k; i++)
        if (ps[i].kind == PARAM_DISCOUNT) j = i;
    if (j == k)
        return rt_raise(I, a->loc, _("irr(M): model '%s' has no discount rate to solve for"),
                        sroi_model_name(m));
    if (sroi_fixed_schedule(m))
        return rt_raise(I, a->loc,
                        _("irr(M): model '%s' discounts by the Green Book's declining schedule, "
                          "which fixes every year's rate: there is no single rate to solve for"),
                        sroi_model_name(m)) ||
            rt_hint(I,
                    _("compute irr(M with { discounting = \"guide\" }): the rate r at which PV = "
                      "inputs"));
    double *x = malloc(k * sizeof *x), tip = NAN;
    sroi_central_point(m, x);
    Probe p = { m, x, j, 1.0, -1, 0, 0 };
    int found = solve_scan(&p, &ps[j], x[j], &tip);
    free(x);
    if (found != TIP_FOUND) {
        rt_raise(I, a->loc,
                 _("irr(M): no discount rate between -99%% and 10000%% makes the present value of "
                   "model '%s' equal its inputs"),
                 sroi_model_name(m));
        return rt_hint(
            I, _("a social IRR exists only when the ratio crosses 1:1 as the rate changes"));
    }
    if (sroi_sample_count(m) > 0) return irr_samples(I, m, j, tip, a->loc, out);
    *out = value_percent(tip);
    return true;
}
