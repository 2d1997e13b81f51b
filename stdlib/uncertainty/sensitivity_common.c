/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sensitivity_common.c — helpers shared by sensitivity.c and tipping.c:
 * argument checks, readable parameter values, and building result tables.
 * Declared in sensitivity_common.h. */
#include "stdlib/uncertainty/sensitivity_common.h"
#include "runtime/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool sens_model_arg(Interp *I, const CallArgs *a, const SroiModel **m)
{
    if (a->npos < 1 || !(*m = sroi_model(a->pos[0]))) {
        rt_raise(I, arg_loc(a, 0), _("%s: expects a model, got %s"), a->reg->signature,
                 a->npos ? value_kind_name(a->pos[0]) : _("nothing"));
        return rt_hint(I,
                       _("pass the name of a model declared with `model NAME \"Title\" { ... }`"));
    }
    return true;
}

bool sens_check_names(Interp *I, const CallArgs *a, const char *allowed)
{
    for (size_t k = 0; k < a->nnamed; k++)
        if (!allowed || strcmp(a->names[k], allowed) != 0) {
            rt_raise(I, a->named_loc[k], _("%s: unknown argument '%s'"), a->reg->signature,
                     a->names[k]);
            return allowed ? rt_hint(I, _("the only named argument it accepts is %s"), allowed)
                           : false;
        }
    return true;
}

/* Optional plain-number named argument; *out keeps its default if absent. */
bool sens_named_number(Interp *I, const CallArgs *a, const char *name, double *out)
{
    Value v;
    SrcLoc loc;
    if (!arg_named(a, name, &v, &loc)) return true;
    if (v.kind != V_NUM || !dim_is_none(v.dim) || !isfinite(v.as.num))
        return rt_raise(I, loc, _("%s: %s must be a plain number or a percentage, got %s"),
                        a->reg->signature, name, value_kind_name(v));
    *out = v.as.num;
    return true;
}

/* A parameter value rendered in its unit (a distribution by its median x). */
static void format_param(Interp *I, const SroiParam *p, double x, StrBuf *out)
{
    Value v = value_num_dim(x, p->value.dim);
    v.flags = p->value.flags & VF_PERCENT;
    v.unit_hint = p->value.unit_hint;
    value_format(I, v, out);
}

/* Rounds to 4 significant digits, for readable tables (the numeric columns
 * keep every digit). */
static double round4(double x)
{
    if (x == 0 || !isfinite(x)) return x;
    double scale = pow(10, 3 - floor(log10(fabs(x))));
    return round(x * scale) / scale;
}

char *sens_param_text(Interp *I, const SroiParam *p, double x)
{
    StrBuf b;
    sb_init(&b);
    format_param(I, p, round4(x), &b);
    return sb_take(&b);
}

char *sens_percent_text(Interp *I, double x)
{
    StrBuf b;
    sb_init(&b);
    if (x > 0) sb_append(&b, "+");
    value_format(I, value_percent(round(x * 1000) / 1000), &b);
    return sb_take(&b);
}

/* Table building: text and number columns of n rows. */
Value sens_text_column(char **texts, size_t n)
{
    Value col = value_column_new(COL_TEXT, n);
    ColumnObj *c = as_column(col);
    for (size_t i = 0; i < n; i++)
        c->codes[i] = strdict_intern(c->dict, texts[i], strlen(texts[i]));
    return col;
}

Value sens_number_column(const double *x, size_t n)
{
    Value col = value_column_new(COL_NUM, n);
    memcpy(as_column(col)->num, x, n * sizeof *x);
    return col;
}

void sens_free_texts(char **texts, size_t n)
{
    for (size_t i = 0; i < n; i++) free(texts[i]);
    free(texts);
}

/* Sorts row indices by key, largest first (ties keep declaration order). */
static int by_key_desc(const void *pa, const void *pb, void *ctx)
{
    const double *sort_keys = ctx;
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (sort_keys[a] != sort_keys[b]) return sort_keys[a] < sort_keys[b] ? 1 : -1;
    return a < b ? -1 : a > b;
}

size_t *sens_order_desc(const double *keys, size_t n)
{
    size_t *idx = xmalloc((n ? n : 1) * sizeof *idx);
    for (size_t i = 0; i < n; i++) idx[i] = i;
    qsort_r(idx, n, sizeof *idx, by_key_desc, (void *)keys);
    return idx;
}
