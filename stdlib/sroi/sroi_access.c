/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_access.c — what M.field gives: a model's results and records.
 *
 * Contract: sroi_model_get_field() answers M.name for a model: its results
 * (present value, ratio, payback...), one outcome, input or stakeholder as
 * a record of its figures, or the lists of them; an unknown name is a
 * located error listing the fields there are.  sroi_outcome_record() is
 * also what explain() reads.  Results carry their model's mark for
 * explain() (sroi.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "stdlib/stdlib.h"
#include "stdlib/sroi/sroi_value.h"

/* ---- marks and measures ------------------------------------------------------------ */

/* The model's value, borrowed: the object that owns m. */
static Value model_value(const SroiModel *m)
{
    Value v = value_nil();
    v.kind = V_OBJECT;
    v.as.obj = &m->self->hdr;
    return v;
}

void sroi_mark(Interp *I, const SroiModel *m, const char *what, int outcome, Value *v)
{
    if (m->self) interp_mark_origin(I, v, model_value(m), what, outcome);
}

/* Marks the field `key` of a record being built, in place. */
void sroi_mark_field(Interp *I, const SroiModel *m, Value rec, const char *key, int outcome)
{
    RecordObj *r = as_record(rec);
    for (size_t k = 0; k < r->n; k++)
        if (strcmp(r->keys[k], key) == 0) sroi_mark(I, m, key, outcome, &r->vals[k]);
}

/* A measure over a selection, as a number or a distribution. */
bool sroi_measure(Interp *I, const SroiModel *m, const SroiSelection *sel, SroiPick pick,
                  const void *ctx, bool years, Dim dim, bool percent, Value *out)
{
    if (m->n_samples) {
        /* Straight into the distribution's samples: no second copy of them. */
        Value v = value_dist_new(m->n_samples);
        if (!sroi_collect(I, m, sel, pick, ctx, years, as_dist(v)->stored)) {
            value_release(v);
            return false;
        }
        v.dim = dim;
        if (percent) v.flags |= VF_PERCENT;
        *out = v;
        return true;
    }
    double val;
    if (!sroi_collect(I, m, sel, pick, ctx, years, &val)) return false;
    *out = sroi_make_value(m, &val, dim, percent);
    return true;
}

Dim sroi_no_dim(void)
{
    Dim d = { { 0 } };
    return d;
}

/* ---- records -------------------------------------------------------------------------- */

static void set_num(Value rec, const char *key, const SroiNum *f, SrcLoc fallback)
{
    value_retain(f->v);
    record_set_take(rec, key, f->v, f->given ? f->loc : fallback);
}

static void set_text(Value rec, const char *key, const char *s, SrcLoc loc)
{
    record_set_take(rec, key, value_str(s ? s : ""), loc);
}

bool sroi_outcome_record(Interp *I, const SroiModel *m, size_t i, Value *out)
{
    const SroiOutcome *o = &m->outcomes[i];
    SroiOutcomeArrays a;
    if (!sroi_outcome_arrays(I, m, i, SROI_ARRAY_ALL, &a)) return false;
    Value rec = value_record_new();
    SrcLoc at = o->loc;
    set_text(rec, "name", o->name, at);
    set_text(rec, "label", o->label, at);
    set_text(rec, "stakeholder", m->stakeholders[o->stakeholder].name, at);
    set_num(rec, SROI_FIELDS[OF_QUANTITY].name, &o->f[OF_QUANTITY], at);
    set_num(rec, SROI_FIELDS[OF_PROXY].name, &o->f[OF_PROXY], at);
    set_num(rec, SROI_FIELDS[OF_DURATION].name, &o->f[OF_DURATION], at);
    record_set_take(rec, "start", value_num(o->start), o->start_loc.file ? o->start_loc : at);
    set_num(rec, SROI_FIELDS[OF_DEADWEIGHT].name, &o->f[OF_DEADWEIGHT], at);
    set_num(rec, SROI_FIELDS[OF_DISPLACEMENT].name, &o->f[OF_DISPLACEMENT], at);
    set_num(rec, SROI_FIELDS[OF_ATTRIBUTION].name, &o->f[OF_ATTRIBUTION], at);
    set_num(rec, SROI_FIELDS[OF_LEAKAGE].name, &o->f[OF_LEAKAGE], at);
    set_num(rec, SROI_FIELDS[OF_DROPOFF].name, &o->f[OF_DROPOFF], at);
    for (int k = 0; k < OJ_COUNT; k++) { /* material, the grades of evidence, distance */
        Value j = sroi_judgement_value(o, k);
        if (j.kind == V_NIL) continue;
        record_set_take(rec, SROI_JUDGEMENTS[k].name, j,
                        o->judgement[k].given ? o->judgement[k].loc : at);
    }
    if (o->profile) {
        Value l = value_list_new(o->n_profile);
        for (size_t k = 0; k < o->n_profile; k++) list_push_take(l, value_percent(o->profile[k]));
        record_set_take(rec, "profile", l, o->profile_loc);
    }
    record_set_take(rec, "gross", sroi_make_value(m, a.gross, m->money, false), at);
    Value ded = value_record_new();
    /* a.deduction's order */
    static const int deductions[4] = { OF_DEADWEIGHT, OF_DISPLACEMENT, OF_ATTRIBUTION, OF_LEAKAGE };
    for (int k = 0; k < 4; k++)
        record_set_take(ded, SROI_FIELDS[deductions[k]].name,
                        sroi_make_value(m, a.deduction[k], m->money, false), at);
    record_set_take(rec, "deductions", ded, at);
    record_set_take(rec, "impact", sroi_make_value(m, a.impact, m->money, false), at);
    Value years = value_list_new(m->max_years);
    for (int y = 1; y <= m->max_years; y++)
        list_push_take(years, sroi_make_value(m, a.values[y], m->money, false));
    record_set_take(rec, "values", years, at);
    record_set_take(rec, "present_value", sroi_make_value(m, a.pv, m->money, false), at);
    /* What explain() needs to show the discounting of this outcome. */
    value_retain(m->discount.v);
    record_set_take(rec, "discount", m->discount.v, m->discount.given ? m->discount.loc : at);
    const char *const *conv = SROI_DISCOUNTING_NAMES;
    record_set_take(rec, "discounting", value_str(conv[m->discounting]),
                    m->discounting_loc.file ? m->discounting_loc : at);
    for (int k = 0; k < OT_COUNT; k++)
        if (o->text[k]) set_text(rec, SROI_TEXT_FIELDS[k], o->text[k], o->text_loc[k]);
    sroi_outcome_arrays_free(m, &a);
    *out = rec;
    return true;
}

static bool input_record(Interp *I, const SroiModel *m, size_t j, Value *out)
{
    const SroiInput *in = &m->inputs[j];
    bool mask[m->n_inputs];
    for (size_t k = 0; k < m->n_inputs; k++) mask[k] = k == j;
    SroiSelection sel = { .inputs = mask };
    Value pv;
    if (!sroi_measure(I, m, &sel, sroi_pick_inputs_pv, NULL, false, m->money, false, &pv))
        return false;
    Value rec = value_record_new();
    set_text(rec, "name", in->name, in->loc);
    set_text(rec, "label", in->label, in->loc);
    set_num(rec, "amount", &in->amount, in->loc);
    if (in->funder) set_text(rec, "funder", in->funder, in->loc);
    record_set_take(rec, "in_kind", value_bool(in->in_kind), in->loc);
    record_set_take(rec, "year", value_num(in->year), in->loc);
    if (in->stakeholder >= 0)
        set_text(rec, "stakeholder", m->stakeholders[in->stakeholder].name, in->loc);
    if (!isnan(in->hours)) record_set_take(rec, "hours", value_num(in->hours), in->loc);
    record_set_take(rec, "valued", value_bool(in->valued), in->loc);
    record_set_take(rec, "present_value", pv, in->loc);
    *out = rec;
    return true;
}

static bool list_of(Interp *I, const SroiModel *m, size_t n,
                    bool (*item)(Interp *, const SroiModel *, size_t, Value *), Value *out)
{
    Value l = value_list_new(n);
    for (size_t i = 0; i < n; i++) {
        Value v;
        if (!item(I, m, i, &v)) {
            value_release(l);
            return false;
        }
        list_push_take(l, v);
    }
    *out = l;
    return true;
}

static bool stakeholder_record(Interp *I, const SroiModel *m, size_t k, Value *out)
{
    Value pv, share;
    if (!sroi_measure(I, m, NULL, sroi_pick_stakeholder, &k, false, m->money, false, &pv))
        return false;
    if (!sroi_measure(I, m, NULL, sroi_pick_pv, NULL, false, m->money, false, &share)) {
        value_release(pv);
        return false;
    }
    /* share = stakeholder PV / total PV, sample by sample */
    if (pv.kind == V_DIST) {
        for (size_t s = 0; s < m->n_samples; s++)
            as_dist(share)->stored[s] = as_dist(pv)->stored[s] / as_dist(share)->stored[s];
        share.dim = sroi_no_dim();
        share.flags |= VF_PERCENT;
    } else {
        share = value_percent(share.as.num != 0 ? pv.as.num / share.as.num : NAN);
    }
    Value rec = value_record_new();
    set_text(rec, "name", m->stakeholders[k].name, m->stakeholders[k].loc);
    set_text(rec, "label", m->stakeholders[k].label, m->stakeholders[k].loc);
    record_set_take(rec, "present_value", pv, m->stakeholders[k].loc);
    record_set_take(rec, "share", share, m->stakeholders[k].loc);
    *out = rec;
    return true;
}

bool sroi_payback_record(Interp *I, const SroiModel *m, Value *out)
{
    Value g, y1, d;
    Dim none = sroi_no_dim();
    if (!sroi_measure(I, m, NULL, sroi_pick_payback_guide, NULL, false, none, false, &g))
        return false;
    if (!sroi_measure(I, m, NULL, sroi_pick_payback_year1, NULL, false, none, false, &y1)) {
        value_release(g);
        return false;
    }
    if (!sroi_measure(I, m, NULL, sroi_pick_payback_discounted, NULL, true, none, false, &d)) {
        value_release(g);
        value_release(y1);
        return false;
    }
    Value rec = value_record_new();
    SrcLoc at = m->decl.loc;
    Value *parts[3] = { &g, &y1, &d };
    const char *keys[3] = { "guide_months", "year1_months", "discounted_months" };
    for (int k = 0; k < 3; k++) {
        Value v = *parts[k];
        if (v.kind == V_NUM && isnan(v.as.num)) /* the certain case says so in words */
            v = value_str(SROI_NO_PAYBACK[k]);
        record_set_take(rec, keys[k], v, at);
    }
    *out = rec;
    return true;
}

static const char *const MODEL_FIELDS[] = {
    "name",           "title",          "discount",
    "sroi",           "present_value",  "npv",
    "net_sroi",       "inputs_total",   "inputs_present_value",
    "positive_value", "negative_value", "payback",
    "inputs",         "stakeholders",   "outcomes"
};

#define N_MODEL_FIELDS (sizeof MODEL_FIELDS / sizeof MODEL_FIELDS[0])

/* An outcome's record as the user reaches it (M.employment, M.outcomes):
 * its figures are marked with the model, so that explain(M.employment) and
 * explain(M.employment.present_value) find the outcome.  The library's own
 * uses (report_compare.c) take sroi_outcome_record() unmarked, so they never
 * push the user's results out of the ring of marks. */
bool sroi_outcome_record_item(Interp *I, const SroiModel *m, size_t i, Value *out)
{
    if (!sroi_outcome_record(I, m, i, out)) return false;
    static const char *const figs[3] = { "gross", "impact", "present_value" };
    for (int k = 0; k < 3; k++) sroi_mark_field(I, m, *out, figs[k], (int)i);
    return true;
}

static bool model_field(Interp *I, const SroiModel *m, int k, Value *out)
{
    Dim none = sroi_no_dim();
    switch (k) {
    case 0: *out = value_str(m->decl.name); return true;
    case 1: *out = value_str(m->decl.title ? m->decl.title : ""); return true;
    case 2:
        *out = m->discount.v;
        value_retain(*out);
        return true;
    case 3:
        return sroi_measure(I, m, NULL, sroi_pick_ratio, NULL, false, none, false, out) &&
            (sroi_mark(I, m, "sroi", -1, out), true);
    case 4:
        return sroi_measure(I, m, NULL, sroi_pick_pv, NULL, false, m->money, false, out) &&
            (sroi_mark(I, m, "present_value", -1, out), true);
    case 5:
        return sroi_measure(I, m, NULL, sroi_pick_npv, NULL, false, m->money, false, out) &&
            (sroi_mark(I, m, "npv", -1, out), true);
    case 6:
        return sroi_measure(I, m, NULL, sroi_pick_net, NULL, false, none, false, out) &&
            (sroi_mark(I, m, "net_sroi", -1, out), true);
    case 7: return sroi_measure(I, m, NULL, sroi_pick_inputs, NULL, false, m->money, false, out);
    case 8: return sroi_measure(I, m, NULL, sroi_pick_inputs_pv, NULL, false, m->money, false, out);
    case 9: return sroi_measure(I, m, NULL, sroi_pick_positive, NULL, false, m->money, false, out);
    case 10: return sroi_measure(I, m, NULL, sroi_pick_negative, NULL, false, m->money, false, out);
    case 11: return sroi_payback_record(I, m, out);
    case 12: return list_of(I, m, m->n_inputs, input_record, out);
    case 13: return list_of(I, m, m->n_stakeholders, stakeholder_record, out);
    default: return list_of(I, m, m->n_outcomes, sroi_outcome_record_item, out);
    }
}

int sroi_find_outcome(const SroiModel *m, const char *name)
{
    for (size_t i = 0; i < m->n_outcomes; i++)
        if (strcmp(m->outcomes[i].name, name) == 0) return (int)i;
    return -1;
}

static int find_input(const SroiModel *m, const char *name)
{
    for (size_t j = 0; j < m->n_inputs; j++)
        if (strcmp(m->inputs[j].name, name) == 0) return (int)j;
    return -1;
}

size_t sroi_model_field_names(ForeignObj *o, const char **names, size_t max)
{
    const SroiModel *m = o->data;
    size_t n = 0;
    for (size_t k = 0; k < N_MODEL_FIELDS && n < max; k++) names[n++] = MODEL_FIELDS[k];
    for (size_t i = 0; i < m->n_outcomes && n < max; i++) names[n++] = m->outcomes[i].name;
    for (size_t j = 0; j < m->n_inputs && n < max; j++) names[n++] = m->inputs[j].name;
    return n;
}

static bool no_such_field(Interp *I, ForeignObj *o, const char *name, SrcLoc loc)
{
    const SroiModel *m = o->data;
    size_t cap = N_MODEL_FIELDS + m->n_outcomes + m->n_inputs;
    const char **names = malloc(sizeof(char *) * (cap + 1));
    size_t n = sroi_model_field_names(o, names, cap);
    const char *s = suggest_name(name, names, n);
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < n; i++) sb_printf(&b, "%s%s", i ? ", " : "", names[i]);
    if (s)
        rt_raise(I, loc, _("model '%s' has no field '%s' — did you mean '%s'?"), m->decl.name, name,
                 s);
    else
        rt_raise(I, loc, _("model '%s' has no field '%s'"), m->decl.name, name);
    rt_hint(I, _("its fields are %s"), b.data);
    sb_free(&b);
    free(names);
    return false;
}

bool sroi_model_get_field(Interp *I, ForeignObj *o, const char *name, SrcLoc loc, Value *out)
{
    const SroiModel *m = o->data;
    for (size_t k = 0; k < N_MODEL_FIELDS; k++)
        if (strcmp(name, MODEL_FIELDS[k]) == 0) return model_field(I, m, (int)k, out);
    int i = sroi_find_outcome(m, name);
    if (i >= 0) return sroi_outcome_record_item(I, m, (size_t)i, out);
    int j = find_input(m, name);
    if (j >= 0) return input_record(I, m, (size_t)j, out);
    return no_such_field(I, o, name, loc);
}
