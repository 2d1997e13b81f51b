/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_assume.c — a model's named assumptions as a report shows them:
 * the text report's "Assumptions" section, the JSON of `impact run`, the
 * line of explain() that names those an outcome uses, and the words every
 * report file writes (value, range, what uses it).
 *
 * Contract (report.h): what uses an assumption is read from the
 * declaration (sroi_entry_assumptions: the fields whose expression read it,
 * directly or through another assumption), so a report says exactly which
 * outcomes a scenario `M with { dw = x }` changes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "stdlib/core/json.h"
#include "stdlib/sroi/report.h"

#define BIT(i) ((uint64_t)1 << (i))

/* How an assumption's value is written: '%' a share, 'm' money, 'n' other. */
static char value_kind(const SroiModel *m, Value v)
{
    if (v.flags & VF_PERCENT) return '%';
    if (dim_equal(v.dim, m->money)) return 'm';
    return 'n';
}

void sroi_assumption_value(Interp *I, const SroiModel *m, size_t i, StrBuf *b)
{
    Value v = m->decl.assumes[i].value;
    char kind = value_kind(m, v);
    if (v.kind == V_DIST) {
        double *owned;
        sroi_format_figure(I, m, dist_borrow(as_dist(v), &owned), as_dist(v)->n, kind, b);
        free(owned);
    } else if (kind == 'n')
        value_format(I, v, b);
    else
        sroi_format_figure(I, m, &v.as.num, 1, kind, b);
}

void sroi_assumption_range(Interp *I, const SroiModel *m, size_t i, StrBuf *b)
{
    Value r = m->decl.assumes[i].range;
    if (r.kind != V_LIST) return;
    StrBuf lo, hi;
    sb_init(&lo);
    sb_init(&hi);
    value_format(I, as_list(r)->items[0], &lo);
    value_format(I, as_list(r)->items[1], &hi);
    sb_printf(b, _("%s to %s"), lo.data, hi.data);
    sb_free(&lo);
    sb_free(&hi);
}

void sroi_assumption_users(const SroiModel *m, size_t i, StrBuf *b)
{
    size_t n = 0;
    for (size_t k = 0; k < m->decl.n_entries; k++) {
        const DeclEntry *e = &m->decl.entries[k];
        if (strcmp(e->keyword, "stakeholder") == 0) continue;
        if (sroi_entry_assumptions(&m->decl, e->name) & BIT(i))
            sb_printf(b, "%s%s", n++ ? ", " : "", e->name);
    }
    for (size_t k = 0; k < m->decl.n_settings; k++)
        if (sroi_assume_closure(&m->decl, m->decl.settings[k].uses) & BIT(i))
            sb_printf(b, "%s%s", n++ ? ", " : "", m->decl.settings[k].name);
}

void sroi_assumptions_text(Interp *I, const SroiModel *m, StrBuf *out)
{
    if (!m->decl.n_assumes) return;
    sb_printf(out, "\n%s\n", _("Assumptions"));
    for (size_t i = 0; i < m->decl.n_assumes; i++) {
        const DeclAssume *a = &m->decl.assumes[i];
        StrBuf v, r, u;
        sb_init(&v);
        sb_init(&r);
        sb_init(&u);
        sroi_assumption_value(I, m, i, &v);
        sroi_assumption_range(I, m, i, &r);
        sroi_assumption_users(m, i, &u);
        sb_printf(out, "  %s", a->name);
        if (a->label) sb_printf(out, "  %s", a->label);
        sb_printf(out, "  %s", v.data ? v.data : "");
        if (r.len) sb_printf(out, _(" (range %s)"), r.data);
        sb_append(out, "\n");
        if (u.len)
            sb_printf(out, _("      used by: %s\n"), u.data);
        else
            sb_printf(out, "      %s\n", _("used by no outcome"));
        if (a->source) sb_printf(out, _("      source: %s\n"), a->source);
        if (a->set_loc.file)
            sb_printf(out, _("      set by the scenario at %s:%d\n"), a->set_loc.file,
                      a->set_loc.line);
        sb_free(&v);
        sb_free(&r);
        sb_free(&u);
    }
}

void sroi_explain_assumptions(Interp *I, const SroiModel *m, const char *outcome, StrBuf *b)
{
    uint64_t uses = sroi_entry_assumptions(&m->decl, outcome) | sroi_settings_assumptions(&m->decl);
    for (size_t i = 0; i < m->decl.n_assumes; i++) {
        if (!(uses & BIT(i))) continue;
        const DeclAssume *a = &m->decl.assumes[i];
        StrBuf v;
        sb_init(&v);
        sroi_assumption_value(I, m, i, &v);
        SrcLoc at = a->set_loc.file ? a->set_loc : a->loc;
        sb_printf(b, _("  uses assumption %s = %s [%s:%d]"), a->name, v.data ? v.data : "", at.file,
                  at.line);
        if (a->label) sb_printf(b, " — %s", a->label);
        if (a->source) sb_printf(b, _(" (source: %s)"), a->source);
        sb_append(b, "\n");
        sb_free(&v);
    }
}

/* A named assumption's value as any value of `impact run --format json` is
 * written (stdlib/core/json.c): a number with the fewest digits, or a
 * distribution's mean, population sd and quantiles, its missing samples
 * counted. */
static struct json_object *json_assumption_value(Value v)
{
    if (v.kind != V_DIST) return json_number(v.as.num);
    const DistObj *d = as_dist(v);
    double *owned;
    const double *x = dist_borrow(d, &owned);
    struct json_object *o = json_sample_summary(x, d->n);
    free(owned);
    return o;
}

struct json_object *sroi_assumptions_json(Interp *I, const SroiModel *m)
{
    struct json_object *arr = json_object_new_array();
    for (size_t i = 0; i < m->decl.n_assumes; i++) {
        const DeclAssume *a = &m->decl.assumes[i];
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(a->name));
        if (a->label) json_object_object_add(o, "label", json_object_new_string(a->label));
        json_object_object_add(o, "value", json_assumption_value(a->value));
        if (a->range.kind == V_LIST) {
            struct json_object *r = json_object_new_array();
            json_object_array_add(r, json_number(as_list(a->range)->items[0].as.num));
            json_object_array_add(r, json_number(as_list(a->range)->items[1].as.num));
            json_object_object_add(o, "range", r);
        }
        if (a->source) json_object_object_add(o, "source", json_object_new_string(a->source));
        struct json_object *users = json_object_new_array();
        for (size_t k = 0; k < m->decl.n_entries; k++) {
            const DeclEntry *e = &m->decl.entries[k];
            if (strcmp(e->keyword, "stakeholder") != 0 &&
                (sroi_entry_assumptions(&m->decl, e->name) & BIT(i)))
                json_object_array_add(users, json_object_new_string(e->name));
        }
        for (size_t k = 0; k < m->decl.n_settings; k++)
            if (sroi_assume_closure(&m->decl, m->decl.settings[k].uses) & BIT(i))
                json_object_array_add(users, json_object_new_string(m->decl.settings[k].name));
        json_object_object_add(o, "used_by", users);
        if (a->set_loc.file) json_object_object_add(o, "scenario", json_object_new_boolean(1));
        json_object_array_add(arr, o);
    }
    return arr;
}
