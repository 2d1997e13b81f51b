/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_header.c — the header row of a CSV file: column names (checked or
 * converted to UTF-8, in NFC), repeated titles renamed "Title (2)" with one
 * warning, declared types matched to their columns, and the refusal of a
 * column named as social security numbers (privacy.h).
 */
#include "stdlib/data/csv_loader.h"

#include <string.h>

#include "lang/i18n.h"
#include "lang/utf8.h"
#include "runtime/disclosure.h"
#include "stdlib/data/table.h"
#include "stdlib/privacy/privacy.h"
#include "runtime/mem.h"

static SrcLoc here(Loader *L, size_t field)
{
    return loc_data(L->I, L->shown, (int)L->line, (int)field + 1);
}

/* ---- the header -------------------------------------------------------------- */

__attribute__((cold, noinline)) void loader_add_column(Loader *L, char *name)
{
    if (L->ncols == L->cap_cols) {
        L->cap_cols = L->cap_cols ? L->cap_cols * 2 : 16;
        L->cols = xrealloc(L->cols, L->cap_cols * sizeof *L->cols);
    }
    ColBuild *c = &L->cols[L->ncols++];
    memset(c, 0, sizeof *c);
    c->name = name;
    c->type = TYPE_UNKNOWN;
    size_t i = L->ncols - 1;
    const ColumnNote *note = i < L->n_notes ? &L->notes[i] : NULL;
    c->force_text = note && note->force_text;
    c->decimal = note ? note->decimal : 0;
}

__attribute__((cold, noinline)) char *loader_header_name(Loader *L, size_t field, const char *s,
                                                         size_t len)
{
    if (len == 0) {
        char buf[32];
        snprintf(buf, sizeof buf, "col%zu", field + 1);
        return strdup(buf);
    }
    if (L->enc == CSV_ENC_CP1252) {
        size_t n;
        if (!loader_to_utf8(L, s, len, &n)) {
            loader_fail_encoding(L, field, s, len);
            return NULL;
        }
        s = L->conv;
        len = n;
    } else if (utf8_valid_prefix(s, len, false) != len) {
        loader_fail_encoding(L, field, s, len);
        return NULL;
    } else {
        char *composed = utf8_nfc(s, &len); /* an NFD "Âge" is found as T["Âge"] */
        if (composed) return composed;
    }
    return xstrndup(s, len);
}

/* ---- a set of names (open addressing): the header's titles in linear time -- */

typedef struct NameSet {
    const char **names; /* NULL: empty slot */
    size_t *index;      /* what each name stands for (a column) */
    size_t mask;
} NameSet;

static void nameset_init(NameSet *h, size_t n)
{
    size_t slots = 16;
    while (slots < 2 * n + 2) slots *= 2;
    h->names = xcalloc(slots, sizeof *h->names);
    h->index = xcalloc(slots, sizeof *h->index);
    h->mask = slots - 1;
}

static void nameset_free(NameSet *h)
{
    free(h->names);
    free(h->index);
}

static size_t name_hash(const char *s)
{
    size_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* The slot of `name`: where it is, or the empty slot where it goes. */
static size_t nameset_slot(const NameSet *h, const char *name)
{
    size_t k = name_hash(name) & h->mask;
    while (h->names[k] && strcmp(h->names[k], name) != 0) k = (k + 1) & h->mask;
    return k;
}

/* Repeated titles (enDI writes "Parcours Type d'étape n" twice per step,
 * Autonomie writes "Nom" twice): the first copy keeps the title, each later
 * one becomes "Title (2)", "Title (3)"... skipping any name another column
 * already has, so every column stays reachable by a name of its own.  The
 * columns keep their positions; loader_warn_repeated() tells which were
 * renamed.  Linear in the number of columns (an export of 80,000 columns). */
static void rename_repeated(Loader *L)
{
    /* Holds every name a column keeps or is given: first copies at once,
     * new names as they are made, each several columns can hold at most once. */
    NameSet taken;
    nameset_init(&taken, 2 * L->ncols);
    for (size_t i = 0; i < L->ncols; i++) {
        size_t k = nameset_slot(&taken, L->cols[i].name);
        if (taken.names[k]) {
            L->cols[i].copy_of = taken.index[k] + 1;
        } else {
            taken.names[k] = L->cols[i].name;
            taken.index[k] = i;
        }
    }
    size_t *next_number = xcalloc(L->ncols, sizeof *next_number); /* per first copy */
    for (size_t i = 0; i < L->ncols; i++) {
        ColBuild *c = &L->cols[i];
        if (!c->copy_of) continue;
        const char *title = L->cols[c->copy_of - 1].name;
        size_t *n = &next_number[c->copy_of - 1];
        if (*n < 2) *n = 2;
        size_t size = strlen(title) + 24, k;
        char *name = xmalloc(size);
        do {
            snprintf(name, size, "%s (%zu)", title, (*n)++);
            k = nameset_slot(&taken, name);
        } while (taken.names[k]);
        taken.names[k] = name;
        taken.index[k] = i;
        free(c->name); /* the title again: the set holds its first copy's */
        c->name = name;
    }
    free(next_number);
    nameset_free(&taken);
}

static bool title_is_expected(const CsvOptions *opt, const char *title)
{
    for (size_t i = 0; opt && i < opt->n_expected_repeats; i++)
        if (strcmp(opt->expected_repeats[i], title) == 0) return true;
    return false;
}

/* One warning for the whole header: each repeated title, the columns that
 * hold it and their names now, e.g. 'Nom' in columns 1 and 10 (now 'Nom'
 * and 'Nom (2)'). */
void loader_warn_repeated(Loader *L)
{
    enum { SHOWN = 10 }; /* an enDI export repeats one title per career step */
    StrBuf cols, names;
    sb_init(&cols);
    sb_init(&names);
    StrBuf b;
    sb_init(&b);
    size_t titles = 0, first_copy = 0;
    const char *example = NULL;
    /* copies[i]: the later copies of column i's title (linear, not a scan per title) */
    size_t *copies = xcalloc(L->ncols + 1, sizeof *copies);
    for (size_t k = 0; k < L->ncols; k++)
        if (L->cols[k].copy_of) copies[L->cols[k].copy_of - 1]++;
    for (size_t i = 0; i < L->ncols; i++) {
        if (!copies[i] || title_is_expected(L->opt, L->cols[i].name) || ++titles > SHOWN) continue;
        sb_free(&cols);
        sb_free(&names);
        sb_printf(&cols, "%zu", i + 1);
        sb_printf(&names, "'%s'", L->cols[i].name);
        size_t seen = 0;
        for (size_t k = i + 1; k < L->ncols; k++) {
            if (L->cols[k].copy_of != i + 1) continue;
            const char *sep = ++seen == copies[i] ? _(" and ") : ", ";
            sb_printf(&cols, "%s%zu", sep, k + 1);
            sb_printf(&names, "%s'%s'", sep, L->cols[k].name);
            if (!first_copy || k + 1 < first_copy) {
                first_copy = k + 1;
                example = L->cols[k].name;
            }
        }
        if (titles > 1) sb_append(&b, "; ");
        sb_printf(&b, _("'%s' in columns %s (now %s)"), L->cols[i].name, cols.data, names.data);
    }
    free(copies);
    if (titles > SHOWN)
        sb_printf(&b,
                  ngettext("; and %zu more title, renamed the same way",
                           "; and %zu more titles, renamed the same way",
                           (unsigned long)(titles - SHOWN)),
                  titles - SHOWN);
    if (titles)
        rt_warn(L->I, loc_data(L->I, L->shown, (int)L->header_line, (int)first_copy),
                ngettext("%s repeats %zu column title, so each later copy is renamed: %s; "
                         "reach a renamed column by its new name, e.g. T[\"%s\"]",
                         "%s repeats %zu column titles, so each later copy is renamed: %s; "
                         "reach a renamed column by its new name, e.g. T[\"%s\"]",
                         (unsigned long)titles),
                L->shown, titles, b.data, example);
    sb_free(&cols);
    sb_free(&names);
    sb_free(&b);
}

/* Checks the names once the header row is complete: NIR columns, repeated
 * titles (renamed), declared columns that do not exist. */
bool loader_check_header(Loader *L)
{
    Interp *I = L->I;
    L->header_line = L->line;
    for (size_t i = 0; i < L->ncols; i++) {
        const char *name = L->cols[i].name;
        if (privacy_find_nir(name, strlen(name))) { /* the title itself: never shown */
            rt_raise(I, here(L, i),
                     _("the title of column %zu holds a French social security number (NIR): "
                       "impact refuses to read the file"),
                     i + 1);
            disclosure_error_hides_line(I);
            rt_hint(I,
                    _("the décret n° 2019-341 strictly limits who may process the NIR, and an "
                      "impact evaluation never needs it: correct this title in the file"));
            return false;
        }
        /* titled as NIRs: refused if a cell holds anything, dropped if all are empty */
        L->cols[i].nir_title = privacy_name_is_nir(name);
    }
    rename_repeated(L);
    for (size_t d = 0; d < L->opt->n_declared; d++) {
        const CsvDeclared *decl = &L->opt->declared[d];
        size_t i = 0;
        while (i < L->ncols && strcmp(L->cols[i].name, decl->name) != 0) i++;
        for (i = i < L->ncols ? i : 0; i < L->ncols && strcmp(L->cols[i].name, decl->name) != 0 &&
             !table_names_match(L->cols[i].name, decl->name);)
            i++; /* "Statut à l'entrée" declares "Statut à l’entrée" */
        if (i == L->ncols) {
            StrBuf names;
            sb_init(&names);
            for (size_t k = 0; k < L->ncols; k++)
                sb_printf(&names, "%s%s", k ? ", " : "", L->cols[k].name);
            rt_raise(I, decl->loc, _("types: the file %s has no column '%s'"), L->shown,
                     decl->name);
            rt_hint(I, _("its columns are: %s"), names.data ? names.data : "(none)");
            sb_free(&names);
            return false;
        }
        L->cols[i].declared = true;
        L->cols[i].type = TYPE_UNKNOWN;
        L->cols[i].force_text = false;
        /* a declared type is fixed from the start */
        loader_set_type(L, &L->cols[i], decl->type);
    }
    return true;
}
