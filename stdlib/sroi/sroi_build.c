/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_build.c — turns a model declaration into a validated SroiModel.
 *
 * Contract: sroi_model_new() copies the declaration (so a scenario can be
 * rebuilt from it), decodes settings, stakeholders, inputs and outcomes,
 * and refuses anything the arithmetic cannot mean, with a located error in
 * an evaluator's words and a hint saying what to write.  Once valid, it
 * emits plausibility warnings (docs/METHOD.md §1.9): they never stop a run.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/disclosure.h"
#include "stdlib/privacy/privacy.h"
#include "lang/check.h"
#include "stdlib/sroi/sroi_build.h"

static const char *const KEYWORDS[] = { "stakeholder", "input", "outcome" };
static const char *const DISCOUNTING_NAMES[] = { "guide", "first_year_undiscounted", "none",
                                                 "green_book_declining" }; /* Discounting's order */
/* Named discount rates (docs/METHOD.md §1.4), each also under a short alias. */
static const struct {
    const char *name, *alias;
    double rate;
} DISCOUNT_PRESETS[] = {
    { "uk_green_book_3_5", "uk_green_book",
      0.035 },                           /* HM Treasury Green Book; SROI Guide default */
    { "fr_2021_3_2", "fr_2021", 0.032 }, /* France Stratégie 2021: 1.2% + β × 2%, β = 1 */
    { "fr_quinet_4_5", "fr_quinet_2013", 0.045 }, /* Quinet 2013: 2.5% + β × 2%, β = 1 */
    { "none", "none", 0.0 }
}; /* discounting judged not material */
static const char *const DISCOUNT_PRESET_NAMES[] = { "uk_green_book_3_5", "fr_2021_3_2",
                                                     "fr_quinet_4_5",     "none",
                                                     "uk_green_book",     "fr_2021",
                                                     "fr_quinet_2013" };

/* ---- did you mean --------------------------------------------------------- */

/* ---- settings ------------------------------------------------------------------ */

/* discount = "fr_2021_3_2": a named rate of docs/METHOD.md §1.4. */
static bool discount_preset(Builder *B, const DeclField *f)
{
    const char *name = as_str(f->value)->data;
    for (size_t k = 0; k < COUNT(DISCOUNT_PRESETS); k++)
        if (strcmp(name, DISCOUNT_PRESETS[k].name) == 0 ||
            strcmp(name, DISCOUNT_PRESETS[k].alias) == 0) {
            B->m->discount =
                (SroiNum){ value_percent(DISCOUNT_PRESETS[k].rate), f->loc, f->expr, true };
            return true;
        }
    StrBuf dym;
    sb_init(&dym);
    sroi_did_you_mean(&dym, name, DISCOUNT_PRESET_NAMES, COUNT(DISCOUNT_PRESET_NAMES));
    rt_raise(B->I, f->loc,
             _("discount is \"%s\": a named rate must be \"uk_green_book_3_5\" (3.5%%), "
               "\"fr_2021_3_2\" (3.2%%), \"fr_quinet_4_5\" (4.5%%) or \"none\" (0%%)%s"),
             name, dym.data ? dym.data : "");
    sb_free(&dym);
    return rt_hint(B->I,
                   _("write a rate (discount = 3.5%%) or a named one (discount = \"fr_2021_3_2\"); "
                     "the short names uk_green_book, fr_2021 and fr_quinet_2013 work too"));
    return false;
}

/* `discounting = "guide"` and the other conventions (DISCOUNTING_NAMES). */
static bool decode_discounting(Builder *B, const DeclField *f)
{
    Interp *I = B->I;
    SroiModel *m = B->m;
    if (f->value.kind == V_STR)
        for (size_t k = 0; k < COUNT(DISCOUNTING_NAMES); k++)
            if (strcmp(as_str(f->value)->data, DISCOUNTING_NAMES[k]) == 0) {
                m->discounting = (Discounting)k;
                m->discounting_loc = f->loc;
                return true;
            }
    StrBuf b, dym;
    sb_init(&b);
    sb_init(&dym);
    if (f->value.kind == V_STR) {
        sb_printf(&b, "\"%s\"", as_str(f->value)->data);
        sroi_did_you_mean(&dym, as_str(f->value)->data, DISCOUNTING_NAMES,
                          COUNT(DISCOUNTING_NAMES));
    } else
        sroi_describe_value(I, f->value, &b);
    rt_raise(I, f->loc,
             _("discounting is %s: it must be \"guide\", \"first_year_undiscounted\", \"none\" "
               "or \"green_book_declining\"%s"),
             b.data, dym.data ? dym.data : "");
    sb_free(&dym);
    rt_hint(I,
            _("write discounting = \"guide\" (year t divided by (1+r)^t from t = 1, the SROI "
              "Guide's rule)"));
    sb_free(&b);
    return false;
}

static bool decode_setting(Builder *B, const DeclField *f)
{
    Interp *I = B->I;
    SroiModel *m = B->m;
    if (strcmp(f->name, "discount") == 0) {
        if (f->value.kind == V_STR) return discount_preset(B, f);
        if (!sroi_check_percent(I, f->value, f->loc, _("the discount rate"), "discount",
                                N_("a discount rate"), "3.5%", true))
            return false;
        m->discount = (SroiNum){ f->value, f->loc, f->expr, true };
        return sroi_check_sample_count(B, f->value, f->loc);
    }
    if (strcmp(f->name, "discounting") == 0) return decode_discounting(B, f);
    if (strcmp(f->name, "scale") == 0) {
        const char *word = f->value.kind == V_STR ? as_str(f->value)->data : NULL;
        if (!word || (strcmp(word, "k") != 0 && strcmp(word, "M") != 0 && strcmp(word, "1") != 0))
            return rt_raise(I, f->loc,
                            _("scale must be \"k\" (thousands), \"M\" (millions) or \"1\"")) ||
                rt_hint(I, _("write scale = \"k\" to show money in thousands in the reports"));
        m->scale = word[0];
        return true;
    }
    /* decoded once the inputs are known (sroi_funders.c) */
    if (strcmp(f->name, "funder_share") == 0) return true;
    double n;
    if (strcmp(f->name, "min_cell") == 0) {
        if (!sroi_whole_number(f->value, &n) || !dim_is_none(f->value.dim) || n < 1 || n > 1e6)
            return rt_raise(I, f->loc,
                            _("min_cell must be a whole number of people, at least 1")) ||
                rt_hint(I, _("write min_cell = 11"));
        m->min_cell = (int)n;
        return true;
    }
    if (strcmp(f->name, "horizon") == 0) {
        Value v = f->value;
        bool timed = v.kind == V_NUM && dim_equal(v.dim, dim_time(I));
        if (!(timed || (v.kind == V_NUM && dim_is_none(v.dim))) || !sroi_whole_number(v, &n) ||
            n < 1 || n > MAX_DURATION_YEARS)
            return rt_raise(I, f->loc,
                            _("the horizon must be a whole number of years, at least 1")) ||
                rt_hint(I, _("write horizon = 5 year"));
        m->horizon = (int)n;
        return true;
    }
    StrBuf b;
    sb_init(&b);
    sroi_did_you_mean(&b, f->name, SROI_SETTING_NAMES, COUNT(SROI_SETTING_NAMES));
    /* b.data stays NULL when there is no suggestion: never hand it to printf */
    rt_raise(I, f->loc, _("unknown model setting '%s'%s"), f->name, b.data ? b.data : "");
    sb_free(&b);
    sb_init(&b);
    sroi_join_names(&b, SROI_SETTING_NAMES, COUNT(SROI_SETTING_NAMES));
    rt_hint(I, _("a model's settings are %s; outcome fields go inside an outcome's braces"),
            b.data);
    sb_free(&b);
    return false;
}

/* ---- entries --------------------------------------------------------------------- */

static int find_name(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0) return (int)i;
    return -1;
}

static bool check_keyword(Builder *B, const DeclEntry *e)
{
    if (find_name(KEYWORDS, COUNT(KEYWORDS), e->keyword) >= 0) return true;
    StrBuf b;
    sb_init(&b);
    sroi_did_you_mean(&b, e->keyword, KEYWORDS, COUNT(KEYWORDS));
    rt_raise(B->I, e->loc, _("unknown declaration '%s' in model '%s'%s"), e->keyword,
             B->m->decl.name, b.data ? b.data : "");
    rt_hint(B->I, _("a model declares stakeholder, input and outcome entries"));
    sb_free(&b);
    return false;
}

static int cmp_entry_names(const void *a, const void *b, void *ctx)
{
    const ModelDecl *sort_decl = ctx;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(sort_decl->entries[i].name, sort_decl->entries[j].name);
    return c ? c : (i > j) - (i < j);
}

/* Every name declared once: sorted by name, duplicates are neighbours; the
 * error points at the earliest second declaration (O(n log n): generated
 * models have thousands of entries). */
static bool check_unique_names(Builder *B)
{
    const ModelDecl *d = &B->m->decl;
    if (d->n_entries < 2) return true;
    size_t *order = malloc(sizeof(size_t) * d->n_entries);
    for (size_t i = 0; i < d->n_entries; i++) order[i] = i;
    qsort_r(order, d->n_entries, sizeof(size_t), cmp_entry_names, (void *)d);
    size_t first = 0, second = SIZE_MAX;
    for (size_t k = 1; k < d->n_entries; k++)
        if (strcmp(d->entries[order[k]].name, d->entries[order[k - 1]].name) == 0 &&
            order[k] < second) {
            second = order[k];
            first = order[k - 1];
        }
    free(order);
    if (second == SIZE_MAX) return true;
    /* the first declaration of that name */
    for (size_t i = 0; i < second; i++)
        if (strcmp(d->entries[i].name, d->entries[second].name) == 0) {
            first = i;
            break;
        }
    const DeclEntry *e = &d->entries[second], *o = &d->entries[first];
    return rt_raise(B->I, e->loc, _("'%s' is declared twice in model '%s' (first at %s:%d)"),
                    e->name, d->name, o->loc.file ? o->loc.file : "?", o->loc.line) ||
        rt_hint(B->I, _("give each stakeholder, input and outcome its own name"));
}

static bool decode_stakeholder(Builder *B, const DeclEntry *e, SroiStakeholder *s)
{
    if (e->n_fields > 0)
        return rt_raise(B->I, e->fields[0].loc, _("stakeholder '%s' takes no fields"), e->name) ||
            rt_hint(B->I,
                    _("write stakeholder %s \"Label\" and attach outcomes to it with `for %s`"),
                    e->name, e->name);
    if (e->value.kind != V_NIL)
        return rt_raise(B->I, e->value_loc, _("stakeholder '%s' takes no value"), e->name) ||
            rt_hint(B->I, _("write stakeholder %s \"Label\""), e->name);
    *s = (SroiStakeholder){ e->name, e->label ? e->label : e->name, e->loc };
    return true;
}

static bool decode_input_option(Builder *B, void *target, const DeclField *f, const char *where)
{
    SroiInput *in = target;
    Interp *I = B->I;
    if (strcmp(f->name, "funder") == 0) {
        if (f->value.kind != V_STR)
            return rt_raise(I, f->loc, _("funder of input '%s' must be text"), in->name) ||
                rt_hint(I, _("write funder = \"Métropole\""));
        in->funder = as_str(f->value)->data;
        return true;
    }
    if (strcmp(f->name, "in_kind") == 0) {
        if (f->value.kind != V_BOOL)
            return rt_raise(I, f->loc, _("in_kind of input '%s' must be true or false"),
                            in->name) ||
                rt_hint(I,
                        _("write in_kind = true for volunteer time or goods given, valued in "
                          "money"));
        in->in_kind = f->value.as.boolean;
        return true;
    }
    if (strcmp(f->name, "stakeholder") == 0) return sroi_input_stakeholder(I, B->m, in, f);
    if (strcmp(f->name, "hours") == 0) return sroi_input_hours(I, in, f);
    if (strcmp(f->name, "year") == 0) {
        double y;
        if (!sroi_whole_number(f->value, &y) || !dim_is_none(f->value.dim) || y < 0 ||
            y > MAX_DURATION_YEARS)
            return rt_raise(I, f->loc,
                            _("year of input '%s' must be a whole number, 0 (now) or later"),
                            in->name) ||
                rt_hint(I, _("write year = 1 for money spent in the first year of the activity"));
        in->year = (int)y;
        return true;
    }
    return sroi_unknown_field(B, f, where, SROI_INPUT_OPTIONS, COUNT(SROI_INPUT_OPTIONS));
}

static bool decode_input(Builder *B, const DeclEntry *e, SroiInput *in)
{
    Interp *I = B->I;
    *in = (SroiInput){ .name = e->name,
                       .label = e->label ? e->label : e->name,
                       .loc = e->loc,
                       .stakeholder = -1,
                       .hours = NAN,
                       .valued = true };
    char where[160];
    snprintf(where, sizeof where, _("input '%s'"), e->name); /* a whole phrase per language */
    if (!sroi_decode_fields(B, e, where, decode_input_option, in)) return false;
    Value v = e->value;
    SrcLoc loc = e->value.kind == V_NIL ? e->loc : e->value_loc;
    if (disclosure_is_suppressed(v)) return disclosure_refuse(I, v, loc);
    if (sroi_has_missing(v))
        return rt_raise(I, loc,
                        _("input '%s' is missing: the value it was computed from has no data"),
                        e->name) ||
            rt_hint(I, _("check the data it comes from, or write the amount"));
    if (v.kind == V_NIL && !isnan(in->hours)) { /* time given, not valued (METHOD §1.12) */
        in->valued = false;
        in->amount = (SroiNum){ value_num(0), loc, NULL, false };
        return true;
    }
    if (v.kind == V_NIL)
        return rt_raise(I, loc, _("input '%s' has no amount"), e->name) ||
            rt_hint(I, _("write input %s \"%s\" = 80_000 EUR"), e->name, in->label);
    if (!sroi_is_numeric(v) || !sroi_money_dim(I, v.dim)) {
        sroi_raise_described(I, loc, _("input '%s' is %s: an input is money invested"), e->name, v);
        if (v.kind == V_NUM && dim_is_none(v.dim))
            rt_hint(I, _("write %g EUR"), v.as.num);
        else
            rt_hint(I, _("write input %s \"%s\" = 80_000 EUR"), e->name, in->label);
        return false;
    }
    if ((v.kind == V_NUM && v.as.num < 0) || sroi_samples_outside(v, 0, INFINITY, false) > 0)
        return rt_raise(I, loc, _("input '%s' is negative: an input is money invested"), e->name) ||
            rt_hint(I,
                    _("record money that comes back as an outcome (with a negative or positive "
                      "proxy), not as an input"));
    in->amount = (SroiNum){ v, loc, NULL, true };
    return sroi_check_currency(B, v.dim, loc, where) && sroi_check_sample_count(B, v, loc);
}

/* ---- whole-model steps ---------------------------------------------------------------- */

static bool decode_entries(Builder *B)
{
    SroiModel *m = B->m;
    const ModelDecl *d = &m->decl;
    m->stakeholders = calloc(d->n_entries + 1, sizeof(SroiStakeholder));
    m->inputs = calloc(d->n_entries + 1, sizeof(SroiInput));
    m->outcomes = calloc(d->n_entries + 1, sizeof(SroiOutcome));
    /* Stakeholders first, so an outcome may name one declared further down. */
    for (size_t i = 0; i < d->n_entries; i++)
        if (!check_keyword(B, &d->entries[i])) return false;
    if (!check_unique_names(B)) return false;
    for (size_t i = 0; i < d->n_entries; i++) {
        const DeclEntry *e = &d->entries[i];
        if (strcmp(e->keyword, "stakeholder") == 0 &&
            !decode_stakeholder(B, e, &m->stakeholders[m->n_stakeholders++]))
            return false;
    }
    for (size_t i = 0; i < d->n_entries; i++) {
        const DeclEntry *e = &d->entries[i];
        if (strcmp(e->keyword, "input") == 0 && !decode_input(B, e, &m->inputs[m->n_inputs++]))
            return false;
    }
    for (size_t i = 0; i < d->n_entries; i++) {
        const DeclEntry *e = &d->entries[i];
        if (strcmp(e->keyword, "outcome") != 0) continue;
        SroiOutcome *o = &m->outcomes[m->n_outcomes++];
        if (!sroi_decode_outcome(B, e, o)) return false;
    }
    if (m->n_inputs == 0)
        return rt_raise(B->I, d->loc,
                        _("model '%s' has no input: a model needs at least one input, "
                          "the investment the ratio divides by"),
                        d->name) ||
            rt_hint(B->I, _("write input grant \"Subvention\" = 80_000 EUR"));
    return true;
}

static void collect_domains(SroiModel *m)
{
    m->domains = calloc(m->n_outcomes + 1, sizeof(char *));
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const char *d = m->outcomes[i].text[OT_AREA];
        if (!d) continue;
        int k = find_name(m->domains, m->n_domains, d);
        if (k < 0) {
            k = (int)m->n_domains;
            m->domains[m->n_domains++] = d;
        }
        m->outcomes[i].domain = k;
    }
}

static double max_of(Value v)
{
    if (v.kind != V_DIST) return v.as.num;
    const DistObj *d = as_dist(v);
    double mn, mx = -INFINITY;
    if (dist_known_range(d, &mn, &mx)) return mx; /* drawn on demand: known without drawing */
    const double *x = dist_samples(d);
#pragma omp parallel for reduction(max : mx) if (d->n > SCAN_PARALLEL)
    for (size_t s = 0; s < d->n; s++)
        if (x[s] > mx) mx = x[s];
    return mx;
}

static void compute_max_years(SroiModel *m)
{
    int last = 1;
    for (size_t i = 0; i < m->n_outcomes; i++) {
        const SroiOutcome *o = &m->outcomes[i];
        int years = o->profile ? (int)o->n_profile : (int)ceil(max_of(o->f[OF_DURATION].v) - 1e-9);
        if (o->start + years - 1 > last) last = o->start + years - 1;
    }
    if (m->horizon > 0 && last > m->horizon) last = m->horizon;
    m->max_years = last;
}

static void add_param(SroiModel *m, const char *owner, const char *field, ParamKind kind,
                      int outcome, int input, const SroiNum *num, double lo, double hi)
{
    SroiParam *p = &m->params[m->n_params];
    size_t lown = strlen(owner), lf = field ? strlen(field) : 0;
    char *name = malloc(lown + lf + 2);
    memcpy(name, owner, lown);
    if (field) {
        name[lown] = '.';
        memcpy(name + lown + 1, field, lf + 1);
    } else
        name[lown] = 0;
    *p = (SroiParam){ name, kind, outcome, input, num->v, num->loc, lo, hi };
    m->n_params++;
}

/* The central value of m's parameter k (its median when uncertain, O(samples)).
 * A scenario copy (`M with {...}`) shares the distributions it does not
 * change with its base model: the median of the same samples is the base's,
 * taken rather than selected again (each `with` in a REPL loop would
 * otherwise recompute every median of the model). */
static double param_central(const SroiModel *m, const SroiModel *base, size_t k)
{
    Value v = m->params[k].value;
    if (base && v.kind == V_DIST && k < base->n_params) {
        Value was = base->params[k].value;
        if (was.kind == V_DIST && as_dist(was) == as_dist(v)) return base->central[k];
    }
    return sroi_central(v);
}

static double leak_central(const SroiModel *m, const SroiModel *base, size_t i)
{
    Value v = m->outcomes[i].f[OF_LEAKAGE].v;
    if (base && v.kind == V_DIST && i < base->n_outcomes) {
        Value was = base->outcomes[i].f[OF_LEAKAGE].v;
        if (was.kind == V_DIST && as_dist(was) == as_dist(v)) return base->leak_central[i];
    }
    return sroi_central(v);
}

static void build_params(SroiModel *m, const SroiModel *base)
{
    size_t n = m->n_outcomes * OF_PARAMS + m->n_inputs + 1;
    m->params = calloc(n, sizeof(SroiParam));
    m->central = calloc(n, sizeof(double));
    m->leak_central = calloc(m->n_outcomes + 1, sizeof(double));
    for (size_t i = 0; i < m->n_outcomes; i++) {
        SroiOutcome *o = &m->outcomes[i];
        for (int k = 0; k < OF_PARAMS; k++) {
            const SroiFieldInfo *info = &SROI_FIELDS[k];
            add_param(m, o->name, info->name, (ParamKind)k, (int)i, -1, &o->f[k], info->lo,
                      info->hi);
        }
        m->leak_central[i] = leak_central(m, base, i);
    }
    for (size_t j = 0; j < m->n_inputs; j++)
        add_param(m, m->inputs[j].name, NULL, PARAM_INPUT, -1, (int)j, &m->inputs[j].amount, 0,
                  INFINITY);
    add_param(m, "discount", NULL, PARAM_DISCOUNT, -1, -1, &m->discount, 0, 1);
    /* Medians of distributions are O(samples) each: spread them over threads
     * when the model is large. */
    double work = (double)m->n_params * (double)m->n_samples;
#pragma omp parallel for schedule(dynamic) if (work > 4e6)
    for (size_t k = 0; k < m->n_params; k++) m->central[k] = param_central(m, base, k);
}

/* ---- plausibility warnings (docs/METHOD.md §1.9) ------------------------------------------- */

/* The declining schedule replaces the discount rate for every year: a
 * discount written beside it may only be its first rate, 3.5%. */
static bool schedule_agrees(Builder *B)
{
    const SroiNum *d = &B->m->discount;
    if (B->m->discounting != DISC_GREEN_BOOK || !d->given) return true;
    if (d->v.kind == V_NUM && fabs(d->v.as.num - 0.035) < 1e-12) return true;
    StrBuf b;
    sb_init(&b);
    if (d->v.kind == V_NUM)
        value_format(B->I, d->v, &b);
    else
        sb_append(&b, "uncertain");
    rt_raise(B->I, d->loc,
             _("discount is %s but discounting = \"green_book_declining\" takes every year's "
               "rate from the Green Book schedule (3.5%% to year 30, then declining): this rate "
               "would be ignored"),
             b.data ? b.data : "");
    sb_free(&b);
    rt_hint(
        B->I,
        _("remove the discount (or write discount = 3.5%%), or keep one rate with discounting = "
          "\"guide\""));
    return false;
}

/* Every figure of the model at its central values is a finite number: a
 * value or a ratio beyond the largest double (quantity = 1e308, inputs of
 * 1e-320 EUR) would print as "none" or "inf" and end with status 0.  Located
 * at the outcome, the model, or the first input. */
static bool figures_are_finite(Builder *B)
{
    SroiModel *m = B->m;
    for (size_t i = 0; i < m->n_outcomes; i++) {
        if (isfinite(sroi_outcome_pv_point(m, m->central, i))) continue;
        rt_raise(B->I, m->outcomes[i].loc,
                 _("the value of outcome '%s' is too large to be represented (beyond 1.8e308 in "
                   "absolute value)"),
                 m->outcomes[i].name);
        return rt_hint(B->I,
                       _("check its quantity and proxy: a figure this large usually comes "
                         "from a unit or an order of magnitude written wrongly"));
    }
    double pv, inputs_pv;
    sroi_point_totals(m, m->central, &pv, &inputs_pv);
    if (!isfinite(pv)) {
        rt_raise(B->I, m->decl.loc,
                 _("the present value of model '%s' is too large to be represented (beyond "
                   "1.8e308 in absolute value)"),
                 m->decl.name);
        return rt_hint(B->I,
                       _("check the quantities and proxies: a figure this large usually "
                         "comes from a unit or an order of magnitude written wrongly"));
    }
    if (isfinite(pv / inputs_pv)) return true;
    rt_raise(B->I, m->inputs[0].amount.loc.file ? m->inputs[0].amount.loc : m->inputs[0].loc,
             _("the SROI ratio of model '%s' is too large to be represented: its inputs add up to "
               "%g, too little beside a present value of %g"),
             m->decl.name, inputs_pv, pv);
    return rt_hint(B->I,
                   _("check the amounts of the inputs: an amount this small usually comes "
                     "from an order of magnitude written wrongly"));
}

/* The samples obey the rule of the central values (figures_are_finite) and
 * of arithmetic on distributions: a value or ratio beyond the largest double
 * in some samples is an error that counts them, at the same places — never
 * a sample left infinite under a median that looks sound.  One pass counts
 * them all, keeping no sample (sroi_count_infinite). */
static bool samples_are_finite(Builder *B)
{
    SroiModel *m = B->m;
    size_t n = m->n_samples;
    if (n == 0 || m->n_outcomes == 0) return true;
    size_t *outcome = calloc(m->n_outcomes, sizeof *outcome);
    if (!outcome) rt_out_of_memory();
    SroiSampleCounts counts = { .outcome = outcome };
    if (!sroi_count_infinite_reported(B->I, m, B->base, &counts)) sroi_count_infinite(m, &counts);
    size_t which = 0;
    while (which < m->n_outcomes && outcome[which] == 0) which++;
    size_t count = which < m->n_outcomes ? outcome[which] : 0;
    free(outcome);
    if (which < m->n_outcomes) {
        rt_raise(B->I, m->outcomes[which].loc,
                 _("the value of outcome '%s' is too large to be represented (beyond 1.8e308 in "
                   "absolute value) in %zu of the %zu samples"),
                 m->outcomes[which].name, count, n);
        return rt_hint(B->I,
                       _("check the range of its quantity and proxy: a figure this large usually "
                         "comes from a unit or an order of magnitude written wrongly"));
    }
    if (counts.pv > 0) {
        rt_raise(B->I, m->decl.loc,
                 _("the present value of model '%s' is too large to be represented (beyond "
                   "1.8e308 in absolute value) in %zu of the %zu samples"),
                 m->decl.name, counts.pv, n);
        return rt_hint(B->I,
                       _("check the ranges of the quantities and proxies: a figure this large "
                         "usually comes from a unit or an order of magnitude written wrongly"));
    }
    if (counts.ratio > 0) {
        rt_raise(B->I, m->inputs[0].amount.loc.file ? m->inputs[0].amount.loc : m->inputs[0].loc,
                 _("the SROI ratio of model '%s' is too large to be represented in %zu of the %zu "
                   "samples: its inputs come too close to 0 beside its present value"),
                 m->decl.name, counts.ratio, n);
        return rt_hint(B->I,
                       _("check the range of the amounts of the inputs: an amount this small "
                         "usually comes from an order of magnitude written wrongly"));
    }
    return true;
}

/* ---- entry point ------------------------------------------------------------------------ */

/* A scaled money unit some amount of the model was written in: its hint, or
 * 0.  Found once here: a report writes it beside every amount. */
static uint16_t written_money_unit(Interp *I, const SroiModel *m)
{
    const char *name;
    double scale;
    for (size_t j = 0; j < m->n_inputs; j++) {
        Value v = m->inputs[j].amount.v;
        if (dim_equal(v.dim, m->money) && unit_hint_info(I, v.unit_hint, &name, &scale) &&
            scale != 1)
            return v.unit_hint;
    }
    for (size_t i = 0; i < m->n_outcomes; i++) {
        Value v = m->outcomes[i].f[OF_PROXY].v;
        if (dim_equal(v.dim, m->money) && unit_hint_info(I, v.unit_hint, &name, &scale) &&
            scale != 1)
            return v.unit_hint;
    }
    return 0;
}

static bool decode_model(Builder *B)
{
    SroiModel *m = B->m;
    m->discount = (SroiNum){ value_percent(0.035), m->decl.loc, NULL, false };
    for (size_t i = 0; i < m->decl.n_settings; i++) {
        if (!sroi_no_repeat(B, m->decl.settings, i, "the model settings")) return false;
        if (!decode_setting(B, &m->decl.settings[i])) return false;
    }
    if (!schedule_agrees(B)) return false;
    if (!decode_entries(B)) return false;
    if (!sroi_funders_build(B->I, m,
                            sroi_decl_field(m->decl.settings, m->decl.n_settings, "funder_share")))
        return false;
    collect_domains(m);
    compute_max_years(m);
    if (!sroi_year_factors(m)) rt_out_of_memory();
    build_params(m, B->base);
    m->written_unit = written_money_unit(B->I, m);
    double inputs = 0;
    for (size_t j = 0; j < m->n_inputs; j++) inputs += m->central[m->n_outcomes * OF_PARAMS + j];
    if (!(inputs > 0))
        return rt_raise(B->I, m->inputs[0].loc,
                        _("the inputs of model '%s' add up to 0: the SROI ratio "
                          "divides by them"),
                        m->decl.name) ||
            rt_hint(B->I, _("give each input its value in money, in-kind contributions included"));
    return figures_are_finite(B) && samples_are_finite(B);
}

bool sroi_model_new(Interp *I, const ModelDecl *decl, const SroiWarnScope *scope,
                    const SroiModel *base, SroiModel **out)
{
    SroiModel *m = calloc(1, sizeof *m);
    if (!m) rt_out_of_memory();
    sroi_copy_decl(&m->decl, decl);
    m->made_by_module = interp_in_module(I);
    Builder B = { .I = I, .m = m, .base = base };
    if (!sroi_assumes_check(I, &m->decl) || !decode_model(&B)) {
        sroi_model_free(m);
        return false;
    }
    sroi_warn_model(I, m, scope);
    *out = m;
    return true;
}
