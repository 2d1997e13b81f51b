/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_decl.c — a model's owned copy of its declaration, and freeing a model.
 *
 * Contract: sroi_copy_decl() deep-copies a ModelDecl (so `M with {...}` can
 * rebuild a changed copy after the original is gone); field names that are
 * one of the known spellings point at the static string instead of a copy.
 * sroi_model_free() releases everything a model owns, decoded or copied.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "runtime/disclosure.h"
#include "stdlib/privacy/privacy.h"
#include "lang/check.h"
#include "stdlib/sroi/sroi_build.h"

const char *const SROI_SETTING_NAMES[6] = { "discount", "discounting", "min_cell",
                                            "horizon",  "scale",       "funder_share" };
const char *const SROI_INPUT_OPTIONS[5] = { "funder", "in_kind", "year", "stakeholder", "hours" };

/* Field names are nearly always one of the known ones: point at the static
 * spelling instead of copying (a generated model has thousands of fields). */
static const char *known_name(const char *name)
{
    for (size_t k = 0; k < SROI_N_OUTCOME_FIELDS; k++)
        if (strcmp(SROI_OUTCOME_FIELD_NAMES[k], name) == 0) return SROI_OUTCOME_FIELD_NAMES[k];
    for (size_t k = 0; k < COUNT(SROI_SETTING_NAMES); k++)
        if (strcmp(SROI_SETTING_NAMES[k], name) == 0) return SROI_SETTING_NAMES[k];
    for (size_t k = 0; k < COUNT(SROI_INPUT_OPTIONS); k++)
        if (strcmp(SROI_INPUT_OPTIONS[k], name) == 0) return SROI_INPUT_OPTIONS[k];
    return NULL;
}

static bool is_known_name(const char *name)
{
    for (size_t k = 0; k < SROI_N_OUTCOME_FIELDS; k++)
        if (SROI_OUTCOME_FIELD_NAMES[k] == name) return true;
    for (size_t k = 0; k < COUNT(SROI_SETTING_NAMES); k++)
        if (SROI_SETTING_NAMES[k] == name) return true;
    for (size_t k = 0; k < COUNT(SROI_INPUT_OPTIONS); k++)
        if (SROI_INPUT_OPTIONS[k] == name) return true;
    return false;
}

static void copy_fields(DeclField **dst, size_t *ndst, const DeclField *src, size_t n)
{
    *ndst = n;
    *dst = n ? calloc(n, sizeof(DeclField)) : NULL;
    for (size_t i = 0; i < n; i++) {
        (*dst)[i] = src[i];
        const char *known = known_name(src[i].name);
        (*dst)[i].name = known ? known : strdup(src[i].name);
        value_retain(src[i].value);
    }
}

static void free_fields(DeclField *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_known_name(f[i].name)) free((char *)f[i].name);
        value_release(f[i].value);
    }
    free(f);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

void sroi_copy_decl(ModelDecl *dst, const ModelDecl *src)
{
    *dst = *src;
    dst->name = strdup(src->name ? src->name : "model");
    dst->title = dup_or_null(src->title);
    copy_fields(&dst->settings, &dst->n_settings, src->settings, src->n_settings);
    dst->entries = src->n_entries ? calloc(src->n_entries, sizeof(DeclEntry)) : NULL;
    for (size_t i = 0; i < src->n_entries; i++) {
        const DeclEntry *e = &src->entries[i];
        DeclEntry *d = &dst->entries[i];
        *d = *e;
        d->keyword = strdup(e->keyword ? e->keyword : "");
        d->name = strdup(e->name ? e->name : "");
        d->label = dup_or_null(e->label);
        d->for_name = dup_or_null(e->for_name);
        value_retain(e->value);
        copy_fields(&d->fields, &d->n_fields, e->fields, e->n_fields);
    }
    sroi_assumes_copy(dst, src);
}

static void free_decl(ModelDecl *d)
{
    free((char *)d->name);
    free((char *)d->title);
    free_fields(d->settings, d->n_settings);
    for (size_t i = 0; i < d->n_entries; i++) {
        DeclEntry *e = &d->entries[i];
        free((char *)e->keyword);
        free((char *)e->name);
        free((char *)e->label);
        free((char *)e->for_name);
        value_release(e->value);
        free_fields(e->fields, e->n_fields);
    }
    free(d->entries);
    sroi_assumes_free(d);
}

const DeclField *sroi_decl_field(const DeclField *fields, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].name, name) == 0) return &fields[i];
    return NULL;
}

void sroi_model_free(SroiModel *m)
{
    if (!m) return;
    for (size_t i = 0; i < m->n_outcomes; i++) free(m->outcomes[i].profile);
    for (size_t k = 0; k < m->n_params; k++) free((char *)m->params[k].name);
    free(m->params);
    free(m->central);
    free(m->leak_central);
    free(m->field_figures);
    sroi_sample_cache_free(m);
    sroi_report_stream_free(m);
    free(m->stakeholders);
    free(m->inputs);
    free(m->outcomes);
    free(m->domains);
    free(m->funders);
    free(m->scenario);
    free(m->year_factor);
    free_decl(&m->decl);
    free(m);
}
