/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* diagnostics.c — `impact check` in full: every problem of a file, for the
 * command line (which shows the first ones) and the editor's language
 * server (which marks them all).
 *
 * Contract: see interp_check_all() in interp.h.  The file is parsed with
 * parse_source_all(), which goes on after each syntax error at the next
 * statement, entry or field; the static checks of lang/check.c then run on
 * what was read (check_program_all(): an unknown name once, the names
 * written in a broken statement counted as bound, so one mistake gives one
 * error); then the versions that `use ... version` asks of libraries.  The problems are sorted by place.  Nothing is
 * run and no file is written.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/internal.h"
#include "runtime/mem.h"
#include "runtime/module.h"
#include "runtime/unit.h"

static bool name_is_known(const char *name, void *ctx)
{
    Interp *I = ctx;
    Value v;
    return env_lookup(I->globals, name, &v) || unit_find(I, name) >= 0;
}

/* By line, then column; problems at the same place keep the order found
 * (an insertion sort: qsort is not stable, and the lists are short). */
static void sort_by_place(Diagnostics *d)
{
    for (size_t i = 1; i < d->n; i++) {
        ImpactError e = d->items[i];
        size_t j = i;
        while (j > 0 &&
               (d->items[j - 1].loc.line > e.loc.line ||
                (d->items[j - 1].loc.line == e.loc.line && d->items[j - 1].loc.col > e.loc.col))) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = e;
    }
}

/* Takes message and hint (malloc'ed; hint may be NULL). */
static void add_diagnostic(Diagnostics *d, SrcLoc loc, char *message, char *hint)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    d->items[d->n++] = (ImpactError){ loc, message, hint };
}

/* `use "models/cae" version "1"`: the library, found as the run finds it,
 * must declare a version that "1" accepts (module_version_refusal, the
 * run's rule). */
static void check_versions(const Node *root, ModuleReader *reader, Diagnostics *out)
{
    for (size_t i = 0; root && i < root->n_items; i++) {
        const Node *use = root->items[i];
        if (use->kind != N_USE || !use->a || !use->str) continue;
        const Node *lib = module_reader_root(reader, use->str);
        char *message, *hint;
        if (lib &&
            module_version_refusal(use->str, module_version_of(lib), use->a->str, &message, &hint))
            add_diagnostic(out, use->a->loc, message, hint);
    }
}

bool interp_check_all(Interp *I, const char *path, const char *text, size_t len, Diagnostics *out)
{
    *out = (Diagnostics){ 0 };
    SourceFile *src = text ? source_new(path, text, len) : source_read(path);
    if (!src) {
        if (text) rt_out_of_memory();
        return rt_raise(I, (SrcLoc){ 0 }, _("cannot open '%s': %s"), path, strerror(errno));
    }
    if (!I->n_frames) files_default_project(I, path); /* its folder, as when it runs */
    interp_keep_source(I, src);
    ErrorList errors = { 0 };
    parse_source_all(src, &errors);
    ModuleReader *reader = module_reader_new(I, path);
    CheckModules modules = { module_reader_root, reader };
    check_set_modules(&modules);
    CheckOptions opt = { .is_known = name_is_known,
                         .ctx = I,
                         .fields = I->check_fields,
                         .n_fields = I->n_check_fields };
    check_program_all(src->root, &opt, &errors);
    check_set_modules(NULL);
    for (size_t i = 0; i < errors.n; i++) {
        const SyntaxError *e = &errors.items[i];
        add_diagnostic(out, e->loc, xstrdup(e->message), e->hint ? xstrdup(e->hint) : NULL);
    }
    error_list_free(&errors);
    check_versions(src->root, reader, out);
    module_reader_free(reader);
    sort_by_place(out);
    return true;
}

void diagnostics_free(Diagnostics *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].message);
        free(d->items[i].hint);
    }
    free(d->items);
    *d = (Diagnostics){ 0 };
}
