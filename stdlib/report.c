/* report.c — what a model shows: the value map as text (report, the
 * command line's report), as a table (valuemap, in the SVI column order,
 * for write_csv), as JSON (the sketch's object), and the figure formatting
 * shared by them.  Scenario comparison and the audit trail live in
 * report_compare.c.
 *
 * Contract: nothing here computes SROI arithmetic itself; every figure comes
 * from sroi_calc.c through sroi_collect() / sroi_outcome_arrays(), so the
 * report, the table and the JSON always agree with sroi(M).  An uncertain
 * figure is shown as its median and 90% interval (p5 to p95, numpy's linear
 * interpolation), and in JSON as {"mean","sd","p5","p50","p95"} with the
 * population sd.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stdlib.h"
#include "sroi_internal.h"

/* ---- a printable text value (report, compare, explain) ------------------------- */

static void text_free(ForeignObj *o) { free(o->data); }
static void text_print(Interp *I, ForeignObj *o, StrBuf *out)
{
    const char *t = o->data;
    size_t len = strlen(t);
    /* print adds its own newline: drop the text's last one */
    sb_appendn(out, t, len && t[len - 1] == '\n' ? len - 1 : len);
}

static const ObjClass text_class = {.name = "report", .free = text_free, .print = text_print};

Value sroi_text_value(char *text) { return value_foreign(&text_class, text); }

/* ---- figures --------------------------------------------------------------------- */

static void format_one(Interp *I, const SroiModel *m, double v, char kind, StrBuf *b)
{
    if (isnan(v)) { sb_append(b, "none"); return; }
    if (v == 0) v = 0;   /* no "-0" */
    switch (kind) {
    case 'm': {
        double r = round(v);
        sb_printf(b, "%.0f ", r == 0 ? 0.0 : r);
        dim_format(I, m->money, b);
        break;
    }
    case '%': {
        /* whole percents as written (25%), others to one decimal (83.8%) */
        double pc = v * 100;
        if (fabs(pc - round(pc)) < 1e-9) sb_printf(b, "%.0f%%", round(pc) == 0 ? 0.0 : round(pc));
        else sb_printf(b, "%.1f%%", pc);
        break;
    }
    case 'r': sb_printf(b, "%.2f", v); break;
    case 'M': sb_printf(b, "%.1f months", v); break;
    case 'y': sb_printf(b, "%g year", v); break;
    default: sb_printf(b, "%.6g", v); break;
    }
}

/* Equal up to rounding noise (a difference of two paired samples that
 * differ by a constant is only constant to the last bits). */
static bool same_figure(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

void sroi_format_figure(Interp *I, const SroiModel *m, const double *vals, size_t n, char kind, StrBuf *b)
{
    if (n <= 1) { format_one(I, m, vals[0], kind, b); return; }
    double *c = malloc(sizeof(double) * n);
    size_t k = 0;
    for (size_t s = 0; s < n; s++) if (!isnan(vals[s])) c[k++] = vals[s];
    if (k == 0) { sb_append(b, "none"); free(c); return; }
    bool constant = true;   /* a figure no distribution reaches is shown plainly */
    for (size_t s = 1; s < k && constant; s++) constant = same_figure(c[s], c[0]);
    if (constant && k == n) { format_one(I, m, c[0], kind, b); free(c); return; }
    static const double ps[3] = {0.5, 0.05, 0.95};
    double q[3];
    sroi_quantiles(c, k, ps, 3, q);
    format_one(I, m, q[0], kind, b);
    sb_append(b, " (90%: ");
    format_one(I, m, q[1], kind, b);
    sb_append(b, " to ");
    format_one(I, m, q[2], kind, b);
    sb_append(b, ")");
    if (k < n) sb_printf(b, " [none in %.3g%% of samples]", 100.0 * (double)(n - k) / (double)n);
    free(c);
}

/* A field value (number or distribution) as a figure. */
static void format_value(Interp *I, const SroiModel *m, Value v, char kind, StrBuf *b)
{
    if (v.kind == V_DIST) sroi_format_figure(I, m, as_dist(v)->s, as_dist(v)->n, kind, b);
    else format_one(I, m, v.as.num, kind, b);
}

/* ---- aligned text tables -------------------------------------------------------- */

typedef struct Grid {
    size_t ncols, ncells, cap;
    char **cells;            /* row-major, malloc'ed strings */
    const bool *right;       /* right-align column c */
} Grid;

static void grid_add(Grid *g, char *cell)
{
    if (g->ncells == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->cells = realloc(g->cells, sizeof(char *) * g->cap);
    }
    g->cells[g->ncells++] = cell;
}

static void grid_add_str(Grid *g, const char *s) { grid_add(g, strdup(s ? s : "")); }

static void grid_add_sb(Grid *g, StrBuf *b) { grid_add(g, b->data ? sb_take(b) : strdup("")); }

/* Display width of UTF-8 text: one column per code point. */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++) if (((unsigned char)*s & 0xC0) != 0x80) w++;
    return w;
}

static void pad(StrBuf *b, size_t n) { for (size_t i = 0; i < n; i++) sb_append(b, " "); }

static void grid_render(Grid *g, const char *indent, StrBuf *out)
{
    size_t nrows = g->ncols ? g->ncells / g->ncols : 0;
    size_t width[g->ncols + 1];
    for (size_t c = 0; c < g->ncols; c++) {
        width[c] = 0;
        for (size_t r = 0; r < nrows; r++) {
            size_t w = text_width(g->cells[r * g->ncols + c]);
            if (w > width[c]) width[c] = w;
        }
    }
    for (size_t r = 0; r < nrows; r++) {
        StrBuf line; sb_init(&line);
        sb_append(&line, indent);
        for (size_t c = 0; c < g->ncols; c++) {
            const char *cell = g->cells[r * g->ncols + c];
            size_t gap = width[c] - text_width(cell);
            if (c) sb_append(&line, "  ");
            if (g->right && g->right[c]) { pad(&line, gap); sb_append(&line, cell); }
            else { sb_append(&line, cell); if (c + 1 < g->ncols) pad(&line, gap); }
        }
        /* no trailing blanks */
        while (line.len && line.data[line.len - 1] == ' ') line.data[--line.len] = 0;
        sb_append(out, line.data ? line.data : "");
        sb_append(out, "\n");
        sb_free(&line);
    }
    for (size_t i = 0; i < g->ncells; i++) free(g->cells[i]);
    free(g->cells);
    memset(g, 0, sizeof *g);
}

/* ---- the value map as text --------------------------------------------------------- */

static bool any_text(const SroiModel *m, int k)
{
    for (size_t i = 0; i < m->n_outcomes; i++) if (m->outcomes[i].text[k]) return true;
    return false;
}

static bool any_given(const SroiModel *m, int k)
{
    for (size_t i = 0; i < m->n_outcomes; i++) if (m->outcomes[i].f[k].given) return true;
    return false;
}

static const char *discounting_words(Discounting d)
{
    switch (d) {
    case DISC_FIRST_YEAR_FREE: return "first year of effect undiscounted (Green Book, t = 0)";
    case DISC_NONE: return "no discounting";
    case DISC_GUIDE: default: return "year t divided by (1+r)^t from t = 1 (SROI Guide)";
    }
}

static void value_map_rows(Interp *I, const SroiModel *m, StrBuf *out)
{
    bool indicator = any_text(m, OT_INDICATOR), leakage = any_given(m, OF_LEAKAGE);
    static const char *const heads[] = {
        "stakeholder", "outcome", "indicator", "quantity", "duration", "start", "proxy", "deadweight",
        "displacement", "attribution", "leakage", "drop-off", "impact", "present value"};
    static const bool right_all[] = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    bool keep[14];
    for (int c = 0; c < 14; c++) keep[c] = !(c == 2 && !indicator) && !(c == 10 && !leakage);
    bool right[14];
    size_t ncols = 0;
    for (int c = 0; c < 14; c++) if (keep[c]) right[ncols++] = right_all[c];
    Grid g = {.ncols = ncols, .right = right};
    for (int c = 0; c < 14; c++) if (keep[c]) grid_add_str(&g, heads[c]);
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        SroiOutcomeArrays a;
        if (!sroi_outcome_arrays(I, m, i, &a)) { interp_clear_error(I); continue; }
        StrBuf b; sb_init(&b);
        grid_add_str(&g, m->stakeholders[o->stakeholder].name);
        grid_add_str(&g, o->name);
        if (indicator) grid_add_str(&g, o->text[OT_INDICATOR]);
        format_value(I, m, o->f[OF_QUANTITY].v, 'n', &b); grid_add_sb(&g, &b);
        format_value(I, m, o->f[OF_DURATION].v, 'y', &b); grid_add_sb(&g, &b);
        sb_printf(&b, "%d", o->start); grid_add_sb(&g, &b);
        format_value(I, m, o->f[OF_PROXY].v, 'm', &b); grid_add_sb(&g, &b);
        static const int shares[] = {OF_DEADWEIGHT, OF_DISPLACEMENT, OF_ATTRIBUTION, OF_LEAKAGE, OF_DROPOFF};
        for (int k = 0; k < 5; k++) {
            if (shares[k] == OF_LEAKAGE && !leakage) continue;
            if (shares[k] == OF_DROPOFF && o->profile) sb_append(&b, "profile");
            else format_value(I, m, o->f[shares[k]].v, '%', &b);
            grid_add_sb(&g, &b);
        }
        sroi_format_figure(I, m, a.impact, a.n, 'm', &b); grid_add_sb(&g, &b);
        sroi_format_figure(I, m, a.pv, a.n, 'm', &b); grid_add_sb(&g, &b);
        sb_free(&b);
        sroi_outcome_arrays_free(m, &a);
    }
    grid_render(&g, "  ", out);
}

static void inputs_rows(Interp *I, const SroiModel *m, StrBuf *out)
{
    static const bool right[] = {0, 0, 1, 0};
    Grid g = {.ncols = 4, .right = right};
    StrBuf b; sb_init(&b);
    for (size_t j = 0; j < m->n_inputs; j++) {
        const SroiInput *in = &m->inputs[j];
        grid_add_str(&g, in->name);
        grid_add_str(&g, in->label);
        format_value(I, m, in->amount.v, 'm', &b); grid_add_sb(&g, &b);
        if (in->funder) sb_printf(&b, "funder: %s", in->funder);
        if (in->in_kind) sb_printf(&b, "%sin kind", b.len ? ", " : "");
        if (in->year) sb_printf(&b, "%syear %d", b.len ? ", " : "", in->year);
        grid_add_sb(&g, &b);
    }
    grid_render(&g, "  ", out);
    sb_free(&b);
}

typedef struct Figure { const char *label; SroiPick pick; const void *ctx; char kind; bool years; } Figure;

static double pick_pv(const SroiModel *m, const SroiTotals *t, const void *c) { return t->pv; }
static double pick_inputs(const SroiModel *m, const SroiTotals *t, const void *c) { return t->inputs_total; }
static double pick_inputs_pv(const SroiModel *m, const SroiTotals *t, const void *c) { return t->inputs_pv; }
static double pick_npv(const SroiModel *m, const SroiTotals *t, const void *c) { return t->pv - t->inputs_pv; }
static double pick_ratio(const SroiModel *m, const SroiTotals *t, const void *c) { return t->pv / t->inputs_pv; }
static double pick_net(const SroiModel *m, const SroiTotals *t, const void *c) { return (t->pv - t->inputs_pv) / t->inputs_pv; }
static double pick_pos(const SroiModel *m, const SroiTotals *t, const void *c) { return t->pv_positive; }
static double pick_neg(const SroiModel *m, const SroiTotals *t, const void *c) { return t->pv_negative; }
static double pick_annual(const SroiModel *m, const SroiTotals *t, const void *c) { return t->annual_impact; }
static double pick_guide(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->annual_impact > 0 ? t->inputs_pv / (t->annual_impact / 12) : NAN;
}
static double pick_year1(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->year1_value > 0 ? t->inputs_pv / (t->year1_value / 12) : NAN;
}
static double pick_discounted(const SroiModel *m, const SroiTotals *t, const void *c)
{
    double cum = 0;
    for (int y = 1; y <= m->max_years; y++) {
        double d = t->year_pv[y];
        if (d > 0 && cum + d >= t->inputs_pv) return 12.0 * ((y - 1) + (t->inputs_pv - cum) / d);
        cum += d;
    }
    return NAN;
}
static double pick_stakeholder(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->stakeholder_pv[*(const size_t *)c];
}
static double pick_share(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv != 0 ? t->stakeholder_pv[*(const size_t *)c] / t->pv : NAN;
}
static double pick_domain(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->domain_pv[*(const size_t *)c];
}

/* Formats figures[0..n) into texts[0..n) (malloc'ed), computing up to
 * BATCH of them per pass over the samples: one pass per figure was most of
 * a large Monte Carlo report, all at once would hold n × samples doubles. */
#define BATCH 6
static void figures(Interp *I, const SroiModel *m, const Figure *f, size_t n, char **texts)
{
    size_t ns = m->n_samples ? m->n_samples : 1;
    for (size_t start = 0; start < n; start += BATCH) {
        size_t k = n - start < BATCH ? n - start : BATCH;
        SroiPick picks[BATCH];
        const void *ctxs[BATCH];
        double *outs[BATCH];
        bool years = false, ok = true;
        for (size_t j = 0; j < k; j++) {
            picks[j] = f[start + j].pick;
            ctxs[j] = f[start + j].ctx;
            years |= f[start + j].years;
            outs[j] = malloc(sizeof(double) * ns);
            ok = ok && outs[j];
        }
        ok = ok && sroi_collect_many(I, m, NULL, k, picks, ctxs, years, outs);
        if (!ok) interp_clear_error(I);
        for (size_t j = 0; j < k; j++) {
            StrBuf b; sb_init(&b);
            if (!ok) sb_append(&b, "?");
            else if (f[start + j].kind == 'M' && ns == 1 && isnan(outs[j][0])) sb_append(&b, "no payback within the horizon");
            else sroi_format_figure(I, m, outs[j], ns, f[start + j].kind, &b);
            texts[start + j] = b.data ? sb_take(&b) : strdup("");
            free(outs[j]);
        }
    }
}

static void figure_rows(Interp *I, const SroiModel *m, const Figure *figs, size_t n, StrBuf *out)
{
    static const bool right[] = {0, 1};
    Grid g = {.ncols = 2, .right = right};
    char **texts = calloc(n + 1, sizeof(char *));
    figures(I, m, figs, n, texts);
    for (size_t k = 0; k < n; k++) {
        grid_add_str(&g, figs[k].label);
        grid_add(&g, texts[k]);
    }
    free(texts);
    grid_render(&g, "  ", out);
}

static void group_rows(Interp *I, const SroiModel *m, bool domains, StrBuf *out)
{
    static const bool right[] = {0, 0, 1, 1};
    Grid g = {.ncols = 4, .right = right};
    size_t n = domains ? m->n_domains : m->n_stakeholders;
    size_t idx[n + 1];
    Figure f[2 * n + 1];
    memset(f, 0, sizeof f);
    for (size_t k = 0; k < n; k++) {
        idx[k] = k;
        f[2 * k] = (Figure){"", domains ? pick_domain : pick_stakeholder, &idx[k], 'm', false};
        f[2 * k + 1] = (Figure){"", pick_share, &idx[k], '%', false};
    }
    char **texts = calloc(2 * n + 1, sizeof(char *));
    /* domains have no share column: compute only what is shown */
    if (domains) {
        Figure d[n + 1];
        memset(d, 0, sizeof d);
        char **dt = calloc(n + 1, sizeof(char *));
        for (size_t k = 0; k < n; k++) d[k] = f[2 * k];
        figures(I, m, d, n, dt);
        for (size_t k = 0; k < n; k++) { texts[2 * k] = dt[k]; texts[2 * k + 1] = strdup(""); }
        free(dt);
    } else {
        figures(I, m, f, 2 * n, texts);
    }
    for (size_t k = 0; k < n; k++) {
        grid_add_str(&g, domains ? m->domains[k] : m->stakeholders[k].name);
        grid_add_str(&g, domains ? "" : m->stakeholders[k].label);
        grid_add(&g, texts[2 * k]);
        grid_add(&g, texts[2 * k + 1]);
    }
    free(texts);
    grid_render(&g, "  ", out);
}

void sroi_report_text(Interp *I, Value model, StrBuf *out)
{
    const SroiModel *m = sroi_model(model);
    if (!m) { sb_append(out, "(not a model)\n"); return; }
    sb_printf(out, "Model %s", m->decl.name);
    if (m->decl.title) sb_printf(out, " — %s", m->decl.title);
    sb_append(out, "\n");
    if (m->scenario) sb_printf(out, "Scenario: with { %s }\n", m->scenario);
    sb_append(out, "Discount rate ");
    format_value(I, m, m->discount.v, '%', out);
    sb_printf(out, " a year, %s", discounting_words(m->discounting));
    if (m->horizon) sb_printf(out, ", horizon %d years", m->horizon);
    sb_append(out, "\n");
    if (m->n_samples)
        sb_printf(out, "Uncertain figures: median (90%% interval) over %zu samples\n", m->n_samples);
    sb_append(out, "\nValue map\n");
    value_map_rows(I, m, out);
    sb_append(out, "\nInputs\n");
    inputs_rows(I, m, out);
    sb_append(out, "\nResults\n");
    const Figure figs[] = {
        {"inputs", pick_inputs, NULL, 'm', false},
        {"inputs, present value", pick_inputs_pv, NULL, 'm', false},
        {"total present value", pick_pv, NULL, 'm', false},
        {"net present value", pick_npv, NULL, 'm', false},
        {"SROI ratio", pick_ratio, NULL, 'r', false},
        {"net SROI", pick_net, NULL, 'r', false},
        {"positive value", pick_pos, NULL, 'm', false},
        {"negative value", pick_neg, NULL, 'm', false},
        {"annual impact", pick_annual, NULL, 'm', false},
        {"payback (Guide formula)", pick_guide, NULL, 'M', false},
        {"payback (year-1 values)", pick_year1, NULL, 'M', false},
        {"payback (discounted)", pick_discounted, NULL, 'M', true},
    };
    bool multi_year_inputs = false;
    for (size_t j = 0; j < m->n_inputs; j++) multi_year_inputs |= m->inputs[j].year != 0;
    Figure shown[sizeof figs / sizeof figs[0]];
    size_t n_shown = 0;
    for (size_t k = 0; k < sizeof figs / sizeof figs[0]; k++)
        if (k != 1 || multi_year_inputs) shown[n_shown++] = figs[k];
    figure_rows(I, m, shown, n_shown, out);
    sb_append(out, "\nValue per stakeholder\n");
    group_rows(I, m, false, out);
    if (m->n_domains) {
        sb_append(out, "\nValue per domain\n");
        group_rows(I, m, true, out);
    }
}

/* ---- JSON (LANGUAGE-SKETCH.md, "JSON output") ------------------------------------- */

static struct json_object *json_number(double v)
{
    if (!isfinite(v)) return NULL;                       /* null */
    if (v == floor(v) && fabs(v) < 1e15) return json_object_new_int64((int64_t)v);
    char text[40];
    for (int digits = 15; digits <= 17; digits++) {     /* shortest text that reads back */
        snprintf(text, sizeof text, "%.*g", digits, v);
        if (strtod(text, NULL) == v) break;
    }
    return json_object_new_double_s(v, text);
}

/* A plain number, or {"mean","sd","p5","p50","p95"} for samples (population
 * sd, numpy's linear-interpolation quantiles); samples that are NaN (no
 * payback) are left out of the summary. */
static struct json_object *json_figure(const double *vals, size_t n)
{
    if (n <= 1) return json_number(vals[0]);
    double *c = malloc(sizeof(double) * n);
    size_t k = 0;
    for (size_t s = 0; s < n; s++) if (!isnan(vals[s])) c[k++] = vals[s];
    if (k == 0) { free(c); return NULL; }
    bool constant = true;   /* not uncertain: a plain number */
    for (size_t s = 1; s < k && constant; s++) constant = same_figure(c[s], c[0]);
    if (constant && k == n) { double v = c[0]; free(c); return json_number(v); }
    double sum = 0, sq = 0;
    for (size_t s = 0; s < k; s++) sum += c[s];
    double mean = sum / (double)k;
    for (size_t s = 0; s < k; s++) sq += (c[s] - mean) * (c[s] - mean);
    static const double ps[3] = {0.05, 0.5, 0.95};
    double q[3];
    sroi_quantiles(c, k, ps, 3, q);
    struct json_object *o = json_object_new_object();
    json_object_object_add(o, "mean", json_number(mean));
    json_object_object_add(o, "sd", json_number(sqrt(sq / (double)k)));
    json_object_object_add(o, "p5", json_number(q[0]));
    json_object_object_add(o, "p50", json_number(q[1]));
    json_object_object_add(o, "p95", json_number(q[2]));
    free(c);
    return o;
}

static struct json_object *json_value(Value v)
{
    if (v.kind == V_DIST) return json_figure(as_dist(v)->s, as_dist(v)->n);
    return json_number(v.as.num);
}

static struct json_object *json_measure(Interp *I, const SroiModel *m, SroiPick pick, const void *ctx,
                                        bool years, double scale)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    double *vals = malloc(sizeof(double) * n);
    struct json_object *o = NULL;
    if (vals && sroi_collect(I, m, NULL, pick, ctx, years, vals)) {
        for (size_t s = 0; s < n; s++) vals[s] *= scale;
        o = json_figure(vals, n);
    } else interp_clear_error(I);
    free(vals);
    return o;
}

static struct json_object *json_text(const char *s) { return s ? json_object_new_string(s) : NULL; }

static struct json_object *json_outcome(Interp *I, const SroiModel *m, size_t i)
{
    const SroiOutcome *o = &m->outcomes[i];
    struct json_object *j = json_object_new_object();
    json_object_object_add(j, "name", json_text(o->name));
    json_object_object_add(j, "label", json_text(o->label));
    json_object_object_add(j, "stakeholder", json_text(m->stakeholders[o->stakeholder].name));
    static const char *const keys[] = {"quantity", "proxy", "duration", "deadweight", "attribution",
                                       "displacement", "dropoff", "leakage"};
    static const int fields[] = {OF_QUANTITY, OF_PROXY, OF_DURATION, OF_DEADWEIGHT, OF_ATTRIBUTION,
                                 OF_DISPLACEMENT, OF_DROPOFF, OF_LEAKAGE};
    for (int k = 0; k < 8; k++) json_object_object_add(j, keys[k], json_value(o->f[fields[k]].v));
    json_object_object_add(j, "start", json_object_new_int(o->start));
    SroiOutcomeArrays a;
    if (sroi_outcome_arrays(I, m, i, &a)) {
        json_object_object_add(j, "gross", json_figure(a.gross, a.n));
        json_object_object_add(j, "impact", json_figure(a.impact, a.n));
        json_object_object_add(j, "present_value", json_figure(a.pv, a.n));
        struct json_object *years = json_object_new_array();
        for (int y = 1; y <= m->max_years; y++) json_object_array_add(years, json_figure(a.values[y], a.n));
        json_object_object_add(j, "values", years);
        sroi_outcome_arrays_free(m, &a);
    } else interp_clear_error(I);
    static const char *const texts[OT_COUNT] = {"indicator", "source", "proxy_source", "domain", "evidence"};
    for (int k = 0; k < OT_COUNT; k++)
        if (o->text[k]) json_object_object_add(j, texts[k], json_text(o->text[k]));
    return j;
}

static struct json_object *json_stakeholders(Interp *I, const SroiModel *m)
{
    struct json_object *st = json_object_new_array();
    size_t idx[m->n_stakeholders + 1];
    for (size_t k = 0; k < m->n_stakeholders; k++) {
        idx[k] = k;
        struct json_object *s = json_object_new_object();
        json_object_object_add(s, "name", json_text(m->stakeholders[k].name));
        json_object_object_add(s, "present_value", json_measure(I, m, pick_stakeholder, &idx[k], false, 1));
        json_object_object_add(s, "label", json_text(m->stakeholders[k].label));
        json_object_object_add(s, "share", json_measure(I, m, pick_share, &idx[k], false, 1));
        json_object_array_add(st, s);
    }
    return st;
}

static struct json_object *json_inputs(const SroiModel *m)
{
    struct json_object *ins = json_object_new_array();
    for (size_t k = 0; k < m->n_inputs; k++) {
        const SroiInput *in = &m->inputs[k];
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_text(in->name));
        json_object_object_add(o, "label", json_text(in->label));
        json_object_object_add(o, "amount", json_value(in->amount.v));
        if (in->funder) json_object_object_add(o, "funder", json_text(in->funder));
        json_object_object_add(o, "in_kind", json_object_new_boolean(in->in_kind));
        json_object_object_add(o, "year", json_object_new_int(in->year));
        json_object_array_add(ins, o);
    }
    return ins;
}

static struct json_object *json_domains(Interp *I, const SroiModel *m)
{
    struct json_object *ds = json_object_new_array();
    size_t idx[m->n_domains + 1];
    for (size_t k = 0; k < m->n_domains; k++) {
        idx[k] = k;
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_text(m->domains[k]));
        json_object_object_add(o, "present_value", json_measure(I, m, pick_domain, &idx[k], false, 1));
        json_object_array_add(ds, o);
    }
    return ds;
}

/* Fields beyond the sketch's. */
static void json_additions(Interp *I, const SroiModel *m, struct json_object *j)
{
    static const char *const conv[] = {"guide", "first_year_undiscounted", "none"};
    json_object_object_add(j, "discounting", json_object_new_string(conv[m->discounting]));
    if (m->scenario) json_object_object_add(j, "scenario", json_text(m->scenario));
    json_object_object_add(j, "inputs_present_value", json_measure(I, m, pick_inputs_pv, NULL, false, 1));
    json_object_object_add(j, "net_sroi", json_measure(I, m, pick_net, NULL, false, 1));
    json_object_object_add(j, "positive_value", json_measure(I, m, pick_pos, NULL, false, 1));
    json_object_object_add(j, "negative_value", json_measure(I, m, pick_neg, NULL, false, 1));
    struct json_object *pb = json_object_new_object();
    json_object_object_add(pb, "guide", json_measure(I, m, pick_guide, NULL, false, 1));
    json_object_object_add(pb, "year1", json_measure(I, m, pick_year1, NULL, false, 1));
    json_object_object_add(pb, "discounted", json_measure(I, m, pick_discounted, NULL, true, 1));
    json_object_object_add(j, "payback_months", pb);
    json_object_object_add(j, "input_list", json_inputs(m));
    if (m->n_domains) json_object_object_add(j, "domains", json_domains(I, m));
}

struct json_object *sroi_model_json(Interp *I, Value model)
{
    const SroiModel *m = sroi_model(model);
    if (!m) return NULL;
    struct json_object *j = json_object_new_object();
    json_object_object_add(j, "name", json_text(m->decl.name));
    json_object_object_add(j, "title", json_text(m->decl.title ? m->decl.title : ""));
    json_object_object_add(j, "discount", json_value(m->discount.v));
    json_object_object_add(j, "inputs", json_measure(I, m, pick_inputs, NULL, false, 1));
    json_object_object_add(j, "present_value", json_measure(I, m, pick_pv, NULL, false, 1));
    json_object_object_add(j, "npv", json_measure(I, m, pick_npv, NULL, false, 1));
    json_object_object_add(j, "sroi", json_measure(I, m, pick_ratio, NULL, false, 1));
    json_object_object_add(j, "payback_years", json_measure(I, m, pick_guide, NULL, false, 1.0 / 12));
    json_object_object_add(j, "stakeholders", json_stakeholders(I, m));
    struct json_object *oc = json_object_new_array();
    for (size_t i = 0; i < m->n_outcomes; i++) json_object_array_add(oc, json_outcome(I, m, i));
    json_object_object_add(j, "outcomes", oc);
    json_additions(I, m, j);
    return j;
}

/* ---- valuemap(M): the SVI columns as a table ----------------------------------------- */

typedef struct TableBuilder {
    Value table;
    size_t nrows;
} TableBuilder;

static void text_column(TableBuilder *t, const char *name, const char *const *cells)
{
    Value col = value_column_new(COL_TEXT, t->nrows);
    ColumnObj *c = as_column(col);
    for (size_t r = 0; r < t->nrows; r++)
        c->codes[r] = cells[r] ? strdict_intern(c->dict, cells[r], strlen(cells[r])) : -1;
    table_add_column(t->table, name, col);
}

static void num_column(TableBuilder *t, const char *name, const double *cells, Dim dim)
{
    Value col = value_column_new(COL_NUM, t->nrows);
    memcpy(as_column(col)->num, cells, sizeof(double) * t->nrows);
    col.dim = dim;
    table_add_column(t->table, name, col);
}

static bool valuemap_table(Interp *I, const SroiModel *m, Value *out)
{
    size_t n = m->n_outcomes;
    TableBuilder t = {value_table_new(20), n};
    const char **txt = calloc(n + 1, sizeof(char *));
    double *num = calloc(n + 1, sizeof(double));
    Dim none = {{0}}, years = dim_time(I);
    #define TEXT_COL(title, expr) do { for (size_t i = 0; i < n; i++) { const SroiOutcome *o = &m->outcomes[i]; (void)o; txt[i] = (expr); } text_column(&t, title, txt); } while (0)
    #define NUM_COL(title, expr, dim) do { for (size_t i = 0; i < n; i++) { const SroiOutcome *o = &m->outcomes[i]; (void)o; num[i] = (expr); } num_column(&t, title, num, dim); } while (0)
    TEXT_COL("stakeholder", m->stakeholders[o->stakeholder].name);
    TEXT_COL("outcome", o->name);
    TEXT_COL("description", o->label);
    TEXT_COL("indicator", o->text[OT_INDICATOR]);
    TEXT_COL("source", o->text[OT_SOURCE]);
    NUM_COL("quantity", sroi_central(o->f[OF_QUANTITY].v), none);
    NUM_COL("duration", sroi_central(o->f[OF_DURATION].v), years);
    NUM_COL("start", o->start, none);
    NUM_COL("proxy", sroi_central(o->f[OF_PROXY].v), m->money);
    TEXT_COL("proxy_source", o->text[OT_PROXY_SOURCE]);
    NUM_COL("deadweight", sroi_central(o->f[OF_DEADWEIGHT].v), none);
    NUM_COL("displacement", sroi_central(o->f[OF_DISPLACEMENT].v), none);
    NUM_COL("attribution", sroi_central(o->f[OF_ATTRIBUTION].v), none);
    NUM_COL("leakage", sroi_central(o->f[OF_LEAKAGE].v), none);
    NUM_COL("dropoff", sroi_central(o->f[OF_DROPOFF].v), none);
    /* Results: the point result at the central values for an uncertain model
     * would differ from the medians of the results; take the median of each
     * result's samples, like the text report. */
    double *impact = calloc(n + 1, sizeof(double)), *pv = calloc(n + 1, sizeof(double));
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        SroiOutcomeArrays a;
        ok = sroi_outcome_arrays(I, m, i, &a);
        if (!ok) break;
        impact[i] = a.n > 1 ? sroi_median(a.impact, a.n) : a.impact[0];
        pv[i] = a.n > 1 ? sroi_median(a.pv, a.n) : a.pv[0];
        sroi_outcome_arrays_free(m, &a);
    }
    NUM_COL("impact", impact[i], m->money);
    NUM_COL("present_value", pv[i], m->money);
    TEXT_COL("domain", o->text[OT_DOMAIN]);
    TEXT_COL("evidence", o->text[OT_EVIDENCE]);
    #undef TEXT_COL
    #undef NUM_COL
    free(txt); free(num); free(impact); free(pv);
    if (!ok) { value_release(t.table); return false; }
    *out = t.table;
    return true;
}

/* ---- built-ins ---------------------------------------------------------------------------- */

static bool model_arg(Interp *I, const CallArgs *a, size_t i, const SroiModel **m)
{
    if (i < a->npos && sroi_is_model(a->pos[i])) { *m = sroi_model(a->pos[i]); return true; }
    return rt_raise(I, arg_loc(a, i), "%s: argument %zu must be a model, got %s", a->reg->signature, i + 1,
                    i < a->npos ? value_kind_name(a->pos[i]) : "nothing")
        || rt_hint(I, "pass the name of a model declared with model NAME \"Title\" { ... }");
}

static bool bi_report(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    if (!model_arg(I, a, 0, &m)) return false;
    StrBuf b; sb_init(&b);
    sroi_report_text(I, a->pos[0], &b);
    *out = sroi_text_value(sb_take(&b));
    return true;
}

static bool bi_valuemap(Interp *I, const CallArgs *a, Value *out)
{
    const SroiModel *m;
    return model_arg(I, a, 0, &m) && valuemap_table(I, m, out);
}

bool sroi_compare_builtin(Interp *I, const CallArgs *a, Value *out);   /* report_compare.c */
bool sroi_explain_builtin(Interp *I, const CallArgs *a, Value *out);   /* report_compare.c */

const BuiltinReg report_builtins[] = {
    {"report", bi_report, 1, 1, "report(model)", "the value map and totals of a model, as printable text"},
    {"valuemap", bi_valuemap, 1, 1, "valuemap(model)",
     "the value map as a table in the SVI column order (write_csv can save it)"},
    {"compare", sroi_compare_builtin, 0, -1, "compare(model, model, ...)",
     "scenarios side by side: present value, NPV, ratio, per stakeholder; P(A > B) when uncertain"},
    {"explain", sroi_explain_builtin, 1, 2, "explain(x)",
     "how a figure was computed: the formula, each term's value and where it was set"},
    {0},
};
