/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* outline.h — what a source text defines, for an editor (impact lsp).
 *
 * Contract: outline_text() parses text (named `path` in locations) without
 * running it and lists, in source order, every name the text binds — `let`,
 * `fn`, a function's parameters, `use` (with the module's path), `unit`,
 * `model` and the entries of a model block (with the model's name) — each
 * with the line and column where the name itself is written (1-based, the
 * column counted in bytes), and the files the text reads by `csv("...")`
 * with a path written as text.  A text that does not parse gives an empty
 * outline with `parsed` false: the editor keeps the last good one.  Plain C
 * types only, so the command line needs no syntax tree.
 */
#ifndef IMPACT_OUTLINE_H
#define IMPACT_OUTLINE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum OutlineKind {
    OUTLINE_LET,   /* let NAME = ... */
    OUTLINE_FN,    /* fn NAME(...) = ... */
    OUTLINE_PARAM, /* a parameter of a function (named or anonymous) */
    OUTLINE_USE,   /* use "PATH" as NAME; detail: PATH */
    OUTLINE_UNIT,  /* unit NAME */
    OUTLINE_MODEL, /* model NAME "TITLE" { ... }; detail: the title */
    OUTLINE_ENTRY  /* outcome NAME ... inside a model; detail: the keyword */
} OutlineKind;

typedef struct OutlineSymbol {
    const char *name;
    OutlineKind kind;
    int line, col;         /* where the name is written */
    const char *detail;    /* see OutlineKind; may be NULL */
    const char *container; /* an entry's model, a parameter's function (NULL: anonymous) */
    bool top_level;        /* bound in the file's own scope */
} OutlineSymbol;

typedef struct OutlineData {
    const char *path; /* as written in csv("PATH") */
    int line, col;    /* the call */
} OutlineData;

typedef struct Outline {
    bool parsed;
    OutlineSymbol *symbols;
    size_t n_symbols;
    OutlineData *data;
    size_t n_data;
    struct SourceFile *src; /* its arena holds the outline, its arrays and strings */
} Outline;

/* NULL only when memory runs out. */
Outline *outline_text(const char *path, const char *text, size_t len);
void outline_free(Outline *o);

#endif
