/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_csv_text.c — how csv() reads text, codes, decimals and dates
 * (stdlib/csv_read.c, csv_values.c, dates.c): Unicode normalisation,
 * leading-zero codes, mixed encodings, quoted decimal commas, to_number,
 * date-times, the trailing separator of a header, and the same in a file
 * read by two threads.  Files are written by each test; expected values are
 * counted by hand from them (said at each). */
#include "tests/unit/data_fixture.h"

#include <unistd.h>

#include "lang/utf8.h"
#include "stdlib/data/csv_read.h"
#include "stdlib/core/dates.h"

/* ---- one field ------------------------------------------------------------ */

static void excerpt(const char *s, char *buf, size_t size)
{
    csv_excerpt(s, strlen(s), buf, size);
}

Test(csv_text, excerpt_keeps_utf8_whole)
{
    char buf[128];
    /* QA2 D7: "Non renseigné", "12 €" stay valid UTF-8 */
    excerpt("Non renseign\xc3\xa9", buf, sizeof buf);
    cr_expect_str_eq(buf, "Non renseign\xc3\xa9");
    excerpt("12 \xe2\x82\xac", buf, sizeof buf);
    cr_expect_str_eq(buf, "12 \xe2\x82\xac");
    /* a byte that starts no sequence (Windows-1252 é) is escaped */
    excerpt("Non renseign\xe9", buf, sizeof buf);
    cr_expect_str_eq(buf, "Non renseign\\xE9");
    excerpt("a\nb", buf, sizeof buf);
    cr_expect_str_eq(buf, "a\\nb");
    /* 40 "é" (80 bytes): the cut falls between two characters */
    char long_text[81] = { 0 };
    for (int i = 0; i < 40; i++) {
        long_text[2 * i] = (char)0xc3;
        long_text[2 * i + 1] = (char)0xa9;
    }
    excerpt(long_text, buf, sizeof buf);
    size_t n = strlen(buf);
    cr_expect(n > 3 && strcmp(buf + n - 3, "...") == 0);
    cr_expect_eq(utf8_valid_prefix(buf, n, false), n);
    cr_expect_eq((n - 3) % 2, 0);
    /* a small buffer never overflows and stays valid */
    char small[12];
    excerpt(long_text, small, sizeof small);
    cr_expect_eq(utf8_valid_prefix(small, strlen(small), false), strlen(small));
}

Test(csv_text, zero_codes)
{
    cr_expect(csv_is_zero_code("01053", 5));
    cr_expect(csv_is_zero_code("0612345678", 10));
    cr_expect(csv_is_zero_code("00", 2));
    cr_expect_not(csv_is_zero_code("0", 1));   /* zero itself */
    cr_expect_not(csv_is_zero_code("0.5", 3)); /* decimals */
    cr_expect_not(csv_is_zero_code("0,5", 3));
    cr_expect_not(csv_is_zero_code("75001", 5));
    cr_expect_not(csv_is_zero_code("2A004", 5)); /* text anyway */
}

Test(csv_text, comma_grouped_thousands)
{
    cr_expect(csv_comma_grouped("1,500", 5));
    cr_expect(csv_comma_grouped("12,345,678", 10));
    cr_expect_not(csv_comma_grouped("21,5", 4));
    cr_expect_not(csv_comma_grouped("1,5000", 6));
    cr_expect_not(csv_comma_grouped("1500", 4));
}

Test(csv_text, utf8_census)
{
    size_t multi, bad;
    /* "Besançon" in UTF-8 (ç = C3 A7), then "Orléans" in Windows-1252 (é = E9) */
    const char *s = "Besan\xc3\xa7on Orl\xe9"
                    "ans \xe2\x80\x99";
    csv_utf8_census((const unsigned char *)s, strlen(s), &multi, &bad);
    cr_expect_eq(multi, 2); /* ç and ’ (E2 80 99) */
    cr_expect_eq(bad, 1);   /* the lone E9 */
}

Test(csv_text, date_times_drop_the_time)
{
    double d;
    long want = date_from_civil(2024, 3, 1);
    cr_expect(date_parse("2024-03-01 10:32:00", 19, &d) && d == want);
    cr_expect(date_parse("2024-03-01T10:32", 16, &d) && d == want);
    cr_expect(date_parse("01/03/2024 10:32", 16, &d) && d == want);
    cr_expect(date_parse("1/3/2024 8:05:59", 16, &d) && d == want);
    cr_expect(date_parse("2024-03-01T10:32:00.123Z", 24, &d) && d == want);
    cr_expect(date_parse("2024-03-01T10:32:00+01:00", 25, &d) && d == want);
    cr_expect_not(date_parse("2024-03-01 25:00", 16, &d)); /* no 25th hour */
    cr_expect_not(date_parse("2024-03-01 10:61", 16, &d));
    cr_expect_not(date_parse("2024-03-01 10", 13, &d)); /* a time has minutes */
    cr_expect_not(date_parse("2024-03-01 10:32 x", 18, &d));
    cr_expect_not(date_parse("2023-02-29 10:00", 16, &d)); /* the date is still checked */
}

/* ---- whole files ----------------------------------------------------------- */

static TableObj *read_table(Interp *I, const char *text, const char *options, Value *v)
{
    const char *path = data_temp_file(text, strlen(text));
    char code[512];
    snprintf(code, sizeof code, "csv(\"%%s\"%s)", options);
    cr_assert(data_run(I, code, path, v), "%s", interp_error(I) ? interp_error(I)->message : "");
    unlink(path);
    return as_table(*v);
}

static const ColumnObj *column(const TableObj *t, const char *name)
{
    int i = table_find_column(t, name);
    cr_assert(i >= 0, "no column '%s'", name);
    return t->cols[i];
}

Test(csv_text, nfd_text_and_names_are_composed)
{
    /* "Catégorie" with e + U+0301 in the header; "Salarié" NFC, NFD, NFC */
    Interp *I = data_interp(1);
    Value v;
    TableObj *t = read_table(
        I, "id,Cate\xcc\x81gorie\n1,Salari\xc3\xa9\n2,Salarie\xcc\x81\n3,Salari\xc3\xa9\n", "", &v);
    cr_expect_str_eq(t->names[1], "Cat\xc3\xa9gorie");
    const ColumnObj *c = column(t, "Cat\xc3\xa9gorie");
    cr_expect_eq(c->dict->n, 1); /* one value, not two */
    cr_expect_str_eq(c->dict->strs[0], "Salari\xc3\xa9");
    cr_expect_eq(c->codes[0], c->codes[1]);
    value_release(v);
    /* the Angstrom sign U+212B is canonically the letter Å (U+00C5) */
    t = read_table(I, "n\n\xe2\x84\xab\n\xc3\x85\n", "", &v);
    cr_expect_eq(t->cols[0]->dict->n, 1);
    cr_expect_str_eq(t->cols[0]->dict->strs[0], "\xc3\x85");
    value_release(v);
    interp_free(I);
}

Test(csv_text, leading_zero_makes_a_code_column)
{
    Interp *I = data_interp(1);
    Value v;
    TableObj *t = read_table(I, "cp,n,x\n75001,0,1\n01053,0.5,2\n", "", &v);
    cr_expect_eq(column(t, "cp")->type, COL_TEXT);
    cr_expect_eq(column(t, "n")->type, COL_NUM);
    cr_assert_eq(interp_warning_count(I), 1);
    cr_expect(strstr(interp_warning_text(I, 0),
                     ":3:1: warning: column 'cp' is read as text because a value (this cell) "
                     "is written with a leading zero") != NULL,
              "%s", interp_warning_text(I, 0));
    value_release(v);
    interp_free(I);

    I = data_interp(1);
    t = read_table(I, "cp,n\n01053,1\n75001,2\n", ", types: {cp: \"number\"}", &v);
    cr_expect_eq(column(t, "cp")->type, COL_NUM);
    cr_expect_eq(column(t, "cp")->num[0], 1053);
    cr_expect_eq(interp_warning_count(I), 0);
    value_release(v);
    interp_free(I);
}

Test(csv_text, quoted_decimal_commas)
{
    /* y: integers, then "2,5": read again with a decimal comma (1, 2, 2.5) */
    Interp *I = data_interp(1);
    Value v;
    TableObj *t = read_table(I, "id,x,y\n1,\"21,5\",1\n2,\"3,25\",2\n3,,\"2,5\"\n", "", &v);
    cr_expect_eq(column(t, "x")->type, COL_NUM);
    cr_expect_eq(column(t, "x")->num[0], 21.5);
    cr_expect_eq(column(t, "x")->num[1], 3.25);
    cr_expect_eq(column(t, "y")->num[2], 2.5);
    cr_expect_eq(interp_warning_count(I), 0);
    value_release(v);
    /* a "." decimal in a decimal-comma column: text, with the usual warning */
    t = read_table(I, "id,x\n1,\"21,5\"\n2,3.5\n", "", &v);
    cr_expect_eq(column(t, "x")->type, COL_TEXT);
    value_release(v);
    interp_free(I);
}

Test(csv_text, to_number)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "to_number(table(x: [\"21,5\", \"1 000\", \"12 %%\"]).x, decimal: \",\")",
                       NULL, &v));
    const ColumnObj *c = as_column(v);
    cr_expect_eq(c->num[0], 21.5);
    cr_expect_eq(c->num[1], 1000);
    cr_expect_eq(c->num[2], 0.12);
    value_release(v);
    cr_expect_not(data_run(I, "to_number(\"21,5\")", NULL, &v)); /* a decimal point by default */
    cr_expect(strstr(interp_error(I)->message, "\"21,5\" is not a number") != NULL);
    interp_free(I);
}

Test(csv_text, trailing_separator_in_header)
{
    Interp *I = data_interp(1);
    Value v;
    TableObj *t = read_table(I, "id;x;\n1;2,5;\n", "", &v);
    cr_expect_eq(t->ncols, 2);
    value_release(v);
    /* an unnamed column that holds values is kept, as col3 */
    t = read_table(I, "id;x;\n1;2,5;7\n", "", &v);
    cr_expect_eq(t->ncols, 3);
    cr_expect_str_eq(t->names[2], "col3");
    value_release(v);
    interp_free(I);
}

Test(csv_text, mixed_encoding_is_said)
{
    Interp *I = data_interp(1);
    const char *text = "id,ville\n1,Besan\xc3\xa7on\n2,Besan\xc3\xa7on\n3,Orl\xe9"
                       "ans\n";
    const char *path = data_temp_file(text, strlen(text));
    Value v;
    cr_expect_not(data_run(I, "csv(\"%s\")", path, &v));
    cr_expect_eq(interp_error(I)->loc.line, 4);
    cr_expect(strstr(interp_error(I)->message,
                     "the file mixes encodings, 2 lines with accents are valid "
                     "UTF-8 but 1 line (4) is not") != NULL,
              "%s", interp_error(I)->message);
    interp_free(I);
    unlink(path);
}

/* ---- the same in a file read by two threads ------------------------------------ */

#define BIG_ROWS 600000 /* about 17 MB: read in two halves */

/* Rows "i,75001,i,2024-01-01" with, in the second half, a code with a
 * leading zero (row N - 3), a quoted decimal comma (row N - 5) and a time
 * (row N - 2); row i is on line i + 1. */
static const char *big_text_file(void)
{
    static char path[64];
    strcpy(path, "/tmp/impact-text-big-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("id,cp,x,quand\n", f);
    for (size_t i = 1; i <= BIG_ROWS; i++)
        fprintf(f, "%zu,%s,%s,%s\n", i, i == BIG_ROWS - 3 ? "01053" : "75001",
                i == BIG_ROWS - 5 ? "\"2,5\"" : "1",
                i == BIG_ROWS - 2 ? "2024-01-02 10:00" : "2024-01-01");
    fclose(f);
    return path;
}

Test(csv_text, second_half_of_a_big_file)
{
    const char *path = big_text_file();
    Interp *I = data_interp(1);
    interp_settings(I)->threads = 2;
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", path, &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->nrows, BIG_ROWS);
    cr_expect_eq(column(t, "cp")->type, COL_TEXT);
    cr_expect_eq(column(t, "x")->type, COL_NUM);
    double sum = 0;
    for (size_t r = 0; r < t->nrows; r++) sum += column(t, "x")->num[r];
    cr_expect_eq(sum, BIG_ROWS - 1 + 2.5); /* N - 1 ones and 2.5 */
    cr_expect_eq(column(t, "quand")->type, COL_DATE);
    cr_assert_eq(interp_warning_count(I), 2);
    char want[96];
    snprintf(want, sizeof want,
             ":%d:2: warning: column 'cp' is read as text because a value (this cell)",
             BIG_ROWS - 3 + 1);
    cr_expect(strstr(interp_warning_text(I, 0), want) != NULL, "%s", interp_warning_text(I, 0));
    snprintf(want, sizeof want, ":%d:4: warning: column 'quand' holds dates with a time",
             BIG_ROWS - 2 + 1);
    cr_expect(strstr(interp_warning_text(I, 1), want) != NULL, "%s", interp_warning_text(I, 1));
    value_release(v);
    interp_free(I);
    unlink(path);
}

/* A text column with missing values in no order, read in two halves: the
 * second half's codes are translated into the first half's dictionary
 * through a table where a missing value has its own place.  Row i holds
 * "" when i is a multiple of 3, else "s<i mod 5>" (the first half meets
 * every text), so each row is checked against the text it was written
 * with, and a missing row against -1. */
Test(csv_text, missing_texts_in_the_second_half)
{
    enum { ROWS = 1200000 }; /* about 12 MB: read in two halves (8 MB or more) */
    size_t cap = (size_t)ROWS * 16 + 16, len = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    len += (size_t)snprintf(text + len, cap - len, "id,v\n");
    for (size_t i = 0; i < ROWS; i++)
        len += (size_t)snprintf(text + len, cap - len, i % 3 ? "%zu,s%zu\n" : "%zu,\n", i, i % 5);
    const char *path = data_temp_file(text, len);
    Interp *I = data_interp(1);
    interp_settings(I)->threads = 2;
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", path, &v));
    const ColumnObj *c = column(as_table(v), "v");
    cr_assert_eq(c->type, COL_TEXT);
    char want[16];
    for (size_t i = 0; i < ROWS; i++) {
        if (i % 3 == 0) {
            cr_assert_eq(c->codes[i], -1, "row %zu", i);
            continue;
        }
        snprintf(want, sizeof want, "s%zu", i % 5);
        cr_assert_geq(c->codes[i], 0, "row %zu", i);
        cr_assert_str_eq(c->dict->strs[c->codes[i]], want, "row %zu", i);
    }
    value_release(v);
    interp_free(I);
    unlink(path);
    free(text);
}

/* Many short texts in no order: the reader finds a text of at most 8 bytes
 * met before by its bytes in a small table (RAW_SHORTS places, each
 * holding the last text met there), so 30,000 distinct texts collide in
 * its 4,096 places all the time (with 3,000 of them, a table that compared
 * only 4 of the 8 bytes passed).  Row i holds the text "t<k>" with
 * k = (i * 7919) mod 30000 (2 to 6 bytes), or "long<k>x" / "longer<k>"
 * (6 to 11 bytes) every third row: each row is checked against the text
 * it was written with. */
Test(csv_text, many_short_texts_each_read_back)
{
    enum { ROWS = 90000, DISTINCT = 30000 };
    size_t cap = (size_t)ROWS * 16 + 16, len = 0;
    char *text = malloc(cap);
    cr_assert_not_null(text);
    len += (size_t)snprintf(text + len, cap - len, "v\n");
    for (size_t i = 0; i < ROWS; i++) {
        size_t k = i * 7919 % DISTINCT;
        const char *form = i % 3 ? "t%zu\n" : k % 2 ? "long%zux\n" : "longer%zu\n";
        len += (size_t)snprintf(text + len, cap - len, form, k);
    }
    Interp *I = data_interp(1);
    Value v;
    TableObj *t = read_table(I, text, "", &v);
    const ColumnObj *c = column(t, "v");
    cr_assert_eq(c->type, COL_TEXT);
    cr_assert_eq(t->nrows, ROWS);
    char want[32];
    for (size_t i = 0; i < ROWS; i++) {
        size_t k = i * 7919 % DISTINCT;
        snprintf(want, sizeof want, i % 3 ? "t%zu" : k % 2 ? "long%zux" : "longer%zu", k);
        cr_assert_geq(c->codes[i], 0);
        cr_assert_str_eq(c->dict->strs[c->codes[i]], want, "row %zu", i);
    }
    value_release(v);
    interp_free(I);
    free(text);
}
