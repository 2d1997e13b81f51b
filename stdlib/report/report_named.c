/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_named.c — a model's named assumptions (`assume NAME = ...`) in the
 * report files: each with its value, its stated range and its source as the
 * report writes figures (French or English numbers, the display unit), and
 * what uses it; and, for each field of the assumptions table, the named
 * assumptions its expression read.
 *
 * Contract (report_data.h): report_named_build() fills d->named; the
 * writers (JSON, HTML, XLSX) show them as they are.  Used by report_data.c
 * only.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/mem.h"
#include "stdlib/report/report_data.h"

/* x as the report writes a number of the assumption's kind. */
static void figure(const ReportData *d, Value kind, double x, StrBuf *b)
{
    if (kind.flags & VF_PERCENT)
        report_percent(d, x, b);
    else if (dim_equal(kind.dim, d->m->money))
        report_money(d, x, b);
    else
        report_number(d, x, b);
}

static char *value_text(const ReportData *d, Value v)
{
    StrBuf b;
    sb_init(&b);
    if (v.kind == V_DIST) {
        SroiFigure f;
        sroi_figure_summary(as_dist(v)->s, as_dist(v)->n, NULL, &f);
        StrBuf med, lo, hi;
        sb_init(&med);
        sb_init(&lo);
        sb_init(&hi);
        figure(d, v, f.q[0], &med);
        figure(d, v, f.q[1], &lo);
        figure(d, v, f.q[2], &hi);
        sb_printf(&b, _("%s (90%%: %s to %s)"), med.data, lo.data, hi.data);
        sb_free(&med);
        sb_free(&lo);
        sb_free(&hi);
    } else {
        figure(d, v, v.as.num, &b);
    }
    return b.data ? sb_take(&b) : xstrdup("");
}

static char *range_text(const ReportData *d, const DeclAssume *a)
{
    if (a->range.kind != V_LIST) return xstrdup("");
    StrBuf b, lo, hi;
    sb_init(&b);
    sb_init(&lo);
    sb_init(&hi);
    figure(d, a->value, as_list(a->range)->items[0].as.num, &lo);
    figure(d, a->value, as_list(a->range)->items[1].as.num, &hi);
    sb_printf(&b, _("%s to %s"), lo.data, hi.data);
    sb_free(&lo);
    sb_free(&hi);
    return sb_take(&b);
}

void report_named_build(ReportData *d)
{
    const SroiModel *m = d->m;
    size_t n = sroi_assumption_count(m);
    d->named = n ? xcalloc(n, sizeof *d->named) : NULL;
    d->n_named = n;
    for (size_t i = 0; i < n; i++) {
        const DeclAssume *a = sroi_assumption(m, i);
        ReportNamed *r = &d->named[i];
        r->name = a->name;
        r->label = a->label ? a->label : "";
        r->source = a->source ? a->source : "";
        r->value = value_text(d, a->value);
        r->range = range_text(d, a);
        StrBuf u;
        sb_init(&u);
        sroi_assumption_users(m, i, &u);
        r->used_by = u.data ? sb_take(&u) : xstrdup("");
    }
}

char *report_field_assumptions(const ReportData *d, const char *entry, const char *field)
{
    const ModelDecl *decl = &d->m->decl;
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < decl->n_entries; i++) {
        const DeclEntry *e = &decl->entries[i];
        if (entry && strcmp(e->name, entry) != 0) continue;
        const DeclField *fields = entry ? e->fields : decl->settings;
        size_t nf = entry ? e->n_fields : decl->n_settings;
        for (size_t j = 0; j < nf; j++) {
            if (strcmp(fields[j].name, field) != 0) continue;
            for (size_t k = 0; k < decl->n_assumes; k++)
                if (fields[j].uses & ((uint64_t)1 << k))
                    sb_printf(&b, "%s%s", b.len ? ", " : "", decl->assumes[k].name);
        }
        break;
    }
    return b.data ? sb_take(&b) : xstrdup("");
}

void report_named_free(ReportData *d)
{
    for (size_t i = 0; i < d->n_named; i++) {
        free(d->named[i].value);
        free(d->named[i].range);
        free(d->named[i].used_by);
    }
    free(d->named);
    d->named = NULL;
    d->n_named = 0;
}
