/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_picks.c — the figures of a model's totals, one sample at a time.
 *
 * Contract: each SroiPick reads one figure from the totals of one sample
 * (SroiTotals, sroi_calc.c): present value, ratio, inputs, a stakeholder's
 * or a domain's value (ctx points at its index), payback in months (NaN
 * when nothing pays back).  sroi_collect() calls them for every sample; the
 * built-ins, M.field, compare() and explain() share them.
 */
#include <math.h>

#include "stdlib/sroi/sroi_internal.h"

double sroi_pick_pv(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv;
}
double sroi_pick_ratio(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv / t->inputs_pv;
}
double sroi_pick_npv(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv - t->inputs_pv;
}
double sroi_pick_net(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return (t->pv - t->inputs_pv) / t->inputs_pv;
}
double sroi_pick_inputs(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->inputs_total;
}
double sroi_pick_inputs_pv(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->inputs_pv;
}
double sroi_pick_positive(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv_positive;
}
double sroi_pick_negative(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv_negative;
}
double sroi_pick_stakeholder(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->stakeholder_pv[*(const size_t *)ctx];
}
double sroi_pick_domain(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->domain_pv[*(const size_t *)ctx];
}

/* Guide payback: inputs / (annual impact / 12); NaN when nothing pays back. */
double sroi_pick_payback_guide(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->annual_impact > 0 ? t->inputs_pv / (t->annual_impact / 12.0) : NAN;
}
double sroi_pick_payback_year1(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->year1_value > 0 ? t->inputs_pv / (t->year1_value / 12.0) : NAN;
}
/* Discounted cumulative payback with linear interpolation within the year
 * (docs/METHOD.md §1.6); NaN when the cumulative value never reaches the inputs. */
double sroi_pick_payback_discounted(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    double cumulative = 0, target = t->inputs_pv;
    for (int y = 1; y <= m->max_years; y++) {
        double d = t->year_pv[y];
        if (cumulative + d >= target && d > 0) return 12.0 * ((y - 1) + (target - cumulative) / d);
        cumulative += d;
    }
    return NAN;
}
double sroi_pick_annual(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->annual_impact;
}
/* The stakeholder's share of the present value; NaN when it is 0. */
double sroi_pick_share(const SroiModel *m, const SroiTotals *t, const void *ctx)
{
    return t->pv != 0 ? t->stakeholder_pv[*(const size_t *)ctx] / t->pv : NAN;
}
