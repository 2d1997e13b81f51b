/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* file_uses.c — the calls of a program that name a file (impact check).
 *
 * Contract: see lang/check.h, find_file_uses().  A plain walk of the tree:
 * every N_CALL whose callee is a bare name in the caller's table (csv,
 * write_csv, ...) and every N_USE is reported, in source order.  Nothing is
 * evaluated, so a path is known only when it is written as a text.
 */
#include <string.h>

#include "lang/check.h"

static const FileFunction *known(const FileFunction *table, const Node *callee)
{
    if (!callee || callee->kind != N_NAME || !callee->name) return NULL;
    for (const FileFunction *f = table; f->name; f++)
        if (strcmp(f->name, callee->name) == 0) return f;
    return NULL;
}

/* The positional argument `i` of a call, or NULL. */
static const Node *positional(const Node *call, size_t i)
{
    size_t k = 0;
    for (size_t j = 0; j < call->n_items; j++) {
        const Node *arg = call->items[j];
        if (arg->kind == N_ARG && arg->name) continue;
        if (k++ == i) return arg->kind == N_ARG ? arg->a : arg;
    }
    return NULL;
}

static void walk(const Node *n, const FileFunction *table, const FileUseVisitor *v)
{
    if (!n) return;
    if (n->kind == N_CALL) {
        const FileFunction *f = known(table, n->a);
        if (f) v->call(v->ctx, f, positional(n, f->path_arg), n->loc);
        /* lib.read("export.csv"): a text given to a module's function */
        bool to_module = n->a && n->a->kind == N_GET && n->a->a && n->a->a->kind == N_NAME;
        for (size_t i = 0; to_module && v->text && i < n->n_items; i++) {
            const Node *arg = n->items[i]->kind == N_ARG ? n->items[i]->a : n->items[i];
            if (arg && arg->kind == N_STRING && arg->str) v->text(v->ctx, n->a, arg);
        }
    }
    if (n->kind == N_USE && v->use) v->use(v->ctx, n);
    walk(n->a, table, v);
    walk(n->b, table, v);
    walk(n->c, table, v);
    for (size_t i = 0; i < n->n_items; i++) walk(n->items[i], table, v);
}

void find_file_uses(const Node *root, const FileFunction *table, const FileUseVisitor *visitor)
{
    walk(root, table, visitor);
}
