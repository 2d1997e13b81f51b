/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* lsp_features.c — what `impact lsp` says about a document (see lsp.h):
 * diagnostics (what `impact check` finds, then what running the text
 * finds: units, ranges of model fields, warnings), hover (a name's value
 * with its unit; an outcome's impact and present value; a model's ratio; a
 * proxy's source) and go to definition, across `use`. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli/lsp.h"
#include "lang/utf8.h"

/* ---- ranges ------------------------------------------------------------------------- */

static json_object *position(int line, int character)
{
    json_object *p = json_object_new_object();
    json_object_object_add(p, "line", json_object_new_int(line));
    json_object_object_add(p, "character", json_object_new_int(character));
    return p;
}

/* The range of `bytes` bytes at line1:col1 (1-based, bytes) of text, in the
 * protocol's units; a place past the end of its line is its end. */
json_object *lsp_range(const char *text, size_t len, int line1, int col1, size_t bytes)
{
    int line = line1 > 0 ? line1 - 1 : 0;
    size_t line_len;
    const char *l = lsp_line(text, len, line, &line_len);
    size_t from = col1 > 0 ? (size_t)(col1 - 1) : 0;
    if (from > line_len) from = line_len;
    size_t to = from + bytes > line_len ? line_len : from + bytes;
    json_object *r = json_object_new_object();
    json_object_object_add(r, "start", position(line, lsp_utf16_col(l, line_len, from)));
    json_object_object_add(r, "end", position(line, lsp_utf16_col(l, line_len, to)));
    return r;
}

/* How many bytes the token at col1 of line1 covers: a name, a number, a
 * text in quotes, or one character. */
static size_t token_bytes(const char *text, size_t len, int line1, int col1)
{
    size_t line_len;
    const char *l = lsp_line(text, len, line1 > 0 ? line1 - 1 : 0, &line_len);
    size_t i = col1 > 0 ? (size_t)(col1 - 1) : 0, j = i;
    if (i >= line_len) return 0;
    if (l[i] == '"') {
        for (j++; j < line_len && l[j] != '"'; j++)
            if (l[j] == '\\') j++;
        return (j < line_len ? j + 1 : line_len) - i;
    }
    while (j < line_len && lsp_name_byte((unsigned char)l[j])) j++;
    if (j > i) return j - i;
    int32_t cp;
    size_t n = utf8_decode(l + i, line_len - i, &cp);
    return n ? n : 1;
}

/* ---- diagnostics -------------------------------------------------------------------- */

/* severity: 1 error, 2 warning (the protocol's numbers). */
static void add_diagnostic(LspDoc *d, json_object *list, SrcLoc loc, const char *message,
                           const char *hint, int severity)
{
    bool here = loc.file && strcmp(loc.file, d->path) == 0 && loc.line > 0;
    StrBuf text;
    sb_init(&text);
    if (loc.file && !here) /* in a module the document uses: say where */
        sb_printf(&text, "%s:%d:%d: ", loc.file, loc.line, loc.col);
    sb_append(&text, message);
    if (hint) {
        sb_append(&text, "\n");
        sb_printf(&text, _("hint: %s\n"), hint);
        if (text.len && text.data[text.len - 1] == '\n') text.data[--text.len] = '\0';
    }
    json_object *diag = json_object_new_object();
    int line = here ? loc.line : 1, col = here ? loc.col : 1;
    size_t bytes = here ? token_bytes(d->text, d->len, line, col) : 0;
    json_object_object_add(diag, "range", lsp_range(d->text, d->len, line, col, bytes));
    json_object_object_add(diag, "severity", json_object_new_int(severity));
    json_object_object_add(diag, "source", json_object_new_string("impact"));
    json_object_object_add(diag, "message", json_object_new_string(text.data ? text.data : ""));
    json_object_array_add(list, diag);
    sb_free(&text);
}

/* Where the document reached an error raised in a module it uses: the
 * last "called from" or "used from" site in the document among those
 * interp_print_error() lists. */
static bool site_in_document(Interp *I, const LspDoc *d, int *line, int *col)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    if (!f) return false;
    interp_print_error(I, f);
    fclose(f);
    bool found = false;
    size_t n = strlen(d->path);
    for (char *l = text; l && *l;) {
        char *next = strchr(l, '\n');
        if (next) *next++ = '\0';
        const char *from = strstr(l, " from ");
        int a, b;
        if (from && (strncmp(l, "  called", 8) == 0 || strncmp(l, "  used", 6) == 0) &&
            strncmp(from + 6, d->path, n) == 0 && sscanf(from + 6 + n, ":%d:%d", &a, &b) == 2) {
            *line = a;
            *col = b;
            found = true;
        }
        l = next;
    }
    free(text);
    return found;
}

static void add_error(LspDoc *d, json_object *list, Interp *I)
{
    const ImpactError *e = interp_error(I);
    int line, col;
    bool elsewhere = e->loc.file && strcmp(e->loc.file, d->path) != 0;
    if (elsewhere && site_in_document(I, d, &line, &col)) {
        StrBuf text;
        sb_init(&text);
        sb_printf(&text, "%s:%d:%d: %s", e->loc.file, e->loc.line, e->loc.col, e->message);
        add_diagnostic(d, list, (SrcLoc){ d->path, line, col }, text.data, e->hint, 1);
        sb_free(&text);
        return;
    }
    add_diagnostic(d, list, e->loc, e->message, e->hint, 1);
}

/* Every problem `impact check` finds in the document (syntax, names,
 * units, fields out of range: interp_check_all()), located. */
static size_t check_errors(LspServer *S, LspDoc *d, json_object *list)
{
    Interp *I = lsp_doc_interp(S, d);
    bool own = I != NULL;
    if (!I) I = lsp_names(S);
    Diagnostics found;
    size_t before = json_object_array_length(list);
    if (interp_check_all(I, d->path, d->text, d->len, &found)) {
        for (size_t i = 0; i < found.n; i++)
            add_diagnostic(d, list, found.items[i].loc, found.items[i].message, found.items[i].hint,
                           1);
        diagnostics_free(&found);
    } else {
        add_error(d, list, I);
    }
    interp_clear_error(I);
    if (own) interp_free(I);
    return json_object_array_length(list) - before;
}

/* A kept warning, "FILE:LINE:COL: warning: MESSAGE", when FILE is the
 * document. */
static void add_warning(LspDoc *d, json_object *list, const char *kept)
{
    size_t n = strlen(d->path);
    int line, col, used = 0;
    if (strncmp(kept, d->path, n) != 0 || kept[n] != ':' ||
        sscanf(kept + n, ":%d:%d: %n", &line, &col, &used) < 2 || !used)
        return;
    const char *message = strstr(kept + n + used, ": ");
    message = message ? message + 2 : kept + n + used;
    add_diagnostic(d, list, (SrcLoc){ d->path, line, col }, message, NULL, 2);
}

void lsp_publish_diagnostics(LspServer *S, LspDoc *d)
{
    json_object *list = json_object_new_array();
    if (check_errors(S, d, list) == 0 && !lsp_doc_run(S, d) && d->run && interp_has_error(d->run)) {
        add_error(d, list, d->run);
        interp_clear_error(d->run);
    }
    for (size_t i = 0; d->run && i < interp_warning_count(d->run); i++)
        add_warning(d, list, interp_warning_text(d->run, i));
    json_object *params = json_object_new_object();
    json_object_object_add(params, "uri", json_object_new_string(d->uri));
    json_object_object_add(params, "diagnostics", list);
    lsp_notify(S, "textDocument/publishDiagnostics", params);
}

/* ---- finding a name's definition ---------------------------------------------------- */

/* The symbol `name` of outline o: in `container` (a model's entries) when
 * given; else, in the document (near != 0), the last one bound at or before
 * line `near`, or the first top-level one; in a module, a top-level one. */
static const OutlineSymbol *find_symbol(const Outline *o, const char *name, const char *container,
                                        int near)
{
    const OutlineSymbol *best = NULL;
    for (size_t i = 0; o && i < o->n_symbols; i++) {
        const OutlineSymbol *s = &o->symbols[i];
        if (strcmp(s->name, name) != 0) continue;
        if (container) {
            if (s->kind == OUTLINE_ENTRY && s->container && strcmp(s->container, container) == 0)
                return s;
            continue;
        }
        if (s->kind == OUTLINE_ENTRY) continue;
        if (near && s->line <= near) best = s;
        if (!best && s->top_level) best = s;
        if (!near && s->top_level) return s;
    }
    return best;
}

static json_object *location(const char *uri, const Outline *o, const OutlineSymbol *s)
{
    json_object *loc = json_object_new_object();
    json_object_object_add(loc, "uri", json_object_new_string(uri));
    json_object_object_add(loc, "range",
                           lsp_range(o->src->text, o->src->len, s->line, s->col, strlen(s->name)));
    return loc;
}

/* The folder of a file path (malloc'ed). */
static char *folder_of(const char *path)
{
    char *dir = lsp_strdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash) return strcpy(dir, "."), dir;
    slash[slash == dir ? 1 : 0] = '\0';
    return dir;
}

typedef struct Walk {
    const Outline *outline; /* where the names are looked up now */
    Outline *owned;         /* a module's outline, freed by the walk */
    char *path;             /* that file */
    const char *container;  /* a model whose entries come next */
} Walk;

/* Follows one step of a chain: into a module for `use`, into a model's
 * entries for `model`; false when the chain cannot go further. */
static bool walk_into(LspServer *S, Walk *w, const OutlineSymbol *s)
{
    w->container = NULL;
    if (s->kind == OUTLINE_MODEL) {
        w->container = s->name;
        return true;
    }
    if (s->kind != OUTLINE_USE || !s->detail) return false;
    char *dir = folder_of(w->path);
    char found[PATH_MAX];
    bool ok = module_resolve(lsp_names(S), s->detail, dir, found);
    free(dir);
    if (!ok) return false;
    Outline *next = lsp_outline_file(found);
    if (!next) return false;
    outline_free(w->owned);
    w->owned = next;
    w->outline = next;
    free(w->path);
    w->path = lsp_strdup(found);
    return true;
}

/* The symbol a dotted chain written in the document names ("fr.rsa",
 * "a.artisans.employment"); its file goes to *uri (malloc'ed). */
static json_object *resolve_chain(LspServer *S, LspDoc *d, const char *chain, int line1)
{
    Walk w = { d->outline, NULL, lsp_strdup(d->path), NULL };
    char *copy = lsp_strdup(chain), *save = NULL;
    json_object *answer = NULL;
    bool first = true;
    for (char *part = strtok_r(copy, ".", &save); part; part = strtok_r(NULL, ".", &save)) {
        const OutlineSymbol *s = find_symbol(w.outline, part, w.container, first ? line1 : 0);
        char *rest = save && *save ? save : NULL;
        if (s && (!rest || !walk_into(S, &w, s))) {
            bool here = w.outline == d->outline;
            char *uri = here ? lsp_strdup(d->uri) : lsp_path_to_uri(w.path);
            answer = location(uri, w.outline, s);
            free(uri);
            break;
        }
        if (!s) break;
        first = false;
    }
    free(copy);
    free(w.path);
    outline_free(w.owned);
    return answer;
}

/* Inside the path of `use "PATH"`: the module's file. */
static json_object *used_module(LspServer *S, LspDoc *d, const char *l, size_t line_len, size_t col)
{
    size_t i = 0;
    while (i < line_len && (l[i] == ' ' || l[i] == '\t')) i++;
    if (line_len - i < 5 || strncmp(l + i, "use", 3) != 0) return NULL;
    const char *open = memchr(l + i, '"', line_len - i);
    if (!open) return NULL;
    size_t from = (size_t)(open - l) + 1, to = from;
    while (to < line_len && l[to] != '"') to++;
    if (col < from || col > to) return NULL;
    char *spec = lsp_alloc(to - from + 1);
    memcpy(spec, l + from, to - from);
    char *path = lsp_module_path(S, d, spec);
    free(spec);
    if (!path) return NULL;
    json_object *loc = json_object_new_object();
    char *uri = lsp_path_to_uri(path);
    json_object_object_add(loc, "uri", json_object_new_string(uri));
    json_object *r = json_object_new_object();
    json_object_object_add(r, "start", position(0, 0));
    json_object_object_add(r, "end", position(0, 0));
    json_object_object_add(loc, "range", r);
    free(uri);
    free(path);
    return loc;
}

json_object *lsp_definition(LspServer *S, LspDoc *d, int line, int character)
{
    size_t line_len, start, end;
    const char *l = lsp_line(d->text, d->len, line, &line_len);
    size_t col = lsp_byte_col(l, line_len, character);
    json_object *module = used_module(S, d, l, line_len, col);
    if (module) return module;
    char *chain = lsp_chain_at(l, line_len, col, &start, &end);
    if (!chain || !d->outline) {
        free(chain);
        return NULL;
    }
    json_object *answer = resolve_chain(S, d, chain, line + 1);
    free(chain);
    return answer;
}
