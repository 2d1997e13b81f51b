/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_import.c — `impact import VALUEMAP.xlsx`: a value map laid out as
 * the SVI template (or as `impact report -o x.xlsx` writes it) into a
 * readable model file.
 *
 * Contract: the sheets are read by the project's one spreadsheet reader
 * (stdlib/data/sheet_grid.h).  The first sheet's header row is found by its
 * "Stakeholder" column; each column is known by its heading in English or
 * French (several spellings of the SVI template's); every row below with an
 * outcome is an outcome, a blank stakeholder cell taking the one above (the
 * template's merged cells).  Shares written as 25 are read as 25%.  Inputs
 * come from the "Inputs by funder" sheet when there is one, else from the
 * value map's Inputs column (a number per stakeholder).  The figures the
 * model file gets are those of the cells, so the imported model computes
 * the figures of the workbook.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "runtime/mem.h"
#include "stdlib/data/sheet_grid.h"
#include "stdlib/report/report.h"

enum {
    IM_STAKEHOLDER,
    IM_CHANGE,
    IM_INPUTS,
    IM_DESCRIPTION,
    IM_INDICATOR,
    IM_SOURCE,
    IM_QUANTITY,
    IM_DURATION,
    IM_PROXY,
    IM_PROXY_SOURCE,
    IM_VALUE,
    IM_DEADWEIGHT,
    IM_DISPLACEMENT,
    IM_ATTRIBUTION,
    IM_DROPOFF,
    IM_LEAKAGE,
    IM_START,
    IM_DOMAIN,
    IM_EVIDENCE,
    IM_MATERIAL, /* the reviewer's columns (docs/METHOD.md §1.12) */
    IM_MATERIAL_REASON,
    IM_PROXY_EVIDENCE,
    IM_QUANTITY_EVIDENCE,
    IM_DISTANCE_BEFORE,
    IM_DISTANCE_AFTER,
    IM_SCALE_MIN,
    IM_SCALE_MAX,
    IM_INPUTS_VALUE, /* the template's "Value" after Inputs (not a heading of its own) */
    IM_COUNT
};

/* Headings each column is known by, lower case ("|"-separated). */
static const char *const HEADINGS[IM_COUNT] = {
    "stakeholder|stakeholders|partie prenante|parties prenantes",
    "intended/unintended change|intended/unintended changes|changement attendu ou "
    "inattendu|changements attendus ou inattendus|outcome|effet",
    "inputs|ressources",
    "outcome description|description|description de l'effet",
    "indicator|indicateur",
    "source|source de l'indicateur",
    "quantity|quantité",
    "duration (years)|duration|durée (années)|durée",
    "financial proxy|proxy financier|proxy",
    "proxy source|source du proxy",
    "value|value £|value €|valeur",
    "deadweight|deadweight %|poids mort",
    "displacement|displacement %|déplacement",
    "attribution|attribution %",
    "drop-off|drop off|drop-off %|drop off %|dropoff|dégressivité",
    "leakage|fuite",
    "start year|start|année de début",
    "domain|domaine",
    "evidence|justification",
    "material|significatif",
    "materiality reason|raison de la matérialité|justification de la matérialité",
    "proxy evidence|preuve du proxy|niveau de preuve du proxy",
    "quantity evidence|preuve de la quantité|niveau de preuve de la quantité",
    "distance travelled: before|distance parcourue : avant",
    "distance travelled: after|distance parcourue : après",
    "scale: lowest score|Échelle : score le plus bas",
    "scale: highest score|Échelle : score le plus haut",
    "",
};

static const char *cell(const Grid *g, size_t r, int c)
{
    if (c < 0 || r >= g->nrows || (size_t)c >= g->rows[r].n) return "";
    const char *s = g->rows[r].cells[c];
    return s ? s : "";
}

static bool heading_is(const char *text, const char *names)
{
    char low[256];
    size_t n = 0;
    while (*text == ' ') text++;
    for (; *text && n + 1 < sizeof low; text++) low[n++] = (char)tolower((unsigned char)*text);
    while (n && low[n - 1] == ' ') n--;
    low[n] = '\0';
    for (const char *p = names; *p;) {
        size_t len = strcspn(p, "|");
        if (len == n && strncmp(p, low, n) == 0) return true;
        p += len + (p[len] == '|');
    }
    return false;
}

static bool number_of(const char *s, double *out)
{
    if (!*s) return false;
    char *end;
    double v = strtod(s, &end);
    if (*end == '%' && end[1] == '\0') {
        *out = v / 100;
        return true;
    }
    if (*end) return false;
    *out = v;
    return true;
}

/* A name the language accepts, from any text: letters, digits and _ (ASCII). */
static void identifier(const char *text, StrBuf *out)
{
    size_t start = out->len;
    bool gap = false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (isalnum(*p)) {
            if (gap && out->len > start) sb_append(out, "_");
            char c = (char)tolower(*p);
            sb_appendn(out, &c, 1);
            gap = false;
        } else {
            gap = true;
        }
    }
    if (out->len == start || isdigit((unsigned char)out->data[start])) {
        char *rest = xstrdup(out->data ? out->data + start : "");
        out->len = start;
        sb_printf(out, "x_%s", rest);
        free(rest);
    }
}

static void quoted(StrBuf *out, const char *s)
{
    sb_append(out, "\"");
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') sb_append(out, "\\");
        if (*s == '\n')
            sb_append(out, " ");
        else
            sb_appendn(out, s, 1);
    }
    sb_append(out, "\"");
}

typedef struct Sheet {
    Grid g;
    size_t header;     /* row of the headings */
    int col[IM_COUNT]; /* -1: the sheet has no such column */
} Sheet;

/* Finds the header row (the first with a Stakeholder heading) and the
 * columns; false when there is none. */
static bool find_columns(Sheet *s)
{
    for (size_t r = 0; r < s->g.nrows && r < 50; r++) {
        bool found = false;
        for (size_t c = 0; c < s->g.width && !found; c++)
            found = heading_is(cell(&s->g, r, (int)c), HEADINGS[IM_STAKEHOLDER]);
        if (!found) continue;
        s->header = r;
        for (int k = 0; k < IM_COUNT; k++) s->col[k] = -1;
        for (size_t c = 0; c < s->g.width; c++) {
            const char *h = cell(&s->g, r, (int)c);
            for (int k = 0; k < IM_COUNT; k++) {
                if (!heading_is(h, HEADINGS[k])) continue;
                /* the SVI template's second Source, after the proxy, is the proxy's */
                if (k == IM_SOURCE && s->col[IM_SOURCE] >= 0 && s->col[IM_PROXY] >= 0)
                    k = IM_PROXY_SOURCE;
                /* and its Value before the proxy is that of the inputs */
                if (k == IM_VALUE && s->col[IM_PROXY] < 0) k = IM_INPUTS_VALUE;
                if (s->col[k] < 0) s->col[k] = (int)c;
                break;
            }
        }
        return true;
    }
    return false;
}

/* A share: 0.25 or 25 (a percentage typed as a number) are 25%. */
/* A figure's cell that holds text ("lots", "12 ans"): not dropped without a
 * word, but written as a comment in the outcome, where the run's error
 * ("outcome 'x' has no quantity") sends the reader; on one line, whatever
 * the cell holds, so that no text of the sheet becomes code. */
static void unread_cell(StrBuf *out, const char *field, const char *text)
{
    double v;
    if (!*text || number_of(text, &v)) return;
    StrBuf shown;
    sb_init(&shown);
    for (size_t i = 0; text[i] && i < 80; i++)
        sb_appendn(&shown, (text[i] == '\n' || text[i] == '\r') ? " " : text + i, 1);
    sb_printf(out,
              _("    # %s: the value map says \"%s\", which is not a number: write the figure "
                "here\n"),
              field, shown.data);
    sb_free(&shown);
}

static void share_field(StrBuf *out, const char *field, const char *text)
{
    double v;
    if (!number_of(text, &v)) return unread_cell(out, field, text);
    if (v > 1) v /= 100;
    sb_printf(out, "    %s = %.15g%%\n", field, v * 100);
}

/* A yes/no cell: true, TRUE, 1, yes, oui, vrai (a spreadsheet's boolean
 * reads as 1 or 0); *known false when the cell says neither. */
static bool flag_of(const char *text, bool *known)
{
    *known = true;
    if (heading_is(text, "true|1|yes|oui|vrai")) return true;
    if (heading_is(text, "false|0|no|non|faux")) return false;
    *known = false;
    return false;
}

/* A grade of evidence as a report writes it, in English or French, or as
 * the model's keyword; a cell that is none of them is left out. */
static void grade_field(StrBuf *out, const char *field, const char *text)
{
    static const char *const words[4][2] = { { "high", "high|élevé" },
                                             { "moderate", "moderate|modéré" },
                                             { "low", "low|faible" },
                                             { "very_low", "very_low|very low|très faible" } };
    for (int k = 0; k < 4; k++)
        if (heading_is(text, words[k][1])) sb_printf(out, "    %s = \"%s\"\n", field, words[k][0]);
}

static void money_field(StrBuf *out, const char *field, double v, const char *currency)
{
    sb_printf(out, "    %s = %.15g %s\n", field, v, currency);
}

typedef struct ImportCtx {
    const char *currency;
    double scale; /* amounts in the sheet × scale = currency units */
    StrBuf stakeholders, outcomes, inputs;
    StrBuf funder_share; /* the setting line, from the inputs sheet's funders */
    char **seen;         /* stakeholder identifiers declared */
    size_t n_seen;
} ImportCtx;

static void declare_stakeholder(ImportCtx *x, const char *id, const char *label)
{
    for (size_t k = 0; k < x->n_seen; k++)
        if (strcmp(x->seen[k], id) == 0) return;
    x->seen = xrealloc(x->seen, (x->n_seen + 1) * sizeof *x->seen);
    x->seen[x->n_seen++] = xstrdup(id);
    sb_printf(&x->stakeholders, "  stakeholder %s ", id);
    quoted(&x->stakeholders, label);
    sb_append(&x->stakeholders, "\n");
}

/* indicator, source, domain and evidence: the texts an outcome row gives. */
static void outcome_texts(ImportCtx *x, const Grid *g, const int *col, size_t r)
{
    const struct {
        int col;
        const char *field;
    } texts[] = { { IM_INDICATOR, "indicator" },
                  { IM_SOURCE, "source" },
                  { IM_DOMAIN, "domain" },
                  { IM_EVIDENCE, "evidence" },
                  { IM_MATERIAL_REASON, "material_reason" } };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        const char *t = cell(g, r, col[texts[k].col]);
        if (!*t) continue;
        sb_printf(&x->outcomes, "    %s = ", texts[k].field);
        quoted(&x->outcomes, t);
        sb_append(&x->outcomes, "\n");
    }
}

/* The proxy: a number under Financial proxy, or (SVI template) its
 * description there and its value under Value; and where it comes from. */
static void outcome_proxy(ImportCtx *x, const Grid *g, const int *col, size_t r)
{
    double v;
    const char *proxy = cell(g, r, col[IM_PROXY]), *proxy_source = cell(g, r, col[IM_PROXY_SOURCE]);
    StrBuf source;
    sb_init(&source);
    if (number_of(proxy, &v)) {
        money_field(&x->outcomes, "proxy", v * x->scale, x->currency);
    } else if (number_of(cell(g, r, col[IM_VALUE]), &v)) {
        money_field(&x->outcomes, "proxy", v * x->scale, x->currency);
        sb_append(&source, proxy);
    }
    if (*proxy_source) sb_printf(&source, "%s%s", source.len ? "; " : "", proxy_source);
    if (source.len) {
        sb_append(&x->outcomes, "    proxy_source = ");
        quoted(&x->outcomes, source.data);
        sb_append(&x->outcomes, "\n");
    }
    sb_free(&source);
}

/* SVI template: what the stakeholder puts in, as a number in Inputs; the
 * template gives a stakeholder's inputs once. */
static void stakeholder_inputs(ImportCtx *x, const Grid *g, const int *col, size_t r,
                               const char *sid, const char *stakeholder)
{
    double v;
    if (!(number_of(cell(g, r, col[IM_INPUTS_VALUE]), &v) ||
          number_of(cell(g, r, col[IM_INPUTS]), &v)) ||
        v == 0)
        return;
    StrBuf decl;
    sb_init(&decl);
    sb_printf(&decl, "  input %s_inputs ", sid);
    bool again = strstr(x->inputs.data ? x->inputs.data : "", decl.data) != NULL;
    sb_free(&decl);
    if (again) return;
    sb_printf(&x->inputs, "  input %s_inputs ", sid);
    quoted(&x->inputs, stakeholder);
    sb_printf(&x->inputs, " = %.15g %s\n", v * x->scale, x->currency);
}

/* The reviewer's columns (docs/METHOD.md §1.12): grades of evidence,
 * materiality (its reason is one of the texts), distance travelled. */
static void outcome_judgements(ImportCtx *x, const Grid *g, const int *col, size_t r)
{
    grade_field(&x->outcomes, "proxy_evidence", cell(g, r, col[IM_PROXY_EVIDENCE]));
    grade_field(&x->outcomes, "quantity_evidence", cell(g, r, col[IM_QUANTITY_EVIDENCE]));
    bool known, material = flag_of(cell(g, r, col[IM_MATERIAL]), &known);
    if (known && !material) sb_append(&x->outcomes, "    material = false\n");
    double dist[4];
    bool has_distance = true;
    for (int k = 0; k < 4; k++)
        has_distance = has_distance && number_of(cell(g, r, col[IM_DISTANCE_BEFORE + k]), &dist[k]);
    if (has_distance)
        sb_printf(&x->outcomes,
                  "    distance = { before: %.15g, after: %.15g, scale: [%.15g, %.15g] }\n",
                  dist[0], dist[1], dist[2], dist[3]);
}

static void outcome_row(ImportCtx *x, const Sheet *s, size_t r, const char *stakeholder,
                        size_t n_outcome)
{
    const Grid *g = &s->g;
    const int *col = s->col;
    StrBuf id, sid;
    sb_init(&id);
    sb_init(&sid);
    identifier(stakeholder, &sid);
    declare_stakeholder(x, sid.data, stakeholder);
    const char *change = cell(g, r, col[IM_CHANGE]), *desc = cell(g, r, col[IM_DESCRIPTION]);
    identifier(*change ? change : desc, &id);
    /* two outcomes with one name: the second gets its place */
    StrBuf decl;
    sb_init(&decl);
    sb_printf(&decl, "  outcome %s ", id.data);
    if (strstr(x->outcomes.data ? x->outcomes.data : "", decl.data))
        sb_printf(&id, "_%zu", n_outcome);
    sb_free(&decl);
    sb_printf(&x->outcomes, "  outcome %s ", id.data);
    quoted(&x->outcomes, *desc ? desc : change);
    sb_printf(&x->outcomes, " for %s {\n", sid.data);
    outcome_texts(x, g, col, r);
    double v;
    if (number_of(cell(g, r, col[IM_QUANTITY]), &v))
        sb_printf(&x->outcomes, "    quantity = %.15g\n", v);
    unread_cell(&x->outcomes, "quantity", cell(g, r, col[IM_QUANTITY]));
    outcome_proxy(x, g, col, r);
    if (number_of(cell(g, r, col[IM_DURATION]), &v))
        sb_printf(&x->outcomes, "    duration = %.15g year\n", v);
    unread_cell(&x->outcomes, "duration", cell(g, r, col[IM_DURATION]));
    if (number_of(cell(g, r, col[IM_START]), &v) && v > 1)
        sb_printf(&x->outcomes, "    start = %.15g\n", v);
    share_field(&x->outcomes, "deadweight", cell(g, r, col[IM_DEADWEIGHT]));
    share_field(&x->outcomes, "displacement", cell(g, r, col[IM_DISPLACEMENT]));
    share_field(&x->outcomes, "attribution", cell(g, r, col[IM_ATTRIBUTION]));
    share_field(&x->outcomes, "dropoff", cell(g, r, col[IM_DROPOFF]));
    if (number_of(cell(g, r, col[IM_LEAKAGE]), &v) && v != 0)
        share_field(&x->outcomes, "leakage", cell(g, r, col[IM_LEAKAGE]));
    outcome_judgements(x, g, col, r);
    sb_append(&x->outcomes, "  }\n");
    stakeholder_inputs(x, g, col, r, sid.data, stakeholder);
    sb_free(&id);
    sb_free(&sid);
}

/* Below the inputs, the funders table impact report writes and its
 * "funder_share" row: "pro_rata", or "table" with each funder's attributed
 * share of the value (docs/METHOD.md §1.11). */
static void funder_share_rows(ImportCtx *x, const Grid *g, size_t from)
{
    int share_col = -1;
    size_t first = 0;
    for (size_t r = from; r < g->nrows; r++) {
        const char *head = cell(g, r, 0);
        if (heading_is(head, "funder|financeur")) {
            for (size_t c = 0; c < g->rows[r].n; c++)
                if (heading_is(cell(g, r, (int)c),
                               "attributed share of the value|part de la valeur attribuée"))
                    share_col = (int)c;
            first = r + 1;
        } else if (strcmp(head, "funder_share") == 0) {
            const char *convention = cell(g, r, 1);
            if (strcmp(convention, "pro_rata") == 0)
                sb_append(&x->funder_share, "  funder_share = \"pro_rata\"\n");
            if (strcmp(convention, "table") != 0 || share_col < 0 || first == 0) return;
            sb_append(&x->funder_share, "  funder_share = {");
            for (size_t f = first; f < r; f++) {
                double share;
                if (!number_of(cell(g, f, share_col), &share)) continue;
                sb_append(&x->funder_share, f > first ? ", " : " ");
                quoted(&x->funder_share, cell(g, f, 0));
                sb_printf(&x->funder_share, ": %.15g%%", share * 100);
            }
            sb_append(&x->funder_share, " }\n");
            return;
        }
    }
}

/* The sheet "Inputs by funder" as impact report writes it: input, label,
 * funder, in kind, year, amount, stakeholder, hours; up to its Total row;
 * then its funders. */
static bool inputs_sheet(ImportCtx *x, const Grid *g)
{
    static const char *const heads[8] = { "input|ressource",
                                          "label|libellé",
                                          "funder|financeur",
                                          "in kind|en nature",
                                          "year|année",
                                          "amount|montant",
                                          "stakeholder|partie prenante",
                                          "hours|heures" };
    int col[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
    size_t header = 0;
    for (size_t c = 0; c < g->width; c++)
        for (int k = 0; k < 8; k++)
            if (heading_is(cell(g, 0, (int)c), heads[k]) && col[k] < 0) col[k] = (int)c;
    if (col[0] < 0 || col[5] < 0) return false;
    for (size_t r = header + 1; r < g->nrows; r++) {
        const char *name = cell(g, r, col[0]);
        double amount, year, hours;
        bool has_amount = number_of(cell(g, r, col[5]), &amount);
        bool has_hours = number_of(cell(g, r, col[7]), &hours);
        /* the Total row, or the end; time given and not valued has no amount */
        if (!*name || heading_is(name, "total") || (!has_amount && !has_hours)) break;
        StrBuf id, opts;
        sb_init(&id);
        sb_init(&opts);
        identifier(name, &id);
        sb_printf(&x->inputs, "  input %s ", id.data);
        quoted(&x->inputs, *cell(g, r, col[1]) ? cell(g, r, col[1]) : name);
        if (has_amount) sb_printf(&x->inputs, " = %.15g %s", amount * x->scale, x->currency);
        const char *funder = cell(g, r, col[2]), *stakeholder = cell(g, r, col[6]);
        bool known, in_kind = flag_of(cell(g, r, col[3]), &known);
        if (*funder) {
            sb_append(&opts, ", funder = ");
            quoted(&opts, funder);
        }
        if (in_kind) sb_append(&opts, ", in_kind = true");
        if (number_of(cell(g, r, col[4]), &year) && year != 0)
            sb_printf(&opts, ", year = %.0f", year);
        if (*stakeholder) {
            StrBuf sid;
            sb_init(&sid);
            identifier(stakeholder, &sid);
            declare_stakeholder(x, sid.data, stakeholder);
            sb_append(&opts, ", stakeholder = ");
            quoted(&opts, sid.data);
            sb_free(&sid);
        }
        if (has_hours) sb_printf(&opts, ", hours = %.15g", hours);
        if (opts.len) sb_printf(&x->inputs, " { %s }", opts.data + 2);
        sb_append(&x->inputs, "\n");
        sb_free(&id);
        sb_free(&opts);
    }
    funder_share_rows(x, g, header + 1);
    return true;
}

/* The rows below the table: Discount rate, Model (name, title), Currency
 * (code, unit of the amounts). */
static void settings_rows(const Sheet *s, double *discount, const char **name, const char **title,
                          ImportCtx *x)
{
    int c0 = s->col[IM_STAKEHOLDER], c1 = s->col[IM_CHANGE], c2 = s->col[IM_DESCRIPTION];
    for (size_t r = s->header + 1; r < s->g.nrows; r++) {
        const char *head = cell(&s->g, r, c0);
        double v;
        if (heading_is(head, "discount rate|taux d'actualisation") &&
            number_of(cell(&s->g, r, c1), &v))
            *discount = v > 1 ? v / 100 : v;
        else if (heading_is(head, "model|modèle")) {
            *name = cell(&s->g, r, c1);
            *title = cell(&s->g, r, c2);
        } else if (heading_is(head, "currency|devise")) {
            if (*cell(&s->g, r, c1)) x->currency = cell(&s->g, r, c1);
            if (number_of(cell(&s->g, r, c2), &v) && v > 0) x->scale = v;
        }
    }
}

static bool is_settings_row(const char *head)
{
    return heading_is(head,
                      "total|discount rate|taux d'actualisation|model|modèle|currency|devise");
}

static bool read_sheet(Interp *I, const char *path, int number, Grid *g)
{
    SheetChoice choice = { NULL, number, { 0 }, { 0 } };
    grid_init(g);
    const char *what;
    SheetKind kind = sheet_sniff(path, &what);
    bool ok = kind == SHEET_XLSX ? sheet_read_xlsx(I, path, path, &choice, g)
        : kind == SHEET_ODS      ? sheet_read_ods(I, path, path, &choice, g)
        : kind == SHEET_XLS      ? sheet_read_xls(I, path, path, &choice, g)
                                 : false;
    if (!ok && kind != SHEET_XLSX && kind != SHEET_ODS && kind != SHEET_XLS) {
        rt_raise(I, (SrcLoc){ 0 }, _("'%s' is not a spreadsheet (.xlsx, .ods or .xls)"), path);
        rt_hint(I, _("save the value map from Excel as an .xlsx workbook, then import that file"));
    }
    return ok;
}

bool report_import(Interp *I, const char *path, const char *output, StrBuf *out)
{
    Sheet s = { 0 };
    if (!read_sheet(I, path, 1, &s.g)) return false;
    if (!find_columns(&s) || (s.col[IM_CHANGE] < 0 && s.col[IM_DESCRIPTION] < 0)) {
        grid_free(&s.g);
        rt_raise(I, (SrcLoc){ path, 1, 1 },
                 _("the first sheet of '%s' has no value map: no row of headings with Stakeholder "
                   "and the outcomes"),
                 path);
        return rt_hint(I,
                       _("lay the value map out as the SVI template: Stakeholder, "
                         "Intended/unintended change, ..., Quantity, Duration, Financial proxy, "
                         "Deadweight, Displacement, Attribution, Drop-off"));
    }
    ImportCtx x = { .currency = "EUR", .scale = 1 };
    sb_init(&x.stakeholders);
    sb_init(&x.outcomes);
    sb_init(&x.inputs);
    sb_init(&x.funder_share);
    double discount = 0.035;
    const char *name = "", *title = "";
    settings_rows(&s, &discount, &name, &title, &x);
    const char *stakeholder = "";
    size_t n = 0;
    for (size_t r = s.header + 1; r < s.g.nrows; r++) {
        const char *head = cell(&s.g, r, s.col[IM_STAKEHOLDER]);
        if (is_settings_row(head)) break;
        if (*head) stakeholder = head;
        const char *change = cell(&s.g, r, s.col[IM_CHANGE]),
                   *desc = cell(&s.g, r, s.col[IM_DESCRIPTION]);
        if (!*change && !*desc) continue;
        outcome_row(&x, &s, r, *stakeholder ? stakeholder : "stakeholder", ++n);
    }
    Grid inputs;
    bool have_inputs = read_sheet(I, path, 2, &inputs);
    if (!have_inputs) interp_clear_error(I); /* a workbook of one sheet: inputs from the map */
    if (have_inputs) {
        StrBuf from_map = x.inputs;
        sb_init(&x.inputs);
        if (!inputs_sheet(&x, &inputs)) {
            sb_free(&x.inputs);
            x.inputs = from_map;
        } else {
            sb_free(&from_map);
        }
        grid_free(&inputs);
    }
    StrBuf id;
    sb_init(&id);
    char base[256];
    const char *slash = strrchr(path, '/');
    snprintf(base, sizeof base, "%s", slash ? slash + 1 : path);
    char *dot = strrchr(base, '.');
    if (dot) *dot = '\0';
    identifier(*name ? name : base, &id);
    sb_printf(out, _("# Imported by impact import from %s: check each figure and its source.\n"),
              path);
    sb_printf(out, "model %s ", id.data);
    quoted(out, *title ? title : *name ? name : base);
    sb_printf(out, " {\n  discount = %.15g%%\n", discount * 100);
    sb_append(out, x.funder_share.data ? x.funder_share.data : "");
    sb_append(out, x.stakeholders.data ? x.stakeholders.data : "");
    sb_append(out, x.inputs.data ? x.inputs.data : "");
    sb_append(out, x.outcomes.data ? x.outcomes.data : "");
    sb_append(out, "}\n");
    sb_free(&id);
    sb_free(&x.stakeholders);
    sb_free(&x.outcomes);
    sb_free(&x.inputs);
    sb_free(&x.funder_share);
    for (size_t k = 0; k < x.n_seen; k++) free(x.seen[k]);
    free(x.seen);
    grid_free(&s.g);
    return !output || report_write_file(I, output, out->data, out->len);
}
