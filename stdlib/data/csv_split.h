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
 *
 * csv_split_indexed(p, buf, n, cb1, cb2, at, end, data) is csv_split(),
 * except that on the lines it splits in place it calls at(s, len, i, data)
 * instead of cb1(s, len, data) for the i-th field of a row (from 0), and
 * end(c, fields, any, data) instead of cb2(c, data), `fields` being the
 * number of fields of the row and `any` whether one was not empty: a caller
 * then counts neither in memory, field after field (libcsv's part still
 * calls cb1 and cb2).
 */
#ifndef IMPACT_CSV_SPLIT_H
#define IMPACT_CSV_SPLIT_H

#include <csv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && !defined(CSV_SCAN_PORTABLE)
#include <emmintrin.h>
#endif

/* Why a header: inlined where it is called with known callbacks, the
 * callbacks are inlined into the loops below (the CSV reader's per-field
 * call was a tenth of its time).  libcsv reads a byte at a time through a
 * state machine and copies each byte of a field into its entry buffer
 * before handing the field over; a line without quotes needs neither: its
 * fields are the runs between separators, with the spaces and tabs around
 * them dropped, as libcsv drops them. */
enum { CSV_SPLIT_ROW_NOT_BEGUN = 0 }; /* libcsv's state between rows (libcsv.c, version 3) */

/* Where the fields end: a bitmask per block of 64 bytes, bit i set when
 * byte i is the separator, a CR or an LF (SSE2 compares 16 bytes at once;
 * elsewhere eight bytes a word, each byte tested exactly).  The bits are
 * taken in order, the lowest first, each cleared once its byte is passed:
 * the end of each field is then one count of trailing zeros away, and the
 * next depends on the last only through that clearing (one instruction),
 * not on where the field started; the bytes are compared once each
 * whatever the fields' lengths. */
typedef struct CsvScan {
    const char *base; /* the block: bytes [base, base + 64) */
    uint64_t bits;    /* its line ends and separators not passed yet */
    const char *stop; /* no byte at or past stop is read */
    char sep;
} CsvScan;

static inline uint64_t csv_scan_mask(const char *q, char sep)
{
#if defined(__SSE2__) && !defined(CSV_SCAN_PORTABLE)
    const __m128i vs = _mm_set1_epi8(sep), vr = _mm_set1_epi8('\r'), vn = _mm_set1_epi8('\n');
    uint64_t m = 0;
    for (int k = 0; k < 4; k++) {
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(q + 16 * k));
        __m128i e = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, vs), _mm_cmpeq_epi8(w, vr)),
                                 _mm_cmpeq_epi8(w, vn));
        m |= (uint64_t)(uint16_t)_mm_movemask_epi8(e) << (16 * k);
    }
    return m;
#else
    const uint64_t ones = 0x0101010101010101u, lows = 0x7F7F7F7F7F7F7F7Fu;
    uint64_t m = 0;
    for (int k = 0; k < 8; k++) {
        uint64_t w = 0;
        for (int i = 0; i < 8; i++) w |= (uint64_t)(unsigned char)q[8 * k + i] << (8 * i);
        uint64_t hit = 0;
        const uint64_t wanted[3] = { ones * (unsigned char)sep, ones * '\r', ones * '\n' };
        for (int j = 0; j < 3; j++) {
            uint64_t x = w ^ wanted[j];               /* a zero byte where the byte is wanted[j] */
            hit |= ~(((x & lows) + lows) | x | lows); /* exact: the high bit of each zero byte */
        }
        m |= (((hit >> 7) * 0x0102040810204080u) >> 56) << (8 * k); /* the 8 high bits, packed */
    }
    return m;
#endif
}

static inline void csv_scan_load(CsvScan *sc)
{
    size_t left = (size_t)(sc->stop - sc->base);
    if (left >= 64) {
        sc->bits = csv_scan_mask(sc->base, sc->sep);
    } else { /* the last block, copied: the bits past stop are never reached, stop[-1]
              * being a line end */
        char tail[64] = { 0 };
        memcpy(tail, sc->base, left);
        sc->bits = csv_scan_mask(tail, sc->sep);
    }
}

/* The first separator, CR or LF not passed yet (one lies before stop), now
 * passed.  Only spaces and tabs lie between the last one passed and it. */
static inline char *csv_scan_next(CsvScan *sc)
{
    while (!sc->bits) { /* a field that goes on past the block */
        sc->base += 64;
        csv_scan_load(sc);
    }
    char *end = (char *)sc->base + __builtin_ctzll(sc->bits);
    sc->bits &= sc->bits - 1;
    return end;
}

/* Passes the line end at p, met by reading the bytes (a line end that ends
 * no field: an empty line, or the second byte of CR LF). */
static inline void csv_scan_pass(CsvScan *sc, const char *p)
{
    while ((size_t)(p - sc->base) >= 64) { /* p lies past the block (spaces were skipped) */
        sc->base += 64;
        csv_scan_load(sc);
    }
    sc->bits &= ~((UINT64_C(2) << (p - sc->base)) - 1); /* 2 << 63 is 0: all cleared */
}

/* The callbacks of csv_split_indexed(): the i-th field of a row, the row's end. */
typedef void (*CsvFieldAt)(void *s, size_t len, size_t i, void *data);
typedef void (*CsvRowEnd)(int c, size_t fields, bool any, void *data);

/* The lines of s[0..n) up to its last line end, split as csv_parse() splits
 * lines without quotes when called at the start of a row: a line end with
 * no field before it is a row of its own (CSV_REPALL_NL), a separator or
 * line end right after a separator ends an empty field.  Calls at and end
 * when given (csv_split_indexed()), else cb1 and cb2.  Returns the bytes
 * consumed. */
static inline __attribute__((always_inline)) size_t
csv_split_lines(char sep, char *s, size_t n, void (*cb1)(void *, size_t, void *),
                void (*cb2)(int, void *), CsvFieldAt at, CsvRowEnd end_row, void *data)
{
    size_t end = n;
    while (end > 0 && s[end - 1] != '\n' && s[end - 1] != '\r') end--;
    char *p = s, *stop = s + end; /* stop[-1] ends a line: every scan below stops there */
    CsvScan scan = { s, 0, stop, sep };
    if (end > 0) csv_scan_load(&scan);
    while (p < stop) {
        size_t fields = 0;
        bool any = false;
        for (;;) {
            while ((*p == ' ' || *p == '\t') && *p != sep) p++;
            if (*p == '\n' || *p == '\r') {
                csv_scan_pass(&scan, p);
                if (fields) {
                    if (at)
                        at(p, 0, fields, data);
                    else
                        cb1(p, 0, data);
                    fields++;
                }
                if (end_row)
                    end_row((unsigned char)*p++, fields, any, data);
                else
                    cb2((unsigned char)*p++, data);
                break;
            }
            char *field = p;
            p = csv_scan_next(&scan);
            char *last = p;
            while (last > field && (last[-1] == ' ' || last[-1] == '\t')) last--;
            size_t len = (size_t)(last - field);
            any |= len != 0;
            if (at)
                at(field, len, fields, data);
            else
                cb1(field, len, data);
            fields++;
            if (*p != sep) {
                if (end_row)
                    end_row((unsigned char)*p++, fields, any, data);
                else
                    cb2((unsigned char)*p++, data);
                break;
            }
            p++;
        }
    }
    return (size_t)(p - s);
}

static inline __attribute__((always_inline)) size_t
csv_split_indexed(struct csv_parser *p, char *buf, size_t n, void (*cb1)(void *, size_t, void *),
                  void (*cb2)(int, void *), CsvFieldAt at, CsvRowEnd end_row, void *data)
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
        done +=
            csv_split_lines((char)p->delim_char, buf + done, n - done, cb1, cb2, at, end_row, data);
    return done + csv_parse(p, buf + done, n - done, cb1, cb2, data);
}

static inline __attribute__((always_inline)) size_t csv_split(struct csv_parser *p, char *buf,
                                                              size_t n,
                                                              void (*cb1)(void *, size_t, void *),
                                                              void (*cb2)(int, void *), void *data)
{
    return csv_split_indexed(p, buf, n, cb1, cb2, NULL, NULL, data);
}

#endif
