/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* array.h — growing an array in lang/, the one place that doubles one.
 *
 * Contract: array_reserve(&items, &cap, n, sizeof *items, first) makes room
 * for items[n] in an array of *cap items (items being a T**): when n has
 * reached *cap, it doubles *cap (the first time, sets it to `first`) with
 * realloc.  It returns false, leaving the array and *cap as they were, when
 * memory runs out: the front end also serves the editor and `impact fmt`,
 * which report that and go on, so lang/ does not use the runtime's
 * allocator (runtime/mem.h), which ends the run.  Header-only.
 */
#ifndef IMPACT_ARRAY_H
#define IMPACT_ARRAY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static inline bool array_reserve(void *items, size_t *cap, size_t n, size_t size, size_t first)
{
    if (n < *cap) return true;
    size_t grown = *cap ? *cap * 2 : first;
    if (grown > SIZE_MAX / size) return false;
    void *old, *p;
    memcpy(&old, items, sizeof old); /* items points at a T*: read it as a void* */
    p = realloc(old, grown * size);
    if (!p) return false;
    memcpy(items, &p, sizeof p);
    *cap = grown;
    return true;
}

#endif
