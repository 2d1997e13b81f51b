/* csv_values.c — reading the text of one CSV field: numbers (with a fast
 * exact path), booleans, UTF-8 validity, the separator of a header line, and
 * the short escaped excerpt that error messages quote (see csv_values.h). */
#include "csv_values.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const double POW10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static locale_t c_numeric;

/* The C locale for strtod_l, made once before any reading thread starts. */
void csv_values_init(void)
{
    if (!c_numeric)
        c_numeric = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

static locale_t c_locale(void)
{
    csv_values_init();
    return c_numeric;
}

/* The general case: thousands separators (space, NBSP in UTF-8 or
 * Windows-1252, narrow NBSP), exponents, a trailing %.  Copies the text with
 * '.' as decimal mark and lets strtod_l read it in the C locale. */
static bool parse_number_slow(const char *s, size_t len, char decimal, double *out)
{
    char buf[96];
    size_t k = 0;
    bool percent = false;
    if (len > 0 && s[len - 1] == '%') {
        percent = true;
        len--;
        while (len > 0 && s[len - 1] == ' ')
            len--;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (k + 2 >= sizeof buf)
            return false;
        if (c == ' ' || c == 0xA0)
            continue;
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) { i++; continue; }
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0xAF) { i += 2; continue; }
        if (c == (unsigned char)decimal)
            c = '.';
        else if (c == '.' && decimal != '.')
            return false;          /* "1.234,5": ambiguous, not a plain number */
        if (!(c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' || (c >= '0' && c <= '9')))
            return false;          /* rejects nan, inf, hex that strtod would take */
        buf[k++] = (char)c;
    }
    if (k == 0)
        return false;
    buf[k] = 0;
    char *end;
    errno = 0;
    double v = strtod_l(buf, &end, c_locale());
    if (*end || end == buf || errno == ERANGE || !isfinite(v))
        return false;
    *out = percent ? v / 100 : v;
    return true;
}

bool csv_parse_number(const char *s, size_t len, char decimal, double *out)
{
    const char *p = s, *end = s + (len < 18 ? len : 17);   /* 17 chars: at most 16 digits, a mark */
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
        if (frac == 0)
            return parse_number_slow(s, len, decimal, out);
    }
    if (p == s + len && int_digits > 0 && int_digits + frac <= 16) {
        /* mant < 10^16 < 2^53 and 10^frac exact: one correctly rounded division */
        double v = (double)mant;
        if (frac)
            v /= POW10[frac];
        *out = neg ? -v : v;
        return true;
    }
    return parse_number_slow(s, len, decimal, out);
}

bool csv_parse_bool(const char *s, size_t len, int8_t *out)
{
    static const char *const yes[] = {"true", "vrai", "oui", "yes", NULL};
    static const char *const no[] = {"false", "faux", "non", "no", NULL};
    if (len < 2 || len > 5)
        return false;
    for (int i = 0; yes[i]; i++)
        if (strlen(yes[i]) == len && strncasecmp(s, yes[i], len) == 0) { *out = 1; return true; }
    for (int i = 0; no[i]; i++)
        if (strlen(no[i]) == len && strncasecmp(s, no[i], len) == 0) { *out = 0; return true; }
    return false;
}

/* Length of the valid UTF-8 prefix of s; a sequence cut at the end counts as
 * valid when allow_cut (the end of a chunk). */
size_t csv_utf8_valid_prefix(const unsigned char *s, size_t len, bool allow_cut)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        int n = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? (c <= 0xEF ? 2 : -1) : c >= 0xC2 ? 1 : -1;
        if (n < 0)
            return i;
        if (i + (size_t)n >= len + (allow_cut ? (size_t)n : 0))
            return allow_cut ? len : i;
        for (int k = 1; k <= n; k++) {
            if (i + (size_t)k >= len)
                return allow_cut ? len : i;
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
        }
        /* overlong 3-byte forms and surrogates */
        if (c == 0xE0 && s[i + 1] < 0xA0) return i;
        if (c == 0xED && s[i + 1] >= 0xA0) return i;
        if (c == 0xF0 && s[i + 1] < 0x90) return i;
        if (c == 0xF4 && s[i + 1] >= 0x90) return i;
        i += (size_t)n + 1;
    }
    return i;
}

/* Copies at most 40 bytes of a field for a message, escaping what would break
 * the line (the text may be in any encoding). */
void csv_excerpt(const char *s, size_t len, char *buf, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 5 < size; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\n') { buf[k++] = '\\'; buf[k++] = 'n'; }
        else if (c == '\r') { buf[k++] = '\\'; buf[k++] = 'r'; }
        else if (c < 0x20 || (c >= 0x80 && csv_utf8_valid_prefix((const unsigned char *)s + i, len - i < 4 ? len - i : 4, false) == 0))
            k += (size_t)snprintf(buf + k, size - k, "\\x%02X", c);
        else
            buf[k++] = (char)c;
        if (i == 40 && i + 1 < len) {
            memcpy(buf + k, "...", 3);
            k += 3;
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
        if (s[i] == '"') quoted = !quoted;
        else if (!quoted && s[i] == ',') commas++;
        else if (!quoted && s[i] == ';') semis++;
        else if (!quoted && s[i] == '\t') tabs++;
    }
    if (semis >= commas && semis >= tabs && semis > 0) return ';';
    if (tabs > commas) return '\t';
    return ',';
}


bool csv_is_zero_code(const char *s, size_t len)
{
    if (len < 2 || s[0] != '0')
        return false;
    for (size_t i = 1; i < len; i++)
        if ((unsigned)(s[i] - '0') >= 10)
            return false;
    return true;
}

bool csv_comma_grouped(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && i < 3 && (unsigned)(s[i] - '0') < 10)
        i++;
    if (i == 0 || i == len)
        return false;
    while (i < len) {
        if (s[i] != ',' || i + 4 > len)
            return false;
        for (size_t k = 1; k <= 3; k++)
            if ((unsigned)(s[i + k] - '0') >= 10)
                return false;
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
        size_t ok = csv_utf8_valid_prefix(s + i, rest, false);
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
