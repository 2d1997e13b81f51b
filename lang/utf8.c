/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* utf8.c — the one UTF-8 module (contract in utf8.h).  Decoding is
 * utf8proc_iterate, which rejects overlong forms, surrogates and cut
 * sequences; widths are utf8proc_charwidth; NFC is utf8proc_map.  ASCII,
 * nearly all of the text the interpreter handles, takes a byte test
 * before any call.
 */
#include "lang/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t utf8_decode(const char *s, size_t avail, int32_t *cp)
{
    if (avail == 0) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    utf8proc_int32_t v;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)(avail < 4 ? avail : 4), &v);
    if (n <= 0) return 0;
    *cp = v;
    return (size_t)n;
}

size_t utf8_encode(int32_t cp, char *out)
{
    return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out);
}

/* Bytes a sequence starting with lead needs, 0 if lead starts none. */
static size_t sequence_length(unsigned char lead)
{
    return lead < 0x80 ? 1
        : lead < 0xC2  ? 0
        : lead < 0xE0  ? 2
        : lead < 0xF0  ? 3
        : lead <= 0xF4 ? 4
                       : 0;
}

/* The n bytes at s (n >= 1) are the start of a sequence that the end of
 * the text cut short. */
static bool cut_short(const char *s, size_t n)
{
    size_t need = sequence_length((unsigned char)s[0]);
    if (need <= 1 || n >= need) return false;
    for (size_t k = 1; k < n; k++)
        if (((unsigned char)s[k] & 0xC0) != 0x80) return false;
    return true;
}

size_t utf8_valid_prefix(const char *s, size_t len, bool allow_cut)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) return allow_cut && cut_short(s + i, len - i) ? len : i;
        i += n;
    }
    return i;
}

/* Length of the character at s: its sequence when valid, else 1. */
static size_t char_length(const char *s, size_t avail, int32_t *cp)
{
    size_t n = utf8_decode(s, avail, cp);
    if (n == 0) {
        *cp = -1;
        return 1;
    }
    return n;
}

size_t utf8_count(const char *s, size_t len)
{
    size_t count = 0;
    int32_t cp;
    for (size_t i = 0; i < len; count++)
        i += (unsigned char)s[i] < 0x80 ? 1 : char_length(s + i, len - i, &cp);
    return count;
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max) return len;
    size_t i = 0;
    int32_t cp;
    for (;;) {
        size_t n = char_length(s + i, len - i, &cp);
        if (i + n > max) return i;
        i += n;
    }
}

int utf8_char_width(int32_t cp)
{
    if (cp < 0) return 1; /* an invalid byte, shown as one mark */
    if (cp >= 0x20 && cp < 0x7F) return 1;
    int w = utf8proc_charwidth(cp);
    return w < 0 ? 0 : w;
}

size_t utf8_fit(const char *s, size_t len, size_t cols, size_t *width)
{
    size_t i = 0, w = 0;
    int32_t cp;
    while (i < len) {
        size_t n = (unsigned char)s[i] < 0x80 ? (cp = (unsigned char)s[i], 1)
                                              : char_length(s + i, len - i, &cp);
        size_t cw = (size_t)utf8_char_width(cp);
        if (w + cw > cols) break;
        w += cw;
        i += n;
    }
    if (width) *width = w;
    return i;
}

size_t utf8_width(const char *s, size_t len)
{
    size_t w;
    utf8_fit(s, len, (size_t)-1, &w);
    return w;
}

size_t utf8_width_z(const char *s)
{
    return utf8_width(s, strlen(s));
}

bool utf8_is_plain_name(const char *s)
{
    size_t len = strlen(s), i = 0;
    if (len == 0) return false;
    while (i < len) {
        int32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (n == 0) return false;
        utf8proc_category_t cat = utf8proc_category(cp);
        bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
        bool digit = cat == UTF8PROC_CATEGORY_ND;
        if (!(letter || cp == '_' || (digit && i > 0))) return false;
        i += n;
    }
    return true;
}

char *utf8_nfc(const char *s, size_t *len)
{
    /* U+0080-U+02FF (accented Latin letters) and U+2010-U+20BF (’, –, €)
     * are composed already and compose with nothing before them: a text of
     * only these and ASCII is NFC, which spares the library call for nearly
     * every French text.  Anything else (a combining accent U+0300...) goes
     * through utf8proc. */
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < *len) {
        if (u[i] < 0x80)
            i++;
        else if (u[i] >= 0xC2 && u[i] <= 0xCB)
            i += 2;
        else if (u[i] == 0xE2 && i + 2 < *len &&
                 ((u[i + 1] == 0x80 && u[i + 2] >= 0x90) || u[i + 1] == 0x81 || u[i + 1] == 0x82))
            i += 3;
        else
            break;
    }
    if (i >= *len) return NULL;
    utf8proc_uint8_t *out = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)*len, &out,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0 || ((size_t)n == *len && memcmp(out, s, *len) == 0)) {
        free(out);
        return NULL;
    }
    *len = (size_t)n;
    return (char *)out;
}

size_t utf8_escape_invalid(const char *s, size_t len, char *out, size_t cap)
{
    size_t i = 0, o = 0;
    while (i < len) {
        int32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        char escaped[5];
        const char *piece = s + i;
        size_t written = n;
        if (n == 0) {
            static const char hex[] = "0123456789ABCDEF";
            unsigned char b = (unsigned char)s[i];
            escaped[0] = '\\';
            escaped[1] = 'x';
            escaped[2] = hex[b >> 4];
            escaped[3] = hex[b & 15];
            piece = escaped;
            written = 4;
            n = 1;
        }
        if (o + written >= cap) break;
        memcpy(out + o, piece, written);
        o += written;
        i += n;
    }
    if (cap) out[o] = '\0';
    return i;
}
