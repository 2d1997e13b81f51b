/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_compare.c — compare(A, B, ...), and the table that registers it
 * with explain(x) (report_explain.c).
 *
 * Contract: compare() lays scenarios side by side (present value, NPV,
 * ratio, net SROI, value per stakeholder); when they are uncertain it adds,
 * for each scenario after the first, the difference from the first with its
 * 90% interval and P(X > A), computed sample by sample (the runtime draws
 * the same random stream for the same parameter name, so differences are
 * paired: common random numbers).  It returns a printable text value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "stdlib/stdlib.h"
#include "stdlib/sroi/report_explain.h"

static void pad_to(StrBuf *b, const char *s, size_t width, bool right)
{
    size_t w = utf8_width_z(s);
    if (right)
        for (size_t i = w; i < width; i++) sb_append(b, " ");
    sb_append(b, s);
    if (!right)
        for (size_t i = w; i < width; i++) sb_append(b, " ");
}

/* ---- compare ---------------------------------------------------------------------- */

typedef struct Row {
    char *label;
    char **cells; /* one per scenario */
} Row;

typedef struct Table {
    size_t ncols;
    Row *rows;
    size_t nrows;
} Table;

static Row *add_row(Table *t, const char *label)
{
    t->rows = realloc(t->rows, sizeof(Row) * (t->nrows + 1));
    Row *r = &t->rows[t->nrows++];
    r->label = strdup(label);
    r->cells = calloc(t->ncols, sizeof(char *));
    return r;
}

static void render_table(Table *t, const char *const *heads, StrBuf *out)
{
    size_t lw = 0, w[t->ncols + 1];
    for (size_t c = 0; c < t->ncols; c++) w[c] = utf8_width_z(heads[c]);
    for (size_t r = 0; r < t->nrows; r++) {
        if (utf8_width_z(t->rows[r].label) > lw) lw = utf8_width_z(t->rows[r].label);
        for (size_t c = 0; c < t->ncols; c++) {
            const char *s = t->rows[r].cells[c] ? t->rows[r].cells[c] : "";
            if (utf8_width_z(s) > w[c]) w[c] = utf8_width_z(s);
        }
    }
    StrBuf line;
    sb_init(&line);
    pad_to(&line, "", lw, false);
    for (size_t c = 0; c < t->ncols; c++) {
        sb_append(&line, "  ");
        pad_to(&line, heads[c], w[c], true);
    }
    while (line.len && line.data[line.len - 1] == ' ') line.data[--line.len] = 0;
    sb_printf(out, "%s\n", line.data);
    sb_free(&line);
    for (size_t r = 0; r < t->nrows; r++) {
        sb_init(&line);
        pad_to(&line, t->rows[r].label, lw, false);
        for (size_t c = 0; c < t->ncols; c++) {
            sb_append(&line, "  ");
            pad_to(&line, t->rows[r].cells[c] ? t->rows[r].cells[c] : "", w[c], true);
        }
        while (line.len && line.data[line.len - 1] == ' ') line.data[--line.len] = 0;
        sb_printf(out, "%s\n", line.data);
        sb_free(&line);
        for (size_t c = 0; c < t->ncols; c++) free(t->rows[r].cells[c]);
        free(t->rows[r].cells);
        free(t->rows[r].label);
    }
    free(t->rows);
}

typedef struct Scenario {
    const SroiModel *m;
    char label[64];
    size_t *index; /* 0 .. n_stakeholders − 1: stable addresses for pick contexts */
} Scenario;

static char *figure_text(Interp *I, const SroiModel *m, const double *v, char kind)
{
    StrBuf b;
    sb_init(&b);
    sroi_format_figure(I, m, v, m->n_samples ? m->n_samples : 1, kind, &b);
    return b.data ? sb_take(&b) : strdup("");
}

/* One measure for every scenario, and (when uncertain) its difference from
 * the first scenario and the probability that it is larger. */
static bool compare_measure(Interp *I, Scenario *sc, size_t n, const char *label, SroiPick pick,
                            const void *ctx_of(const Scenario *, const void *), const void *arg,
                            char kind, Table *t, Table *diff)
{
    double *vals[n];
    bool ok = true;
    for (size_t k = 0; k < n; k++) {
        const void *ctx = ctx_of ? ctx_of(&sc[k], arg) : NULL;
        vals[k] = (ctx_of && !ctx) ? NULL : sroi_collect_figure(I, sc[k].m, pick, ctx);
        if (ctx_of && !ctx) continue;
        if (!vals[k]) {
            ok = false;
            n = k;
            break;
        }
    }
    if (ok) {
        Row *r = add_row(t, label);
        for (size_t k = 0; k < n; k++)
            r->cells[k] = vals[k] ? figure_text(I, sc[k].m, vals[k], kind) : strdup("—");
        size_t ns = sc[0].m->n_samples;
        for (size_t k = 1; diff && k < n && vals[0]; k++) {
            if (!vals[k]) continue;
            size_t nk = sc[k].m->n_samples;
            size_t count = ns > nk ? ns : nk;
            if (ns && nk && ns != nk) continue; /* differing sample counts: no pairing */
            double *d = malloc(sizeof(double) * count);
            size_t greater = 0;
            for (size_t s = 0; s < count; s++) {
                double a = vals[0][ns ? s : 0], b = vals[k][nk ? s : 0];
                d[s] = b - a;
                greater += b > a;
            }
            char head[200];
            snprintf(head, sizeof head, "%s: %s − %s", label, sc[k].label, sc[0].label);
            Row *dr = add_row(diff, head);
            const SroiModel *m = ns ? sc[0].m : sc[k].m;
            StrBuf b;
            sb_init(&b);
            sroi_format_figure(I, m, d, count, kind == '%' ? '%' : kind, &b);
            sb_printf(&b, ", P(%s > %s) = %.4g", sc[k].label, sc[0].label,
                      (double)greater / (double)count);
            dr->cells[0] = sb_take(&b);
            free(d);
        }
    }
    for (size_t k = 0; k < n; k++) free(vals[k]);
    return ok;
}

/* The index of a stakeholder in a scenario's model, as a pick context; NULL
 * when that model has no such stakeholder. */
static const void *stakeholder_ctx(const Scenario *s, const void *name)
{
    for (size_t k = 0; k < s->m->n_stakeholders; k++)
        if (strcmp(s->m->stakeholders[k].name, name) == 0) return &s->index[k];
    return NULL;
}

static bool gather_scenarios(Interp *I, const CallArgs *a, Scenario *sc, size_t *n)
{
    *n = 0;
    for (size_t i = 0; i < a->npos + a->nnamed; i++) {
        Value v = i < a->npos ? a->pos[i] : a->named[i - a->npos];
        SrcLoc loc = i < a->npos ? arg_loc(a, i) : a->named_loc[i - a->npos];
        if (!sroi_is_model(v))
            return rt_raise(I, loc, _("compare: argument %zu is %s, not a model"), i + 1,
                            value_kind_name(v)) ||
                rt_hint(I, _("write compare(base, base with { employment.deadweight = 40%% })"));
        sc[*n].m = sroi_model(v);
        sc[*n].index = malloc(sizeof(size_t) * (sc[*n].m->n_stakeholders + 1));
        for (size_t k = 0; k < sc[*n].m->n_stakeholders; k++) sc[*n].index[k] = k;
        if (i < a->npos)
            snprintf(sc[*n].label, sizeof sc[*n].label, "%c", (int)('A' + (*n % 26)));
        else
            snprintf(sc[*n].label, sizeof sc[*n].label, "%s", a->names[i - a->npos]);
        (*n)++;
    }
    return true;
}

/* A figure as a value for JSON: a number with the model's money dimension
 * (or a plain ratio), or a distribution of its samples. */
static Value figure_value(const SroiModel *m, const double *v, char kind)
{
    Dim dim = kind == 'm' ? m->money : (Dim){ 0 };
    size_t s = 1;
    while (s < m->n_samples && v[s] == v[0]) s++;
    if (s >= m->n_samples) return value_num_dim(v[0], dim); /* certain, or every sample equal */
    Value d = value_dist_new(m->n_samples);
    memcpy(as_dist(d)->stored, v, sizeof(double) * m->n_samples);
    d.dim = dim;
    return d;
}

/* compare() in JSON mode (--format json): a record a program can read,
 * {scenarios: [{label, name, model, scenario}], measures: {present_value:
 * {A: ..., B: ...}, ...}, p_greater: {present_value: {B: P(B > A)}, ...}}. */
static bool compare_record(Interp *I, Scenario *sc, size_t n, Value *out)
{
    static const char *const keys[] = { "inputs", "present_value", "npv", "sroi", "net_sroi" };
    static const SroiPick picks[] = { sroi_pick_inputs_pv, sroi_pick_pv, sroi_pick_npv,
                                      sroi_pick_ratio, sroi_pick_net };
    static const char kinds[] = { 'm', 'm', 'm', 'r', 'r' };
    SrcLoc nowhere = { 0 };
    Value rec = value_record_new(), list = value_list_new(n);
    for (size_t k = 0; k < n; k++) {
        Value s = value_record_new();
        record_set_take(s, "label", value_str(sc[k].label), nowhere);
        const char *bound = sroi_binding_name(I, sc[k].m);
        record_set_take(s, "name", value_str(bound ? bound : sc[k].m->decl.name), nowhere);
        record_set_take(s, "model", value_str(sc[k].m->decl.name), nowhere);
        if (sc[k].m->scenario)
            record_set_take(s, "scenario", value_str(sc[k].m->scenario), nowhere);
        list_push_take(list, s);
    }
    record_set_take(rec, "scenarios", list, nowhere);
    Value measures = value_record_new(), greater = value_record_new();
    bool ok = true, any_p = false;
    for (size_t j = 0; ok && j < sizeof keys / sizeof *keys; j++) {
        Value per = value_record_new(), pg = value_record_new();
        double *base = NULL;
        for (size_t k = 0; ok && k < n; k++) {
            double *v = sroi_collect_figure(I, sc[k].m, picks[j], NULL);
            if (!v) {
                ok = false;
                break;
            }
            record_set_take(per, sc[k].label, figure_value(sc[k].m, v, kinds[j]), nowhere);
            size_t ns = sc[0].m->n_samples, nk = sc[k].m->n_samples;
            if (k == 0) {
                base = v;
                continue;
            }
            if ((ns || nk) && !(ns && nk && ns != nk)) {
                size_t count = ns > nk ? ns : nk, g = 0;
                for (size_t t = 0; t < count; t++) g += v[nk ? t : 0] > base[ns ? t : 0];
                record_set_take(pg, sc[k].label, value_num((double)g / (double)count), nowhere);
                any_p = true;
            }
            free(v);
        }
        free(base);
        record_set_take(measures, keys[j], per, nowhere);
        if (j != 0 && j != 2 && j != 4)
            record_set_take(greater, keys[j], pg, nowhere);
        else
            value_release(pg);
    }
    record_set_take(rec, "measures", measures, nowhere);
    if (any_p)
        record_set_take(rec, "p_greater_than_first", greater, nowhere);
    else
        value_release(greater);
    if (!ok) {
        value_release(rec);
        return false;
    }
    *out = rec;
    return true;
}

/* "A = base: model cae built by models/cae.impact": one whole translated
 * line for each case (named or not, built by a library file or not). */
static void heading_start(Interp *I, const Scenario *s, bool built, StrBuf *head)
{
    const char *bound = sroi_binding_name(I, s->m), *name = s->m->decl.name;
    const char *file = s->m->decl.loc.file;
    if (bound && built && file)
        sb_printf(head, _("  %s = %s: model %s built by %s"), s->label, bound, name, file);
    else if (bound && built)
        sb_printf(head, _("  %s = %s: model %s built by its library"), s->label, bound, name);
    else if (bound)
        sb_printf(head, _("  %s = %s: model %s"), s->label, bound, name);
    else if (built && file)
        sb_printf(head, _("  %s = model %s built by %s"), s->label, name, file);
    else if (built)
        sb_printf(head, _("  %s = model %s built by its library"), s->label, name);
    else
        sb_printf(head, _("  %s = model %s"), s->label, name);
}

/* The line that names a scenario: "A = base: model cae with { ... }". */
static void scenario_heading(Interp *I, const Scenario *s, StrBuf *out)
{
    StrBuf head;
    sb_init(&head);
    const char *scen = s->m->scenario;
    size_t built = scen ? s->m->built_len : 0;
    /* made by the model's library from the user's data: the report lists those */
    heading_start(I, s, built > 0, &head);
    if (built) {
        scen += built;
        while (*scen == ',' || *scen == ' ') scen++;
        if (!*scen)
            scen = NULL;
        else
            sb_append(&head, ",");
    }
    if (scen) {
        /* wrapped like the report's Scenario line */
        sb_append(&head, " with { ");
        sroi_wrap_with(head.data, scen, strlen(scen), out);
    } else {
        sb_printf(out, "%s\n", head.data);
    }
    sb_free(&head);
}

/* The rows of the comparison: the model-wide figures, then the value for
 * each stakeholder of any scenario, in first-seen order; with differences
 * (diff) for the uncertain figures that have them. */
static bool compare_rows(Interp *I, Scenario *sc, size_t n, bool uncertain, Table *t, Table *diff)
{
    bool ok =
        compare_measure(I, sc, n, _("inputs"), sroi_pick_inputs_pv, NULL, NULL, 'm', t, NULL) &&
        compare_measure(I, sc, n, _("present value"), sroi_pick_pv, NULL, NULL, 'm', t,
                        uncertain ? diff : NULL) &&
        compare_measure(I, sc, n, _("net present value"), sroi_pick_npv, NULL, NULL, 'm', t,
                        NULL) &&
        compare_measure(I, sc, n, _("SROI ratio"), sroi_pick_ratio, NULL, NULL, 'r', t,
                        uncertain ? diff : NULL) &&
        compare_measure(I, sc, n, _("net SROI"), sroi_pick_net, NULL, NULL, 'r', t, NULL);
    /* Stakeholders of every scenario, in first-seen order. */
    for (size_t k = 0; ok && k < n; k++)
        for (size_t s = 0; ok && s < sc[k].m->n_stakeholders; s++) {
            const char *name = sc[k].m->stakeholders[s].name;
            bool seen = false;
            for (size_t j = 0; j < k && !seen; j++) seen = stakeholder_ctx(&sc[j], name) != NULL;
            if (seen) continue;
            char label[200];
            snprintf(label, sizeof label, _("value for %s"), name);
            ok = compare_measure(I, sc, n, label, sroi_pick_stakeholder, stakeholder_ctx, name, 'm',
                                 t, uncertain ? diff : NULL);
        }
    return ok;
}

static bool sroi_compare_builtin(Interp *I, const CallArgs *a, Value *out)
{
    size_t total = a->npos + a->nnamed;
    if (total < 2)
        return rt_raise(I, a->loc, _("compare needs at least two models")) ||
            rt_hint(I, _("write compare(M, M with { discount = 4.5%% })"));
    Scenario sc[total];
    size_t n;
    if (!gather_scenarios(I, a, sc, &n)) {
        for (size_t k = 0; k < n; k++) free(sc[k].index);
        return false;
    }
    if (interp_settings(I)->format == FORMAT_JSON) {
        bool ok = compare_record(I, sc, n, out);
        for (size_t k = 0; k < n; k++) free(sc[k].index);
        return ok;
    }
    StrBuf out_text;
    sb_init(&out_text);
    sb_append(&out_text, _("Comparison\n"));
    for (size_t k = 0; k < n; k++) scenario_heading(I, &sc[k], &out_text);
    sb_append(&out_text, "\n");
    bool uncertain = false;
    for (size_t k = 0; k < n; k++) uncertain |= sc[k].m->n_samples > 0;
    Table t = { .ncols = n }, diff = { .ncols = 1 };
    bool ok = compare_rows(I, sc, n, uncertain, &t, &diff);
    const char *heads[n + 1];
    for (size_t k = 0; k < n; k++) heads[k] = sc[k].label;
    render_table(&t, heads, &out_text);
    if (ok && uncertain && diff.nrows) {
        /* xgettext:no-c-format */
        sb_append(&out_text, _("\nDifferences, sample by sample (median, 90% interval)\n"));
        const char *dh[1] = { "" };
        render_table(&diff, dh, &out_text);
    } else {
        for (size_t r = 0; r < diff.nrows; r++) {
            free(diff.rows[r].cells[0]);
            free(diff.rows[r].cells);
            free(diff.rows[r].label);
        }
        free(diff.rows);
    }
    for (size_t k = 0; k < n; k++) free(sc[k].index);
    if (!ok) {
        sb_free(&out_text);
        return false;
    }
    *out = sroi_text_value(sb_take(&out_text));
    return true;
}

/* Registered on their own (stdlib.c): report_compare.c sits on top of the
 * model value (sroi.c) and the report (report.c), which know nothing of it. */
const BuiltinReg compare_builtins[] = {
#include "stdlib/sroi/report_compare.def"
    { 0 },
};
