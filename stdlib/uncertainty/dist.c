/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* dist.c — distribution constructors, P() and summary().  See dist.h for
 * the contract; the sampling itself is in rng.c, the array statistics in
 * dist_stats.c and the display in dist_display.c.  Every constructor
 * validates its parameters and raises a located error naming the function,
 * the parameter and the value it got. */
#include "stdlib/uncertainty/dist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/disclosure.h"
#include "stdlib/stdlib.h"
#include "stdlib/uncertainty/dist_drawn.h"

/* z such that P(Z < z) = 95%: a 90% interval is mean ± Z95 sd. */
#define Z95 1.6448536269514722

/* ---- drawing ------------------------------------------------------------------ */

bool dist_draw(Interp *I, const Sampler *s, Dim dim, uint8_t flags, uint16_t unit_hint, SrcLoc loc,
               Value *out)
{
    Settings *set = interp_settings(I);
    if (set->samples == 0) {
        rt_raise(I, loc, _("the sample count is 0, so no distribution can be drawn"));
        return rt_hint(I, _("run with --samples N, N at least 1 (the default is 10000)"));
    }
    uint64_t stream = rng_stream(set->seed, interp_binding_name(I), interp_next_draw_index(I));
    Value v;
    size_t not_finite = 0;
    bool drawn = false;
    if (set->samples > dist_store_limit(set) && dist_drawn_eligible(s)) {
        /* many samples: drawn again wherever they are read (dist_drawn.c) */
        drawn = dist_drawn_new(s, stream, set->samples, set->threads, &v, &not_finite);
    } else {
        v = value_dist_new(set->samples);
        drawn = rng_fill(s, stream, as_dist(v)->stored, set->samples, set->threads);
        if (!drawn) value_release(v);
        for (size_t i = 0; drawn && i < set->samples; i++)
            not_finite += !isfinite(as_dist(v)->stored[i]);
    }
    if (!drawn) return rt_raise(I, loc, _("out of memory while drawing %zu samples"), set->samples);
    /* Parameters at the edge of a double (beta(0.5, 1e308)) make the
     * sampler return no numbers: a located error, not a distribution of
     * missing values. */
    if (not_finite > 0) {
        value_release(v);
        rt_raise(I, loc,
                 _("these parameters are too extreme to draw from: %zu of %zu draws are not "
                   "numbers"),
                 not_finite, set->samples);
        return rt_hint(I, "%s",
                       _("use parameters of a reasonable size (a shape of 1e308 describes no real "
                         "quantity)"));
    }
    v.dim = dim;
    v.flags = flags;
    v.unit_hint = unit_hint;
    *out = v;
    return true;
}

/* ---- arguments ------------------------------------------------------------------ */

/* One numeric parameter as found in a call. */
typedef struct NumArg {
    const char *name; /* parameter name used in messages */
    bool given;
    Value v; /* borrowed */
    SrcLoc loc;
} NumArg;

static const char *sig(const CallArgs *a)
{
    return a->reg && a->reg->signature ? a->reg->signature : "this function";
}

/* Finds a parameter: the named argument `name`, else positional index i
 * (i < 0: only by name). */
static bool find_arg(const CallArgs *a, int i, const char *name, Value *v, SrcLoc *loc)
{
    if (name && arg_named(a, name, v, loc)) return true;
    if (i >= 0 && (size_t)i < a->npos) {
        *v = a->pos[i];
        *loc = a->pos_loc ? a->pos_loc[i] : a->loc;
        return true;
    }
    return false;
}

/* Rejects named arguments not in the NULL-terminated list `allowed`. */
static bool check_names(Interp *I, const CallArgs *a, const char *const *allowed)
{
    for (size_t k = 0; k < a->nnamed; k++) {
        bool ok = false;
        for (const char *const *p = allowed; *p && !ok; p++) ok = strcmp(*p, a->names[k]) == 0;
        if (ok) continue;
        StrBuf list;
        sb_init(&list);
        for (const char *const *p = allowed; *p; p++)
            sb_printf(&list, "%s%s", p == allowed ? "" : ", ", *p);
        rt_raise(I, a->named_loc[k], _("%s: unknown argument '%s'"), sig(a), a->names[k]);
        rt_hint(I, _("the arguments it accepts are: %s"), list.len ? list.data : "none by name");
        sb_free(&list);
        return false;
    }
    return true;
}

static bool check_positional(Interp *I, const CallArgs *a, size_t max)
{
    if (a->npos <= max) return true;
    return rt_raise(I, arg_loc(a, max), _("%s: too many values (%zu given, at most %zu)"), sig(a),
                    a->npos, max);
}

/* Raises "SIG: NAME must be ..., got VALUE" at the parameter. */
static bool bad_param(Interp *I, const CallArgs *a, const NumArg *p, const char *must)
{
    StrBuf got;
    sb_init(&got);
    value_format(I, p->v, &got);
    rt_raise(I, p->loc, _("%s: %s must be %s, got %s"), sig(a), p->name, _(must),
             got.data ? got.data : "");
    sb_free(&got);
    return false;
}

static bool get_num(Interp *I, const CallArgs *a, int i, const char *name, NumArg *p, bool required)
{
    p->name = name;
    p->given = find_arg(a, i, name, &p->v, &p->loc);
    if (!p->given) {
        if (!required) return true;
        rt_raise(I, a->loc, _("%s: the value of %s is missing"), sig(a), name);
        return rt_hint(I, _("write it as %s"), sig(a));
    }
    if (p->v.kind == V_NUM) {
        if (isfinite(p->v.as.num)) return true;
        return bad_param(I, a, p, N_("a finite number"));
    }
    if (p->v.kind == V_DIST) {
        rt_raise(I, p->loc, _("%s: %s must be a plain number, not a distribution"), sig(a), name);
        return rt_hint(I, _("use the central value of the uncertain parameter, e.g. median(x)"));
    }
    if (!disclosure_allows_use(I, p->v, p->loc)) return false; /* a suppressed figure: why */
    return rt_raise(I, p->loc, _("%s: %s must be a number, got %s"), sig(a), name,
                    value_kind_name(p->v));
}

static double num(const NumArg *p)
{
    return p->v.as.num;
}

/* A readable name of a unit for messages: "EUR", "year", "a plain number". */
static void unit_words(Interp *I, Dim d, StrBuf *out)
{
    if (dim_is_none(d)) {
        sb_append(out, _("a plain number"));
        return;
    }
    StrBuf unit;
    sb_init(&unit);
    dim_format(I, d, &unit);
    sb_printf(out, _("in %s"), unit.data);
    sb_free(&unit);
}

/* The values of a distribution's location parameters must share a unit,
 * which becomes the samples' unit; a percentage among them makes the samples
 * print as percentages. */
static bool common_unit(Interp *I, const CallArgs *a, NumArg *const *ps, size_t k, Value *like)
{
    const NumArg *first = NULL;
    for (size_t i = 0; i < k; i++) {
        if (!ps[i]->given) continue;
        if (!first) {
            first = ps[i];
            *like = ps[i]->v;
            continue;
        }
        if (!dim_equal(first->v.dim, ps[i]->v.dim)) {
            StrBuf u1, u2;
            sb_init(&u1);
            sb_init(&u2);
            unit_words(I, first->v.dim, &u1);
            unit_words(I, ps[i]->v.dim, &u2);
            rt_raise(I, ps[i]->loc, _("%s: %s is %s but %s is %s"), sig(a), first->name, u1.data,
                     ps[i]->name, u2.data);
            sb_free(&u1);
            sb_free(&u2);
            return rt_hint(I,
                           _("give every value in the same unit: all in EUR, all in years, or all "
                             "plain numbers"));
        }
        like->flags |= ps[i]->v.flags & VF_PERCENT;
    }
    if (!first) *like = value_num(0);
    return true;
}

static bool plain_number(Interp *I, const CallArgs *a, const NumArg *p)
{
    if (!p->given || dim_is_none(p->v.dim)) return true;
    return bad_param(I, a, p, N_("a plain number (no unit)"));
}

static bool draw_like(Interp *I, const CallArgs *a, const Sampler *s, Value like, Value *out)
{
    return dist_draw(I, s, like.dim, like.flags & VF_PERCENT, like.unit_hint, a->loc, out);
}

/* p5/lo and p95/hi, the two ends of a 90% interval: 0 when neither is given,
 * 1 when both are, -1 after an error. */
static int interval_args(Interp *I, const CallArgs *a, NumArg *lo, NumArg *hi)
{
    NumArg l2, h2;
    if (!get_num(I, a, -1, "p5", lo, false) || !get_num(I, a, -1, "lo", &l2, false) ||
        !get_num(I, a, -1, "p95", hi, false) || !get_num(I, a, -1, "hi", &h2, false))
        return -1;
    if (!lo->given && l2.given) *lo = l2;
    if (!hi->given && h2.given) *hi = h2;
    if (!lo->given && !hi->given) return 0;
    if (!lo->given || !hi->given) {
        rt_raise(I, a->loc, _("%s: a 90%% interval needs both ends, p5 (or lo) and p95 (or hi)"),
                 sig(a));
        rt_hint(I, _("write for example %s(p5: 80, p95: 120)"), a->reg ? a->reg->name : "normal");
        return -1;
    }
    return 1;
}

/* ---- constructors ---------------------------------------------------------------- */

static bool bi_uniform(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "a", "b", NULL };
    NumArg lo, hi;
    Value like;
    if (!check_names(I, a, names) || !check_positional(I, a, 2) ||
        !get_num(I, a, 0, "a", &lo, true) || !get_num(I, a, 1, "b", &hi, true) ||
        !common_unit(I, a, (NumArg *[]){ &lo, &hi }, 2, &like))
        return false;
    if (!(num(&hi) > num(&lo))) return bad_param(I, a, &hi, N_("greater than a"));
    if (!isfinite(num(&hi) - num(&lo))) return bad_param(I, a, &hi, N_("within 1e308 of a"));
    Sampler s = { .kind = SAMPLER_UNIFORM, .a = num(&lo), .b = num(&hi) };
    return draw_like(I, a, &s, like, out);
}

/* normal with a 90% interval lo..hi (also used by `to`). */
static bool normal_from_interval(Interp *I, const CallArgs *a, NumArg *lo, NumArg *hi, Value *out)
{
    Value like;
    if (!common_unit(I, a, (NumArg *[]){ lo, hi }, 2, &like)) return false;
    if (!(num(hi) > num(lo)))
        return bad_param(I, a, hi, N_("greater than the low end of the interval"));
    if (!isfinite(num(hi) - num(lo))) return bad_param(I, a, hi, N_("within 1e308 of the low end"));
    Sampler s = { .kind = SAMPLER_NORMAL,
                  .a = (num(lo) + num(hi)) / 2,
                  .b = (num(hi) - num(lo)) / (2 * Z95) };
    return draw_like(I, a, &s, like, out);
}

/* The interval form (p5:, p95:) must come alone: not with positional values
 * nor with the other form's parameters p and q by name; false with
 * `message` (its one %s: the signature) raised otherwise. */
static bool interval_alone(Interp *I, const CallArgs *a, const char *p, const char *q,
                           const char *message)
{
    if (a->npos == 0 && !arg_named(a, p, NULL, NULL) && !arg_named(a, q, NULL, NULL)) return true;
    return rt_raise(I, a->loc, message, sig(a));
}

static bool bi_normal(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "mean", "sd", "p5", "p95", "lo", "hi", NULL };
    NumArg mean, sd, lo, hi;
    if (!check_names(I, a, names) || !check_positional(I, a, 2)) return false;
    int form = interval_args(I, a, &lo, &hi);
    if (form < 0) return false;
    if (form == 1)
        return interval_alone(I, a, "mean", "sd",
                              _("%s: give either mean and sd or p5 and p95, not both")) &&
            normal_from_interval(I, a, &lo, &hi, out);
    Value like;
    if (!get_num(I, a, 0, "mean", &mean, true) || !get_num(I, a, 1, "sd", &sd, true) ||
        !common_unit(I, a, (NumArg *[]){ &mean, &sd }, 2, &like))
        return false;
    if (!(num(&sd) > 0)) return bad_param(I, a, &sd, N_("positive"));
    Sampler s = { .kind = SAMPLER_NORMAL, .a = num(&mean), .b = num(&sd) };
    return draw_like(I, a, &s, like, out);
}

/* lognormal whose 90% interval is lo..hi, 0 < lo < hi (also used by `to`). */
static bool lognormal_from_interval(Interp *I, const CallArgs *a, NumArg *lo, NumArg *hi,
                                    Value *out)
{
    Value like;
    if (!common_unit(I, a, (NumArg *[]){ lo, hi }, 2, &like)) return false;
    if (!(num(lo) > 0))
        return bad_param(I, a, lo, N_("positive (a lognormal takes only positive values)"));
    if (!(num(hi) > num(lo)))
        return bad_param(I, a, hi, N_("greater than the low end of the interval"));
    double l = log(num(lo)), h = log(num(hi));
    Sampler s = { .kind = SAMPLER_LOGNORMAL, .a = (l + h) / 2, .b = (h - l) / (2 * Z95) };
    return draw_like(I, a, &s, like, out);
}

static bool lognormal_from_median(Interp *I, const CallArgs *a, NumArg *med, NumArg *hi, Value *out)
{
    Value like;
    if (!common_unit(I, a, (NumArg *[]){ med, hi }, 2, &like)) return false;
    if (!(num(med) > 0))
        return bad_param(I, a, med, N_("positive (a lognormal takes only positive values)"));
    if (!(num(hi) > num(med))) return bad_param(I, a, hi, N_("greater than the median"));
    Sampler s = { .kind = SAMPLER_LOGNORMAL,
                  .a = log(num(med)),
                  .b = log(num(hi) / num(med)) / Z95 };
    return draw_like(I, a, &s, like, out);
}

static bool bi_lognormal(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "mu", "sigma", "median", "p5", "p95", "lo", "hi", NULL };
    NumArg mu, sigma, med, lo, hi;
    if (!check_names(I, a, names) || !check_positional(I, a, 2) ||
        !get_num(I, a, -1, "median", &med, false))
        return false;
    if (med.given) {
        NumArg low, h2;
        if (!get_num(I, a, -1, "p5", &low, false) || !get_num(I, a, -1, "p95", &hi, false) ||
            !get_num(I, a, -1, "hi", &h2, false))
            return false;
        if (!hi.given) hi = h2;
        Value other;
        SrcLoc where;
        if (a->npos > 0 || low.given || !hi.given || arg_named(a, "mu", &other, &where) ||
            arg_named(a, "sigma", &other, &where)) {
            rt_raise(I, a->loc, _("%s: with a median, give p95 and nothing else"), sig(a));
            return rt_hint(I, _("write for example lognormal(median: 9000 EUR, p95: 13500 EUR)"));
        }
        return lognormal_from_median(I, a, &med, &hi, out);
    }
    int form = interval_args(I, a, &lo, &hi);
    if (form < 0) return false;
    if (form == 1)
        return interval_alone(
                   I, a, "mu", "sigma",
                   _("%s: give either mu and sigma, or median and p95, or p5 and p95")) &&
            lognormal_from_interval(I, a, &lo, &hi, out);
    if (!get_num(I, a, 0, "mu", &mu, true) || !get_num(I, a, 1, "sigma", &sigma, true) ||
        !plain_number(I, a, &mu) || !plain_number(I, a, &sigma))
        return false;
    if (!(num(&sigma) > 0)) return bad_param(I, a, &sigma, N_("positive"));
    Sampler s = { .kind = SAMPLER_LOGNORMAL, .a = num(&mu), .b = num(&sigma) };
    return dist_draw(I, &s, (Dim){ { 0 } }, 0, 0, a->loc, out);
}

/* The parameters of a distribution of one form, written in the order of the
 * NULL-terminated names (the only names it accepts, and as many values as
 * it takes by position), each required: into p[0], p[1]...  False with a
 * located error. */
static bool required_params(Interp *I, const CallArgs *a, const char *const *names, NumArg *p)
{
    size_t k = 0;
    while (names[k]) k++;
    if (!check_names(I, a, names) || !check_positional(I, a, k)) return false;
    for (size_t i = 0; i < k; i++)
        if (!get_num(I, a, (int)i, names[i], &p[i], true)) return false;
    return true;
}

/* The two parameters of beta(a, b) and gamma(shape, scale): each positive,
 * the first a plain number, the second too when both_plain (a gamma's scale
 * may carry the unit of its values). */
static bool positive_pair(Interp *I, const CallArgs *a, const char *const *names, bool both_plain,
                          NumArg pq[2])
{
    NumArg *p = &pq[0], *q = &pq[1];
    if (!required_params(I, a, names, pq) || !plain_number(I, a, p) ||
        (both_plain && !plain_number(I, a, q)))
        return false;
    if (!(num(p) > 0)) return bad_param(I, a, p, N_("positive"));
    if (!(num(q) > 0)) return bad_param(I, a, q, N_("positive"));
    return true;
}

static bool bi_beta(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "a", "b", NULL };
    NumArg ab[2];
    if (!positive_pair(I, a, names, true, ab)) return false;
    Sampler s = { .kind = SAMPLER_BETA, .a = num(&ab[0]), .b = num(&ab[1]) };
    return dist_draw(I, &s, (Dim){ { 0 } }, 0, 0, a->loc, out);
}

static bool bi_gamma(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "shape", "scale", NULL };
    NumArg p[2]; /* shape, scale */
    if (!positive_pair(I, a, names, false, p)) return false;
    Sampler s = { .kind = SAMPLER_GAMMA, .a = num(&p[0]), .b = num(&p[1]) };
    return draw_like(I, a, &s, p[1].v, out);
}

/* triangular and pert share their parameters (low, mode, high): one
 * built-in, the sampler its variant (dist.def). */
static bool three_point(Interp *I, const CallArgs *a, Value *out)
{
    SamplerKind kind = (SamplerKind)a->reg->variant;
    static const char *const names[] = { "a", "m", "b", NULL };
    NumArg p[3];
    NumArg *lo = &p[0], *mode = &p[1], *hi = &p[2];
    Value like;
    if (!required_params(I, a, names, p) ||
        !common_unit(I, a, (NumArg *[]){ lo, mode, hi }, 3, &like))
        return false;
    if (!(num(hi) > num(lo))) return bad_param(I, a, hi, N_("greater than a (the lowest value)"));
    if (!isfinite(num(hi) - num(lo))) return bad_param(I, a, hi, N_("within 1e308 of a"));
    if (!(num(mode) >= num(lo) && num(mode) <= num(hi)))
        return bad_param(I, a, mode, N_("between a and b (it is the most likely value)"));
    Sampler s = { .kind = kind, .a = num(lo), .b = num(hi), .c = num(mode) };
    return draw_like(I, a, &s, like, out);
}

static bool probability_param(Interp *I, const CallArgs *a, NumArg *p)
{
    if (!plain_number(I, a, p)) return false;
    if (!(num(p) >= 0 && num(p) <= 1))
        return bad_param(I, a, p, N_("a probability between 0% and 100%"));
    return true;
}

static bool bi_bernoulli(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "p", NULL };
    NumArg p;
    if (!required_params(I, a, names, &p) || !probability_param(I, a, &p)) return false;
    Sampler s = { .kind = SAMPLER_BERNOULLI, .a = num(&p) };
    return dist_draw(I, &s, (Dim){ { 0 } }, VF_BOOLDIST, 0, a->loc, out);
}

static bool bi_poisson(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "lambda", NULL };
    NumArg lambda;
    if (!required_params(I, a, names, &lambda) || !plain_number(I, a, &lambda)) return false;
    if (!(num(&lambda) > 0 && num(&lambda) < 1e9))
        return bad_param(I, a, &lambda, N_("a positive mean count (below 1e9)"));
    Sampler s = { .kind = SAMPLER_POISSON, .a = num(&lambda) };
    return dist_draw(I, &s, (Dim){ { 0 } }, 0, 0, a->loc, out);
}

static bool bi_binomial(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "n", "p", NULL };
    NumArg np[2];
    NumArg *trials = &np[0], *p = &np[1];
    if (!required_params(I, a, names, np) || !plain_number(I, a, trials) ||
        !probability_param(I, a, p))
        return false;
    double n = num(trials);
    if (!(n >= 0 && n <= 4e9 && n == floor(n)))
        return bad_param(I, a, trials, N_("a whole number of trials, 0 or more"));
    Sampler s = { .kind = SAMPLER_BINOMIAL, .a = n, .b = num(p) };
    return dist_draw(I, &s, (Dim){ { 0 } }, 0, 0, a->loc, out);
}

/* ---- discrete, empirical and mixtures ------------------------------------------ */

/* Reads a list of numbers sharing one unit into a malloc'ed array. */
static bool number_list(Interp *I, const CallArgs *a, Value list, SrcLoc loc, const char *what,
                        double **out, size_t *n, Value *like)
{
    if (list.kind != V_LIST)
        return rt_raise(I, loc, _("%s: %s must be a list of numbers such as [10, 20, 30], got %s"),
                        sig(a), what, value_kind_name(list));
    ListObj *l = as_list(list);
    if (l->n == 0) return rt_raise(I, loc, _("%s: %s is an empty list"), sig(a), what);
    double *x = malloc(l->n * sizeof *x);
    if (!x) return rt_raise(I, loc, _("out of memory"));
    for (size_t i = 0; i < l->n; i++) {
        Value v = l->items[i];
        if (v.kind != V_NUM || !isfinite(v.as.num) ||
            (i > 0 && !dim_equal(v.dim, l->items[0].dim))) {
            free(x);
            return rt_raise(
                I, loc,
                _("%s: item %zu of %s must be a number in the same unit as the first, got %s"),
                sig(a), i + 1, what, value_kind_name(v));
        }
        x[i] = v.as.num;
    }
    *like = l->items[0];
    *out = x;
    *n = l->n;
    return true;
}

/* Optional weights: k non-negative numbers, not all zero; default equal. */
static bool weights_arg(Interp *I, const CallArgs *a, size_t k, double **out)
{
    Value w;
    SrcLoc loc;
    if (!arg_named(a, "weights", &w, &loc)) {
        double *eq = malloc(k * sizeof *eq);
        if (!eq) return rt_raise(I, a->loc, _("out of memory"));
        for (size_t i = 0; i < k; i++) eq[i] = 1;
        *out = eq;
        return true;
    }
    double *x;
    size_t n;
    Value like;
    if (!number_list(I, a, w, loc, "weights", &x, &n, &like)) return false;
    double total = 0;
    bool ok = n == k && dim_is_none(like.dim);
    for (size_t i = 0; ok && i < n; i++) {
        ok = x[i] >= 0;
        total += x[i];
    }
    if (!ok || !(total > 0)) {
        free(x);
        rt_raise(
            I, loc,
            _("%s: weights must be %zu plain numbers, 0 or more and not all 0 (one per value)"),
            sig(a), k);
        return rt_hint(I, _("weights need not add up to 1: [1, 2, 1] means 25%%, 50%%, 25%%"));
    }
    *out = x;
    return true;
}

static bool bi_choice(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "values", "weights", NULL };
    Value list, like;
    SrcLoc loc;
    double *values, *weights;
    size_t n;
    if (!check_names(I, a, names) || !check_positional(I, a, 1)) return false;
    if (!find_arg(a, 0, "values", &list, &loc))
        return rt_raise(I, a->loc, _("%s: the list of values is missing"), sig(a));
    if (!number_list(I, a, list, loc, "values", &values, &n, &like)) return false;
    if (!weights_arg(I, a, n, &weights)) {
        free(values);
        return false;
    }
    Sampler s = { .kind = SAMPLER_DISCRETE, .values = values, .weights = weights, .n_values = n };
    bool ok = draw_like(I, a, &s, like, out);
    free(values);
    free(weights);
    return ok;
}

/* The non-missing numbers of a column, list or distribution, to resample. */
static bool empirical_values(Interp *I, const CallArgs *a, Value x, SrcLoc loc, double **out,
                             size_t *n, Value *like)
{
    if (x.kind == V_LIST) return number_list(I, a, x, loc, "the data", out, n, like);
    const double *src = NULL;
    size_t len = 0;
    if (x.kind == V_COLUMN && as_column(x)->type == COL_NUM) {
        src = as_column(x)->num;
        len = as_column(x)->n;
    } else if (x.kind == V_DIST) {
        src = dist_samples(as_dist(x));
        len = as_dist(x)->n;
    } else {
        return rt_raise(
            I, loc,
            _("%s: expects a column of numbers, a list of numbers or a distribution, got %s"),
            sig(a), value_kind_name(x));
    }
    double *vals = malloc((len ? len : 1) * sizeof *vals);
    if (!vals) return rt_raise(I, loc, _("out of memory"));
    size_t k = 0;
    for (size_t i = 0; i < len; i++)
        if (!isnan(src[i])) vals[k++] = src[i];
    if (k == 0) {
        free(vals);
        return rt_raise(I, loc, _("%s: there is no value to resample (every value is missing)"),
                        sig(a));
    }
    *out = vals;
    *n = k;
    *like = x;
    return true;
}

static bool bi_empirical(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "data", NULL };
    Value x, like;
    SrcLoc loc;
    double *values;
    size_t n;
    if (!check_names(I, a, names) || !check_positional(I, a, 1)) return false;
    if (!find_arg(a, 0, "data", &x, &loc))
        return rt_raise(I, a->loc, _("%s: the data to resample is missing"), sig(a));
    if (!empirical_values(I, a, x, loc, &values, &n, &like)) return false;
    /* values about people: the display's 5th and 95th percentiles must not be
     * one person's value (runtime/disclosure.h) */
    if (disclosure_is_people(x) &&
        !disclosure_distribution_allowed(n, disclosure_threshold(I, x))) {
        free(values);
        return disclosure_refuse_distribution(I, x, n, loc);
    }
    Sampler s = { .kind = SAMPLER_RESAMPLE, .values = values, .n_values = n };
    bool ok = draw_like(I, a, &s, like, out);
    if (ok && disclosure_is_people(x)) disclosure_set_drawn_from(*out, n);
    free(values);
    return ok;
}

/* Checks the components of a mixture: distributions of the current sample
 * count or plain numbers, all in one unit. */
static bool mixture_parts(Interp *I, const CallArgs *a, Value list, SrcLoc loc, size_t n,
                          Value *like)
{
    if (list.kind != V_LIST || as_list(list)->n == 0)
        return rt_raise(I, loc,
                        _("%s: expects a non-empty list of distributions, e.g. mixture([normal(10, "
                          "2), normal(20, 3)])"),
                        sig(a));
    ListObj *l = as_list(list);
    for (size_t i = 0; i < l->n; i++) {
        Value v = l->items[i];
        bool ok = (v.kind == V_NUM || (v.kind == V_DIST && as_dist(v)->n == n)) &&
            dim_equal(v.dim, l->items[0].dim);
        if (!ok)
            return rt_raise(
                I, loc,
                _("%s: item %zu must be a distribution (or a number) in the same unit as "
                  "the first, with %zu samples"),
                sig(a), i + 1, n);
        like->flags |= v.flags & VF_PERCENT;
    }
    like->dim = l->items[0].dim;
    like->unit_hint = l->items[0].unit_hint;
    return true;
}

static bool bi_mixture(Interp *I, const CallArgs *a, Value *out)
{
    static const char *const names[] = { "dists", "weights", NULL };
    Value list, like = value_num(0), picks;
    SrcLoc loc;
    size_t n = interp_settings(I)->samples;
    if (!check_names(I, a, names) || !check_positional(I, a, 1)) return false;
    if (!find_arg(a, 0, "dists", &list, &loc))
        return rt_raise(I, a->loc, _("%s: the list of distributions is missing"), sig(a));
    if (!mixture_parts(I, a, list, loc, n, &like)) return false;
    ListObj *l = as_list(list);
    double *weights, *index = malloc(l->n * sizeof *index);
    if (!index) return rt_raise(I, a->loc, _("out of memory"));
    for (size_t k = 0; k < l->n; k++) index[k] = (double)k;
    if (!weights_arg(I, a, l->n, &weights)) {
        free(index);
        return false;
    }
    /* Draw which component each sample comes from, then gather: sample i
     * of the mixture is sample i of its component. */
    Sampler s = { .kind = SAMPLER_DISCRETE, .values = index, .weights = weights, .n_values = l->n };
    bool ok = dist_draw(I, &s, like.dim, like.flags & VF_PERCENT, like.unit_hint, a->loc, &picks);
    free(index);
    free(weights);
    if (!ok) return false;
    double *x = as_dist(picks)->stored; /* a discrete draw is stored (dist_drawn.c) */
    for (size_t i = 0; i < n; i++) {
        Value c = l->items[(size_t)x[i]];
        x[i] = c.kind == V_NUM ? c.as.num : dist_samples(as_dist(c))[i];
    }
    *out = picks;
    return true;
}

/* a to b: a lognormal with 90% interval a..b when 0 < a < b, else a normal
 * with that 90% interval (Squiggle's and Guesstimate's convention). */
static bool bi_to(Interp *I, const CallArgs *a, Value *out)
{
    NumArg lo, hi;
    if (!check_positional(I, a, 2) || !get_num(I, a, 0, "the low end", &lo, true) ||
        !get_num(I, a, 1, "the high end", &hi, true))
        return false;
    if (!(num(&hi) > num(&lo))) {
        bad_param(I, a, &hi, N_("greater than the low end"));
        return rt_hint(I,
                       _("`a to b` is an uncertain value whose 90%% interval is a..b: write the "
                         "smaller value first"));
    }
    if (num(&lo) > 0) return lognormal_from_interval(I, a, &lo, &hi, out);
    return normal_from_interval(I, a, &lo, &hi, out);
}

/* ---- P and summary -------------------------------------------------------------- */

/* A condition unknown in some samples (a value it compares is missing
 * there: the IRR of a sample that never pays back, the square root of a
 * negative sample).  Counting them as false, or leaving them out, would each
 * give a probability that is not the one asked: the evaluator says which. */
static bool unknown_condition(Interp *I, const CallArgs *a, size_t unknown, size_t n)
{
    rt_raise(I, arg_loc(a, 0),
             _("P(condition): the condition is unknown in %zu of %zu samples, where a value it "
               "compares is missing, so its probability is not defined"),
             unknown, n);
    return rt_hint(I,
                   _("say what a missing sample means in the condition: P(x > 3 or "
                     "is_missing(x)) counts those samples as meeting it, P(x > 3 and not "
                     "is_missing(x)) as not"));
}

static bool bi_P(Interp *I, const CallArgs *a, Value *out)
{
    if (a->npos != 1 || a->nnamed != 0)
        return rt_raise(I, a->loc, _("P(condition) takes one condition, e.g. P(sroi(M) < 1)"));
    Value c = a->pos[0];
    if (c.kind == V_BOOL) {
        *out = value_percent(c.as.boolean ? 1 : 0);
        return true;
    }
    if (c.kind == V_DIST && ((c.flags & VF_BOOLDIST) || dist_is_zero_one(as_dist(c)))) {
        const DistObj *d = as_dist(c);
        size_t yes, unknown;
        dist_count_truths(d, &yes, &unknown);
        if (unknown) return unknown_condition(I, a, unknown, d->n);
        *out = value_percent(d->n ? (double)yes / (double)d->n : 0);
        return true;
    }
    if (c.kind == V_DIST)
        rt_raise(I, arg_loc(a, 0),
                 _("P(condition): expects a condition such as x > 3, got a distribution of "
                   "numbers"));
    else
        rt_raise(I, arg_loc(a, 0), _("P(condition): expects a condition such as x > 3, got %s"),
                 value_kind_name(c));
    if (c.kind == V_COLUMN)
        return rt_hint(
            I, _("P() is for uncertain values; for a share of data rows use share(T where ...)"));
    return rt_hint(I, _("compare the uncertain value with a threshold: P(x > 3), P(sroi(M) < 1)"));
}

static void record_num_like(Value rec, const char *key, double x, Value like, SrcLoc loc)
{
    Value v = value_num_dim(x, like.dim);
    v.flags = like.flags & VF_PERCENT;
    v.unit_hint = like.unit_hint;
    record_set_take(rec, key, v, loc);
}

static bool bi_summary(Interp *I, const CallArgs *a, Value *out)
{
    if (a->npos != 1 || a->nnamed != 0)
        return rt_raise(I, a->loc, _("summary(x) takes one uncertain value"));
    Value x = a->pos[0];
    DistSummary s;
    if (x.kind == V_NUM) {
        double v = x.as.num;
        s = (DistSummary){ v, 0, v, v, v, v, v, 1 };
    } else if (x.kind != V_DIST) {
        rt_raise(I, arg_loc(a, 0), _("summary(x): expects a distribution or a number, got %s"),
                 value_kind_name(x));
        return rt_hint(I, _("for a data column use mean, sd and quantile"));
    } else if (!dist_summarize(dist_samples(as_dist(x)), as_dist(x)->n, &s)) {
        return rt_raise(I, arg_loc(a, 0), _("summary(x): the distribution has no sample"));
    }
    Value rec = value_record_new();
    SrcLoc loc = a->loc;
    record_num_like(rec, "mean", s.mean, x, loc);
    record_num_like(rec, "sd", s.sd, x, loc);
    record_num_like(rec, "p5", s.p5, x, loc);
    record_num_like(rec, "p25", s.p25, x, loc);
    record_num_like(rec, "p50", s.p50, x, loc);
    record_num_like(rec, "p75", s.p75, x, loc);
    record_num_like(rec, "p95", s.p95, x, loc);
    record_set_take(rec, "n", value_num((double)s.n), loc);
    *out = rec;
    return true;
}

/* ---- registration ------------------------------------------------------------------ */

const BuiltinReg dist_builtins[] = {
#include "stdlib/uncertainty/dist.def"
    { 0 },
};
