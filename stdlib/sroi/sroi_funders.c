/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_funders.c — sharing a model's value among its co-funders
 * (docs/METHOD.md §1.11).
 *
 * Contract: sroi_funders_build() groups the inputs by funder (in the order
 * their first input is declared; inputs with no funder form one group whose
 * name is NULL) and decodes the model setting `funder_share`:
 *   not set, or "none"  each funder's ratio divides the whole present value by
 *                       its own inputs (sroi(M, funder: ...)): nothing is shared;
 *   "pro_rata"          each funder is attributed the share of the present
 *                       value equal to its share of the inputs' present value;
 *   { "Région": 60%, "État": 40% }   the shares the model states: one per
 *                       funder of the inputs, each 0%..100%, adding up to 100%.
 * Under a convention, the attributed values add up to the present value,
 * sample by sample.  Every refusal is located (the table's item, the
 * setting, or the input with no funder) and says what to write.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mem.h"
#include "stdlib/sroi/sroi_internal.h"

/* as reports name the conventions ("none", the setting's word for the first,
 * would read as an English word in a French report) */
const char *const SROI_FUNDER_SHARE_NAMES[3] = { "not_shared", "pro_rata", "table" };

/* ---- grouping the inputs ------------------------------------------------------ */

static bool same_funder(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static void group_inputs(SroiModel *m)
{
    m->funders = xcalloc(m->n_inputs + 1, sizeof *m->funders);
    m->n_funders = 0;
    for (size_t j = 0; j < m->n_inputs; j++) {
        SroiInput *in = &m->inputs[j];
        size_t k = 0;
        while (k < m->n_funders && !same_funder(m->funders[k].name, in->funder)) k++;
        if (k == m->n_funders)
            m->funders[m->n_funders++] = (SroiFunder){ .name = in->funder, .share = NAN };
        in->funder_group = (int)k;
    }
}

/* ---- the table ----------------------------------------------------------------- */

/* Where item k of the table was written: its expression in the record
 * literal, else the setting. */
static SrcLoc item_loc(const DeclField *f, size_t k)
{
    const Node *e = f->expr;
    if (e && e->kind == N_RECORD && k < e->n_items && e->items[k]->a) return e->items[k]->a->loc;
    return f->loc;
}

static void funder_list(const SroiModel *m, StrBuf *b)
{
    bool first = true;
    for (size_t k = 0; k < m->n_funders; k++) {
        if (!m->funders[k].name) continue;
        sb_printf(b, "%s\"%s\"", first ? "" : ", ", m->funders[k].name);
        first = false;
    }
}

static bool table_key(Interp *I, SroiModel *m, const DeclField *f, size_t item, const char *key,
                      size_t *group)
{
    for (size_t k = 0; k < m->n_funders; k++)
        if (m->funders[k].name && strcmp(m->funders[k].name, key) == 0) {
            *group = k;
            return true;
        }
    const char *names[m->n_funders + 1];
    size_t n = 0;
    for (size_t k = 0; k < m->n_funders; k++)
        if (m->funders[k].name) names[n++] = m->funders[k].name;
    const char *guess = suggest_name(key, names, n);
    SrcLoc loc = item_loc(f, item);
    if (guess)
        rt_raise(I, loc,
                 _("funder_share names \"%s\", which is the funder of no input of model '%s' — "
                   "did you mean '%s'?"),
                 key, m->decl.name, guess);
    else
        rt_raise(I, loc,
                 _("funder_share names \"%s\", which is the funder of no input of model '%s'"), key,
                 m->decl.name);
    StrBuf b;
    sb_init(&b);
    funder_list(m, &b);
    if (b.data)
        rt_hint(I, _("the funders of the model's inputs are %s"), b.data);
    else
        rt_hint(I,
                _("give inputs a funder first: input grant \"Subvention\" = 80_000 EUR { funder "
                  "= \"Région\" }"));
    sb_free(&b);
    return false;
}

static bool table_share(Interp *I, const SroiModel *m, const DeclField *f, size_t item,
                        const char *key, Value v, double *share)
{
    if (v.kind == V_NUM && dim_is_none(v.dim) && v.as.num >= 0 && v.as.num <= 1) {
        *share = v.as.num;
        return true;
    }
    SrcLoc loc = item_loc(f, item);
    if (v.kind == V_NUM && dim_is_none(v.dim))
        rt_raise(
            I, loc,
            _("the share of \"%s\" in funder_share is %g%%: a share lies between 0%% and 100%%"),
            key, v.as.num * 100);
    else
        rt_raise(I, loc,
                 _("the share of \"%s\" in funder_share is not a percentage: each funder's share "
                   "of the value is a fixed share, without unit"),
                 key);
    (void)m;
    return rt_hint(I, _("write funder_share = { \"Région\": 60%%, \"État\": 40%% }"));
}

/* Every input belongs to a named funder, and every funder has its share. */
static bool table_complete(Interp *I, const SroiModel *m, const DeclField *f, const bool *given)
{
    for (size_t j = 0; j < m->n_inputs; j++)
        if (!m->inputs[j].funder)
            return rt_raise(I, m->inputs[j].loc,
                            _("input '%s' has no funder, but funder_share shares the value "
                              "among named funders"),
                            m->inputs[j].name) ||
                rt_hint(I,
                        _("give it a funder (input %s \"...\" = ... { funder = \"...\" }), "
                          "or write funder_share = \"pro_rata\""),
                        m->inputs[j].name);
    for (size_t k = 0; k < m->n_funders; k++)
        if (!given[k])
            return rt_raise(I, f->loc, _("funder \"%s\" has inputs but no share in funder_share"),
                            m->funders[k].name) ||
                rt_hint(I,
                        _("add \"%s\": 0%% to the table if none of the value is attributed to "
                          "it"),
                        m->funders[k].name);
    double sum = 0;
    for (size_t k = 0; k < m->n_funders; k++) sum += m->funders[k].share;
    if (fabs(sum - 1) <= 1e-9) return true;
    return rt_raise(I, f->loc,
                    _("the shares of funder_share add up to %g%%: they must add up to 100%%"),
                    sum * 100) ||
        rt_hint(I, _("change the shares so that the whole present value is attributed, once"));
}

static bool decode_table(Interp *I, SroiModel *m, const DeclField *f)
{
    const RecordObj *r = as_record(f->value);
    if (r->n == 0)
        return rt_raise(I, f->loc, _("funder_share is an empty table")) ||
            rt_hint(I, _("write funder_share = { \"Région\": 60%%, \"État\": 40%% }"));
    bool given[m->n_funders + 1];
    memset(given, 0, sizeof given);
    for (size_t i = 0; i < r->n; i++) {
        size_t k;
        if (!table_key(I, m, f, i, r->keys[i], &k) ||
            !table_share(I, m, f, i, r->keys[i], r->vals[i], &m->funders[k].share))
            return false;
        given[k] = true;
    }
    m->funder_share = FUNDER_SHARE_TABLE;
    return table_complete(I, m, f, given);
}

/* ---- the setting ------------------------------------------------------------------ */

bool sroi_funders_build(Interp *I, SroiModel *m, const DeclField *f)
{
    group_inputs(m);
    m->funder_share = FUNDER_SHARE_NONE;
    if (!f) return true;
    m->funder_share_loc = f->loc;
    if (f->value.kind == V_RECORD) return decode_table(I, m, f);
    if (f->value.kind == V_STR) {
        const char *word = as_str(f->value)->data;
        if (strcmp(word, "pro_rata") == 0) {
            m->funder_share = FUNDER_SHARE_PRO_RATA;
            return true;
        }
        if (strcmp(word, "none") == 0) return true;
        static const char *const words[] = { "pro_rata", "none" };
        const char *guess = suggest_name(word, words, 2);
        if (guess)
            rt_raise(I, f->loc,
                     _("funder_share is \"%s\": it must be \"pro_rata\", \"none\" or a table of "
                       "shares — did you mean '%s'?"),
                     word, guess);
        else
            rt_raise(I, f->loc,
                     _("funder_share is \"%s\": it must be \"pro_rata\", \"none\" or a table of "
                       "shares"),
                     word);
    } else {
        rt_raise(I, f->loc,
                 _("funder_share is a %s: it must be \"pro_rata\", \"none\" or a table of shares"),
                 value_kind_name(f->value));
    }
    return rt_hint(I,
                   _("write funder_share = \"pro_rata\" (value shared in proportion to each "
                     "funder's inputs) or funder_share = { \"Région\": 60%%, \"État\": 40%% }"));
}

/* ---- figures ----------------------------------------------------------------------- */

static double pick_pv(const SroiModel *m, const SroiTotals *t, const void *c)
{
    (void)m;
    (void)c;
    return t->pv;
}

static double pick_inputs_pv(const SroiModel *m, const SroiTotals *t, const void *c)
{
    (void)m;
    (void)c;
    return t->inputs_pv;
}

bool sroi_funder_samples(Interp *I, const SroiModel *m, size_t k, double *inputs_pv,
                         double *per_unit, double *value, double *ratio)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    double *pv = xmalloc(sizeof(double) * n), *all = xmalloc(sizeof(double) * n);
    bool mask[m->n_inputs + 1];
    for (size_t j = 0; j < m->n_inputs; j++) mask[j] = m->inputs[j].funder_group == (int)k;
    SroiSelection own = { .inputs = mask };
    const SroiPick picks[2] = { pick_pv, pick_inputs_pv };
    double *const outs[2] = { pv, all };
    bool ok = sroi_collect_many(I, m, NULL, 2, picks, NULL, false, outs) &&
        sroi_collect(I, m, &own, pick_inputs_pv, NULL, false, inputs_pv);
    for (size_t s = 0; ok && s < n; s++) {
        double share =
            m->funder_share == FUNDER_SHARE_TABLE ? m->funders[k].share : inputs_pv[s] / all[s];
        if (per_unit) per_unit[s] = pv[s] / inputs_pv[s];
        value[s] = m->funder_share == FUNDER_SHARE_NONE ? pv[s] : pv[s] * share;
        ratio[s] = value[s] / inputs_pv[s];
    }
    free(pv);
    free(all);
    return ok;
}

void sroi_funder_point(const SroiModel *m, const double *x, size_t k, SroiFunderPoint *out)
{
    bool mask[m->n_inputs + 1];
    for (size_t j = 0; j < m->n_inputs; j++) mask[j] = m->inputs[j].funder_group == (int)k;
    SroiSelection own = { .inputs = mask };
    SroiTotals all = { 0 }, one = { 0 };
    sroi_eval_totals(m, x, m->leak_central, NULL, &all);
    sroi_eval_totals(m, x, m->leak_central, &own, &one);
    out->inputs_total = one.inputs_total;
    out->inputs_pv = one.inputs_pv;
    out->input_share = all.inputs_pv != 0 ? one.inputs_pv / all.inputs_pv : NAN;
    out->per_unit = one.inputs_pv != 0 ? all.pv / one.inputs_pv : NAN;
    switch (m->funder_share) {
    case FUNDER_SHARE_NONE: out->value_share = NAN; break;
    case FUNDER_SHARE_PRO_RATA: out->value_share = out->input_share; break;
    case FUNDER_SHARE_TABLE: out->value_share = m->funders[k].share; break;
    }
    out->value = all.pv * out->value_share;
    out->ratio = one.inputs_pv != 0 ? out->value / one.inputs_pv : NAN;
}

/* ---- words ----------------------------------------------------------------------- */

const char *sroi_funder_convention_text(const SroiModel *m)
{
    switch (m->funder_share) {
    case FUNDER_SHARE_PRO_RATA:
        return _(
            "Value shared among funders pro rata (funder_share = \"pro_rata\"): each funder is "
            "attributed the share of the present value equal to its share of the inputs; the "
            "attributed values add up to the present value.");
    case FUNDER_SHARE_TABLE:
        return _("Value shared among funders by the model's table (funder_share): each funder is "
                 "attributed the share of the present value the table gives it; the attributed "
                 "values add up to the present value.");
    case FUNDER_SHARE_NONE: break;
    }
    return _("Value not shared among funders (the model sets no funder_share): each funder's "
             "figure divides the present value of all outcomes by that funder's inputs, so the "
             "figures of co-funders do not add up.");
}

void sroi_funder_sentence(const SroiModel *m, size_t k, const char *input_share,
                          const char *value_share, StrBuf *b)
{
    const char *name = m->funders[k].name;
    switch (m->funder_share) {
    case FUNDER_SHARE_NONE:
        if (name)
            sb_printf(b, _("present value of all outcomes ÷ the inputs of %s (%s of all inputs)"),
                      name, input_share);
        else
            sb_printf(b,
                      _("present value of all outcomes ÷ the inputs with no funder (%s of all "
                        "inputs)"),
                      input_share);
        break;
    case FUNDER_SHARE_PRO_RATA:
        if (name)
            sb_printf(b,
                      _("%s of the present value (pro rata: its share of all inputs) ÷ the inputs "
                        "of %s"),
                      value_share, name);
        else
            sb_printf(b,
                      _("%s of the present value (pro rata: their share of all inputs) ÷ the "
                        "inputs with no funder"),
                      value_share);
        break;
    case FUNDER_SHARE_TABLE: /* every input has a funder (sroi_funders_build) */
        sb_printf(b,
                  _("%s of the present value (the model's funder_share table) ÷ the inputs of %s "
                    "(%s of all inputs)"),
                  value_share, name ? name : "", input_share);
        break;
    }
}

const char *sroi_funder_name(const SroiModel *m, size_t k)
{
    return m->funders[k].name ? m->funders[k].name : _("no funder");
}
