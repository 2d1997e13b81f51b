/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* mem.h — the one allocator: malloc, calloc, realloc and strdup that never
 * return NULL.
 *
 * Contract: each returns usable memory (a request of 0 bytes gives a valid
 * pointer, never NULL) or ends the run through rt_out_of_memory(), which
 * says what to do (fewer samples, fewer rows).  Running out of memory is
 * not raised as an ordinary error because raising allocates.  Free with
 * free().  Inline, so every layer that may use the runtime's public
 * headers (runtime/, stdlib/, cli/) shares it without a private copy.
 */
#ifndef IMPACT_MEM_H
#define IMPACT_MEM_H

#include <stdlib.h>
#include <string.h>

_Noreturn void rt_out_of_memory(void);

static inline void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) rt_out_of_memory();
    return p;
}

static inline void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) rt_out_of_memory();
    return p;
}

static inline void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) rt_out_of_memory();
    return q;
}

static inline char *xstrdup(const char *s)
{
    size_t n = strlen(s);
    char *d = xmalloc(n + 1);
    memcpy(d, s, n + 1);
    return d;
}

static inline char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = 0;
    return d;
}

#endif
