/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_explain_sources.c — explain() followed down to the data.
 *
 * Contract: sroi_explain_chain() names the top-level definitions a field's
 * expression uses, each with its statement's text and location, and follows
 * them down to the csv() calls that read the data, stopping after a few
 * definitions and lines so the chain stays readable.
 *
 * A field computed from other values (quantity = count(rsa)) is followed back
 * through the top-level definitions its names refer to (let, fn, use), down
 * to the csv() calls that read the data.  The runtime keeps values, not the
 * statements that defined them, so the file is parsed again here, once per
 * explain() call: its top-level statements give each definition's text and
 * location.  A file that cannot be read again (REPL lines) gives no chain.
 */
#include <stdlib.h>
#include <string.h>

#include "lang/i18n.h"
#include "stdlib/sroi/report_explain.h"

static const SourceFile *sources_get(Sources *s, const char *path)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->paths[i], path) == 0) return s->files[i];
    SourceFile *f = source_read_parsed(path);
    s->paths = realloc(s->paths, sizeof(char *) * (s->n + 1));
    s->files = realloc(s->files, sizeof(SourceFile *) * (s->n + 1));
    s->paths[s->n] = strdup(path);
    s->files[s->n++] = f;
    return f;
}

void sroi_sources_free(Sources *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->paths[i]);
        if (s->files[i]) source_free(s->files[i]);
    }
    free(s->paths);
    free(s->files);
}

/* The top-level statement (let, fn, use) that last defined `name` before
 * line `before` of the file, and its index among the top-level items. */
static const Node *definition_of(const SourceFile *src, const char *name, int before, size_t *index)
{
    const Node *root = src ? src->root : NULL, *found = NULL;
    if (!root) return NULL;
    for (size_t k = 0; k < root->n_items; k++) {
        const Node *st = root->items[k];
        if (st->loc.line >= before) break;
        if ((st->kind == N_LET || st->kind == N_FN || st->kind == N_USE) && st->name &&
            strcmp(st->name, name) == 0) {
            found = st;
            *index = k;
        }
    }
    return found;
}

/* The names an expression uses, in the order written (fields after a dot
 * are not names). */
static void names_used(const Node *e, const char **names, size_t *n, size_t max)
{
    if (!e || *n >= max) return;
    if (e->kind == N_NAME && e->name) {
        for (size_t i = 0; i < *n; i++)
            if (strcmp(names[i], e->name) == 0) return;
        names[(*n)++] = e->name;
        return;
    }
    names_used(e->a, names, n, max);
    if (e->kind == N_GET) return;
    names_used(e->b, names, n, max);
    names_used(e->c, names, n, max);
    for (size_t i = 0; i < e->n_items; i++) names_used(e->items[i], names, n, max);
}

/* The file a csv("...") call in e reads, or NULL. */
static const char *data_file(const Node *e)
{
    if (!e) return NULL;
    if (e->kind == N_CALL && e->a && e->a->kind == N_NAME && strcmp(e->a->name, "csv") == 0 &&
        e->n_items > 0 && e->items[0]->a && e->items[0]->a->kind == N_STRING)
        return e->items[0]->a->str;
    const char *f;
    if ((f = data_file(e->a)) || (f = data_file(e->b)) || (f = data_file(e->c))) return f;
    for (size_t i = 0; i < e->n_items; i++)
        if ((f = data_file(e->items[i]))) return f;
    return NULL;
}

size_t sroi_code_length(const char *s)
{
    size_t len = 0;
    bool in_string = false;
    for (; s[len] && (in_string || s[len] != '#'); len++)
        if (s[len] == '"') in_string = !in_string;
    while (len && strchr("\n\r\t ", s[len - 1])) len--;
    return len;
}

/* Line `line` of src without a comment or trailing blanks. */
static void code_line(const SourceFile *src, int line, char *buf, size_t size)
{
    source_line(src, line, buf, size);
    buf[sroi_code_length(buf)] = 0;
}

#define CHAIN_MAX_DEFS 12 /* definitions shown for one field */

#define CHAIN_MAX_LINES 6 /* lines shown of one definition */

/* Writes the statement (its lines up to the next statement), indented. */
static void statement_text(const SourceFile *src, size_t k, StrBuf *b)
{
    const Node *root = src->root, *st = root->items[k];
    int first = st->loc.line, last = first;
    int stop = k + 1 < root->n_items ? root->items[k + 1]->loc.line - 1 : first + CHAIN_MAX_LINES;
    char buf[1024];
    for (int l = first + 1; l <= stop; l++) { /* continuation lines that hold code */
        code_line(src, l, buf, sizeof buf);
        if (buf[0]) last = l;
    }
    if (last - first >= CHAIN_MAX_LINES) last = first + CHAIN_MAX_LINES - 1;
    for (int l = first; l <= last; l++) {
        code_line(src, l, buf, sizeof buf);
        const char *t = buf;
        if (l == first)
            t += st->loc.col > 0 && (size_t)st->loc.col - 1 < strlen(buf) ? st->loc.col - 1 : 0;
        else
            sb_append(b, "\n      ");
        sb_append(b, t);
    }
    if (last < stop) {
        code_line(src, last + 1, buf, sizeof buf);
        if (buf[0]) sb_append(b, " …");
    }
}

/* Follows the names of e back to their definitions, depth first. */
static void chain_from(Sources *srcs, const Node *e, SrcLoc at, const Node **seen, size_t *n_seen,
                       StrBuf *b)
{
    if (!e || !at.file) return;
    const SourceFile *src = sources_get(srcs, at.file);
    if (!src) return;
    const char *names[32];
    size_t n = 0;
    names_used(e, names, &n, 32);
    for (size_t i = 0; i < n && *n_seen < CHAIN_MAX_DEFS; i++) {
        size_t k;
        const Node *def = definition_of(src, names[i], at.line, &k);
        if (!def) continue;
        bool done = false;
        for (size_t j = 0; j < *n_seen; j++) done |= seen[j] == def;
        if (done) continue;
        seen[(*n_seen)++] = def;
        sb_append(b, "    ");
        statement_text(src, k, b);
        sb_printf(b, "   [%s:%d]", at.file, def->loc.line);
        const char *data = def->kind == N_LET ? data_file(def->a) : NULL;
        if (data) sb_printf(b, _(" — data read from %s"), data);
        sb_append(b, "\n");
        if (def->kind == N_LET || def->kind == N_FN)
            chain_from(srcs, def->a, def->loc, seen, n_seen, b);
    }
}

/* Appends, indented, the definitions expr uses and, in turn, theirs, down
 * to the data files they read ("" when there is none to show). */
void sroi_explain_chain(Sources *srcs, const Node *expr, SrcLoc loc, StrBuf *b)
{
    const Node *seen[CHAIN_MAX_DEFS];
    size_t n_seen = 0;
    chain_from(srcs, expr, loc, seen, &n_seen, b);
}
