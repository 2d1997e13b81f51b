/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_build_outcome.c — decoding one outcome of a model declaration.
 *
 * Contract: sroi_decode_outcome() reads an `outcome` entry's fields (quantity,
 * proxy, deflators, duration, start, drop-off profile, texts), checks each
 * with the one-value checks of sroi_build_value.c, finds the stakeholder it
 * belongs to, and fills one SroiOutcome, or raises a located error.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/disclosure.h"
#include "stdlib/privacy/privacy.h"
#include "lang/check.h"
#include "stdlib/sroi/sroi_build.h"

/* The source text of a plain name or a dotted path (fr.rsa), for hints; false otherwise. */
static bool dotted_name(const Node *e, StrBuf *b)
{
    if (!e) return false;
    if (e->kind == N_NAME) {
        sb_append(b, e->name);
        return true;
    }
    if (e->kind == N_GET && dotted_name(e->a, b)) {
        sb_append(b, ".");
        sb_append(b, e->name);
        return true;
    }
    return false;
}

static bool check_quantity(Builder *B, Value v, SrcLoc loc, const char *what, const Node *expr,
                           bool scan)
{
    if (sroi_is_numeric(v) && dim_is_none(v.dim)) {
        if (v.kind == V_NUM && !(v.as.num >= 0 && isfinite(v.as.num)))
            return rt_raise(
                       B->I, loc,
                       _("%s is %g: a quantity counts people or things and cannot be negative"),
                       what, v.as.num) ||
                rt_hint(B->I, _("to record a negative outcome, give it a negative proxy"));
        /* An uncertain count is checked sample by sample, like the other fields (QA2 D2). */
        size_t bad = scan && v.kind == V_DIST ? sroi_samples_outside(v, 0, INFINITY, false) : 0;
        if (bad > 0)
            return rt_raise(B->I, loc,
                            _("%s is uncertain and %zu of its %zu samples are negative: "
                              "a quantity counts people or things and cannot be negative"),
                            what, bad, as_dist(v)->n) ||
                rt_hint(B->I,
                        _("use a distribution of non-negative counts: uniform(0, 40), pert(10, 20, "
                          "40), "
                          "poisson(20), or `a to b` with 0 < a (a lognormal); `a to b` with a <= 0 "
                          "is a normal, "
                          "whose tail goes below 0"));
        return true;
    }
    sroi_raise_described(B->I, loc, _("%s is %s: a quantity is a count, without unit"), what, v);
    StrBuf b;
    sb_init(&b);
    if (v.kind == V_TABLE && dotted_name(expr, &b))
        rt_hint(B->I, _("a quantity counts the rows of a table: write quantity = count(%s)"),
                b.data);
    else if (v.kind == V_TABLE)
        rt_hint(B->I, _("a quantity counts the rows of a table: write quantity = count(...)"));
    else if (v.kind == V_COLUMN)
        rt_hint(B->I,
                _("a column holds one value per row: write quantity = count(...) for its rows, "
                  "or sum(...) for its total"));
    else
        rt_hint(B->I, _("write quantity = 40 (the money goes into the proxy)"));
    sb_free(&b);
    return false;
}

static bool check_proxy(Builder *B, Value v, SrcLoc loc, const char *what, const Node *expr)
{
    if (sroi_is_numeric(v) &&
        (sroi_money_dim(B->I, v.dim) ||
         (B->have_money && sroi_is_money_per_year(B->I, v.dim, B->m->money))))
        return sroi_check_currency(B, v.dim, loc, what);
    sroi_raise_described(B->I, loc, _("%s is %s: a proxy is money per unit and per year"), what, v);
    StrBuf b;
    sb_init(&b);
    Value amount;
    bool has_amount = v.kind == V_RECORD && record_get(v, "amount", &amount);
    if (has_amount && dotted_name(expr, &b))
        rt_hint(B->I, _("did you mean %s.amount? (a proxy record carries its money in `amount`)"),
                b.data);
    else if (has_amount)
        rt_hint(B->I, _("the record's money is its field `amount`: write proxy = (...).amount"));
    else if (v.kind == V_NUM && dim_is_none(v.dim))
        rt_hint(B->I, _("write %g EUR"), v.as.num);
    else
        rt_hint(B->I, _("write proxy = 9_000 EUR"));
    sb_free(&b);
    return false;
}

static bool check_duration(Builder *B, Value v, SrcLoc loc, const char *what, bool scan)
{
    Interp *I = B->I;
    StrBuf b;
    sb_init(&b);
    bool ok = false;
    if (!sroi_is_numeric(v) || !dim_equal(v.dim, dim_time(I))) {
        sroi_raise_described(I, loc, _("%s is %s: a duration is a time"), what, v);
        if (v.kind == V_NUM && dim_is_none(v.dim))
            rt_hint(I, _("write duration = %g year"), v.as.num);
        else
            rt_hint(I, _("write duration = 3 year"));
    } else if (v.kind == V_NUM && !(v.as.num > 0 && v.as.num <= MAX_DURATION_YEARS)) {
        value_format(I, v, &b);
        rt_raise(I, loc, _("%s is %s: a duration must be positive and at most %g years"), what,
                 b.data, MAX_DURATION_YEARS);
        rt_hint(I, _("write duration = 3 year"));
    } else if (scan && sroi_samples_outside(v, 0, MAX_DURATION_YEARS, true) > 0) {
        rt_raise(
            I, loc,
            _("%s is uncertain and %zu of its %zu samples are not a positive duration (at most "
              "%g years)"),
            what, sroi_samples_outside(v, 0, MAX_DURATION_YEARS, true), as_dist(v)->n,
            MAX_DURATION_YEARS);
        rt_hint(I, _("use a distribution of positive durations, e.g. uniform(2 year, 4 year)"));
    } else
        ok = true;
    sb_free(&b);
    return ok;
}

static bool check_start(Builder *B, SroiOutcome *o, const DeclField *f)
{
    double s;
    if (!sroi_whole_number(f->value, &s) || !dim_is_none(f->value.dim) || (s != 1 && s != 2)) {
        StrBuf b;
        sb_init(&b);
        if (f->value.kind == V_NUM)
            value_format(B->I, f->value, &b);
        else
            sroi_describe_value(B->I, f->value, &b);
        rt_raise(B->I, f->loc,
                 _("start of outcome '%s' is %s: start must be 1 (the outcome begins in the "
                   "year of the activity) or 2 (the year after)"),
                 o->name, b.data);
        rt_hint(B->I, _("write start = 2 for an outcome that appears the year after the activity"));
        sb_free(&b);
        return false;
    }
    o->start = (int)s;
    o->start_loc = f->loc;
    return true;
}

static bool check_profile(Builder *B, SroiOutcome *o, const DeclField *f)
{
    Value v = f->value;
    if (v.kind != V_LIST || as_list(v)->n == 0)
        return rt_raise(B->I, f->loc,
                        _("profile of outcome '%s' must be a list of yearly fractions"), o->name) ||
            rt_hint(B->I,
                    _("write profile = [50%%, 100%%, 60%%, 30%%] (share of the impact kept each "
                      "year)"));
    ListObj *l = as_list(v);
    if (l->n > MAX_DURATION_YEARS)
        return rt_raise(B->I, f->loc, _("profile of outcome '%s' has %zu years: at most %g"),
                        o->name, l->n, MAX_DURATION_YEARS);
    o->profile = malloc(sizeof(double) * l->n);
    o->n_profile = l->n;
    o->profile_loc = f->loc;
    for (size_t k = 0; k < l->n; k++) {
        Value x = l->items[k];
        if (x.kind != V_NUM || !dim_is_none(x.dim) || !(x.as.num >= 0 && x.as.num <= 1))
            return rt_raise(B->I, f->loc,
                            _("year %zu of the profile of outcome '%s' is not a share between 0%% "
                              "and 100%%"),
                            k + 1, o->name) ||
                rt_hint(B->I,
                        _("each element is the share of the impact kept that year, e.g. [100%%, "
                          "60%%, 30%%]"));
        o->profile[k] = x.as.num;
    }
    return true;
}

static bool check_text(Builder *B, SroiOutcome *o, const DeclField *f, int k)
{
    if (f->value.kind != V_STR)
        return rt_raise(B->I, f->loc, _("%s of outcome '%s' must be text"), f->name, o->name) ||
            rt_hint(B->I, _("write %s = \"...\""), f->name);
    o->text[k] = as_str(f->value)->data;
    o->text_loc[k] = f->loc;
    return true;
}

/* Whether the base model of a scenario copy holds this very distribution in
 * field k of the same outcome: its samples passed the checks of that field
 * when the base was built, and need not be scanned again (a `with` changes
 * one field or two; the others are the base's own values). */
static bool checked_in_base(const Builder *B, const SroiOutcome *o, int k, Value v)
{
    size_t i = (size_t)(o - B->m->outcomes);
    if (!B->base || k < 0 || v.kind != V_DIST || i >= B->base->n_outcomes) return false;
    const SroiOutcome *was = &B->base->outcomes[i];
    Value w = was->f[k].v;
    return strcmp(was->name, o->name) == 0 && w.kind == V_DIST && as_dist(w) == as_dist(v);
}

static bool decode_outcome_field(Builder *B, void *target, const DeclField *f, const char *where)
{
    SroiOutcome *o = target;
    /* A figure about too few people must not reach a published ratio. */
    if (disclosure_is_suppressed(f->value)) return disclosure_refuse(B->I, f->value, f->loc);
    int k = sroi_number_field(f->name);
    bool scan = !checked_in_base(B, o, k, f->value);
    if (scan && sroi_has_missing(f->value))
        return rt_raise(B->I, f->loc,
                        _("%s of outcome '%s' is missing: the value it was computed from "
                          "has no data"),
                        f->name, o->name) ||
            rt_hint(B->I, _("check the data it comes from, or write the value"));
    if (k >= 0) {
        char what[200];
        snprintf(what, sizeof what, _("%s of outcome '%s'"), f->name, o->name);
        bool ok;
        switch (k) {
        case OF_QUANTITY: ok = check_quantity(B, f->value, f->loc, what, f->expr, scan); break;
        case OF_PROXY: ok = check_proxy(B, f->value, f->loc, what, f->expr); break;
        case OF_DURATION: ok = check_duration(B, f->value, f->loc, what, scan); break;
        default:
            ok = sroi_check_percent(B->I, f->value, f->loc, what, f->name, SROI_FIELDS[k].phrase,
                                    SROI_FIELDS[k].example, scan);
            break;
        }
        if (!ok || !sroi_check_sample_count(B, f->value, f->loc)) return false;
        o->f[k] = (SroiNum){ f->value, f->loc, f->expr, true };
        return true;
    }
    if (strcmp(f->name, "start") == 0) return check_start(B, o, f);
    if (strcmp(f->name, "profile") == 0) return check_profile(B, o, f);
    int t = sroi_text_field(f->name);
    if (t >= 0) return check_text(B, o, f, t);
    int j = sroi_judgement_field(f->name);
    if (j >= 0) return sroi_decode_judgement(B->I, o, f, j);
    return sroi_unknown_field(B, f, where, SROI_OUTCOME_FIELD_NAMES, SROI_N_OUTCOME_FIELDS);
}

static bool find_stakeholder(Builder *B, const DeclEntry *e, int *out)
{
    SroiModel *m = B->m;
    if (!e->for_name)
        return rt_raise(B->I, e->loc, _("outcome '%s' names no stakeholder"), e->name) ||
            rt_hint(B->I, _("write outcome %s \"%s\" for %s { ... }"), e->name,
                    e->label ? e->label : "Label",
                    m->n_stakeholders ? m->stakeholders[0].name : "entrepreneurs");
    const char *names[m->n_stakeholders + 1];
    for (size_t i = 0; i < m->n_stakeholders; i++) {
        names[i] = m->stakeholders[i].name;
        if (strcmp(names[i], e->for_name) == 0) {
            *out = (int)i;
            return true;
        }
    }
    StrBuf b;
    sb_init(&b);
    sroi_did_you_mean(&b, e->for_name, names, m->n_stakeholders);
    SrcLoc loc = e->for_loc.file ? e->for_loc : e->loc;
    rt_raise(B->I, loc, _("outcome '%s' is for '%s', which is not a stakeholder of model '%s'%s"),
             e->name, e->for_name, m->decl.name, b.data ? b.data : "");
    sb_free(&b);
    sb_init(&b);
    if (m->n_stakeholders) {
        sroi_join_names(&b, names, m->n_stakeholders);
        rt_hint(B->I,
                _("the stakeholders declared are %s; declare it with stakeholder %s \"Label\""),
                b.data, e->for_name);
    } else {
        rt_hint(B->I, _("declare it first: stakeholder %s \"Label\""), e->for_name);
    }
    sb_free(&b);
    return false;
}

bool sroi_decode_outcome(Builder *B, const DeclEntry *e, SroiOutcome *o)
{
    Interp *I = B->I;
    *o = (SroiOutcome){ .name = e->name,
                        .label = e->label ? e->label : e->name,
                        .loc = e->loc,
                        .start = 1,
                        .domain = -1 };
    for (int k = 0; k < OF_COUNT; k++) { /* the defaults of sroi_fields.h */
        const SroiFieldInfo *info = &SROI_FIELDS[k];
        if (info->kind == SROI_YEARS && !isnan(info->fallback))
            o->f[k].v = value_num_dim(info->fallback, dim_time(I));
        else if (info->kind == SROI_SHARE && !isnan(info->fallback))
            o->f[k].v = value_percent(info->fallback);
    }
    sroi_judgement_defaults(o);
    if (!find_stakeholder(B, e, &o->stakeholder)) return false;
    if (e->value.kind != V_NIL)
        return rt_raise(I, e->value_loc, _("outcome '%s' takes fields in braces, not a value"),
                        e->name) ||
            rt_hint(I, _("write outcome %s \"%s\" for %s { quantity = 40, proxy = 9_000 EUR }"),
                    e->name, o->label, e->for_name);
    char where[160];
    snprintf(where, sizeof where, _("outcome '%s'"), e->name); /* a whole phrase per language */
    if (!sroi_decode_fields(B, e, where, decode_outcome_field, o)) return false;
    if (!o->f[OF_QUANTITY].given)
        return rt_raise(I, e->loc, _("outcome '%s' has no quantity"), e->name) ||
            rt_hint(I, _("write quantity = 40 (how many people or things changed)"));
    if (!o->f[OF_PROXY].given)
        return rt_raise(I, e->loc, _("outcome '%s' has no proxy"), e->name) ||
            rt_hint(I,
                    _("write proxy = 9_000 EUR (the value of the change, per unit and per year)"));
    if (!sroi_check_judgements(I, o)) return false;
    /* A drop-off of 0% says "no decline" and does not conflict with a profile. */
    const Value dov = o->f[OF_DROPOFF].v;
    if (o->profile && o->f[OF_DROPOFF].given && !(dov.kind == V_NUM && dov.as.num == 0))
        return rt_raise(I, o->f[OF_DROPOFF].loc,
                        _("outcome '%s' has both a profile and a drop-off"), e->name) ||
            rt_hint(I,
                    _("a profile gives each year's share of the impact and replaces the drop-off: "
                      "keep one"));
    if (o->profile) {
        if (o->f[OF_DURATION].given &&
            !(o->f[OF_DURATION].v.kind == V_NUM &&
              o->f[OF_DURATION].v.as.num == (double)o->n_profile))
            return rt_raise(I, o->f[OF_DURATION].loc,
                            _("the duration of outcome '%s' differs from the "
                              "%zu years of its profile"),
                            e->name, o->n_profile) ||
                rt_hint(I, _("leave the duration out: a profile's length is the duration"));
        o->f[OF_DURATION].v = value_num_dim((double)o->n_profile, dim_time(I));
    }
    return true;
}
