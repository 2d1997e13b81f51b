/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_judgements.c — the text report's section on what a reviewer asks
 * of each outcome besides its figures (docs/METHOD.md §1.12): whether it is
 * material, the grade of the evidence behind its proxy and its quantity, and
 * distance travelled.
 *
 * Contract: shown when some outcome states one of them (or is judged not
 * material), one row per outcome; then each outcome judged not material with
 * its reason, and the rule: listed in the value map, left out of every total
 * (SVI principle 4, "only include what is material").
 */
#include <math.h>
#include <stdlib.h>

#include "runtime/mem.h"
#include "stdlib/core/numfmt.h"
#include "stdlib/core/text_grid.h"
#include "stdlib/sroi/report.h"

static bool states_any(const SroiModel *m)
{
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        if (o->text[OT_MATERIAL_REASON]) return true;
        for (int k = 0; k < OJ_COUNT; k++)
            if (o->judgement[k].given) return true;
    }
    return false;
}

const char *sroi_grade_words(const SroiOutcome *o, int k)
{
    static const char *const words[SROI_N_GRADES] = { NC_("evidence", "high"),
                                                      NC_("evidence", "moderate"),
                                                      NC_("evidence", "low"),
                                                      NC_("evidence", "very low") };
    int g = o->judgement[k].choice;
    return g >= 0 && g < SROI_N_GRADES ? i18n_context("evidence", words[g]) : "";
}

/* "2.1 → 3.4 on 1 to 5 (+1.3: 32.5% of the scale)" */
static char *distance_words(const SroiOutcome *o, Language lang)
{
    const SroiJudgement *j = &o->judgement[OJ_DISTANCE];
    if (!j->given) return xstrdup("");
    const double *d = j->distance;
    StrBuf n[6], b;
    for (int k = 0; k < 6; k++) sb_init(&n[k]);
    sb_init(&b);
    for (int k = 0; k < 4; k++) numfmt_general(&n[k], d[k], 6, lang);
    if (d[1] - d[0] > 0) sb_append(&n[4], "+");
    numfmt_general(&n[4], d[1] - d[0], 6, lang);
    numfmt_percent(&n[5], (d[1] - d[0]) / (d[3] - d[2]), 1, lang);
    sb_printf(&b, _("%s → %s on %s to %s (%s: %s of the scale)"), n[0].data, n[1].data, n[2].data,
              n[3].data, n[4].data, n[5].data);
    for (int k = 0; k < 6; k++) sb_free(&n[k]);
    return sb_take(&b);
}

void sroi_input_words(Interp *I, const SroiModel *m, const SroiInput *in, StrBuf *b)
{
    Language lang = interp_settings(I)->language;
    if (in->stakeholder >= 0) {
        if (b->len) sb_append(b, ", ");
        sb_printf(b, _("given by %s"), m->stakeholders[in->stakeholder].name);
    }
    if (!isnan(in->hours)) {
        StrBuf h;
        sb_init(&h);
        numfmt_general(&h, in->hours, 6, lang);
        if (b->len) sb_append(b, ", ");
        sb_printf(b, _("%s hours"), h.data);
        sb_free(&h);
    }
    if (!in->valued) {
        if (b->len) sb_append(b, ", ");
        sb_append(b, _("not valued in money"));
    }
}

void sroi_report_judgements(Interp *I, const SroiModel *m, StrBuf *out)
{
    if (!states_any(m)) return;
    Language lang = interp_settings(I)->language;
    sb_printf(out, "\n%s\n", _("Materiality and evidence"));
    static const bool right[] = { 0, 0, 0, 0, 0 };
    TextGrid g = { .ncols = 5, .right = right };
    grid_add_str(&g, _("outcome"));
    for (int k = 0; k < OJ_COUNT; k++) grid_add_str(&g, _(SROI_JUDGEMENTS[k].report));
    bool any_left_out = false;
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        grid_add_str(&g, o->name);
        grid_add_str(&g, sroi_is_material(o) ? _("yes") : _("no"));
        grid_add_str(&g, sroi_grade_words(o, OJ_PROXY_EVIDENCE));
        grid_add_str(&g, sroi_grade_words(o, OJ_QUANTITY_EVIDENCE));
        grid_add(&g, distance_words(o, lang));
        any_left_out = any_left_out || !sroi_is_material(o);
    }
    grid_render(&g, "  ", out);
    if (!any_left_out) return;
    sb_printf(
        out, "%s\n",
        _("Not material (SVI principle 4): listed in the value map, left out of every total:"));
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        if (sroi_is_material(o)) continue;
        sb_printf(out, _("  %s: %s\n"), o->name, o->text[OT_MATERIAL_REASON]);
    }
}
