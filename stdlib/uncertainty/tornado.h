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

/* Row r of a tornado(M) table is a parameter the swing did not move: its
 * value is 0, and ±pct of 0 is 0 (low_value = high_value).  Its swing of 0
 * says nothing of how much the ratio depends on it, so the chart and the
 * report files set it apart with sens_tornado_note() rather than drawing it. */
bool sens_tornado_unmoved(const TableObj *t, size_t r);
/* The sentence naming the parameters of table t that the swing did not move
 * and why, in the session's language; NULL when there are none. */
char *sens_tornado_note(Interp *I, const TableObj *t, double pct);

/* The arguments of tornado(M, pct: X) and tornado_chart(M, pct: X): the
 * model and the swing of certain assumptions (20% unless given, within
 * 0..100%); false with an error raised. */
bool sens_tornado_args(Interp *I, const CallArgs *a, const SroiModel **m, double *pct);

#endif
