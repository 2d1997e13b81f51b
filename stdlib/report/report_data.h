/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_data.h — everything a report file shows about one model, computed
 * once and then written by each format (report_json.c, report_csv.c,
 * report_html.c, report_xlsx.c), so that every format shows the same figures.
 *
 * Contract: the value map, inputs, results and per-year values are the model
 * evaluated at its central point (each parameter at its central value: the
 * value itself, or the median of a distribution), through sroi_calc.c, so
 * that quantity × proxy × (1 − deductions) gives the impact shown and the
 * discounted years sum to the present value shown, in every format.  An
 * uncertain model also gets, for its ratio, present value and NPV, the mean,
 * sd, p5, p50 and p95 over the samples, P(ratio < 1), and a histogram of the
 * ratio.  The sensitivity rows are those of tornado(M) (±20%).
 * Figures about fewer people than the small-group threshold never reach a
 * ReportData: they are refused when the model is built (stdlib/privacy).
 */
#ifndef IMPACT_REPORT_DATA_H
#define IMPACT_REPORT_DATA_H

#include "stdlib/sroi/report.h"

/* SVI value map columns, in the template's order. */
typedef struct ReportOutcome {
    const char *stakeholder, *stakeholder_label;
    const char *name, *label; /* label: the outcome's description */
    const char *indicator, *source, *proxy_source, *domain, *evidence; /* "" if none */
    double quantity, duration, proxy;
    int start;
    double deadweight, displacement, attribution, leakage, dropoff; /* fractions */
    bool profile; /* drop-off given as a yearly profile */
    double impact, present_value;
    double *years;    /* value in years 1..n_years (undiscounted), [0] = year 1 */
    double *years_pv; /* the same, discounted */
    char *explain;    /* the audit trail (explain), malloc'ed */
    /* the reviewer's columns (docs/METHOD.md §1.12) */
    bool material;                                  /* false: listed, left out of every total */
    const char *material_reason;                    /* "" if none */
    const char *proxy_evidence, *quantity_evidence; /* grade in words, "" if unstated */
    double distance[4];                             /* before, after, scale min, max; NaN if none */
    char *inputs; /* the inputs its stakeholder gives, in words (malloc'ed) */
} ReportOutcome;

typedef struct ReportInput {
    const char *name, *label, *funder; /* funder "" if none */
    bool in_kind;
    int year;
    double amount;
    const char *stakeholder; /* who gives it, "" if not said */
    double hours;            /* NaN if not said */
    bool valued;             /* false: time given, not valued in money */
} ReportInput;

typedef struct ReportGroup { /* a stakeholder, a domain or a funder */
    const char *name, *label;
    double value; /* present value (stakeholder, domain); amount (funder) */
    double share; /* of the total present value; of the inputs (funder) */
    double ratio; /* value / inputs (stakeholder); present value per EUR of this funder */
} ReportGroup;

/* A funder: its inputs, what its ratio divides, and under the model's
 * funder_share convention the value attributed to it (docs/METHOD.md §1.11). */
typedef struct ReportFunder {
    const char *name;                 /* as shown ("no funder" for inputs with none) */
    double amount, inputs_pv;         /* its inputs, undiscounted and present value */
    double input_share;               /* of the inputs' present value */
    double per_unit;                  /* whole present value ÷ its inputs (sroi(M, funder:)) */
    double value_share, value, ratio; /* attributed; NaN when the model shares nothing */
    char *sentence;                   /* what its figure divides, in words (malloc'ed) */
} ReportFunder;

/* The columns of the funders' table, in the order every format writes them
 * (CSV, HTML, spreadsheet): heading (N_(), translated where written) and
 * kind: 'n' the funder's name, 's' the sentence saying what its figure
 * divides, or a figure ('m' money, '%' share, 'r' ratio) found at offset in
 * ReportFunder; attributed: a value that funder_share attributes, written
 * only when the model shares its value. */
typedef struct ReportFunderColumn {
    const char *head;
    char kind;
    bool attributed;
    size_t offset;
} ReportFunderColumn;
#define REPORT_FUNDER_COLUMNS 8
extern const ReportFunderColumn REPORT_FUNDER_COLUMN[REPORT_FUNDER_COLUMNS];
double report_funder_figure(const ReportFunder *f, const ReportFunderColumn *c);
const char *report_funder_text(const ReportFunder *f, const ReportFunderColumn *c);

typedef struct ReportSpread { /* an uncertain figure over the samples */
    const char *name;         /* "ratio", "present_value", "npv" */
    double mean, sd, p5, p50, p95;
} ReportSpread;

typedef struct ReportTornado {
    char *parameter, *low, *high; /* low and high as texts in the parameter's unit */
    double ratio_low, ratio_high, swing;
} ReportTornado;

typedef struct ReportLibrary { /* a module the run loaded by `use` */
    const char *name;          /* as used: "models/cae" (borrowed from the interpreter) */
    const char *version;       /* as it declares it, "1.0.0", or NULL */
    const char *sha256;        /* of the file's bytes */
} ReportLibrary;

typedef struct ReportAssumption { /* one field of the model and where it comes from */
    char *what;                   /* "jobs.deadweight", "discount" */
    char *value;                  /* as the report writes it */
    const char *source;           /* the model's source text, "" if none */
    char *assumption;             /* the named assumptions its expression read ("dw"), or "" */
} ReportAssumption;

typedef struct ReportNamed {           /* a named assumption: assume NAME "Label" = ... */
    const char *name, *label, *source; /* "" if none */
    char *value;                       /* as the report writes it (median and 90% if uncertain) */
    char *range;                       /* its stated range ("10 % to 30 %"), or "" */
    char *used_by;                     /* the outcomes, inputs and settings that read it */
} ReportNamed;

#define REPORT_BINS 30

typedef struct ReportData {
    Language lang;
    const SroiModel *m;
    const char *name, *title;
    const char *currency; /* "EUR" (owned) */
    char money_unit[64];  /* as figures are written: "€", "k€", "MGBP", "EUR" */
    double money_divisor; /* 1, 1e3, 1e6 or the written unit's scale */
    double discount;
    const char *discounting;
    int horizon, n_years;
    size_t n_samples;
    long date; /* day the report was made (days since 1970-01-01) */
    ReportOutcome *outcomes;
    size_t n_outcomes;
    ReportInput *inputs;
    size_t n_inputs;
    ReportGroup *stakeholders, *domains;
    size_t n_stakeholders, n_domains;
    ReportFunder *funders;
    size_t n_funders;
    const char *funder_share;      /* "none", "pro_rata" or "table" */
    const char *funder_share_text; /* the convention in one sentence */
    /* results at the central point, by name or as result[k], k in the order
     * of SROI_RESULTS (the rows every format writes; report_data.c checks
     * that the names fall on their rows) */
    union {
        struct {
            double inputs_total, inputs_pv, present_value, npv, ratio, net_ratio;
            double positive_value, negative_value, annual_impact;
            double payback_guide, payback_year1, payback_discounted; /* months; NaN: none */
        };
        double result[SROI_RESULT_COUNT];
    };
    double *year_totals;    /* value of all outcomes in year t (undiscounted), [0] = year 1 */
    double *year_totals_pv; /* the same, discounted */
    /* uncertain models only (n_samples > 0) */
    ReportSpread spreads[3];
    size_t n_spreads;
    double p_ratio_below_1;
    double hist_lo, hist_hi; /* histogram of the ratio: REPORT_BINS bins from lo to hi */
    size_t hist[REPORT_BINS];
    ReportTornado *tornado; /* the parameters the swing moved */
    size_t n_tornado;
    char **unmoved; /* the parameters at 0, which ±20% does not move */
    size_t n_unmoved;
    char *tornado_note; /* the sentence saying so, or NULL */
    ReportAssumption *assumptions;
    size_t n_assumptions;
    ReportLibrary *libraries; /* the libraries the figures may come from */
    size_t n_libraries;
    ReportNamed *named; /* the model's named assumptions */
    size_t n_named;
} ReportData;

/* report_data.c: fills d->named; the named assumptions the expression of
 * `field` of `entry` (NULL: a setting) read, as "dw, share" (malloc'ed). */
void report_named_build(ReportData *d);
void report_named_free(ReportData *d);
char *report_field_assumptions(const ReportData *d, const char *entry, const char *field);

/* Computes the report of model v; false with an error raised (out of memory). */
bool report_data_build(Interp *I, Value model, ReportData *d);
void report_data_free(ReportData *d);

/* A money figure of the report as written (numfmt, display unit): "1 626 598 €". */
void report_money(const ReportData *d, double v, StrBuf *b);
/* A share as a percentage, a ratio to two decimals, a plain number. */
void report_percent(const ReportData *d, double v, StrBuf *b);
void report_ratio(const ReportData *d, double v, StrBuf *b);
void report_number(const ReportData *d, double v, StrBuf *b);

#endif
