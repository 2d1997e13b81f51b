/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* fmt.c — the one canonical layout of impact source text (impact fmt).
 *
 * Contract (fmt.h): fmt_source() rewrites the white space of a text and
 * nothing else.  Line breaks stay where they are (a newline can end a
 * statement, so moving one could change the meaning); runs of blank lines
 * become one; a line inside brackets is indented two spaces more than the
 * line that opened the bracket when the bracket ends that line, or aligned
 * with the first item after the bracket otherwise, plus two on a
 * continuation line; tokens are spaced by the rules below; the
 * `=` of consecutive `name = value` lines inside a block are aligned;
 * numbers, strings and comments are kept byte for byte.  The caller proves
 * the meaning unchanged by parsing both texts and comparing the trees
 * (ast_equal), so a rule here that went wrong could only refuse a file,
 * never change a model.
 *
 * The scanner below is not the language's lexer: it must keep comments and
 * spacing, which the lexer drops, and it runs on text that has already
 * parsed, so it only needs to tell tokens apart, not to report errors.
 */
#include "lang/fmt.h"
#include "lang/array.h"

#include "lang/ast.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define INDENT 2

typedef enum TokKind {
    T_WORD,    /* a name or a keyword */
    T_NUMBER,  /* 80_000, 3.5, 1e6, 25% */
    T_STRING,  /* "..." with its quotes */
    T_COMMENT, /* # to the end of the line */
    T_OPEN,    /* ( [ { */
    T_CLOSE,   /* ) ] } */
    T_COMMA,
    T_DOT,
    T_COLON,
    T_SEMI,
    T_OP, /* = == != < <= > >= + - * / ^ */
    T_OTHER
} TokKind;

typedef struct Tok {
    TokKind kind;
    const char *s;
    size_t len;
    size_t col; /* byte offset in the line, for comments */
} Tok;

typedef struct Line {
    Tok *toks;
    size_t n, cap;
    bool blank;
} Line;

typedef struct Buf {
    char *data;
    size_t len, cap;
    bool failed;
} Buf;

static void put(Buf *b, const char *s, size_t n)
{
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 4096;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void put_spaces(Buf *b, size_t n)
{
    while (n--) put(b, " ", 1);
}

/* ---- scanning one line ---------------------------------------------------- */

/* Bytes of a white space at s: ASCII blanks, and the no-break spaces
 * (U+00A0, U+202F) that the lexer reads as spaces. */
static size_t space_at(const char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v'))
        return 1;
    if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] == 0xAF)
        return 3;
    return 0;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_name_byte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c) ||
        (unsigned char)c >= 0x80;
}

/* The number rule of the lexer: DIGIT [0-9_]* ("." DIGIT [0-9_]*)? ([eE][+-]?DIGIT+)? "%"? */
static size_t number_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (is_digit(s[i]) || s[i] == '_')) i++;
    if (i + 1 < n && s[i] == '.' && is_digit(s[i + 1])) {
        i++;
        while (i < n && (is_digit(s[i]) || s[i] == '_')) i++;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '+' || s[j] == '-')) j++;
        if (j < n && is_digit(s[j])) {
            while (j < n && is_digit(s[j])) j++;
            i = j;
        }
    }
    if (i < n && s[i] == '%') i++;
    return i;
}

static size_t string_len(const char *s, size_t n)
{
    size_t i = 1;
    while (i < n && s[i] != '"') i += (s[i] == '\\' && i + 1 < n) ? 2 : 1;
    return i < n ? i + 1 : n;
}

static bool push_tok(Line *l, Tok t)
{
    if (!array_reserve(&l->toks, &l->cap, l->n, sizeof *l->toks, 16)) return false;
    l->toks[l->n++] = t;
    return true;
}

static size_t op_len(const char *s, size_t n)
{
    if (n >= 2 && s[1] == '=' && (s[0] == '=' || s[0] == '!' || s[0] == '<' || s[0] == '>'))
        return 2;
    return strchr("=<>+-*/^", s[0]) ? 1 : 0;
}

static bool scan_line(const char *s, size_t n, Line *l)
{
    size_t i = 0;
    while (i < n) {
        size_t sp = space_at(s + i, n - i);
        if (sp) {
            i += sp;
            continue;
        }
        Tok t = { T_OTHER, s + i, 1, i };
        char c = s[i];
        if (c == '#')
            t.kind = T_COMMENT, t.len = n - i;
        else if (c == '"')
            t.kind = T_STRING, t.len = string_len(s + i, n - i);
        else if (is_digit(c))
            t.kind = T_NUMBER, t.len = number_len(s + i, n - i);
        else if (is_name_byte(c)) {
            t.kind = T_WORD;
            t.len = 0;
            while (i + t.len < n && is_name_byte(s[i + t.len]) &&
                   !space_at(s + i + t.len, n - i - t.len))
                t.len++;
        } else if (strchr("([{", c))
            t.kind = T_OPEN;
        else if (strchr(")]}", c))
            t.kind = T_CLOSE;
        else if (c == ',')
            t.kind = T_COMMA;
        else if (c == '.')
            t.kind = T_DOT;
        else if (c == ':')
            t.kind = T_COLON;
        else if (c == ';')
            t.kind = T_SEMI;
        else if (op_len(s + i, n - i))
            t.kind = T_OP, t.len = op_len(s + i, n - i);
        if (!push_tok(l, t)) return false;
        i += t.len;
    }
    l->blank = l->n == 0;
    return true;
}

/* ---- spacing rules -------------------------------------------------------- */

static bool word_is(const Tok *t, const char *w)
{
    return t && t->kind == T_WORD && t->len == strlen(w) && memcmp(t->s, w, t->len) == 0;
}

static bool is_keyword(const Tok *t)
{
    static const char *const words[] = { "let",   "print", "use",  "as",  "unit",   "model", "if",
                                         "then",  "else",  "and",  "or",  "not",    "in",    "to",
                                         "where", "by",    "with", "for", "assume", NULL };
    for (size_t i = 0; words[i]; i++)
        if (word_is(t, words[i])) return true;
    return false;
}

/* The word operators that may begin a continuation line (the parser's
 * newline rule), and then / else. */
static bool continues_statement(const Tok *t)
{
    return word_is(t, "then") || word_is(t, "else") || word_is(t, "where") || word_is(t, "by") ||
        word_is(t, "with") || word_is(t, "and") || word_is(t, "or");
}

/* A token after which a statement needs more: the next line continues it. */
static bool wants_more(const Tok *t)
{
    if (!t) return false;
    if (t->kind == T_OP) return true;
    return word_is(t, "and") || word_is(t, "or") || word_is(t, "not") || word_is(t, "in") ||
        word_is(t, "to") || word_is(t, "where") || word_is(t, "by") || word_is(t, "with") ||
        word_is(t, "then") || word_is(t, "else");
}

/* An operand ends at prev: a following '-' or '+' is binary, '(' a call,
 * '[' an index. */
static bool ends_operand(const Tok *prev)
{
    if (!prev) return false;
    if (prev->kind == T_NUMBER || prev->kind == T_STRING) return true;
    if (prev->kind == T_CLOSE) return true;
    return prev->kind == T_WORD &&
        (!is_keyword(prev) || word_is(prev, "true") || word_is(prev, "false"));
}

/* A word after '.' is a field name, even when it is spelt as a keyword
 * (`c.where`, a column called "where"): it ends an operand. */
static bool is_field_name(const Tok *toks, size_t i)
{
    return toks[i].kind == T_WORD && i > 0 && toks[i - 1].kind == T_DOT;
}

/* Is the operator at index i unary (a sign)? */
static bool is_sign(const Tok *toks, size_t i)
{
    const Tok *t = &toks[i];
    if (t->kind != T_OP || t->len != 1 || (t->s[0] != '-' && t->s[0] != '+')) return false;
    if (i > 0 && is_field_name(toks, i - 1)) return false;
    return !ends_operand(i > 0 ? &toks[i - 1] : NULL);
}

/* The spaces written between toks[i-1] and toks[i]. */
static int gap(const Tok *toks, size_t i)
{
    const Tok *a = &toks[i - 1], *b = &toks[i];
    if (b->kind == T_COMMA || b->kind == T_SEMI || b->kind == T_DOT || a->kind == T_DOT) return 0;
    if (b->kind == T_COLON) return 0;
    if (a->kind == T_COLON || a->kind == T_COMMA || a->kind == T_SEMI) return 1;
    if (i >= 2 && is_sign(toks, i - 1)) return 0; /* -x */
    if (a->kind == T_OPEN && a->s[0] != '{') return 0;
    if (b->kind == T_CLOSE && b->s[0] != '}') return 0;
    if (a->kind == T_OPEN && a->s[0] == '{') return b->kind == T_CLOSE && b->s[0] == '}' ? 0 : 1;
    if (b->kind == T_CLOSE) return a->kind == T_OPEN ? 0 : 1;
    if (b->kind == T_OPEN && b->s[0] != '{')
        return (ends_operand(a) || word_is(a, "fn")) ? 0 : 1; /* f(x), t["a"], fn(x) */
    return 1;
}

/* ---- lines ---------------------------------------------------------------- */

typedef struct Layout {
    size_t depth;    /* brackets open at the start of the line */
    bool cont;       /* continuation of the previous line's statement */
    size_t align_to; /* width of the name column when aligned, else 0 */
} Layout;

static bool is_code(const Tok *t)
{
    return t->kind != T_COMMENT;
}

static const Tok *last_code(const Line *l)
{
    for (size_t i = l->n; i > 0; i--)
        if (is_code(&l->toks[i - 1])) return &l->toks[i - 1];
    return NULL;
}

/* A `name = value` line: the candidates for aligned '='. */
static bool is_field_line(const Line *l)
{
    return l->n >= 2 && l->toks[0].kind == T_WORD && !is_keyword(&l->toks[0]) &&
        l->toks[1].kind == T_OP && l->toks[1].len == 1 && l->toks[1].s[0] == '=';
}

static void plan(Line *lines, size_t n, Layout *lay)
{
    long depth = 0;
    const Tok *prev_last = NULL;
    for (size_t i = 0; i < n; i++) {
        Line *l = &lines[i];
        long d = depth;
        if (l->n && l->toks[0].kind == T_CLOSE) d--;
        lay[i].depth = d > 0 ? (size_t)d : 0;
        lay[i].cont = l->n && is_code(&l->toks[0]) &&
            (wants_more(prev_last) || continues_statement(&l->toks[0]));
        lay[i].align_to = 0;
        for (size_t k = 0; k < l->n; k++) {
            if (l->toks[k].kind == T_OPEN) depth++;
            if (l->toks[k].kind == T_CLOSE) depth--;
        }
        const Tok *last = last_code(l);
        if (last) prev_last = last;
    }
    /* runs of field lines at the same depth inside a block */
    for (size_t i = 0; i < n;) {
        if (!is_field_line(&lines[i]) || lay[i].depth == 0 || lay[i].cont) {
            i++;
            continue;
        }
        size_t j = i, width = 0;
        while (j < n && is_field_line(&lines[j]) && lay[j].depth == lay[i].depth && !lay[j].cont) {
            if (lines[j].toks[0].len > width) width = lines[j].toks[0].len;
            j++;
        }
        for (size_t k = i; k < j; k++) lay[k].align_to = width;
        i = j;
    }
}

/* Display columns of UTF-8 text: one per character (leading bytes only).
 * Names are the only tokens padded, and they are letters. */
static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Writes one line at `indent` spaces; cols[k] receives the column (in
 * characters from the line's start) where token k was written. */
static void write_line(Buf *b, const Line *l, const Layout *lay, size_t indent, size_t *cols)
{
    size_t start = b->len;
    put_spaces(b, indent);
    for (size_t i = 0; i < l->n; i++) {
        const Tok *t = &l->toks[i];
        if (i > 0 && t->kind == T_COMMENT) {
            /* a trailing comment keeps its column when the code allows */
            size_t width = chars(b->data + start, b->len - start);
            size_t want = chars(l->toks[0].s - l->toks[0].col, t->col);
            put_spaces(b, want > width ? want - width : 2);
        } else if (i > 0) {
            put_spaces(b, (size_t)gap(l->toks, i));
        }
        cols[i] = b->failed ? 0 : chars(b->data + start, b->len - start);
        put(b, t->s, t->len);
        if (i == 0 && lay->align_to) put_spaces(b, lay->align_to - t->len);
    }
    put(b, "\n", 1);
}

/* The brackets open at the current line: for each, where the lines inside
 * it start, and the indentation of the line that opened it (where its
 * closer goes when the closer starts a line). */
typedef struct Opener {
    size_t inside, opener_line;
} Opener;

typedef struct Openers {
    Opener *v;
    size_t n, cap;
    bool failed;
} Openers;

static void push_opener(Openers *o, Opener x)
{
    if (!array_reserve(&o->v, &o->cap, o->n, sizeof *o->v, 16)) {
        o->failed = true;
        return;
    }
    o->v[o->n++] = x;
}

/* A bracket followed by more on its line aligns what continues inside it
 * with that first item (`{title: "...",` then `url: ...` under `title`);
 * a bracket that ends its line indents what follows by INDENT. */
static size_t line_indent(const Openers *o, const Line *l, const Layout *lay)
{
    size_t indent = 0;
    if (o->n && l->toks[0].kind == T_CLOSE)
        indent = o->v[o->n - 1].opener_line;
    else if (o->n)
        indent = o->v[o->n - 1].inside;
    return indent + (lay->cont ? INDENT : 0);
}

static void track_openers(Openers *o, const Line *l, size_t indent, const size_t *cols)
{
    for (size_t k = 0; k < l->n; k++) {
        if (l->toks[k].kind == T_OPEN) {
            bool more = k + 1 < l->n && l->toks[k + 1].kind != T_COMMENT;
            push_opener(o, (Opener){ more ? cols[k + 1] : indent + INDENT, indent });
        } else if (l->toks[k].kind == T_CLOSE && o->n) {
            o->n--;
        }
    }
}

char *fmt_source(const char *text, size_t len, size_t *out_len)
{
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, len -= 3;
    size_t count = 1;
    for (size_t i = 0; i < len; i++) count += text[i] == '\n';
    Line *lines = calloc(count, sizeof *lines);
    Layout *lay = calloc(count, sizeof *lay);
    Buf b = { 0 };
    size_t n = 0;
    bool ok = lines && lay;
    for (size_t pos = 0; ok && pos <= len && n < count;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        if (!nl && end == pos) break; /* no text after the last newline */
        ok = scan_line(text + pos, end - pos, &lines[n++]);
        pos = end + 1;
    }
    if (ok) {
        plan(lines, n, lay);
        Openers openers = { 0 };
        bool seen_code = false, pending_blank = false;
        for (size_t i = 0; i < n; i++) {
            if (lines[i].blank) {
                pending_blank = seen_code;
                continue;
            }
            if (pending_blank) put(&b, "\n", 1);
            pending_blank = false;
            seen_code = true;
            size_t *cols = malloc((lines[i].n + 1) * sizeof *cols);
            if (!cols) {
                ok = false;
                break;
            }
            size_t indent = line_indent(&openers, &lines[i], &lay[i]);
            write_line(&b, &lines[i], &lay[i], indent, cols);
            track_openers(&openers, &lines[i], indent, cols);
            free(cols);
        }
        ok = ok && !openers.failed;
        free(openers.v);
        if (!b.data) put(&b, "", 0);
    }
    for (size_t i = 0; lines && i < count; i++) free(lines[i].toks);
    free(lines);
    free(lay);
    if (!ok || b.failed) {
        free(b.data);
        return NULL;
    }
    *out_len = b.len;
    return b.data;
}

FmtStatus fmt_checked(const char *path, const char *text, size_t len, char **out, size_t *out_len,
                      int *err_line, int *err_col, char **err_message)
{
    *out = NULL;
    *err_message = NULL;
    SourceFile *before = source_new(path, text, len);
    if (!before) return FMT_NO_MEMORY;
    SyntaxError err = { 0 };
    if (!parse_source(before, &err)) {
        *err_line = err.loc.line;
        *err_col = err.loc.col;
        *err_message = err.message;
        source_free(before);
        return FMT_SYNTAX_ERROR;
    }
    FmtStatus status = FMT_NO_MEMORY;
    char *formatted = fmt_source(text, len, out_len);
    SourceFile *after = formatted ? source_new(path, formatted, *out_len) : NULL;
    if (after) {
        SyntaxError err2 = { 0 };
        bool same = parse_source(after, &err2) && ast_equal(before->root, after->root);
        free(err2.message);
        status = same ? FMT_OK : FMT_CHANGED_MEANING;
        source_free(after);
    }
    source_free(before);
    if (status == FMT_OK)
        *out = formatted;
    else
        free(formatted);
    return status;
}
