/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* origin.c — where a result of the library came from (explain, :why).
 *
 * Contract (interp.h, "provenance of results"): interp_mark_origin() gives
 * a number or distribution a fresh origin id (Value.origin) and keeps, under
 * that id, a reference to its source (an SROI model), what it is ("sroi")
 * and which part (an outcome's index).  The id travels with the value
 * (`let r = sroi(M)`, lists, records), so that two models with the same
 * ratio are never confused: provenance is keyed by the result, not by its
 * number.  The last ORIGINS_KEPT marks are kept, in a ring on the
 * interpreter; an older id, or a value whose number or distribution is no
 * longer the one marked (a copy changed in place), has no origin.  The ring
 * holds its sources, so a source lives until its last mark is overwritten
 * or the interpreter is freed.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/internal.h"

void interp_mark_origin(Interp *I, Value *result, Value source, const char *what, int part)
{
    if (result->kind != V_NUM && result->kind != V_DIST) return;
    uint32_t id = ++I->last_origin;
    if (id == 0) id = ++I->last_origin; /* 0 means "none": skip it when the counter wraps */
    Origin *o = &I->origins[id % ORIGINS_KEPT];
    value_release(o->source);
    free(o->what);
    value_retain(source);
    *o = (Origin){ .id = id, .source = source, .part = part };
    o->what = strdup(what);
    if (!o->what) rt_out_of_memory();
    if (result->kind == V_NUM)
        o->num = result->as.num;
    else
        o->obj = result->as.obj;
    result->origin = id;
}

bool interp_origin(Interp *I, Value v, Value *source, const char **what, int *part)
{
    if (!v.origin || (v.kind != V_NUM && v.kind != V_DIST)) return false;
    const Origin *o = &I->origins[v.origin % ORIGINS_KEPT];
    if (o->id != v.origin) return false;
    bool same = v.kind == V_NUM
        ? (o->num == v.as.num || (isnan(o->num) && isnan(v.as.num))) && !o->obj
        : o->obj == v.as.obj;
    if (!same) return false;
    *source = o->source;
    *what = o->what;
    *part = o->part;
    return true;
}

void origins_free(Interp *I)
{
    for (size_t i = 0; i < ORIGINS_KEPT; i++) {
        value_release(I->origins[i].source);
        free(I->origins[i].what);
        I->origins[i] = (Origin){ 0 };
    }
}
