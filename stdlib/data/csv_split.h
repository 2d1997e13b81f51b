/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_split.h — libcsv's csv_parse(), faster on lines without quotes (used
 * by csv_fields.c; tested against libcsv itself in tests/unit/test_csv_split.c).
 *
 * Contract: csv_split(p, buf, n, cb1, cb2, data) makes exactly the calls of
 * cb1 and cb2, with the same bytes, and leaves p in the same state, as
 * csv_parse(p, buf, n, cb1, cb2, data) would; it returns what csv_parse()
 * would.  When buf holds no quote character and p uses libcsv's default
 * spaces and line ends, with CSV_REPALL_NL and neither CSV_APPEND_NULL nor
 * CSV_EMPTY_IS_NULL (the CSV reader's parser), the whole lines of buf are
 * split in place, without libcsv's copy of each byte into its entry buffer:
 * cb1 then gets a pointer into buf, which it must not keep nor write past
 * the field; libcsv reads the row a previous buffer left open and the last,
 * unfinished line.  Otherwise it is csv_parse().
 */
#ifndef IMPACT_CSV_SPLIT_H
#define IMPACT_CSV_SPLIT_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Why a header: inlined where it is called with known callbacks, the
 * callbacks are inlined into the loops below (the CSV reader's per-field
 * call was a tenth of its time).  libcsv reads a byte at a time through a
 * state machine and copies each byte of a field into its entry buffer
 * before handing the field over; a line without quotes needs neither: its
 * fields are the runs between separators, with the spaces and tabs around
 * them dropped, as libcsv drops them. */
enum { CSV_SPLIT_ROW_NOT_BEGUN = 0 }; /* libcsv's state between rows (libcsv.c, version 3) */

/* The length of the run at p before its first separator, CR or LF (one
 * lies before stop): eight bytes at a time while they lie before stop (a
 * field is mostly shorter, so one step), each byte compared at once with
 * the three (a zero byte of w ^ c marks a c; the lowest flagged byte is
 * the first match, as a borrow only flags bytes above a true zero). */
static inline size_t csv_split_run(const char *p, const char *stop, char sep)
{
    const char *q = p;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    const uint64_t s = ones * (unsigned char)sep, cr = ones * '\r', lf = ones * '\n';
    for (; q + 8 <= stop; q += 8) {
        uint64_t w;
        memcpy(&w, q, sizeof w);
        uint64_t a = w ^ s, b = w ^ cr, c = w ^ lf;
        uint64_t m = (((a - ones) & ~a) | ((b - ones) & ~b) | ((c - ones) & ~c)) & highs;
        if (m) return (size_t)(q - p) + (size_t)(__builtin_ctzll(m) >> 3);
    }
#endif
    while (*q != sep && *q != '\n' && *q != '\r') q++;
    return (size_t)(q - p);
}

/* The lines of s[0..n) up to its last line end, split as csv_parse()
 * splits lines without quotes when called at the start of a row: a line
 * end with no field before it is a row of its own (CSV_REPALL_NL), a
 * separator or line end right after a separator ends an empty field.
 * Returns the bytes consumed. */
static inline __attribute__((always_inline)) size_t
csv_split_lines(char sep, char *s, size_t n, void (*cb1)(void *, size_t, void *),
                void (*cb2)(int, void *), void *data)
{
    size_t end = n;
    while (end > 0 && s[end - 1] != '\n' && s[end - 1] != '\r') end--;
    char *p = s, *stop = s + end; /* stop[-1] ends a line: every scan below stops there */
    while (p < stop) {
        bool row_begun = false;
        for (;;) {
            while ((*p == ' ' || *p == '\t') && *p != sep) p++;
            if (*p == '\n' || *p == '\r') {
                if (row_begun) cb1(p, 0, data);
                cb2((unsigned char)*p++, data);
                break;
            }
            char *field = p;
            p += csv_split_run(p, stop, sep);
            char *last = p;
            while (last > field && (last[-1] == ' ' || last[-1] == '\t')) last--;
            cb1(field, (size_t)(last - field), data);
            if (*p != sep) {
                cb2((unsigned char)*p++, data);
                break;
            }
            p++;
            row_begun = true;
        }
    }
    return (size_t)(p - s);
}

static inline __attribute__((always_inline)) size_t csv_split(struct csv_parser *p, char *buf,
                                                              size_t n,
                                                              void (*cb1)(void *, size_t, void *),
                                                              void (*cb2)(int, void *), void *data)
{
    bool plain = p->is_space == NULL && p->is_term == NULL && (p->options & CSV_REPALL_NL) &&
        !(p->options & (CSV_APPEND_NULL | CSV_EMPTY_IS_NULL)) && p->delim_char != p->quote_char &&
        p->delim_char != '\n' && p->delim_char != '\r' && memchr(buf, p->quote_char, n) == NULL;
    if (!plain) return csv_parse(p, buf, n, cb1, cb2, data);
    size_t done = 0;
    if (p->pstate != CSV_SPLIT_ROW_NOT_BEGUN) { /* libcsv ends the row it holds */
        size_t head = 0;
        while (head < n && buf[head] != '\n' && buf[head] != '\r') head++;
        head += head < n;
        done = csv_parse(p, buf, head, cb1, cb2, data);
        if (done != head) return done;
    }
    if (p->pstate == CSV_SPLIT_ROW_NOT_BEGUN)
        done += csv_split_lines((char)p->delim_char, buf + done, n - done, cb1, cb2, data);
    return done + csv_parse(p, buf + done, n - done, cb1, cb2, data);
}

#endif
