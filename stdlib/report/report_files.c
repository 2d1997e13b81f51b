/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_files.c — what every report writer shares, below them all: the
 * headings of the value map's columns (in the report's language) and
 * writing a file whole or not at all (runtime/safe_write.h).  Nothing here
 * calls a writer, so the writers and report.c, which picks one, never call
 * each other in a circle (make check-cycles). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "runtime/safe_write.h"
#include "stdlib/report/report.h"

/* ---- the value map's columns ------------------------------------------------------- */

const char *report_column_title(ValueMapColumn c)
{
    static const char *const titles[VM_COUNT] = {
        [VM_STAKEHOLDER] = NC_("column", "Stakeholder"),
        [VM_CHANGE] = NC_("column", "Intended/unintended change"),
        [VM_INPUTS] = NC_("column", "Inputs"),
        [VM_OUTPUTS] = NC_("column", "Outputs"),
        [VM_DESCRIPTION] = NC_("column", "Outcome description"),
        [VM_INDICATOR] = NC_("column", "Indicator"),
        [VM_SOURCE] = NC_("column", "Source"),
        [VM_QUANTITY] = NC_("column", "Quantity"),
        [VM_DURATION] = NC_("column", "Duration (years)"),
        [VM_PROXY] = NC_("column", "Financial proxy"),
        [VM_PROXY_SOURCE] = NC_("column", "Proxy source"),
        [VM_VALUE] = NC_("column", "Value"),
        [VM_DEADWEIGHT] = NC_("column", "Deadweight"),
        [VM_DISPLACEMENT] = NC_("column", "Displacement"),
        [VM_ATTRIBUTION] = NC_("column", "Attribution"),
        [VM_DROPOFF] = NC_("column", "Drop-off"),
        [VM_IMPACT] = NC_("column", "Impact"),
        [VM_YEARS] = NC_("column", "Year %d"),
        [VM_PRESENT_VALUE] = NC_("column", "Present value"),
        [VM_LEAKAGE] = NC_("column", "Leakage"),
        [VM_START] = NC_("column", "Start year"),
        [VM_DOMAIN] = NC_("column", "Domain"),
        [VM_EVIDENCE] = NC_("column", "Evidence"),
        [VM_MATERIAL] = NC_("column", "Material"),
        [VM_MATERIAL_REASON] = NC_("column", "Materiality reason"),
        [VM_PROXY_EVIDENCE] = NC_("column", "Proxy evidence"),
        [VM_QUANTITY_EVIDENCE] = NC_("column", "Quantity evidence"),
        [VM_DISTANCE_BEFORE] = NC_("column", "Distance travelled: before"),
        [VM_DISTANCE_AFTER] = NC_("column", "Distance travelled: after"),
        [VM_SCALE_MIN] = NC_("column", "Scale: lowest score"),
        [VM_SCALE_MAX] = NC_("column", "Scale: highest score"),
    };
    return i18n_context("column", titles[c]);
}

/* Writes data to path whole or not at all (runtime/safe_write.h). */
bool report_write_file(Interp *I, const char *path, const char *data, size_t len)
{
    SafeWrite w;
    SrcLoc loc = { 0 };
    if (!safe_write_open(I, &w, path, path, loc)) return false;
    if (fwrite(data, 1, len, w.stream) != len) {
        safe_write_abort(&w);
        rt_raise(I, loc, _("cannot write the report to '%s': %s"), path, strerror(errno));
        return rt_hint(I, _("check that the folder exists and that you may write in it"));
    }
    return safe_write_commit(I, &w, loc);
}
