/* sroi.c — the model value and the SROI built-ins.
 *
 * Contract: sroi_build_model() (the runtime's model builder) wraps a
 * validated SroiModel (sroi_build.c) in a foreign object of class "model".
 * The class gives M.field access (results, outcomes, inputs, stakeholders),
 * `M with { path = value }` scenarios (a rebuilt, re-validated copy), a
 * one-line print, and what the command line asks of it (is_result, report,
 * to_json: report.c).  The built-ins compute ratios and totals, over the whole
 * model or a subset of its inputs, stakeholders and outcomes; on an
 * uncertain model every result is a distribution, computed sample by sample
 * (sroi_calc.c); report() and valuemap() give the report of report.c.
 * Results are marked with their model (interp_mark_origin) for explain().
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib/stdlib.h"
#include "stdlib/sroi/report.h"

/* ---- the model object ---------------------------------------------------------- */

bool sroi_is_model(Value v)
{
    return v.kind == V_OBJECT && as_foreign(v)->cls == &sroi_model_class;
}

const SroiModel *sroi_model(Value v)
{
    return sroi_is_model(v) ? as_foreign(v)->data : NULL;
}

const char *sroi_model_name(const SroiModel *m)
{
    return m->decl.name;
}

/* ---- provenance of results ------------------------------------------------------
 * A number cannot say where it came from, yet `:why sroi(M)` should explain
 * it: the whole-model built-ins and the figures of outcomes mark their
 * results with their model (interp_mark_origin), and explain() reads the
 * mark of the value it is given.  The mark belongs to the result, not to
 * its number: two models with the same ratio are told apart. */

/* The model's value, borrowed: the object that owns m. */
static Value model_value(const SroiModel *m)
{
    Value v = value_nil();
    v.kind = V_OBJECT;
    v.as.obj = &m->self->hdr;
    return v;
}

static void mark(Interp *I, const SroiModel *m, const char *what, int outcome, Value *v)
{
    if (m->self) interp_mark_origin(I, v, model_value(m), what, outcome);
}

/* Marks the field `key` of a record being built, in place. */
static void mark_field(Interp *I, const SroiModel *m, Value rec, const char *key, int outcome)
{
    RecordObj *r = as_record(rec);
    for (size_t k = 0; k < r->n; k++)
        if (strcmp(r->keys[k], key) == 0) mark(I, m, key, outcome, &r->vals[k]);
}

bool sroi_provenance(Interp *I, Value v, const SroiModel **m, const char **what, int *outcome)
{
    Value source;
    if (!interp_origin(I, v, &source, what, outcome) || !sroi_model(source)) return false;
    *m = sroi_model(source);
    return true;
}

/* Wraps a new model in its value; the model keeps a pointer to it (its
 * owner) for the marks of its results. */
static Value wrap_model(SroiModel *m)
{
    Value v = value_foreign(&sroi_model_class, m);
    m->self = as_foreign(v);
    return v;
}

static void model_free(ForeignObj *o)
{
    sroi_model_free(o->data);
}

static double pick_pv(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv;
}
static double pick_ratio(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv / t->inputs_pv;
}
static double pick_npv(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv - t->inputs_pv;
}
static double pick_net(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return (t->pv - t->inputs_pv) / t->inputs_pv;
}
static double pick_inputs(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->inputs_total;
}
static double pick_inputs_pv(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->inputs_pv;
}
static double pick_positive(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv_positive;
}
static double pick_negative(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv_negative;
}
static double pick_stakeholder(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->stakeholder_pv[*(const size_t *)ctx];
}
static double pick_domain(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->domain_pv[*(const size_t *)ctx];
}

/* Guide payback: inputs / (annual impact / 12); NaN when nothing pays back. */
static double pick_payback_guide(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->annual_impact > 0 ? t->inputs_pv / (t->annual_impact / 12.0) : NAN;
}
static double pick_payback_year1(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->year1_value > 0 ? t->inputs_pv / (t->year1_value / 12.0) : NAN;
}
/* Discounted cumulative payback with linear interpolation within the year
 * (docs/METHOD.md §1.6); NaN when the cumulative value never reaches the inputs. */
static double pick_payback_discounted(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    double cumulative = 0, target = t->inputs_pv;
    for (int y = 1; y <= m->max_years; y++) {
        double d = t->year_pv[y];
        if (cumulative + d >= target && d > 0) return 12.0 * ((y - 1) + (target - cumulative) / d);
        cumulative += d;
    }
    return NAN;
}

/* A measure over a selection, as a number or a distribution. */
static bool measure(Interp *I, const SroiModel *m, const SroiSelection *sel, SroiPick pick,
                    const void *ctx, bool years, Dim dim, bool percent, Value *out)
{
    if (m->n_samples) {
        /* Straight into the distribution's samples: no second copy of them. */
        Value v = value_dist_new(m->n_samples);
        if (!sroi_collect(I, m, sel, pick, ctx, years, as_dist(v)->s)) {
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

static Dim no_dim(void)
{
    Dim d = { { 0 } };
    return d;
}

/* ---- outcome results --------------------------------------------------------------- */

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
    if (!sroi_outcome_arrays(I, m, i, &a)) return false;
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
    static const char *const texts[OT_COUNT] = { "indicator", "source", "proxy_source", "domain",
                                                 "evidence" };
    for (int k = 0; k < OT_COUNT; k++)
        if (o->text[k]) set_text(rec, texts[k], o->text[k], o->text_loc[k]);
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
    if (!measure(I, m, &sel, pick_inputs_pv, NULL, false, m->money, false, &pv)) return false;
    Value rec = value_record_new();
    set_text(rec, "name", in->name, in->loc);
    set_text(rec, "label", in->label, in->loc);
    set_num(rec, "amount", &in->amount, in->loc);
    if (in->funder) set_text(rec, "funder", in->funder, in->loc);
    record_set_take(rec, "in_kind", value_bool(in->in_kind), in->loc);
    record_set_take(rec, "year", value_num(in->year), in->loc);
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
    if (!measure(I, m, NULL, pick_stakeholder, &k, false, m->money, false, &pv)) return false;
    if (!measure(I, m, NULL, pick_pv, NULL, false, m->money, false, &share)) {
        value_release(pv);
        return false;
    }
    /* share = stakeholder PV / total PV, sample by sample */
    if (pv.kind == V_DIST) {
        for (size_t s = 0; s < m->n_samples; s++)
            as_dist(share)->s[s] = as_dist(pv)->s[s] / as_dist(share)->s[s];
        share.dim = no_dim();
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

static bool payback_record(Interp *I, const SroiModel *m, Value *out)
{
    Value g, y1, d;
    Dim none = no_dim();
    if (!measure(I, m, NULL, pick_payback_guide, NULL, false, none, false, &g)) return false;
    if (!measure(I, m, NULL, pick_payback_year1, NULL, false, none, false, &y1)) {
        value_release(g);
        return false;
    }
    if (!measure(I, m, NULL, pick_payback_discounted, NULL, true, none, false, &d)) {
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

/* ---- field access -------------------------------------------------------------------- */

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
static bool outcome_record_item(Interp *I, const SroiModel *m, size_t i, Value *out)
{
    if (!sroi_outcome_record(I, m, i, out)) return false;
    static const char *const figs[3] = { "gross", "impact", "present_value" };
    for (int k = 0; k < 3; k++) mark_field(I, m, *out, figs[k], (int)i);
    return true;
}

static bool model_field(Interp *I, const SroiModel *m, int k, Value *out)
{
    Dim none = no_dim();
    switch (k) {
    case 0: *out = value_str(m->decl.name); return true;
    case 1: *out = value_str(m->decl.title ? m->decl.title : ""); return true;
    case 2:
        *out = m->discount.v;
        value_retain(*out);
        return true;
    case 3:
        return measure(I, m, NULL, pick_ratio, NULL, false, none, false, out) &&
            (mark(I, m, "sroi", -1, out), true);
    case 4:
        return measure(I, m, NULL, pick_pv, NULL, false, m->money, false, out) &&
            (mark(I, m, "present_value", -1, out), true);
    case 5:
        return measure(I, m, NULL, pick_npv, NULL, false, m->money, false, out) &&
            (mark(I, m, "npv", -1, out), true);
    case 6:
        return measure(I, m, NULL, pick_net, NULL, false, none, false, out) &&
            (mark(I, m, "net_sroi", -1, out), true);
    case 7: return measure(I, m, NULL, pick_inputs, NULL, false, m->money, false, out);
    case 8: return measure(I, m, NULL, pick_inputs_pv, NULL, false, m->money, false, out);
    case 9: return measure(I, m, NULL, pick_positive, NULL, false, m->money, false, out);
    case 10: return measure(I, m, NULL, pick_negative, NULL, false, m->money, false, out);
    case 11: return payback_record(I, m, out);
    case 12: return list_of(I, m, m->n_inputs, input_record, out);
    case 13: return list_of(I, m, m->n_stakeholders, stakeholder_record, out);
    default: return list_of(I, m, m->n_outcomes, outcome_record_item, out);
    }
}

static int find_outcome(const SroiModel *m, const char *name)
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

static size_t model_field_names(ForeignObj *o, const char **names, size_t max)
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
    size_t n = model_field_names(o, names, cap);
    const char *s = suggest_name(name, names, n);
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < n; i++) sb_printf(&b, "%s%s", i ? ", " : "", names[i]);
    if (s)
        rt_raise(I, loc, "model '%s' has no field '%s' — did you mean '%s'?", m->decl.name, name,
                 s);
    else
        rt_raise(I, loc, "model '%s' has no field '%s'", m->decl.name, name);
    rt_hint(I, "its fields are %s", b.data);
    sb_free(&b);
    free(names);
    return false;
}

static bool model_get_field(Interp *I, ForeignObj *o, const char *name, SrcLoc loc, Value *out)
{
    const SroiModel *m = o->data;
    for (size_t k = 0; k < N_MODEL_FIELDS; k++)
        if (strcmp(name, MODEL_FIELDS[k]) == 0) return model_field(I, m, (int)k, out);
    int i = find_outcome(m, name);
    if (i >= 0) return outcome_record_item(I, m, (size_t)i, out);
    int j = find_input(m, name);
    if (j >= 0) return input_record(I, m, (size_t)j, out);
    return no_such_field(I, o, name, loc);
}

static void model_print(Interp *I, ForeignObj *o, StrBuf *out)
{
    const SroiModel *m = o->data;
    size_t n = m->n_samples ? m->n_samples : 1;
    double *vals = malloc(sizeof(double) * n);
    sb_printf(out, "<model %s", m->decl.name);
    if (m->decl.title) sb_printf(out, " \"%s\"", m->decl.title);
    if (m->scenario) sb_printf(out, " with { %s }", m->scenario);
    sb_printf(out, ": %zu outcome%s for %zu stakeholder%s", m->n_outcomes,
              m->n_outcomes == 1 ? "" : "s", m->n_stakeholders, m->n_stakeholders == 1 ? "" : "s");
    if (vals && sroi_collect(I, m, NULL, pick_pv, NULL, false, vals)) {
        sb_append(out, ", present value ");
        sroi_format_figure(I, m, vals, n, 'm', out);
    }
    if (vals && sroi_collect(I, m, NULL, pick_ratio, NULL, false, vals)) {
        sb_append(out, ", SROI ");
        sroi_format_figure(I, m, vals, n, 'r', out);
    }
    sb_append(out, ">");
    free(vals);
}

/* ---- scenarios: M with { path = value } ------------------------------------------- */

static const char *const SETTINGS[] = { "discount", "discounting", "min_cell", "horizon" };

/* Sets (or adds) field `name` in a field array being rebuilt. */
static void put_field(DeclField **fields, size_t *n, const char *name, Value v, SrcLoc loc)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*fields)[i].name, name) == 0) {
            (*fields)[i].value = v;
            (*fields)[i].loc = loc;
            (*fields)[i].expr = NULL;
            return;
        }
    *fields = realloc(*fields, sizeof(DeclField) * (*n + 1));
    (*fields)[(*n)++] = (DeclField){ name, v, loc, NULL };
}

static DeclField *clone_fields(const DeclField *f, size_t n)
{
    DeclField *c = malloc(sizeof(DeclField) * (n + 1));
    if (n) memcpy(c, f, sizeof(DeclField) * n);
    return c;
}

static bool unknown_path(Interp *I, const SroiModel *m, const char *path, SrcLoc loc)
{
    size_t cap = 4 + m->decl.n_entries;
    const char **cands = malloc(sizeof(char *) * cap);
    size_t n = 0;
    for (size_t k = 0; k < 4; k++) cands[n++] = SETTINGS[k];
    for (size_t i = 0; i < m->decl.n_entries; i++)
        if (strcmp(m->decl.entries[i].keyword, "stakeholder") != 0)
            cands[n++] = m->decl.entries[i].name;
    char head[256];
    snprintf(head, sizeof head, "%.*s", (int)strcspn(path, "."), path);
    const char *s = suggest_name(head, cands, n);
    if (s)
        rt_raise(I, loc, "model '%s' has no '%s' to change — did you mean '%s'?", m->decl.name,
                 head, s);
    else
        rt_raise(I, loc, "model '%s' has no '%s' to change", m->decl.name, head);
    rt_hint(
        I,
        "write a setting (discount = 4.5%%), an input (grant = 60_000 EUR) or an outcome's field "
        "(employment.deadweight = 40%%)");
    free(cands);
    return false;
}

static bool same_loc(SrcLoc a, SrcLoc b)
{
    return a.file == b.file && a.line == b.line && a.col == b.col;
}

/* Removes field `name` of e unless the scenario being built (locations
 * mine[0..n_mine)) set it itself; *removed gets it when there was one. */
static bool drop_base_field(DeclEntry *e, const char *name, const SrcLoc *mine, size_t n_mine,
                            DeclField *removed)
{
    for (size_t i = 0; i < e->n_fields; i++) {
        if (strcmp(e->fields[i].name, name) != 0) continue;
        for (size_t k = 0; k < n_mine; k++)
            if (same_loc(e->fields[i].loc, mine[k])) return false;
        if (removed) *removed = e->fields[i];
        memmove(&e->fields[i], &e->fields[i + 1], sizeof(DeclField) * (e->n_fields - i - 1));
        e->n_fields--;
        return true;
    }
    return false;
}

/* A profile and a drop-off are two ways of writing the decline: a scenario
 * that sets one replaces the other the base model had.  Switching to a
 * profile drops the base's duration too (a profile's length is the
 * duration); switching back to a drop-off keeps the profile's length as the
 * duration unless the scenario sets one. */
static void switch_decline(Interp *I, DeclEntry *e, const char *field, const SrcLoc *mine,
                           size_t n_mine)
{
    if (strcmp(field, "profile") == 0) {
        drop_base_field(e, SROI_FIELDS[OF_DROPOFF].name, mine, n_mine, NULL);
        drop_base_field(e, "duration", mine, n_mine, NULL);
    } else if (strcmp(field, SROI_FIELDS[OF_DROPOFF].name) == 0) {
        DeclField prof;
        if (!drop_base_field(e, "profile", mine, n_mine, &prof) || prof.value.kind != V_LIST)
            return;
        for (size_t i = 0; i < e->n_fields; i++)
            if (strcmp(e->fields[i].name, "duration") == 0) return;
        e->fields = realloc(e->fields, sizeof(DeclField) * (e->n_fields + 1));
        e->fields[e->n_fields++] =
            (DeclField){ "duration", value_num_dim((double)as_list(prof.value)->n, dim_time(I)),
                         prof.loc, NULL };
    }
}

/* Applies one override to the rebuilt declaration d (arrays owned, strings
 * borrowed); mine[0..n_mine) are the locations of this scenario's overrides. */
static bool apply_override(Interp *I, const SroiModel *m, ModelDecl *d, const char *path, Value v,
                           SrcLoc loc, const SrcLoc *mine, size_t n_mine)
{
    const char *dot = strchr(path, '.');
    if (!dot) {
        for (size_t k = 0; k < 4; k++)
            if (strcmp(path, SETTINGS[k]) == 0) {
                put_field(&d->settings, &d->n_settings, SETTINGS[k], v, loc);
                return true;
            }
    }
    size_t head_len = dot ? (size_t)(dot - path) : strlen(path);
    for (size_t i = 0; i < d->n_entries; i++) {
        DeclEntry *e = &d->entries[i];
        if (strlen(e->name) != head_len || strncmp(e->name, path, head_len) != 0) continue;
        if (strcmp(e->keyword, "stakeholder") == 0) break;
        bool is_input = strcmp(e->keyword, "input") == 0;
        if (is_input && (!dot || strcmp(dot + 1, "amount") == 0)) {
            e->value = v;
            e->value_loc = loc;
            return true;
        }
        if (!dot)
            return rt_raise(I, loc, "'%s' is an outcome: say which field to change", path) ||
                rt_hint(I, "write %s.deadweight = 40%%", path);
        switch_decline(I, e, dot + 1, mine, n_mine);
        put_field(&e->fields, &e->n_fields, dot + 1, v, loc);
        return true;
    }
    return unknown_path(I, m, path, loc);
}

static void free_rebuilt(ModelDecl *d)
{
    free(d->settings);
    for (size_t i = 0; i < d->n_entries; i++) free(d->entries[i].fields);
    free(d->entries);
}

/* An uncertain override as its median and 90% interval, in the field's
 * kind (percent, money, years, plain), e.g. "pert-like 41.3% (90%: 32.4% to 53.1%)". */
static void describe_dist(Interp *I, const SroiModel *m, const char *path, Value v, StrBuf *b)
{
    const char *dot = strrchr(path, '.');
    const char *field = dot ? dot + 1 : path;
    int number = sroi_number_field(field);
    char kind =
        (number >= 0 && SROI_FIELDS[number].kind == SROI_SHARE) || strcmp(field, "discount") == 0
        ? '%'
        : 'n';
    if (kind == 'n' && !dim_is_none(v.dim)) {
        if (dim_equal(v.dim, m->money))
            kind = 'm';
        else {
            sb_append(b, "uncertain, median ");
        }
    }
    const DistObj *d = as_dist(v);
    if (kind == 'n' && !dim_is_none(v.dim)) {
        /* a duration or another unit: its median as print shows it */
        double *c = malloc(sizeof(double) * d->n);
        if (c) {
            memcpy(c, d->s, sizeof(double) * d->n);
            Value med = v;
            med.kind = V_NUM;
            SroiFigure f;
            sroi_figure_summary(c, d->n, NULL, &f);
            med.as.num = f.q[0];
            value_format(I, med, b);
            free(c);
        }
        return;
    }
    sb_append(b, "uncertain ");
    sroi_format_figure(I, m, d->s, d->n, kind, b);
}

static char *describe_overrides(Interp *I, const SroiModel *base, size_t n, const char **paths,
                                const Value *vals)
{
    StrBuf b;
    sb_init(&b);
    if (base->scenario) sb_printf(&b, "%s, ", base->scenario);
    for (size_t i = 0; i < n; i++) {
        sb_printf(&b, "%s%s = ", i ? ", " : "", paths[i]);
        if (vals[i].kind == V_DIST)
            describe_dist(I, base, paths[i], vals[i], &b);
        else if (vals[i].kind == V_STR)
            sb_printf(&b, "\"%s\"", as_str(vals[i])->data);
        else
            value_format(I, vals[i], &b);
    }
    return b.len ? sb_take(&b) : (sb_free(&b), NULL); /* `M with { }` changes nothing */
}

static bool model_with(Interp *I, ForeignObj *o, size_t n, const char **paths, const Value *vals,
                       const SrcLoc *locs, SrcLoc loc, Value *out)
{
    const SroiModel *m = o->data;
    ModelDecl d = m->decl;
    d.settings = clone_fields(m->decl.settings, m->decl.n_settings);
    d.entries = malloc(sizeof(DeclEntry) * (m->decl.n_entries + 1));
    for (size_t i = 0; i < m->decl.n_entries; i++) {
        d.entries[i] = m->decl.entries[i];
        d.entries[i].fields = clone_fields(m->decl.entries[i].fields, m->decl.entries[i].n_fields);
    }
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = apply_override(I, m, &d, paths[i], vals[i], locs[i], locs, n);
    SroiModel *copy = NULL;
    if (ok) {
        /* The copy warns only about what the scenario changed, and about its
         * ratio only when the base model did not already. */
        double base_ratio = sroi_eval_point(m, m->central, SROI_RATIO);
        SroiWarnScope scope = { locs, n, !(base_ratio > 30) };
        ok = sroi_model_new(I, &d, &scope, &copy);
    }
    free_rebuilt(&d);
    if (!ok) return false;
    copy->scenario = describe_overrides(I, m, n, paths, vals);
    /* A copy made by the library that declares the model (the `with` is in
     * the declaration's file, and the model is not one of the user's own
     * globals) is the model built from the user's data, not a scenario. */
    Value own;
    bool users = interp_lookup(I, m->decl.name, &own) && sroi_model(own) &&
        sroi_model(own)->decl.loc.file == m->decl.loc.file;
    bool library = !users && loc.file && m->decl.loc.file &&
        strcmp(loc.file, m->decl.loc.file) == 0 &&
        (!m->scenario || m->built_len == strlen(m->scenario));
    copy->built_len = library && copy->scenario ? strlen(copy->scenario) : m->built_len;
    *out = wrap_model(copy);
    return true;
}

/* What `impact run` reports: the models the run made itself; a model a
 * module declares (`let M = v.vm`) is the module's, reported where it is
 * run as the main file. */
static bool model_is_result(ForeignObj *o)
{
    return !((const SroiModel *)o->data)->made_by_module;
}

static void model_report(Interp *I, ForeignObj *o, StrBuf *out)
{
    sroi_report_text(I, o->data, out);
}

static struct json_object *model_json(Interp *I, ForeignObj *o)
{
    return sroi_model_json(I, o->data);
}

const ObjClass sroi_model_class = {
    .name = "model",
    .free = model_free,
    .print = model_print,
    .get_field = model_get_field,
    .with = model_with,
    .field_names = model_field_names,
    .is_result = model_is_result,
    .report = model_report,
    .to_json = model_json,
};

bool sroi_build_model(Interp *I, const ModelDecl *decl, Value *out)
{
    SroiModel *m;
    if (!sroi_model_new(I, decl, NULL, &m)) return false;
    *out = wrap_model(m);
    return true;
}

/* ---- built-ins ------------------------------------------------------------------------------ */

static bool arg_model(Interp *I, const CallArgs *a, const SroiModel **m)
{
    if (a->npos >= 1 && sroi_is_model(a->pos[0])) {
        *m = sroi_model(a->pos[0]);
        return true;
    }
    const char *got = a->npos >= 1 ? value_kind_name(a->pos[0]) : "nothing";
    return rt_raise(I, arg_loc(a, 0), "%s: the first argument must be a model, got %s",
                    a->reg->signature, got) ||
        rt_hint(I, "declare one with model NAME \"Title\" { ... } and pass its name");
}

/* Fills a mask from a list of names (or one name) given as a named argument. */
static bool name_mask(Interp *I, const CallArgs *a, const char *param, const char *const *names,
                      size_t n, const char *what, bool *mask, bool *used)
{
    Value v;
    SrcLoc loc;
    if (!arg_named(a, param, &v, &loc)) return true;
    *used = true;
    memset(mask, 0, sizeof(bool) * n);
    size_t count = v.kind == V_LIST ? as_list(v)->n : 1;
    if (count == 0) /* an empty selection would silently give 0 (or no ratio) */
        return rt_raise(I, loc, "%s: the list of %ss is empty: it selects nothing",
                        a->reg->signature, what) ||
            rt_hint(I, "name at least one, %s: [\"%s\"], or leave %s: out to take the whole model",
                    param, n ? names[0] : "name", param);
    for (size_t k = 0; k < count; k++) {
        Value item = v.kind == V_LIST ? as_list(v)->items[k] : v;
        if (item.kind != V_STR)
            return rt_raise(I, loc, "%s: %s must be a list of %s names, as text", a->reg->signature,
                            param, what) ||
                rt_hint(I, "write %s: [\"%s\"]", param, n ? names[0] : "name");
        const char *name = as_str(item)->data;
        int found = -1;
        for (size_t i = 0; i < n; i++)
            if (strcmp(names[i], name) == 0) found = (int)i;
        if (found < 0) {
            const char *s = suggest_name(name, names, n);
            StrBuf b;
            sb_init(&b);
            for (size_t i = 0; i < n; i++) sb_printf(&b, "%s%s", i ? ", " : "", names[i]);
            if (s)
                rt_raise(I, loc, "%s: no %s named '%s' — did you mean '%s'?", a->reg->signature,
                         what, name, s);
            else
                rt_raise(I, loc, "%s: no %s named '%s'", a->reg->signature, what, name);
            rt_hint(I, "the %ss are %s", what, b.data);
            sb_free(&b);
            return false;
        }
        mask[found] = true;
    }
    return true;
}

typedef struct SelectionArgs {
    SroiSelection sel;
    bool *inputs, *stakeholders, *outcomes;
} SelectionArgs;

static void selection_free(SelectionArgs *s)
{
    free(s->inputs);
    free(s->stakeholders);
    free(s->outcomes);
}

static bool funder_mask(Interp *I, const CallArgs *a, const SroiModel *m, bool *mask, bool *used)
{
    Value v;
    SrcLoc loc;
    if (!arg_named(a, "funder", &v, &loc)) return true;
    if (v.kind != V_STR)
        return rt_raise(I, loc, "%s: funder must be text", a->reg->signature) ||
            rt_hint(I, "write funder: \"Métropole\"");
    bool any = false;
    for (size_t j = 0; j < m->n_inputs; j++) {
        bool match = m->inputs[j].funder && strcmp(m->inputs[j].funder, as_str(v)->data) == 0;
        if (*used)
            mask[j] = mask[j] && match; /* combined with inputs: both must hold */
        else
            mask[j] = match;
        any = any || mask[j];
    }
    *used = true;
    if (!any)
        return rt_raise(I, loc, "%s: no input of model '%s' has funder \"%s\"", a->reg->signature,
                        m->decl.name, as_str(v)->data) ||
            rt_hint(I,
                    "give inputs a funder: input grant \"Subvention\" = 80_000 EUR { funder = "
                    "\"%s\" }",
                    as_str(v)->data);
    return true;
}

static bool parse_selection(Interp *I, const CallArgs *a, const SroiModel *m, SelectionArgs *s)
{
    memset(s, 0, sizeof *s);
    s->inputs = calloc(m->n_inputs + 1, sizeof(bool));
    s->stakeholders = calloc(m->n_stakeholders + 1, sizeof(bool));
    s->outcomes = calloc(m->n_outcomes + 1, sizeof(bool));
    const char *in_names[m->n_inputs + 1], *st_names[m->n_stakeholders + 1],
        *oc_names[m->n_outcomes + 1];
    for (size_t j = 0; j < m->n_inputs; j++) in_names[j] = m->inputs[j].name;
    for (size_t k = 0; k < m->n_stakeholders; k++) st_names[k] = m->stakeholders[k].name;
    for (size_t i = 0; i < m->n_outcomes; i++) oc_names[i] = m->outcomes[i].name;
    bool use_in = false, use_st = false, use_oc = false;
    if (!name_mask(I, a, "inputs", in_names, m->n_inputs, "input", s->inputs, &use_in) ||
        !funder_mask(I, a, m, s->inputs, &use_in) ||
        !name_mask(I, a, "stakeholders", st_names, m->n_stakeholders, "stakeholder",
                   s->stakeholders, &use_st) ||
        !name_mask(I, a, "outcomes", oc_names, m->n_outcomes, "outcome", s->outcomes, &use_oc)) {
        selection_free(s);
        return false;
    }
    for (size_t k = 0; k < a->nnamed; k++) {
        const char *n = a->names[k];
        static const char *const known[] = { "inputs", "funder", "stakeholders", "outcomes" };
        if (strcmp(n, "inputs") && strcmp(n, "funder") && strcmp(n, "stakeholders") &&
            strcmp(n, "outcomes")) {
            selection_free(s);
            const char *guess = suggest_name(n, known, 4);
            if (guess)
                rt_raise(I, a->named_loc[k], "%s: unknown argument '%s' — did you mean '%s'?",
                         a->reg->signature, n, guess);
            else
                rt_raise(I, a->named_loc[k], "%s: unknown argument '%s'", a->reg->signature, n);
            return rt_hint(I,
                           "the named arguments are inputs:, funder:, stakeholders: and outcomes:");
        }
    }
    s->sel.inputs = use_in ? s->inputs : NULL;
    s->sel.stakeholders = use_st ? s->stakeholders : NULL;
    s->sel.outcomes = use_oc ? s->outcomes : NULL;
    return true;
}

/* A ratio over inputs that add up to 0 means nothing: say so rather than
 * return infinity. */
static bool inputs_positive(Interp *I, const CallArgs *a, const SroiModel *m,
                            const SroiSelection *sel)
{
    SroiTotals t;
    memset(&t, 0, sizeof t);
    sroi_eval_totals(m, m->central, m->leak_central, sel, &t);
    if (t.inputs_pv > 0) return true;
    return rt_raise(I, a->loc, "%s: the inputs selected add up to 0, so there is no ratio",
                    a->reg->signature) ||
        rt_hint(I, "select at least one input with a value: inputs: [\"%s\"]", m->inputs[0].name);
}

static bool selected_measure(Interp *I, const CallArgs *a, SroiPick pick, bool money, Value *out)
{
    const SroiModel *m;
    SelectionArgs s;
    if (!arg_model(I, a, &m) || !parse_selection(I, a, m, &s)) return false;
    if ((pick == pick_ratio || pick == pick_net) && !inputs_positive(I, a, m, &s.sel)) {
        selection_free(&s);
        return false;
    }
    bool ok = measure(I, m, &s.sel, pick, NULL, false, money ? m->money : no_dim(), false, out);
    bool whole = !s.sel.inputs && !s.sel.stakeholders && !s.sel.outcomes;
    if (ok && whole) mark(I, m, a->reg->name, -1, out);
    selection_free(&s);
    return ok;
}

static bool bi_sroi(Interp *I, const CallArgs *a, Value *out)
{
    return selected_measure(I, a, pick_ratio, false, out);
}
static bool bi_pv(Interp *I, const CallArgs *a, Value *out)
{
    return selected_measure(I, a, pick_pv, true, out);
}
static bool bi_npv(Interp *I, const CallArgs *a, Value *out)
{
    return selected_measure(I, a, pick_npv, true, out);
}
static bool bi_net(Interp *I, const CallArgs *a, Value *out)
{
    return selected_measure(I, a, pick_net, false, out);
}
static bool bi_inputs(Interp *I, const CallArgs *a, Value *out)
{
    return selected_measure(I, a, pick_inputs, true, out);
}

static bool bi_payback(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    return arg_model(I, a, &m) && payback_record(I, m, out);
}

static bool bi_outcome(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    const char *name;
    if (!arg_model(I, a, &m) || !arg_string(I, a, 1, "name", &name)) return false;
    int i = find_outcome(m, name);
    if (i >= 0) return outcome_record_item(I, m, (size_t)i, out);
    const char *names[m->n_outcomes + 1];
    for (size_t k = 0; k < m->n_outcomes; k++) names[k] = m->outcomes[k].name;
    const char *s = suggest_name(name, names, m->n_outcomes);
    if (s)
        rt_raise(I, arg_loc(a, 1), "model '%s' has no outcome '%s' — did you mean '%s'?",
                 m->decl.name, name, s);
    else
        rt_raise(I, arg_loc(a, 1), "model '%s' has no outcome '%s'", m->decl.name, name);
    StrBuf b;
    sb_init(&b);
    for (size_t k = 0; k < m->n_outcomes; k++) sb_printf(&b, "%s%s", k ? ", " : "", names[k]);
    rt_hint(I, "its outcomes are %s", m->n_outcomes ? b.data : "none");
    sb_free(&b);
    return false;
}

/* A record name → present value, for stakeholders or domains. */
static bool group_values(Interp *I, const SroiModel *m, bool domains, Value *out)
{
    size_t n = domains ? m->n_domains : m->n_stakeholders;
    Value rec = value_record_new();
    for (size_t k = 0; k < n; k++) {
        Value v;
        if (!measure(I, m, NULL, domains ? pick_domain : pick_stakeholder, &k, false, m->money,
                     false, &v)) {
            value_release(rec);
            return false;
        }
        record_set_take(rec, domains ? m->domains[k] : m->stakeholders[k].name, v,
                        domains ? m->decl.loc : m->stakeholders[k].loc);
    }
    *out = rec;
    return true;
}

static bool bi_stakeholder_value(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    return arg_model(I, a, &m) && group_values(I, m, false, out);
}

static bool bi_domain_value(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    return arg_model(I, a, &m) && group_values(I, m, true, out);
}

/* report(M) and valuemap(M): the report (report.c) of a model value. */
static bool model_arg(Interp *I, const CallArgs *a, size_t i, const SroiModel **m)
{
    if (i < a->npos && sroi_is_model(a->pos[i])) {
        *m = sroi_model(a->pos[i]);
        return true;
    }
    return rt_raise(I, arg_loc(a, i), "%s: argument %zu must be a model, got %s", a->reg->signature,
                    i + 1, i < a->npos ? value_kind_name(a->pos[i]) : "nothing") ||
        rt_hint(I, "pass the name of a model declared with model NAME \"Title\" { ... }");
}

static bool bi_report(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    if (!model_arg(I, a, 0, &m)) return false;
    StrBuf b;
    sb_init(&b);
    sroi_report_text(I, m, &b);
    *out = sroi_text_value(sb_take(&b));
    return true;
}

static bool bi_valuemap(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    return model_arg(I, a, 0, &m) && sroi_valuemap_table(I, m, out);
}

const BuiltinReg sroi_builtins[] = {
    { "report", bi_report, 1, 1, "report(model)",
      "the value map and totals of a model, as printable text" },
    { "valuemap", bi_valuemap, 1, 1, "valuemap(model)",
      "the value map as a table in the SVI column order (write_csv can save it)" },
    { "sroi", bi_sroi, 1, 1, "sroi(model)",
      "SROI ratio = present value / inputs; inputs:, funder:, stakeholders:, outcomes: restrict "
      "it" },
    { "present_value", bi_pv, 1, 1, "present_value(model)",
      "total present value of the outcomes (stakeholders:, outcomes: restrict it)" },
    { "npv", bi_npv, 1, 1, "npv(model)", "net present value = present value − inputs" },
    { "net_sroi", bi_net, 1, 1, "net_sroi(model)", "net SROI = NPV / inputs = SROI − 1" },
    { "inputs_total", bi_inputs, 1, 1, "inputs_total(model)",
      "sum of the inputs (inputs:, funder: restrict it)" },
    { "payback", bi_payback, 1, 1, "payback(model)",
      "payback in months: the Guide's formula, the year-1 variant and the discounted cumulative "
      "one" },
    { "outcome", bi_outcome, 2, 2, "outcome(model, name)", "one outcome's results as a record" },
    { "stakeholder_value", bi_stakeholder_value, 1, 1, "stakeholder_value(model)",
      "present value per stakeholder, as a record" },
    { "domain_value", bi_domain_value, 1, 1, "domain_value(model)",
      "present value per outcome domain (the outcomes' domain field), as a record" },
    { 0 },
};
