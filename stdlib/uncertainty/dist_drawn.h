/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* dist_drawn.h — distributions drawn on demand (dist_drawn.c): a primitive
 * distribution of many samples keeps its sampler and stream, and its
 * samples are drawn again, block by block, wherever they are read.
 */
#ifndef IMPACT_DIST_DRAWN_H
#define IMPACT_DIST_DRAWN_H

#include "runtime/interp.h"
#include "stdlib/uncertainty/rng.h"

/* Above how many samples a primitive distribution is drawn on demand. */
size_t dist_store_limit(const Settings *set);

/* Whether s can be drawn again from its parameters alone (no borrowed
 * list of values). */
bool dist_drawn_eligible(const Sampler *s);

/* A distribution of n samples of s from stream, drawn on demand: *out,
 * with *not_finite the draws that are not numbers (the caller refuses
 * the distribution when there are any).  False only when memory runs out. */
bool dist_drawn_new(const Sampler *s, uint64_t stream, size_t n, int threads, Value *out,
                    size_t *not_finite);

#endif
