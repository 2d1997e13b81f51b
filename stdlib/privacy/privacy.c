/* privacy.c — suppressed figures and NIR detection (see privacy.h). */
#include "stdlib/privacy/privacy.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- suppressed figures ---------------------------------------------------- */

typedef struct Suppressed {
    int threshold;
    bool secondary; /* hidden only so that a smaller cell cannot be recovered */
} Suppressed;

static void suppressed_free(ForeignObj *o)
{
    free(o->data);
}

static void suppressed_print(Interp *I, ForeignObj *o, StrBuf *out)
{
    const Suppressed *s = o->data;
    if (s->secondary)
        sb_printf(out, "suppressed (secondary: protects a cell of n < %d)", s->threshold);
    else
        sb_printf(out, "suppressed (n < %d)", s->threshold);
}

static bool suppressed_get(Interp *I, ForeignObj *o, const char *name, SrcLoc loc, Value *out)
{
    if (strcmp(name, "suppressed") == 0) {
        *out = value_bool(true);
        return true;
    }
    if (strcmp(name, "threshold") == 0) {
        *out = value_num(((Suppressed *)o->data)->threshold);
        return true;
    }
    return rt_raise(I, loc,
                    "a suppressed figure has no field '%s'; its fields are suppressed, threshold",
                    name);
}

static size_t suppressed_fields(ForeignObj *o, const char **names, size_t max)
{
    static const char *const fields[] = { "suppressed", "threshold" };
    size_t n = 0;
    for (; n < 2 && n < max; n++) names[n] = fields[n];
    return n;
}

const ObjClass privacy_suppressed_class = {
    .name = "suppressed figure",
    .free = suppressed_free,
    .print = suppressed_print,
    .get_field = suppressed_get,
    .with = NULL,
    .field_names = suppressed_fields,
};

int privacy_threshold(Interp *I, const TableObj *t)
{
    if (t && t->min_cell > 0) return t->min_cell;
    return interp_settings(I)->min_cell;
}

static Value new_suppressed(int threshold, bool secondary)
{
    Suppressed *s = malloc(sizeof *s);
    if (!s) rt_out_of_memory();
    s->threshold = threshold;
    s->secondary = secondary;
    return value_foreign(&privacy_suppressed_class, s);
}

Value privacy_suppressed(int threshold)
{
    return new_suppressed(threshold, false);
}

Value privacy_suppressed_secondary(int threshold)
{
    return new_suppressed(threshold, true);
}

bool privacy_is_suppressed(Value v)
{
    return v.kind == V_OBJECT && as_foreign(v)->cls == &privacy_suppressed_class;
}

int privacy_suppressed_threshold(Value v)
{
    return privacy_is_suppressed(v) ? ((Suppressed *)as_foreign(v)->data)->threshold : 0;
}

bool privacy_refuse(Interp *I, Value v, SrcLoc loc)
{
    int threshold = privacy_suppressed_threshold(v);
    if (privacy_is_suppressed(v) && ((Suppressed *)as_foreign(v)->data)->secondary)
        rt_raise(
            I, loc,
            "this figure is suppressed because, with the figures shown beside it, it would give "
            "back a figure about fewer than %d people",
            threshold);
    else
        rt_raise(I, loc, "this figure is suppressed because it concerns fewer than %d people",
                 threshold);
    return rt_hint(
        I,
        "statistical secrecy (loi du 7 juin 1951, DGFiP rule of %d) forbids publishing it; "
        "group the data more coarsely, or lower the threshold explicitly with "
        "`min_cell = N` if the figure will not be published",
        threshold);
}

Value privacy_guard_take(Value value, size_t n, int threshold)
{
    if (!privacy_must_suppress(n, threshold)) return value;
    value_release(value);
    return privacy_suppressed(threshold);
}

size_t privacy_partition(size_t total, const size_t *counts, size_t k, int threshold, bool *hide)
{
    bool all = privacy_must_suppress(total, threshold);
    size_t hidden = 0, hidden_sum = 0;
    for (size_t i = 0; i < k; i++) {
        hide[i] = hide[i] || all || privacy_must_suppress(counts[i], threshold);
        hidden += hide[i];
        hidden_sum += hide[i] ? counts[i] : 0;
    }
    /* The hidden cells add up to total − (cells shown): that sum is itself a
     * published count and must concern at least threshold people. */
    while (hidden > 0 && hidden < k && privacy_must_suppress(hidden_sum, threshold)) {
        size_t smallest = k;
        for (size_t i = 0; i < k; i++)
            if (!hide[i] && (smallest == k || counts[i] < counts[smallest])) smallest = i;
        hide[smallest] = true;
        hidden++;
        hidden_sum += counts[smallest];
    }
    return hidden;
}

/* ---- NIR -------------------------------------------------------------------- */

/* Folds a column name for comparison: ASCII letters lower-cased, the
 * accented letters of French (UTF-8 Latin-1 supplement) folded to their base
 * letter, everything else (spaces, "°", "_", "'") dropped:
 * "Numéro de Sécurité Sociale" -> "numerodesecuritesociale". */
static void fold_name(const char *name, char *out, size_t size)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && k + 1 < size; p++) {
        if (p[0] == 0xC3 && p[1]) {
            unsigned char c = p[1] | 0x20; /* upper to lower within the block */
            p++;
            if (c >= 0xA8 && c <= 0xAB)
                out[k++] = 'e';
            else if (c >= 0xA0 && c <= 0xA5)
                out[k++] = 'a';
            else if (c >= 0xB2 && c <= 0xB6)
                out[k++] = 'o';
            else if (c >= 0xB9 && c <= 0xBC)
                out[k++] = 'u';
            else if (c >= 0xAC && c <= 0xAF)
                out[k++] = 'i';
            else if (c == 0xA7)
                out[k++] = 'c';
            continue;
        }
        if (isalnum(*p)) out[k++] = (char)tolower(*p);
    }
    out[k] = 0;
}

bool privacy_name_is_nir(const char *name)
{
    char f[256];
    fold_name(name, f, sizeof f);
    /* whole names that mean "social security number" */
    static const char *const whole[] = {
        "nir",     "nirpp",           "nss",     "ssn",        "secu",
        "nsecu",   "nosecu",          "numsecu", "numerosecu", "nirsalarie",
        "codenir", "nirentrepreneur", NULL,
    };
    for (size_t i = 0; whole[i]; i++)
        if (strcmp(f, whole[i]) == 0) return true;
    /* longer names that contain an unambiguous phrase */
    static const char *const phrases[] = {
        "securitesociale", "secusociale", "numerosecu",  "numsecu", "coordonneessecu",
        "socialsecurity",  "numeronir",   "numeroinsee", NULL,
    };
    for (size_t i = 0; phrases[i]; i++)
        if (strstr(f, phrases[i])) return true;
    return false;
}

bool privacy_text_is_nir(const char *s, size_t len)
{
    char d[16];
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '.' || c == '-') continue;
        if (k >= 15) return false;
        d[k++] = c;
    }
    if (k != 15 || (d[0] != '1' && d[0] != '2')) return false;
    /* Corsica: département 2A / 2B stands for 19 / 18 in the key computation
     * (the INSEE rule replaces the letter and subtracts 1 000 000 / 2 000 000). */
    long long body = 0;
    for (int i = 0; i < 13; i++) {
        char c = d[i];
        if (i == 6 && d[5] == '2' && (c == 'A' || c == 'a' || c == 'B' || c == 'b')) {
            body = body * 10; /* placeholder digit, corrected below */
            continue;
        }
        if (!isdigit((unsigned char)c)) return false;
        body = body * 10 + (c - '0');
    }
    if (d[6] == 'A' || d[6] == 'a')
        body -= 1000000LL; /* "2A" counts as 19: 2A... = 20... − 1 000 000 */
    else if (d[6] == 'B' || d[6] == 'b')
        body -= 2000000LL; /* "2B" counts as 18 */
    if (!isdigit((unsigned char)d[13]) || !isdigit((unsigned char)d[14])) return false;
    int key = (d[13] - '0') * 10 + (d[14] - '0');
    return key == 97 - (int)(body % 97);
}
