/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_values.c — reading the text of one CSV field: numbers (with a fast
 * exact path), booleans, UTF-8 validity, the separator of a header line, and
 * the short escaped excerpt that error messages quote (see csv_values.h). */
#include "stdlib/data/csv_values.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lang/utf8.h"

static const double POW10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static locale_t c_numeric;

/* The C locale for strtod_l, made once before any reading thread starts. */
void csv_values_init(void)
{
    if (!c_numeric) c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

static locale_t c_locale(void)
{
    csv_values_init();
    return c_numeric;
}

/* Length of a thousands separator or padding space at s (ASCII space, NBSP
 * in UTF-8 or Windows-1252, narrow NBSP U+202F), 0 if none. */
static size_t space_at(const unsigned char *s, size_t left)
{
    if (left >= 1 && (s[0] == ' ' || s[0] == 0xA0)) return 1;
    if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
    if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0xAF) return 3;
    return 0;
}

/* Length of a space ending at s + len (see space_at), 0 if none. */
static size_t space_before(const unsigned char *s, size_t len)
{
    if (len >= 3 && space_at(s + len - 3, 3) == 3) return 3;
    if (len >= 2 && space_at(s + len - 2, 2) == 2) return 2;
    return len >= 1 && space_at(s + len - 1, 1) == 1 ? 1 : 0;
}

static void trim_spaces(const unsigned char **s, size_t *len)
{
    size_t k;
    while ((k = space_at(*s, *len)) > 0) {
        *s += k;
        *len -= k;
    }
    while ((k = space_before(*s, *len)) > 0) *len -= k;
}

/* Length of a currency mark at the start (at_end false) or the end of s:
 * "€" in UTF-8, 0x80 (€ in Windows-1252), "EUR" in any case; 0 if none. */
static size_t euro_mark(const unsigned char *s, size_t len, bool at_end)
{
    if (len >= 3) {
        const unsigned char *e = at_end ? s + len - 3 : s;
        if (e[0] == 0xE2 && e[1] == 0x82 && e[2] == 0xAC) return 3;
        if (strncasecmp((const char *)e, "EUR", 3) == 0) return 3;
    }
    return len >= 1 && (at_end ? s[len - 1] : s[0]) == 0x80 ? 1 : 0;
}

bool csv_number_is_money(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    trim_spaces(&s, &len);
    if (len > 1 && s[0] == '(' && s[len - 1] == ')') {
        s++;
        len -= 2;
        trim_spaces(&s, &len);
    }
    return euro_mark(s, len, true) > 0 || euro_mark(s, len, false) > 0;
}

/* "1.234.567" or "1.234,5" with decimal ',': dots that group the integer
 * digits by three (buf holds the digits with 'T' for each dot, '.' for the
 * decimal mark).  A lone "1.234" stays ambiguous (1.234 or 1234): refused. */
static bool dot_groups_valid(char *buf, size_t *k)
{
    size_t i = (buf[0] == '-' || buf[0] == '+'), run = 0, dots = 0;
    bool first = true, mark = false;
    for (; i < *k && buf[i] != '.'; i++) {
        if (buf[i] == 'T') {
            if (run == 0 || run > 3 || (!first && run != 3)) return false;
            first = false;
            run = 0;
            dots++;
        } else if (buf[i] >= '0' && buf[i] <= '9') {
            run++;
        } else {
            return false; /* an exponent after grouped digits: not a French amount */
        }
    }
    mark = i < *k;
    if (run != 3 || (dots < 2 && !mark)) return false;
    size_t w = 0;
    for (size_t r = 0; r < *k; r++)
        if (buf[r] != 'T') buf[w++] = buf[r];
    *k = w;
    return true;
}

/* The general case: thousands separators (space, NBSP in UTF-8 or
 * Windows-1252, narrow NBSP; dots before a decimal comma), exponents, a
 * trailing %, a leading or trailing € / EUR, an accounting negative "(3,00)".
 * Copies the text with '.' as decimal mark and lets strtod_l read it in the
 * C locale. */
static bool parse_number_slow(const char *text, size_t len, char decimal, double *out)
{
    char buf[96];
    size_t k = 0, dots = 0, m;
    bool percent = false, paren = false;
    const unsigned char *s = (const unsigned char *)text;
    trim_spaces(&s, &len);
    if (len > 1 && s[0] == '(' && s[len - 1] == ')') { /* accounting: (3,00) is -3 */
        paren = true;
        s++;
        len -= 2;
        trim_spaces(&s, &len);
    }
    if (len > 0 && s[len - 1] == '%') {
        percent = true;
        len--;
    } else if ((m = euro_mark(s, len, true)) > 0 && m < len) {
        len -= m;
    } else if ((m = euro_mark(s, len, false)) > 0 && m < len) {
        s += m;
        len -= m;
    }
    trim_spaces(&s, &len);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (k + 2 >= sizeof buf) return false;
        size_t sp = space_at(s + i, len - i);
        if (sp) {
            i += sp - 1;
            continue;
        }
        if (c == (unsigned char)decimal)
            c = '.';
        else if (c == '.' && decimal != '.') {
            c = 'T'; /* "1.234,5": a thousands dot, checked below */
            dots++;
        }
        if (!(c == '.' || c == 'T' || c == '-' || c == '+' || c == 'e' || c == 'E' ||
              (c >= '0' && c <= '9')))
            return false; /* rejects nan, inf, hex that strtod would take */
        buf[k++] = (char)c;
    }
    if (k == 0 || (dots && !dot_groups_valid(buf, &k)) ||
        (paren && (buf[0] == '-' || buf[0] == '+')))
        return false;
    buf[k] = 0;
    char *end;
    errno = 0;
    double v = strtod_l(buf, &end, c_locale());
    if (*end || end == buf || errno == ERANGE || !isfinite(v)) return false;
    if (paren) v = -v;
    *out = percent ? v / 100 : v;
    return true;
}

bool csv_parse_number(const char *s, size_t len, char decimal, double *out)
{
    const char *p = s, *end = s + (len < 18 ? len : 17); /* 17 chars: at most 16 digits, a mark */
    bool neg = false;
    if (p < end && (*p == '-' || *p == '+')) {
        neg = *p == '-';
        p++;
    }
    const char *digits_start = p;
    uint64_t mant = 0;
    unsigned d;
    while (p < end && (d = (unsigned)(*p - '0')) < 10) {
        mant = mant * 10 + d;
        p++;
    }
    int int_digits = (int)(p - digits_start), frac = 0;
    if (p < end && *p == decimal && int_digits > 0) {
        const char *frac_start = ++p;
        while (p < end && (d = (unsigned)(*p - '0')) < 10) {
            mant = mant * 10 + d;
            p++;
        }
        frac = (int)(p - frac_start);
        if (frac == 0) return parse_number_slow(s, len, decimal, out);
    }
    if (p == s + len && int_digits > 0 && int_digits + frac <= 16 &&
        (frac == 0 || mant <= ((uint64_t)1 << 53))) {
        /* an integer is rounded once; with a fraction, mant <= 2^53 is exact
         * and 10^frac too: one correctly rounded division (past 2^53 the
         * mantissa would be rounded first, then divided: strtod reads it) */
        double v = (double)mant;
        if (frac) v /= POW10[frac];
        *out = neg ? -v : v;
        return true;
    }
    return parse_number_slow(s, len, decimal, out);
}

bool csv_parse_bool(const char *s, size_t len, int8_t *out)
{
    static const char *const yes[] = { "true", "vrai", "oui", "yes", NULL };
    static const char *const no[] = { "false", "faux", "non", "no", NULL };
    if (len < 2 || len > 5) return false;
    for (int i = 0; yes[i]; i++)
        if (strlen(yes[i]) == len && strncasecmp(s, yes[i], len) == 0) {
            *out = 1;
            return true;
        }
    for (int i = 0; no[i]; i++)
        if (strlen(no[i]) == len && strncasecmp(s, no[i], len) == 0) {
            *out = 0;
            return true;
        }
    return false;
}

/* Copies at most about 40 bytes of a field for a message, escaping what
 * would break the line (the text may be in any encoding): a valid UTF-8
 * sequence is copied whole ("é" stays "é"), a byte that starts none is
 * written \xNN, and the cut falls between characters. */
void csv_excerpt(const char *s, size_t len, char *buf, size_t size)
{
    size_t k = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len && k + 5 < size;) {
        unsigned char c = u[i];
        size_t n = 1;
        if (c == '\n') {
            buf[k++] = '\\';
            buf[k++] = 'n';
        } else if (c == '\r') {
            buf[k++] = '\\';
            buf[k++] = 'r';
        } else if (c < 0x20)
            k += (size_t)snprintf(buf + k, size - k, "\\x%02X", c);
        else if (c < 0x80)
            buf[k++] = (char)c;
        else {
            n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (i + n > len || utf8_valid_prefix(s + i, n, false) != n) n = 1;
            if (n == 1)
                k += (size_t)snprintf(buf + k, size - k, "\\x%02X", c);
            else if (k + n + 4 < size) {
                memcpy(buf + k, u + i, n);
                k += n;
            } else
                break;
        }
        i += n;
        if (i >= 41 && i < len) {
            if (k + 4 <= size) {
                memcpy(buf + k, "...", 3);
                k += 3;
            }
            break;
        }
    }
    buf[k] = 0;
}

char csv_detect_separator(const unsigned char *s, size_t len)
{
    size_t commas = 0, semis = 0, tabs = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || s[i] != '\n'); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ',')
            commas++;
        else if (!quoted && s[i] == ';')
            semis++;
        else if (!quoted && s[i] == '\t')
            tabs++;
    }
    if (semis >= commas && semis >= tabs && semis > 0) return ';';
    if (tabs > commas) return '\t';
    return ',';
}

bool csv_is_zero_code(const char *s, size_t len)
{
    if (len < 2 || s[0] != '0') return false;
    for (size_t i = 1; i < len; i++)
        if ((unsigned)(s[i] - '0') >= 10) return false;
    return true;
}

bool csv_comma_grouped(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && i < 3 && (unsigned)(s[i] - '0') < 10) i++;
    if (i == 0 || i == len) return false;
    while (i < len) {
        if (s[i] != ',' || i + 4 > len) return false;
        for (size_t k = 1; k <= 3; k++)
            if ((unsigned)(s[i + k] - '0') >= 10) return false;
        i += 4;
    }
    return true;
}

void csv_utf8_census(const unsigned char *s, size_t len, size_t *valid_multi, size_t *invalid)
{
    size_t i = 0;
    *valid_multi = *invalid = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t rest = len - i < 4 ? len - i : 4;
        size_t ok = utf8_valid_prefix((const char *)s + i, rest, false);
        if (ok == 0) {
            (*invalid)++;
            i++;
            continue;
        }
        /* ok covers the first sequence (and maybe more): step over one */
        size_t n = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : 2;
        (*valid_multi)++;
        i += n;
    }
}
