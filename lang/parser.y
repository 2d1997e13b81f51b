/* parser.y — the grammar of impact (pure bison parser with locations).
 *
 * Contract: parse_source() turns a SourceFile's text into a tree of Node
 * (ast.h) allocated in the file's arena, or fills a SyntaxError for the
 * first error, in words an evaluator understands, located at the offending
 * token.  source_is_incomplete() tells the REPL whether a text needs a
 * continuation line.
 *
 * Between the raw scanner (lexer.l) and the grammar sits a token filter,
 * next_token(), which applies the line rules of the language:
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
%token WHERE "where" BY "by" WITH "with" TRUE "true" FALSE "false" FOR "for"
%token EQ "==" NE "!=" LE "<=" GE ">=" LT "<" GT ">" ASSIGN "="
%token PLUS "+" MINUS "-" STAR "*" SLASH "/" CARET "^"
%token LPAREN "(" RPAREN ")" LBRACKET "[" RBRACKET "]" LBRACE "{" RBRACE "}"
%token COMMA "," DOT "." COLON ":" SEMI ";"

%type <node> program stmts stmt let_stmt fn_stmt use_stmt unit_stmt model_stmt
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

enum { MAX_NESTING = 200 };

/* One token as seen by the filter: kind, value, location, spelling. */
typedef struct Token {
    int kind;          /* TOK_... token kind, TOK_YYEOF at the end */
    YYSTYPE val;
    YYLTYPE loc;
    char text[48];     /* spelling, shortened, for messages */
} Token;

typedef enum BraceRole { BRACE_PLAIN, BRACE_MODEL, BRACE_DECL } BraceRole;

typedef struct Opener {
    int kind;          /* TOK_LPAREN, TOK_LBRACKET, TOK_LBRACE */
    YYLTYPE loc;
    BraceRole role;
} Opener;

struct Parser {
    SourceFile *src;
    yyscan_t scanner;
    LexState lex;
    Token pending[2];  /* raw tokens read ahead */
    int n_pending;
    Token cur, prev, prev2;  /* last three tokens handed to the grammar */
    int n_given;
    Opener open[MAX_NESTING];
    int depth;
    Opener closed;     /* the opener matched by the last closer given */
    bool model_next;   /* the next '{' opens a model body */
    bool failed;
    SyntaxError *err;
    Node *root;
    bool error_at_end; /* for source_is_incomplete */
    bool wanted_then_else;
};

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

static Node *mk_op(Parser *P, NodeKind kind, YYLTYPE loc, const char *op, Node *a, Node *b)
{
    Node *n = mk(P, kind, loc);
    n->op = op;
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

static void fail_at(Parser *P, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

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

stmts
    : stmt              { $$ = push(P, mk(P, N_PROGRAM, @1), $1); }
    | stmts seps stmt   { $$ = push(P, $1, $3); }
    ;

stmt
    : let_stmt
    | fn_stmt
    | PRINT expr        { $$ = mk(P, N_PRINT, @1); $$->a = $2; }
    | use_stmt
    | unit_stmt
    | model_stmt
    | expr              { $$ = mk(P, N_EXPR_STMT, @1); $$->a = $1; }
    ;

let_stmt
    : LET NAME ASSIGN expr  { $$ = mk(P, N_LET, @1); $$->name = $2.s; $$->a = $4; }
    ;

fn_stmt
    : FN NAME LPAREN params RPAREN ASSIGN expr {
          $$ = mk(P, N_FN, @1); $$->name = $2.s; adopt($$, $4); $$->a = $7; }
    ;

use_stmt
    : USE STRING            { $$ = mk(P, N_USE, @1); $$->str = $2.s;
                              $$->name = use_default_name(P, $2.s);
                              if (!is_plain_name($$->name)) {
                                  fail_at(P, @2.first_line, @2.first_column,
                                          "'%s' cannot be used as a name: write 'use \"%s\" as NAME'",
                                          $$->name, $2.s);
                                  YYABORT;
                              } }
    | USE STRING AS NAME    { $$ = mk(P, N_USE, @1); $$->str = $2.s; $$->name = $4.s; }
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
    | with_expr WITH overrides  { $$ = mk_op(P, N_WITH, @2, "with", $1, NULL); adopt($$, $3); }
    ;

where_expr
    : or_expr
    | where_expr WHERE or_expr  { $$ = mk_op(P, N_WHERE, @2, "where", $1, $3); }
    | where_expr BY or_expr     { $$ = mk_op(P, N_BY, @2, "by", $1, $3); }
    ;

or_expr
    : and_expr
    | or_expr OR and_expr       { $$ = mk_op(P, N_BINARY, @2, "or", $1, $3); }
    ;

and_expr
    : not_expr
    | and_expr AND not_expr     { $$ = mk_op(P, N_BINARY, @2, "and", $1, $3); }
    ;

not_expr
    : cmp_expr
    | NOT not_expr              { $$ = mk_op(P, N_UNARY, @1, "not", $2, NULL); }
    ;

cmp_expr
    : to_expr
    | to_expr EQ to_expr        { $$ = mk_op(P, N_BINARY, @2, "==", $1, $3); }
    | to_expr NE to_expr        { $$ = mk_op(P, N_BINARY, @2, "!=", $1, $3); }
    | to_expr LT to_expr        { $$ = mk_op(P, N_BINARY, @2, "<", $1, $3); }
    | to_expr LE to_expr        { $$ = mk_op(P, N_BINARY, @2, "<=", $1, $3); }
    | to_expr GT to_expr        { $$ = mk_op(P, N_BINARY, @2, ">", $1, $3); }
    | to_expr GE to_expr        { $$ = mk_op(P, N_BINARY, @2, ">=", $1, $3); }
    | to_expr IN to_expr        { $$ = mk_op(P, N_BINARY, @2, "in", $1, $3); }
    ;

to_expr
    : add_expr
    | add_expr TO add_expr      { $$ = mk_op(P, N_BINARY, @2, "to", $1, $3); }
    ;

add_expr
    : mul_expr
    | add_expr PLUS mul_expr    { $$ = mk_op(P, N_BINARY, @2, "+", $1, $3); }
    | add_expr MINUS mul_expr   { $$ = mk_op(P, N_BINARY, @2, "-", $1, $3); }
    ;

mul_expr
    : unary_expr
    | mul_expr STAR unary_expr  { $$ = mk_op(P, N_BINARY, @2, "*", $1, $3); }
    | mul_expr SLASH unary_expr { $$ = mk_op(P, N_BINARY, @2, "/", $1, $3); }
    ;

unary_expr
    : pow_expr
    | MINUS unary_expr          { $$ = mk_op(P, N_UNARY, @1, "-", $2, NULL); }
    | PLUS unary_expr           { $$ = mk_op(P, N_UNARY, @1, "+", $2, NULL); }
    ;

/* right-associative, and the exponent may be negative: 2^-1 */
pow_expr
    : postfix
    | postfix CARET unary_expr  { $$ = mk_op(P, N_BINARY, @2, "^", $1, $3); }
    ;

postfix
    : primary
    | postfix LPAREN args RPAREN      { $$ = mk(P, N_CALL, @2); $$->a = $1; adopt($$, $3); }
    | postfix DOT NAME                { $$ = mk(P, N_GET, @2); $$->a = $1; $$->name = $3.s; }
    | postfix LBRACKET expr RBRACKET  { $$ = mk_op(P, N_INDEX, @2, NULL, $1, $3); }
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
    ;

model_item
    : NAME ASSIGN expr      { $$ = mk(P, N_FIELD, @1); $$->name = $1.s; $$->a = $3; }
    | NAME NAME opt_str opt_value opt_for decl_fields {
          $$ = mk(P, N_DECL, @1); $$->op = $1.s; $$->name = $2.s; $$->str = $3.s;
          $$->a = $4; $$->b = $5; adopt($$, $6); }
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
    ;

%%

/* ---- the token filter ------------------------------------------------------ */

static void fail_at(Parser *P, int line, int col, const char *fmt, ...)
{
    if (P->failed)
        return;
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    P->failed = true;
    P->err->loc = (SrcLoc){ P->src->path, line, col };
    free(P->err->message);
    P->err->message = strdup(buf);
}

/* Copies a token's spelling for messages, cut at a character boundary. */
static void set_text(Token *t, const char *s, size_t n)
{
    size_t max = sizeof t->text - 4;
    bool cut = n > max;
    if (cut) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
            n--;
    }
    memcpy(t->text, s, n);
    strcpy(t->text + n, cut ? "..." : "");
}

static void raw_next(Parser *P, Token *t)
{
    if (P->n_pending > 0) {
        *t = P->pending[0];
        P->pending[0] = P->pending[1];
        P->n_pending--;
        return;
    }
    memset(t, 0, sizeof *t);
    int kind = impact_yylex(&t->val, &t->loc, P->scanner);
    if (kind == TOK_YYEOF) {
        t->loc.first_line = t->loc.last_line = P->lex.line;
        t->loc.first_column = t->loc.last_column = P->lex.col;
    }
    t->kind = kind;
    if (kind == TOK_NEWLINE || kind == TOK_YYEOF || kind == TOK_YYerror)
        return;
    set_text(t, impact_yyget_text(P->scanner), (size_t)impact_yyget_leng(P->scanner));
}

/* The filter never reads more than one token ahead, so one slot would do;
 * the second is a margin, and the check keeps a future change from
 * writing past the array. */
static void push_back(Parser *P, const Token *t)
{
    if (P->n_pending < (int)(sizeof P->pending / sizeof P->pending[0]))
        P->pending[P->n_pending++] = *t;
}

/* Tokens after which a line goes on: they need something on their right. */
static bool continues_line(int kind)
{
    switch (kind) {
    case TOK_PLUS: case TOK_MINUS: case TOK_STAR: case TOK_SLASH: case TOK_CARET:
    case TOK_EQ: case TOK_NE: case TOK_LT: case TOK_LE: case TOK_GT: case TOK_GE:
    case TOK_AND: case TOK_OR: case TOK_NOT: case TOK_IN: case TOK_TO:
    case TOK_WHERE: case TOK_BY: case TOK_WITH: case TOK_COMMA: case TOK_DOT:
    case TOK_COLON: case TOK_LPAREN: case TOK_LBRACKET: case TOK_LBRACE:
    case TOK_IF: case TOK_THEN: case TOK_ELSE:
        return true;
    default:
        return false;
    }
}

/* Words that cannot start a statement, so a line starting with one goes on
 * the line above: `then`, `else`, `}`, and the word operators, which lets a
 * table be filtered and grouped one step per line. */
static bool starts_continuation(int kind)
{
    switch (kind) {
    case TOK_THEN: case TOK_ELSE: case TOK_RBRACE:
    case TOK_WHERE: case TOK_BY: case TOK_WITH: case TOK_AND: case TOK_OR:
        return true;
    default:
        return false;
    }
}

static bool inside_parens(const Parser *P)
{
    return P->depth > 0 && P->open[P->depth - 1].kind != TOK_LBRACE;
}

/* Whether a newline is only white space here rather than the end of a
 * statement.  May read ahead one token (pushed back). */
static bool newline_is_space(Parser *P)
{
    if (P->n_given == 0 || P->cur.kind == TOK_NEWLINE || P->cur.kind == TOK_SEMI)
        return true;
    if (inside_parens(P) || continues_line(P->cur.kind))
        return true;
    Token next;
    do
        raw_next(P, &next);
    while (next.kind == TOK_NEWLINE);
    push_back(P, &next);
    return starts_continuation(next.kind) || (next.kind == TOK_LBRACE && P->model_next);
}

/* 9_000 EUR: a number and the name right after it on the same line. */
static void merge_quantity(Parser *P, Token *t)
{
    Token next;
    raw_next(P, &next);
    if (next.kind != TOK_NAME) {
        push_back(P, &next);
        return;
    }
    t->kind = TOK_QUANTITY;
    t->val.tok.unit = next.val.tok.s;
    t->loc.last_line = next.loc.last_line;
    t->loc.last_column = next.loc.last_column;
    char both[2 * sizeof t->text];
    snprintf(both, sizeof both, "%s %s", t->text, next.text);
    set_text(t, both, strlen(both));
}

static const char *closer_of(int open_kind)
{
    return open_kind == TOK_LPAREN ? ")" : open_kind == TOK_LBRACKET ? "]" : "}";
}

static const char *opener_text(int open_kind)
{
    return open_kind == TOK_LPAREN ? "(" : open_kind == TOK_LBRACKET ? "[" : "{";
}

static const char *opener_of(int close_kind)
{
    return close_kind == TOK_RPAREN ? "(" : close_kind == TOK_RBRACKET ? "[" : "{";
}

static BraceRole brace_role(const Parser *P)
{
    if (P->model_next)
        return BRACE_MODEL;
    if (P->depth > 0 && P->open[P->depth - 1].role == BRACE_MODEL
        && (P->cur.kind == TOK_NAME || P->cur.kind == TOK_STRING || P->cur.kind == TOK_QUANTITY
            || P->cur.kind == TOK_NUMBER || P->cur.kind == TOK_RPAREN))
        return BRACE_DECL;
    return BRACE_PLAIN;
}

/* Keeps the stack of open brackets; reports stray and mismatched closers. */
static bool track_brackets(Parser *P, const Token *t)
{
    int k = t->kind;
    if (k == TOK_LPAREN || k == TOK_LBRACKET || k == TOK_LBRACE) {
        if (P->depth == MAX_NESTING) {
            fail_at(P, t->loc.first_line, t->loc.first_column,
                    "too many brackets inside each other (more than %d): split the expression with 'let'",
                    MAX_NESTING);
            return false;
        }
        BraceRole role = k == TOK_LBRACE ? brace_role(P) : BRACE_PLAIN;
        P->open[P->depth] = (Opener){ k, t->loc, role };
        P->depth++;
        return true;
    }
    if (k != TOK_RPAREN && k != TOK_RBRACKET && k != TOK_RBRACE)
        return true;
    if (P->depth == 0) {
        fail_at(P, t->loc.first_line, t->loc.first_column,
                "unexpected '%s' \xe2\x80\x94 there is no '%s' to close", t->text, opener_of(k));
        return false;
    }
    const Opener *o = &P->open[P->depth - 1];
    if (strcmp(closer_of(o->kind), t->text) != 0) {
        fail_at(P, t->loc.first_line, t->loc.first_column,
                "unexpected '%s': the '%s' opened at line %d, column %d must be closed first with '%s'",
                t->text, opener_text(o->kind), o->loc.first_line, o->loc.first_column, closer_of(o->kind));
        return false;
    }
    P->closed = *o;
    P->depth--;
    return true;
}

/* A keyword written where only a field name can stand is a name: after '.'
 * (`t.unit`, a column called "unit"), and before '=' or ':' inside brackets
 * or braces (`{ unit = "h" }`, `f(to: 3)`). */
static bool keyword_is_field_name(Parser *P)
{
    if (P->n_given > 0 && P->cur.kind == TOK_DOT)
        return true;
    if (P->depth == 0)
        return false;
    Token next;
    raw_next(P, &next);
    push_back(P, &next);
    return next.kind == TOK_ASSIGN || next.kind == TOK_COLON;
}

static int yylex(YYSTYPE *val, YYLTYPE *loc, Parser *P)
{
    Token t;
    for (;;) {
        raw_next(P, &t);
        if (t.kind != TOK_NEWLINE || !newline_is_space(P))
            break;
    }
    if (t.kind == TOK_YYerror) {
        bool first = !P->failed;
        fail_at(P, P->lex.err_line, P->lex.err_col, "%s", P->lex.err_msg ? P->lex.err_msg : "bad input");
        if (first) P->err->hint = P->lex.err_hint;
        return TOK_YYerror;
    }
    if (t.kind == TOK_NUMBER)
        merge_quantity(P, &t);
    if (t.kind >= TOK_LET && t.kind <= TOK_FOR && keyword_is_field_name(P)) {
        t.kind = TOK_NAME;
        t.val.tok.s = arena_strdup(P->src, t.text, strlen(t.text));
        t.val.tok.len = strlen(t.text);
    }
    if ((t.kind == TOK_PLUS || t.kind == TOK_MINUS) && P->cur.kind == TOK_NEWLINE && P->depth == 0) {
        /* `let x = 1` then `+ 2` on the next line would silently be two statements */
        fail_at(P, t.loc.first_line, t.loc.first_column,
                "a line cannot start with '%s': to continue the line above, end it with '%s'",
                t.text, t.text);
        return TOK_YYerror;
    }
    if (!track_brackets(P, &t))
        return TOK_YYerror;
    if (t.kind == TOK_MODEL)
        P->model_next = true;
    else if (t.kind == TOK_LBRACE || t.kind == TOK_NEWLINE || t.kind == TOK_SEMI)
        P->model_next = false;
    P->prev2 = P->prev;
    P->prev = P->cur;
    P->cur = t;
    P->n_given++;
    *val = t.val;
    *loc = t.loc;
    return t.kind;
}

/* ---- syntax error messages ------------------------------------------------- */

static void yyerror(YYLTYPE *loc, Parser *P, const char *msg)
{
    /* Only reached when the parser's stack is exhausted. */
    (void)msg;
    fail_at(P, loc->first_line, loc->first_column,
            "this expression is nested too deeply to read: split it with 'let'");
}

/* The unexpected token, in words. */
static void describe_token(const Token *t, char *buf, size_t size)
{
    if (t->kind == TOK_NEWLINE)
        snprintf(buf, size, "the end of the line");
    else if (t->kind == TOK_YYEOF)
        snprintf(buf, size, "the end of the file");
    else if (t->kind == TOK_STRING)
        snprintf(buf, size, "the text %s", t->text);   /* spelled with its quotes */
    else
        snprintf(buf, size, "'%s'", t->text);
}

/* An expected token kind, in words. */
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

static bool starts_expression(int kind)
{
    switch (kind) {
    case TOK_NUMBER: case TOK_QUANTITY: case TOK_STRING: case TOK_NAME: case TOK_TRUE:
    case TOK_FALSE: case TOK_LBRACE: case TOK_IF: case TOK_NOT: case TOK_FN:
    case TOK_LBRACKET: case TOK_LPAREN:
        return true;
    default:
        return false;
    }
}

static bool ends_expression(int kind)
{
    switch (kind) {
    case TOK_NUMBER: case TOK_QUANTITY: case TOK_STRING: case TOK_NAME: case TOK_TRUE:
    case TOK_FALSE: case TOK_RPAREN: case TOK_RBRACKET: case TOK_RBRACE:
        return true;
    default:
        return false;
    }
}

static bool starts_statement(int kind)
{
    return kind == TOK_LET || kind == TOK_PRINT || kind == TOK_USE || kind == TOK_MODEL
        || kind == TOK_UNIT;
}

/* Whether the error is inside a model body or an entry's { } (a closing
 * brace counts as inside the brace it closes). */
static bool in_model_braces(const Parser *P)
{
    if (P->cur.kind == TOK_RBRACE)
        return P->closed.role != BRACE_PLAIN;
    return P->depth > 0 && P->open[P->depth - 1].role != BRACE_PLAIN;
}

static bool is_comparison(int kind)
{
    return kind == TOK_EQ || kind == TOK_NE || kind == TOK_LT || kind == TOK_LE
        || kind == TOK_GT || kind == TOK_GE || kind == TOK_IN;
}

static bool is_separator(int kind)
{
    return kind == TOK_NEWLINE || kind == TOK_SEMI || kind == TOK_COMMA || kind == TOK_LBRACE;
}

/* Where to point: at the unexpected token, or just after the previous one
 * when the unexpected thing is the end of a line or of the file. */
static void error_position(const Parser *P, int *line, int *col)
{
    const Token *t = &P->cur;
    bool closes = t->kind == TOK_RBRACE || t->kind == TOK_RPAREN || t->kind == TOK_RBRACKET;
    bool ends = t->kind == TOK_NEWLINE || t->kind == TOK_YYEOF
             || (closes && t->loc.first_line > P->prev.loc.last_line);
    if (ends && P->n_given > 1) {
        *line = P->prev.loc.last_line;
        *col = P->prev.loc.last_column + 1;
    } else {
        *line = t->loc.first_line;
        *col = t->loc.first_column;
    }
}

/* A plausible value to show in "write 'quantity = 40'". */
static const char *example_value(const char *field)
{
    static const char *const examples[][2] = {
        { "quantity", "40" }, { "proxy", "9_000 EUR" }, { "duration", "3 year" },
        { "discount", "3.5%" }, { "deadweight", "20%" }, { "attribution", "20%" },
        { "displacement", "5%" }, { "dropoff", "20%" },
    };
    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
        if (strcmp(examples[i][0], field) == 0)
            return examples[i][1];
    return "...";
}

/* Whether a number's spelling is digits only (the 3 of 3,5). */
static bool is_whole_spelling(const char *s)
{
    if (!(*s >= '0' && *s <= '9'))
        return false;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || *s == '_'))
            return false;
    return true;
}

/* 3,5 written for 3.5: a whole number, a comma, a number, where a comma
 * cannot separate two values (a statement, a model setting, the fields of a
 * record or an entry); outside a model, only when nothing separates them.
 * Fills `fixed` with what to write ("3.5%") and `wrong` with what was
 * written ("3,5%").  At the top level and in a model's
 * settings the comma itself is unexpected, and the number after it has not
 * been read yet. */
static bool is_decimal_comma(Parser *P, char *fixed, char *wrong, size_t size)
{
    const char *whole = NULL, *part = NULL;
    char unit_part[64] = "";
    Token next, after;
    if (P->cur.kind == TOK_COMMA && P->prev.kind == TOK_NUMBER && !inside_parens(P)) {
        raw_next(P, &next);
        raw_next(P, &after);
        push_back(P, &next);
        push_back(P, &after);
        if (next.kind != TOK_NUMBER || next.loc.first_line != P->cur.loc.first_line
            || (!in_model_braces(P) && next.loc.first_column != P->cur.loc.first_column + 1))
            return false;
        whole = P->prev.text;
        part = next.text;
        if (after.kind == TOK_NAME && after.loc.first_line == next.loc.first_line)
            snprintf(unit_part, sizeof unit_part, " %s", after.text);
    } else if ((P->cur.kind == TOK_NUMBER || P->cur.kind == TOK_QUANTITY) && P->prev.kind == TOK_COMMA
               && P->prev2.kind == TOK_NUMBER && P->depth > 0
               && P->open[P->depth - 1].kind == TOK_LBRACE
               && (in_model_braces(P) || P->cur.loc.first_column == P->prev.loc.first_column + 1)) {
        whole = P->prev2.text;
        part = P->cur.text;
    }
    if (!whole || !is_whole_spelling(whole) || !(part[0] >= '0' && part[0] <= '9'))
        return false;
    snprintf(fixed, size, "%s.%s%s", whole, part, unit_part);
    snprintf(wrong, size, "%s,%s%s", whole, part, unit_part);
    return true;
}

/* `x = 3` as a statement: the user meant `let x = 3`.  The rest of the line
 * after '=' is shown as the value (shortened), in the suggestion. */
static bool is_bare_assignment(const Parser *P)
{
    bool statement_start = P->n_given == 2 || P->prev2.kind == TOK_NEWLINE || P->prev2.kind == TOK_SEMI;
    bool statement_place = P->depth == 0 || P->open[P->depth - 1].role == BRACE_PLAIN;
    return P->cur.kind == TOK_ASSIGN && P->prev.kind == TOK_NAME && statement_start && statement_place;
}

/* The text after token t on its line, trimmed, for a suggestion. */
static void rest_of_line(const Parser *P, const Token *t, char *buf, size_t size)
{
    char line[256];
    source_line(P->src, t->loc.first_line, line, sizeof line);
    size_t start = (size_t)t->loc.last_column;     /* the byte after the token */
    const char *p = start <= strlen(line) ? line + start : "";
    while (*p == ' ' || *p == '\t')
        p++;
    size_t n = 0;     /* up to a comment or ';', outside texts */
    for (bool in_text = false; p[n] && (in_text || (p[n] != '#' && p[n] != ';')); n++) {
        if (p[n] == '"')
            in_text = !in_text;
        else if (p[n] == '\\' && in_text && p[n + 1])
            n++;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        n--;
    if (n == 0) {
        snprintf(buf, size, "...");
        return;
    }
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)p[n] & 0xc0) == 0x80)
            n--;
        snprintf(buf, size, "%.*s...", (int)n, p);
        return;
    }
    snprintf(buf, size, "%.*s", (int)n, p);
}

/* Byte offset in the source text of a position (line counted as in
 * messages, column in bytes from 1). */
static size_t source_offset(const Parser *P, int line, int col)
{
    const char *p = P->src->text, *end = P->src->text + P->src->len;
    int first = P->src->first_line > 1 ? P->src->first_line : 1;
    for (int l = first; l < line && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    size_t off = (size_t)(p - P->src->text) + (size_t)(col > 0 ? col - 1 : 0);
    return off < P->src->len ? off : P->src->len;
}

/* Whether the brace of opener o has a matching '}' somewhere further in the
 * file (braces counted outside texts and comments): if it does, a statement
 * inside it was written there on purpose, not left by a missing '}'. */
static bool brace_is_closed(const Parser *P, const Opener *o)
{
    const char *s = P->src->text;
    size_t n = P->src->len, i = source_offset(P, o->loc.first_line, o->loc.first_column);
    int depth = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '#') {
            while (i < n && s[i] != '\n')
                i++;
        } else if (c == '"') {
            for (i++; i < n && s[i] != '"' && s[i] != '\n'; i++)
                if (s[i] == '\\')
                    i++;
        } else if (c == '{') {
            depth++;
        } else if (c == '}' && --depth == 0) {
            return true;
        }
    }
    return false;
}

/* A statement written inside a model whose braces do balance: say what a
 * model holds and where the statement goes instead. */
static void not_in_model(Parser *P, const Token *t, int line, int col, int model_line)
{
    char rest[64];
    rest_of_line(P, t, rest, sizeof rest);
    char where[96];
    if (t->kind == TOK_PRINT)
        snprintf(where, sizeof where, "after the model");
    else if (t->kind == TOK_LET || t->kind == TOK_FN)
        snprintf(where, sizeof where, "before the model (above line %d), then use its name in the model",
                 model_line);
    else
        snprintf(where, sizeof where, "before the model (above line %d)", model_line);
    fail_at(P, line, col, "'%s' cannot go inside a model: a model holds only settings (discount = 3.5%%) "
                          "and declarations (stakeholder, input, outcome); write '%s %s' %s",
            t->text, t->text, rest, where);
}

/* After `T.word` the error is on a second word of the same line: the user
 * probably wrote a column title with spaces after the dot (t.Chiffre
 * d’affaires).  Writes into buf the bracket form, T["Chiffre d’affaires"],
 * taken from the source line (the parser cannot know T's columns), and
 * returns true; false when the tokens do not look like that. */
static bool spaced_title_after_dot(const Parser *P, char *buf, size_t size)
{
    const Token *t = &P->cur, *prev = &P->prev;
    if (P->n_given < 3 || t->kind != TOK_NAME || prev->kind != TOK_NAME || P->prev2.kind != TOK_DOT
        || t->loc.first_line != prev->loc.first_line || prev->loc.first_line != P->prev2.loc.first_line)
        return false;
    const char *line = P->src->text;
    for (int l = P->src->first_line; l < prev->loc.first_line && line; l++) {
        line = strchr(line, '\n');
        if (line) line++;
    }
    if (!line) return false;
    size_t line_len = strcspn(line, "\n");
    size_t dot = (size_t)P->prev2.loc.first_column - 1, start = (size_t)prev->loc.first_column - 1;
    if (dot >= line_len || start >= line_len) return false;
    size_t tb = dot;   /* the table as written: t, or c.coop */
    while (tb > 0) {
        unsigned char c = (unsigned char)line[tb - 1];
        if (!(c >= 0x80 || c == '_' || c == '.' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            break;
        tb--;
    }
    size_t end = start;   /* the title: words and spaces up to an operator or the end of the line */
    while (end < line_len) {
        unsigned char c = (unsigned char)line[end];
        if (!(c >= 0x80 || c == '_' || c == ' ' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
            break;
        end++;
    }
    static const char *const stops[] = { " and ", " or ", " where ", " by ", " then ", " else ", " to ", " with " };
    for (size_t i = 0; i < sizeof stops / sizeof *stops; i++) {
        const char *hit = memmem(line + start, end - start, stops[i], strlen(stops[i]));
        if (hit) end = (size_t)(hit - line);
    }
    while (end > start && line[end - 1] == ' ') end--;
    if (end - start > 120 || dot - tb > 60) return false;
    if (tb == dot) snprintf(buf, size, "T[\"%.*s\"]", (int)(end - start), line + start);
    else snprintf(buf, size, "%.*s[\"%.*s\"]", (int)(dot - tb), line + tb, (int)(end - start), line + start);
    return true;
}

static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *P)
{
    if (P->failed)
        return 0;
    yysymbol_kind_t expected[YYNTOKENS];
    int n = yypcontext_expected_tokens(ctx, expected, YYNTOKENS);
    if (n < 0)
        n = 0;
    const Token *t = &P->cur, *prev = &P->prev;
    bool has_prev = P->n_given > 1;
    P->error_at_end = t->kind == TOK_YYEOF;
    P->wanted_then_else = has_symbol(expected, n, YYSYMBOL_THEN) || has_symbol(expected, n, YYSYMBOL_ELSE);
    int line, col;
    error_position(P, &line, &col);
    char what[96], want[256];
    describe_token(t, what, sizeof what);

    if (P->depth > 0 && (t->kind == TOK_YYEOF || (inside_parens(P) && starts_statement(t->kind)))) {
        const Opener *o = &P->open[P->depth - 1];
        fail_at(P, o->loc.first_line, o->loc.first_column, "this '%s' is never closed: add '%s'",
                opener_text(o->kind), closer_of(o->kind));
        return 0;
    }
    if (P->depth > 0 && P->open[P->depth - 1].role == BRACE_MODEL
        && (starts_statement(t->kind) || (t->kind == TOK_FN && is_separator(prev->kind)))) {
        const Opener *o = &P->open[P->depth - 1];
        if (!brace_is_closed(P, o))
            fail_at(P, line, col, "'%s' cannot go inside a model: is the '}' closing the model "
                                  "opened at line %d missing?", t->text, o->loc.first_line);
        else
            not_in_model(P, t, line, col, o->loc.first_line);
        return 0;
    }
    if (in_model_braces(P) && has_symbol(expected, n, YYSYMBOL_ASSIGN) && has_prev
        && prev->kind == TOK_NAME && is_separator(P->prev2.kind)) {
        fail_at(P, prev->loc.first_line, prev->loc.first_column,
                "a model field needs a value: write '%s = %s'", prev->text, example_value(prev->text));
        return 0;
    }
    if (has_prev && prev->kind == TOK_NAME && has_symbol(expected, n, YYSYMBOL_ASSIGN)
        && has_symbol(expected, n, YYSYMBOL_COLON) && !has_symbol(expected, n, YYSYMBOL_NUMBER)
        && !has_symbol(expected, n, YYSYMBOL_PLUS)) {
        fail_at(P, prev->loc.first_line, prev->loc.first_column,
                "a field needs a value: write '%s = VALUE'", prev->text);
        return 0;
    }
    if (n == 1 && expected[0] == YYSYMBOL_ASSIGN && P->prev2.kind == TOK_LET) {
        fail_at(P, line, col, "expected '=' after 'let %s'", prev->text);
        return 0;
    }
    if (t->kind == TOK_DOT && has_symbol(expected, n, YYSYMBOL_NUMBER)) {
        fail_at(P, line, col, "a number starts with a digit: write 0.5, not .5");
        return 0;
    }
    if (!has_prev) {
        fail_at(P, line, col, "a statement cannot start with %s", what);
        return 0;
    }
    char fixed[96], wrong[96];
    if (is_decimal_comma(P, fixed, wrong, sizeof fixed)) {
        fail_at(P, prev->kind == TOK_COMMA ? prev->loc.first_line : line,
                prev->kind == TOK_COMMA ? prev->loc.first_column : col,
                "decimals are written with a point: write %s, not %s", fixed, wrong);
        return 0;
    }
    if (has_symbol(expected, n, YYSYMBOL_NUMBER) && starts_statement(t->kind)) {
        fail_at(P, line, col, "'%s' cannot be used inside an expression, only at the start of a statement",
                t->text);
        return 0;
    }
    if (is_bare_assignment(P)) {
        char value[64];
        rest_of_line(P, t, value, sizeof value);
        fail_at(P, line, col, "unexpected '=' after '%s': to give a name to a value, write 'let %s = %s'",
                prev->text, prev->text, value);
        return 0;
    }
    if (t->kind == TOK_ASSIGN && !has_symbol(expected, n, YYSYMBOL_ASSIGN)
        && has_symbol(expected, n, YYSYMBOL_EQ)) {
        fail_at(P, line, col, "unexpected '=' after '%s': to compare two values, write '=='", prev->text);
        return 0;
    }
    if (has_symbol(expected, n, YYSYMBOL_NUMBER)) {
        if (in_model_braces(P) && prev->kind == TOK_ASSIGN && P->prev2.kind == TOK_NAME)
            fail_at(P, line, col, "a model field needs a value: write '%s = %s'", P->prev2.text,
                    example_value(P->prev2.text));
        else if (prev->kind == TOK_NEWLINE || prev->kind == TOK_SEMI)
            fail_at(P, line, col, "a statement cannot start with %s", what);
        else if (prev->kind == TOK_ASSIGN && (t->kind == TOK_NEWLINE || t->kind == TOK_YYEOF))
            fail_at(P, line, col, "a line cannot end with '=': the value must start on the line of '=' "
                                  "(or open a parenthesis there, '= (', to spread it over several lines)");
        else
            fail_at(P, line, col, "expected an expression after '%s'", prev->text);
        return 0;
    }
    if (is_comparison(t->kind)) {
        fail_at(P, line, col, "comparisons cannot be chained: write 'a < b and b < c'");
        return 0;
    }
    if (t->kind == TOK_TO) {
        fail_at(P, line, col, "'to' cannot be chained: write 'a to b' once, with parentheses around other 'to'");
        return 0;
    }
    if (has_symbol(expected, n, YYSYMBOL_ELSE) && !starts_expression(t->kind)) {
        fail_at(P, line, col, "this 'if' needs an 'else': write 'if CONDITION then A else B'");
        return 0;
    }
    if (has_symbol(expected, n, YYSYMBOL_THEN)) {
        fail_at(P, line, col, "expected 'then' after the condition of 'if': write 'if CONDITION then A else B'");
        return 0;
    }
    if (starts_statement(t->kind) && ends_expression(prev->kind)) {
        fail_at(P, line, col, "'%s' must start a new line (or follow ';')", t->text);
        return 0;
    }
    if (n >= 1 && n <= 3) {
        char list[200] = "";
        for (int i = 0; i < n; i++) {
            if (i > 0)
                strcat(list, i == n - 1 ? " or " : ", ");
            strcat(list, describe_symbol(expected[i], want, sizeof want));
        }
        if (t->kind == TOK_NEWLINE || t->kind == TOK_YYEOF)
            fail_at(P, line, col, "expected %s after '%s'", list,
                    prev->kind == TOK_NEWLINE ? "the end of the line" : prev->text);
        else
            fail_at(P, line, col, "expected %s after '%s', not %s", list,
                    prev->kind == TOK_NEWLINE ? "the end of the line" : prev->text, what);
        return 0;
    }
    if (t->kind == TOK_COLON) {
        fail_at(P, line, col, "unexpected ':' after '%s': ':' only goes in records {a: 1} "
                              "and named arguments f(x: 1)", prev->text);
        return 0;
    }
    if (t->kind == TOK_COMMA && P->depth > 0 && P->open[P->depth - 1].kind == TOK_LPAREN) {
        fail_at(P, line, col, "unexpected ',' inside parentheses: to write a list, use [1, 2]");
        return 0;
    }
    if (t->kind == TOK_COMMA && P->depth == 0) {
        fail_at(P, line, col, "unexpected ',' after '%s': ',' separates items inside ( ), [ ] or { }; "
                              "write one statement per line", prev->text);
        return 0;
    }
    if (starts_expression(t->kind) && ends_expression(prev->kind)) {
        if ((t->kind == TOK_NUMBER || t->kind == TOK_QUANTITY) && prev->kind == TOK_NUMBER)
        {
            bool first = !P->failed;
            fail_at(P, line, col, "two numbers side by side: write thousands as 80_000 (not 80 000), "
                                  "or put %s between them", inside_parens(P) ? "',' or an operator" : "an operator");
            /* the French way of grouping thousands: 8 500 EUR */
            if (first)
                P->err->hint = _("a space does not group thousands in a model: write 8_500 EUR or "
                             "8500 EUR, not 8 500 EUR (the space of French figures separates "
                             "two numbers here)");
        }
        else if (t->kind == TOK_NAME && (strcmp(t->text, "x") == 0 || strcmp(t->text, "X") == 0))
            fail_at(P, line, col, "expected an operator before 'x': to multiply, write *");
        else if (spaced_title_after_dot(P, want, sizeof want))
            fail_at(P, line, col, "expected an operator or %s before %s \xe2\x80\x94 if this is a column title "
                                  "with spaces, write %s", inside_parens(P) ? "','" : "the end of the line", what,
                    want);
        else if (inside_parens(P))
            fail_at(P, line, col, "expected an operator or ',' before %s", what);
        else
            fail_at(P, line, col, "expected an operator or the end of the line before %s", what);
        return 0;
    }
    if (prev->kind != TOK_NEWLINE && prev->kind != TOK_SEMI)
        fail_at(P, line, col, "unexpected %s after '%s'", what, prev->text);
    else
        fail_at(P, line, col, "unexpected %s", what);
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
        fail_at(P, line, col,
                "this file is not valid UTF-8 (byte 0x%02X): save it with the UTF-8 encoding", byte);
        return false;
    }
    P->lex = (LexState){ .src = P->src, .line = first, .col = 1 };
    if (impact_yylex_init_extra(&P->lex, &P->scanner) != 0) {
        fail_at(P, 1, 1, "out of memory while reading the file");
        return false;
    }
    YY_BUFFER_STATE buf = impact_yy_scan_bytes(P->src->text, (int)P->src->len, P->scanner);
    int rc = yyparse(P);
    impact_yy_delete_buffer(buf, P->scanner);
    impact_yylex_destroy(P->scanner);
    free(P->lex.err_msg);
    if (rc != 0 && !P->failed)
        fail_at(P, 1, 1, "the file could not be read");
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
                     && (P.depth > 0 || continues_line(P.prev.kind) || P.wanted_then_else);
    free(err.message);
    source_free(src);
    return incomplete;
}
