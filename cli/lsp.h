/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* lsp.h — `impact lsp`: a Language Server Protocol server on standard input
 * and output, shared between its files:
 *   lsp.c           the command: framing (Content-Length), JSON-RPC, dispatch
 *   lsp_docs.c      open documents, positions (UTF-16), running a document
 *   lsp_features.c  diagnostics, go to definition
 *   lsp_hover.c     hover
 *   lsp_complete.c  completion
 * Contract: the server answers every request, with a JSON-RPC error for what
 * it cannot answer, and never exits before `exit` or the end of its input.
 * A document runs in its own interpreter, read-only, with the files of its
 * folder only, under a time limit and a step budget, and nothing it prints
 * reaches the protocol's channel.
 */
#ifndef IMPACT_CLI_LSP_H
#define IMPACT_CLI_LSP_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>

#include "runtime/interp.h"

typedef struct LspDoc {
    char *uri;
    char *path; /* the file's path for a file: URI; else the URI itself */
    bool is_file;
    char *text;
    size_t len;
    Outline *outline; /* of the last text that parsed (NULL before) */
    Interp *run;      /* the interpreter that ran `text`, or NULL */
    bool run_ok;      /* it ran to the end */
    bool stale;       /* changed since its diagnostics were published */
} LspDoc;

typedef struct LspServer {
    FILE *out; /* the protocol's channel (the real standard output) */
    LspDoc **docs;
    size_t n_docs, cap_docs;
    bool initialized, shut_down;
    double max_time;     /* seconds a document's run may take */
    unsigned long steps; /* evaluation steps a run may take */
    Interp *names;       /* the built-in names, for completion */
} LspServer;

int lsp_main(int argc, char **argv);

/* lsp_docs.c */
LspDoc *lsp_doc_open(LspServer *S, const char *uri, const char *text, size_t len);
void lsp_doc_set_text(LspServer *S, LspDoc *d, const char *text, size_t len);
LspDoc *lsp_doc_find(LspServer *S, const char *uri);
void lsp_doc_close(LspServer *S, const char *uri);
void lsp_docs_free(LspServer *S);
/* An interpreter that ran nothing (built-in names, the library path). */
Interp *lsp_names(LspServer *S);
/* The largest module file read for its outline. */
#define LSP_MAX_SOURCE ((size_t)64 * 1024 * 1024)
/* A fresh interpreter for the document (NULL for a document that is no
 * file, or whose folder is gone): its folder is the only one it reads,
 * nothing is written, the server's time limit and step budget apply. */
Interp *lsp_doc_interp(LspServer *S, const LspDoc *d);
/* Runs the document's text once (again after each change); false when the
 * run stopped on an error, which d->run then holds, or did not run (d->run
 * NULL). */
bool lsp_doc_run(LspServer *S, LspDoc *d);
/* The text of line `line` (0-based) of text: its start and length. */
const char *lsp_line(const char *text, size_t len, int line, size_t *line_len);
/* A byte column (0-based) of a line as UTF-16 code units, and back. */
int lsp_utf16_col(const char *line, size_t line_len, size_t byte_col);
size_t lsp_byte_col(const char *line, size_t line_len, int utf16_col);
/* file:///a%20b/m.impact -> /a b/m.impact (malloc'ed), NULL for other schemes. */
char *lsp_uri_to_path(const char *uri);
char *lsp_path_to_uri(const char *path);
/* The dotted chain of names that ends with the name under (line, byte
 * column) — "fr.rsa" on `rsa` of `fr.rsa.amount` — malloc'ed, or NULL; its
 * place goes to *start_col and *end_col (bytes, 0-based, end excluded). */
char *lsp_chain_at(const char *line, size_t line_len, size_t col, size_t *start_col,
                   size_t *end_col);
bool lsp_name_byte(unsigned char c);
/* The outline of the file at path (a module), NULL when it cannot be read. */
Outline *lsp_outline_file(const char *path);
/* The file a `use "spec"` of the document loads (malloc'ed), or NULL. */
char *lsp_module_path(LspServer *S, const LspDoc *d, const char *spec);

/* lsp_features.c */
void lsp_publish_diagnostics(LspServer *S, LspDoc *d);
json_object *lsp_definition(LspServer *S, LspDoc *d, int line, int character);
json_object *lsp_range(const char *text, size_t len, int line1, int col1, size_t bytes);

/* lsp.c */
void lsp_notify(LspServer *S, const char *method, json_object *params);
void *lsp_alloc(size_t n);
char *lsp_strdup(const char *s);

/* lsp_hover.c */
json_object *lsp_hover(LspServer *S, LspDoc *d, int line, int character);

/* lsp_complete.c */
json_object *lsp_completion(LspServer *S, LspDoc *d, int line, int character);

#endif
