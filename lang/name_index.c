/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* name_index.c — an open-addressing table of names (see name_index.h). */
#include "lang/name_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t name_hash(const char *s)
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)(h ^ (h >> 29));
}

NameSlot *index_find(const NameIndex *x, const char *name)
{
    if (!x->cap) return NULL;
    for (size_t j = name_hash(name) & (x->cap - 1);; j = (j + 1) & (x->cap - 1)) {
        if (!x->slots[j].name) return NULL;
        if (strcmp(x->slots[j].name, name) == 0) return &x->slots[j];
    }
}

NameSlot *index_slot(NameIndex *x, const char *name)
{
    NameSlot *found = index_find(x, name);
    if (found || x->lossy) return found;
    if (2 * (x->used + 1) > x->cap) {
        size_t cap = x->cap ? 2 * x->cap : 64;
        NameSlot *slots = calloc(cap, sizeof *slots);
        if (!slots) {
            x->lossy = true;
            return NULL;
        }
        for (size_t i = 0; i < x->cap; i++) {
            if (!x->slots[i].name) continue;
            size_t j = name_hash(x->slots[i].name) & (cap - 1);
            while (slots[j].name) j = (j + 1) & (cap - 1);
            slots[j] = x->slots[i];
        }
        free(x->slots);
        x->slots = slots;
        x->cap = cap;
    }
    size_t j = name_hash(name) & (x->cap - 1);
    while (x->slots[j].name) j = (j + 1) & (x->cap - 1);
    x->slots[j] = (NameSlot){ .name = name };
    x->used++;
    return &x->slots[j];
}

void index_add(NameIndex *x, const char *name, const Node *def)
{
    NameSlot *slot = index_slot(x, name);
    if (slot && slot->count++ == 0) slot->first = def;
}

void index_remove(NameIndex *x, const char *name)
{
    NameSlot *slot = x->lossy ? NULL : index_find(x, name);
    if (slot) slot->count--;
}
