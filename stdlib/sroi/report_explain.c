/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_explain.c — explain(x): how a figure was computed.
 *
 * Contract: explain() shows the formula, each term's value and the
 * file:line where it was set (or "default"), from a model, an outcome record
 * (M.employment), an outcome's figure (M.employment.present_value) or a
 * whole-model result (sroi(M)), the last two found by the mark they carry
 * (sroi_provenance()).  A term computed from other values is followed back
 * by report_explain_sources.c.  It returns a printable text value.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lang/i18n.h"
#include "lang/utf8.h"
#include "stdlib/stdlib.h"
#include "stdlib/sroi/report_explain.h"

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
        sb_appendn(b, line + start, sroi_code_length(line + start));
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
    double lo, hi;
    if (dist_known_range(d, &lo, &hi)) { /* drawn on demand: its range says it */
        *x = lo;
        return lo == hi;
    }
    const double *s = dist_samples(d);
    for (size_t k = 1; k < d->n; k++)
        if (s[k] != s[0]) return false;
    *x = s[0];
    return true;
}

/* A value for an explanation: a distribution that every sample agrees on
 * is shown as that number. */
static void explain_format(Interp *I, Value v, StrBuf *b)
{
    double x;
    if (v.kind == V_DIST) {
        if (constant_value(v, &x)) {
            Value n = value_num_dim(x, v.dim);
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
            sb_append(b, _("default"));
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
        sb_printf(b, " [%s]", _("default"));
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
    StrBuf e, duration;
    sb_init(&e);
    sb_init(&duration);
    if (dec->duration_loc.file) field_expr_text(dec->duration_loc, &e);
    if (e.len)
        sb_append(&duration, e.data);
    else
        value_format(I, dec->duration, &duration);
    sb_free(&e);
    where(dec->duration_loc, &duration);
    if (fabs(w - 0.5) < 1e-9)
        sb_printf(b, _(" × 0.5 (last half year: duration %s) = "), duration.data);
    else
        sb_printf(b, _(" × %g (last part-year: duration %s) = "), w, duration.data);
    sb_free(&duration);
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
    if (none)
        sb_printf(b, _("%s.present_value = Σ over years t of impact × %s (no discounting)\n"), name,
                  decline);
    else
        sb_printf(b, _("%s.present_value = Σ over years t of impact × %s%s\n"), name, decline,
                  guide          ? " / (1 + discount)^t"
                      : schedule ? " × D_t"
                                 : " / (1 + discount)^(t − 1)");
    if (schedule)
        sb_append(b,
                  _("  D_t: Green Book declining schedule (3.5% to year 30, 3% to 75, 2.5% to "
                    "125, 2% to 200, 1.5% to 300, then 1%), t = 1 the first year"));
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
            sb_printf(b, _("  year %d: V = "), t);
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

static void explain_computed(Sources *srcs, const char *name, const char *const *fields,
                             const Term *terms, size_t n, StrBuf *b)
{
    for (size_t k = 0; k < n; k++) {
        if (!terms[k].computed) continue;
        StrBuf e;
        sb_init(&e);
        field_expr_text(terms[k].loc, &e);
        if (e.len)
            sb_printf(b,
                      _("  %s.%s = %s was computed from `%s` at %s:%d (from data or other "
                        "values, not written as a number)\n"),
                      name, fields[k], terms[k].value, e.data, terms[k].loc.file,
                      terms[k].loc.line);
        else
            sb_printf(b,
                      _("  %s.%s = %s was computed at %s:%d (from data or other values, not "
                        "written as a number)\n"),
                      name, fields[k], terms[k].value, terms[k].loc.file, terms[k].loc.line);
        sb_free(&e);
        StrBuf chain;
        sb_init(&chain);
        if (srcs) sroi_explain_chain(srcs, terms[k].expr, terms[k].loc, &chain);
        if (chain.len) sb_printf(b, _("  which uses\n%s"), chain.data);
        sb_free(&chain);
    }
}

static bool explain_record(Interp *I, Value rec, SrcLoc loc, StrBuf *b)
{
    Value name, impact, values, discount, conv, start, dropoff, pv;
    if (!record_get(rec, "impact", &impact) || !record_get(rec, "quantity", &name))
        return rt_raise(I, loc, _("explain: this record is not an outcome's results")) ||
            rt_hint(I,
                    _("explain a model (explain(M)) or one of its outcomes "
                      "(explain(M.employment))"));
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
    sroi_explain_assumptions(I, m, o->name, b);
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
    sroi_sources_free(&srcs);
    return ok;
}

static bool explain_model(Interp *I, Sources *srcs, const SroiModel *m, StrBuf *b)
{
    for (size_t i = 0; i < m->n_outcomes; i++) {
        if (!explain_outcome(I, srcs, m, i, b)) return false;
        sb_append(b, "\n");
    }
    double *pv = sroi_collect_figure(I, m, sroi_pick_pv, NULL),
           *inputs = sroi_collect_figure(I, m, sroi_pick_inputs_pv, NULL);
    double *ratio = sroi_collect_figure(I, m, sroi_pick_ratio, NULL);
    bool ok = pv && inputs && ratio;
    if (ok) {
        sb_printf(b, _("%s.present_value = Σ present values of the outcomes\n  = "), m->decl.name);
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

bool sroi_explain_builtin(Interp *I, const CallArgs *a, Value *out)
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
            ok = s ? rt_raise(I, arg_loc(a, 1),
                              _("model '%s' has no outcome '%s' — did you mean '%s'?"),
                              m->decl.name, name, s)
                   : rt_raise(I, arg_loc(a, 1), _("model '%s' has no outcome '%s'"), m->decl.name,
                              name);
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
        if (from->scenario)
            sb_printf(&b, _("%s.%s.%s comes from outcome '%s' of model '%s' with { %s }:\n\n"),
                      from->decl.name, from->outcomes[oi].name, what, from->outcomes[oi].name,
                      from->decl.name, from->scenario);
        else
            sb_printf(&b, _("%s.%s.%s comes from outcome '%s' of model '%s':\n\n"), from->decl.name,
                      from->outcomes[oi].name, what, from->outcomes[oi].name, from->decl.name);
        ok = explain_outcome(I, &srcs, from, (size_t)oi, &b);
    } else if (sroi_provenance(I, x, &from, &what, &oi)) {
        if (from->scenario)
            sb_printf(&b, _("%s(%s) comes from model '%s' with { %s }:\n\n"), what, from->decl.name,
                      from->decl.name, from->scenario);
        else
            sb_printf(&b, _("%s(%s) comes from model '%s':\n\n"), what, from->decl.name,
                      from->decl.name);
        ok = explain_model(I, &srcs, from, &b);
    } else {
        ok = rt_raise(I, arg_loc(a, 0),
                      _("explain: cannot explain %s: only models, outcomes, their "
                        "figures (M.employment.present_value) and the results of sroi(), "
                        "present_value(), "
                        "npv(), net_sroi() keep how they were computed"),
                      value_kind_phrase(x)) ||
            rt_hint(I,
                    _("write explain(M), explain(M.employment), explain(M.employment.impact) or "
                      "explain(sroi(M)); "
                      "a figure copied into arithmetic (2 * sroi(M)) is a new number"));
    }
    sroi_sources_free(&srcs);
    if (!ok) {
        sb_free(&b);
        return false;
    }
    *out = sroi_text_value(b.data ? sb_take(&b) : strdup(""));
    return true;
}
