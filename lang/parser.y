/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* parser.y — the grammar of impact (pure bison parser with locations).
 *
 * Contract: parse_source() turns a SourceFile's text into a tree of Node
 * (ast.h) allocated in the file's arena, or fills a SyntaxError for the
 * first error, in words an evaluator understands, located at the offending
 * token.  source_is_incomplete() tells the REPL whether a text needs a
 * continuation line.
 *
 * Between the raw scanner (lexer.l) and the grammar sits a token filter
 * (lang/token_filter.c), which applies the line rules of the language:
 *   - a newline ends a statement, except inside ( ) or [ ], after a token
 *     that needs a right-hand side (binary operator, comma, `{`, `then` ...),
 *     and before `then`, `else`, `}` and the word operators (`where`, `by`,
 *     `with`, `and`, `or`);
 *   - a number followed on the same line by a name is one quantity token
 *     (`9_000 EUR`), which is why it binds tighter than any operator;
 *   - brackets must match: a stray or mismatched closer is reported here,
 *     with the place of the opener.
 * See SPEC.md §2 for the user-facing description.
 */

%code requires {
#include <stdbool.h>
#include <stddef.h>
#include "lang/ast.h"

/* Value of a raw token. */
typedef struct TokVal {
    const char *s;     /* name, string (decoded) or number spelling, in the arena */
    size_t len;
    double num;        /* NUMBER / QUANTITY */
    bool pct;          /* written with % */
    const char *unit;  /* QUANTITY: the unit name */
} TokVal;

/* State of the raw scanner (flex "extra"). */
typedef struct LexState {
    SourceFile *src;
    int line, col;     /* position of the next byte */
    bool failed;
    int err_line, err_col;
    char *err_msg;     /* malloc'ed */
    const char *err_hint; /* static text, or NULL */
} LexState;

typedef struct Parser Parser;
}

%code provides {
int impact_yylex(YYSTYPE *yylval_param, YYLTYPE *yylloc_param, void *yyscanner);
}

%define api.pure full
%define api.token.prefix {TOK_}
%define parse.error custom
%define parse.lac full
%locations
%parse-param {Parser *P}
%lex-param {Parser *P}
%expect 0

%union {
    TokVal tok;
    Node *node;
}

%token <tok> NUMBER "number" QUANTITY "quantity" STRING "text" NAME "name"
%token NEWLINE "end of line"
/* Keywords: keep LET first and FOR last, the token filter tests the range. */
%token LET "let" FN "fn" PRINT "print" USE "use" AS "as" UNIT "unit" MODEL "model"
%token IF "if" THEN "then" ELSE "else" AND "and" OR "or" NOT "not" IN "in" TO "to"
%token WHERE "where" BY "by" WITH "with" TRUE "true" FALSE "false" ASSUME "assume" FOR "for"
/* `version "1.2.0"`: a word only where the token filter says (a name
 * `version` before a text, outside brackets), not a reserved keyword. */
%token VERSION "version"
%token EQ "==" NE "!=" LE "<=" GE ">=" LT "<" GT ">" ASSIGN "="
%token PLUS "+" MINUS "-" STAR "*" SLASH "/" CARET "^"
%token LPAREN "(" RPAREN ")" LBRACKET "[" RBRACKET "]" LBRACE "{" RBRACE "}"
%token COMMA "," DOT "." COLON ":" SEMI ";"

%type <node> program stmts stmt let_stmt fn_stmt use_stmt unit_stmt model_stmt version_stmt opt_version assume_decl
%type <node> expr with_expr where_expr or_expr and_expr not_expr cmp_expr to_expr
%type <node> add_expr mul_expr unary_expr pow_expr postfix primary
%type <node> list list_items record record_items field block block_body block_stmt stmt_in_block
%type <node> args arg_list arg params param_list param overrides override_list override
%type <node> model_items model_item decl_fields decl_field_list opt_value opt_for
%type <tok> opt_str dotted

%code {
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "lang/i18n.h"

#include "lang/syntax_errors.h"

static int yylex(YYSTYPE *val, YYLTYPE *loc, Parser *P);
static void yyerror(YYLTYPE *loc, Parser *P, const char *msg);

static SrcLoc L(Parser *P, YYLTYPE loc)
{
    return (SrcLoc){ P->src->path, loc.first_line, loc.first_column };
}

static Node *mk(Parser *P, NodeKind kind, YYLTYPE loc)
{
    return node_new(P->src, kind, L(P, loc));
}

static Node *mk_op(Parser *P, NodeKind kind, YYLTYPE loc, Op op, Node *a, Node *b)
{
    Node *n = mk(P, kind, loc);
    n->oper = op;
    n->a = a;
    n->b = b;
    return n;
}

static Node *push(Parser *P, Node *list, Node *item)
{
    node_push(P->src, list, item);
    return list;
}

/* A node that collects items (args, params ...) before being attached. */
static Node *bag(Parser *P, YYLTYPE loc)
{
    return mk(P, N_LIST, loc);
}

static void adopt(Node *dst, Node *items)
{
    if (items) {
        dst->items = items->items;
        dst->n_items = items->n_items;
    }
}


/* Whether s could be written as a name: letters (ASCII or not), digits, _,
 * not starting with a digit. */
static bool is_plain_name(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!(c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            return false;
    }
    return true;
}

/* ---- going on after a syntax error (parse_source_all) ----
 *
 * Each list of the grammar (statements, a model's entries, an entry's or a
 * record's fields, a block's statements, a `with`'s overrides) has an
 * `error` alternative.  Its action stands a N_ERROR node for the broken
 * item, carrying the names written in it (the check binds them, so that a
 * later use of a name the broken statement defined is not reported), then
 * RESUME: the token filter skips to where the next item starts (a line end
 * or ';', a ',' between fields, or the '}' closing the list, at the depth
 * of the list), so that the broken item gives one error, not one per token.
 * When only the first error is wanted (parse_source), the parse stops. */
static Node *broken(Parser *P, YYLTYPE loc)
{
    Node *n = mk(P, N_ERROR, loc);
    for (size_t i = 0; i < P->n_stmt_names; i++) {
        Node *name = mk(P, N_NAME, loc);
        name->name = P->stmt_names[i];
        node_push(P->src, n, name);
    }
    P->broken = n; /* the names skipped after the error join it */
    return n;
}

#define RESUME(P, commas, top)                                              \
    do {                                                                    \
        if (!(P)->errors || (P)->stopped) YYABORT;                          \
        switch (filter_resume((P), yychar, (commas), (top))) {                     \
        case RESUME_SKIP: yyclearin; yyerrok; break;                        \
        case RESUME_HERE: yyerrok; break;                                   \
        case RESUME_END: break;                                             \
        }                                                                   \
    } while (0)

/* "1.2.0" (a library's version: MAJOR.MINOR.PATCH), or, for what a `use`
 * accepts, "1", "1.2" or "1.2.0": numbers separated by dots. */
static bool version_is_valid(const char *s, bool full)
{
    int parts = 0;
    for (;;) {
        if (!(*s >= '0' && *s <= '9')) return false;
        while (*s >= '0' && *s <= '9') s++;
        parts++;
        if (*s == '\0') break;
        if (*s != '.') return false;
        s++;
    }
    return full ? parts == 3 : parts <= 3;
}

static void bad_version(Parser *P, YYLTYPE loc, const char *s, bool full)
{
    if (full)
        parse_fail_at(P, loc.first_line, loc.first_column,
                      _("'%s' is not a version: write a library's version as three numbers, as "
                        "\"1.2.0\" (major, minor, patch)"),
                      s);
    else
        parse_fail_at(P, loc.first_line, loc.first_column,
                      _("'%s' is not a version: write the version the library must have as \"1\", "
                        "\"1.2\" or \"1.2.0\""),
                      s);
}

static void version_not_at_top(Parser *P, YYLTYPE loc)
{
    parse_fail_at(P, loc.first_line, loc.first_column,
                  _("a library's version is written at its top, before its other statements: "
                    "move this line up"));
}

/* Default module name of `use "a/b/proxies.impact"`: proxies. */
static const char *use_default_name(Parser *P, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 7 && strcmp(base + n - 7, ".impact") == 0)
        n -= 7;
    return arena_strdup(P->src, base, n);
}
}

%%

program
    : opt_seps                  { $$ = P->root = mk(P, N_PROGRAM, @$); }
    | opt_seps stmts opt_seps   { $$ = P->root = $2; }
    ;

opt_seps : %empty | seps ;
seps : sep | seps sep ;
sep : NEWLINE | SEMI ;

/* P->root follows the list as it grows: when the parse of a file with
 * errors stops early (parse_source_all), the statements read so far are
 * still checked. */
stmts
    : stmt              { $$ = P->root = push(P, mk(P, N_PROGRAM, @1), $1); }
    | stmts seps stmt   { $$ = P->root = push(P, $1, $3);
                          if ($3->kind == N_VERSION)
                              version_not_at_top(P, @3); }
    ;

stmt
    : let_stmt
    | fn_stmt
    | PRINT expr        { $$ = mk(P, N_PRINT, @1); $$->a = $2; }
    | use_stmt
    | version_stmt
    | unit_stmt
    | model_stmt
    | assume_decl
    | expr              { $$ = mk(P, N_EXPR_STMT, @1); $$->a = $1; }
    | error             { $$ = broken(P, @1); RESUME(P, false, true); }
    ;

/* A `let` or `fn` whose value has an error still binds its name, so
 * that the statements after it are checked without a false "unknown name". */
let_stmt
    : LET NAME ASSIGN expr  { $$ = mk(P, N_LET, @1); $$->name = $2.s; $$->a = $4; }
    | LET NAME ASSIGN error { $$ = mk(P, N_LET, @1); $$->name = $2.s; $$->a = broken(P, @4);
                              RESUME(P, false, false); }
    | LET NAME error        { $$ = mk(P, N_LET, @1); $$->name = $2.s; $$->a = broken(P, @3);
                              RESUME(P, false, false); }
    ;

fn_stmt
    : FN NAME LPAREN params RPAREN ASSIGN expr {
          $$ = mk(P, N_FN, @1); $$->name = $2.s; adopt($$, $4); $$->a = $7; }
    | FN NAME error         { $$ = mk(P, N_LET, @1); $$->name = $2.s; $$->a = broken(P, @3);
                              RESUME(P, false, false); }
    ;

use_stmt
    : USE STRING opt_version { $$ = mk(P, N_USE, @1); $$->str = $2.s; $$->a = $3;
                              $$->name = use_default_name(P, $2.s);
                              if (!is_plain_name($$->name)) {
                                  parse_fail_at(P, @2.first_line, @2.first_column,
                                          _("'%s' cannot be used as a name: write 'use \"%s\" as NAME'"),
                                          $$->name, $2.s);
                                  if (!P->errors) YYABORT;
                              } }
    | USE STRING AS NAME opt_version {
                              $$ = mk(P, N_USE, @1); $$->str = $2.s; $$->name = $4.s; $$->a = $5; }
    ;

/* use "models/cae" version "1": the versions of the library accepted */
opt_version
    : %empty                { $$ = NULL; }
    | VERSION STRING        { $$ = mk(P, N_STRING, @2); $$->str = $2.s; $$->len = $2.len;
                              if (!version_is_valid($2.s, false))
                                  bad_version(P, @2, $2.s, false); }
    ;

/* version "1.2.0": a library's own version, at its top */
version_stmt
    : VERSION STRING        { $$ = mk(P, N_VERSION, @1); $$->str = $2.s;
                              if (!version_is_valid($2.s, true))
                                  bad_version(P, @2, $2.s, true); }
    ;

unit_stmt
    : UNIT NAME             { $$ = mk(P, N_UNIT_DECL, @1); $$->name = $2.s; }
    | UNIT NAME ASSIGN expr { $$ = mk(P, N_UNIT_DECL, @1); $$->name = $2.s; $$->a = $4; }
    ;

/* ---- expressions, from the loosest operator to the tightest ---- */

expr
    : with_expr
    | IF expr THEN expr ELSE expr   { $$ = mk(P, N_IF, @1); $$->a = $2; $$->b = $4; $$->c = $6; }
    | FN LPAREN params RPAREN ASSIGN expr {
          $$ = mk(P, N_LAMBDA, @1); adopt($$, $3); $$->a = $6; }
    ;

with_expr
    : where_expr
    | with_expr WITH overrides  { $$ = mk_op(P, N_WITH, @2, OP_NONE, $1, NULL); adopt($$, $3); }
    ;

where_expr
    : or_expr
    | where_expr WHERE or_expr  { $$ = mk_op(P, N_WHERE, @2, OP_NONE, $1, $3); }
    | where_expr BY or_expr     { $$ = mk_op(P, N_BY, @2, OP_NONE, $1, $3); }
    ;

or_expr
    : and_expr
    | or_expr OR and_expr       { $$ = mk_op(P, N_BINARY, @2, OP_OR, $1, $3); }
    ;

and_expr
    : not_expr
    | and_expr AND not_expr     { $$ = mk_op(P, N_BINARY, @2, OP_AND, $1, $3); }
    ;

not_expr
    : cmp_expr
    | NOT not_expr              { $$ = mk_op(P, N_UNARY, @1, OP_NOT, $2, NULL); }
    ;

cmp_expr
    : to_expr
    | to_expr EQ to_expr        { $$ = mk_op(P, N_BINARY, @2, OP_EQ, $1, $3); }
    | to_expr NE to_expr        { $$ = mk_op(P, N_BINARY, @2, OP_NE, $1, $3); }
    | to_expr LT to_expr        { $$ = mk_op(P, N_BINARY, @2, OP_LT, $1, $3); }
    | to_expr LE to_expr        { $$ = mk_op(P, N_BINARY, @2, OP_LE, $1, $3); }
    | to_expr GT to_expr        { $$ = mk_op(P, N_BINARY, @2, OP_GT, $1, $3); }
    | to_expr GE to_expr        { $$ = mk_op(P, N_BINARY, @2, OP_GE, $1, $3); }
    | to_expr IN to_expr        { $$ = mk_op(P, N_BINARY, @2, OP_IN, $1, $3); }
    ;

to_expr
    : add_expr
    | add_expr TO add_expr      { $$ = mk_op(P, N_BINARY, @2, OP_TO, $1, $3); }
    ;

add_expr
    : mul_expr
    | add_expr PLUS mul_expr    { $$ = mk_op(P, N_BINARY, @2, OP_ADD, $1, $3); }
    | add_expr MINUS mul_expr   { $$ = mk_op(P, N_BINARY, @2, OP_SUB, $1, $3); }
    ;

mul_expr
    : unary_expr
    | mul_expr STAR unary_expr  { $$ = mk_op(P, N_BINARY, @2, OP_MUL, $1, $3); }
    | mul_expr SLASH unary_expr { $$ = mk_op(P, N_BINARY, @2, OP_DIV, $1, $3); }
    ;

unary_expr
    : pow_expr
    | MINUS unary_expr          { $$ = mk_op(P, N_UNARY, @1, OP_NEG, $2, NULL); }
    | PLUS unary_expr           { $$ = mk_op(P, N_UNARY, @1, OP_POS, $2, NULL); }
    ;

/* right-associative, and the exponent may be negative: 2^-1 */
pow_expr
    : postfix
    | postfix CARET unary_expr  { $$ = mk_op(P, N_BINARY, @2, OP_POW, $1, $3); }
    ;

postfix
    : primary
    | postfix LPAREN args RPAREN      { $$ = mk(P, N_CALL, @2); $$->a = $1; adopt($$, $3); }
    | postfix DOT NAME                { $$ = mk(P, N_GET, @2); $$->a = $1; $$->name = $3.s; }
    | postfix LBRACKET expr RBRACKET  { $$ = mk_op(P, N_INDEX, @2, OP_NONE, $1, $3); }
    ;

primary
    : NUMBER        { $$ = mk(P, N_NUMBER, @1); $$->num = $1.num; $$->is_percent = $1.pct; }
    | QUANTITY      { Node *n = mk(P, N_NUMBER, @1); n->num = $1.num; n->is_percent = $1.pct;
                      $$ = mk(P, N_WITH_UNIT, @1); $$->a = n; $$->name = $1.unit; }
    | STRING        { $$ = mk(P, N_STRING, @1); $$->str = $1.s; $$->len = $1.len; }
    | TRUE          { $$ = mk(P, N_BOOL, @1); $$->boolean = true; }
    | FALSE         { $$ = mk(P, N_BOOL, @1); $$->boolean = false; }
    | NAME          { $$ = mk(P, N_NAME, @1); $$->name = $1.s; }
    | LPAREN expr RPAREN  { $$ = $2; }
    | list
    | record
    | block
    ;

list
    : LBRACKET RBRACKET                       { $$ = mk(P, N_LIST, @1); }
    | LBRACKET list_items opt_comma RBRACKET  { $$ = $2; $$->loc = L(P, @1); }
    ;

list_items
    : expr                      { $$ = push(P, mk(P, N_LIST, @1), $1); }
    | list_items COMMA expr     { $$ = push(P, $1, $3); }
    ;

opt_comma : %empty | COMMA ;

/* Items of a record, a model entry body or a `with`, separated by commas,
 * line ends or semicolons. */
item_seps : item_sep | item_seps item_sep ;
item_sep : COMMA | NEWLINE | SEMI ;
opt_item_seps : %empty | item_seps ;

record
    : LBRACE RBRACE                             { $$ = mk(P, N_RECORD, @1); }
    | LBRACE record_items opt_item_seps RBRACE  { $$ = $2; $$->loc = L(P, @1); }
    ;

record_items
    : field                         { $$ = push(P, mk(P, N_RECORD, @1), $1); }
    | record_items item_seps field  { $$ = push(P, $1, $3); }
    | error                         { $$ = push(P, mk(P, N_RECORD, @1), broken(P, @1));
                                      RESUME(P, true, false); }
    | record_items item_seps error  { $$ = push(P, $1, broken(P, @3)); RESUME(P, true, false); }
    ;

field
    : NAME ASSIGN expr      { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    | NAME COLON expr       { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    | STRING ASSIGN expr    { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    | STRING COLON expr     { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    ;

/* { let y = x * 2; y + 1 }: a brace whose first item is `let` or `fn`. */
block
    : LBRACE block_body opt_seps RBRACE     { $$ = $2; $$->loc = L(P, @1); }
    ;

block_body
    : block_stmt                        { $$ = push(P, mk(P, N_BLOCK, @1), $1); }
    | block_body seps stmt_in_block     { $$ = push(P, $1, $3); }
    | block_body seps error             { $$ = push(P, $1, broken(P, @3)); RESUME(P, false, false); }
    ;

block_stmt : let_stmt | fn_stmt ;

stmt_in_block
    : let_stmt
    | fn_stmt
    | PRINT expr                { $$ = mk(P, N_PRINT, @1); $$->a = $2; }
    | expr                      { $$ = mk(P, N_EXPR_STMT, @1); $$->a = $1; }
    ;

args
    : %empty                    { $$ = NULL; }
    | arg_list opt_comma
    ;

arg_list
    : arg                       { $$ = push(P, bag(P, @1), $1); }
    | arg_list COMMA arg        { $$ = push(P, $1, $3); }
    ;

arg
    : expr                      { $$ = mk(P, N_ARG, @1); $$->a = $1; }
    | NAME COLON expr           { $$ = mk(P, N_ARG, @1); $$->name = $1.s; $$->a = $3; }
    | NAME ASSIGN expr          { $$ = mk(P, N_ARG, @1); $$->name = $1.s; $$->a = $3; }
    ;

params
    : %empty                    { $$ = NULL; }
    | param_list opt_comma
    ;

param_list
    : param                     { $$ = push(P, bag(P, @1), $1); }
    | param_list COMMA param    { $$ = push(P, $1, $3); }
    ;

param
    : NAME                      { $$ = mk(P, N_PARAM, @1); $$->name = $1.s; }
    | NAME ASSIGN expr          { $$ = mk(P, N_PARAM, @1); $$->name = $1.s; $$->a = $3; }
    ;

/* M with { employment.deadweight = 40%, discount = 4.5% } */
overrides
    : LBRACE RBRACE                              { $$ = NULL; }
    | LBRACE override_list opt_item_seps RBRACE  { $$ = $2; }
    ;

override_list
    : override                          { $$ = push(P, bag(P, @1), $1); }
    | override_list item_seps override  { $$ = push(P, $1, $3); }
    | error                             { $$ = push(P, bag(P, @1), broken(P, @1)); RESUME(P, true, false); }
    | override_list item_seps error     { $$ = push(P, $1, broken(P, @3)); RESUME(P, true, false); }
    ;

override
    : dotted ASSIGN expr    { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    | dotted COLON expr     { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    ;

dotted
    : NAME                  { $$ = $1; }
    | dotted DOT NAME       { $$ = $1;
                              size_t n = $1.len + 1 + $3.len;
                              char *s = arena_strdup(P->src, $1.s, n);
                              s[$1.len] = '.';
                              memcpy(s + $1.len + 1, $3.s, $3.len);
                              $$.s = s; $$.len = n; }
    ;

/* ---- models ---- */

model_stmt
    : MODEL NAME opt_str LBRACE opt_seps RBRACE {
          $$ = mk(P, N_MODEL, @1); $$->name = $2.s; $$->str = $3.s; }
    | MODEL NAME opt_str LBRACE model_items opt_seps RBRACE {
          $$ = mk(P, N_MODEL, @1); $$->name = $2.s; $$->str = $3.s; adopt($$, $5); }
    ;

opt_str
    : %empty                { $$ = (TokVal){ 0 }; }
    | STRING                { $$ = $1; }
    ;

model_items
    : model_item                    { $$ = push(P, bag(P, @1), $1); }
    | model_items seps model_item   { $$ = push(P, $1, $3); }
    | error                         { $$ = push(P, bag(P, @1), broken(P, @1)); RESUME(P, false, false); }
    | model_items seps error        { $$ = push(P, $1, broken(P, @3)); RESUME(P, false, false); }
    ;

model_item
    : NAME ASSIGN expr      { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    | assume_decl
    | NAME NAME opt_str opt_value opt_for decl_fields {
          $$ = mk(P, N_DECL, @1); $$->op = $1.s; $$->name = $2.s; $$->str = $3.s;
          $$->a = $4; $$->b = $5; adopt($$, $6); }
    ;

/* assume NAME ["Label"] = EXPR [{ source = "...", range = LOW to HIGH }]: a
 * named judgement, inside a model or at the top level of a file (N_DECL
 * whose keyword is "assume"). */
assume_decl
    : ASSUME NAME opt_str ASSIGN expr decl_fields {
          $$ = mk(P, N_DECL, @1); $$->op = "assume"; $$->name = $2.s; $$->str = $3.s;
          $$->a = $5; adopt($$, $6); }
    ;

opt_value
    : %empty                { $$ = NULL; }
    | ASSIGN expr           { $$ = $2; }
    ;

opt_for
    : %empty                { $$ = NULL; }
    | FOR NAME              { $$ = mk(P, N_NAME, @2); $$->name = $2.s; }
    ;

decl_fields
    : %empty                                            { $$ = NULL; }
    | LBRACE RBRACE                                     { $$ = NULL; }
    | LBRACE decl_field_list opt_item_seps RBRACE       { $$ = $2; }
    ;

decl_field_list
    : field                             { $$ = push(P, bag(P, @1), $1); }
    | decl_field_list item_seps field   { $$ = push(P, $1, $3); }
    | error                             { $$ = push(P, bag(P, @1), broken(P, @1)); RESUME(P, true, false); }
    | decl_field_list item_seps error   { $$ = push(P, $1, broken(P, @3)); RESUME(P, true, false); }
    ;

%%

/* ---- the token filter (lang/token_filter.c) ------------------------------- */

static int yylex(YYSTYPE *val, YYLTYPE *loc, Parser *P)
{
    return token_filter_next(val, loc, P);
}

/* ---- syntax error messages ------------------------------------------------- */

static void yyerror(YYLTYPE *loc, Parser *P, const char *msg)
{
    /* Only reached when the parser's stack is exhausted. */
    (void)msg;
    parse_fail_at(P, loc->first_line, loc->first_column,
            _("this expression is nested too deeply to read: split it with 'let'"));
}

/* The unexpected token, in words. */
static const char *describe_symbol(yysymbol_kind_t s, char *buf, size_t size)
{
    switch (s) {
    case YYSYMBOL_NUMBER: return "a number";
    case YYSYMBOL_QUANTITY: return "a number";
    case YYSYMBOL_STRING: return "a text in quotes";
    case YYSYMBOL_NAME: return "a name";
    case YYSYMBOL_NEWLINE: return "the end of the line";
    case YYSYMBOL_YYEOF: return "the end of the file";
    default: {
        const char *name = yysymbol_name(s);
        size_t n = strlen(name);
        if (n >= 2 && name[0] == '"')
            snprintf(buf, size, "'%.*s'", (int)(n - 2), name + 1);
        else
            snprintf(buf, size, "'%s'", name);
        return buf;
    }
    }
}

static bool has_symbol(const yysymbol_kind_t *set, int n, yysymbol_kind_t s)
{
    for (int i = 0; i < n; i++)
        if (set[i] == s)
            return true;
    return false;
}

/* Bison's view of the error (the tokens it expected) handed to the rules
 * of lang/syntax_errors.c, which need nothing of bison's internals. */
static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *P)
{
    if (P->failed && !P->errors)
        return 0;
    yysymbol_kind_t expected[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
    if (n < 0)
        n = 0;
    ErrorCase c = { .P = P, .n = n, .t = &P->cur, .prev = &P->prev, .has_prev = P->n_given > 1 };
    static const struct { yysymbol_kind_t sym; unsigned bit; } facts[] = {
        { YYSYMBOL_ASSIGN, EXPECTS_ASSIGN }, { YYSYMBOL_COLON, EXPECTS_COLON },
        { YYSYMBOL_NUMBER, EXPECTS_NUMBER }, { YYSYMBOL_PLUS, EXPECTS_PLUS },
        { YYSYMBOL_EQ, EXPECTS_EQ },         { YYSYMBOL_THEN, EXPECTS_THEN },
        { YYSYMBOL_ELSE, EXPECTS_ELSE },
    };
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        if (has_symbol(expected, n, facts[i].sym))
            c.expects |= facts[i].bit;
    if (n <= 3) {
        char want[256];
        for (int i = 0; i < n; i++) {
            if (i > 0)
                strcat(c.expected_list, i == n - 1 ? " or " : ", ");
            strcat(c.expected_list, describe_symbol(expected[i], want, sizeof want));
        }
    }
    P->error_at_end = c.t->kind == TOK_YYEOF;
    P->wanted_then_else = (c.expects & (EXPECTS_THEN | EXPECTS_ELSE)) != 0;
    syntax_error_report(&c);
    return 0;
}

/* ---- entry points ---------------------------------------------------------- */

/* Position of the first byte that is not valid UTF-8, if any.  On entry
 * *line holds the number of the text's first line. */
static bool find_bad_utf8(const char *text, size_t len, int *line, int *col, unsigned char *byte)
{
    const unsigned char *s = (const unsigned char *)text;
    *col = 1;
    for (size_t i = 0; i < len;) {
        unsigned c = s[i];
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        bool ok = n > 0 && i + n <= len;
        unsigned v = n == 2 ? (c & 0x1f) : n == 3 ? (c & 0x0f) : (c & 0x07);
        for (size_t k = 1; ok && k < n; k++) {
            ok = (s[i + k] & 0xc0) == 0x80;
            v = (v << 6) | (s[i + k] & 0x3f);
        }
        if (ok && n > 1)
            ok = !(n == 2 && v < 0x80) && !(n == 3 && v < 0x800) && !(n == 4 && v < 0x10000)
                 && v <= 0x10ffff && !(v >= 0xd800 && v <= 0xdfff);
        if (!ok) {
            *byte = s[i];
            return true;
        }
        if (c == '\n') {
            (*line)++;
            *col = 1;
        } else {
            *col += (int)n;
        }
        i += n;
    }
    return false;
}

static bool run_parser(Parser *P)
{
    int first = P->src->first_line > 1 ? P->src->first_line : 1;
    int line = first, col;
    unsigned char byte;
    if (find_bad_utf8(P->src->text, P->src->len, &line, &col, &byte)) {
        parse_fail_at(P, line, col,
                _("this file is not valid UTF-8 (byte 0x%02X): save it with the UTF-8 encoding"), byte);
        return false;
    }
    P->lex = (LexState){ .src = P->src, .line = first, .col = 1 };
    if (impact_yylex_init_extra(&P->lex, &P->scanner) != 0) {
        parse_fail_at(P, 1, 1, _("out of memory while reading the file"));
        return false;
    }
    YY_BUFFER_STATE buf = impact_yy_scan_bytes(P->src->text, (int)P->src->len, P->scanner);
    int rc = yyparse(P);
    impact_yy_delete_buffer(buf, P->scanner);
    impact_yylex_destroy(P->scanner);
    free(P->lex.err_msg);
    if (rc != 0 && !P->failed)
        parse_fail_at(P, 1, 1, _("the file could not be read"));
    return rc == 0 && !P->failed;
}

bool parse_source(SourceFile *src, SyntaxError *err)
{
    Parser P = { 0 };
    P.src = src;
    P.err = err;
    err->message = NULL;
    err->hint = NULL;
    err->loc = (SrcLoc){ src->path, 0, 0 };
    bool ok = run_parser(&P);
    src->root = ok ? P.root : NULL;
    return ok;
}

bool parse_source_all(SourceFile *src, ErrorList *errors)
{
    Parser P = { 0 };
    P.src = src;
    P.errors = errors;
    P.err = &P.worded;
    size_t before = errors->n;
    run_parser(&P);
    filter_flush_error(&P);
    free(P.worded.message);
    if (!P.root)
        P.root = mk(&P, N_PROGRAM, (YYLTYPE){ 1, 1, 1, 1 });
    src->root = P.root;
    return errors->n == before;
}

bool source_is_incomplete(const char *text)
{
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' ' || text[len - 1] == '\t'
                       || text[len - 1] == '\r'))
        len--;
    SourceFile *src = source_new("<input>", text, len);
    if (!src)
        return false;
    SyntaxError err = { 0 };
    Parser P = { 0 };
    P.src = src;
    P.err = &err;
    bool incomplete = false;
    if (!run_parser(&P))
        incomplete = P.error_at_end
                     && (P.depth > 0 || filter_continues_line(P.prev.kind) || P.wanted_then_else);
    free(err.message);
    source_free(src);
    return incomplete;
}
