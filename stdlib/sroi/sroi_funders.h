/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_funders.h — the model's funders and how its value is shared among
 * them (sroi_funders.c; docs/METHOD.md §1.11).  Included by sroi_internal.h,
 * whose SroiModel holds the groups. */
#ifndef IMPACT_SROI_FUNDERS_H
#define IMPACT_SROI_FUNDERS_H

#include "lang/ast.h"
#include "runtime/value.h"
#include "stdlib/sroi/sroi.h"

typedef enum FunderShare {
    FUNDER_SHARE_NONE,     /* each funder's ratio divides the whole present value */
    FUNDER_SHARE_PRO_RATA, /* value attributed in proportion to each funder's inputs */
    FUNDER_SHARE_TABLE     /* the shares the model states, adding up to 100% */
} FunderShare;
/* "not_shared", "pro_rata", "table", in FunderShare's order: the conventions
 * as reports name them. */
extern const char *const SROI_FUNDER_SHARE_NAMES[3];

typedef struct SroiFunder {
    const char *name; /* NULL: the inputs given no funder */
    double share;     /* FUNDER_SHARE_TABLE: its share of the value; else NaN */
} SroiFunder;

/* One funder at one point (the report's central point). */
typedef struct SroiFunderPoint {
    double inputs_total, inputs_pv; /* its inputs, undiscounted and present value */
    double input_share;             /* of the inputs' present value */
    double per_unit;                /* whole present value ÷ its inputs (sroi(M, funder:)) */
    double value_share, value;      /* attributed (NaN under FUNDER_SHARE_NONE) */
    double ratio;                   /* attributed value ÷ its inputs */
} SroiFunderPoint;

/* Groups the inputs by funder and decodes the setting funder_share (f, or
 * NULL when not written); false with a located error raised. */
bool sroi_funders_build(Interp *I, SroiModel *m, const DeclField *f);
/* Funder k at point x. */
void sroi_funder_point(const SroiModel *m, const double *x, size_t k, SroiFunderPoint *out);
/* Funder k for every sample (max(1, n_samples) slots each): its inputs'
 * present value, the whole present value ÷ its inputs (per_unit, may be
 * NULL), the value attributed to it (the whole present value under
 * FUNDER_SHARE_NONE) and that value ÷ its inputs. */
bool sroi_funder_samples(Interp *I, const SroiModel *m, size_t k, double *inputs_pv,
                         double *per_unit, double *value, double *ratio);
/* The convention in one sentence, in the report's language. */
const char *sroi_funder_convention_text(const SroiModel *m);
/* What funder k's ratio divides, in words ("present value of all outcomes ÷
 * the inputs of Région; Région paid 40 % of the inputs"); the shares come
 * formatted by the caller, in its figures' style. */
void sroi_funder_sentence(const SroiModel *m, size_t k, const char *input_share,
                          const char *value_share, StrBuf *b);
/* Funder k's name as reports show it ("no funder" for the inputs with none). */
const char *sroi_funder_name(const SroiModel *m, size_t k);
/* The key of the inputs with no funder in funder_value(M)'s record. */
#define SROI_NO_FUNDER_KEY "no_funder"

#endif
