/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* lsp_docs.c — the documents an editor has open in `impact lsp` (see
 * lsp.h): their text, the outline of the last text that parsed, the
 * interpreter that ran it; positions between the protocol's (0-based lines,
 * UTF-16 code units) and the language's (1-based lines, byte columns). */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/lsp.h"
#include "lang/utf8.h"
#include "stdlib/stdlib.h"

bool lsp_name_byte(unsigned char c)
{
    return c == '_' || c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
        (c >= 'A' && c <= 'Z');
}

/* ---- URIs --------------------------------------------------------------------------- */

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

char *lsp_uri_to_path(const char *uri)
{
    if (strncmp(uri, "file://", 7) != 0) return NULL;
    const char *p = uri + 7;
    if (*p != '/') { /* file://host/path: only the local host */
        if (strncmp(p, "localhost/", 10) != 0) return NULL;
        p += 9;
    }
    char *path = lsp_alloc(strlen(p) + 1);
    size_t k = 0;
    for (; *p && *p != '?' && *p != '#'; p++) {
        int hi, lo;
        if (*p == '%' && (hi = hex_digit(p[1])) >= 0 && (lo = hex_digit(p[2])) >= 0) {
            path[k++] = (char)(hi * 16 + lo);
            p += 2;
        } else {
            path[k++] = *p;
        }
    }
    path[k] = '\0';
    if (strlen(path) != k) { /* %00 */
        free(path);
        return NULL;
    }
    return path;
}

char *lsp_path_to_uri(const char *path)
{
    static const char safe[] = "/-_.~";
    char *uri = lsp_alloc(7 + 3 * strlen(path) + 1);
    size_t k = (size_t)sprintf(uri, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p < 0x80 && lsp_name_byte(*p)) || strchr(safe, *p))
            uri[k++] = (char)*p;
        else
            k += (size_t)sprintf(uri + k, "%%%02X", *p);
    }
    uri[k] = '\0';
    return uri;
}

/* ---- positions ---------------------------------------------------------------------- */

const char *lsp_line(const char *text, size_t len, int line, size_t *line_len)
{
    size_t i = 0;
    for (int l = 0; l < line && i < len; i++)
        if (text[i] == '\n') l++;
    const char *start = text + i;
    const char *end = memchr(start, '\n', len - i);
    *line_len = end ? (size_t)(end - start) : len - i;
    if (*line_len && start[*line_len - 1] == '\r') (*line_len)--;
    return start;
}

/* Walks line from its start while fewer than max_bytes bytes and max_units
 * UTF-16 code units are behind; the bytes walked, the units in *units. */
static size_t walk_utf16(const char *line, size_t line_len, size_t max_bytes, int max_units,
                         int *units)
{
    size_t i = 0;
    *units = 0;
    while (i < max_bytes && i < line_len && *units < max_units) {
        int32_t cp = 0; /* left as it is by an invalid byte, which counts as one unit */
        size_t n = utf8_decode(line + i, line_len - i, &cp);
        if (n == 0) n = 1;
        *units += cp >= 0x10000 ? 2 : 1;
        i += n;
    }
    return i;
}

int lsp_utf16_col(const char *line, size_t line_len, size_t byte_col)
{
    int units;
    walk_utf16(line, line_len, byte_col, INT_MAX, &units);
    return units;
}

size_t lsp_byte_col(const char *line, size_t line_len, int utf16_col)
{
    int units;
    return walk_utf16(line, line_len, SIZE_MAX, utf16_col, &units);
}

char *lsp_chain_at(const char *line, size_t line_len, size_t col, size_t *start_col,
                   size_t *end_col)
{
    if (col > line_len) col = line_len;
    size_t s = col, e = col;
    while (s > 0 && lsp_name_byte((unsigned char)line[s - 1])) s--;
    while (e < line_len && lsp_name_byte((unsigned char)line[e])) e++;
    if (s == e) return NULL;
    *start_col = s;
    *end_col = e;
    while (s >= 2 && line[s - 1] == '.' && lsp_name_byte((unsigned char)line[s - 2])) {
        s--;
        while (s > 0 && lsp_name_byte((unsigned char)line[s - 1])) s--;
    }
    char *chain = lsp_alloc(e - s + 1);
    memcpy(chain, line + s, e - s);
    return chain;
}

/* ---- documents ---------------------------------------------------------------------- */

static void doc_forget_run(LspDoc *d)
{
    if (d->run) interp_free(d->run);
    d->run = NULL;
    d->run_ok = false;
}

void lsp_doc_set_text(LspServer *S, LspDoc *d, const char *text, size_t len)
{
    (void)S;
    free(d->text);
    d->text = lsp_alloc(len + 1);
    memcpy(d->text, text, len);
    d->len = len;
    doc_forget_run(d);
    Outline *o = outline_text(d->path, d->text, d->len);
    if (!o) rt_out_of_memory();
    if (o->parsed) {
        outline_free(d->outline);
        d->outline = o;
    } else {
        outline_free(o); /* keep the last outline that parsed: completion goes on */
    }
}

LspDoc *lsp_doc_find(LspServer *S, const char *uri)
{
    for (size_t i = 0; i < S->n_docs; i++)
        if (strcmp(S->docs[i]->uri, uri) == 0) return S->docs[i];
    return NULL;
}

LspDoc *lsp_doc_open(LspServer *S, const char *uri, const char *text, size_t len)
{
    LspDoc *d = lsp_doc_find(S, uri);
    if (!d) {
        if (S->n_docs == S->cap_docs) {
            S->cap_docs = S->cap_docs ? 2 * S->cap_docs : 8;
            S->docs = realloc(S->docs, S->cap_docs * sizeof *S->docs);
            if (!S->docs) rt_out_of_memory();
        }
        d = lsp_alloc(sizeof *d);
        d->uri = lsp_strdup(uri);
        d->path = lsp_uri_to_path(uri);
        d->is_file = d->path != NULL;
        if (!d->path) d->path = lsp_strdup(uri);
        S->docs[S->n_docs++] = d;
    }
    lsp_doc_set_text(S, d, text, len);
    return d;
}

static void doc_free(LspDoc *d)
{
    doc_forget_run(d);
    outline_free(d->outline);
    free(d->text);
    free(d->path);
    free(d->uri);
    free(d);
}

void lsp_doc_close(LspServer *S, const char *uri)
{
    for (size_t i = 0; i < S->n_docs; i++) {
        if (strcmp(S->docs[i]->uri, uri) != 0) continue;
        doc_free(S->docs[i]);
        S->docs[i] = S->docs[--S->n_docs];
        return;
    }
}

void lsp_docs_free(LspServer *S)
{
    for (size_t i = 0; i < S->n_docs; i++) doc_free(S->docs[i]);
    free(S->docs);
    S->docs = NULL;
    S->n_docs = S->cap_docs = 0;
}

/* ---- running a document ------------------------------------------------------------- */

/* The document's folder (malloc'ed): "." for a document that is no file. */
static char *doc_folder(const LspDoc *d)
{
    if (!d->is_file) return lsp_strdup(".");
    char *dir = lsp_strdup(d->path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    return dir;
}

Interp *lsp_names(LspServer *S)
{
    if (!S->names) {
        Settings settings = { 0 };
        settings.format = FORMAT_TEXT;
        S->names = interp_new(&settings);
        stdlib_open(S->names);
    }
    return S->names;
}

Interp *lsp_doc_interp(LspServer *S, const LspDoc *d)
{
    if (!d->is_file) return NULL; /* no folder: it may read nothing, so it is not run */
    Settings settings = { 0 };
    settings.format = FORMAT_TEXT;
    settings.max_time = S->max_time;
    settings.language = i18n_environment_language();
    Interp *I = interp_new(&settings);
    stdlib_open(I);
    interp_set_read_only(I);
    interp_set_step_limit(I, S->steps);
    char *dir = doc_folder(d);
    bool ok = interp_set_project(I, dir);
    free(dir);
    if (!ok) { /* the folder is gone: the run would read the server's own */
        interp_free(I);
        return NULL;
    }
    return I;
}

static void print_nothing(Interp *I, Value v, void *ctx)
{
    (void)I, (void)v, (void)ctx;
}

bool lsp_doc_run(LspServer *S, LspDoc *d)
{
    if (d->run) return d->run_ok;
    d->run = lsp_doc_interp(S, d);
    if (!d->run) return false;
    interp_set_print_sink(d->run, print_nothing, NULL);
    d->run_ok = interp_run_text(d->run, d->path, d->text, d->len, NULL);
    return d->run_ok;
}

Outline *lsp_outline_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    StrBuf b;
    sb_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < LSP_MAX_SOURCE)
        sb_appendn(&b, chunk, n);
    fclose(f);
    Outline *o = outline_text(path, b.data ? b.data : "", b.len);
    sb_free(&b);
    if (!o) rt_out_of_memory();
    return o;
}

char *lsp_module_path(LspServer *S, const LspDoc *d, const char *spec)
{
    Interp *I = lsp_names(S);
    char *dir = doc_folder(d);
    char found[PATH_MAX];
    bool ok = module_resolve(I, spec, dir, found);
    free(dir);
    return ok ? lsp_strdup(found) : NULL;
}
