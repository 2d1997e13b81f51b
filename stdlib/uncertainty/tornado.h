/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* tornado.h — the rows of tornado(M) for C callers (the report files, the
 * terminal chart): each assumption swung (p5..p95 if uncertain, ±pct
 * otherwise) and the ratio at each end, sorted by swing, widest first. */
#ifndef IMPACT_TORNADO_H
#define IMPACT_TORNADO_H

#include "stdlib/sroi/sroi.h"

/* A new table (columns parameter, low, high, ratio_low, ratio_high, swing,
 * low_value, high_value); false with an error raised at loc. */
bool sens_tornado(Interp *I, const SroiModel *m, double pct, SrcLoc loc, Value *out);

/* The arguments of tornado(M, pct: X) and tornado_chart(M, pct: X): the
 * model and the swing of certain assumptions (20% unless given, within
 * 0..100%); false with an error raised. */
bool sens_tornado_args(Interp *I, const CallArgs *a, const SroiModel **m, double *pct);

#endif
