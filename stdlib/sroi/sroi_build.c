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
#include "stdlib/sroi/sroi_internal.h"

static const char *const SETTING_NAMES[] = { "discount", "discounting", "min_cell", "horizon",
                                             "scale" };
static const char *const KEYWORDS[] = { "stakeholder", "input", "outcome" };
static const char *const INPUT_OPTIONS[] = { "funder", "in_kind", "year" };
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
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- did you mean --------------------------------------------------------- */

/* " — did you mean 'x'?" or "" */
static void did_you_mean(StrBuf *b, const char *wrong, const char *const *cands, size_t n)
{
    const char *s = suggest_name(wrong, cands, n);
    if (s) sb_printf(b, " — did you mean '%s'?", s);
}

static void join_names(StrBuf *b, const char *const *names, size_t n)
{
    for (size_t i = 0; i < n; i++) sb_printf(b, "%s%s", i ? ", " : "", names[i]);
}

/* ---- declaration copy ------------------------------------------------------- */

/* Field names are nearly always one of the known ones: point at the static
 * spelling instead of copying (a generated model has thousands of fields). */
static const char *known_name(const char *name)
{
    for (size_t k = 0; k < SROI_N_OUTCOME_FIELDS; k++)
        if (strcmp(SROI_OUTCOME_FIELD_NAMES[k], name) == 0) return SROI_OUTCOME_FIELD_NAMES[k];
    for (size_t k = 0; k < COUNT(SETTING_NAMES); k++)
        if (strcmp(SETTING_NAMES[k], name) == 0) return SETTING_NAMES[k];
    for (size_t k = 0; k < COUNT(INPUT_OPTIONS); k++)
        if (strcmp(INPUT_OPTIONS[k], name) == 0) return INPUT_OPTIONS[k];
    return NULL;
}

static bool is_known_name(const char *name)
{
    for (size_t k = 0; k < SROI_N_OUTCOME_FIELDS; k++)
        if (SROI_OUTCOME_FIELD_NAMES[k] == name) return true;
    for (size_t k = 0; k < COUNT(SETTING_NAMES); k++)
        if (SETTING_NAMES[k] == name) return true;
    for (size_t k = 0; k < COUNT(INPUT_OPTIONS); k++)
        if (INPUT_OPTIONS[k] == name) return true;
    return false;
}

static void copy_fields(DeclField **dst, size_t *ndst, const DeclField *src, size_t n)
{
    *ndst = n;
    *dst = n ? calloc(n, sizeof(DeclField)) : NULL;
    for (size_t i = 0; i < n; i++) {
        (*dst)[i] = src[i];
        const char *known = known_name(src[i].name);
        (*dst)[i].name = known ? known : strdup(src[i].name);
        value_retain(src[i].value);
    }
}

static void free_fields(DeclField *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_known_name(f[i].name)) free((char *)f[i].name);
        value_release(f[i].value);
    }
    free(f);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* a + b + c into buf (truncated): cheaper than snprintf on hot paths. */
static void concat3(char *buf, size_t size, const char *a, const char *b, const char *c)
{
    size_t n = 0;
    const char *parts[3] = { a, b, c };
    for (int k = 0; k < 3; k++)
        for (const char *p = parts[k]; *p && n + 1 < size; p++) buf[n++] = *p;
    buf[n] = 0;
}

static void copy_decl(ModelDecl *dst, const ModelDecl *src)
{
    *dst = *src;
    dst->name = strdup(src->name ? src->name : "model");
    dst->title = dup_or_null(src->title);
    copy_fields(&dst->settings, &dst->n_settings, src->settings, src->n_settings);
    dst->entries = src->n_entries ? calloc(src->n_entries, sizeof(DeclEntry)) : NULL;
    for (size_t i = 0; i < src->n_entries; i++) {
        const DeclEntry *e = &src->entries[i];
        DeclEntry *d = &dst->entries[i];
        *d = *e;
        d->keyword = strdup(e->keyword ? e->keyword : "");
        d->name = strdup(e->name ? e->name : "");
        d->label = dup_or_null(e->label);
        d->for_name = dup_or_null(e->for_name);
        value_retain(e->value);
        copy_fields(&d->fields, &d->n_fields, e->fields, e->n_fields);
    }
}

static void free_decl(ModelDecl *d)
{
    free((char *)d->name);
    free((char *)d->title);
    free_fields(d->settings, d->n_settings);
    for (size_t i = 0; i < d->n_entries; i++) {
        DeclEntry *e = &d->entries[i];
        free((char *)e->keyword);
        free((char *)e->name);
        free((char *)e->label);
        free((char *)e->for_name);
        value_release(e->value);
        free_fields(e->fields, e->n_fields);
    }
    free(d->entries);
}

const DeclField *sroi_decl_field(const DeclField *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].name, name) == 0) return &fields[i];
    return NULL;
}

void sroi_model_free(SroiModel *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n_outcomes; i++) free(m->outcomes[i].profile);
    for (size_t k = 0; k < m->n_params; k++) free((char *)m->params[k].name);
    free(m->params);
    free(m->central);
    free(m->leak_central);
    free(m->field_figures);
    sroi_sample_cache_free(m);
    free(m->stakeholders);
    free(m->inputs);
    free(m->outcomes);
    free(m->domains);
    free(m->scenario);
    free(m->year_factor);
    free_decl(&m->decl);
    free(m);
}

/* ---- checking one value ------------------------------------------------------ */

/* Describes a value for messages: "9000 (a plain number)", "3 year (in year)". */
static void describe(Interp *I, Value v, StrBuf *b)
{
    if (v.kind == V_NUM || v.kind == V_DIST) {
        if (v.kind == V_NUM)
            value_format(I, v, b);
        else
            sb_append(b, "a distribution");
        /* a number shows its unit itself; say when it has none */
        if (dim_is_none(v.dim)) {
            if (v.kind == V_NUM) sb_append(b, " (a plain number)");
        } else if (v.kind == V_DIST) {
            sb_append(b, " in ");
            dim_format(I, v.dim, b);
        }
    } else {
        sb_printf(b, "a %s", value_kind_name(v));
    }
}

static bool is_numeric(Value v)
{
    return v.kind == V_NUM || v.kind == V_DIST;
}

/* A missing number (NaN, from data) or a distribution with missing samples. */
/* The scans below read every sample of a field: split across threads for
 * large distributions (counts and maxima do not depend on the split). */
#define SCAN_PARALLEL 200000

static bool has_missing(Value v)
{
    if (v.kind == V_NUM) return isnan(v.as.num);
    if (v.kind != V_DIST) return false;
    const DistObj *d = as_dist(v);
    size_t missing = 0;
#pragma omp parallel for simd reduction(+ : missing) if (d->n > SCAN_PARALLEL)
    for (size_t s = 0; s < d->n; s++) missing += isnan(d->s[s]);
    return missing > 0;
}

static size_t samples_outside(Value v, double lo, double hi, bool lo_open)
{
    if (v.kind != V_DIST) return 0;
    size_t bad = 0;
    const DistObj *d = as_dist(v);
#pragma omp parallel for simd reduction(+ : bad) if (d->n > SCAN_PARALLEL)
    for (size_t s = 0; s < d->n; s++) {
        double x = d->s[s];
        bad += !(x <= hi) || x < lo || (lo_open && x <= lo);
    }
    return bad;
}

static const char *article(const char *noun)
{
    return strchr("aeiou", noun[0]) ? "an" : "a";
}

/* A share between 0% and 100%, without unit.  what: "deadweight of outcome
 * 'x'"; field: the name to write; noun: what it is called in prose. */
static bool check_percent(Interp *I, Value v, SrcLoc loc, const char *what, const char *field,
                          const char *example)
{
    const char *noun = strcmp(field, "discount") == 0 ? "discount rate" : field;
    StrBuf b;
    sb_init(&b);
    bool ok = false;
    if (!is_numeric(v) || !dim_is_none(v.dim)) {
        describe(I, v, &b);
        rt_raise(I, loc, "%s is %s: %s %s is a share, without unit", what, b.data, article(noun),
                 noun);
        rt_hint(I, "write for example %s = %s", field, example);
    } else if (v.kind == V_NUM && !(v.as.num >= 0 && v.as.num <= 1)) {
        rt_raise(I, loc, "%s is %g%%: %s %s must lie between 0%% and 100%%", what, v.as.num * 100,
                 article(noun), noun);
        rt_hint(I, "write for example %s = %s", field, example);
    } else if (v.kind == V_DIST && samples_outside(v, 0, 1, false) > 0) {
        rt_raise(I, loc, "%s is uncertain and %zu of its %zu samples fall outside 0%%..100%%", what,
                 samples_outside(v, 0, 1, false), as_dist(v)->n);
        rt_hint(I,
                "use a distribution bounded by 0%% and 100%%: pert(lo, mode, hi), "
                "uniform(lo, hi), triangular(lo, mode, hi) with bounds inside 0%%..100%%, or "
                "beta(a, b); "
                "`a to b` with a <= 0 is a normal, whose tails leave the range");
    } else {
        ok = true;
    }
    sb_free(&b);
    return ok;
}

/* Money per unit and per year: EUR, or EUR/year (the same thing here). */
static bool is_money_per_year(Interp *I, Dim d, Dim money)
{
    if (dim_equal(d, money)) return true;
    Dim t = dim_time(I);
    Dim times_year = d;
    for (int i = 0; i < DIM_MAX; i++) times_year.e[i] = (int8_t)(d.e[i] + t.e[i]);
    return dim_equal(times_year, money);
}

static bool money_dim(Interp *I, Dim d)
{
    return dim_is_money(I, d);
}

/* ---- the decoding context ----------------------------------------------------- */

typedef struct Builder {
    Interp *I;
    SroiModel *m;
    const char **entry_names; /* every declared name, for duplicates and suggestions */
    size_t n_names;
    bool have_money;
} Builder;

/* The currency of the model: the first money seen; every other must match. */
static bool check_currency(Builder *B, Dim d, SrcLoc loc, const char *what)
{
    Dim money = d;
    if (!money_dim(B->I, d)) { /* money per year: strip the time */
        Dim t = dim_time(B->I);
        for (int i = 0; i < DIM_MAX; i++) money.e[i] = (int8_t)(d.e[i] + t.e[i]);
    }
    if (!B->have_money) {
        B->m->money = money;
        B->have_money = true;
        return true;
    }
    if (dim_equal(money, B->m->money)) return true;
    StrBuf a, b;
    sb_init(&a);
    sb_init(&b);
    dim_format(B->I, money, &a);
    dim_format(B->I, B->m->money, &b);
    rt_raise(B->I, loc, "%s is in %s but the model counts in %s: one model uses one currency", what,
             a.data, b.data);
    rt_hint(B->I, "convert it with an explicit rate, e.g. x * (1.17 %s / 1 %s)", b.data, a.data);
    sb_free(&a);
    sb_free(&b);
    return false;
}

static bool sample_count(Builder *B, Value v, SrcLoc loc)
{
    if (v.kind != V_DIST) return true;
    size_t n = as_dist(v)->n;
    if (B->m->n_samples == 0) {
        B->m->n_samples = n;
        return true;
    }
    if (B->m->n_samples == n) return true;
    return rt_raise(B->I, loc, "this distribution has %zu samples but the model's others have %zu",
                    n, B->m->n_samples) ||
        rt_hint(B->I, "build every distribution of a model with the same sample count (--samples)");
}

/* ---- settings ------------------------------------------------------------------ */

static bool whole_number(Value v, double *out)
{
    if (v.kind != V_NUM) return false;
    *out = v.as.num;
    return v.as.num == floor(v.as.num);
}

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
    did_you_mean(&dym, name, DISCOUNT_PRESET_NAMES, COUNT(DISCOUNT_PRESET_NAMES));
    rt_raise(B->I, f->loc,
             "discount is \"%s\": a named rate must be \"uk_green_book_3_5\" (3.5%%), "
             "\"fr_2021_3_2\" (3.2%%), \"fr_quinet_4_5\" (4.5%%) or \"none\" (0%%)%s",
             name, dym.data ? dym.data : "");
    sb_free(&dym);
    return rt_hint(B->I,
                   "write a rate (discount = 3.5%%) or a named one (discount = \"fr_2021_3_2\"); "
                   "the short names uk_green_book, fr_2021 and fr_quinet_2013 work too");
    return false;
}

static bool decode_setting(Builder *B, const DeclField *f)
{
    Interp *I = B->I;
    SroiModel *m = B->m;
    if (strcmp(f->name, "discount") == 0) {
        if (f->value.kind == V_STR) return discount_preset(B, f);
        if (!check_percent(I, f->value, f->loc, "the discount rate", "discount", "3.5%"))
            return false;
        m->discount = (SroiNum){ f->value, f->loc, f->expr, true };
        return sample_count(B, f->value, f->loc);
    }
    if (strcmp(f->name, "discounting") == 0) {
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
            did_you_mean(&dym, as_str(f->value)->data, DISCOUNTING_NAMES, COUNT(DISCOUNTING_NAMES));
        } else
            describe(I, f->value, &b);
        rt_raise(I, f->loc,
                 "discounting is %s: it must be \"guide\", \"first_year_undiscounted\", \"none\" "
                 "or \"green_book_declining\"%s",
                 b.data, dym.data ? dym.data : "");
        sb_free(&dym);
        rt_hint(I,
                "write discounting = \"guide\" (year t divided by (1+r)^t from t = 1, the SROI "
                "Guide's rule)");
        sb_free(&b);
        return false;
    }
    if (strcmp(f->name, "scale") == 0) {
        const char *word = f->value.kind == V_STR ? as_str(f->value)->data : NULL;
        if (!word || (strcmp(word, "k") != 0 && strcmp(word, "M") != 0 && strcmp(word, "1") != 0))
            return rt_raise(I, f->loc,
                            _("scale must be \"k\" (thousands), \"M\" (millions) or \"1\"")) ||
                rt_hint(I, _("write scale = \"k\" to show money in thousands in the reports"));
        m->scale = word[0];
        return true;
    }
    double n;
    if (strcmp(f->name, "min_cell") == 0) {
        if (!whole_number(f->value, &n) || !dim_is_none(f->value.dim) || n < 1 || n > 1e6)
            return rt_raise(I, f->loc, "min_cell must be a whole number of people, at least 1") ||
                rt_hint(I, "write min_cell = 11");
        m->min_cell = (int)n;
        return true;
    }
    if (strcmp(f->name, "horizon") == 0) {
        Value v = f->value;
        bool timed = v.kind == V_NUM && dim_equal(v.dim, dim_time(I));
        if (!(timed || (v.kind == V_NUM && dim_is_none(v.dim))) || !whole_number(v, &n) || n < 1 ||
            n > MAX_DURATION_YEARS)
            return rt_raise(I, f->loc, "the horizon must be a whole number of years, at least 1") ||
                rt_hint(I, "write horizon = 5 year");
        m->horizon = (int)n;
        return true;
    }
    StrBuf b;
    sb_init(&b);
    did_you_mean(&b, f->name, SETTING_NAMES, COUNT(SETTING_NAMES));
    /* b.data stays NULL when there is no suggestion: never hand it to printf */
    rt_raise(I, f->loc, "unknown model setting '%s'%s", f->name, b.data ? b.data : "");
    sb_free(&b);
    sb_init(&b);
    join_names(&b, SETTING_NAMES, COUNT(SETTING_NAMES));
    rt_hint(I, "a model's settings are %s; outcome fields go inside an outcome's braces", b.data);
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
    did_you_mean(&b, e->keyword, KEYWORDS, COUNT(KEYWORDS));
    rt_raise(B->I, e->loc, "unknown declaration '%s' in model '%s'%s", e->keyword, B->m->decl.name,
             b.data ? b.data : "");
    rt_hint(B->I, "a model declares stakeholder, input and outcome entries");
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
    return rt_raise(B->I, e->loc, "'%s' is declared twice in model '%s' (first at %s:%d)", e->name,
                    d->name, o->loc.file ? o->loc.file : "?", o->loc.line) ||
        rt_hint(B->I, "give each stakeholder, input and outcome its own name");
}

static bool unknown_field(Builder *B, const DeclField *f, const char *where,
                          const char *const *names, size_t n)
{
    StrBuf b;
    sb_init(&b);
    did_you_mean(&b, f->name, names, n);
    rt_raise(B->I, f->loc, "unknown field '%s' in %s%s", f->name, where, b.data ? b.data : "");
    sb_free(&b);
    sb_init(&b);
    join_names(&b, names, n);
    rt_hint(B->I, "the fields are %s", b.data);
    sb_free(&b);
    return false;
}

static bool no_repeat(Builder *B, const DeclField *fields, size_t i, const char *where)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(fields[j].name, fields[i].name) == 0)
            return rt_raise(B->I, fields[i].loc, "%s is set twice in %s (first at line %d)",
                            fields[i].name, where, fields[j].loc.line) ||
                rt_hint(B->I, "keep one of the two lines");
    return true;
}

static bool decode_stakeholder(Builder *B, const DeclEntry *e, SroiStakeholder *s)
{
    if (e->n_fields > 0)
        return rt_raise(B->I, e->fields[0].loc, "stakeholder '%s' takes no fields", e->name) ||
            rt_hint(B->I, "write stakeholder %s \"Label\" and attach outcomes to it with `for %s`",
                    e->name, e->name);
    if (e->value.kind != V_NIL)
        return rt_raise(B->I, e->value_loc, "stakeholder '%s' takes no value", e->name) ||
            rt_hint(B->I, "write stakeholder %s \"Label\"", e->name);
    *s = (SroiStakeholder){ e->name, e->label ? e->label : e->name, e->loc };
    return true;
}

static bool decode_input_option(Builder *B, SroiInput *in, const DeclField *f, const char *where)
{
    Interp *I = B->I;
    if (strcmp(f->name, "funder") == 0) {
        if (f->value.kind != V_STR)
            return rt_raise(I, f->loc, "funder of input '%s' must be text", in->name) ||
                rt_hint(I, "write funder = \"Métropole\"");
        in->funder = as_str(f->value)->data;
        return true;
    }
    if (strcmp(f->name, "in_kind") == 0) {
        if (f->value.kind != V_BOOL)
            return rt_raise(I, f->loc, "in_kind of input '%s' must be true or false", in->name) ||
                rt_hint(I,
                        "write in_kind = true for volunteer time or goods given, valued in money");
        in->in_kind = f->value.as.boolean;
        return true;
    }
    if (strcmp(f->name, "year") == 0) {
        double y;
        if (!whole_number(f->value, &y) || !dim_is_none(f->value.dim) || y < 0 ||
            y > MAX_DURATION_YEARS)
            return rt_raise(I, f->loc,
                            "year of input '%s' must be a whole number, 0 (now) or later",
                            in->name) ||
                rt_hint(I, "write year = 1 for money spent in the first year of the activity");
        in->year = (int)y;
        return true;
    }
    return unknown_field(B, f, where, INPUT_OPTIONS, COUNT(INPUT_OPTIONS));
}

static bool decode_input(Builder *B, const DeclEntry *e, SroiInput *in)
{
    Interp *I = B->I;
    *in = (SroiInput){ .name = e->name, .label = e->label ? e->label : e->name, .loc = e->loc };
    char where[160];
    concat3(where, sizeof where, "input '", e->name, "'");
    for (size_t i = 0; i < e->n_fields; i++)
        if (!no_repeat(B, e->fields, i, where) || !decode_input_option(B, in, &e->fields[i], where))
            return false;
    Value v = e->value;
    SrcLoc loc = e->value.kind == V_NIL ? e->loc : e->value_loc;
    if (disclosure_is_suppressed(v)) return disclosure_refuse(I, v, loc);
    if (has_missing(v))
        return rt_raise(I, loc, "input '%s' is missing: the value it was computed from has no data",
                        e->name) ||
            rt_hint(I, "check the data it comes from, or write the amount");
    if (v.kind == V_NIL)
        return rt_raise(I, loc, "input '%s' has no amount", e->name) ||
            rt_hint(I, "write input %s \"%s\" = 80_000 EUR", e->name, in->label);
    if (!is_numeric(v) || !money_dim(I, v.dim)) {
        StrBuf b;
        sb_init(&b);
        describe(I, v, &b);
        rt_raise(I, loc, "input '%s' is %s: an input is money invested", e->name, b.data);
        if (v.kind == V_NUM && dim_is_none(v.dim))
            rt_hint(I, "write %g EUR", v.as.num);
        else
            rt_hint(I, "write input %s \"%s\" = 80_000 EUR", e->name, in->label);
        sb_free(&b);
        return false;
    }
    if ((v.kind == V_NUM && v.as.num < 0) || samples_outside(v, 0, INFINITY, false) > 0)
        return rt_raise(I, loc, "input '%s' is negative: an input is money invested", e->name) ||
            rt_hint(I,
                    "record money that comes back as an outcome (with a negative or positive "
                    "proxy), not as an input");
    in->amount = (SroiNum){ v, loc, NULL, true };
    return check_currency(B, v.dim, loc, where) && sample_count(B, v, loc);
}

/* ---- outcomes ------------------------------------------------------------------------ */

/* The source text of a plain name or a dotted path (fr.rsa), for hints; false otherwise. */
static bool dotted_name(const Node *e, StrBuf *b)
{
    if (!e) return false;
    if (e->kind == N_NAME) {
        sb_append(b, e->name);
        return true;
    }
    if (e->kind == N_GET && dotted_name(e->a, b)) {
        sb_append(b, ".");
        sb_append(b, e->name);
        return true;
    }
    return false;
}

static bool check_quantity(Builder *B, Value v, SrcLoc loc, const char *what, const Node *expr)
{
    if (is_numeric(v) && dim_is_none(v.dim)) {
        if (v.kind == V_NUM && !(v.as.num >= 0 && isfinite(v.as.num)))
            return rt_raise(B->I, loc,
                            "%s is %g: a quantity counts people or things and cannot be negative",
                            what, v.as.num) ||
                rt_hint(B->I, "to record a negative outcome, give it a negative proxy");
        /* An uncertain count is checked sample by sample, like the other fields (QA2 D2). */
        size_t bad = v.kind == V_DIST ? samples_outside(v, 0, INFINITY, false) : 0;
        if (bad > 0)
            return rt_raise(B->I, loc,
                            "%s is uncertain and %zu of its %zu samples are negative: "
                            "a quantity counts people or things and cannot be negative",
                            what, bad, as_dist(v)->n) ||
                rt_hint(B->I,
                        "use a distribution of non-negative counts: uniform(0, 40), pert(10, 20, "
                        "40), "
                        "poisson(20), or `a to b` with 0 < a (a lognormal); `a to b` with a <= 0 "
                        "is a normal, "
                        "whose tail goes below 0");
        return true;
    }
    StrBuf b;
    sb_init(&b);
    describe(B->I, v, &b);
    rt_raise(B->I, loc, "%s is %s: a quantity is a count, without unit", what, b.data);
    sb_free(&b);
    sb_init(&b);
    if (v.kind == V_TABLE && dotted_name(expr, &b))
        rt_hint(B->I, "a quantity counts the rows of a table: write quantity = count(%s)", b.data);
    else if (v.kind == V_TABLE)
        rt_hint(B->I, "a quantity counts the rows of a table: write quantity = count(...)");
    else if (v.kind == V_COLUMN)
        rt_hint(B->I,
                "a column holds one value per row: write quantity = count(...) for its rows, "
                "or sum(...) for its total");
    else
        rt_hint(B->I, "write quantity = 40 (the money goes into the proxy)");
    sb_free(&b);
    return false;
}

static bool check_proxy(Builder *B, Value v, SrcLoc loc, const char *what, const Node *expr)
{
    if (is_numeric(v) &&
        (money_dim(B->I, v.dim) || (B->have_money && is_money_per_year(B->I, v.dim, B->m->money))))
        return check_currency(B, v.dim, loc, what);
    StrBuf b;
    sb_init(&b);
    describe(B->I, v, &b);
    rt_raise(B->I, loc, "%s is %s: a proxy is money per unit and per year", what, b.data);
    sb_free(&b);
    sb_init(&b);
    Value amount;
    bool has_amount = v.kind == V_RECORD && record_get(v, "amount", &amount);
    if (has_amount && dotted_name(expr, &b))
        rt_hint(B->I, "did you mean %s.amount? (a proxy record carries its money in `amount`)",
                b.data);
    else if (has_amount)
        rt_hint(B->I, "the record's money is its field `amount`: write proxy = (...).amount");
    else if (v.kind == V_NUM && dim_is_none(v.dim))
        rt_hint(B->I, "write %g EUR", v.as.num);
    else
        rt_hint(B->I, "write proxy = 9_000 EUR");
    sb_free(&b);
    return false;
}

static bool check_duration(Builder *B, Value v, SrcLoc loc, const char *what)
{
    Interp *I = B->I;
    StrBuf b;
    sb_init(&b);
    bool ok = false;
    if (!is_numeric(v) || !dim_equal(v.dim, dim_time(I))) {
        describe(I, v, &b);
        rt_raise(I, loc, "%s is %s: a duration is a time", what, b.data);
        if (v.kind == V_NUM && dim_is_none(v.dim))
            rt_hint(I, "write duration = %g year", v.as.num);
        else
            rt_hint(I, "write duration = 3 year");
    } else if (v.kind == V_NUM && !(v.as.num > 0 && v.as.num <= MAX_DURATION_YEARS)) {
        value_format(I, v, &b);
        rt_raise(I, loc, "%s is %s: a duration must be positive and at most %g years", what, b.data,
                 MAX_DURATION_YEARS);
        rt_hint(I, "write duration = 3 year");
    } else if (samples_outside(v, 0, MAX_DURATION_YEARS, true) > 0) {
        rt_raise(I, loc,
                 "%s is uncertain and %zu of its %zu samples are not a positive duration (at most "
                 "%g years)",
                 what, samples_outside(v, 0, MAX_DURATION_YEARS, true), as_dist(v)->n,
                 MAX_DURATION_YEARS);
        rt_hint(I, "use a distribution of positive durations, e.g. uniform(2 year, 4 year)");
    } else
        ok = true;
    sb_free(&b);
    return ok;
}

static bool check_start(Builder *B, SroiOutcome *o, const DeclField *f)
{
    double s;
    if (!whole_number(f->value, &s) || !dim_is_none(f->value.dim) || (s != 1 && s != 2)) {
        StrBuf b;
        sb_init(&b);
        if (f->value.kind == V_NUM)
            value_format(B->I, f->value, &b);
        else
            describe(B->I, f->value, &b);
        rt_raise(B->I, f->loc,
                 "start of outcome '%s' is %s: start must be 1 (the outcome begins in the "
                 "year of the activity) or 2 (the year after)",
                 o->name, b.data);
        rt_hint(B->I, "write start = 2 for an outcome that appears the year after the activity");
        sb_free(&b);
        return false;
    }
    o->start = (int)s;
    o->start_loc = f->loc;
    return true;
}

static bool check_profile(Builder *B, SroiOutcome *o, const DeclField *f)
{
    Value v = f->value;
    if (v.kind != V_LIST || as_list(v)->n == 0)
        return rt_raise(B->I, f->loc, "profile of outcome '%s' must be a list of yearly fractions",
                        o->name) ||
            rt_hint(B->I,
                    "write profile = [50%%, 100%%, 60%%, 30%%] (share of the impact kept each "
                    "year)");
    ListObj *l = as_list(v);
    if (l->n > MAX_DURATION_YEARS)
        return rt_raise(B->I, f->loc, "profile of outcome '%s' has %zu years: at most %g", o->name,
                        l->n, MAX_DURATION_YEARS);
    o->profile = malloc(sizeof(double) * l->n);
    o->n_profile = l->n;
    o->profile_loc = f->loc;
    for (size_t k = 0; k < l->n; k++) {
        Value x = l->items[k];
        if (x.kind != V_NUM || !dim_is_none(x.dim) || !(x.as.num >= 0 && x.as.num <= 1))
            return rt_raise(B->I, f->loc,
                            "year %zu of the profile of outcome '%s' is not a share between 0%% "
                            "and 100%%",
                            k + 1, o->name) ||
                rt_hint(B->I,
                        "each element is the share of the impact kept that year, e.g. [100%%, "
                        "60%%, 30%%]");
        o->profile[k] = x.as.num;
    }
    return true;
}

static bool check_text(Builder *B, SroiOutcome *o, const DeclField *f, int k)
{
    if (f->value.kind != V_STR)
        return rt_raise(B->I, f->loc, "%s of outcome '%s' must be text", f->name, o->name) ||
            rt_hint(B->I, "write %s = \"...\"", f->name);
    o->text[k] = as_str(f->value)->data;
    o->text_loc[k] = f->loc;
    return true;
}

static bool decode_outcome_field(Builder *B, SroiOutcome *o, const DeclField *f, const char *where)
{
    /* A figure about too few people must not reach a published ratio. */
    if (disclosure_is_suppressed(f->value)) return disclosure_refuse(B->I, f->value, f->loc);
    if (has_missing(f->value))
        return rt_raise(B->I, f->loc,
                        "%s of outcome '%s' is missing: the value it was computed from "
                        "has no data",
                        f->name, o->name) ||
            rt_hint(B->I, "check the data it comes from, or write the value");
    int k = sroi_number_field(f->name);
    if (k >= 0) {
        char what[200], head[80];
        concat3(head, sizeof head, f->name, " of outcome '", "");
        concat3(what, sizeof what, head, o->name, "'");
        bool ok;
        switch (k) {
        case OF_QUANTITY: ok = check_quantity(B, f->value, f->loc, what, f->expr); break;
        case OF_PROXY: ok = check_proxy(B, f->value, f->loc, what, f->expr); break;
        case OF_DURATION: ok = check_duration(B, f->value, f->loc, what); break;
        default:
            ok = check_percent(B->I, f->value, f->loc, what, f->name, SROI_FIELDS[k].example);
            break;
        }
        if (!ok || !sample_count(B, f->value, f->loc)) return false;
        o->f[k] = (SroiNum){ f->value, f->loc, f->expr, true };
        return true;
    }
    if (strcmp(f->name, "start") == 0) return check_start(B, o, f);
    if (strcmp(f->name, "profile") == 0) return check_profile(B, o, f);
    int t = sroi_text_field(f->name);
    if (t >= 0) return check_text(B, o, f, t);
    return unknown_field(B, f, where, SROI_OUTCOME_FIELD_NAMES, SROI_N_OUTCOME_FIELDS);
}

static bool find_stakeholder(Builder *B, const DeclEntry *e, int *out)
{
    SroiModel *m = B->m;
    if (!e->for_name)
        return rt_raise(B->I, e->loc, "outcome '%s' names no stakeholder", e->name) ||
            rt_hint(B->I, "write outcome %s \"%s\" for %s { ... }", e->name,
                    e->label ? e->label : "Label",
                    m->n_stakeholders ? m->stakeholders[0].name : "entrepreneurs");
    const char *names[m->n_stakeholders + 1];
    for (size_t i = 0; i < m->n_stakeholders; i++) {
        names[i] = m->stakeholders[i].name;
        if (strcmp(names[i], e->for_name) == 0) {
            *out = (int)i;
            return true;
        }
    }
    StrBuf b;
    sb_init(&b);
    did_you_mean(&b, e->for_name, names, m->n_stakeholders);
    SrcLoc loc = e->for_loc.file ? e->for_loc : e->loc;
    rt_raise(B->I, loc, "outcome '%s' is for '%s', which is not a stakeholder of model '%s'%s",
             e->name, e->for_name, m->decl.name, b.data ? b.data : "");
    sb_free(&b);
    sb_init(&b);
    if (m->n_stakeholders) {
        join_names(&b, names, m->n_stakeholders);
        rt_hint(B->I, "the stakeholders declared are %s; declare it with stakeholder %s \"Label\"",
                b.data, e->for_name);
    } else {
        rt_hint(B->I, "declare it first: stakeholder %s \"Label\"", e->for_name);
    }
    sb_free(&b);
    return false;
}

static bool decode_outcome(Builder *B, const DeclEntry *e, SroiOutcome *o)
{
    Interp *I = B->I;
    *o = (SroiOutcome){ .name = e->name,
                        .label = e->label ? e->label : e->name,
                        .loc = e->loc,
                        .start = 1,
                        .domain = -1 };
    for (int k = 0; k < OF_COUNT; k++) { /* the defaults of sroi_fields.h */
        const SroiFieldInfo *info = &SROI_FIELDS[k];
        if (info->kind == SROI_YEARS && !isnan(info->fallback))
            o->f[k].v = value_num_dim(info->fallback, dim_time(I));
        else if (info->kind == SROI_SHARE && !isnan(info->fallback))
            o->f[k].v = value_percent(info->fallback);
    }
    if (!find_stakeholder(B, e, &o->stakeholder)) return false;
    if (e->value.kind != V_NIL)
        return rt_raise(I, e->value_loc, "outcome '%s' takes fields in braces, not a value",
                        e->name) ||
            rt_hint(I, "write outcome %s \"%s\" for %s { quantity = 40, proxy = 9_000 EUR }",
                    e->name, o->label, e->for_name);
    char where[160];
    concat3(where, sizeof where, "outcome '", e->name, "'");
    for (size_t i = 0; i < e->n_fields; i++)
        if (!no_repeat(B, e->fields, i, where) || !decode_outcome_field(B, o, &e->fields[i], where))
            return false;
    if (!o->f[OF_QUANTITY].given)
        return rt_raise(I, e->loc, "outcome '%s' has no quantity", e->name) ||
            rt_hint(I, "write quantity = 40 (how many people or things changed)");
    if (!o->f[OF_PROXY].given)
        return rt_raise(I, e->loc, "outcome '%s' has no proxy", e->name) ||
            rt_hint(I, "write proxy = 9_000 EUR (the value of the change, per unit and per year)");
    /* A drop-off of 0% says "no decline" and does not conflict with a profile. */
    const Value dov = o->f[OF_DROPOFF].v;
    if (o->profile && o->f[OF_DROPOFF].given && !(dov.kind == V_NUM && dov.as.num == 0))
        return rt_raise(I, o->f[OF_DROPOFF].loc, "outcome '%s' has both a profile and a drop-off",
                        e->name) ||
            rt_hint(I,
                    "a profile gives each year's share of the impact and replaces the drop-off: "
                    "keep one");
    if (o->profile) {
        if (o->f[OF_DURATION].given &&
            !(o->f[OF_DURATION].v.kind == V_NUM &&
              o->f[OF_DURATION].v.as.num == (double)o->n_profile))
            return rt_raise(I, o->f[OF_DURATION].loc,
                            "the duration of outcome '%s' differs from the "
                            "%zu years of its profile",
                            e->name, o->n_profile) ||
                rt_hint(I, "leave the duration out: a profile's length is the duration");
        o->f[OF_DURATION].v = value_num_dim((double)o->n_profile, dim_time(I));
    }
    return true;
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
        if (!decode_outcome(B, e, o)) return false;
    }
    if (m->n_inputs == 0)
        return rt_raise(B->I, d->loc,
                        "model '%s' has no input: a model needs at least one input, "
                        "the investment the ratio divides by",
                        d->name) ||
            rt_hint(B->I, "write input grant \"Subvention\" = 80_000 EUR");
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
    double mx = -INFINITY;
#pragma omp parallel for reduction(max : mx) if (d->n > SCAN_PARALLEL)
    for (size_t s = 0; s < d->n; s++)
        if (d->s[s] > mx) mx = d->s[s];
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

static void build_params(SroiModel *m)
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
        m->leak_central[i] = sroi_central(o->f[OF_LEAKAGE].v);
    }
    for (size_t j = 0; j < m->n_inputs; j++)
        add_param(m, m->inputs[j].name, NULL, PARAM_INPUT, -1, (int)j, &m->inputs[j].amount, 0,
                  INFINITY);
    add_param(m, "discount", NULL, PARAM_DISCOUNT, -1, -1, &m->discount, 0, 1);
    /* Medians of distributions are O(samples) each: spread them over threads
     * when the model is large. */
    double work = (double)m->n_params * (double)m->n_samples;
#pragma omp parallel for schedule(dynamic) if (work > 4e6)
    for (size_t k = 0; k < m->n_params; k++) m->central[k] = sroi_central(m->params[k].value);
}

/* ---- plausibility warnings (docs/METHOD.md §1.9) ------------------------------------------- */

static bool in_scope(const SroiWarnScope *scope, const SroiNum *f)
{
    if (!scope) return f->given;
    for (size_t i = 0; i < scope->n; i++)
        if (f->given && f->loc.file == scope->locs[i].file && f->loc.line == scope->locs[i].line &&
            f->loc.col == scope->locs[i].col)
            return true;
    return false;
}

static void warn_share(Interp *I, const SroiOutcome *o, const double *central, int k,
                       const char *benchmark, const SroiWarnScope *scope)
{
    const SroiNum *f = &o->f[k];
    double c = central[k];
    if (c > 0.9 && in_scope(scope, f))
        rt_warn(I, f->loc,
                "%s of outcome '%s' is %g%%: published SROI reports rarely go above %s; "
                "check the evidence for it",
                SROI_FIELDS[k].name, o->name, c * 100, benchmark);
}

static void warn_outcome(Interp *I, const SroiModel *m, size_t i, double gross_share,
                         const SroiWarnScope *scope)
{
    const SroiOutcome *o = &m->outcomes[i];
    const double *central = m->central + i * OF_PARAMS; /* medians computed once at build */
    warn_share(I, o, central, OF_DEADWEIGHT, "50% (p90 of 154 reports; median 20%)", scope);
    warn_share(I, o, central, OF_ATTRIBUTION, "53% (p90 of 216 reports; median 25.5%)", scope);
    warn_share(I, o, central, OF_DROPOFF, "50% a year (p90 of 90 reports; median 21.5%)", scope);
    const SroiNum *d = &o->f[OF_DURATION];
    double years = central[OF_DURATION];
    if (years > 10 && in_scope(scope, d))
        rt_warn(I, d->loc,
                "duration of outcome '%s' is %g years: SROI value maps rarely claim more than "
                "5 years; over 10 years, check the evidence that the change lasts",
                o->name, years);
    /* Deflators all left out on an outcome that weighs in the total. */
    bool none = !o->f[OF_DEADWEIGHT].given && !o->f[OF_DISPLACEMENT].given &&
        !o->f[OF_ATTRIBUTION].given && !o->f[OF_LEAKAGE].given;
    bool fresh = !scope || in_scope(scope, &o->f[OF_QUANTITY]) || in_scope(scope, &o->f[OF_PROXY]);
    if (none && gross_share >= 0.05 && fresh)
        rt_warn(I, o->loc,
                "outcome '%s' has no deadweight, displacement or attribution: did you forget "
                "deadweight and attribution? (write deadweight = 0%% if none applies)",
                o->name);
}

static void warn_model(Interp *I, const SroiModel *m, const SroiWarnScope *scope)
{
    double rate = m->central[m->n_params - 1];
    if ((rate < 0 || rate > 0.15) && in_scope(scope, &m->discount))
        rt_warn(I, m->discount.loc,
                "discount rate %g%% is outside the range of published SROI reports "
                "(2%% to 15%%, median 3.5%%)",
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
                "the SROI ratio of model '%s' is %.1f: review: only 1 of 247 published "
                "SROI reports exceeds 37 (median 3.56)",
                m->decl.name, ratio);
}

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
             "discount is %s but discounting = \"green_book_declining\" takes every year's "
             "rate from the Green Book schedule (3.5%% to year 30, then declining): this rate "
             "would be ignored",
             b.data ? b.data : "");
    sb_free(&b);
    rt_hint(B->I,
            "remove the discount (or write discount = 3.5%%), or keep one rate with discounting = "
            "\"guide\"");
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

/* ---- entry point ------------------------------------------------------------------------ */

static bool decode_model(Builder *B)
{
    SroiModel *m = B->m;
    m->discount = (SroiNum){ value_percent(0.035), m->decl.loc, NULL, false };
    for (size_t i = 0; i < m->decl.n_settings; i++) {
        if (!no_repeat(B, m->decl.settings, i, "the model settings")) return false;
        if (!decode_setting(B, &m->decl.settings[i])) return false;
    }
    if (!schedule_agrees(B)) return false;
    if (!decode_entries(B)) return false;
    collect_domains(m);
    compute_max_years(m);
    if (!sroi_year_factors(m)) rt_out_of_memory();
    build_params(m);
    double inputs = 0;
    for (size_t j = 0; j < m->n_inputs; j++) inputs += m->central[m->n_outcomes * OF_PARAMS + j];
    if (!(inputs > 0))
        return rt_raise(B->I, m->inputs[0].loc,
                        "the inputs of model '%s' add up to 0: the SROI ratio "
                        "divides by them",
                        m->decl.name) ||
            rt_hint(B->I, "give each input its value in money, in-kind contributions included");
    return figures_are_finite(B);
}

bool sroi_model_new(Interp *I, const ModelDecl *decl, const SroiWarnScope *scope, SroiModel **out)
{
    SroiModel *m = calloc(1, sizeof *m);
    if (!m) rt_out_of_memory();
    copy_decl(&m->decl, decl);
    m->made_by_module = interp_in_module(I);
    Builder B = { .I = I, .m = m };
    if (!decode_model(&B)) {
        sroi_model_free(m);
        return false;
    }
    warn_model(I, m, scope);
    *out = m;
    return true;
}
