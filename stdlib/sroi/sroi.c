/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
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
#include "stdlib/sroi/sroi_value.h"

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

bool sroi_provenance(Interp *I, Value v, const SroiModel **m, const char **what, int *outcome)
{
    Value source;
    if (!interp_origin(I, v, &source, what, outcome) || !sroi_model(source)) return false;
    *m = sroi_model(source);
    return true;
}

/* Wraps a new model in its value; the model keeps a pointer to it (its
 * owner) for the marks of its results. */
Value sroi_wrap_model(SroiModel *m)
{
    Value v = value_foreign(&sroi_model_class, m);
    m->self = as_foreign(v);
    return v;
}

static void model_free(ForeignObj *o)
{
    sroi_model_free(o->data);
}

/* ---- field access -------------------------------------------------------------------- */

static void model_print(Interp *I, ForeignObj *o, StrBuf *out)
{
    const SroiModel *m = o->data;
    size_t n = m->n_samples ? m->n_samples : 1;
    double *vals = malloc(sizeof(double) * n);
    sb_printf(out, "<model %s", m->decl.name);
    if (m->decl.title) sb_printf(out, " \"%s\"", m->decl.title);
    if (m->scenario) sb_printf(out, " with { %s }", m->scenario);
    char outcomes[64], stakeholders[64];
    snprintf(outcomes, sizeof outcomes,
             ngettext("%zu outcome", "%zu outcomes", (unsigned long)m->n_outcomes), m->n_outcomes);
    snprintf(stakeholders, sizeof stakeholders,
             ngettext("%zu stakeholder", "%zu stakeholders", (unsigned long)m->n_stakeholders),
             m->n_stakeholders);
    /* TRANSLATORS: "<model jobs: 3 outcomes for 2 stakeholders" */
    sb_printf(out, _(": %s for %s"), outcomes, stakeholders);
    if (vals && sroi_collect(I, m, NULL, sroi_pick_pv, NULL, false, vals)) {
        sb_append(out, _(", present value "));
        sroi_format_figure(I, m, vals, n, 'm', out);
    }
    if (vals && sroi_collect(I, m, NULL, sroi_pick_ratio, NULL, false, vals)) {
        sb_append(out, ", SROI ");
        sroi_format_figure(I, m, vals, n, 'r', out);
    }
    sb_append(out, ">");
    free(vals);
}

/* ---- scenarios: M with { path = value } ------------------------------------------- */

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

/* M with { path = value }: the rebuilt copy (sroi_with.c), wrapped. */
static bool model_with(Interp *I, ForeignObj *o, size_t n, const char **paths, const Value *vals,
                       const SrcLoc *locs, SrcLoc loc, Value *out)
{
    const SroiModel *m = o->data;
    SroiModel *copy;
    if (!sroi_rebuild_with(I, m, n, paths, vals, locs, &copy)) return false;
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
    *out = sroi_wrap_model(copy);
    return true;
}

const ObjClass sroi_model_class =
    OBJ_CLASS("model", model_free, model_print, .get_field = sroi_model_get_field,
              .with = model_with, .field_names = sroi_model_field_names,
              .is_result = model_is_result, .report = model_report, .to_json = model_json);

bool sroi_build_model(Interp *I, const ModelDecl *decl, Value *out)
{
    SroiModel *m;
    if (!sroi_model_new(I, decl, NULL, NULL, &m)) return false;
    *out = sroi_wrap_model(m);
    return true;
}

/* ---- built-ins ------------------------------------------------------------------------------ */

static bool arg_model(Interp *I, const CallArgs *a, const SroiModel **m)
{
    if (a->npos >= 1 && sroi_is_model(a->pos[0])) {
        *m = sroi_model(a->pos[0]);
        return true;
    }
    const char *got = a->npos >= 1 ? value_kind_name(a->pos[0]) : _("nothing");
    return rt_raise(I, arg_loc(a, 0), _("%s: the first argument must be a model, got %s"),
                    a->reg->signature, got) ||
        rt_hint(I, _("declare one with model NAME \"Title\" { ... } and pass its name"));
}

/* Fills a mask from a list of names (or one name) given as a named argument. */
static bool name_mask(Interp *I, const CallArgs *a, const char *param, const char *const *names,
                      size_t n, bool *mask, bool *used)
{
    Value v;
    SrcLoc loc;
    if (!arg_named(a, param, &v, &loc)) return true;
    *used = true;
    memset(mask, 0, sizeof(bool) * n);
    size_t count = v.kind == V_LIST ? as_list(v)->n : 1;
    if (count == 0) /* an empty selection would silently give 0 (or no ratio) */
        return rt_raise(I, loc, _("%s: the list given to %s: is empty: it selects nothing"),
                        a->reg->signature, param) ||
            rt_hint(I,
                    _("name at least one, %s: [\"%s\"], or leave %s: out to take the whole model"),
                    param, n ? names[0] : "name", param);
    for (size_t k = 0; k < count; k++) {
        Value item = v.kind == V_LIST ? as_list(v)->items[k] : v;
        if (item.kind != V_STR)
            return rt_raise(I, loc, _("%s: %s: must be a list of names, as text"),
                            a->reg->signature, param) ||
                rt_hint(I, _("write %s: [\"%s\"]"), param, n ? names[0] : "name");
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
                rt_raise(I, loc,
                         _("%s: %s: names '%s', which the model does not have — did you mean "
                           "'%s'?"),
                         a->reg->signature, param, name, s);
            else
                rt_raise(I, loc, _("%s: %s: names '%s', which the model does not have"),
                         a->reg->signature, param, name);
            rt_hint(I, _("%s: accepts these names: %s"), param, b.data);
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
        return rt_raise(I, loc, _("%s: funder must be text"), a->reg->signature) ||
            rt_hint(I, _("write funder: \"Métropole\""));
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
        return rt_raise(I, loc, _("%s: no input of model '%s' has funder \"%s\""),
                        a->reg->signature, m->decl.name, as_str(v)->data) ||
            rt_hint(I,
                    _("give inputs a funder: input grant \"Subvention\" = 80_000 EUR { funder = "
                      "\"%s\" }"),
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
    if (!name_mask(I, a, "inputs", in_names, m->n_inputs, s->inputs, &use_in) ||
        !funder_mask(I, a, m, s->inputs, &use_in) ||
        !name_mask(I, a, "stakeholders", st_names, m->n_stakeholders, s->stakeholders, &use_st) ||
        !name_mask(I, a, "outcomes", oc_names, m->n_outcomes, s->outcomes, &use_oc)) {
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
                rt_raise(I, a->named_loc[k], _("%s: unknown argument '%s' — did you mean '%s'?"),
                         a->reg->signature, n, guess);
            else
                rt_raise(I, a->named_loc[k], _("%s: unknown argument '%s'"), a->reg->signature, n);
            return rt_hint(
                I, _("the named arguments are inputs:, funder:, stakeholders: and outcomes:"));
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
    return rt_raise(I, a->loc, _("%s: the inputs selected add up to 0, so there is no ratio"),
                    a->reg->signature) ||
        rt_hint(I, _("select at least one input with a value: inputs: [\"%s\"]"),
                m->inputs[0].name);
}

/* sroi, present_value, npv, net_sroi and inputs_total: one built-in,
 * selected_measure; each one's variant (sroi.def) names its figure here. */
enum { MEASURE_RATIO, MEASURE_PV, MEASURE_NPV, MEASURE_NET, MEASURE_INPUTS };
static const struct {
    SroiPick pick;
    bool money; /* in the model's currency (a ratio is a plain number) */
} measures[] = {
    [MEASURE_RATIO] = { sroi_pick_ratio, false },  [MEASURE_PV] = { sroi_pick_pv, true },
    [MEASURE_NPV] = { sroi_pick_npv, true },       [MEASURE_NET] = { sroi_pick_net, false },
    [MEASURE_INPUTS] = { sroi_pick_inputs, true },
};

static bool selected_measure(Interp *I, const CallArgs *a, Value *out)
{
    SroiPick pick = measures[a->reg->variant].pick;
    bool money = measures[a->reg->variant].money;
    const SroiModel *m;
    SelectionArgs s;
    if (!arg_model(I, a, &m) || !parse_selection(I, a, m, &s)) return false;
    if ((pick == sroi_pick_ratio || pick == sroi_pick_net) && !inputs_positive(I, a, m, &s.sel)) {
        selection_free(&s);
        return false;
    }
    /* Without a selection, the whole model: its figures are read from the
     * sample cache its build filled (a selection is computed sample by sample). */
    bool whole = !s.sel.inputs && !s.sel.stakeholders && !s.sel.outcomes;
    bool ok = sroi_measure(I, m, whole ? NULL : &s.sel, pick, NULL, false,
                           money ? m->money : sroi_no_dim(), false, out);
    if (ok && whole) sroi_mark(I, m, a->reg->name, -1, out);
    selection_free(&s);
    return ok;
}

static bool bi_payback(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    return arg_model(I, a, &m) && sroi_payback_record(I, m, out);
}

static bool bi_outcome(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    const char *name;
    if (!arg_model(I, a, &m) || !arg_string(I, a, 1, "name", &name)) return false;
    int i = sroi_find_outcome(m, name);
    if (i >= 0) return sroi_outcome_record_item(I, m, (size_t)i, out);
    const char *names[m->n_outcomes + 1];
    for (size_t k = 0; k < m->n_outcomes; k++) names[k] = m->outcomes[k].name;
    const char *s = suggest_name(name, names, m->n_outcomes);
    if (s)
        rt_raise(I, arg_loc(a, 1), _("model '%s' has no outcome '%s' — did you mean '%s'?"),
                 m->decl.name, name, s);
    else
        rt_raise(I, arg_loc(a, 1), _("model '%s' has no outcome '%s'"), m->decl.name, name);
    StrBuf b;
    sb_init(&b);
    for (size_t k = 0; k < m->n_outcomes; k++) sb_printf(&b, "%s%s", k ? ", " : "", names[k]);
    rt_hint(I, _("its outcomes are %s"), m->n_outcomes ? b.data : "none");
    sb_free(&b);
    return false;
}

/* stakeholder_value and domain_value: a record name → present value, per
 * stakeholder or per domain (the variant, sroi.def). */
enum { PER_STAKEHOLDER, PER_DOMAIN };

static bool group_values(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    if (!arg_model(I, a, &m)) return false;
    bool domains = a->reg->variant == PER_DOMAIN;
    size_t n = domains ? m->n_domains : m->n_stakeholders;
    Value rec = value_record_new();
    for (size_t k = 0; k < n; k++) {
        Value v;
        if (!sroi_measure(I, m, NULL, domains ? sroi_pick_domain : sroi_pick_stakeholder, &k, false,
                          m->money, false, &v)) {
            value_release(rec);
            return false;
        }
        record_set_take(rec, domains ? m->domains[k] : m->stakeholders[k].name, v,
                        domains ? m->decl.loc : m->stakeholders[k].loc);
    }
    *out = rec;
    return true;
}

/* report(M) and valuemap(M): the report (report.c) of a model value. */
static bool model_arg(Interp *I, const CallArgs *a, size_t i, const SroiModel **m)
{
    if (i < a->npos && sroi_is_model(a->pos[i])) {
        *m = sroi_model(a->pos[i]);
        return true;
    }
    return rt_raise(I, arg_loc(a, i), _("%s: argument %zu must be a model, got %s"),
                    a->reg->signature, i + 1,
                    i < a->npos ? value_kind_name(a->pos[i]) : _("nothing")) ||
        rt_hint(I, _("pass the name of a model declared with model NAME \"Title\" { ... }"));
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
#include "stdlib/sroi/sroi.def"
    { 0 },
};
