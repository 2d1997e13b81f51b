/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* outline.c — the names a source text binds and the files it reads, for an
 * editor (see outline.h).  Walks the tree of parse_source(); the tree gives
 * where a statement starts, so the name's own place is found by scanning
 * the text forward from there (past the keyword and any quoted label). */
#include "lang/outline.h"
#include "lang/array.h"

#include <stdlib.h>
#include <string.h>

#include "lang/ast.h"
#include "lang/check.h"

/* The outline being made: its arrays grow here, and are copied into the
 * source's arena once the tree is walked (build()). */
typedef struct Builder {
    Outline *o;
    OutlineSymbol *symbols;
    size_t n_symbols, cap_symbols;
    OutlineData *data;
    size_t n_data, cap_data;
    size_t *line_starts; /* byte offset of each line of the text, from line 1 */
    size_t n_lines;
    bool failed; /* out of memory */
} Builder;

static bool name_byte(unsigned char c)
{
    return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
        (c >= 'A' && c <= 'Z');
}

/* Byte offset of the start of line `line` (1-based) in the text. */
static size_t line_offset(const Builder *b, int line)
{
    if (line < 1) return 0;
    if ((size_t)line > b->n_lines) return b->o->src->len;
    return b->line_starts[line - 1];
}

static bool index_lines(Builder *b)
{
    const SourceFile *src = b->o->src;
    size_t n = 1;
    for (size_t i = 0; i < src->len; i++) n += src->text[i] == '\n';
    b->line_starts = malloc(n * sizeof *b->line_starts);
    if (!b->line_starts) return false;
    b->line_starts[0] = 0;
    b->n_lines = 1;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n') b->line_starts[b->n_lines++] = i + 1;
    return true;
}

/* Where `name` is written as a whole word at or after loc, strings skipped;
 * loc itself when it is not found within a few lines. */
static void name_place(const Builder *b, SrcLoc loc, const char *name, int *line, int *col)
{
    const SourceFile *src = b->o->src;
    *line = loc.line;
    *col = loc.col;
    size_t start = line_offset(b, loc.line) + (size_t)(loc.col > 0 ? loc.col - 1 : 0);
    size_t n = strlen(name);
    int l = loc.line;
    size_t line_start = line_offset(b, loc.line);
    for (size_t i = start; i < src->len && i < start + 4096; i++) {
        char c = src->text[i];
        if (c == '\n') {
            l++;
            line_start = i + 1;
        } else if (c == '"') {
            for (i++; i < src->len && src->text[i] != '"' && src->text[i] != '\n'; i++)
                if (src->text[i] == '\\') i++;
        } else if (c == '#') {
            while (i + 1 < src->len && src->text[i + 1] != '\n') i++;
        } else if ((i == 0 || !name_byte((unsigned char)src->text[i - 1])) &&
                   strncmp(src->text + i, name, n) == 0 &&
                   (i + n >= src->len || !name_byte((unsigned char)src->text[i + n]))) {
            *line = l;
            *col = (int)(i - line_start) + 1;
            return;
        }
    }
}

/* `use "PATH" as NAME`: the place of NAME; `use "PATH"`: the path's first
 * character (the name is the path's last part). */
static void use_place(const Builder *b, SrcLoc loc, int *line, int *col)
{
    const SourceFile *src = b->o->src;
    size_t line_start = line_offset(b, loc.line);
    size_t i = line_start + (size_t)(loc.col - 1);
    while (i < src->len && src->text[i] != '"' && src->text[i] != '\n') i++;
    if (i >= src->len || src->text[i] != '"') return;
    *col = (int)(i - line_start) + 2;
    for (i++; i < src->len && src->text[i] != '"' && src->text[i] != '\n'; i++)
        if (src->text[i] == '\\') i++;
    for (i++; i < src->len && (src->text[i] == ' ' || src->text[i] == '\t'); i++) {}
    if (i + 2 < src->len && strncmp(src->text + i, "as", 2) == 0 &&
        !name_byte((unsigned char)src->text[i + 2])) {
        for (i += 2; i < src->len && (src->text[i] == ' ' || src->text[i] == '\t'); i++) {}
        if (i < src->len && src->text[i] != '\n') *col = (int)(i - line_start) + 1;
    }
}

static void add_symbol(Builder *b, const Node *n, const char *name, OutlineKind kind,
                       const char *detail, const char *container, bool top)
{
    if (!name || b->failed) return;
    if (!array_reserve(&b->symbols, &b->cap_symbols, b->n_symbols, sizeof *b->symbols, 32)) {
        b->failed = true;
        return;
    }
    OutlineSymbol *s = &b->symbols[b->n_symbols++];
    *s = (OutlineSymbol){ name, kind, n->loc.line, n->loc.col, detail, container, top };
    if (kind == OUTLINE_PARAM) return; /* its node starts at its name */
    if (kind == OUTLINE_USE)
        use_place(b, n->loc, &s->line, &s->col);
    else
        name_place(b, n->loc, name, &s->line, &s->col);
}

static void walk(Builder *b, const Node *n, const char *fn_name, const char *model, bool top);

static void walk_children(Builder *b, const Node *n, const char *fn_name, const char *model)
{
    if (n->a) walk(b, n->a, fn_name, model, false);
    if (n->b) walk(b, n->b, fn_name, model, false);
    if (n->c) walk(b, n->c, fn_name, model, false);
    for (size_t i = 0; i < n->n_items; i++)
        if (n->items[i]) walk(b, n->items[i], fn_name, model, false);
}

static void walk(Builder *b, const Node *n, const char *fn_name, const char *model, bool top)
{
    switch (n->kind) {
    case N_LET: add_symbol(b, n, n->name, OUTLINE_LET, NULL, NULL, top); break;
    case N_FN:
        add_symbol(b, n, n->name, OUTLINE_FN, NULL, NULL, top);
        fn_name = n->name;
        break;
    case N_LAMBDA: fn_name = NULL; break;
    case N_PARAM: add_symbol(b, n, n->name, OUTLINE_PARAM, NULL, fn_name, false); break;
    case N_USE: add_symbol(b, n, n->name, OUTLINE_USE, n->str, NULL, top); break;
    case N_UNIT_DECL: add_symbol(b, n, n->name, OUTLINE_UNIT, NULL, NULL, top); break;
    case N_MODEL:
        add_symbol(b, n, n->name, OUTLINE_MODEL, n->str, NULL, top);
        model = n->name;
        break;
    case N_DECL: add_symbol(b, n, n->name, OUTLINE_ENTRY, n->op, model, false); break;
    default: break;
    }
    walk_children(b, n, fn_name, model);
}

static void on_csv(void *ctx, const FileFunction *f, const Node *path, SrcLoc loc)
{
    (void)f;
    Builder *b = ctx;
    if (!path || path->kind != N_STRING || b->failed) return;
    if (!array_reserve(&b->data, &b->cap_data, b->n_data, sizeof *b->data, 8)) {
        b->failed = true;
        return;
    }
    b->data[b->n_data++] = (OutlineData){ path->str, loc.line, loc.col };
}

static const FileFunction data_functions[] = { { "csv", 0, false }, { NULL, 0, false } };

/* Walks the parsed tree into b, then gives the outline its arrays in the
 * source's arena; false when memory ran out. */
static bool build(Builder *b)
{
    Outline *o = b->o;
    const Node *root = o->src->root;
    if (!index_lines(b)) return false;
    for (size_t i = 0; i < root->n_items; i++) walk(b, root->items[i], NULL, NULL, true);
    FileUseVisitor visitor = { .call = on_csv, .ctx = b };
    find_file_uses(root, data_functions, &visitor);
    if (b->failed) return false;
    o->symbols = arena_copy(o->src, b->symbols, b->n_symbols * sizeof *b->symbols);
    o->n_symbols = b->n_symbols;
    o->data = arena_copy(o->src, b->data, b->n_data * sizeof *b->data);
    o->n_data = b->n_data;
    return true;
}

Outline *outline_text(const char *path, const char *text, size_t len)
{
    SourceFile *src = source_new(path, text, len);
    if (!src) return NULL;
    /* in its source's arena, with everything it points at: freed with it */
    Outline *o = arena_copy(src, &(Outline){ .src = src }, sizeof(Outline));
    SyntaxError err = { 0 };
    o->parsed = parse_source(src, &err);
    free(err.message);
    if (!o->parsed || !src->root) return o;
    Builder b = { .o = o };
    bool built = build(&b);
    free(b.line_starts);
    free(b.symbols);
    free(b.data);
    if (built) return o;
    source_free(src);
    return NULL;
}

void outline_free(Outline *o)
{
    if (o) source_free(o->src);
}
