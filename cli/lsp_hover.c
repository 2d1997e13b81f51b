/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* lsp_hover.c — `impact lsp` hover (see lsp.h): the name under the cursor,
 * evaluated in the interpreter that ran the document, shown as the REPL
 * shows it (with its unit); an outcome with its impact and present value, a
 * model with its SROI ratio, a proxy (a record with a `source`) with its
 * amount and source, a built-in function with its help (as :help shows it).  What small-group protection hides stays hidden: the
 * value is formatted by the one printer, which applies it. */
#include <stdlib.h>
#include <string.h>

#include "cli/lsp.h"
#include "lang/utf8.h"

/* The most of one value a hover shows. */
#define HOVER_MAX_BYTES 4000

/* Evaluates a chain of plain names ("fr.rsa") in I; false (no error left)
 * when it is not one or does not evaluate. */
static bool evaluate(Interp *I, const char *chain, Value *out)
{
    char *copy = lsp_strdup(chain), *save = NULL;
    bool plain = true;
    for (char *part = strtok_r(copy, ".", &save); part; part = strtok_r(NULL, ".", &save))
        plain = plain && utf8_is_plain_name(part);
    free(copy);
    *out = value_nil();
    if (!plain || interp_has_error(I)) return false;
    bool ok = interp_run_string(I, "<hover>", chain, out);
    if (!ok) {
        interp_clear_error(I);
        value_release(*out);
        *out = value_nil();
    }
    return ok;
}

static void append_value(Interp *I, Value v, StrBuf *md)
{
    StrBuf text;
    sb_init(&text);
    value_format(I, v, &text);
    size_t n = text.data ? utf8_cut(text.data, text.len, HOVER_MAX_BYTES) : 0;
    if (text.data) sb_appendn(md, text.data, n);
    if (n < text.len) sb_append(md, " …");
    sb_free(&text);
}

/* A field of a record, formatted, or false. */
static bool field_text(Interp *I, Value rec, const char *key, StrBuf *out)
{
    Value v;
    if (rec.kind != V_RECORD || !record_get(rec, key, &v)) return false;
    append_value(I, v, out);
    return true;
}

static bool is_text_field(Value rec, const char *key, const char **text)
{
    Value v;
    if (rec.kind != V_RECORD || !record_get(rec, key, &v) || v.kind != V_STR) return false;
    *text = as_str(v)->data;
    return true;
}

/* One line "LABEL: VALUE" of a record's field, the label a whole sentence
 * with one %s (translated). */
static void field_line(Interp *I, Value rec, const char *key, const char *label, StrBuf *md)
{
    StrBuf v;
    sb_init(&v);
    if (field_text(I, rec, key, &v)) {
        sb_append(md, "\n\n");
        sb_printf(md, label, v.data ? v.data : "");
    }
    sb_free(&v);
}

static void describe_outcome(Interp *I, Value v, StrBuf *md)
{
    const char *label;
    if (is_text_field(v, "label", &label)) sb_printf(md, "\n\n%s", label);
    field_line(I, v, "impact", _("Impact in its first year: %s"), md);
    field_line(I, v, "present_value", _("Present value: %s"), md);
}

static void describe_proxy(Interp *I, Value v, StrBuf *md)
{
    const char *text;
    Value source;
    if (is_text_field(v, "label", &text)) sb_printf(md, "\n\n%s", text);
    field_line(I, v, "amount", _("Amount: %s"), md);
    if (!record_get(v, "source", &source)) return;
    if (source.kind == V_STR) {
        sb_append(md, "\n\n");
        sb_printf(md, _("Source: %s"), as_str(source)->data);
        return;
    }
    if (is_text_field(source, "title", &text)) {
        sb_append(md, "\n\n");
        sb_printf(md, _("Source: %s"), text);
    }
    if (is_text_field(source, "url", &text)) sb_printf(md, "\n\n<%s>", text);
}

/* A model: its ratio and present value, asked of the model by its fields. */
static void describe_model(Interp *I, const char *chain, StrBuf *md)
{
    static const char *const fields[] = { "sroi", "present_value" };
    const char *labels[] = { _("SROI ratio: %s"), _("Present value: %s") };
    for (size_t i = 0; i < 2; i++) {
        StrBuf path;
        sb_init(&path);
        sb_printf(&path, "%s.%s", chain, fields[i]);
        Value v;
        if (evaluate(I, path.data, &v)) {
            StrBuf text;
            sb_init(&text);
            append_value(I, v, &text);
            sb_append(md, "\n\n");
            sb_printf(md, labels[i], text.data ? text.data : "");
            sb_free(&text);
        }
        value_release(v);
        sb_free(&path);
    }
}

static void describe(Interp *I, const char *chain, Value v, StrBuf *md)
{
    Value probe;
    sb_printf(md, "```impact\n%s = ", chain);
    if (v.kind == V_OBJECT)
        sb_printf(md, "<%s>", as_foreign(v)->cls->name);
    else if (v.kind == V_RECORD &&
             (record_get(v, "impact", &probe) || record_get(v, "source", &probe)))
        sb_append(md, "{…}");
    else
        append_value(I, v, md);
    sb_append(md, "\n```");
    if (v.kind == V_RECORD && record_get(v, "impact", &probe) &&
        record_get(v, "present_value", &probe))
        describe_outcome(I, v, md);
    else if (v.kind == V_RECORD && record_get(v, "source", &probe))
        describe_proxy(I, v, md);
    else if (v.kind == V_OBJECT)
        describe_model(I, chain, md);
    else if (v.kind == V_BUILTIN && *builtin_help(as_builtin(v)->reg))
        sb_printf(md, "\n\n%s", builtin_help(as_builtin(v)->reg));
}

/* The chain to evaluate for the name at (line1, col1): an entry of a model
 * where it is declared is MODEL.ENTRY; NULL for a parameter (no value). */
static char *chain_to_show(const LspDoc *d, char *chain, int line1, int col1, const char *word)
{
    for (size_t i = 0; d->outline && i < d->outline->n_symbols; i++) {
        const OutlineSymbol *s = &d->outline->symbols[i];
        if (s->line != line1 || s->col != col1 || strcmp(s->name, word) != 0) continue;
        if (s->kind == OUTLINE_PARAM) break;
        if (s->kind != OUTLINE_ENTRY || !s->container) return chain;
        StrBuf b;
        sb_init(&b);
        sb_printf(&b, "%s.%s", s->container, s->name);
        free(chain);
        return sb_take(&b);
    }
    /* a name bound inside a function has no value to show */
    for (size_t i = 0; d->outline && i < d->outline->n_symbols; i++) {
        const OutlineSymbol *s = &d->outline->symbols[i];
        if (!s->top_level && s->kind != OUTLINE_ENTRY && strcmp(s->name, chain) == 0) {
            free(chain);
            return NULL;
        }
    }
    return chain;
}

json_object *lsp_hover(LspServer *S, LspDoc *d, int line, int character)
{
    size_t line_len, start, end;
    const char *l = lsp_line(d->text, d->len, line, &line_len);
    size_t col = lsp_byte_col(l, line_len, character);
    char *chain = lsp_chain_at(l, line_len, col, &start, &end);
    if (!chain) return NULL;
    char *word = lsp_alloc(end - start + 1);
    memcpy(word, l + start, end - start);
    chain = chain_to_show(d, chain, line + 1, (int)start + 1, word);
    free(word);
    lsp_doc_run(S, d);
    Value v;
    if (!chain || !d->run || !evaluate(d->run, chain, &v)) {
        free(chain);
        return NULL;
    }
    StrBuf md;
    sb_init(&md);
    describe(d->run, chain, v, &md);
    value_release(v);
    free(chain);
    json_object *contents = json_object_new_object();
    json_object_object_add(contents, "kind", json_object_new_string("markdown"));
    json_object_object_add(contents, "value", json_object_new_string(md.data));
    sb_free(&md);
    json_object *hover = json_object_new_object();
    json_object_object_add(hover, "contents", contents);
    json_object_object_add(hover, "range",
                           lsp_range(d->text, d->len, line + 1, (int)start + 1, end - start));
    return hover;
}
