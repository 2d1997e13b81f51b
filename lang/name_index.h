/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* name_index.h — names to how many times each is bound and the node of its
 * first binding (used by check.c).
 *
 * Contract: a zeroed NameIndex is empty; index_add() and index_remove()
 * count the bindings of a name (whose text must outlive the index: the
 * syntax tree's), index_find() finds a name's slot in constant time on
 * average, index_slot() finds or makes it.  Out of memory, the index turns
 * `lossy` (it answers nothing more) and its user searches its own list
 * instead.  Free it with free(x->slots).
 */
#ifndef IMPACT_NAME_INDEX_H
#define IMPACT_NAME_INDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "lang/ast.h"

/* Each name bound (how many times, and the node of the first binding) in a
 * table that grows, so that the checks stay linear in the number of names:
 * a model of 10,000 outcomes binds 10,000, and every name it uses is looked
 * up.  Out of memory, the index turns `lossy` and the callers search their
 * lists instead. */
typedef struct NameSlot {
    const char *name;
    size_t count;
    const Node *first;
} NameSlot;

typedef struct NameIndex {
    NameSlot *slots;
    size_t cap, used;
    bool lossy;
} NameIndex;

NameSlot *index_find(const NameIndex *x, const char *name);
/* The slot of `name`, made (count 0) when absent; NULL when out of memory. */
NameSlot *index_slot(NameIndex *x, const char *name);
void index_add(NameIndex *x, const char *name, const Node *def);
void index_remove(NameIndex *x, const char *name);

#endif
