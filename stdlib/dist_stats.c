/* dist_stats.c — statistics over a distribution's samples (dist.h):
 * quantiles by numpy's linear rule found by selection (about one pass over
 * the data for several quantiles), the summary record's figures, and the
 * test for 0/1 samples.  Missing samples (NaN) are skipped. */
#include "dist.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include "summary.h"

/* Copies the samples that are not missing (NaN) into a new buffer. */
static double *copy_present(const double *s, size_t n, size_t *kept)
{
    double *buf = malloc((n ? n : 1) * sizeof *buf);
    size_t k = 0;
    if (buf)
        for (size_t i = 0; i < n; i++)
            if (!isnan(s[i]))
                buf[k++] = s[i];
    *kept = k;
    return buf;
}

/* Hoare quickselect: moves the k-th smallest of a[lo..hi] to a[k], with
 * nothing larger before it and nothing smaller after it. */
static void select_kth(double *a, ptrdiff_t lo, ptrdiff_t hi, ptrdiff_t k)
{
    while (lo < hi) {
        ptrdiff_t mid = lo + (hi - lo) / 2, i = lo, j = hi;
        double t;
#define SWAP(x, y) (t = a[x], a[x] = a[y], a[y] = t)
        if (a[mid] < a[lo]) SWAP(mid, lo);      /* median of three as pivot */
        if (a[hi] < a[lo]) SWAP(hi, lo);
        if (a[hi] < a[mid]) SWAP(hi, mid);
        double pivot = a[mid];
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                SWAP(i, j);
                i++;
                j--;
            }
        }
#undef SWAP
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else return;                           /* j < k < i: a[k] equals the pivot */
    }
}

bool dist_quantiles(const double *s, size_t n, const double *ps, size_t k, double *out)
{
    size_t kept;
    double *buf = copy_present(s, n, &kept);
    if (!buf || kept == 0) {
        free(buf);
        return false;
    }
    /* Quantiles in increasing order, each selected in the part of buf not
     * yet below the previous one: about one pass over the data in all. */
    size_t order[16], m = k < 16 ? k : 16;
    for (size_t i = 0; i < m; i++) {
        size_t j = i;
        for (; j > 0 && ps[order[j - 1]] > ps[i]; j--)
            order[j] = order[j - 1];
        order[j] = i;
    }
    ptrdiff_t lo = 0, last = (ptrdiff_t)kept - 1;
    for (size_t r = 0; r < m; r++) {
        double h = (double)(kept - 1) * ps[order[r]];
        ptrdiff_t at = (ptrdiff_t)floor(h);
        select_kth(buf, lo, last, at);
        double below = buf[at], above = below;
        if (at < last) {                       /* the next order statistic: min of the rest */
            above = buf[at + 1];
            for (ptrdiff_t i = at + 2; i <= last; i++)
                if (buf[i] < above)
                    above = buf[i];
        }
        out[order[r]] = below + (h - (double)at) * (above - below);
        lo = at;
    }
    for (size_t i = m; i < k; i++)             /* beyond 16 requests: one at a time */
        out[i] = summary_quantile_inplace(buf, kept, ps[i]);
    free(buf);
    return true;
}

bool dist_summarize(const double *s, size_t n, DistSummary *out)
{
    static const double ps[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
    double q[5];
    if (!dist_quantiles(s, n, ps, 5, q))
        return false;
    double sum = 0, ss = 0;
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(s[i])) {
            sum += s[i];
            kept++;
        }
    double mean = sum / (double)kept;
    for (size_t i = 0; i < n; i++)
        if (!isnan(s[i]))
            ss += (s[i] - mean) * (s[i] - mean);
    *out = (DistSummary){.mean = mean, .sd = sqrt(ss / (double)kept), .p5 = q[0], .p25 = q[1],
                         .p50 = q[2], .p75 = q[3], .p95 = q[4], .n = kept};
    return true;
}

bool dist_is_zero_one(const DistObj *d)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->s[i] != 0 && d->s[i] != 1)
            return false;
    return true;
}

