/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report.h — report files: one model's report as JSON, CSV, HTML or XLSX,
 * from one ReportData (report_data.h).  The entry point for the command
 * line is report_write() in stdlib/stdlib.h; this header is the writers'.
 */
#ifndef IMPACT_REPORT_H
#define IMPACT_REPORT_H

#include "stdlib/report/report_data.h"
#include "stdlib/stdlib.h"

/* The value map's columns in the order of the SVI value-map template, then
 * the columns the template has not and a model has (leakage, start, domain,
 * evidence); the year columns stand between impact and present value. */
typedef enum ValueMapColumn {
    VM_STAKEHOLDER,
    VM_CHANGE,      /* intended/unintended change: the outcome's name */
    VM_INPUTS,      /* what the stakeholder puts in: not in a model, left empty */
    VM_OUTPUTS,     /* outputs: not in a model, left empty */
    VM_DESCRIPTION, /* the outcome's label */
    VM_INDICATOR,
    VM_SOURCE,
    VM_QUANTITY,
    VM_DURATION,
    VM_PROXY,
    VM_PROXY_SOURCE,
    VM_VALUE, /* quantity × proxy, before deductions */
    VM_DEADWEIGHT,
    VM_DISPLACEMENT,
    VM_ATTRIBUTION,
    VM_DROPOFF,
    VM_IMPACT,
    VM_YEARS, /* value in years 1..N: N columns */
    VM_PRESENT_VALUE,
    VM_LEAKAGE,
    VM_START,
    VM_DOMAIN,
    VM_EVIDENCE,
    VM_MATERIAL, /* the reviewer's columns (docs/METHOD.md §1.12) */
    VM_MATERIAL_REASON,
    VM_PROXY_EVIDENCE,
    VM_QUANTITY_EVIDENCE,
    VM_DISTANCE_BEFORE,
    VM_DISTANCE_AFTER,
    VM_SCALE_MIN,
    VM_SCALE_MAX,
    VM_COUNT
} ValueMapColumn;

/* The heading of column c in the report's language (year columns: "Year %d"). */
const char *report_column_title(ValueMapColumn c);

void report_json(const ReportData *d, size_t n, StrBuf *out);
/* CSV: fields separated by ';' in French (and the text in Windows-1252, done by
 * the caller), ',' in English; decimal comma in French. */
void report_csv(const ReportData *d, size_t n, StrBuf *out);
void report_html(const ReportData *d, size_t n, StrBuf *out);
/* Writes the workbook to path; false with an error raised. */
bool report_xlsx(Interp *I, const ReportData *d, size_t n, const char *path);

/* SVG charts (report_svg.c), each an accessible <svg> with a title. */
void svg_bars(StrBuf *out, const char *title, const char *const *labels, const double *values,
              size_t n, const ReportData *d);
void svg_years(StrBuf *out, const char *title, const ReportData *d);
void svg_tornado(StrBuf *out, const char *title, const ReportData *d);
void svg_histogram(StrBuf *out, const char *title, const ReportData *d);

/* Writes data to path whole or not at all (runtime/safe_write.h); false
 * with an error raised. */
bool report_write_file(Interp *I, const char *path, const char *data, size_t len);

/* Appends s with &, <, >, " escaped for HTML. */
void html_escape(StrBuf *out, const char *s);

#endif
