/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_build_value.c — checks on one value of a model declaration.
 *
 * Contract: each check looks at one Value written in a model (a number or a
 * distribution of samples) and either accepts it or raises a located error
 * in an evaluator's words with a hint; none of them changes the model.
 * Shared by the settings, inputs (sroi_build.c) and outcomes
 * (sroi_build_outcome.c) through sroi_build.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/disclosure.h"
#include "stdlib/privacy/privacy.h"
#include "lang/check.h"
#include "stdlib/sroi/sroi_build.h"

/* Describes a value for messages: "9000 (a plain number)", "3 year", "a
 * distribution in EUR", "a text": each form one translated phrase. */
void sroi_describe_value(Interp *I, Value v, StrBuf *b)
{
    if (v.kind == V_NUM) {
        StrBuf n;
        sb_init(&n);
        value_format(I, v, &n);
        /* a number shows its unit itself; say when it has none */
        if (dim_is_none(v.dim))
            sb_printf(b, _("%s (a plain number)"), n.data);
        else
            sb_append(b, n.data);
        sb_free(&n);
    } else if (v.kind == V_DIST && !dim_is_none(v.dim)) {
        StrBuf unit;
        sb_init(&unit);
        dim_format(I, v.dim, &unit);
        sb_printf(b, _("a distribution in %s"), unit.data);
        sb_free(&unit);
    } else {
        sb_append(b, value_kind_phrase(v));
    }
}

void sroi_raise_described(Interp *I, SrcLoc loc, const char *fmt, const char *what, Value v)
{
    StrBuf b;
    sb_init(&b);
    sroi_describe_value(I, v, &b);
    rt_raise(I, loc, fmt, what, b.data);
    sb_free(&b);
}

bool sroi_is_numeric(Value v)
{
    return v.kind == V_NUM || v.kind == V_DIST;
}

/* A missing number (NaN, from data) or a distribution with missing samples. */
bool sroi_has_missing(Value v)
{
    if (v.kind == V_NUM) return isnan(v.as.num);
    if (v.kind != V_DIST) return false;
    const DistObj *d = as_dist(v);
    if (dist_on_demand(d)) return false; /* every draw is a number (dist_drawn.c) */
    const double *x = dist_samples(d);
    size_t missing = 0;
#pragma omp parallel for simd reduction(+ : missing) if (d->n > SCAN_PARALLEL)
    for (size_t s = 0; s < d->n; s++) missing += isnan(x[s]);
    return missing > 0;
}

size_t sroi_samples_outside(Value v, double lo, double hi, bool lo_open)
{
    if (v.kind != V_DIST) return 0;
    size_t bad = 0;
    const DistObj *d = as_dist(v);
    double min, max, *owned;
    if (dist_known_range(d, &min, &max) && max <= hi && min >= lo && !(lo_open && min <= lo))
        return 0; /* drawn on demand, and its range is within: nothing to draw */
    const double *samples = dist_borrow(d, &owned);
#pragma omp parallel for simd reduction(+ : bad) if (d->n > SCAN_PARALLEL)
    for (size_t s = 0; s < d->n; s++) {
        double x = samples[s];
        bad += !(x <= hi) || x < lo || (lo_open && x <= lo);
    }
    free(owned);
    return bad;
}

/* A share between 0% and 100%, without unit.  what: "deadweight of outcome
 * 'x'"; field: the name to write; noun: what it is called in prose. */
bool sroi_check_percent(Interp *I, Value v, SrcLoc loc, const char *what, const char *field,
                        const char *phrase, const char *example, bool scan)
{
    StrBuf b;
    sb_init(&b);
    bool ok = false;
    if (!sroi_is_numeric(v) || !dim_is_none(v.dim)) {
        sroi_describe_value(I, v, &b);
        rt_raise(I, loc, _("%s is %s: %s is a share, without unit"), what, b.data, _(phrase));
        rt_hint(I, _("write for example %s = %s"), field, example);
    } else if (v.kind == V_NUM && !(v.as.num >= 0 && v.as.num <= 1)) {
        rt_raise(I, loc, _("%s is %g%%: %s must lie between 0%% and 100%%"), what, v.as.num * 100,
                 _(phrase));
        rt_hint(I, _("write for example %s = %s"), field, example);
    } else if (scan && v.kind == V_DIST && sroi_samples_outside(v, 0, 1, false) > 0) {
        rt_raise(I, loc, _("%s is uncertain and %zu of its %zu samples fall outside 0%%..100%%"),
                 what, sroi_samples_outside(v, 0, 1, false), as_dist(v)->n);
        rt_hint(I,
                _("use a distribution bounded by 0%% and 100%%: pert(lo, mode, hi), "
                  "uniform(lo, hi), triangular(lo, mode, hi) with bounds inside 0%%..100%%, or "
                  "beta(a, b); "
                  "`a to b` with a <= 0 is a normal, whose tails leave the range"));
    } else {
        ok = true;
    }
    sb_free(&b);
    return ok;
}

/* Money per unit and per year: EUR, or EUR/year (the same thing here). */
bool sroi_is_money_per_year(Interp *I, Dim d, Dim money)
{
    if (dim_equal(d, money)) return true;
    Dim t = dim_time(I);
    Dim times_year = d;
    for (int i = 0; i < DIM_MAX; i++) times_year.e[i] = (int8_t)(d.e[i] + t.e[i]);
    return dim_equal(times_year, money);
}

bool sroi_money_dim(Interp *I, Dim d)
{
    return dim_is_money(I, d);
}

/* The currency of the model: the first money seen; every other must match. */
bool sroi_check_currency(Builder *B, Dim d, SrcLoc loc, const char *what)
{
    Dim money = d;
    if (!sroi_money_dim(B->I, d)) { /* money per year: strip the time */
        Dim t = dim_time(B->I);
        for (int i = 0; i < DIM_MAX; i++) money.e[i] = (int8_t)(d.e[i] + t.e[i]);
    }
    if (!B->have_money) {
        B->m->money = money;
        B->have_money = true;
        return true;
    }
    if (dim_equal(money, B->m->money)) return true;
    StrBuf a, b;
    sb_init(&a);
    sb_init(&b);
    dim_format(B->I, money, &a);
    dim_format(B->I, B->m->money, &b);
    rt_raise(B->I, loc, _("%s is in %s but the model counts in %s: one model uses one currency"),
             what, a.data, b.data);
    rt_hint(B->I, _("convert it with an explicit rate, e.g. x * (1.17 %s / 1 %s)"), b.data, a.data);
    sb_free(&a);
    sb_free(&b);
    return false;
}

bool sroi_check_sample_count(Builder *B, Value v, SrcLoc loc)
{
    if (v.kind != V_DIST) return true;
    size_t n = as_dist(v)->n;
    if (B->m->n_samples == 0) {
        B->m->n_samples = n;
        return true;
    }
    if (B->m->n_samples == n) return true;
    return rt_raise(B->I, loc,
                    _("this distribution has %zu samples but the model's others have %zu"), n,
                    B->m->n_samples) ||
        rt_hint(B->I,
                _("build every distribution of a model with the same sample count (--samples)"));
}

bool sroi_whole_number(Value v, double *out)
{
    if (v.kind != V_NUM) return false;
    *out = v.as.num;
    return v.as.num == floor(v.as.num);
}

/* ---- names: suggestions, unknown and repeated fields ------------------------------- */

/* " — did you mean 'x'?" or "" */
void sroi_did_you_mean(StrBuf *b, const char *wrong, const char *const *cands, size_t n)
{
    const char *s = suggest_name(wrong, cands, n);
    if (s) sb_printf(b, _(" — did you mean '%s'?"), s);
}

void sroi_join_names(StrBuf *b, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) sb_printf(b, "%s%s", i ? ", " : "", names[i]);
}

bool sroi_unknown_field(Builder *B, const DeclField *f, const char *where, const char *const *names,
                        size_t n)
{
    StrBuf b;
    sb_init(&b);
    sroi_did_you_mean(&b, f->name, names, n);
    rt_raise(B->I, f->loc, _("unknown field '%s' in %s%s"), f->name, where, b.data ? b.data : "");
    sb_free(&b);
    sb_init(&b);
    sroi_join_names(&b, names, n);
    rt_hint(B->I, _("the fields are %s"), b.data);
    sb_free(&b);
    return false;
}

bool sroi_no_repeat(Builder *B, const DeclField *fields, size_t i, const char *where)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(fields[j].name, fields[i].name) == 0)
            return rt_raise(B->I, fields[i].loc, _("%s is set twice in %s (first at line %d)"),
                            fields[i].name, where, fields[j].loc.line) ||
                rt_hint(B->I, _("keep one of the two lines"));
    return true;
}

bool sroi_decode_fields(Builder *B, const DeclEntry *e, const char *where, SroiFieldDecoder decode,
                        void *target)
{
    for (size_t i = 0; i < e->n_fields; i++)
        if (!sroi_no_repeat(B, e->fields, i, where) || !decode(B, target, &e->fields[i], where))
            return false;
    return true;
}
