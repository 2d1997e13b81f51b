/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_results.c — the Results rows of every report of a model, in
 * their order: the label of the text report and of a spreadsheet, the key
 * of the JSON, the figure each row picks from every sample's totals
 * (sroi_picks.c), whether it reads the yearly totals, and how it is written.
 *
 * Contract: the one list of the results.  Its own file, below the reports
 * that show it and the pass that computes their figures
 * (report_stream.c), which reads it too.
 */
#include "lang/i18n.h"
#include "stdlib/sroi/report.h"

const SroiResultRow SROI_RESULTS[SROI_RESULT_COUNT] = {
    [SROI_RESULT_INPUTS] = { N_("inputs"), N_("inputs"), "inputs", sroi_pick_inputs, false, 'm' },
    [SROI_RESULT_INPUTS_PV] = { N_("inputs, present value"), N_("inputs, present value"),
                                "inputs_present_value", sroi_pick_inputs_pv, false, 'm' },
    [SROI_RESULT_PV] = { N_("total present value"), N_("total present value"), "present_value",
                         sroi_pick_pv, false, 'm' },
    [SROI_RESULT_NPV] = { N_("net present value"), N_("net present value"), "npv", sroi_pick_npv,
                          false, 'm' },
    [SROI_RESULT_RATIO] = { N_("SROI ratio"), N_("SROI ratio"), "ratio", sroi_pick_ratio, false,
                            'r' },
    [SROI_RESULT_NET_RATIO] = { N_("net SROI"), N_("net SROI"), "net_ratio", sroi_pick_net, false,
                                'r' },
    [SROI_RESULT_POSITIVE] = { N_("positive value"), N_("positive value"), "positive_value",
                               sroi_pick_positive, false, 'm' },
    [SROI_RESULT_NEGATIVE] = { N_("negative value"), N_("negative value"), "negative_value",
                               sroi_pick_negative, false, 'm' },
    [SROI_RESULT_ANNUAL] = { N_("annual impact"), N_("annual impact"), "annual_impact",
                             sroi_pick_annual, false, 'm' },
    [SROI_RESULT_PAYBACK_GUIDE] = { N_("payback (Guide formula)"),
                                    N_("payback (Guide formula), months"), "guide",
                                    sroi_pick_payback_guide, false, 'M' },
    [SROI_RESULT_PAYBACK_YEAR1] = { N_("payback (year-1 values)"),
                                    N_("payback (year-1 values), months"), "year1",
                                    sroi_pick_payback_year1, false, 'M' },
    [SROI_RESULT_PAYBACK_DISCOUNTED] = { N_("payback (discounted)"),
                                         N_("payback (discounted), months"), "discounted",
                                         sroi_pick_payback_discounted, true, 'M' },
};
