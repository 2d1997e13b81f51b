/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* privacy.c — suppressed figures and NIR detection (see privacy.h). */
#include "stdlib/privacy/privacy.h"
#include "runtime/mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

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
        "nir",      "nirpp",   "nss",        "ssn",        "secu",       "nsecu",
        "nosecu",   "numsecu", "numerosecu", "nirsalarie", "codenir",    "nirentrepreneur",
        "numeross", "numss",   "noss",       "nss",        "numerodess", "numerosecuritesociale",
        NULL,
    };
    for (size_t i = 0; whole[i]; i++)
        if (strcmp(f, whole[i]) == 0) return true;
    /* longer names that contain an unambiguous phrase */
    static const char *const phrases[] = {
        "securitesociale", "secusociale",    "numerosecu", "numsecu",
        "coordonneessecu", "socialsecurity", "numeronir",  NULL,
    };
    for (size_t i = 0; phrases[i]; i++)
        if (strstr(f, phrases[i])) return true;
    return false;
}

/* ---- NIR inside any text --------------------------------------------------------- */

/* The NIR's structure (INSEE): sex 1 or 2, year, month, département
 * (2A/2B for Corsica), commune, order number; d holds 13 characters.  With
 * its key the months of temporary numbers (20-42, 50-99) are accepted; a
 * bare 13-digit number must have a real month (01-12, or 20: unknown). */
static bool nir_body(const char *d, bool keyed, long long *body)
{
    if (d[0] != '1' && d[0] != '2') return false;
    for (int i = 1; i < 13; i++)
        if (i != 6 && !isdigit((unsigned char)d[i])) return false;
    int month = (d[3] - '0') * 10 + (d[4] - '0');
    bool month_ok = (month >= 1 && month <= 12) || month == 20 ||
        (keyed && ((month >= 20 && month <= 42) || month >= 50));
    if (!month_ok) return false;
    char c6 = (char)toupper((unsigned char)d[6]);
    bool corsica = d[5] == '2' && (c6 == 'A' || c6 == 'B');
    if (!corsica && !isdigit((unsigned char)d[6])) return false;
    if (!corsica && d[5] == '0' && d[6] == '0') return false;
    if (!memcmp(d + 7, "000", 3) || !memcmp(d + 10, "000", 3)) return false;
    long long n = 0;
    for (int i = 0; i < 13; i++) n = n * 10 + (i == 6 && corsica ? 0 : d[i] - '0');
    /* Corsica: 2A counts as 19, 2B as 18 for the key (20… − 1 000 000 / 2 000 000) */
    if (corsica) n -= c6 == 'A' ? 1000000LL : 2000000LL;
    *body = n;
    return true;
}

static bool nir_candidate(const char *d, size_t k)
{
    long long body;
    if (k == 13) return nir_body(d, false, &body);
    if (k != 15 || !isdigit((unsigned char)d[13]) || !isdigit((unsigned char)d[14])) return false;
    if (!nir_body(d, true, &body)) return false;
    return (d[13] - '0') * 10 + (d[14] - '0') == 97 - (int)(body % 97);
}

/* The bytes of one normalised character at s: a digit (ASCII or full-width
 * ０-９) in *digit, or a separator that may sit inside a written NIR (spaces,
 * no-break spaces, dots, dashes, slashes, apostrophes); 0 for anything
 * else. */
static size_t nir_char(const unsigned char *s, size_t left, char *digit, bool *separator)
{
    *digit = 0;
    *separator = false;
    if (isdigit(s[0])) return *digit = (char)s[0], 1;
    if (strchr(" .-/'_\t", s[0]) && s[0]) return *separator = true, 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return *separator = true, 2; /* no-break */
    if (left >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99)
        return *digit = (char)('0' + s[2] - 0x90), 3; /* full-width digit */
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] == 0x99 || s[2] == 0x93 || s[2] == 0x94 || s[2] == 0xAF || s[2] == 0x89 ||
         s[2] == 0x8A))
        return *separator = true, 3; /* ’ – — narrow and thin spaces */
    if (left >= 3 && s[0] == 0xEF && s[1] == 0xBC && (s[2] == 0x8E || s[2] == 0x8D || s[2] == 0x8F))
        return *separator = true, 3; /* full-width . - / */
    return 0;
}

/* Within one run of digit groups (digits, separated by separators), a NIR
 * is a sequence of whole groups holding 13 or 15 digits. */
static bool nir_in_run(const char *d, const size_t *group_start, size_t ngroups, size_t k)
{
    for (size_t g = 0; g < ngroups; g++) {
        size_t from = group_start[g];
        for (size_t h = g; h < ngroups; h++) {
            size_t to = h + 1 < ngroups ? group_start[h + 1] : k;
            if (to - from > 15) break;
            if ((to - from == 13 || to - from == 15) && nir_candidate(d + from, to - from))
                return true;
        }
    }
    return false;
}

bool privacy_find_nir(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    char d[96];
    size_t starts[96], k = 0, ngroups = 0;
    bool after_separator = true;
    for (size_t i = 0; i <= len;) {
        char digit = 0;
        bool separator = false;
        size_t n = i < len ? nir_char(s + i, len - i, &digit, &separator) : 0;
        /* Corsica: a letter A or B right after a group's "2" */
        if (!n && i < len && k > 0 && !after_separator && d[k - 1] == '2' && strchr("AaBb", s[i]) &&
            s[i]) {
            n = 1;
            digit = (char)s[i];
        }
        if (digit && k < sizeof d) {
            if (after_separator) starts[ngroups++] = k;
            d[k++] = digit;
            after_separator = false;
        } else if (separator) {
            after_separator = true;
        } else { /* the run ends: anything else, the end of the text, or a full buffer */
            if (k >= 13 && nir_in_run(d, starts, ngroups, k)) return true;
            k = ngroups = 0;
            after_separator = true;
            if (digit) continue; /* the buffer was full: start again at this digit */
        }
        i += n ? n : 1;
    }
    return false;
}

bool privacy_text_is_nir(const char *s, size_t len)
{
    return privacy_find_nir(s, len);
}
