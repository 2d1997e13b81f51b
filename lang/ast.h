/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* ast.h — the syntax tree of an impact source file.
 *
 * Contract: the front end (lexer.l, parser.y) turns source text into a tree of
 * Node.  The tree knows nothing of values: numbers stay doubles, unit names
 * stay names, and the runtime decides what they mean.  Every node carries the
 * location where it starts, so every error can point at the source.
 *
 * Ownership: all nodes of one parsed file are allocated in that file's
 * SourceFile arena and freed together with source_free().  Functions defined
 * in a file keep pointers into its tree, so a SourceFile lives as long as the
 * interpreter that loaded it.
 */
#ifndef IMPACT_AST_H
#define IMPACT_AST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A position in a source file (1-based line and column, column counted in
 * bytes).  `file` points at the SourceFile's path and lives as long as it. */
typedef struct SrcLoc {
    const char *file;
    int line;
    int col;
} SrcLoc;

/* The operators, decided once by the parser: the evaluator switches on
 * them and never compares spellings.  op_spelling() gives the text a
 * message names ("+", "not", "<="). */
typedef enum Op {
    OP_NONE, /* not an operator node */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_DIV,
    OP_POW,
    OP_EQ, /* the comparisons, OP_EQ .. OP_GE, in this order */
    OP_NE,
    OP_LT,
    OP_LE,
    OP_GT,
    OP_GE,
    OP_AND,
    OP_OR,
    OP_IN,
    OP_TO,
    OP_NEG, /* unary - */
    OP_POS, /* unary + */
    OP_NOT,
    OP_COUNT
} Op;
const char *op_spelling(Op op);
static inline bool op_is_comparison(Op op)
{
    return op >= OP_EQ && op <= OP_GE;
}

typedef enum NodeKind {
    /* expressions */
    N_NUMBER,    /* num                           25% is parsed as 0.25, flag is_percent */
    N_STRING,    /* str (UTF-8, escapes decoded), len */
    N_BOOL,      /* boolean */
    N_NAME,      /* name */
    N_WITH_UNIT, /* a: number expression, name: unit name  ("9_000 EUR" = 9000 × EUR) */
    N_LIST,      /* items[n] */
    N_RECORD,    /* items[n] are N_FIELD:  { a = 1, b = 2 } */
    N_FIELD, /* name = a   (record field, model field, `with` override; path in name: "employment.deadweight") */
    N_UNARY,  /* oper, a          OP_NEG, OP_POS, OP_NOT */
    N_BINARY, /* oper, a, b       + - * / ^ == != < <= > >= and or in to */
    N_CALL,   /* a: callee, items[n]: arguments; an argument is N_ARG */
    N_ARG,    /* name (NULL if positional), a: value */
    N_GET,    /* a.name          field access */
    N_INDEX,  /* a[b]            T["Nom complet"], list[0] */
    N_IF,     /* if a then b else c */
    N_LAMBDA, /* fn(params) = a   params in items[n] as N_PARAM */
    N_PARAM,  /* name, a: default value or NULL */
    N_WHERE,  /* a where b       (b is evaluated with a's columns in scope) */
    N_BY,     /* a by b          grouping */
    N_WITH,   /* a with { items: N_FIELD overrides } */
    N_BLOCK,  /* items[n]: statements; value of the last one */

    /* statements */
    N_LET,     /* let name = a */
    N_FN,      /* fn name(params in items) = a */
    N_PRINT,   /* print a */
    N_USE,     /* use "str" as name [version "1.2"]: a = the version accepted (N_STRING) or NULL */
    N_VERSION, /* version "1.2.0": str, a library's version (its first statement) */
    N_UNIT_DECL, /* unit name [= a]       (declares a unit, optionally defined by an expression) */
    N_EXPR_STMT, /* a */

    /* model declarations: model name "str" { items } */
    N_MODEL, /* name, str: title, items: N_FIELD settings and N_DECL entries */
    N_DECL,  /* keyword ("stakeholder" | "input" | "outcome" | ...), name, str: label,
                      a: value (input = MONEY) or NULL, b: "for STAKEHOLDER" name as N_NAME or NULL,
                      items: N_FIELD (outcome body, or input options such as funder = "...") */

    N_ERROR, /* a statement, entry or field with a syntax error (parse_source_all only):
                items: N_NAME of the names written in it */

    N_PROGRAM /* items: top-level statements */
} NodeKind;

typedef struct Node Node;
struct Node {
    NodeKind kind;
    SrcLoc loc;     /* where the node starts */
    Op oper;        /* N_UNARY / N_BINARY operator */
    const char *op; /* N_DECL keyword */
    const char *
        name; /* N_NAME, N_FIELD, N_GET, N_LET, N_FN, N_PARAM, N_ARG, N_USE, N_MODEL, N_DECL, N_WITH_UNIT (unit) */
    const char *str; /* N_STRING text, N_USE path, N_MODEL title, N_DECL label */
    size_t len;      /* N_STRING byte length (strings may hold NUL) */
    double num;      /* N_NUMBER */
    bool boolean;    /* N_BOOL */
    bool is_percent; /* N_NUMBER written as 25% */
    Node *a, *b, *c;
    Node **items;
    size_t n_items;
};

/* One loaded source text and everything parsed from it. */
typedef struct SourceFile {
    char *path; /* as given; used in every SrcLoc of this file */
    char *text; /* whole text, NUL-terminated */
    size_t len;
    struct Arena *arena; /* owns every Node and string of the tree */
    Node *root;          /* N_PROGRAM, or NULL if parsing failed */
    int first_line;      /* number of the text's first line: 1, or more when the
                            text is one statement of a longer input (piped
                            statements), so locations count from the input's start */
    bool is_library;     /* loaded by `use`: its code may not write files, and reads
                            only paths its caller wrote (runtime/files.c) */
} SourceFile;

/* A syntax error: the first one found, located, in words an evaluator
 * understands.  Filled by parse_source(); message is owned by the caller. */
typedef struct SyntaxError {
    SrcLoc loc;
    char *message;
    const char *hint; /* what to write instead, a static text (never freed), or NULL */
} SyntaxError;

/* Every error found in one file, in the order found (impact check and the
 * editor show them all).  Each message is malloc'ed, each hint static. */
typedef struct ErrorList {
    SyntaxError *items;
    size_t n, cap;
} ErrorList;
/* More than this many errors in one file: the rest are not looked for. */
enum { ERROR_LIST_MAX = 500 };
/* Adds an error (takes `message`, a malloc'ed text); one at the same place
 * with the same words as one already there is dropped. */
void error_list_add(ErrorList *l, SrcLoc loc, char *message, const char *hint);
void error_list_free(ErrorList *l);
/* The text of a message, as vprintf would write it, malloc'ed; NULL when
 * memory runs out.  The one formatter of messages (runtime/error.c's too). */
char *message_vformat(const char *fmt, va_list ap);

/* Creates a SourceFile holding a copy of text (path is copied too). */
SourceFile *source_new(const char *path, const char *text, size_t len);
/* The largest source file read: a model is a few hundred kilobytes at most;
 * anything larger is not a model (or an endless stream such as /dev/zero). */
#define SOURCE_MAX_BYTES (64u * 1024 * 1024)
/* Reads the rest of f (not closed) into a malloc'ed text, NUL-terminated,
 * its length in *len; NULL and errno set if it cannot be read (EFBIG past
 * SOURCE_MAX_BYTES, ENOMEM, EIO).  Reading stops after a chunk holding a
 * NUL byte: the parser then reports the byte where it is.  The one reader of
 * a model's text (files, standard input, `impact fmt`). */
char *source_read_stream(FILE *f, size_t *len);
/* The same for the file at path (errno from fopen when it cannot be opened). */
char *source_read_text(const char *path, size_t *len);
/* A whole file as a SourceFile; NULL and errno set as above. */
SourceFile *source_read(const char *path);
/* A whole file, parsed (its root set); NULL when it cannot be read or does
 * not parse, for a reader that reports neither (a module's names, sources). */
SourceFile *source_read_parsed(const char *path);
void source_free(SourceFile *src);

/* Parses src->text into src->root.  Returns true on success.  On failure
 * returns false and fills *err (err->message is malloc'ed). */
bool parse_source(SourceFile *src, SyntaxError *err);

/* parse_source() that goes on after an error, for `impact check` and the
 * editor: each syntax error is added to *errors, and the parse goes on at
 * the next statement, model entry or field (the rest of the broken one is
 * skipped, so that one mistake gives one error).  src->root holds what was
 * read, the broken items standing as N_ERROR nodes: it is for the static
 * checks only, never to be run.  True when there was no error. */
bool parse_source_all(SourceFile *src, ErrorList *errors);

/* True when text is an incomplete statement (an open bracket, brace or string,
 * or a trailing binary operator): the REPL then reads a continuation line. */
bool source_is_incomplete(const char *text);

/* Returns the text of line `line` (counted from src->first_line) of src without its newline,
 * into buf (truncated to size). Used to print the source line under errors. */
void source_line(const SourceFile *src, int line, char *buf, size_t size);

/* Node allocation inside a file's arena (used by the parser). */
Node *node_new(SourceFile *src, NodeKind kind, SrcLoc loc);
void node_push(SourceFile *src, Node *parent, Node *child);
char *arena_strdup(SourceFile *src, const char *s, size_t len);
/* A copy of n bytes in a file's arena, freed with it (an outline's arrays). */
void *arena_copy(SourceFile *src, const void *p, size_t n);

/* True when two trees are the same program: same kinds, names, operators,
 * strings, numbers and shape, wherever they stand in their files (locations
 * are not compared).  impact fmt uses it to prove a layout changed nothing. */
bool ast_equal(const Node *a, const Node *b);

/* Name of a node kind, for debugging and tests. */
const char *node_kind_name(NodeKind kind);
/* Writes a compact S-expression of the tree (for parser tests). */
void node_dump(const Node *n, char *buf, size_t size);

#endif
