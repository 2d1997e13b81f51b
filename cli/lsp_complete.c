/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* lsp_complete.c — `impact lsp` completion (see lsp.h), by where the
 * cursor stands:
 *   - in the path of `use "`: std/ and models/ modules as the run finds them
 *     (library root), and the .impact files of the document's folder, folder
 *     by folder as the REPL completes them;
 *   - after `NAME.`: the names of what NAME is once the document ran (a
 *     module's names, a model's outcomes and results, a record's fields, a
 *     table's columns); a module's top-level names from its file otherwise;
 *   - inside an `outcome` block: the fields an outcome may hold;
 *   - elsewhere: the names the document binds, the built-in functions, the
 *     keywords, and the column titles of the files it reads with csv("...").
 */
#include <stdlib.h>
#include <string.h>

#include "cli/lsp.h"
#include "cli/use_paths.h"
#include "stdlib/stdlib.h"

/* The protocol's CompletionItemKind numbers. */
enum {
    ITEM_FUNCTION = 3,
    ITEM_FIELD = 5,
    ITEM_VARIABLE = 6,
    ITEM_CLASS = 7,
    ITEM_MODULE = 9,
    ITEM_UNIT = 11,
    ITEM_KEYWORD = 14,
    ITEM_FILE = 17,
    ITEM_FOLDER = 19
};

#define MAX_NAMES 4096

typedef struct Items {
    json_object *list;
    json_object *seen;       /* the labels given, as keys: one item per label */
    json_object *edit_range; /* when set, each item replaces this range */
} Items;

static void add_item(Items *it, const char *label, int kind, const char *detail)
{
    if (json_object_object_get_ex(it->seen, label, NULL)) return;
    json_object_object_add(it->seen, label, NULL);
    json_object *item = json_object_new_object();
    json_object_object_add(item, "label", json_object_new_string(label));
    json_object_object_add(item, "kind", json_object_new_int(kind));
    if (detail) json_object_object_add(item, "detail", json_object_new_string(detail));
    if (it->edit_range) {
        json_object *edit = json_object_new_object();
        json_object_object_add(edit, "range", json_object_get(it->edit_range));
        json_object_object_add(edit, "newText", json_object_new_string(label));
        json_object_object_add(item, "textEdit", edit);
    }
    json_object_array_add(it->list, item);
}

/* A built-in function: its signature as the detail, and its one line of
 * help in the session's language (the same as :help) as the documentation. */
static void add_builtin(Items *it, const char *name, const BuiltinReg *reg)
{
    size_t before = json_object_array_length(it->list);
    add_item(it, name, ITEM_FUNCTION, reg->signature);
    const char *help = builtin_help(reg);
    if (json_object_array_length(it->list) == before || !*help) return;
    json_object *item = json_object_array_get_idx(it->list, before);
    json_object_object_add(item, "documentation", json_object_new_string(help));
}

/* ---- use "...": modules --------------------------------------------------------------- */

static void add_use_path(void *items, const char *path, bool is_folder)
{
    add_item(items, path, is_folder ? ITEM_FOLDER : ITEM_MODULE, NULL);
}

static void complete_modules(LspServer *S, LspDoc *d, Items *it, const char *word)
{
    if (use_paths_in_library(interp_library_root(lsp_names(S)), word, add_use_path, it)) return;
    if (!d->is_file || word[0] == '/') return; /* the document's folder only */
    char *dir = lsp_strdup(d->path);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    const char *wslash = strrchr(word, '/');
    char folder[4096], shown[1024];
    snprintf(folder, sizeof folder, "%s/%.*s", slash ? dir : ".", wslash ? (int)(wslash - word) : 0,
             word);
    snprintf(shown, sizeof shown, "%.*s", wslash ? (int)(wslash - word + 1) : 0, word);
    use_paths_in(folder, shown, d->path, add_use_path, it);
    free(dir);
}

/* ---- NAME.: what NAME holds ------------------------------------------------------------ */

static void names_of_value(Interp *I, Value v, Items *it)
{
    const char **names = lsp_alloc(MAX_NAMES * sizeof *names);
    size_t n = 0;
    int kind = ITEM_FIELD;
    if (v.kind == V_MODULE) {
        n = interp_module_names(v, names, MAX_NAMES);
        kind = ITEM_VARIABLE;
    } else if (v.kind == V_RECORD) {
        RecordObj *r = as_record(v);
        for (; n < r->n && n < MAX_NAMES; n++) names[n] = r->keys[n];
    } else if (v.kind == V_TABLE) {
        TableObj *t = (TableObj *)v.as.obj;
        for (; n < t->ncols && n < MAX_NAMES; n++) names[n] = t->names[n];
    } else if (v.kind == V_OBJECT) {
        n = obj_field_names(as_foreign(v), names, MAX_NAMES);
    }
    for (size_t i = 0; i < n; i++) add_item(it, names[i], kind, NULL);
    free(names);
    (void)I;
}

/* A module's top-level names read from its file (the document need not
 * run): NAME is bound by `use` in the document. */
static void names_of_module(LspServer *S, LspDoc *d, const char *name, Items *it)
{
    for (size_t i = 0; d->outline && i < d->outline->n_symbols; i++) {
        const OutlineSymbol *s = &d->outline->symbols[i];
        if (s->kind != OUTLINE_USE || strcmp(s->name, name) != 0 || !s->detail) continue;
        char *path = lsp_module_path(S, d, s->detail);
        Outline *o = path ? lsp_outline_file(path) : NULL;
        for (size_t k = 0; o && k < o->n_symbols; k++)
            if (o->symbols[k].top_level) add_item(it, o->symbols[k].name, ITEM_VARIABLE, NULL);
        outline_free(o);
        free(path);
        return;
    }
}

static void complete_member(LspServer *S, LspDoc *d, const char *chain, Items *it)
{
    lsp_doc_run(S, d);
    Value v = value_nil();
    bool plain = true;
    for (const char *p = chain; *p; p++)
        plain = plain && (lsp_name_byte((unsigned char)*p) || *p == '.');
    if (plain && d->run && !interp_has_error(d->run) &&
        interp_run_string(d->run, "<completion>", chain, &v)) {
        names_of_value(d->run, v, it);
    } else {
        if (d->run) interp_clear_error(d->run);
        if (!strchr(chain, '.')) names_of_module(S, d, chain, it);
    }
    value_release(v);
}

/* ---- everything in scope ---------------------------------------------------------------- */

static const char *const keywords[] = { "let",   "fn",   "use",   "as",      "print",
                                        "if",    "then", "else",  "and",     "or",
                                        "not",   "in",   "where", "by",      "with",
                                        "to",    "unit", "model", "outcome", "stakeholder",
                                        "input", "for",  "true",  "false",   NULL };

/* The column titles of the files the document reads with csv("PATH"), read
 * by csv() itself in a fresh interpreter (read-only, the document's folder). */
static void column_titles(LspServer *S, LspDoc *d, Items *it)
{
    for (size_t i = 0; d->outline && i < d->outline->n_data; i++) {
        Interp *I = lsp_doc_interp(S, d);
        if (!I) return;
        StrBuf call;
        sb_init(&call);
        sb_append(&call, "csv(\"");
        for (const char *p = d->outline->data[i].path; *p; p++) {
            if (*p == '"' || *p == '\\') sb_append(&call, "\\");
            sb_appendn(&call, p, 1);
        }
        sb_append(&call, "\")");
        Value t;
        if (interp_run_text(I, d->path, call.data, call.len, &t) && t.kind == V_TABLE) {
            TableObj *table = (TableObj *)t.as.obj;
            for (size_t c = 0; c < table->ncols; c++)
                add_item(it, table->names[c], ITEM_FIELD, d->outline->data[i].path);
        }
        value_release(t);
        sb_free(&call);
        interp_free(I);
    }
}

static void complete_names(LspServer *S, LspDoc *d, Items *it)
{
    static const int kinds[] = { [OUTLINE_LET] = ITEM_VARIABLE,   [OUTLINE_FN] = ITEM_FUNCTION,
                                 [OUTLINE_PARAM] = ITEM_VARIABLE, [OUTLINE_USE] = ITEM_MODULE,
                                 [OUTLINE_UNIT] = ITEM_UNIT,      [OUTLINE_MODEL] = ITEM_CLASS };
    for (size_t i = 0; d->outline && i < d->outline->n_symbols; i++) {
        const OutlineSymbol *s = &d->outline->symbols[i];
        if (s->kind != OUTLINE_ENTRY) add_item(it, s->name, kinds[s->kind], s->detail);
    }
    Interp *I = lsp_names(S);
    const char **names = lsp_alloc(MAX_NAMES * sizeof *names);
    size_t n = interp_global_names(I, names, MAX_NAMES);
    for (size_t i = 0; i < n; i++) {
        Value v;
        if (interp_lookup(I, names[i], &v) && v.kind == V_BUILTIN)
            add_builtin(it, names[i], as_builtin(v)->reg);
        else
            add_item(it, names[i], ITEM_FUNCTION, NULL);
    }
    free(names);
    for (size_t i = 0; keywords[i]; i++) add_item(it, keywords[i], ITEM_KEYWORD, NULL);
    column_titles(S, d, it);
}

/* Whether the innermost block open at `end` of text is an outcome's body:
 * the line of its `{` starts with `outcome`. */
static bool in_outcome_block(const char *text, size_t end)
{
    long depth = 0;
    for (size_t i = end; i-- > 0;) {
        if (text[i] == '}') depth++;
        if (text[i] != '{') continue;
        if (depth-- > 0) continue;
        size_t s = i;
        while (s > 0 && text[s - 1] != '\n') s--;
        while (text[s] == ' ' || text[s] == '\t') s++;
        return strncmp(text + s, "outcome", 7) == 0 && !lsp_name_byte((unsigned char)text[s + 7]);
    }
    return false;
}

/* The text of `use "` before the cursor: where its path starts, or -1. */
static long use_path_start(const char *l, size_t col)
{
    size_t i = 0;
    while (i < col && (l[i] == ' ' || l[i] == '\t')) i++;
    if (col < i + 4 || strncmp(l + i, "use", 3) != 0 || lsp_name_byte((unsigned char)l[i + 3]))
        return -1;
    i += 3;
    while (i < col && (l[i] == ' ' || l[i] == '\t')) i++;
    if (i >= col || l[i] != '"' || memchr(l + i + 1, '"', col - i - 1)) return -1;
    return (long)i + 1;
}

json_object *lsp_completion(LspServer *S, LspDoc *d, int line, int character)
{
    size_t line_len;
    const char *l = lsp_line(d->text, d->len, line, &line_len);
    size_t col = lsp_byte_col(l, line_len, character);
    Items it = { json_object_new_array(), json_object_new_object(), NULL };
    long path = use_path_start(l, col);
    if (path >= 0) {
        char *word = lsp_alloc(col - (size_t)path + 1);
        memcpy(word, l + path, col - (size_t)path);
        it.edit_range = lsp_range(d->text, d->len, line + 1, (int)path + 1, col - (size_t)path);
        complete_modules(S, d, &it, word);
        json_object_put(it.edit_range);
        free(word);
        json_object_put(it.seen);
        return it.list;
    }
    size_t s = col;
    while (s > 0 && lsp_name_byte((unsigned char)l[s - 1])) s--;
    if (s >= 2 && l[s - 1] == '.') {
        size_t start, end;
        char *chain = lsp_chain_at(l, line_len, s - 2, &start, &end);
        if (chain) complete_member(S, d, chain, &it);
        free(chain);
        json_object_put(it.seen);
        return it.list;
    }
    if (in_outcome_block(d->text, (size_t)(l - d->text) + col)) {
        const char *const *fields;
        size_t n = stdlib_outcome_fields(&fields);
        for (size_t i = 0; i < n; i++) add_item(&it, fields[i], ITEM_FIELD, NULL);
    }
    complete_names(S, d, &it);
    json_object_put(it.seen);
    return it.list;
}
