/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_values.h — reading the text of one CSV field (used by csv_read.c).
 *
 * Contract: pure functions of their arguments (no interpreter, no global
 * state once csv_values_init() has run), so both reading threads may call
 * them.  The whole text must match: "12 kg" is not a number.
 */
#ifndef IMPACT_CSV_VALUES_H
#define IMPACT_CSV_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Makes the C locale strtod_l needs; call before starting threads. */
void csv_values_init(void);

/* A number written with decimal mark `decimal` ('.' or ','): an optional
 * sign, digits, optional decimal part, optional exponent, spaces, no-break
 * spaces (U+00A0) or narrow no-break spaces (U+202F) as thousands
 * separators, an optional trailing % (divides by 100), a leading or
 * trailing € or EUR ("1 234,50 €"), an accounting negative in parentheses
 * ("(3,00)" is -3) and, with decimal ',', dots grouping the integer digits
 * by three when a decimal comma or a second dot follows ("1.234,56",
 * "1.234.567"; "1.234" alone is refused as ambiguous).  Up to 16 digits
 * (a mantissa up to 2^53 when there is a fraction) take an exact fast path
 * (mantissa / 10^k); only the other forms pay for strtod. */
bool csv_parse_number(const char *s, size_t len, char decimal, double *out);
/* True when s, read as a number by csv_parse_number(), carried a € or EUR
 * (its column then holds money, in EUR). */
bool csv_number_is_money(const char *s, size_t len);
/* The common forms of csv_parse_number() (an optional '-', digits with at
 * most one decimal mark, at most 16 characters), inlined in the loader's
 * inner loop and read exactly as its fast path reads them (the mantissa
 * divided by 10^k); false for any other text, which the caller hands to
 * csv_parse_number() (so that it also sees "1 234,50 €" and its unit). */
static inline bool csv_parse_number_plain(const char *s, size_t len, char decimal, double *out)
{
    static const double pow10[] = { 1e0, 1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7, 1e8,
                                    1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
    const unsigned char *p = (const unsigned char *)s, *end = p + len, *mark = NULL;
    if (len == 0 || len > 16) return false;
    bool neg = *p == '-';
    p += neg;
    const unsigned char *digits = p;
    uint64_t mant = 0;
    for (; p < end; p++) {
        unsigned d = (unsigned)(*p - '0');
        if (d < 10)
            mant = mant * 10 + d;
        else if (*p == (unsigned char)decimal && !mark)
            mark = p;
        else
            return false;
    }
    if (p == digits || (mark && (mark == digits || mark == end - 1))) /* "-", ",5", "12," */
        return false;
    double v = (double)mant;
    if (mark) v /= pow10[end - mark - 1];
    *out = neg ? -v : v;
    return true;
}
/* The value of the 8 digits of w, its low byte the most significant (the
 * first in the text): pairs, then fours, then the eight, each step one
 * multiplication (the high nibble of each byte, '0' = 0x30, masked away). */
static inline uint64_t csv_eight_digits(uint64_t w)
{
    w = ((w & 0x0F0F0F0F0F0F0F0Fu) * 2561) >> 8;
    w = ((w & 0x00FF00FF00FF00FFu) * 6553601) >> 16;
    return ((w & 0x0000FFFF0000FFFFu) * 42949672960001u) >> 32;
}

/* csv_parse_number_plain() of a text of 1 to 8 characters without a sign,
 * read as one 64-bit word instead of a byte at a time (a loop whose end,
 * at each field's own length, the processor mispredicts): the bytes that
 * are not digits and the decimal marks found by exact tests of all eight
 * bytes at once, the mark taken out, the digits valued together.  The same
 * mantissa divided by the same 10^k: the same double.  s must be followed
 * by readable bytes up to s + 8 (the loader's chunk buffer is padded so);
 * false for any other text, and for a text of more than 8 characters or
 * starting with '-' (which csv_parse_number_plain() reads). */
static inline bool csv_parse_number_word(const char *s, size_t len, char decimal, double *out)
{
    static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7 };
    const uint64_t ones = 0x0101010101010101u, lows = 0x7F7F7F7F7F7F7F7Fu;
    if (len - 1 >= 8) return false; /* 0 or more than 8 characters */
    uint64_t w;
    memcpy(&w, s, sizeof w);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* s[0] in the low byte */
#endif
    uint64_t keep = len == 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * len)) - 1;
    uint64_t x = w ^ (ones * '0'); /* a digit: a byte below 10 */
    uint64_t other = ((((x & lows) + ones * 0x76) | x) & ~lows) & keep;
    uint64_t y = w ^ (ones * (unsigned char)decimal); /* the mark: a zero byte */
    uint64_t marks = ~(((y & lows) + lows) | y | lows) & keep;
    if (other != marks || (marks & (marks - 1))) return false; /* a sign, a space, two marks */
    if (!marks) {
        *out = (double)csv_eight_digits((w & keep) << (64 - 8 * len));
        return true;
    }
    size_t k = (size_t)__builtin_ctzll(marks) / 8, m = len - 1; /* digits before it, in all */
    if (k == 0 || k == m) return false;                         /* ",5", "12," */
    uint64_t before = ((uint64_t)1 << (8 * k)) - 1;
    uint64_t digits = (w & before) | ((w >> 8) & ~before); /* the mark taken out */
    *out = (double)csv_eight_digits(digits << (64 - 8 * m)) / pow10[m - k];
    return true;
}

/* csv_parse_number() with csv_parse_number_plain() inlined first.  Same
 * results (tested over random texts). */
static inline bool csv_parse_number_inline(const char *s, size_t len, char decimal, double *out)
{
    return csv_parse_number_plain(s, len, decimal, out) || csv_parse_number(s, len, decimal, out);
}
/* true/false, vrai/faux, oui/non, yes/no in any case. */
bool csv_parse_bool(const char *s, size_t len, int8_t *out);
/* At most about 40 bytes of s for a message, line breaks and bytes that
 * are not UTF-8 escaped (\n, \xE9). */
void csv_excerpt(const char *s, size_t len, char *buf, size_t size);
/* The most frequent of ';', ',' and tab outside quotes on the first line
 * (',' when none). */
char csv_detect_separator(const unsigned char *s, size_t len);
/* A code written with a leading zero ("01053", "0612345678", "00042"): two
 * or more digits, the first a 0.  Such a column is text (a postal code, an
 * INSEE commune, a phone number), since a number would lose the zero. */
bool csv_is_zero_code(const char *s, size_t len);
/* "1,500", "12,345,678": digits grouped by three with commas, which a file
 * with ',' separators may mean as thousands (1500) as well as a decimal
 * comma, so such a value alone does not make a decimal-comma column. */
bool csv_comma_grouped(const char *s, size_t len);
/* Counts, in s, the valid multi-byte UTF-8 sequences (an accent saved as
 * UTF-8) and the bytes >= 0x80 that start no valid sequence (a Windows-1252
 * accent). */
void csv_utf8_census(const unsigned char *s, size_t len, size_t *valid_multi, size_t *invalid);

#endif
