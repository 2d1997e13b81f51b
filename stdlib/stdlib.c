/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* stdlib.c — the one table through which every built-in is registered, and
 * the hooks the runtime calls back (model builder, `by`, `to`, :why, the
 * distribution display), installed once by stdlib_open(). */
#include <string.h>

#include "stdlib/stdlib.h"
#include "stdlib/sroi/sroi_fields.h"
#include "stdlib/uncertainty/dist.h"

bool sroi_build_model(Interp *I, const ModelDecl *decl, Value *out); /* sroi.c */

static const BuiltinReg *const module_tables[] = {
    core_builtins,      csv_builtins,         table_builtins,       group_builtins,
    aggregate_builtins, count_share_builtins, summarize_builtins,   dates_builtins,
    dist_builtins,      correlate_builtins,   sensitivity_builtins, charts_builtins,
    sroi_builtins,      compare_builtins,     funders_builtins,     survey_builtins,
    rowwise_builtins,   labels_builtins,      vocabulary_builtins,  figure_text_builtins,
};

#define N_TABLES (sizeof module_tables / sizeof module_tables[0])

/* The built-in registered under `name` in the tables above: looked up here,
 * once, in C, so that what a hook calls can never be a user's binding. */
static const BuiltinReg *registered(const char *name)
{
    for (size_t i = 0; i < N_TABLES; i++)
        for (const BuiltinReg *r = module_tables[i]; r->name; r++)
            if (strcmp(r->name, name) == 0) return r;
    return NULL;
}

void stdlib_open(Interp *I)
{
    for (size_t i = 0; i < N_TABLES; i++) interp_register(I, module_tables[i]);
    interp_set_model_builder(I, sroi_build_model);
    size_t n_checks;
    const CheckField *checks = sroi_check_fields(&n_checks); /* sroi/sroi_fields.h */
    interp_set_check_fields(I, checks, n_checks);
    interp_set_hook(I, HOOK_GROUP_BY, registered("group_by")); /* data/group.c: T by KEY */
    interp_set_hook(I, HOOK_RANGE, registered("to"));          /* uncertainty/dist.c: a to b */
    interp_set_hook(I, HOOK_EXPLAIN, registered("explain"));   /* sroi/report_compare.c: :why */
    dist_open(I); /* the distribution display of the REPL and print */
}
