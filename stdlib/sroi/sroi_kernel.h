/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_kernel.h — the Monte Carlo kernel's blocks, shared by the files that
 * run passes over a model's samples: sroi_samples.c (the kernel, the
 * totals, the sample cache, the build's check) and sroi_outcome_arrays.c
 * (one outcome's arrays for every sample).  Private to stdlib/sroi/.
 *
 * Contract: for_each_block() runs body over every sample in blocks of BLOCK
 * (each thread with its own Block), in chunks of RNG_BLOCK samples when
 * some field the pass reads is drawn on demand: the chunk of each such
 * field is drawn into the thread's Block first (never the whole field),
 * and field_block() reads a field's block from there, from its stored
 * samples, or as copies of its constant.  Blocks are independent: any
 * number of threads gives the same bytes.
 */
#ifndef IMPACT_SROI_KERNEL_H
#define IMPACT_SROI_KERNEL_H

#include "stdlib/sroi/sroi_internal.h"
#include "stdlib/uncertainty/rng.h"

#define BLOCK 256
_Static_assert(RNG_BLOCK % BLOCK == 0, "a chunk holds whole blocks");

/* The fields drawn on demand that a pass reads.  Fields are numbered as
 * the report numbers them: outcome i's field k at i * OF_COUNT + k, then
 * the inputs, then the discount rate. */
typedef struct Drawn {
    size_t count;         /* fields drawn on demand that the pass reads */
    const DistObj **dist; /* count of them */
    int *slot;            /* for each field, its index in dist, or -1 */
} Drawn;

/* Per-thread buffers of one block. */
typedef struct Block {
    double pv[BLOCK], pos[BLOCK], neg[BLOCK], annual[BLOCK], year1[BLOCK];
    double inputs_pv[BLOCK], inputs_total[BLOCK];
    double step[BLOCK];
    double impact[BLOCK], opv[BLOCK], rem[BLOCK], fac[BLOCK];
    double konst[OF_COUNT + 2][BLOCK];
    double *stake;  /* n_stakeholders rows of BLOCK */
    double *domain; /* n_domains rows of BLOCK */
    double *years;  /* max_years + 1 rows of BLOCK */
    double *view;   /* one sample's stakeholders, domains and years */
    const Drawn *drawn;
    double *chunk; /* drawn->count rows of chunk_len: the drawn fields' samples */
    size_t chunk0, chunk_len;
} Block;

/* What one block computes: body(m, b, s0, len, ctx) for the samples
 * [s0, s0 + len), with the block's buffers b. */
typedef void (*BlockBody)(const SroiModel *m, Block *b, size_t s0, size_t len, void *ctx);

/* The fields drawn on demand among outcomes first .. first + count − 1,
 * the inputs when inputs, and the discount rate; drawn_free() it. */
Drawn drawn_plan(const SroiModel *m, size_t first, size_t count, bool inputs);
void drawn_free(Drawn *d);

/* Every sample, in parallel blocks (each thread with its own buffers).
 * work: an estimate of the operations, below which one thread is faster. */
void for_each_block(const SroiModel *m, const Drawn *drawn, bool want_years, double work,
                    BlockBody body, void *ctx);

/* The same over the blocks that start before sample upto only (the fields
 * drawn on demand still drawn a whole chunk at a time). */
void for_each_block_upto(const SroiModel *m, const Drawn *drawn, bool want_years, double work,
                         size_t upto, BlockBody body, void *ctx);

/* Field `field` (value v) over the block from s0. */
const double *field_block(const Block *b, size_t field, Value v, size_t s0, double *konst);
/* The discount rate over the block, and the yearly step into b->step. */
const double *block_start(const SroiModel *m, Block *b, size_t s0, size_t len);
/* One outcome over the block: b->impact, b->opv, and its discounted yearly
 * values added to b->years when want_years. */
void block_outcome(const SroiModel *m, const SroiOutcome *o, Block *b, size_t s0, size_t len,
                   bool want_years);

/* The block's totals set to 0 before its outcomes are added (ny: the
 * yearly rows too). */
void block_zero(const SroiModel *m, Block *b, size_t len, size_t ny);
/* Adds one outcome's figures (from block_outcome()) to the block's totals. */
void block_add_outcome(const SroiModel *m, const SroiOutcome *o, Block *b, size_t s0, size_t len);
/* The inputs' totals over the block (sel NULL: every input). */
void block_inputs(const SroiModel *m, const SroiSelection *sel, Block *b, const double *rate,
                  size_t s0, size_t len);
/* The block's totals (ny yearly rows too) from the sample cache's rows,
 * which the build's check filled with the kernel's own numbers; false when
 * there are none (a model beyond the cache's budget). */
bool block_totals_cached(const SroiModel *m, Block *b, size_t s0, size_t len, size_t ny);
/* The build's check over a block (sroi_count_infinite()): the samples of
 * outcome i's present value that are infinite (after block_outcome()), and
 * those of the total and the ratio (after the totals). */
void block_count_outcome(const Block *b, size_t i, size_t len, SroiSampleCounts *counts);
void block_count_totals(const Block *b, size_t len, SroiSampleCounts *counts);
/* Whether the sample cache holds every total (the yearly ones too when years). */
bool sroi_sample_cache_ready(const SroiModel *m, bool years);
/* Sample s of the block as the totals a pick reads (ny yearly totals). */
SroiTotals block_totals(const SroiModel *m, Block *b, size_t s, size_t ny);
/* Outcome o's undiscounted value of each year 1 .. max_years over the block
 * (from b->impact, after block_outcome()) into values[y] + s0; f: its
 * fields over the block.  Uses b->rem as scratch. */
void arrays_years(const SroiModel *m, const SroiOutcome *o, const double *const *f, Block *b,
                  double **values, size_t s0, size_t len);

#endif
