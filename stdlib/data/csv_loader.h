/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* csv_loader.h — the CSV reader's own state and seams between its files
 * (private to stdlib/data/csv_*.c; everything else uses csv_read.h).
 *
 * Contract: one Loader per reading of a file (two when read_parallel()
 * reads the second half in a thread); the files of the reader share it:
 *   csv_read.c      csv_read(): detection, the passes, the table built
 *   csv_pass.c      one pass of libcsv over the file or a range of it
 *   csv_fields.c    the libcsv callbacks and the storing of each field,
 *                   inlined into csv_split.h's reading of lines without quotes
 *                   (type guess, interning of texts, the hot path)
 *   csv_header.c    the header row: names, repeated titles, declared types
 *   csv_parallel.c  reading a big file in two threads, then joining
 *   csv_messages.c  errors raised (or deferred) and warnings after reading
 *   csv_rows.c      the physical line of each row, for later messages
 * A function named loader_* acts on a Loader; one that may run in the
 * second thread never calls the interpreter except through loader_fail(),
 * which defers the error when L->deferred.
 */
#ifndef IMPACT_CSV_LOADER_H
#define IMPACT_CSV_LOADER_H

#include <csv.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>

#include "runtime/mem.h"
#include "stdlib/data/csv_read.h"

#define FIRST_CHUNK  (64 * 1024)
#define CHUNK        (1024 * 1024)
#define TYPE_UNKNOWN (-1)

/* A chunk buffer has 8 zeroed bytes past its CHUNK, so that the first 8
 * bytes of any field in it can be read as one word (field_head()). */
#define CHUNK_ALLOC (CHUNK + 8)

/* How loader_on_field() stores a column's values: numbers and texts inline, every
 * other case (type unknown, dates, booleans, a missing: list to check
 * first) through loader_store_value(). */
enum { MODE_GENERAL, MODE_NUM, MODE_TEXT };

/* ---- raw-bytes dictionary (field bytes -> code in the column dict) ------- */

typedef struct RawEntry {
    uint32_t hash;
    int32_t code;
    uint64_t head; /* the first 8 bytes: most fields are compared without memcmp */
    size_t off, len;
} RawEntry;

/* A text of at most 8 bytes already met, found by its bytes alone (one
 * multiplication, one probe, no stored hash to compare, no entry to follow);
 * a text column keeps RAW_SHORTS of them, the last one met in each place.
 * 4,096 places (64 KB a text column): 150 distinct codes in 256 places
 * shared a place four times in ten and pushed each other out; in 4,096,
 * fewer than one in twenty does.  Only the places met are ever touched. */
typedef struct RawShort {
    uint64_t head; /* its bytes, as field_head() reads them */
    int32_t code;
    uint32_t len1; /* its length + 1; 0: no text here yet */
} RawShort;

#define RAW_SHORTS_BITS 12
#define RAW_SHORTS      (1u << RAW_SHORTS_BITS)

typedef struct RawDict {
    RawShort *shorts; /* RAW_SHORTS of them (a text column's), or NULL */
    uint32_t *slots;  /* entry index + 1, 0 = empty */
    size_t n_slots;
    RawEntry *entries;
    size_t n, cap;
    char *bytes;
    size_t used, bytes_cap;
} RawDict;

#define ENTRY_BLOCK (64 * 1024) /* libcsv's entry buffer grows by this much */
#define RAW_ABSENT  (-2)
#define RAW_MISSING (-1)
/* ---- the loader's state ---------------------------------------------------- */

typedef struct ColBuild {
    /* what loader_on_field() reads for every value first, within one cache line */
    int mode; /* how loader_on_field() stores a value: MODE_* */
    int type; /* ColType, or TYPE_UNKNOWN while only missing values came */
    double *num;
    int32_t *codes;
    int8_t *bools;
    RawDict raw;
    char *name; /* UTF-8 */
    bool declared;
    bool force_text; /* read as text after a value did not fit the guess */
    Value col;       /* the ColumnObj, created when the type is known */
    /* NIR evidence: values shaped like a NIR, valid ones, line of the first */
    size_t nir_shaped, nir_valid;
    bool nir_title; /* titled as NIRs: refused if any cell holds a value, else dropped */
    long nir_line;
    char nir_text[32];
    /* Reading in two threads (loader_read_parallel): the first half's array is the
     * start of one block sized for both halves, the second half writes into
     * the rest of it, so joining them moves rows inside the block instead of
     * copying them to fresh pages. */
    void *block;    /* first half: the block, if any (the array itself unless it moved out) */
    bool borrowed;  /* second half: the array lies in the first half's block */
    size_t copy_of; /* 1 + the column whose title this one repeats, 0 if none */
    /* the value the type was guessed from (to explain a later change) */
    long guess_line;
    char guess_text[48];
    char decimal;   /* a number column's own decimal mark (',' for quoted "21,5"), 0 = the file's */
    bool unnamed;   /* the header left its title empty (a trailing separator) */
    long time_line; /* first date value with a time of day (dropped), 0 if none */
    char time_text[48];
    bool money; /* a value carried € or EUR ("1 234,50 €"): the column is in EUR */
} ColBuild;

/* Where data rows start: from row `row` on, row r starts on line r + shift
 * (until the next change).  Blank lines and line breaks inside quoted
 * values move it; a plain file has one change, at row 0. */
typedef struct RowShift {
    size_t row;
    long shift;
} RowShift;

/* What a reading of the file learnt of a column, for the next reading: to
 * read it as text, with the value that made it so (for the warning); to read
 * its numbers with a decimal comma although the file's separator is ','
 * (they are quoted: "21,5"). */
typedef struct ColumnNote {
    bool force_text;
    char decimal;  /* ',' or 0 */
    int why_type;  /* the type the column had before (WHY_ZERO_CODE: a leading zero) */
    long why_line; /* the value that made it text: its line, its first characters */
    char why_text[48];
} ColumnNote;

/* The first error the second half of a file read in parallel meets: that
 * thread may not touch the interpreter, so the error waits here, its line
 * counted from the split, and is raised after the join (csv_messages.c). */
typedef struct DeferredError {
    char *msg, *hint; /* msg NULL: no error yet; hint NULL: none */
    long line;
    size_t field;
} DeferredError;

typedef struct Loader {
    Interp *I;
    const CsvOptions *opt;
    const char *shown; /* file name in messages */
    char sep, decimal;
    char sep_suggested; /* the first line's separator when sep: asked one it lacks, else 0 */
    CsvEncoding enc;
    ColBuild *cols;
    size_t ncols, cap_cols;
    bool failed;         /* an error was raised: ignore further callbacks */
    bool in_header;      /* the next row holds the column names */
    bool custom_missing; /* missing: was given (else the default tokens) */
    size_t field;        /* index of the field being read in the row */
    size_t nrows, cap;
    long line;         /* physical line where the current row starts */
    long header_line;  /* physical line of the header row */
    size_t block_rows; /* rows of the first half in each shared block (share_blocks) */
    size_t block_cap;  /* rows each shared block holds in all */
    RowShift *shifts;  /* the line of each data row (RowShift) */
    size_t n_shifts, cap_shifts;
    long pending_lines;   /* newlines inside quoted fields of this row */
    bool chunk_has_quote; /* no quote in the chunk: no field in it holds a newline */
    const char *chunk;    /* the chunk being read (CHUNK_ALLOC bytes): a field in it */
    size_t chunk_len;     /* is followed by 8 readable bytes; libcsv's copies are not */
    bool after_cr;        /* the last row ended at a CR: an LF right after it ends no new line */
    /* The second half of a file read in parallel may not touch the
     * interpreter: its first error is kept here, raised after the join. */
    bool deferred;
    DeferredError err;
    bool restart; /* a column must be read again as text */
    iconv_t cd;   /* Windows-1252 -> UTF-8, or (iconv_t)-1 */
    char *conv;
    size_t conv_cap;
    /* what a reading learnt of each column (by position), kept across readings */
    ColumnNote *notes;
    size_t n_notes;
    const char *path;   /* the file, opened again to explain an encoding error */
    long first_line;    /* physical line of the first line read: 2 after Excel's "sep=;" */
    bool row_has_value; /* a field of the current row is not empty */
    size_t n_blank;     /* rows made only of separators (";;;;" under Excel's data), skipped */
    long first_blank;   /* physical line of the first of them */
} Loader;

#define WHY_ZERO_CODE 100

/* ---- csv_fields.c: storing the fields ---------------------------------------- */

bool loader_is_missing(const Loader *L, const char *s, size_t len);
void *colbuild_data(const ColBuild *c);
void colbuild_set_data(ColBuild *c, void *data);
size_t type_elem_size(int type);
void colbuild_free(ColBuild *c);
void loader_free(Loader *L);
void colbuild_store_missing(ColBuild *c, size_t r);
void loader_set_type(Loader *L, ColBuild *c, int type);
void loader_ensure_capacity(Loader *L, size_t need);
bool loader_to_utf8(Loader *L, const char *s, size_t len, size_t *out_len);
void loader_demote(Loader *L, size_t field, const char *s, size_t len);
void loader_use_decimal_comma(Loader *L, size_t field);
void loader_store_value(Loader *L, size_t field, const char *s, size_t len);
void loader_note_shift(Loader *L, size_t row, long shift);
void loader_on_field(void *data, size_t len, void *ctx); /* libcsv's callbacks */
void loader_on_row(int c, void *ctx);
/* csv_parse() of one chunk with these callbacks (csv_split.h). */
size_t loader_parse(Loader *L, struct csv_parser *p, char *buf, size_t n);

/* ---- csv_header.c: the header row ------------------------------------------- */

void loader_add_column(Loader *L, char *name);
char *loader_header_name(Loader *L, size_t field, const char *s, size_t len);
bool loader_check_header(Loader *L);
void loader_warn_repeated(Loader *L);

/* ---- csv_read.c: the passes ---------------------------------------------------- */

void loader_reset_columns(Loader *L);
void loader_start(Loader *L, bool header);
void loader_parser_init(Loader *L, struct csv_parser *p);
bool loader_feed_range(Loader *L, struct csv_parser *p, FILE *f, size_t from, size_t to, char *buf,
                       bool estimate);
bool loader_finish_parser(Loader *L, struct csv_parser *p);
bool loader_read_pass(Loader *L, FILE *f, size_t skip, size_t file_size, char *buf);

/* ---- csv_parallel.c ------------------------------------------------------------ */

/* Below this size one thread reads fast enough. */
#define PARALLEL_MIN ((size_t)8 << 20)

bool loader_read_parallel(Loader *L, FILE *f, const char *path, size_t skip, size_t size,
                          char *buf);

/* ---- csv_messages.c: errors and warnings ------------------------------------- */

/* Raises the error at (line, field), or keeps it when deferred; the loader
 * stops reading either way. */
void loader_fail(Loader *L, long line, size_t field, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Raises the error the second half B kept, its lines moved down by offset
 * (the lines of the first half); false when B met none. */
bool loader_raise_deferred(Loader *L, const Loader *B, long offset);
void deferred_error_free(DeferredError *e);
void loader_fail_value(Loader *L, size_t field, const char *s, size_t len, int type);
/* A misplaced double quote at (line, field): told as a wrong sep: when the
 * first line suggests another separator (L->sep_suggested). */
void loader_fail_misplaced_quote(Loader *L, long line, size_t field);
void loader_fail_encoding(Loader *L, size_t field, const char *s, size_t len);
bool loader_refuse_nir_content(Loader *L);
/* Drops the columns titled as NIRs whose cells are all empty, with one note
 * each (an enDI export always carries "Numéro de sécurité sociale"). */
void loader_drop_empty_nir_columns(Loader *L);
void loader_warn_demoted(Loader *L);
void loader_warn_times(Loader *L);
void loader_warn_utf8_read_as_cp1252(Loader *L, const unsigned char *s, size_t len);

/* ---- csv_rows.c ---------------------------------------------------------------- */

void loader_remember_rows(const Loader *L, Value table);

#endif
