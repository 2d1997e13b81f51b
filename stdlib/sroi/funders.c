/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* funders.c — funder_value(M) and funder_sroi(M): the value a model
 * attributes to each co-funder under its funder_share convention, and that
 * value per unit of the funder's inputs (docs/METHOD.md §1.11).
 *
 * Contract: both return a record funder → figure (a distribution when the
 * model is uncertain), in the order the funders' first inputs are declared;
 * the inputs with no funder are under "no_funder".  The values add up to
 * present_value(M), sample by sample.  A model that shares nothing
 * (funder_share not set) is refused with a hint: its per-funder ratio is
 * sroi(M, funder: "..."), which divides the whole present value.
 */
#include <stdlib.h>

#include "runtime/mem.h"
#include "stdlib/sroi/sroi_internal.h"
#include "stdlib/stdlib.h"

static bool model_with_convention(Interp *I, const CallArgs *a, const SroiModel **m)
{
    if (a->npos < 1 || !sroi_is_model(a->pos[0]))
        return rt_raise(I, arg_loc(a, 0), _("%s: the first argument must be a model, got %s"),
                        a->reg->signature,
                        a->npos >= 1 ? value_kind_name(a->pos[0]) : _("nothing")) ||
            rt_hint(I, _("declare one with model NAME \"Title\" { ... } and pass its name"));
    *m = sroi_model(a->pos[0]);
    if ((*m)->funder_share != FUNDER_SHARE_NONE) return true;
    return rt_raise(I, arg_loc(a, 0),
                    _("%s: model '%s' does not share its value among funders (funder_share is "
                      "not set, or is \"none\")"),
                    a->reg->signature, (*m)->decl.name) ||
        rt_hint(I,
                _("write funder_share = \"pro_rata\" in the model (or M with { funder_share = "
                  "\"pro_rata\" }); sroi(M, funder: \"...\") divides the whole present value "
                  "by one funder's inputs"));
}

/* funder_value and funder_sroi: the value attributed to each funder, or
 * that value per unit of the funder's inputs (the variant, funders.def). */
enum { FUNDER_VALUE, FUNDER_RATIO };

static bool funder_record(Interp *I, const CallArgs *a, Value *out)
{
    bool ratios = a->reg->variant == FUNDER_RATIO;
    const SroiModel *m = NULL;
    if (!model_with_convention(I, a, &m)) return false;
    size_t n = m->n_samples ? m->n_samples : 1;
    double *inputs = xmalloc(sizeof(double) * n), *value = xmalloc(sizeof(double) * n),
           *ratio = xmalloc(sizeof(double) * n);
    Value rec = value_record_new();
    bool ok = true;
    for (size_t k = 0; ok && k < m->n_funders; k++) {
        ok = sroi_funder_samples(I, m, k, inputs, NULL, value, ratio);
        if (!ok) break;
        Dim none = { { 0 } };
        Value v = ratios ? sroi_make_value(m, ratio, none, false)
                         : sroi_make_value(m, value, m->money, false);
        const char *key = m->funders[k].name ? m->funders[k].name : SROI_NO_FUNDER_KEY;
        record_set_take(rec, key, v, m->funder_share_loc);
    }
    free(inputs);
    free(value);
    free(ratio);
    if (!ok) {
        value_release(rec);
        return false;
    }
    *out = rec;
    return true;
}

const BuiltinReg funders_builtins[] = {
#include "stdlib/sroi/funders.def"
    { 0 },
};
