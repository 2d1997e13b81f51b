/* test_csv.c — reading and writing CSV files (stdlib/csv.c, csv_read.c) and
 * NIR detection (privacy.c).  Expected values are read off the test files by
 * hand (tests/data/data_make.py writes them) or computed with Python 3 as
 * noted. */
#include "data_fixture.h"

#include <unistd.h>

#include "stdlib/csv_read.h"
#include "stdlib/privacy.h"

static double num(const char *s, char decimal)
{
    double v;
    return csv_parse_number(s, strlen(s), decimal, &v) ? v : NAN;
}

Test(csv, numbers_fast_path_is_exact)
{
    /* float("21000.5"), float("0.1"), float("-12.75") in Python */
    cr_expect_eq(num("21000.5", '.'), 21000.5);
    cr_expect_eq(num("0.1", '.'), 0.1);
    cr_expect_eq(num("-12.75", '.'), -12.75);
    cr_expect_eq(num("+3", '.'), 3);
    cr_expect_eq(num("16114.89", '.'), 16114.89);
    cr_expect_eq(num("16114,89", ','), 16114.89);
}

Test(csv, numbers_general_forms)
{
    cr_expect_eq(num("1 234,5", ','), 1234.5);           /* space as thousands separator */
    cr_expect_eq(num("1\xc2\xa0" "234,5", ','), 1234.5); /* UTF-8 no-break space */
    cr_expect_eq(num("1e3", '.'), 1000);
    cr_expect_eq(num("12%", '.'), 0.12);
    cr_expect_eq(num("12,5 %", ','), 0.125);
    cr_expect_eq(num("12345678901234567", '.'), 12345678901234567.0);   /* beyond the fast path */
}

Test(csv, numbers_rejected)
{
    cr_expect(isnan(num("abc", '.')));
    cr_expect(isnan(num("nan", '.')));
    cr_expect(isnan(num("inf", '.')));
    cr_expect(isnan(num("0x10", '.')));
    cr_expect(isnan(num("1.234,5", ',')));   /* ambiguous: not read as a number */
    cr_expect(isnan(num("12,5", '.')));
    cr_expect(isnan(num("1e999", '.')));
    cr_expect(isnan(num("-", '.')));
}

Test(csv, french_excel_export)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "let fr = csv(\"%s\")\nfr", "data_excel_fr.csv", &v));
    cr_assert_eq(v.kind, V_TABLE);
    TableObj *t = as_table(v);
    cr_expect_eq(t->nrows, 12);
    cr_expect_eq(t->ncols, 5);
    cr_expect_str_eq(t->names[2], "Date d\xe2\x80\x99" "entr\xc3\xa9" "e");   /* ’ and é from cp1252 */
    cr_expect_eq(t->cols[2]->type, COL_DATE);
    cr_expect_eq(t->cols[2]->num[0], 17956);         /* 01/03/2019: (date(2019,3,1)-date(1970,1,1)).days */
    cr_expect_eq(t->cols[3]->type, COL_NUM);
    cr_expect_eq(t->cols[3]->num[0], 21000.5);       /* "21000,5" */
    cr_expect(isnan(t->cols[3]->num[2]));
    cr_expect_eq(t->cols[4]->type, COL_BOOL);
    cr_expect_eq(t->cols[4]->bools[0], 1);           /* VRAI */
    const ColumnObj *cae = t->cols[1];
    cr_expect_str_eq(cae->dict->strs[cae->codes[0]], "C\xc5\x93ur de Ville");  /* œ */
    value_release(v);
    interp_free(I);
}

Test(csv, utf8_bom_reads_like_cp1252)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "sum(csv(\"%s\"), \"CA annuel\")", "data_excel_utf8.csv", &v));
    /* 21000.5 + 18000 + 25000 + 30000 + 12000 + 22000 + 27000 + 9000 + 15000 + 19500 */
    cr_expect_eq(data_num(v), 198500.5);
    interp_free(I);
}

Test(csv, rfc4180_quotes_and_newlines)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "csv(\"%s\").name", "data_people.csv", &v));
    const ColumnObj *c = as_column(v);
    cr_expect_str_eq(c->dict->strs[c->codes[0]], "Dupont, Marie");
    cr_expect_str_eq(c->dict->strs[c->codes[1]], "Jean \"Jo\" Martin");
    cr_expect_str_eq(c->dict->strs[c->codes[2]], "Line\nbreak");
    value_release(v);
    interp_free(I);
}

/* A quoted field spanning two lines: the error on the next row names the
 * physical line (5), not the row number (4). */
Test(csv, error_rows_are_physical_lines)
{
    const char text[] = "a,b\n1,x\n2,\"two\nlines\"\n3\n";
    const char *path = data_temp_file(text, sizeof text - 1);
    Interp *I = data_interp(1);
    Value v;
    cr_expect_not(data_run(I, "csv(\"%s\")", path, &v));
    const ImpactError *e = interp_error(I);
    cr_expect_eq(e->loc.line, 5);
    cr_expect_eq(e->loc.col, 1);
    cr_expect(strstr(e->message, "1 field but the header has 2 columns") != NULL, "%s", e->message);
    interp_free(I);
    unlink(path);
}

/* Line ends LF, CR LF (one line, not two) and a lone CR (old Mac files);
 * the short row is on line 4 in the first two (a blank line before it), 3 in
 * the last. */
Test(csv, line_ends)
{
    const char *texts[] = {"a,b\n1,2\n\n3\n", "a,b\r\n1,2\r\n\r\n3\r\n", "a,b\r1,2\r3\r"};
    const int lines[] = {4, 4, 3};
    for (int i = 0; i < 3; i++) {
        const char *path = data_temp_file(texts[i], strlen(texts[i]));
        Interp *I = data_interp(1);
        Value v;
        cr_expect_not(data_run(I, "csv(\"%s\")", path, &v));
        cr_expect_eq(interp_error(I)->loc.line, lines[i], "line ends %d: line %d", i, interp_error(I)->loc.line);
        interp_free(I);
        unlink(path);
    }
}

Test(csv, declared_type_error_is_located)
{
    Interp *I = data_interp(1);
    Value v;
    cr_expect_not(data_run(I, "csv(\"%s\", types: {age: \"number\"})", "data_bad_number.csv", &v));
    const ImpactError *e = interp_error(I);
    cr_expect_eq(e->loc.line, 4);
    cr_expect_eq(e->loc.col, 2);
    cr_expect(strstr(e->message, "\"quarante\"") != NULL);
    interp_free(I);
}

Test(csv, undeclared_mixed_column_becomes_text)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", "data_missing.csv", &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->cols[1]->type, COL_NUM);     /* score: 10, "", 14, NA, n/a, 20 */
    cr_expect(isnan(t->cols[1]->num[1]) && isnan(t->cols[1]->num[3]) && isnan(t->cols[1]->num[4]));
    cr_expect_eq(t->cols[1]->num[5], 20);
    cr_expect_eq(t->cols[3]->type, COL_TEXT);    /* entirely empty */
    cr_expect_eq(t->cols[3]->codes[0], -1);
    cr_expect_eq(t->cols[4]->type, COL_TEXT);    /* mixed: "x" on line 5 */
    cr_expect_eq(interp_warning_count(I), 1);
    cr_expect(strstr(interp_warning_text(I, 0), ":5:5: warning: column 'mixed'") != NULL,
              "%s", interp_warning_text(I, 0));
    value_release(v);
    interp_free(I);
}

Test(csv, encoding_errors)
{
    Interp *I = data_interp(1);
    Value v;
    cr_expect_not(data_run(I, "csv(\"%s\", encoding: \"utf-8\")", "data_cp1252_as_utf8.csv", &v));
    cr_expect(strstr(interp_error(I)->message, "Besan\\xE7on") != NULL, "%s", interp_error(I)->message);
    cr_expect_eq(interp_error(I)->loc.line, 2);
    interp_clear_error(I);
    cr_expect_not(data_run(I, "csv(\"%s\")", "data_undefined_byte.csv", &v));
    cr_expect(strstr(interp_error(I)->message, "not a Windows-1252 character") != NULL);
    interp_clear_error(I);
    cr_expect_not(data_run(I, "csv(\"%s\")", "data_utf16.csv", &v));
    cr_expect(strstr(interp_error(I)->message, "UTF-16") != NULL);
    interp_free(I);
}

Test(csv, header_false_and_forced_separator)
{
    const char text[] = "1|a\n2|b\n";
    const char *path = data_temp_file(text, sizeof text - 1);
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "csv(\"%s\", header: false, sep: \"|\")", path, &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->nrows, 2);
    cr_expect_str_eq(t->names[1], "col2");
    cr_expect_eq(t->cols[0]->num[1], 2);
    value_release(v);
    interp_free(I);
    unlink(path);
}

Test(csv, write_then_read_back)
{
    char dir[] = "/tmp/impact-data-write-XXXXXX";
    cr_assert(mkdtemp(dir));
    char code[8192];
    snprintf(code, sizeof code,
             "let p = csv(\"%s\")\n"
             "write_csv(p, \"%s/out.csv\", sep: \";\", encoding: \"cp1252\")\n"
             "let q = csv(\"%s/out.csv\")\n"
             "[sum(q, \"revenue\"), count(q where name == \"Line\\nbreak\"), count(q),\n"
             " count(q where name == \"\u00c9lodie\")]",
             data_path("data_people.csv"), dir, dir);
    Interp *I = data_interp(1);
    Value v;
    cr_assert(interp_run_string(I, "<test>", code, &v));
    cr_assert_eq(v.kind, V_LIST);
    cr_expect_eq(data_num(as_list(v)->items[0]), 532000.5);    /* sum of data_people revenues */
    cr_expect_eq(data_num(as_list(v)->items[1]), 1);
    cr_expect_eq(data_num(as_list(v)->items[2]), 30);
    cr_expect_eq(data_num(as_list(v)->items[3]), 1);           /* "Élodie" survived Windows-1252 */
    value_release(v);
    interp_free(I);
    char path[256];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    unlink(path);
    cr_expect_eq(rmdir(dir), 0, "write_csv left a temporary file behind");
}

Test(privacy, nir_keys)
{
    /* key = 97 - (13 digits mod 97), computed in Python:
     * 97 - 1841276451089 % 97 = 46; 97 - 2690575123004 % 97 = 95 */
    cr_expect(privacy_text_is_nir("184127645108946", 15));
    cr_expect(privacy_text_is_nir("2 69 05 75 123 004 95", 21));
    cr_expect_not(privacy_text_is_nir("184127645108947", 15));   /* wrong key */
    cr_expect_not(privacy_text_is_nir("384127645108946", 15));   /* first digit */
    cr_expect_not(privacy_text_is_nir("18412764510894", 14));
    /* Corsica: département 2A counts as 19 and 2B as 18 in the key (INSEE):
     * 97 - 1850519123456 % 97 = 33; 97 - 1850518123456 % 97 = 60 */
    cr_expect(privacy_text_is_nir("185052A12345633", 15));
    cr_expect(privacy_text_is_nir("185052B12345660", 15));
    cr_expect_not(privacy_text_is_nir("185052C12345633", 15));
}

Test(privacy, nir_column_names)
{
    cr_expect(privacy_name_is_nir("NIR"));
    cr_expect(privacy_name_is_nir("Numéro de sécurité sociale"));
    cr_expect(privacy_name_is_nir("num_secu"));
    cr_expect(privacy_name_is_nir("SSN"));
    cr_expect(privacy_name_is_nir("coordonnees_secu"));
    cr_expect_not(privacy_name_is_nir("nirvana"));
    cr_expect_not(privacy_name_is_nir("securite"));
    cr_expect_not(privacy_name_is_nir("id"));
}

Test(privacy, nir_content_refused)
{
    Interp *I = data_interp(1);
    Value v;
    cr_expect_not(data_run(I, "csv(\"%s\")", "data_nir_content.csv", &v));
    cr_expect_eq(interp_error(I)->loc.line, 2);
    cr_expect_eq(interp_error(I)->loc.col, 2);
    cr_expect(strstr(interp_error(I)->message, "(NIR)") != NULL);
    interp_free(I);
}

/* ---- files above 8 MB are read in two threads -------------------------------- */

/* Writes ROWS rows "i,i/2,cI%7" after a header, calling extra(f, i) before
 * row i so a test can plant something; returns the path. */
static const char *big_file(size_t rows, void (*extra)(FILE *, size_t, size_t))
{
    static char path[64];
    strcpy(path, "/tmp/impact-data-big-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("id,half,code\n", f);
    for (size_t i = 1; i <= rows; i++) {
        if (extra) extra(f, i, rows);
        fprintf(f, "%zu,%.1f,c%zu\n", i, (double)i / 2, i % 7);
    }
    fclose(f);
    return path;
}

#define BIG_ROWS 600000          /* about 11 MB */

/* An interpreter allowed two threads, so that csv() splits big files. */
static Interp *two_threads(void)
{
    Interp *I = data_interp(1);
    interp_settings(I)->threads = 2;
    return I;
}

Test(csv_parallel, big_file_reads_every_row)
{
    const char *path = big_file(BIG_ROWS, NULL);
    Interp *I = two_threads();
    Value v;
    cr_assert(data_run(I, "let t = csv(\"%s\")\n[count(t), sum(t.id), count(t where code == \"c3\"), sum(t.half)]", path, &v));
    ListObj *l = as_list(v);
    /* n = 600000: sum(1..n) = n(n+1)/2 = 180000300000; ids with i % 7 == 3: 85714;
     * sum(i/2) = 90000150000 */
    cr_expect_eq(data_num(l->items[0]), BIG_ROWS);
    cr_expect_eq(data_num(l->items[1]), 180000300000.0);
    cr_expect_eq(data_num(l->items[2]), 85714);
    cr_expect_eq(data_num(l->items[3]), 90000150000.0);
    value_release(v);
    interp_free(I);
    unlink(path);
}

static void ragged_late(FILE *f, size_t i, size_t rows)
{
    if (i == rows - 10)
        fputs("999\n", f);       /* physical line rows - 10 + 1 (header) */
}

Test(csv_parallel, error_in_second_half_has_the_right_line)
{
    const char *path = big_file(BIG_ROWS, ragged_late);
    Interp *I = two_threads();
    Value v;
    cr_expect_not(data_run(I, "csv(\"%s\")", path, &v));
    cr_expect_eq(interp_error(I)->loc.line, BIG_ROWS - 10 + 1);
    cr_expect(strstr(interp_error(I)->message, "1 field but the header has 3") != NULL);
    interp_free(I);
    unlink(path);
}

static void word_late(FILE *f, size_t i, size_t rows)
{
    if (i == rows - 5)
        fputs("x,unknown,c0\n", f);   /* a word in the number columns, line rows - 4 */
}

Test(csv_parallel, type_change_in_second_half_reads_again_as_text)
{
    const char *path = big_file(BIG_ROWS, word_late);
    Interp *I = two_threads();
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", path, &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->nrows, BIG_ROWS + 1);
    cr_expect_eq(t->cols[0]->type, COL_TEXT);
    cr_expect_eq(t->cols[1]->type, COL_TEXT);
    cr_expect_eq(t->cols[2]->type, COL_TEXT);
    cr_assert_eq(interp_warning_count(I), 2);
    char want[64];
    snprintf(want, sizeof want, ":%d:1: warning: column 'id'", BIG_ROWS - 5 + 1);
    cr_expect(strstr(interp_warning_text(I, 0), want) != NULL, "%s", interp_warning_text(I, 0));
    value_release(v);
    interp_free(I);
    unlink(path);
}

static void quoted_middle(FILE *f, size_t i, size_t rows)
{
    if (i == rows / 2) {
        /* a quoted value of 80000 lines (1 MB) from the middle of the rows:
         * the file's middle byte (about 6.05 MB of 12.1) falls inside it
         * (it spans 5.37 to 6.41 MB), so the split lands in a quoted value
         * and the reading must notice */
        fputs("0,0,\"", f);
        for (int k = 0; k < 80000; k++)
            fputs("line of text\n", f);
        fputs("\"\n", f);
    }
}

Test(csv_parallel, split_inside_a_quoted_value)
{
    const char *path = big_file(BIG_ROWS, quoted_middle);
    Interp *I = two_threads();
    Value v;
    cr_assert(data_run(I, "let t = csv(\"%s\")\n[count(t), sum(t.id)]", path, &v));
    ListObj *l = as_list(v);
    cr_expect_eq(data_num(l->items[0]), BIG_ROWS + 1);
    cr_expect_eq(data_num(l->items[1]), 180000300000.0);
    value_release(v);
    interp_free(I);
    unlink(path);
}
