/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* utf8.h — the one UTF-8 module: decoding, validation, counting, cutting
 * and the display width of text, on utf8proc.
 *
 * Contract: every function takes bytes with an explicit length (a NUL is
 * an ordinary byte) unless its name ends in _z (NUL-terminated), never
 * reads past them, never allocates except utf8_nfc(), and keeps no state,
 * so any thread may call it.  A byte that starts no valid character (a
 * stray continuation byte, an overlong form, a surrogate, a sequence cut
 * short) counts as one character one column wide: bad input is shown, not
 * hidden, and a cut never splits a valid character.  Display widths are
 * those of a terminal (utf8proc_charwidth, Unicode East Asian Width): 東
 * is 2 columns, a combining accent (the U+0301 of a decomposed "é") 0, so
 * tables padded with them line up.  In lang/ so that every layer shares it.
 */
#ifndef IMPACT_UTF8_H
#define IMPACT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The valid character at s (at most avail bytes): its length 1-4 and its
 * code point in *cp; 0 when the bytes there form none. */
size_t utf8_decode(const char *s, size_t avail, int32_t *cp);

/* Writes the code point cp (valid: up to U+10FFFF, not a surrogate) as
 * 1-4 bytes at out; returns how many. */
size_t utf8_encode(int32_t cp, char *out);

/* Length of the longest valid UTF-8 prefix of s; when allow_cut, a
 * sequence cut by the end of s counts as valid (the end of a chunk read
 * from a file, the rest to come). */
size_t utf8_valid_prefix(const char *s, size_t len, bool allow_cut);

/* s as text a terminal shows safely: each byte that is not UTF-8 (a
 * Windows-1252 accent) written as \xNN, the rest as is.  Writes at most
 * cap - 1 bytes and a NUL at out, never a piece cut; returns how many
 * bytes of s were written (all of len unless out was too small). */
size_t utf8_escape_invalid(const char *s, size_t len, char *out, size_t cap);

/* Characters (code points) in s; each invalid byte counts one. */
size_t utf8_count(const char *s, size_t len);

/* The largest length <= max at which s can be cut without splitting a
 * character (for a message that shows at most max bytes of a text). */
size_t utf8_cut(const char *s, size_t len, size_t max);

/* Display columns of one code point: 0 for combining marks and format
 * characters, 2 for wide ones (CJK, most emoji), 1 otherwise. */
int utf8_char_width(int32_t cp);

/* Display columns of s. */
size_t utf8_width(const char *s, size_t len);
size_t utf8_width_z(const char *s);

/* Bytes of the longest prefix of s that fits in `cols` display columns,
 * with the combining marks that follow its last character; its width in
 * *width when width is not NULL. */
size_t utf8_fit(const char *s, size_t len, size_t cols, size_t *width);

/* Whether s can be written as a bare name: letters (accented ones too),
 * digits and '_', not empty, not starting with a digit. */
bool utf8_is_plain_name(const char *s);

/* The NFC form of valid UTF-8 text when it differs from s (malloc'd, *len
 * updated), else NULL; NULL too when memory runs out (s is then used as
 * is).  "e" + U+0301 (as macOS writes "é") becomes the one "é" typed on a
 * keyboard, so the two compare and group as equal. */
char *utf8_nfc(const char *s, size_t *len);

#endif
