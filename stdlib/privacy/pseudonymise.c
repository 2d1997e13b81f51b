/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* pseudonymise.c — impact pseudonymise EXPORT -o COPY (see pseudonymise.h).
 *
 * The export is parsed with libcsv field by field and written back as it
 * came (bytes, separator, quoting, line ends), so that the copy is the
 * export minus what identifies people, not a re-typed table: a date stays
 * 07/06/1994 until it is reduced to 1994, a code keeps its zeros.
 */
#include "runtime/safe_write.h"
#include "stdlib/privacy/pseudonymise.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "lang/i18n.h"
#include "runtime/mem.h"
#include "runtime/value.h"
#include "stdlib/privacy/privacy.h"
#include "stdlib/privacy/pseudonym_key.h"

typedef enum Action { KEEP, EMPTY, REMOVE, YEAR, DEPARTEMENT, KEYED, N_ACTIONS } Action;

static const char *const action_fields[N_ACTIONS] = { NULL,         "empty",       "remove",
                                                      "birth_year", "departement", "keyed" };
static const char *const action_words[N_ACTIONS] = {
    NULL,
    N_("emptied (direct identifiers; the column is kept, empty)"),
    N_("removed (social security numbers)"),
    N_("birth dates reduced to the year"),
    N_("postal codes reduced to the département"),
    N_("ids replaced by a keyed pseudonym"),
};

typedef struct Rules {
    Value lists; /* enDI: the record endi.pseudonymisation (retained), else nil */
    const PseudonymiseRequest *req;
} Rules;

/* ---- titles ------------------------------------------------------------------ */

/* Title equality ignoring surrounding spaces and ' vs ’ (enDI writes ’). */
static bool same_title(const char *a, const char *b, size_t blen)
{
    while (*a == ' ') a++;
    while (blen && *b == ' ') b++, blen--;
    size_t alen = strlen(a);
    while (alen && a[alen - 1] == ' ') alen--;
    while (blen && b[blen - 1] == ' ') blen--;
    size_t i = 0, j = 0;
    while (i < alen && j < blen) {
        bool qa = a[i] == '\'' || (alen - i >= 3 && memcmp(a + i, "\xE2\x80\x99", 3) == 0);
        bool qb = b[j] == '\'' || (blen - j >= 3 && memcmp(b + j, "\xE2\x80\x99", 3) == 0);
        if (qa && qb) {
            i += a[i] == '\'' ? 1 : 3;
            j += b[j] == '\'' ? 1 : 3;
        } else if (a[i++] != b[j++]) {
            return false;
        }
    }
    return i == alen && j == blen;
}

/* `title` is `listed`, or `listed` followed by a space and a step number
 * ("Comptes bancaires IBAN 2"). */
static bool title_matches(const char *title, const char *listed)
{
    size_t n = strlen(title);
    if (same_title(listed, title, n)) return true;
    size_t k = n;
    while (k > 0 && isdigit((unsigned char)title[k - 1])) k--;
    return k < n && k > 1 && title[k - 1] == ' ' && same_title(listed, title, k - 1);
}

static bool in_list(Value list, const char *title)
{
    if (list.kind != V_LIST) return false;
    for (size_t i = 0; i < as_list(list)->n; i++) {
        Value t = as_list(list)->items[i];
        if (t.kind == V_STR && title_matches(title, as_str(t)->data)) return true;
    }
    return false;
}

/* Does the title hold `word` as a whole word (ASCII letters compared
 * without case; other bytes as they are)? */
static bool has_word(const char *title, const char *word)
{
    size_t w = strlen(word);
    for (const char *p = title; *p; p++) {
        if (p != title && (isalnum((unsigned char)p[-1]) || (unsigned char)p[-1] >= 0x80)) continue;
        if (strncasecmp(p, word, w) != 0) continue;
        unsigned char after = (unsigned char)p[w];
        if (!isalnum(after) && after < 0x80) return true;
    }
    return false;
}

/* What a title of an export that is not enDI's says it holds. */
static Action recognised(const char *t)
{
    static const char *const direct[] = {
        "nom",          "name",    "prénom",    "prenom",    "mail",      "courriel",
        "tél",          "tel",     "téléphone", "telephone", "phone",     "mobile",
        "portable",     "adresse", "address",   "iban",      "bic",       "commentaire",
        "commentaires", "comment", "comments",  "remarque",  "remarques", "observations",
        "ville",        "city",    NULL
    };
    if (privacy_name_is_nir(t)) return REMOVE;
    if (has_word(t, "lieu") && has_word(t, "naissance")) return EMPTY;
    if ((has_word(t, "code") && has_word(t, "postal")) || has_word(t, "cp") ||
        has_word(t, "postcode") || has_word(t, "zip"))
        return DEPARTEMENT;
    if (has_word(t, "naissance") || has_word(t, "birth") || has_word(t, "birthdate")) return YEAR;
    for (size_t i = 0; direct[i]; i++)
        if (has_word(t, direct[i])) return EMPTY;
    if (has_word(t, "id") || has_word(t, "identifiant")) return KEYED;
    return KEEP;
}

static Action action_of(const Rules *r, const char *title)
{
    for (size_t i = 0; i < r->req->n_drop; i++)
        if (title_matches(title, r->req->drop[i])) return EMPTY;
    if (privacy_name_is_nir(title)) return REMOVE;
    if (r->lists.kind != V_RECORD) return recognised(title);
    for (int a = EMPTY; a < N_ACTIONS; a++) {
        Value list;
        if (record_get(r->lists, action_fields[a], &list) && in_list(list, title)) return (Action)a;
    }
    return KEEP;
}

/* ---- cells ---------------------------------------------------------------------- */

/* The year of a date written 07/06/1994, 1994-06-07 or 1994-06-07 10:32. */
static size_t year_of(const char *s, size_t len, char *out)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        bool four = true;
        for (size_t k = 0; k < 4; k++) four = four && isdigit((unsigned char)s[i + k]);
        bool alone = (i == 0 || !isdigit((unsigned char)s[i - 1])) &&
            (i + 4 == len || !isdigit((unsigned char)s[i + 4]));
        if (four && alone && (s[i] == '1' || s[i] == '2')) {
            memcpy(out, s + i, 4);
            return 4;
        }
    }
    return 0;
}

/* The département of a French postal code: 69001 -> 69, 01500 -> 01,
 * 20000 -> 2A, 20200 -> 2B, 97400 -> 974; anything else -> empty. */
static size_t departement_of(const char *s, size_t len, char *out)
{
    char d[8];
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ' ') continue;
        if (!isdigit((unsigned char)s[i]) || n == 5) return 0;
        d[n++] = s[i];
    }
    if (n != 5) return 0;
    if (d[0] == '2' && d[1] == '0') {
        out[0] = '2';
        out[1] = d[2] < '2' ? 'A' : 'B';
        return 2;
    }
    size_t k = d[0] == '9' && (d[1] == '7' || d[1] == '8') ? 3 : 2;
    memcpy(out, d, k);
    return k;
}

/* ---- the pass ---------------------------------------------------------------------- */

typedef struct Pass {
    Interp *I;
    const Rules *rules;
    const char *shown;
    FILE *out;
    char sep;
    bool quote_all;
    const char *eol;
    unsigned char key[PSEUDONYM_KEY_BYTES];
    Action *actions; /* per column of the header */
    char **titles;
    size_t ncols, cap;
    size_t field, rows;
    long line;          /* physical line of the row being read */
    long row_line;      /* where the current row started */
    bool first_written; /* of the current row */
    bool failed;
} Pass;

static void write_field(Pass *p, const char *s, size_t len)
{
    if (p->first_written) fputc(p->sep, p->out);
    p->first_written = true;
    bool quote = p->quote_all || (len && (s[0] == ' ' || s[len - 1] == ' '));
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == p->sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (!quote) {
        fwrite(s, 1, len, p->out);
        return;
    }
    fputc('"', p->out);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') fputc('"', p->out);
        fputc(s[i], p->out);
    }
    fputc('"', p->out);
}

static void header_field(Pass *p, const char *s, size_t len)
{
    if (p->ncols == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->actions = xrealloc(p->actions, p->cap * sizeof *p->actions);
        p->titles = xrealloc(p->titles, p->cap * sizeof *p->titles);
    }
    char *title = xstrndup(s, len);
    p->titles[p->ncols] = title;
    p->actions[p->ncols] = action_of(p->rules, title);
    if (p->actions[p->ncols] != REMOVE) write_field(p, s, len);
    p->ncols++;
}

static bool may_hold_nir(const char *s, size_t len)
{
    size_t digits = 0;
    for (size_t i = 0; i < len; i++) digits += isdigit((unsigned char)s[i]) != 0;
    return digits >= 13;
}

static void data_field(Pass *p, const char *s, size_t len)
{
    Action a = p->field < p->ncols ? p->actions[p->field] : KEEP;
    char buf[PSEUDONYM_CHARS + 1];
    switch (a) {
    case REMOVE: return;
    case EMPTY: write_field(p, "", 0); return;
    case YEAR: write_field(p, buf, year_of(s, len, buf)); return;
    case DEPARTEMENT: write_field(p, buf, departement_of(s, len, buf)); return;
    case KEYED:
        if (len == 0) {
            write_field(p, "", 0);
            return;
        }
        pseudonym_of(p->key, s, len, buf);
        write_field(p, buf, PSEUDONYM_CHARS);
        return;
    default: break;
    }
    if (may_hold_nir(s, len) && privacy_text_is_nir(s, len)) {
        const char *title = p->field < p->ncols ? p->titles[p->field] : _("(beyond the header)");
        rt_raise(p->I, loc_data(p->I, p->shown, (int)p->row_line, (int)p->field + 1),
                 _("column '%s' holds a social security number (NIR); the copy was not written"),
                 title);
        rt_hint(p->I,
                _("remove the number from the export, or name the column with --drop "
                  "\"%s\" to empty it in the copy"),
                title);
        p->failed = true;
        return;
    }
    write_field(p, s, len);
}

static void on_field(void *s, size_t len, void *ctx)
{
    Pass *p = ctx;
    if (p->failed) return;
    if (p->rows == 0)
        header_field(p, s, len);
    else
        data_field(p, s, len);
    p->field++;
}

static void on_row(int c, void *ctx)
{
    Pass *p = ctx;
    (void)c;
    if (p->failed) return;
    fputs(p->eol, p->out);
    p->rows++;
    p->field = 0;
    p->first_written = false;
    p->row_line = p->line + 1;
}

/* ---- the file's conventions ------------------------------------------------------- */

typedef struct Layout {
    size_t skip; /* bytes copied as they are: a byte-order mark, a "sep=" line */
    char sep;
    bool quote_all;  /* the header's first field is quoted: every field is (enDI) */
    const char *eol; /* "\r\n" or "\n", as the first line ends */
} Layout;

static Layout layout_of(const char *s, size_t len)
{
    Layout l = { 0, 0, false, "\n" };
    if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) l.skip = 3;
    if (len >= l.skip + 5 && strncasecmp(s + l.skip, "sep=", 4) == 0) {
        l.sep = s[l.skip + 4];
        const char *nl = memchr(s + l.skip, '\n', len - l.skip);
        l.skip = nl ? (size_t)(nl - s) + 1 : len;
    }
    const char *head = s + l.skip, *end = s + len;
    const char *nl = memchr(head, '\n', (size_t)(end - head));
    if (nl && nl > head && nl[-1] == '\r') l.eol = "\r\n";
    l.quote_all = head < end && *head == '"';
    if (!l.sep) { /* the most frequent of ; , tab outside quotes on the header line */
        size_t semi = 0, comma = 0, tab = 0;
        bool quoted = false;
        for (const char *p = head; p < end && (quoted || *p != '\n'); p++) {
            if (*p == '"') quoted = !quoted;
            if (quoted) continue;
            semi += *p == ';';
            comma += *p == ',';
            tab += *p == '\t';
        }
        l.sep = semi >= comma && semi >= tab ? ';' : comma >= tab ? ',' : '\t';
    }
    return l;
}

static char *read_all(Interp *I, const char *path, const char *shown, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        rt_raise(I, (SrcLoc){ 0 }, _("cannot read the export %s: %s"), shown, strerror(errno));
        rt_hint(I, _("check the file name, and that you run impact from the folder that holds it"));
        return NULL;
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = xmalloc(cap);
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = xrealloc(buf, cap *= 2);
    }
    fclose(f);
    *len = n;
    return buf;
}

/* ---- the rules: enDI's lists, or the recognised titles --------------------- */

static bool is_endi(const char *s, size_t len)
{
    const char *nl = memchr(s, '\n', len);
    size_t head = nl ? (size_t)(nl - s) : len;
    return memmem(s, head, "ID Gestion sociale", 18) ||
        memmem(s, head, "Identifiant Autonomie", 21);
}

static bool load_rules(Interp *I, const char *data, size_t len, const PseudonymiseRequest *req,
                       Rules *r)
{
    r->req = req;
    r->lists = value_nil();
    if (!is_endi(data, len)) return true;
    return interp_run_string(I, "<pseudonymise>",
                             "use \"models/cae/endi\" as endi\nendi.pseudonymisation\n", &r->lists);
}

/* ---- writing the copy ------------------------------------------------------------- */

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0) return strcmp(a, b) == 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Feeds the CSV to libcsv line by line, so that p->line is the physical
 * line being read (for the location of a NIR). */
static bool run_pass(Pass *p, const char *s, size_t len, size_t first_line)
{
    struct csv_parser parser;
    csv_init(&parser, CSV_APPEND_NULL);
    csv_set_delim(&parser, (unsigned char)p->sep);
    p->line = (long)first_line;
    p->row_line = (long)first_line;
    for (size_t at = 0; at < len && !p->failed;) {
        const char *nl = memchr(s + at, '\n', len - at);
        size_t chunk = nl ? (size_t)(nl - (s + at)) + 1 : len - at;
        csv_parse(&parser, s + at, chunk, on_field, on_row, p);
        at += chunk;
        p->line++;
    }
    if (!p->failed) csv_fini(&parser, on_field, on_row, p);
    bool ok = !p->failed && csv_error(&parser) == CSV_SUCCESS;
    if (!ok && !p->failed)
        rt_raise(p->I, (SrcLoc){ 0 }, _("%s is not a CSV file that can be read: %s"), p->shown,
                 csv_strerror(csv_error(&parser)));
    csv_free(&parser);
    return ok;
}

static void report(const Pass *p, const PseudonymiseRequest *req, const char *key_path,
                   bool created, bool endi)
{
    size_t rows = p->rows ? p->rows - 1 : 0; /* the header is not a person's row */
    printf(ngettext("%s -> %s: %zu row; %s\n", "%s -> %s: %zu rows; %s\n", (unsigned long)rows),
           req->input, req->output, rows,
           endi ? _("enDI's id column, so the columns named in the lists `pseudonymisation` of "
                    "models/cae/endi.impact")
                : _("columns recognised by their titles"));
    for (int a = EMPTY; a < N_ACTIONS; a++) {
        StrBuf b;
        sb_init(&b);
        for (size_t i = 0; i < p->ncols; i++)
            if (p->actions[i] == (Action)a)
                sb_printf(&b, "%s'%s'", b.len ? ", " : "", p->titles[i]);
        if (b.len) printf(_("  %s: %s\n"), _(action_words[a]), b.data);
        sb_free(&b);
    }
    bool keyed = false;
    for (size_t i = 0; i < p->ncols; i++) keyed = keyed || p->actions[i] == KEYED;
    if (keyed)
        printf(_("  key: %s%s (keep it: the same key gives the same pseudonyms, so copies join)\n"),
               key_path, created ? _(", created now") : "");
    printf(_("  every other column is as exported\n"));
}

bool pseudonymise_file(Interp *I, const PseudonymiseRequest *req)
{
    if (same_file(req->input, req->output)) {
        rt_raise(I, (SrcLoc){ 0 }, _("the copy %s would overwrite the export it is made from"),
                 req->output);
        return rt_hint(I, _("write the copy to another file: -o export-pseudonymised.csv"));
    }
    size_t len;
    char *data = read_all(I, req->input, req->input, &len);
    if (!data) return false;
    Rules rules;
    char *key_path = req->key_file ? xstrdup(req->key_file) : pseudonym_default_key_path();
    Pass p = { .I = I, .rules = &rules, .shown = req->input };
    bool created = false,
         ok = load_rules(I, data, len, req, &rules) &&
        pseudonym_key_load(I, key_path, p.key, &created);
    /* runtime/safe_write.c: temporary file beside the copy, fsync, rename;
     * a link, a pipe or a read-only file is never replaced */
    SafeWrite w;
    ok = ok && safe_write_open(I, &w, req->output, req->output, (SrcLoc){ 0 });
    if (ok) {
        FILE *out = w.stream;
        Layout l = layout_of(data, len);
        fwrite(data, 1, l.skip, out);
        size_t first_line = 1;
        for (size_t i = 0; i < l.skip; i++) first_line += data[i] == '\n';
        p.out = out;
        p.sep = l.sep;
        p.quote_all = l.quote_all;
        p.eol = l.eol;
        if (run_pass(&p, data + l.skip, len - l.skip, first_line))
            ok = safe_write_commit(I, &w, (SrcLoc){ 0 });
        else {
            safe_write_abort(&w);
            ok = false;
        }
    }
    if (ok) report(&p, req, key_path, created, rules.lists.kind == V_RECORD);
    for (size_t i = 0; i < p.ncols; i++) free(p.titles[i]);
    free(p.titles);
    free(p.actions);
    free(key_path);
    free(data);
    value_release(rules.lists);
    return ok;
}
