/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_scenario.c — a model's figures under a changed assumption, for the
 * sensitivity functions (tornado, tipping points): the declaration copied
 * with the assumption set and every field that reads it evaluated again
 * (sroi_with_assumptions, as `M with { NAME = v }` does), built, then
 * evaluated at its central point.
 *
 * Contract (sroi.h): sroi_point_with_assumption() leaves M unchanged; the
 * copy lives only for the call and gives no plausibility warning (a tornado
 * or a tipping-point search tries values no one proposed).
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/mem.h"
#include "stdlib/sroi/sroi_internal.h"

bool sroi_point_with_assumption(Interp *I, const SroiModel *m, size_t i, Value v, SrcLoc loc,
                                SroiMeasure what, double *out)
{
    ModelDecl d = m->decl;
    d.settings = xmalloc((d.n_settings + 1) * sizeof(DeclField));
    /* memcpy from NULL is undefined even for 0 bytes (an entry or model
     * without fields has none): copy only what exists */
    if (d.n_settings) memcpy(d.settings, m->decl.settings, d.n_settings * sizeof(DeclField));
    d.entries = xmalloc((d.n_entries + 1) * sizeof(DeclEntry));
    for (size_t k = 0; k < d.n_entries; k++) {
        d.entries[k] = m->decl.entries[k];
        d.entries[k].fields = xmalloc((d.entries[k].n_fields + 1) * sizeof(DeclField));
        if (d.entries[k].n_fields)
            memcpy(d.entries[k].fields, m->decl.entries[k].fields,
                   d.entries[k].n_fields * sizeof(DeclField));
    }
    const char *path = m->decl.assumes[i].name;
    bool done = false;
    Value *owned;
    size_t n_owned;
    bool ok = sroi_with_assumptions(I, &d, 1, &path, &v, &loc, &done, &owned, &n_owned);
    SroiModel *copy = NULL;
    SroiWarnScope quiet = { NULL, 0, false };
    if (ok) ok = sroi_model_new(I, &d, &quiet, m, &copy);
    if (ok) {
        double *x = xmalloc((copy->n_params + 1) * sizeof *x);
        sroi_central_point(copy, x);
        *out = sroi_eval_point(copy, x, what);
        free(x);
        sroi_model_free(copy);
    }
    for (size_t k = 0; k < d.n_entries; k++) free(d.entries[k].fields);
    free(d.entries);
    free(d.settings);
    if (d.assumes != m->decl.assumes) free(d.assumes);
    for (size_t k = 0; k < n_owned; k++) value_release(owned[k]);
    free(owned);
    return ok;
}
