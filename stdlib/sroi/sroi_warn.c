/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_warn.c — plausibility warnings on a valid model (docs/METHOD.md §1.9).
 *
 * Contract: sroi_warn_model() prints warnings (never errors: a run goes on)
 * about figures that are allowed but unusual — large deflator shares, long
 * durations, a ratio out of the usual range — limited to the fields a scope
 * names (a `with` scenario warns only about what it changed).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/disclosure.h"
#include "stdlib/privacy/privacy.h"
#include "lang/check.h"
#include "stdlib/sroi/sroi_build.h"

static bool in_scope(const SroiWarnScope *scope, const SroiNum *f)
{
    if (!scope) return f->given;
    for (size_t i = 0; i < scope->n; i++)
        if (f->given && f->loc.file == scope->locs[i].file && f->loc.line == scope->locs[i].line &&
            f->loc.col == scope->locs[i].col)
            return true;
    return false;
}

/* Whether field k of an outcome is worth a warning: its central value
 * (median) above limit, and the field among those the scope names. */
static bool above(const SroiOutcome *o, const double *central, int k, double limit,
                  const SroiWarnScope *scope)
{
    return central[k] > limit && in_scope(scope, &o->f[k]);
}

static void warn_share(Interp *I, const SroiOutcome *o, const double *central, int k,
                       const char *benchmark, const SroiWarnScope *scope)
{
    if (above(o, central, k, 0.9, scope))
        rt_warn(I, o->f[k].loc,
                _("%s of outcome '%s' is %g%%: published SROI reports rarely go above %s; "
                  "check the evidence for it"),
                SROI_FIELDS[k].name, o->name, central[k] * 100, _(benchmark));
}

static void warn_outcome(Interp *I, const SroiModel *m, size_t i, double gross_share,
                         const SroiWarnScope *scope)
{
    const SroiOutcome *o = &m->outcomes[i];
    const double *central = m->central + i * OF_PARAMS; /* medians computed once at build */
    /* The benchmarks are sentences of their own language (« 50 % (p90 de 154
     * rapports ; médiane 20 %) »), not figures: translated whole. */
    /* xgettext:no-c-format */
    warn_share(I, o, central, OF_DEADWEIGHT, N_("50% (p90 of 154 reports; median 20%)"), scope);
    /* xgettext:no-c-format */
    warn_share(I, o, central, OF_ATTRIBUTION, N_("53% (p90 of 216 reports; median 25.5%)"), scope);
    /* xgettext:no-c-format */
    warn_share(I, o, central, OF_DROPOFF, N_("50% a year (p90 of 90 reports; median 21.5%)"),
               scope);
    if (above(o, central, OF_DURATION, 10, scope))
        rt_warn(I, o->f[OF_DURATION].loc,
                _("duration of outcome '%s' is %g years: SROI value maps rarely claim more than "
                  "5 years; over 10 years, check the evidence that the change lasts"),
                o->name, central[OF_DURATION]);
    /* Deflators all left out on an outcome that weighs in the total. */
    bool none = !o->f[OF_DEADWEIGHT].given && !o->f[OF_DISPLACEMENT].given &&
        !o->f[OF_ATTRIBUTION].given && !o->f[OF_LEAKAGE].given;
    bool fresh = !scope || in_scope(scope, &o->f[OF_QUANTITY]) || in_scope(scope, &o->f[OF_PROXY]);
    if (none && gross_share >= 0.05 && fresh)
        rt_warn(I, o->loc,
                _("outcome '%s' has no deadweight, displacement or attribution: did you forget "
                  "deadweight and attribution? (write deadweight = 0%% if none applies)"),
                o->name);
}

void sroi_warn_model(Interp *I, const SroiModel *m, const SroiWarnScope *scope)
{
    double rate = m->central[m->n_params - 1];
    if ((rate < 0 || rate > 0.15) && in_scope(scope, &m->discount))
        rt_warn(I, m->discount.loc,
                _("discount rate %g%% is outside the range of published SROI reports "
                  "(2%% to 15%%, median 3.5%%)"),
                rate * 100);
    double total_gross = 0;
    double gross[m->n_outcomes + 1];
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        const double *central = m->central + i * OF_PARAMS;
        gross[i] = fabs(central[OF_QUANTITY] * central[OF_PROXY]);
        (void)o;
        total_gross += gross[i];
    }
    for (size_t i = 0; i < m->n_outcomes; i++)
        warn_outcome(I, m, i, total_gross > 0 ? gross[i] / total_gross : 0, scope);
    if (scope && !scope->ratio) return;
    double ratio = sroi_eval_point(m, m->central, SROI_RATIO);
    if (ratio > 30)
        rt_warn(I, m->decl.loc,
                _("the SROI ratio of model '%s' is %.1f: review: only 1 of 247 published "
                  "SROI reports exceeds 37 (median 3.56)"),
                m->decl.name, ratio);
}
