/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report.c — `impact report`: choosing the format, the value map's columns,
 * the CSV writer, and writing the file whole or not at all.
 *
 * Contract: report_write() computes one ReportData per model and hands them
 * to one writer (report_json.c, report_html.c, report_xlsx.c, the CSV and
 * text here); files are written through runtime/safe_write.h, so a failed
 * write never leaves half a report nor damages the file that was there.
 */
#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "runtime/mem.h"
#include "runtime/safe_write.h"
#include "stdlib/report/report.h"
#include "stdlib/sroi/report.h"

/* ---- formats ------------------------------------------------------------------ */

static const struct {
    const char *name, *ext1, *ext2;
    ReportFormat format;
} FORMATS[] = {
    { "text", ".txt", NULL, REPORT_FORMAT_TEXT },  { "json", ".json", NULL, REPORT_FORMAT_JSON },
    { "csv", ".csv", NULL, REPORT_FORMAT_CSV },    { "html", ".html", ".htm", REPORT_FORMAT_HTML },
    { "xlsx", ".xlsx", NULL, REPORT_FORMAT_XLSX },
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = suffix ? strlen(suffix) : 0;
    return k && n >= k && strcasecmp(s + n - k, suffix) == 0;
}

bool report_format_of_path(const char *path, ReportFormat *out)
{
    for (size_t i = 0; path && i < sizeof FORMATS / sizeof *FORMATS; i++)
        if (ends_with(path, FORMATS[i].ext1) || ends_with(path, FORMATS[i].ext2)) {
            *out = FORMATS[i].format;
            return true;
        }
    return false;
}

bool report_format_of_name(const char *name, ReportFormat *out)
{
    for (size_t i = 0; name && i < sizeof FORMATS / sizeof *FORMATS; i++)
        if (strcmp(name, FORMATS[i].name) == 0) {
            *out = FORMATS[i].format;
            return true;
        }
    return false;
}

/* ---- CSV ------------------------------------------------------------------------------ */

static void csv_text(StrBuf *out, const char *s, char sep)
{
    if (!strpbrk(s, "\"\n\r;,")) {
        sb_append(out, s);
        return;
    }
    sb_append(out, "\"");
    for (; *s; s++) {
        if (*s == '"') sb_append(out, "\"");
        sb_appendn(out, s, 1);
    }
    sb_append(out, "\"");
    (void)sep;
}

/* A number as a spreadsheet reads it back: all its digits, no grouping, a
 * decimal comma in French. */
static void csv_number(StrBuf *out, double v, Language lang)
{
    if (!isfinite(v)) return; /* an empty cell */
    char text[64];
    snprintf(text, sizeof text, "%.15g", v == 0 ? 0.0 : v);
    if (lang == LANGUAGE_FR)
        for (char *p = text; *p; p++)
            if (*p == '.') *p = ',';
    sb_append(out, text);
}

static void csv_header(const ReportData *d, char sep, StrBuf *out)
{
    for (int c = 0; c < VM_COUNT; c++) {
        if (c) sb_appendn(out, &sep, 1);
        if (c != VM_YEARS) {
            csv_text(out, report_column_title((ValueMapColumn)c), sep);
            continue;
        }
        for (int y = 1; y <= d->n_years; y++) {
            char title[64];
            snprintf(title, sizeof title, report_column_title(VM_YEARS), y);
            if (y > 1) sb_appendn(out, &sep, 1);
            csv_text(out, title, sep);
        }
    }
    sb_append(out, "\r\n");
}

static void csv_row(const ReportData *d, const ReportOutcome *o, char sep, StrBuf *out)
{
    Language lang = d->lang;
    const char *texts[VM_COUNT] = { [VM_STAKEHOLDER] = o->stakeholder,
                                    [VM_CHANGE] = o->name,
                                    [VM_INPUTS] = o->inputs,
                                    [VM_OUTPUTS] = "",
                                    [VM_DESCRIPTION] = o->label,
                                    [VM_INDICATOR] = o->indicator,
                                    [VM_SOURCE] = o->source,
                                    [VM_PROXY_SOURCE] = o->proxy_source,
                                    [VM_DOMAIN] = o->domain,
                                    [VM_EVIDENCE] = o->evidence,
                                    [VM_MATERIAL] = o->material ? "true" : "false",
                                    [VM_MATERIAL_REASON] = o->material_reason,
                                    [VM_PROXY_EVIDENCE] = o->proxy_evidence,
                                    [VM_QUANTITY_EVIDENCE] = o->quantity_evidence };
    double nums[VM_COUNT] = { [VM_QUANTITY] = o->quantity,
                              [VM_DURATION] = o->duration,
                              [VM_PROXY] = o->proxy,
                              [VM_VALUE] = o->quantity * o->proxy,
                              [VM_DEADWEIGHT] = o->deadweight,
                              [VM_DISPLACEMENT] = o->displacement,
                              [VM_ATTRIBUTION] = o->attribution,
                              [VM_DROPOFF] = o->profile ? NAN : o->dropoff,
                              [VM_IMPACT] = o->impact,
                              [VM_PRESENT_VALUE] = o->present_value,
                              [VM_LEAKAGE] = o->leakage,
                              [VM_START] = o->start,
                              [VM_DISTANCE_BEFORE] = o->distance[0],
                              [VM_DISTANCE_AFTER] = o->distance[1],
                              [VM_SCALE_MIN] = o->distance[2],
                              [VM_SCALE_MAX] = o->distance[3] };
    for (int c = 0; c < VM_COUNT; c++) {
        if (c) sb_appendn(out, &sep, 1);
        if (c == VM_YEARS) {
            for (int y = 0; y < d->n_years; y++) {
                if (y) sb_appendn(out, &sep, 1);
                csv_number(out, o->years[y], lang);
            }
        } else if (texts[c]) {
            csv_text(out, texts[c], sep);
        } else {
            csv_number(out, nums[c], lang);
        }
    }
    sb_append(out, "\r\n");
}

/* Under the value map, after a blank line, when the model has funders to
 * speak of: each funder's inputs, share, value per unit invested, the value
 * funder_share attributes to it and what its figure divides; then the
 * convention in words. */
static void csv_funders(const ReportData *d, char sep, StrBuf *out)
{
    bool named = false; /* as the text report (sroi_has_funders) */
    for (size_t k = 0; k < d->n_inputs; k++) named = named || d->inputs[k].funder[0];
    if (strcmp(d->funder_share, "not_shared") == 0 && (d->n_funders < 2 || !named)) return;
    sb_append(out, "\r\n");
    for (size_t c = 0; c < REPORT_FUNDER_COLUMNS; c++) {
        if (c) sb_appendn(out, &sep, 1);
        csv_text(out, _(REPORT_FUNDER_COLUMN[c].head), sep);
    }
    sb_append(out, "\r\n");
    for (size_t k = 0; k < d->n_funders; k++) {
        for (size_t c = 0; c < REPORT_FUNDER_COLUMNS; c++) {
            const ReportFunderColumn *col = &REPORT_FUNDER_COLUMN[c];
            if (c) sb_appendn(out, &sep, 1);
            if (col->kind == 'n' || col->kind == 's')
                csv_text(out, report_funder_text(&d->funders[k], col), sep);
            else
                csv_number(out, report_funder_figure(&d->funders[k], col), d->lang);
        }
        sb_append(out, "\r\n");
    }
    csv_text(out, "funder_share", sep);
    sb_appendn(out, &sep, 1);
    csv_text(out, d->funder_share, sep);
    sb_appendn(out, &sep, 1);
    csv_text(out, d->funder_share_text, sep);
    sb_append(out, "\r\n");
}

void report_csv(const ReportData *d, size_t n, StrBuf *out)
{
    for (size_t k = 0; k < n; k++) {
        char sep = d[k].lang == LANGUAGE_FR ? ';' : ',';
        if (k) sb_append(out, "\r\n");
        csv_header(&d[k], sep, out);
        for (size_t i = 0; i < d[k].n_outcomes; i++) csv_row(&d[k], &d[k].outcomes[i], sep, out);
        csv_funders(&d[k], sep, out);
    }
}

/* ---- writing ------------------------------------------------------------------------ */

/* The text in Windows-1252 (Excel's French CSV encoding); a character it
 * cannot hold is transliterated (œ stays, ≥ becomes >=).  NULL on failure. */
static char *to_cp1252(const char *text, size_t len, size_t *out_len)
{
    iconv_t cd = iconv_open("WINDOWS-1252//TRANSLIT", "UTF-8");
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = len * 2 + 16, left = cap;
    char *buf = xmalloc(cap), *out = buf;
    char *in = (char *)text;
    size_t in_left = len;
    bool ok = iconv(cd, &in, &in_left, &out, &left) != (size_t)-1;
    iconv_close(cd);
    if (!ok) {
        free(buf);
        return NULL;
    }
    *out_len = cap - left;
    return buf;
}

static bool write_text(Interp *I, const char *path, ReportFormat format, Language lang,
                       StrBuf *text)
{
    const char *data = text->data ? text->data : "";
    size_t len = text->len;
    char *converted = NULL;
    if (format == REPORT_FORMAT_CSV && lang == LANGUAGE_FR) {
        converted = to_cp1252(data, len, &len);
        if (!converted) {
            rt_raise(I, (SrcLoc){ 0 }, _("the report holds text that Windows-1252 cannot write"));
            return rt_hint(I, _("write the CSV in English (--lang en), which is UTF-8"));
        }
        data = converted;
    }
    bool ok;
    if (path) {
        ok = report_write_file(I, path, data, len);
    } else {
        ok = fwrite(data, 1, len, stdout) == len;
        fflush(stdout);
    }
    free(converted);
    return ok;
}

bool report_can_write(Value v)
{
    return sroi_is_model(v);
}

bool report_write(Interp *I, const Value *models, size_t n, ReportFormat format, const char *path)
{
    if (format == REPORT_FORMAT_XLSX && !path) {
        rt_raise(I, (SrcLoc){ 0 }, _("an XLSX workbook cannot be written to standard output"));
        return rt_hint(I, _("give a file name: impact report FILE -o report.xlsx"));
    }
    StrBuf out;
    sb_init(&out);
    if (format == REPORT_FORMAT_TEXT) {
        for (size_t k = 0; k < n; k++) {
            if (k) sb_append(&out, "\n");
            sroi_report_text(I, sroi_model(models[k]), &out);
        }
        bool ok = write_text(I, path, format, interp_settings(I)->language, &out);
        sb_free(&out);
        return ok;
    }
    ReportData *d = xcalloc(n + 1, sizeof *d);
    size_t built = 0;
    bool ok = true;
    while (ok && built < n) {
        ok = report_data_build(I, models[built], &d[built]);
        if (ok) built++;
    }
    if (ok) {
        switch (format) {
        case REPORT_FORMAT_JSON: report_json(d, n, &out); break;
        case REPORT_FORMAT_CSV: report_csv(d, n, &out); break;
        case REPORT_FORMAT_HTML: report_html(d, n, &out); break;
        case REPORT_FORMAT_XLSX: ok = report_xlsx(I, d, n, path); break;
        case REPORT_FORMAT_TEXT: break;
        }
    }
    if (ok && format != REPORT_FORMAT_XLSX)
        ok = write_text(I, path, format, interp_settings(I)->language, &out);
    for (size_t k = 0; k < built; k++) report_data_free(&d[k]);
    free(d);
    sb_free(&out);
    return ok;
}
