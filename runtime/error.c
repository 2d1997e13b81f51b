/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* error.c — the one error path: raising, hints, warnings, printing errors
 * with their source line and caret, and "did you mean" suggestions.
 *
 * Contract: see interp.h.  The first error raised wins until it is cleared
 * (a failure deep in the evaluator is the one the user needs to see; the
 * callers that unwind after it must not overwrite it).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "runtime/internal.h"
#include "lang/check.h"
#include "lang/utf8.h"
#include "runtime/mem.h"

static char *vformat(const char *fmt, va_list ap)
{
    char *s = message_vformat(fmt, ap);
    if (!s) rt_out_of_memory();
    return s;
}

/* Running out of memory cannot be raised as an ordinary error (raising
 * allocates), so the run ends here, with the status of an error in the model
 * (too many samples or rows is what causes it) and what to do about it. */
_Noreturn void rt_out_of_memory(void)
{
    fflush(stdout);
    fputs(_("impact: error: out of memory\n"
            "hint: the computation needs more memory than this computer has: read a data file "
            "of fewer columns or rows, or run with fewer --samples (the default is 10000)\n"),
          stderr);
    exit(1);
}

/* ---- call chains: from a library back to the user's file ------------------ */

void interp_push_site(Interp *I, SrcLoc loc, bool is_use)
{
    if (I->n_sites == I->cap_sites) {
        I->cap_sites = I->cap_sites ? I->cap_sites * 2 : 64;
        I->sites = xrealloc(I->sites, I->cap_sites * sizeof(CallSite));
    }
    I->sites[I->n_sites++] = (CallSite){ loc, is_use, 1 };
}

void interp_pop_site(Interp *I)
{
    if (I->n_sites) I->n_sites--;
}

/* The user's file: the one the outermost frame runs (the file given on the
 * command line, <command line>, the REPL's input). */
static const char *user_file(Interp *I)
{
    return I->n_frames ? I->frames[0].src_path : NULL;
}

static bool same_file(const char *a, const char *b)
{
    return a && b && (a == b || strcmp(a, b) == 0);
}

static bool same_site(const CallSite *a, const CallSite *b)
{
    return a->is_use == b->is_use && a->loc.line == b->loc.line && a->loc.col == b->loc.col &&
        same_file(a->loc.file, b->loc.file);
}

size_t rt_call_chain(Interp *I, SrcLoc at, CallSite *out, size_t max, size_t *skipped)
{
    *skipped = 0;
    const char *user = user_file(I);
    if (!max || !at.file || !user || same_file(at.file, user)) return 0;
    size_t k = 0;
    CallSite last;
    bool have_last = false;
    for (size_t i = I->n_sites; i-- > 0;) {
        CallSite s = I->sites[i];
        if (!s.loc.file) continue;
        if (have_last && same_site(&last, &s))
            last.times++;
        else if (!have_last && k && same_site(&out[k - 1], &s))
            out[k - 1].times++;
        else if (k + 1 < max && !have_last)
            out[k++] = s;
        else {
            if (have_last) *skipped += last.times;
            last = s;
            have_last = true;
        }
        if (same_file(s.loc.file, user)) break;
    }
    if (have_last) out[k++] = last;
    return k;
}

/* "  called from FILE:LINE:COL (20 times)" */
static void print_site(FILE *out, const CallSite *s)
{
    /* one whole line per case (French words each otherwise) */
    if (s->is_use && s->times > 1)
        fprintf(out, _("  used from %s:%d:%d (%zu times)\n"), s->loc.file, s->loc.line, s->loc.col,
                s->times);
    else if (s->is_use)
        fprintf(out, _("  used from %s:%d:%d\n"), s->loc.file, s->loc.line, s->loc.col);
    else if (s->times > 1)
        fprintf(out, _("  called from %s:%d:%d (%zu times)\n"), s->loc.file, s->loc.line,
                s->loc.col, s->times);
    else
        fprintf(out, _("  called from %s:%d:%d\n"), s->loc.file, s->loc.line, s->loc.col);
}

/* Where to read the data file a location points into, or NULL when loc is
 * not in a data file (loc_data). */
static const char *data_path_of(Interp *I, const char *file)
{
    for (size_t i = 0; file && i < I->n_interned; i++)
        if (I->interned[i] == file) return I->data_paths[i];
    return NULL;
}

bool rt_raise(Interp *I, SrcLoc loc, const char *fmt, ...)
{
    if (I->has_error) return false;
    va_list ap;
    va_start(ap, fmt);
    I->err.message = vformat(fmt, ap);
    va_end(ap);
    I->err.loc = loc;
    I->err.hint = NULL;
    I->has_error = true;
    I->err_has_read_by = false;
    I->err_hide_data_line = false;
    I->err_refusal = false;
    if (data_path_of(I, loc.file) && I->builtin_call.file) {
        /* a data file's error: the chain starts at the call that read it */
        I->err_has_read_by = true;
        I->err_read_by = I->builtin_call;
        I->n_err_sites =
            rt_call_chain(I, I->builtin_call, I->err_sites, CHAIN_MAX, &I->err_sites_skipped);
        return false;
    }
    I->n_err_sites = rt_call_chain(I, loc, I->err_sites, CHAIN_MAX, &I->err_sites_skipped);
    return false;
}

bool rt_hint(Interp *I, const char *fmt, ...)
{
    if (!I->has_error || I->err.hint) return false;
    va_list ap;
    va_start(ap, fmt);
    I->err.hint = vformat(fmt, ap);
    va_end(ap);
    return false;
}

static void format_loc(const SrcLoc loc, StrBuf *out)
{
    if (loc.file) sb_printf(out, "%s:%d:%d: ", loc.file, loc.line, loc.col);
}

/* "FILE:LINE:COL: " + label + the message, into b. */
static void located_message(StrBuf *b, SrcLoc loc, const char *label, const char *fmt, va_list ap)
{
    sb_init(b);
    format_loc(loc, b);
    sb_append(b, label);
    char *msg = vformat(fmt, ap);
    sb_append(b, msg);
    free(msg);
}

/* Appends text (taken) to a growing array of texts. */
static void keep_text(char ***texts, size_t *n, size_t *cap, char *text)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 8;
        *texts = xrealloc(*texts, *cap * sizeof(char *));
    }
    (*texts)[(*n)++] = text;
}

/* A warning or a note: printed on stderr now, kept for the JSON output.
 * A warning raised in a library also shows the call sites that lead back to
 * the user's file, and its kept text (one line) names the user's call. */
static void say_aside(Interp *I, SrcLoc loc, bool warning, const char *fmt, va_list ap)
{
    StrBuf b;
    located_message(&b, loc, warning ? _("warning: ") : _("note: "), fmt, ap);
    fprintf(stderr, "%s\n", b.data);
    if (!warning) {
        keep_text(&I->notes, &I->n_notes, &I->cap_notes, sb_take(&b));
        return;
    }
    CallSite chain[CHAIN_MAX];
    size_t skipped, k = rt_call_chain(I, loc, chain, CHAIN_MAX, &skipped);
    for (size_t i = 0; i < k; i++) {
        if (skipped && i + 1 == k) fprintf(stderr, "  \xE2\x80\xA6 %zu more calls\n", skipped);
        print_site(stderr, &chain[i]);
    }
    if (k)
        sb_printf(&b, " (%s from %s:%d:%d)", chain[k - 1].is_use ? "used" : "called",
                  chain[k - 1].loc.file, chain[k - 1].loc.line, chain[k - 1].loc.col);
    keep_text(&I->warnings, &I->n_warnings, &I->cap_warnings, sb_take(&b));
}

void rt_warn(Interp *I, SrcLoc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say_aside(I, loc, true, fmt, ap);
    va_end(ap);
}

void rt_note(Interp *I, SrcLoc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say_aside(I, loc, false, fmt, ap);
    va_end(ap);
}

size_t interp_note_count(const Interp *I)
{
    return I->n_notes;
}

const char *interp_note_text(const Interp *I, size_t i)
{
    return i < I->n_notes ? I->notes[i] : NULL;
}

size_t interp_warning_count(const Interp *I)
{
    return I->n_warnings;
}

const char *interp_warning_text(const Interp *I, size_t i)
{
    return i < I->n_warnings ? I->warnings[i] : NULL;
}

SrcLoc loc_data(Interp *I, const char *file, int row, int column)
{
    /* Data file names are interned so the location outlives the caller's string. */
    const char *kept = NULL;
    for (size_t i = 0; i < I->n_interned && !kept; i++)
        if (strcmp(I->interned[i], file) == 0) kept = I->interned[i];
    if (!kept) {
        if (I->n_interned == I->cap_interned) {
            I->cap_interned = I->cap_interned ? I->cap_interned * 2 : 4;
            I->interned = realloc(I->interned, I->cap_interned * sizeof(char *));
            I->data_paths = realloc(I->data_paths, I->cap_interned * sizeof(char *));
            if (!I->interned || !I->data_paths) rt_out_of_memory();
        }
        /* The name shown is relative to the model's folder: keep where to
         * read the file again for the line printed under an error. */
        const char *dir = interp_current_dir(I);
        char *path;
        if (file[0] == '/' || !dir || !strcmp(dir, ".") || access(file, R_OK) == 0) {
            path = strdup(file);
        } else {
            path = malloc(strlen(dir) + strlen(file) + 2);
            if (path) sprintf(path, "%s/%s", dir, file);
        }
        if (!path) rt_out_of_memory();
        I->data_paths[I->n_interned] = path;
        kept = I->interned[I->n_interned++] = strdup(file);
    }
    SrcLoc loc = { kept, row, column };
    return loc;
}

bool interp_has_error(const Interp *I)
{
    return I->has_error;
}

const ImpactError *interp_error(const Interp *I)
{
    return I->has_error ? &I->err : NULL;
}

void interp_clear_error(Interp *I)
{
    free(I->err.message);
    free(I->err.hint);
    memset(&I->err, 0, sizeof I->err);
    I->has_error = false;
    I->n_err_sites = I->err_sites_skipped = 0;
    I->err_has_read_by = false;
    I->err_hide_data_line = false;
    I->err_refusal = false;
}

/* The parsed source a location points into, if any (data files have none). */
static const SourceFile *source_of(Interp *I, const char *file)
{
    for (size_t i = I->n_sources; i-- > 0;)
        if (I->sources[i]->path == file) return I->sources[i];
    for (size_t i = I->n_sources; i-- > 0;)
        if (strcmp(I->sources[i]->path, file) == 0) return I->sources[i];
    return NULL;
}

/* Caret line: as many spaces as the text before the column takes on a
 * terminal (lang/utf8.h: a wide character two, a combining accent none),
 * tabs kept so the caret lines up whatever the tab width. */
static void print_caret(FILE *out, const char *indent, const char *line, int col)
{
    fputs(indent, out);
    size_t len = strlen(line), before = col < 1 ? 0 : (size_t)col - 1;
    if (before > len) before = len;
    for (size_t i = 0; i < before;) {
        const char *tab = memchr(line + i, '\t', before - i);
        size_t n = tab ? (size_t)(tab - line) - i : before - i;
        for (size_t w = utf8_width(line + i, n); w > 0; w--) fputc(' ', out);
        i += n;
        if (tab) {
            fputc('\t', out);
            i++;
        }
    }
    fputs("^\n", out);
}

/* The source line of loc and a caret under its column, when known. */
static void print_source(Interp *I, FILE *out, const char *indent, SrcLoc loc)
{
    const SourceFile *src = loc.file ? source_of(I, loc.file) : NULL;
    if (!src || loc.line <= 0) return;
    char line[1024], shown[4 * sizeof line];
    source_line(src, loc.line, line, sizeof line);
    /* bytes that are not UTF-8 as \xNN, as in a data file's line; the
     * caret goes under the same character of the escaped line */
    size_t before = loc.col < 1 ? 0 : (size_t)loc.col - 1, len = strlen(line);
    utf8_escape_invalid(line, before < len ? before : len, shown, sizeof shown);
    int col = (int)strlen(shown) + 1;
    utf8_escape_invalid(line, len, shown, sizeof shown);
    fprintf(out, "%s%s\n", indent, shown);
    print_caret(out, indent, shown, col);
}

/* The line `row` of a data file (its column titles), read again now (errors only), cut to 100
 * characters; bytes that are not UTF-8 (a Windows-1252 file) are shown as
 * \xNN so the terminal is not garbled.  No caret: the column of a data
 * location is a field number, not a character. */
static void print_data_line(FILE *out, const char *path, int row)
{
    FILE *f = row > 0 ? fopen(path, "rb") : NULL;
    if (!f) return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = -1;
    for (int i = 0; i < row; i++)
        if ((len = getline(&line, &cap, f)) < 0) break;
    fclose(f);
    if (len < 0) {
        free(line);
        return;
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    size_t start = 0;
    if (row == 1 && len >= 3 && !memcmp(line, "\xEF\xBB\xBF", 3)) start = 3; /* byte-order mark */
    size_t shown_cap = 4 * (size_t)(len - (ssize_t)start) + 1;
    char *shown = xmalloc(shown_cap);
    utf8_escape_invalid(line + start, (size_t)(len - (ssize_t)start), shown, shown_cap);
    size_t shown_len = strlen(shown), fits = utf8_fit(shown, shown_len, 100, NULL);
    fprintf(out, "  %.*s%s\n", (int)fits, shown, fits < shown_len ? "\xE2\x80\xA6" : "");
    free(shown);
    free(line);
}

void interp_print_error(Interp *I, FILE *out)
{
    if (!I->has_error) return;
    const ImpactError *e = &I->err;
    if (e->loc.file) fprintf(out, "%s:%d:%d: ", e->loc.file, e->loc.line, e->loc.col);
    fprintf(out, _("error: %s\n"), e->message);
    const char *data = data_path_of(I, e->loc.file);
    /* Of a data file only the first line (the column titles) is shown: any
     * other line is a person's row, and no message may quote it. */
    if (data) {
        if (e->loc.line == 1 && !I->err_hide_data_line) print_data_line(out, data, e->loc.line);
    } else
        print_source(I, out, "  ", e->loc);
    if (I->err_has_read_by) {
        const SrcLoc *r = &I->err_read_by;
        fprintf(out, _("  read by %s:%d:%d\n"), r->file, r->line, r->col);
        if (!I->n_err_sites) print_source(I, out, "    ", *r);
    }
    /* An error in a library: the calls that led there, up to the user's
     * file, whose line is shown too. */
    for (size_t i = 0; i < I->n_err_sites; i++) {
        const CallSite *s = &I->err_sites[i];
        if (I->err_sites_skipped && i + 1 == I->n_err_sites)
            fprintf(out, _("  \xE2\x80\xA6 %zu more calls\n"), I->err_sites_skipped);
        print_site(out, s);
        if (i + 1 == I->n_err_sites) print_source(I, out, "    ", s->loc);
    }
    if (e->hint) fprintf(out, _("hint: %s\n"), e->hint);
}

void interp_print_diagnostic(Interp *I, const ImpactError *d, FILE *out)
{
    if (d->loc.file) fprintf(out, "%s:%d:%d: ", d->loc.file, d->loc.line, d->loc.col);
    fprintf(out, _("error: %s\n"), d->message);
    print_source(I, out, "  ", d->loc);
    if (d->hint) fprintf(out, _("hint: %s\n"), d->hint);
}

/* ---- suggestions ------------------------------------------------------------ */

/* The same rule as `impact check` (lang/check.c), so both suggest alike. */
const char *rt_suggest(const char *wrong, const char *const *candidates, size_t n)
{
    return suggest_name(wrong, candidates, n);
}

SrcLoc loc_of_word_after(Interp *I, SrcLoc loc, const char *word)
{
    const SourceFile *src = loc.file ? source_of(I, loc.file) : NULL;
    if (!src || loc.line <= 0) return loc;
    char line[1024];
    source_line(src, loc.line, line, sizeof line);
    if (loc.col < 1 || (size_t)loc.col > strlen(line)) return loc;
    const char *hit = strstr(line + loc.col - 1, word);
    if (hit) loc.col = (int)(hit - line) + 1;
    return loc;
}
