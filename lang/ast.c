/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* ast.c — source files, the node arena, and tree dumping.
 *
 * Contract (see ast.h): a SourceFile owns a copy of its text and an arena
 * holding every Node and string parsed from it; source_free() releases all
 * of it at once, which is what makes a failed parse leak-free.  node_dump()
 * writes a compact S-expression used by the parser tests and for debugging.
 */
#include "lang/ast.h"
#include "lang/array.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- arena ------------------------------------------------------------------ */

/* A chain of chunks; allocations are never freed one by one. */
typedef struct Chunk {
    struct Chunk *next;
    size_t used, size;
    max_align_t data[];
} Chunk;

struct Arena {
    Chunk *head;
};

/* Chunks start small and double up to CHUNK_MIN: a piped statement or a
 * REPL line is a source of its own, kept for the whole session, and should
 * cost about its size, not 16 KB. */
enum { CHUNK_FIRST = 1024, CHUNK_MIN = 16 * 1024 };

static void *arena_alloc(struct Arena *arena, size_t size)
{
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    Chunk *c = arena->head;
    if (!c || c->size - c->used < size) {
        size_t step = !c ? CHUNK_FIRST : c->size >= CHUNK_MIN / 2 ? CHUNK_MIN : c->size * 2;
        size_t want = size > step ? size : step;
        c = malloc(sizeof(Chunk) + want);
        if (!c) {
            /* Out of memory while parsing: nothing sensible can continue. */
            fputs("impact: out of memory\n", stderr);
            abort();
        }
        c->next = arena->head;
        c->used = 0;
        c->size = want;
        arena->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    memset(p, 0, size);
    return p;
}

static void arena_free(struct Arena *arena)
{
    if (!arena) return;
    for (Chunk *c = arena->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(arena);
}

char *arena_strdup(SourceFile *src, const char *s, size_t len)
{
    char *p = arena_alloc(src->arena, len + 1);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void *arena_copy(SourceFile *src, const void *p, size_t n)
{
    void *q = arena_alloc(src->arena, n ? n : 1);
    if (n) memcpy(q, p, n);
    return q;
}

/* ---- source files ----------------------------------------------------------- */

/* A SourceFile around text (malloc'ed, NUL-terminated at len), which it
 * takes: freed with it, or at once when memory runs out. */
static SourceFile *source_take(const char *path, char *text, size_t len)
{
    SourceFile *src = calloc(1, sizeof *src);
    if (!src) {
        free(text);
        return NULL;
    }
    src->text = text;
    src->path = strdup(path ? path : "<input>");
    src->arena = calloc(1, sizeof *src->arena);
    if (!text || !src->path || !src->arena) {
        source_free(src);
        return NULL;
    }
    src->len = len;
    src->first_line = 1;
    return src;
}

SourceFile *source_new(const char *path, const char *text, size_t len)
{
    char *copy = malloc(len + 1);
    if (copy) {
        if (len) memcpy(copy, text, len);
        copy[len] = '\0';
    }
    return source_take(path, copy, len);
}

char *source_read_stream(FILE *f, size_t *len)
{
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (cap - n < 4096) {
            cap = cap ? cap * 2 : 8192;
            char *grown = realloc(buf, cap + 1);
            if (!grown) {
                free(buf);
                errno = ENOMEM;
                return NULL;
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        /* A NUL byte means this is not a text file (/dev/zero, a binary):
         * stop there, and let the parser point at it. */
        bool nul = got > 0 && memchr(buf + n, '\0', got) != NULL;
        n += got;
        if (got == 0 || nul) break;
        if (n > SOURCE_MAX_BYTES) { /* an endless stream, or not a model */
            free(buf);
            errno = EFBIG;
            return NULL;
        }
    }
    if (ferror(f)) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

char *source_read_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *text = source_read_stream(f, len);
    int saved = errno;
    fclose(f);
    errno = saved;
    return text;
}

SourceFile *source_read(const char *path)
{
    size_t len = 0;
    char *text = source_read_text(path, &len);
    return text ? source_take(path, text, len) : NULL; /* read once, not copied */
}

SourceFile *source_read_parsed(const char *path)
{
    SourceFile *src = source_read(path);
    SyntaxError err = { 0 };
    if (src && !parse_source(src, &err)) {
        source_free(src);
        src = NULL;
    }
    free(err.message);
    return src;
}

void source_free(SourceFile *src)
{
    if (!src) return;
    arena_free(src->arena);
    free(src->path);
    free(src->text);
    free(src);
}

void source_line(const SourceFile *src, int line, char *buf, size_t size)
{
    if (size == 0) return;
    buf[0] = '\0';
    if (src && src->first_line > 1) line -= src->first_line - 1;
    if (!src || line < 1) return;
    const char *p = src->text, *end = src->text + src->len;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return;
        p = nl + 1;
    }
    const char *stop = memchr(p, '\n', (size_t)(end - p));
    if (!stop) stop = end;
    if (stop > p && stop[-1] == '\r') stop--;
    size_t n = (size_t)(stop - p);
    if (n >= size) n = size - 1;
    memcpy(buf, p, n);
    buf[n] = '\0';
}

/* ---- nodes -------------------------------------------------------------------- */

Node *node_new(SourceFile *src, NodeKind kind, SrcLoc loc)
{
    Node *n = arena_alloc(src->arena, sizeof *n);
    n->kind = kind;
    n->loc = loc;
    return n;
}

/* items[] grows by doubling; its capacity is implied by n_items (the next
 * power of two), so Node needs no capacity field. */
void node_push(SourceFile *src, Node *parent, Node *child)
{
    size_t n = parent->n_items;
    if ((n & (n - 1)) == 0) { /* 0, 1, 2, 4, 8 ...: the array is full */
        size_t cap = n ? n * 2 : 1;
        Node **grown = arena_alloc(src->arena, cap * sizeof *grown);
        if (n) memcpy(grown, parent->items, n * sizeof *grown);
        parent->items = grown;
    }
    parent->items[n] = child;
    parent->n_items = n + 1;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Iterative over the left spine (the shape of long `a + b + c ...` chains,
 * which the parser builds to the left), recursive elsewhere. */
bool ast_equal(const Node *a, const Node *b)
{
    while (a && b) {
        if (a->kind != b->kind || a->oper != b->oper || !same_text(a->op, b->op) ||
            !same_text(a->name, b->name) || a->len != b->len || a->boolean != b->boolean ||
            a->is_percent != b->is_percent || a->n_items != b->n_items)
            return false;
        /* N_STRING holds len bytes (it may hold NUL); other strings end at NUL */
        if (a->len ? memcmp(a->str, b->str, a->len) != 0 : !same_text(a->str, b->str)) return false;
        if (a->num != b->num && !(a->num != a->num && b->num != b->num)) return false;
        for (size_t i = 0; i < a->n_items; i++)
            if (!ast_equal(a->items[i], b->items[i])) return false;
        if (!ast_equal(a->b, b->b) || !ast_equal(a->c, b->c)) return false;
        a = a->a;
        b = b->a;
    }
    return a == b;
}

static const char *const OP_SPELLINGS[OP_COUNT] = {
    [OP_NONE] = "", [OP_ADD] = "+", [OP_SUB] = "-",   [OP_MUL] = "*",   [OP_DIV] = "/",
    [OP_POW] = "^", [OP_EQ] = "==", [OP_NE] = "!=",   [OP_LT] = "<",    [OP_LE] = "<=",
    [OP_GT] = ">",  [OP_GE] = ">=", [OP_AND] = "and", [OP_OR] = "or",   [OP_IN] = "in",
    [OP_TO] = "to", [OP_NEG] = "-", [OP_POS] = "+",   [OP_NOT] = "not",
};

const char *op_spelling(Op op)
{
    return op > OP_NONE && op < OP_COUNT ? OP_SPELLINGS[op] : "?";
}

const char *node_kind_name(NodeKind kind)
{
    static const char *const names[] = {
        [N_NUMBER] = "number",
        [N_STRING] = "string",
        [N_BOOL] = "bool",
        [N_NAME] = "name",
        [N_WITH_UNIT] = "with_unit",
        [N_LIST] = "list",
        [N_RECORD] = "record",
        [N_FIELD] = "field",
        [N_UNARY] = "unary",
        [N_BINARY] = "binary",
        [N_CALL] = "call",
        [N_ARG] = "arg",
        [N_GET] = "get",
        [N_INDEX] = "index",
        [N_IF] = "if",
        [N_LAMBDA] = "lambda",
        [N_PARAM] = "param",
        [N_WHERE] = "where",
        [N_BY] = "by",
        [N_WITH] = "with",
        [N_BLOCK] = "block",
        [N_LET] = "let",
        [N_FN] = "fn",
        [N_PRINT] = "print",
        [N_USE] = "use",
        [N_VERSION] = "version",
        [N_UNIT_DECL] = "unit",
        [N_EXPR_STMT] = "expr",
        [N_MODEL] = "model",
        [N_DECL] = "decl",
        [N_ERROR] = "error",
        [N_PROGRAM] = "program",
    };
    if ((unsigned)kind < sizeof names / sizeof names[0] && names[kind]) return names[kind];
    return "?";
}

/* ---- lists of errors ------------------------------------------------------------ */

void error_list_add(ErrorList *l, SrcLoc loc, char *message, const char *hint)
{
    for (size_t i = 0; message && i < l->n; i++) {
        const SyntaxError *e = &l->items[i];
        if (e->loc.line == loc.line && e->loc.col == loc.col && strcmp(e->message, message) == 0) {
            free(message);
            return;
        }
    }
    if (!message || l->n == ERROR_LIST_MAX) {
        free(message);
        return;
    }
    if (!array_reserve(&l->items, &l->cap, l->n, sizeof *l->items, 8)) {
        free(message); /* out of memory: this error is not kept */
        return;
    }
    l->items[l->n++] = (SyntaxError){ loc, message, hint };
}

char *message_vformat(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *s = malloc(n > 0 ? (size_t)n + 1 : 1);
    if (s) vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, again);
    va_end(again);
    return s;
}

void error_list_free(ErrorList *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->items[i].message);
    free(l->items);
    *l = (ErrorList){ 0 };
}

/* ---- dump ----------------------------------------------------------------------- */

typedef struct Out {
    char *buf;
    size_t size, len; /* len may exceed size: output is truncated */
} Out;

static void out_printf(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void out_printf(Out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0) o->len += (size_t)n;
}

static void dump(Out *o, const Node *n);

static void dump_quoted(Out *o, const char *s, size_t len)
{
    out_printf(o, "\"");
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            out_printf(o, "\\%c", c);
        else if (c == '\n')
            out_printf(o, "\\n");
        else if (c == '\t')
            out_printf(o, "\\t");
        else if (c < 0x20)
            out_printf(o, "\\u{%x}", c);
        else
            out_printf(o, "%c", c);
    }
    out_printf(o, "\"");
}

static void dump_items(Out *o, const Node *n)
{
    for (size_t i = 0; i < n->n_items; i++) {
        out_printf(o, " ");
        dump(o, n->items[i]);
    }
}

static void dump_number(Out *o, const Node *n)
{
    if (n->is_percent)
        out_printf(o, "%.15g%%", n->num * 100.0);
    else
        out_printf(o, "%.15g", n->num);
}

static void dump_params(Out *o, const Node *n)
{
    out_printf(o, "(");
    for (size_t i = 0; i < n->n_items; i++) {
        if (i) out_printf(o, " ");
        dump(o, n->items[i]);
    }
    out_printf(o, ")");
}

/* Prints an S-expression after `form`: its text as it stands, but for
 *   %n  a node (dumped)          %s  a string
 *   %q  a string, quoted         %*  a node's items, each after a space
 * so that each node's layout reads as one line of the dump. */
static void dump_form(Out *o, const char *form, ...)
{
    va_list ap;
    va_start(ap, form);
    for (const char *f = form; *f;) {
        size_t text = strcspn(f, "%");
        if (text) out_printf(o, "%.*s", (int)text, f);
        f += text;
        if (!*f) break;
        switch (f[1]) {
        case 'n': dump(o, va_arg(ap, const Node *)); break;
        case 's': out_printf(o, "%s", va_arg(ap, const char *)); break;
        case 'q': {
            const char *q = va_arg(ap, const char *);
            dump_quoted(o, q, strlen(q));
            break;
        }
        case '*': dump_items(o, va_arg(ap, const Node *)); break;
        }
        f += f[1] ? 2 : 1;
    }
    va_end(ap);
}

static void dump_decl(Out *o, const Node *n)
{
    dump_form(o, "(%s %s", n->op, n->name);
    if (n->str) dump_form(o, " %q", n->str);
    if (n->a) dump_form(o, " (= %n)", n->a);
    if (n->b) dump_form(o, " (for %s)", n->b->name);
    dump_form(o, "%*)", n);
}

/* The end of (fn NAME (PARAMS) BODY) and (lambda (PARAMS) BODY). */
static void dump_function(Out *o, const Node *n)
{
    dump_params(o, n);
    dump_form(o, " %n)", n->a);
}

/* The statements: let, fn, print, use, unit, model and its declarations. */
static void dump_statement(Out *o, const Node *n)
{
    switch (n->kind) {
    case N_LET: dump_form(o, "(let %s %n)", n->name, n->a); break;
    case N_FN:
        dump_form(o, "(fn %s ", n->name);
        dump_function(o, n);
        break;
    case N_PRINT: dump_form(o, "(print %n)", n->a); break;
    case N_USE:
        dump_form(o, "(use %q %s", n->str, n->name);
        if (n->a) dump_form(o, " version %n", n->a);
        dump_form(o, ")");
        break;
    case N_VERSION: dump_form(o, "(version %q)", n->str); break;
    case N_UNIT_DECL:
        dump_form(o, "(unitdecl %s", n->name);
        if (n->a) dump_form(o, " %n", n->a);
        dump_form(o, ")");
        break;
    case N_EXPR_STMT: dump(o, n->a); break;
    case N_MODEL:
        dump_form(o, "(model %s", n->name);
        if (n->str) dump_form(o, " %q", n->str);
        dump_form(o, "%*)", n);
        break;
    case N_DECL: dump_decl(o, n); break;
    default: break;
    }
}

static void dump(Out *o, const Node *n)
{
    if (!n) {
        out_printf(o, "nil");
        return;
    }
    switch (n->kind) {
    case N_NUMBER: dump_number(o, n); break;
    case N_STRING: dump_quoted(o, n->str, n->len); break;
    case N_BOOL: out_printf(o, "%s", n->boolean ? "true" : "false"); break;
    case N_NAME: out_printf(o, "%s", n->name); break;
    case N_WITH_UNIT: dump_form(o, "(unit %n %s)", n->a, n->name); break;
    case N_LIST: dump_form(o, "(list%*)", n); break;
    case N_RECORD: dump_form(o, "(record%*)", n); break;
    case N_BLOCK: dump_form(o, "(block%*)", n); break;
    case N_PROGRAM: dump_form(o, "(program%*)", n); break;
    case N_ERROR: dump_form(o, "(error%*)", n); break;
    case N_FIELD: dump_form(o, "(%s %n)", n->name, n->a); break;
    case N_UNARY: dump_form(o, "(%s %n)", op_spelling(n->oper), n->a); break;
    case N_BINARY: dump_form(o, "(%s %n %n)", op_spelling(n->oper), n->a, n->b); break;
    case N_WHERE: dump_form(o, "(where %n %n)", n->a, n->b); break;
    case N_BY: dump_form(o, "(by %n %n)", n->a, n->b); break;
    case N_INDEX: dump_form(o, "([] %n %n)", n->a, n->b); break;
    case N_CALL: dump_form(o, "(call %n%*)", n->a, n); break;
    case N_ARG: /* its value, or (NAME: value) when named */
        if (n->name)
            dump_form(o, "(%s: %n)", n->name, n->a);
        else
            dump(o, n->a);
        break;
    case N_PARAM: /* a name, or (NAME default) */
        if (n->a)
            dump_form(o, "(%s %n)", n->name, n->a);
        else
            out_printf(o, "%s", n->name);
        break;
    case N_GET: dump_form(o, "(. %n %s)", n->a, n->name); break;
    case N_IF: dump_form(o, "(if %n %n %n)", n->a, n->b, n->c); break;
    case N_LAMBDA:
        dump_form(o, "(lambda ");
        dump_function(o, n);
        break;
    case N_WITH: dump_form(o, "(with %n%*)", n->a, n); break;
    default: dump_statement(o, n);
    }
}

void node_dump(const Node *n, char *buf, size_t size)
{
    Out o = { buf, size, 0 };
    if (size) buf[0] = '\0';
    dump(&o, n);
}
