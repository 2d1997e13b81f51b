/* report_compare.c — compare(A, B, ...) and explain(x).
 *
 * Contract: compare() lays scenarios side by side (present value, NPV,
 * ratio, net SROI, value per stakeholder); when they are uncertain it adds,
 * for each scenario after the first, the difference from the first with its
 * 90% interval and P(X > A), computed sample by sample (the runtime draws
 * the same random stream for the same parameter name, so differences are
 * paired: common random numbers).  explain() shows how a figure was
 * computed: the formula, each term's value and the file:line where it was
 * set (or "default"), from a model, an outcome record (M.employment), an
 * outcome's figure (M.employment.present_value) or a whole-model result
 * (sroi(M)), the last two found by the mark they carry (sroi_provenance()).  A field computed
 * from other values is followed back through the top-level definitions its
 * names use, down to the csv() call that read the data.
 * Both return printable text values.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"
#include "stdlib/stdlib.h"
#include "stdlib/sroi/report.h"

/* ---- shared ---------------------------------------------------------------------- */

static double pick_pv(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv;
}
static double pick_npv(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv - t->inputs_pv;
}
static double pick_ratio(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->pv / t->inputs_pv;
}
static double pick_net(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return (t->pv - t->inputs_pv) / t->inputs_pv;
}
static double pick_inputs(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->inputs_pv;
}
static double pick_stakeholder(const SroiModel *m, const SroiTotals *t, const void *c)
{
    return t->stakeholder_pv[*(const size_t *)c];
}

static double *collect(Interp *I, const SroiModel *m, SroiPick pick, const void *ctx)
{
    size_t n = m->n_samples ? m->n_samples : 1;
    double *v = malloc(sizeof(double) * n);
    if (v && !sroi_collect(I, m, NULL, pick, ctx, false, v)) {
        free(v);
        return NULL;
    }
    return v;
}

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
        vals[k] = (ctx_of && !ctx) ? NULL : collect(I, sc[k].m, pick, ctx);
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
            return rt_raise(I, loc, "compare: argument %zu is %s, not a model", i + 1,
                            value_kind_name(v)) ||
                rt_hint(I, "write compare(base, base with { employment.deadweight = 40%% })");
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
    memcpy(as_dist(d)->s, v, sizeof(double) * m->n_samples);
    d.dim = dim;
    return d;
}

/* compare() in JSON mode (--format json): a record a program can read,
 * {scenarios: [{label, name, model, scenario}], measures: {present_value:
 * {A: ..., B: ...}, ...}, p_greater: {present_value: {B: P(B > A)}, ...}}. */
static bool compare_record(Interp *I, Scenario *sc, size_t n, Value *out)
{
    static const char *const keys[] = { "inputs", "present_value", "npv", "sroi", "net_sroi" };
    static const SroiPick picks[] = { pick_inputs, pick_pv, pick_npv, pick_ratio, pick_net };
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
            double *v = collect(I, sc[k].m, picks[j], NULL);
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

static bool sroi_compare_builtin(Interp *I, const CallArgs *a, Value *out)
{
    size_t total = a->npos + a->nnamed;
    if (total < 2)
        return rt_raise(I, a->loc, "compare needs at least two models") ||
            rt_hint(I, "write compare(M, M with { discount = 4.5%% })");
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
    sb_append(&out_text, "Comparison\n");
    for (size_t k = 0; k < n; k++) {
        const char *bound = sroi_binding_name(I, sc[k].m);
        StrBuf head;
        sb_init(&head);
        if (bound)
            sb_printf(&head, "  %s = %s: model %s", sc[k].label, bound, sc[k].m->decl.name);
        else
            sb_printf(&head, "  %s = model %s", sc[k].label, sc[k].m->decl.name);
        const char *scen = sc[k].m->scenario;
        size_t built = scen ? sc[k].m->built_len : 0;
        if (built) {
            /* made by the model's library from the user's data: the report lists those */
            sb_printf(&head, " built by %s",
                      sc[k].m->decl.loc.file ? sc[k].m->decl.loc.file : "its library");
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
            sroi_wrap_with(head.data, scen, strlen(scen), &out_text);
        } else {
            sb_printf(&out_text, "%s\n", head.data);
        }
        sb_free(&head);
    }
    sb_append(&out_text, "\n");
    bool uncertain = false;
    for (size_t k = 0; k < n; k++) uncertain |= sc[k].m->n_samples > 0;
    Table t = { .ncols = n }, diff = { .ncols = 1 };
    bool ok = compare_measure(I, sc, n, "inputs", pick_inputs, NULL, NULL, 'm', &t, NULL) &&
        compare_measure(I, sc, n, "present value", pick_pv, NULL, NULL, 'm', &t,
                        uncertain ? &diff : NULL) &&
        compare_measure(I, sc, n, "net present value", pick_npv, NULL, NULL, 'm', &t, NULL) &&
        compare_measure(I, sc, n, "SROI ratio", pick_ratio, NULL, NULL, 'r', &t,
                        uncertain ? &diff : NULL) &&
        compare_measure(I, sc, n, "net SROI", pick_net, NULL, NULL, 'r', &t, NULL);
    /* Stakeholders of every scenario, in first-seen order. */
    for (size_t k = 0; ok && k < n; k++)
        for (size_t s = 0; ok && s < sc[k].m->n_stakeholders; s++) {
            const char *name = sc[k].m->stakeholders[s].name;
            bool seen = false;
            for (size_t j = 0; j < k && !seen; j++) seen = stakeholder_ctx(&sc[j], name) != NULL;
            if (seen) continue;
            char label[200];
            snprintf(label, sizeof label, "value for %s", name);
            ok = compare_measure(I, sc, n, label, pick_stakeholder, stakeholder_ctx, name, 'm', &t,
                                 uncertain ? &diff : NULL);
        }
    const char *heads[n + 1];
    for (size_t k = 0; k < n; k++) heads[k] = sc[k].label;
    render_table(&t, heads, &out_text);
    if (ok && uncertain && diff.nrows) {
        sb_append(&out_text, "\nDifferences, sample by sample (median, 90% interval)\n");
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

/* ---- explain ---------------------------------------------------------------------- */

/* One term of a formula: its value as text and where it was set. */
typedef struct Term {
    char *value;
    SrcLoc loc;       /* file NULL: a default */
    bool computed;    /* from an expression, not a written number */
    const Node *expr; /* the expression written, when the model kept it */
} Term;

/* True when an expression is a number written out (25%, 9_000 EUR, -3). */
static bool is_literal(const Node *e)
{
    if (!e) return true;
    if (e->kind == N_NUMBER || e->kind == N_STRING || e->kind == N_BOOL) return true;
    if (e->kind == N_WITH_UNIT) return is_literal(e->a);
    if (e->kind == N_UNARY) return is_literal(e->a);
    return false;
}

/* The text of line `line` of a file from byte column `col` (1-based),
 * without a trailing comment or blanks.  Read back from the file (the
 * runtime keeps no source text we can reach); empty when the file cannot be
 * read (REPL lines). */
static void source_text(const char *file, int line_no, int col, StrBuf *b)
{
    if (!file) return;
    FILE *f = fopen(file, "r");
    if (!f) return;
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        if (++n < line_no) continue;
        size_t start = col > 0 ? (size_t)col - 1 : 0;
        if (start >= strlen(line)) break;
        char *s = line + start;
        bool in_string = false;
        for (char *p = s; *p; p++) {
            if (*p == '"') in_string = !in_string;
            if (!in_string && *p == '#') {
                *p = 0;
                break;
            }
        }
        size_t len = strlen(s);
        while (len && strchr("\n\r\t ", s[len - 1])) len--;
        sb_appendn(b, s, len);
        break;
    }
    fclose(f);
}

/* The expression of a field written `name = EXPR` at loc. */
static void field_expr_text(SrcLoc loc, StrBuf *b)
{
    StrBuf line;
    sb_init(&line);
    source_text(loc.file, loc.line, loc.col, &line);
    const char *eq = line.data ? strchr(line.data, '=') : NULL;
    if (eq) {
        eq++;
        while (*eq == ' ' || *eq == '\t') eq++;
        /* one field per line, or several separated by commas: stop at a comma
         * outside brackets */
        int depth = 0;
        const char *end = eq;
        for (; *end; end++) {
            if (*end == '(' || *end == '[') depth++;
            if (*end == ')' || *end == ']') depth--;
            if ((*end == ',' || *end == '}') && depth <= 0) break;
        }
        while (end > eq && end[-1] == ' ') end--;
        sb_appendn(b, eq, (size_t)(end - eq));
    }
    sb_free(&line);
}

/* A number written out: digits, '_', '.', a sign, then an optional % or unit. */
static bool looks_literal(const char *t)
{
    if (!t || !*t) return true;
    const char *p = t;
    if (*p == '-' || *p == '+') p++;
    if (!(*p >= '0' && *p <= '9')) return *t == '"';
    while ((*p >= '0' && *p <= '9') || *p == '_' || *p == '.') p++;
    while (*p == ' ') p++;
    if (*p == '%')
        p++;
    else
        while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (unsigned char)*p >= 0x80)
            p++;
    while (*p == ' ') p++;
    return *p == 0;
}

/* The number a value holds, when it is one (a number, or a distribution
 * whose samples all agree). */
static bool constant_value(Value v, double *x)
{
    if (v.kind == V_NUM) {
        *x = v.as.num;
        return true;
    }
    if (v.kind != V_DIST || as_dist(v)->n == 0) return false;
    const DistObj *d = as_dist(v);
    for (size_t s = 1; s < d->n; s++)
        if (d->s[s] != d->s[0]) return false;
    *x = d->s[0];
    return true;
}

/* A value for an explanation: a distribution that every sample agrees on
 * is shown as that number. */
static void explain_format(Interp *I, Value v, StrBuf *b)
{
    if (v.kind == V_DIST) {
        const DistObj *d = as_dist(v);
        bool constant = d->n > 0;
        for (size_t s = 1; s < d->n && constant; s++) constant = d->s[s] == d->s[0];
        if (constant) {
            Value n = value_num_dim(d->s[0], v.dim);
            n.flags = v.flags & VF_PERCENT;
            value_format(I, n, b);
            return;
        }
    }
    value_format(I, v, b);
}

static Term term_of(Interp *I, Value v, SrcLoc loc, bool given, const Node *expr)
{
    StrBuf b;
    sb_init(&b);
    explain_format(I, v, &b);
    bool computed = false;
    if (given && expr)
        computed = !is_literal(expr);
    else if (given) {
        StrBuf e;
        sb_init(&e);
        field_expr_text(loc, &e);
        computed = e.len && !looks_literal(e.data);
        sb_free(&e);
    }
    Term t = { b.data ? sb_take(&b) : strdup(""), given ? loc : (SrcLoc){ 0 }, computed,
               given ? expr : NULL };
    return t;
}

static void loc_list(const Term *terms, size_t n, StrBuf *b)
{
    const char *last_file = NULL;
    sb_append(b, "[");
    for (size_t k = 0; k < n; k++) {
        if (k) sb_append(b, ", ");
        if (!terms[k].loc.file) {
            sb_append(b, "default");
            continue;
        }
        if (last_file && strcmp(last_file, terms[k].loc.file) == 0)
            sb_printf(b, ":%d", terms[k].loc.line);
        else
            sb_printf(b, "%s:%d", terms[k].loc.file, terms[k].loc.line);
        last_file = terms[k].loc.file;
    }
    sb_append(b, "]");
}

static void free_terms(Term *t, size_t n)
{
    for (size_t k = 0; k < n; k++) free(t[k].value);
}

/* name.impact = quantity × proxy × (1 − deadweight) × ... */
static void explain_impact(const char *name, Term *terms, bool leakage, const char *impact,
                           StrBuf *b)
{
    char head[256];
    snprintf(head, sizeof head, "%s.impact = ", name);
    size_t indent = utf8_width_z(head) - 2;
    sb_printf(b,
              "%squantity × proxy × (1 − deadweight) × (1 − displacement) × (1 − attribution)%s\n",
              head, leakage ? " × (1 − leakage)" : "");
    for (size_t i = 0; i < indent; i++) sb_append(b, " ");
    sb_printf(b, "= %s × %s × (1 − %s) × (1 − %s) × (1 − %s)", terms[0].value, terms[1].value,
              terms[2].value, terms[3].value, terms[4].value);
    if (leakage) sb_printf(b, " × (1 − %s)", terms[5].value);
    sb_append(b, "      ");
    loc_list(terms, leakage ? 6 : 5, b);
    sb_append(b, "\n");
    for (size_t i = 0; i < indent; i++) sb_append(b, " ");
    sb_printf(b, "= %s\n", impact);
}

/* ---- down to the data ---------------------------------------------------------------
 * A field computed from other values (quantity = count(rsa)) is followed back
 * through the top-level definitions its names refer to (let, fn, use), down
 * to the csv() calls that read the data.  The runtime keeps values, not the
 * statements that defined them, so the file is parsed again here, once per
 * explain() call: its top-level statements give each definition's text and
 * location.  A file that cannot be read again (REPL lines) gives no chain. */

typedef struct Sources {
    char **paths;
    SourceFile **files; /* NULL: could not be read or parsed */
    size_t n;
} Sources;

static const SourceFile *sources_get(Sources *s, const char *path)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->paths[i], path) == 0) return s->files[i];
    SourceFile *f = source_read(path);
    SyntaxError err = { 0 };
    if (f && !parse_source(f, &err)) {
        source_free(f);
        f = NULL;
    }
    free(err.message);
    s->paths = realloc(s->paths, sizeof(char *) * (s->n + 1));
    s->files = realloc(s->files, sizeof(SourceFile *) * (s->n + 1));
    s->paths[s->n] = strdup(path);
    s->files[s->n++] = f;
    return f;
}

static void sources_free(Sources *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->paths[i]);
        if (s->files[i]) source_free(s->files[i]);
    }
    free(s->paths);
    free(s->files);
}

/* The top-level statement (let, fn, use) that last defined `name` before
 * line `before` of the file, and its index among the top-level items. */
static const Node *definition_of(const SourceFile *src, const char *name, int before, size_t *index)
{
    const Node *root = src ? src->root : NULL, *found = NULL;
    if (!root) return NULL;
    for (size_t k = 0; k < root->n_items; k++) {
        const Node *st = root->items[k];
        if (st->loc.line >= before) break;
        if ((st->kind == N_LET || st->kind == N_FN || st->kind == N_USE) && st->name &&
            strcmp(st->name, name) == 0) {
            found = st;
            *index = k;
        }
    }
    return found;
}

/* The names an expression uses, in the order written (fields after a dot
 * are not names). */
static void names_used(const Node *e, const char **names, size_t *n, size_t max)
{
    if (!e || *n >= max) return;
    if (e->kind == N_NAME && e->name) {
        for (size_t i = 0; i < *n; i++)
            if (strcmp(names[i], e->name) == 0) return;
        names[(*n)++] = e->name;
        return;
    }
    names_used(e->a, names, n, max);
    if (e->kind == N_GET) return;
    names_used(e->b, names, n, max);
    names_used(e->c, names, n, max);
    for (size_t i = 0; i < e->n_items; i++) names_used(e->items[i], names, n, max);
}

/* The file a csv("...") call in e reads, or NULL. */
static const char *data_file(const Node *e)
{
    if (!e) return NULL;
    if (e->kind == N_CALL && e->a && e->a->kind == N_NAME && strcmp(e->a->name, "csv") == 0 &&
        e->n_items > 0 && e->items[0]->a && e->items[0]->a->kind == N_STRING)
        return e->items[0]->a->str;
    const char *f;
    if ((f = data_file(e->a)) || (f = data_file(e->b)) || (f = data_file(e->c))) return f;
    for (size_t i = 0; i < e->n_items; i++)
        if ((f = data_file(e->items[i]))) return f;
    return NULL;
}

/* Line `line` of src without a comment or trailing blanks. */
static void code_line(const SourceFile *src, int line, char *buf, size_t size)
{
    source_line(src, line, buf, size);
    bool in_string = false;
    for (char *p = buf; *p; p++) {
        if (*p == '"') in_string = !in_string;
        if (!in_string && *p == '#') {
            *p = 0;
            break;
        }
    }
    size_t len = strlen(buf);
    while (len && strchr("\r\t ", buf[len - 1])) buf[--len] = 0;
}

#define CHAIN_MAX_DEFS  12 /* definitions shown for one field */
#define CHAIN_MAX_LINES 6  /* lines shown of one definition */

/* Writes the statement (its lines up to the next statement), indented. */
static void statement_text(const SourceFile *src, size_t k, StrBuf *b)
{
    const Node *root = src->root, *st = root->items[k];
    int first = st->loc.line, last = first;
    int stop = k + 1 < root->n_items ? root->items[k + 1]->loc.line - 1 : first + CHAIN_MAX_LINES;
    char buf[1024];
    for (int l = first + 1; l <= stop; l++) { /* continuation lines that hold code */
        code_line(src, l, buf, sizeof buf);
        if (buf[0]) last = l;
    }
    if (last - first >= CHAIN_MAX_LINES) last = first + CHAIN_MAX_LINES - 1;
    for (int l = first; l <= last; l++) {
        code_line(src, l, buf, sizeof buf);
        const char *t = buf;
        if (l == first)
            t += st->loc.col > 0 && (size_t)st->loc.col - 1 < strlen(buf) ? st->loc.col - 1 : 0;
        else
            sb_append(b, "\n      ");
        sb_append(b, t);
    }
    if (last < stop) {
        code_line(src, last + 1, buf, sizeof buf);
        if (buf[0]) sb_append(b, " …");
    }
}

/* Follows the names of e back to their definitions, depth first. */
static void chain_from(Sources *srcs, const Node *e, SrcLoc at, const Node **seen, size_t *n_seen,
                       StrBuf *b)
{
    if (!e || !at.file) return;
    const SourceFile *src = sources_get(srcs, at.file);
    if (!src) return;
    const char *names[32];
    size_t n = 0;
    names_used(e, names, &n, 32);
    for (size_t i = 0; i < n && *n_seen < CHAIN_MAX_DEFS; i++) {
        size_t k;
        const Node *def = definition_of(src, names[i], at.line, &k);
        if (!def) continue;
        bool done = false;
        for (size_t j = 0; j < *n_seen; j++) done |= seen[j] == def;
        if (done) continue;
        seen[(*n_seen)++] = def;
        sb_append(b, "    ");
        statement_text(src, k, b);
        sb_printf(b, "   [%s:%d]", at.file, def->loc.line);
        const char *data = def->kind == N_LET ? data_file(def->a) : NULL;
        if (data) sb_printf(b, " — data read from %s", data);
        sb_append(b, "\n");
        if (def->kind == N_LET || def->kind == N_FN)
            chain_from(srcs, def->a, def->loc, seen, n_seen, b);
    }
}

static void explain_computed(Sources *srcs, const char *name, const char *const *fields,
                             const Term *terms, size_t n, StrBuf *b)
{
    for (size_t k = 0; k < n; k++) {
        if (!terms[k].computed) continue;
        StrBuf e;
        sb_init(&e);
        field_expr_text(terms[k].loc, &e);
        sb_printf(b, "  %s.%s = %s was computed", name, fields[k], terms[k].value);
        if (e.len) sb_printf(b, " from `%s`", e.data);
        sb_printf(b, " at %s:%d (from data or other values, not written as a number)\n",
                  terms[k].loc.file, terms[k].loc.line);
        sb_free(&e);
        const Node *seen[CHAIN_MAX_DEFS];
        size_t n_seen = 0;
        StrBuf chain;
        sb_init(&chain);
        if (srcs) chain_from(srcs, terms[k].expr, terms[k].loc, seen, &n_seen, &chain);
        if (chain.len) sb_printf(b, "  which uses\n%s", chain.data);
        sb_free(&chain);
    }
}

/* The fields of the impact formula, in its order; sroi_fields.h names them. */
static const int IMPACT_FIELD_IDS[6] = { OF_QUANTITY,     OF_PROXY,       OF_DEADWEIGHT,
                                         OF_DISPLACEMENT, OF_ATTRIBUTION, OF_LEAKAGE };

static void impact_field_names(const char *names[6])
{
    for (int k = 0; k < 6; k++) names[k] = SROI_FIELDS[IMPACT_FIELD_IDS[k]].name;
}

static void where(SrcLoc loc, StrBuf *b)
{
    if (loc.file)
        sb_printf(b, " [%s:%d]", loc.file, loc.line);
    else
        sb_append(b, " [default]");
}

/* The decline of an outcome: its drop-off, or its profile (a list) when it
 * has one. */
typedef struct Decline {
    Value dropoff, profile; /* profile V_NIL when none */
    SrcLoc dropoff_loc, profile_loc;
    Value impact, duration; /* to spell out a partial last year */
    SrcLoc duration_loc;
} Decline;

/* A partial last year (duration − k < 1, no profile): the year's value
 * spelled out as impact × (1 − dropoff)^k × weight, with the duration's
 * source, so that the sum can be redone by hand. */
static void explain_partial_year(Interp *I, const Decline *dec, int k, StrBuf *b)
{
    double imp, d, dur;
    if (dec->profile.kind == V_LIST || !constant_value(dec->impact, &imp) ||
        !constant_value(dec->dropoff, &d) || !constant_value(dec->duration, &dur))
        return;
    double w = dur - k;
    if (!(w > 1e-9 && w < 1 - 1e-9)) return;
    explain_format(I, dec->impact, b);
    if (k > 0 && d != 0) {
        sb_append(b, " × ");
        value_format(I, value_percent(1 - d), b);
        if (k > 1) sb_printf(b, "^%d", k);
    }
    if (fabs(w - 0.5) < 1e-9)
        sb_append(b, " × 0.5 (last half year: duration ");
    else
        sb_printf(b, " × %g (last part-year: duration ", w);
    StrBuf e;
    sb_init(&e);
    if (dec->duration_loc.file) field_expr_text(dec->duration_loc, &e);
    if (e.len)
        sb_append(b, e.data);
    else
        value_format(I, dec->duration, b);
    sb_free(&e);
    where(dec->duration_loc, b);
    sb_append(b, ") = ");
}

static void explain_years(Interp *I, const char *name, Value values, Value discount,
                          SrcLoc discount_loc, const char *conv, int start, const Decline *dec,
                          Value pv, StrBuf *b)
{
    StrBuf r;
    sb_init(&r);
    value_format(I, discount, &r);
    bool guide = strcmp(conv, "guide") == 0, none = strcmp(conv, "none") == 0;
    bool schedule = strcmp(conv, "green_book_declining") == 0;
    bool profile = dec->profile.kind == V_LIST;
    char decline[64];
    if (profile)
        snprintf(decline, sizeof decline, "profile(t%s)", start == 2 ? " − 1" : "");
    else
        snprintf(decline, sizeof decline, "(1 − dropoff)^(t − %d)", start);
    sb_printf(b, "%s.present_value = Σ over years t of impact × %s%s\n", name, decline,
              none           ? " (no discounting)"
                  : guide    ? " / (1 + discount)^t"
                  : schedule ? " × D_t"
                             : " / (1 + discount)^(t − 1)");
    if (schedule)
        sb_append(b,
                  "  D_t: Green Book declining schedule (3.5% to year 30, 3% to 75, 2.5% to 125, "
                  "2% to 200, 1.5% to 300, then 1%), t = 1 the first year");
    else {
        sb_printf(b, "  discount = %s", r.data ? r.data : "");
        where(discount_loc, b);
    }
    sb_free(&r);
    if (profile) {
        sb_append(b, ", profile = ");
        value_format(I, dec->profile, b);
        where(dec->profile_loc, b);
    } else {
        sb_append(b, ", drop-off = ");
        value_format(I, dec->dropoff, b);
        where(dec->dropoff_loc, b);
    }
    sb_append(b, "\n");
    double rate = sroi_central(discount);
    if (values.kind == V_LIST) {
        ListObj *l = as_list(values);
        for (size_t y = 0; y < l->n; y++) {
            Value v = l->items[y];
            if (v.kind == V_NUM && v.as.num == 0) continue;
            int t = (int)y + 1;
            int exponent = none ? 0 : guide ? t : t - 1;
            sb_printf(b, "  year %d: V = ", t);
            explain_partial_year(I, dec, t - start, b);
            explain_format(I, v, b);
            double x;
            if (constant_value(v, &x) && schedule) {
                double d_t = sroi_green_book_factor(t);
                sb_printf(b, ", × D_%d = %.6f → ", t, d_t);
                value_format(I, value_num_dim(x * d_t, v.dim), b);
            } else if (constant_value(v, &x) && exponent > 0) {
                Value d = value_num_dim(x / pow(1 + rate, exponent), v.dim);
                sb_printf(b, ", / %g^%d = ", 1 + rate, exponent);
                value_format(I, d, b);
            }
            sb_append(b, "\n");
        }
    }
    sb_append(b, "  = ");
    explain_format(I, pv, b);
    sb_append(b, "\n");
}

/* Where a record field was set; a default carries the outcome's location. */
static SrcLoc record_loc(const RecordObj *r, const char *key, SrcLoc outcome_loc)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->keys[i], key) == 0) {
            SrcLoc l = r->locs[i];
            if (l.line == outcome_loc.line && l.col == outcome_loc.col) return (SrcLoc){ 0 };
            return l;
        }
    return (SrcLoc){ 0 };
}

static bool explain_record(Interp *I, Value rec, SrcLoc loc, StrBuf *b)
{
    Value name, impact, values, discount, conv, start, dropoff, pv;
    if (!record_get(rec, "impact", &impact) || !record_get(rec, "quantity", &name))
        return rt_raise(I, loc, "explain: this record is not an outcome's results") ||
            rt_hint(I,
                    "explain a model (explain(M)) or one of its outcomes (explain(M.employment))");
    record_get(rec, "name", &name);
    RecordObj *r = as_record(rec);
    Term terms[6];
    for (int k = 0; k < 6; k++) {
        Value v = value_num(0);
        SrcLoc at = { 0 };
        for (size_t i = 0; i < r->n; i++)
            if (strcmp(r->keys[i], SROI_FIELDS[IMPACT_FIELD_IDS[k]].name) == 0) {
                v = r->vals[i];
                at = r->locs[i];
            }
        terms[k] = term_of(I, v, at, at.file != NULL, NULL);
    }
    /* A field left at its default carries the outcome's own location in
     * the record: show it as a default. */
    SrcLoc outcome_loc = r->locs[0];
    for (int k = 0; k < 6; k++)
        if (terms[k].loc.file && terms[k].loc.line == outcome_loc.line &&
            terms[k].loc.col == outcome_loc.col)
            terms[k].loc = (SrcLoc){ 0 };
    StrBuf iv;
    sb_init(&iv);
    explain_format(I, impact, &iv);
    bool leak = terms[5].loc.file != NULL;
    const char *n = name.kind == V_STR ? as_str(name)->data : "outcome";
    explain_impact(n, terms, leak, iv.data ? iv.data : "", b);
    sb_free(&iv);
    const char *fields[6];
    impact_field_names(fields);
    explain_computed(NULL, n, fields, terms, 6, b);
    free_terms(terms, 6);
    if (record_get(rec, "values", &values) && record_get(rec, "discount", &discount) &&
        record_get(rec, "discounting", &conv) && record_get(rec, "start", &start) &&
        record_get(rec, SROI_FIELDS[OF_DROPOFF].name, &dropoff) &&
        record_get(rec, "present_value", &pv)) {
        Decline dec = { dropoff,
                        value_nil(),
                        record_loc(r, SROI_FIELDS[OF_DROPOFF].name, outcome_loc),
                        record_loc(r, "profile", outcome_loc),
                        impact,
                        value_nil(),
                        record_loc(r, "duration", outcome_loc) };
        record_get(rec, "profile", &dec.profile);
        record_get(rec, "duration", &dec.duration);
        explain_years(I, n, values, discount, record_loc(r, "discount", outcome_loc),
                      as_str(conv)->data, (int)start.as.num, &dec, pv, b);
    }
    return true;
}

static bool explain_outcome(Interp *I, Sources *srcs, const SroiModel *m, size_t i, StrBuf *b)
{
    const SroiOutcome *o = &m->outcomes[i];
    Term terms[6];
    for (int k = 0; k < 6; k++) {
        const SroiNum *f = &o->f[IMPACT_FIELD_IDS[k]];
        terms[k] = term_of(I, f->v, f->loc, f->given, f->expr);
    }
    Value rec;
    if (!sroi_outcome_record(I, m, i, &rec)) {
        free_terms(terms, 6);
        return false;
    }
    Value impact, values, pv;
    record_get(rec, "impact", &impact);
    StrBuf iv;
    sb_init(&iv);
    explain_format(I, impact, &iv);
    explain_impact(o->name, terms, o->f[OF_LEAKAGE].given, iv.data ? iv.data : "", b);
    sb_free(&iv);
    const char *names[6];
    impact_field_names(names);
    explain_computed(srcs, o->name, names, terms, 6, b);
    free_terms(terms, 6);
    record_get(rec, "values", &values);
    record_get(rec, "present_value", &pv);
    const char *const *conv = SROI_DISCOUNTING_NAMES;
    Decline dec = { o->f[OF_DROPOFF].v,
                    value_nil(),
                    o->f[OF_DROPOFF].given ? o->f[OF_DROPOFF].loc : (SrcLoc){ 0 },
                    o->profile_loc,
                    impact,
                    o->f[OF_DURATION].v,
                    o->f[OF_DURATION].given ? o->f[OF_DURATION].loc : (SrcLoc){ 0 } };
    record_get(rec, "profile", &dec.profile);
    explain_years(I, o->name, values, m->discount.v,
                  m->discount.given ? m->discount.loc : (SrcLoc){ 0 }, conv[m->discounting],
                  o->start, &dec, pv, b);
    value_release(rec);
    return true;
}

bool sroi_explain_outcome(Interp *I, const SroiModel *m, size_t i, StrBuf *b)
{
    Sources srcs = { 0 };
    bool ok = explain_outcome(I, &srcs, m, i, b);
    sources_free(&srcs);
    return ok;
}

static bool explain_model(Interp *I, Sources *srcs, const SroiModel *m, StrBuf *b)
{
    for (size_t i = 0; i < m->n_outcomes; i++) {
        if (!explain_outcome(I, srcs, m, i, b)) return false;
        sb_append(b, "\n");
    }
    double *pv = collect(I, m, pick_pv, NULL), *inputs = collect(I, m, pick_inputs, NULL);
    double *ratio = collect(I, m, pick_ratio, NULL);
    bool ok = pv && inputs && ratio;
    if (ok) {
        sb_printf(b, "%s.present_value = Σ present values of the outcomes\n  = ", m->decl.name);
        for (size_t i = 0; i < m->n_outcomes; i++) {
            Value rec;
            if (!sroi_outcome_record(I, m, i, &rec)) {
                ok = false;
                break;
            }
            Value v;
            record_get(rec, "present_value", &v);
            if (i) sb_append(b, " + ");
            sb_printf(b, "%s ", m->outcomes[i].name);
            explain_format(I, v, b);
            value_release(rec);
        }
        sb_append(b, "\n  = ");
        size_t n = m->n_samples ? m->n_samples : 1;
        sroi_format_figure(I, m, pv, n, 'm', b);
        sb_printf(b, "\n%s.inputs = ", m->decl.name);
        for (size_t j = 0; j < m->n_inputs; j++) {
            if (j) sb_append(b, " + ");
            sb_printf(b, "%s ", m->inputs[j].name);
            value_format(I, m->inputs[j].amount.v, b);
            /* an input of a later year counts discounted, like an outcome of that year */
            int e = m->discounting == DISC_NONE          ? 0
                : m->discounting == DISC_FIRST_YEAR_FREE ? m->inputs[j].year - 1
                                                         : m->inputs[j].year;
            if (m->discounting == DISC_GREEN_BOOK && e > 0)
                sb_printf(b, " × D_%d = %.6f", e, sroi_green_book_factor(e));
            else if (e > 0)
                sb_printf(b, " / %g^%d", 1 + sroi_central(m->discount.v), e);
            sb_printf(b, " [%s:%d]",
                      m->inputs[j].amount.loc.file ? m->inputs[j].amount.loc.file : "?",
                      m->inputs[j].amount.loc.line);
        }
        sb_append(b, "\n  = ");
        sroi_format_figure(I, m, inputs, n, 'm', b);
        sb_printf(b, "\n%s.sroi = present_value / inputs = ", m->decl.name);
        sroi_format_figure(I, m, pv, n, 'm', b);
        sb_append(b, " / ");
        sroi_format_figure(I, m, inputs, n, 'm', b);
        sb_append(b, "\n  = ");
        /* a certain ratio as sroi() prints it (1.30435), the quotient of
         * the figures just shown */
        sroi_format_figure(I, m, ratio, n, m->n_samples ? 'r' : 'n', b);
        sb_append(b, "\n");
    }
    free(pv);
    free(inputs);
    free(ratio);
    return ok;
}

/* The outcome a record of outcome results (M.employment) comes from, when
 * its figures are still known: its explanation then shows the expressions
 * the model kept (and the chain down to the data). */
static bool record_outcome(Interp *I, Value rec, const SroiModel **m, size_t *i)
{
    Value impact, name;
    const char *what;
    int k;
    if (!record_get(rec, "impact", &impact) || !record_get(rec, "name", &name) ||
        name.kind != V_STR || !sroi_provenance(I, impact, m, &what, &k) || k < 0 ||
        (size_t)k >= (*m)->n_outcomes || strcmp((*m)->outcomes[k].name, as_str(name)->data) != 0)
        return false;
    *i = (size_t)k;
    return true;
}

static bool sroi_explain_builtin(Interp *I, const CallArgs *a, Value *out)
{
    StrBuf b;
    sb_init(&b);
    Sources srcs = { 0 };
    Value x = a->npos ? a->pos[0] : value_nil();
    const SroiModel *from;
    const char *what;
    int oi;
    size_t ri;
    bool ok;
    if (sroi_is_model(x) && a->npos == 2) {
        const SroiModel *m = sroi_model(x);
        const char *name;
        ok = arg_string(I, a, 1, "outcome", &name);
        size_t i = 0;
        while (ok && i < m->n_outcomes && strcmp(m->outcomes[i].name, name) != 0) i++;
        if (ok && i == m->n_outcomes) {
            const char *names[m->n_outcomes + 1];
            for (size_t k = 0; k < m->n_outcomes; k++) names[k] = m->outcomes[k].name;
            const char *s = suggest_name(name, names, m->n_outcomes);
            ok = s
                ? rt_raise(I, arg_loc(a, 1), "model '%s' has no outcome '%s' — did you mean '%s'?",
                           m->decl.name, name, s)
                : rt_raise(I, arg_loc(a, 1), "model '%s' has no outcome '%s'", m->decl.name, name);
        }
        ok = ok && explain_outcome(I, &srcs, m, i, &b);
    } else if (sroi_is_model(x)) {
        ok = explain_model(I, &srcs, sroi_model(x), &b);
    } else if (x.kind == V_RECORD && record_outcome(I, x, &from, &ri)) {
        ok = explain_outcome(I, &srcs, from, ri, &b);
    } else if (x.kind == V_RECORD) {
        ok = explain_record(I, x, arg_loc(a, 0), &b);
    } else if (sroi_provenance(I, x, &from, &what, &oi) && oi >= 0 &&
               (size_t)oi < from->n_outcomes) {
        sb_printf(&b, "%s.%s.%s comes from outcome '%s' of model '%s'", from->decl.name,
                  from->outcomes[oi].name, what, from->outcomes[oi].name, from->decl.name);
        if (from->scenario) sb_printf(&b, " with { %s }", from->scenario);
        sb_append(&b, ":\n\n");
        ok = explain_outcome(I, &srcs, from, (size_t)oi, &b);
    } else if (sroi_provenance(I, x, &from, &what, &oi)) {
        sb_printf(&b, "%s(%s) comes from model '%s'", what, from->decl.name, from->decl.name);
        if (from->scenario) sb_printf(&b, " with { %s }", from->scenario);
        sb_append(&b, ":\n\n");
        ok = explain_model(I, &srcs, from, &b);
    } else {
        const char *kind = value_kind_name(x);
        ok = rt_raise(
                 I, arg_loc(a, 0),
                 "explain: cannot explain %s %s: only models, outcomes, their "
                 "figures (M.employment.present_value) and the results of sroi(), present_value(), "
                 "npv(), net_sroi() keep how they were computed",
                 strchr("aeiou", kind[0]) ? "an" : "a", kind) ||
            rt_hint(I,
                    "write explain(M), explain(M.employment), explain(M.employment.impact) or "
                    "explain(sroi(M)); "
                    "a figure copied into arithmetic (2 * sroi(M)) is a new number");
    }
    sources_free(&srcs);
    if (!ok) {
        sb_free(&b);
        return false;
    }
    *out = sroi_text_value(b.data ? sb_take(&b) : strdup(""));
    return true;
}

/* Registered on their own (stdlib.c): report_compare.c sits on top of the
 * model value (sroi.c) and the report (report.c), which know nothing of it. */
const BuiltinReg compare_builtins[] = {
    { "compare", sroi_compare_builtin, 0, -1, "compare(model, model, ...)",
      "scenarios side by side: present value, NPV, ratio, per stakeholder; P(A > B) when "
      "uncertain" },
    { "explain", sroi_explain_builtin, 1, 2, "explain(x)",
      "how a figure was computed: the formula, each term's value and where it was set" },
    { 0 },
};
