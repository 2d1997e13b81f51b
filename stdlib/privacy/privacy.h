/* privacy.h — protection of small groups and refusal of French social
 * security numbers (NIR), shared by every module that reports figures about
 * people (aggregates, surveys, wellbeing scores, SROI quantities).
 *
 * Why (DOMAIN §8): the loi n° 51-711 du 7 juin 1951 (secret statistique) and
 * the DGFiP rule for data about natural persons forbid publishing a cell that
 * concerns fewer than 11 people; the décret NIR (n° 2019-341) restricts the
 * use of the social security number, so the interpreter refuses to ingest it.
 *
 * Contract:
 *   - A figure computed over n people with n < threshold is replaced by a
 *     "suppressed figure": a foreign object (class privacy_suppressed_class)
 *     that prints as `suppressed (n < 11)`, has fields `suppressed` (true)
 *     and `threshold`, and must never take part in arithmetic: whoever meets
 *     it where a number is needed calls privacy_refuse() which raises
 *     "this figure is suppressed because it concerns fewer than 11 people".
 *   - A share (proportion) is suppressed when its part, its rest (whole −
 *     part) or its whole is below the threshold; cells that partition a
 *     published total are suppressed so that none below the threshold can
 *     be recovered by subtraction (privacy_partition).
 *   - A figure over a filtered table `T where C` (count, sum, mean... and
 *     the groups of `T where C by k`) is suppressed as secondary when the
 *     rows the filter left out are a small group (privacy_rest_must_suppress):
 *     count(T) − count(T where C) would give them back.
 *   - The threshold is, in order: the table's own min_cell if > 0, else
 *     interp_settings(I)->min_cell (--min-cell N, `min_cell = N`).  A
 *     threshold of 0 or 1 disables suppression (the user lowered it on
 *     purpose).
 */
#ifndef IMPACT_PRIVACY_H
#define IMPACT_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/interp.h"

extern const ObjClass privacy_suppressed_class;

/* The threshold in force for data from table t (t may be NULL). */
int privacy_threshold(Interp *I, const TableObj *t);
/* True when a figure over n people must be suppressed under threshold. */
static inline bool privacy_must_suppress(size_t n, int threshold)
{
    return threshold > 1 && n < (size_t)threshold;
}
/* True when a share part / whole about people must be suppressed: the part,
 * the rest (whole − part) or the whole is below the threshold.  Otherwise the
 * hidden cell comes back by arithmetic: part = share × whole, and the rest =
 * whole − share × whole (DOMAIN §8.3, secondary suppression).  A part larger
 * than the whole (two unrelated tables) has no rest to check. */
static inline bool privacy_share_must_suppress(size_t part, size_t whole, int threshold)
{
    return privacy_must_suppress(whole, threshold) || privacy_must_suppress(part, threshold) ||
        (part <= whole && privacy_must_suppress(whole - part, threshold));
}
/* True when a figure over the rows of a filtered table `T where C` must be
 * suppressed because of the rows it left out: `base` (the rows of the table
 * it was filtered from, TableObj.base_nrows; 0 if not filtered) minus `n`
 * is between 1 and threshold − 1, so that count(T) − count(T where C)
 * would give back a small group (the subtraction route, secondary
 * suppression).  With chained filters the base is the first table. */
static inline bool privacy_rest_must_suppress(size_t n, size_t base, int threshold)
{
    return base > n && privacy_must_suppress(base - n, threshold);
}
/* Secondary suppression of a partition: `total` people split into k cells
 * (counts[i], adding up to total: groups, or the improved / unchanged /
 * worsened of a survey), published next to the total.  On entry hide[i] says
 * which cells the caller already hides (for another reason); on return it
 * also holds every cell below the threshold, then, while the hidden cells add
 * up to fewer than threshold people (their sum is total minus the cells
 * shown), the smallest cell still shown; every cell when the total itself is
 * below the threshold.  Returns the number of hidden cells. */
size_t privacy_partition(size_t total, const size_t *counts, size_t k, int threshold, bool *hide);
/* A new suppressed figure (caller owns the reference). */
Value privacy_suppressed(int threshold);
/* The same for a cell hidden by secondary suppression (it concerns enough
 * people, but would give a hidden one back): prints
 * `suppressed (secondary: protects a cell of n < 11)`. */
Value privacy_suppressed_secondary(int threshold);
bool privacy_is_suppressed(Value v);
/* Threshold carried by a suppressed figure (0 if v is not one). */
int privacy_suppressed_threshold(Value v);
/* Raises the located error for using a suppressed figure; returns false. */
bool privacy_refuse(Interp *I, Value v, SrcLoc loc);
/* Either stores value in *out, or a suppressed figure when n < threshold.
 * Takes value's reference. */
Value privacy_guard_take(Value value, size_t n, int threshold);

/* ---- NIR (numéro d'inscription au répertoire, "numéro de sécu") --------- */

/* True when a column name says it holds NIRs: nir, secu, sécu, ssn,
 * "numéro de sécurité sociale", "n° ss", insee... (case and accents ignored). */
bool privacy_name_is_nir(const char *name);
/* True when text (spaces ignored) is 13 digits starting with 1 or 2 (sex)
 * — Corsica's 2A/2B accepted as département, counted as 19/18 for the key —
 * followed by a 2-digit key equal to 97 − (first 13 digits mod 97). */
bool privacy_text_is_nir(const char *s, size_t len);

#endif
