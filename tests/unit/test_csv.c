/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* test_csv.c — reading and writing CSV files (stdlib/csv.c, csv_read.c) and
 * NIR detection (privacy.c).  Expected values are read off the test files by
 * hand (tests/data/data_make.py writes them) or computed with Python 3 as
 * noted. */
#include "runtime/disclosure.h"
#include "tests/unit/data_fixture.h"

#include <unistd.h>

#include "stdlib/data/csv_read.h"
#include "stdlib/privacy/privacy.h"

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
    cr_expect_eq(num("1 234,5", ','), 1234.5); /* space as thousands separator */
    cr_expect_eq(num("1\xc2\xa0"
                     "234,5",
                     ','),
                 1234.5); /* UTF-8 no-break space */
    cr_expect_eq(num("1e3", '.'), 1000);
    cr_expect_eq(num("12%", '.'), 0.12);
    cr_expect_eq(num("12,5 %", ','), 0.125);
    cr_expect_eq(num("12345678901234567", '.'), 12345678901234567.0); /* beyond the fast path */
}

Test(csv, numbers_french_amounts)
{
    /* QA2 D11: the cells of French spreadsheets saved as CSV, values by hand */
    cr_expect_eq(num("1 234,50 \xe2\x82\xac", ','), 1234.5); /* 1 234,50 € */
    cr_expect_eq(num("2\xc2\xa0"
                     "000,00\xc2\xa0\xe2\x82\xac",
                     ','),
                 2000); /* NBSP */
    cr_expect_eq(num("2\xe2\x80\xaf"
                     "000,00 \xe2\x82\xac",
                     ','),
                 2000); /* narrow NBSP U+202F */
    cr_expect_eq(num("300 \xe2\x82\xac", ','), 300);
    cr_expect_eq(num("\xe2\x82\xac 300", ','), 300);
    cr_expect_eq(num("300 EUR", ','), 300);
    cr_expect_eq(num("EUR 12,5", ','), 12.5);
    cr_expect_eq(num("12,5 %", ','), 0.125);
    cr_expect_eq(num("-1 234,50", ','), -1234.5);
    cr_expect_eq(num("(3,00)", ','), -3);
    cr_expect_eq(num("(1 234,50 \xe2\x82\xac)", ','), -1234.5);
    cr_expect_eq(num("1.234,56", ','), 1234.56);
    cr_expect_eq(num("1.234.567", ','), 1234567);
    cr_expect_eq(num("-1.234,5", ','), -1234.5);
    cr_expect_eq(num("12 \x80", ','), 12); /* € in Windows-1252 */
    cr_expect(csv_number_is_money("1 234,50 \xe2\x82\xac", 12));
    cr_expect(csv_number_is_money("EUR 3", 5));
    cr_expect(csv_number_is_money("(3 EUR)", 7));
    cr_expect(!csv_number_is_money("12,5 %", 6));
    cr_expect(!csv_number_is_money("1234", 4));
}

Test(csv, numbers_rejected)
{
    cr_expect(isnan(num("abc", '.')));
    cr_expect(isnan(num("nan", '.')));
    cr_expect(isnan(num("inf", '.')));
    cr_expect(isnan(num("0x10", '.')));
    cr_expect(isnan(num("1.234", ',')));   /* ambiguous (1.234 or 1234): not read as a number */
    cr_expect(isnan(num("12.34,5", ','))); /* dots that do not group by three */
    cr_expect(isnan(num("1.2345,5", ',')));
    cr_expect(isnan(num("(-3)", ','))); /* a sign inside the accounting parentheses */
    cr_expect(isnan(num("12 kg", ',')));
    cr_expect(isnan(num("€", ',')));
    cr_expect(isnan(num("12 € 5", ',')));
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
    cr_expect_str_eq(t->names[2],
                     "Date d\xe2\x80\x99"
                     "entr\xc3\xa9"
                     "e"); /* ’ and é from cp1252 */
    cr_expect_eq(t->cols[2]->type, COL_DATE);
    cr_expect_eq(t->cols[2]->num[0], 17956); /* 01/03/2019: (date(2019,3,1)-date(1970,1,1)).days */
    cr_expect_eq(t->cols[3]->type, COL_NUM);
    cr_expect_eq(t->cols[3]->num[0], 21000.5); /* "21000,5" */
    cr_expect(isnan(t->cols[3]->num[2]));
    cr_expect_eq(t->cols[4]->type, COL_BOOL);
    cr_expect_eq(t->cols[4]->bools[0], 1); /* VRAI */
    const ColumnObj *cae = t->cols[1];
    cr_expect_str_eq(cae->dict->strs[cae->codes[0]], "C\xc5\x93ur de Ville"); /* œ */
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
    const char *texts[] = { "a,b\n1,2\n\n3\n", "a,b\r\n1,2\r\n\r\n3\r\n", "a,b\r1,2\r3\r" };
    const int lines[] = { 4, 4, 3 };
    for (int i = 0; i < 3; i++) {
        const char *path = data_temp_file(texts[i], strlen(texts[i]));
        Interp *I = data_interp(1);
        Value v;
        cr_expect_not(data_run(I, "csv(\"%s\")", path, &v));
        cr_expect_eq(interp_error(I)->loc.line, lines[i], "line ends %d: line %d", i,
                     interp_error(I)->loc.line);
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
    /* located, and the person's value itself never quoted */
    cr_expect(strstr(e->message, "quarante") == NULL, "%s", e->message);
    cr_expect(strstr(e->message, "column 'age'") != NULL, "%s", e->message);
    interp_free(I);
}

Test(csv, undeclared_mixed_column_becomes_text)
{
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", "data_missing.csv", &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->cols[1]->type, COL_NUM); /* score: 10, "", 14, NA, n/a, 20 */
    cr_expect(isnan(t->cols[1]->num[1]) && isnan(t->cols[1]->num[3]) && isnan(t->cols[1]->num[4]));
    cr_expect_eq(t->cols[1]->num[5], 20);
    cr_expect_eq(t->cols[3]->type, COL_TEXT); /* entirely empty */
    cr_expect_eq(t->cols[3]->codes[0], -1);
    cr_expect_eq(t->cols[4]->type, COL_TEXT); /* mixed: "x" on line 5 */
    cr_expect_eq(interp_warning_count(I), 1);
    cr_expect(strstr(interp_warning_text(I, 0), ":5:5: warning: column 'mixed'") != NULL, "%s",
              interp_warning_text(I, 0));
    value_release(v);
    interp_free(I);
}

Test(csv, encoding_errors)
{
    Interp *I = data_interp(1);
    Value v;
    cr_expect_not(data_run(I, "csv(\"%s\", encoding: \"utf-8\")", "data_cp1252_as_utf8.csv", &v));
    cr_expect(strstr(interp_error(I)->message, "Besan") == NULL, "%s", /* never quoted */
              interp_error(I)->message);
    cr_expect(strstr(interp_error(I)->message, "not valid UTF-8") != NULL, "%s",
              interp_error(I)->message);
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

/* Repeated column titles (SPEC.md, enDI export): the first copy keeps the
 * title, later ones become "Title (2)", "Title (3)", skipping a name the
 * file already uses ("a (2)" here, so the second "a" is "a (3)"); one warning
 * lists them.  Expected names and values read off the text by hand. */
Test(csv, repeated_titles_are_renamed)
{
    const char text[] = "a,b,a,a (2),b,a\n1,2,3,4,5,6\n";
    const char *path = data_temp_file(text, sizeof text - 1);
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "csv(\"%s\", types: {\"a (4)\": \"text\"})", path, &v));
    const TableObj *t = as_table(v);
    const char *want[] = { "a", "b", "a (3)", "a (2)", "b (2)", "a (4)" };
    cr_assert_eq(t->ncols, 6);
    for (int i = 0; i < 6; i++) cr_expect_str_eq(t->names[i], want[i]);
    cr_expect_eq(t->cols[2]->num[0], 3); /* columns keep their positions */
    cr_expect_eq(t->cols[3]->num[0], 4);
    cr_expect_eq(t->cols[5]->type, COL_TEXT); /* a declared type reaches a renamed copy */
    cr_assert_eq(interp_warning_count(I), 1);
    const char *w = interp_warning_text(I, 0);
    cr_expect(strstr(w, ":1:3: warning: ") != NULL, "%s", w);
    cr_expect(strstr(w, "repeats 2 column titles") != NULL, "%s", w);
    cr_expect(strstr(w, "'a' in columns 1, 3 and 6 (now 'a', 'a (3)' and 'a (4)')") != NULL, "%s",
              w);
    cr_expect(strstr(w, "'b' in columns 2 and 5 (now 'b' and 'b (2)')") != NULL, "%s", w);
    value_release(v);
    interp_free(I);
    unlink(path);
}

/* A repeated title naming social security numbers: empty copies are
 * dropped (one note each), a copy holding anything is refused at that cell
 * (column 3, line 2); the enDI-like file reads with its blank copies. */
Test(csv, repeated_titles_still_refuse_nir)
{
    const char empty[] = "id;NIR;NIR\n1;;\n";
    const char *path = data_temp_file(empty, sizeof empty - 1);
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", path, &v));
    cr_expect_eq(as_table(v)->ncols, 1);
    cr_expect_eq(interp_note_count(I), 2);
    value_release(v);
    interp_free(I);
    unlink(path);
    const char full[] = "id;NIR;NIR\n1;;x\n";
    path = data_temp_file(full, sizeof full - 1);
    I = data_interp(1);
    cr_expect_not(data_run(I, "csv(\"%s\")", path, &v));
    cr_expect(strstr(interp_error(I)->message, "(NIR)") != NULL, "%s", interp_error(I)->message);
    cr_expect_eq(interp_error(I)->loc.col, 3);
    cr_expect_eq(interp_error(I)->loc.line, 2);
    interp_free(I);
    unlink(path);
    I = data_interp(1);
    cr_assert(data_run(I, "csv(\"%s\")", "data_repeated.csv", &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(t->nrows, 3);
    cr_expect_str_eq(t->names[5], "Parcours Type d\xe2\x80\x99\xc3\xa9tape 1 (2)");
    cr_expect_str_eq(t->names[7], "Nom (2)");
    cr_expect_eq(t->cols[5]->codes[0], -1); /* always blank in enDI's export */
    value_release(v);
    interp_free(I);
}

/* csv_row_line(): the line where each row starts, counting the header, a
 * blank line and the line breaks inside quoted values (read off the text:
 * row 0 on lines 2-3, a blank line 4, row 1 on 5, row 2 on 6-8, row 3 on
 * 9); kept by derive and select, unknown (0) once rows are filtered. */
Test(csv, row_lines)
{
    const char text[] = "id,name,score\n1,\"two\nlines\",3\n\n2,x,4\n3,\"a\n\nb\",5\n4,y,6\n";
    const char *path = data_temp_file(text, sizeof text - 1);
    Interp *I = data_interp(1);
    Value v;
    cr_assert(data_run(
        I, "let t = csv(\"%s\")\n[t, derive(t, z: 1), select(t, [\"score\"]), t where score > 3]",
        path, &v));
    ListObj *l = as_list(v);
    const TableObj *t = as_table(l->items[0]);
    int want[] = { 2, 5, 6, 9 };
    for (size_t r = 0; r < 4; r++) {
        cr_expect_eq(csv_row_line(I, t, r), want[r], "row %zu: line %d", r, csv_row_line(I, t, r));
        cr_expect_eq(csv_row_line(I, as_table(l->items[1]), r), want[r]);
        cr_expect_eq(csv_row_line(I, as_table(l->items[2]), r), want[r]);
    }
    cr_expect_eq(csv_row_line(I, as_table(l->items[3]), 0), 0); /* filtered: unknown */
    cr_expect_eq(csv_row_line(I, t, 4), 0);                     /* no such row */
    value_release(v);
    interp_free(I);
    unlink(path);
}

/* The line numbers of rows are the interpreter's own state: a table read
 * by one interpreter is unknown to another (0), which never sees what the
 * first read.  The file (by hand): header on line 1, rows on 2 and 3. */
Test(csv, row_lines_belong_to_their_interpreter)
{
    const char text[] = "id,score\n1,3\n2,4\n";
    const char *path = data_temp_file(text, sizeof text - 1);
    Interp *I = data_interp(1), *J = data_interp(1);
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", path, &v));
    const TableObj *t = as_table(v);
    cr_expect_eq(csv_row_line(I, t, 1), 3);
    cr_expect_eq(csv_row_line(J, t, 1), 0);
    value_release(v);
    interp_free(J);
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
    cr_expect_eq(data_num(as_list(v)->items[0]), 532000.5); /* sum of data_people revenues */
    cr_expect_eq(data_num(as_list(v)->items[1]), 1);
    cr_expect_eq(data_num(as_list(v)->items[2]), 30);
    cr_expect_eq(data_num(as_list(v)->items[3]), 1); /* "Élodie" survived Windows-1252 */
    value_release(v);
    interp_free(I);
    char path[256];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    unlink(path);
    cr_expect_eq(rmdir(dir), 0, "write_csv left a temporary file behind");
}

/* Texts that are not NIRs and must read as usual: a phone number, a SIRET
 * (14 digits), a date, an amount, a postal code, a commune code, 13 digits
 * with an impossible month (13) or département 00, and a grouped 15-digit
 * number with month 13 (a written NIR with a wrong key is still refused: its
 * first 13 digits are one). */
Test(privacy, nir_not_found_in_ordinary_text)
{
    const char *const plain[] = {
        "06 12 34 56 78",
        "732 829 320 00074",
        "01/03/2024",
        "1 234 567,89 EUR",
        "75001",
        "2A004",
        "1841376451089",
        "1840076451089",
        "1 84 13 76 451 089 47",
        "Dupont Marie",
        "tel 0612345678 ok",
        NULL,
    };
    for (size_t i = 0; plain[i]; i++)
        cr_expect_not(privacy_find_nir(plain[i], strlen(plain[i])), "%s", plain[i]);
    /* found: inside text, with separators, without key, full-width (UTF-8 EF BC 91 = １) */
    cr_expect(privacy_find_nir("M. Dupont, NIR 1 84 12 76 451 089 46.", 37));
    cr_expect(privacy_find_nir("1841276451089", 13));
    cr_expect(privacy_find_nir("\xEF\xBC\x91\xEF\xBC\x98\xEF\xBC\x94"
                               "1276451089/46",
                               9 + 13));
}

Test(privacy, nir_keys)
{
    /* key = 97 - (13 digits mod 97), computed in Python:
     * 97 - 1841276451089 % 97 = 46; 97 - 2690575123004 % 97 = 95 */
    cr_expect(privacy_text_is_nir("184127645108946", 15));
    cr_expect(privacy_text_is_nir("2 69 05 75 123 004 95", 21));
    cr_expect_not(privacy_text_is_nir("184127645108947", 15)); /* wrong key */
    cr_expect_not(privacy_text_is_nir("384127645108946", 15)); /* first digit */
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

#define BIG_ROWS 600000 /* about 11 MB */

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
    cr_assert(data_run(
        I, "let t = csv(\"%s\")\n[count(t), sum(t.id), count(t where code == \"c3\"), sum(t.half)]",
        path, &v));
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
    if (i == rows - 10) fputs("999\n", f); /* physical line rows - 10 + 1 (header) */
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
    if (i == rows - 5) fputs("x,unknown,c0\n", f); /* a word in the number columns, line rows - 4 */
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
        for (int k = 0; k < 80000; k++) fputs("line of text\n", f);
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

/* Repeated titles in a file read by two threads: both halves use the new
 * names, and the warning comes once. */
Test(csv_parallel, repeated_titles)
{
    static char path[64];
    strcpy(path, "/tmp/impact-data-big-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("id,x,x\n", f);
    for (size_t i = 1; i <= BIG_ROWS; i++) fprintf(f, "%zu,%zu,%zu\n", i, i % 3, i % 5);
    fclose(f);
    Interp *I = two_threads();
    Value v;
    cr_assert(
        data_run(I, "let t = csv(\"%s\")\n[count(t), sum(t.x), sum(t[\"x (2)\"])]", path, &v));
    ListObj *l = as_list(v);
    /* i % 3 over 1..600000: 200000 full cycles of 0+1+2 = 600000;
     * i % 5: 120000 cycles of 0+1+2+3+4 = 1200000 */
    cr_expect_eq(data_num(l->items[0]), BIG_ROWS);
    cr_expect_eq(data_num(l->items[1]), 600000);
    cr_expect_eq(data_num(l->items[2]), 1200000);
    cr_expect_eq(interp_warning_count(I), 1);
    value_release(v);
    interp_free(I);
    unlink(path);
}

/* The rows of the first 64 KB are long, the others short: both halves find
 * more rows than the density of the start foretold, outgrow the shared
 * block (csv_read.c, read_parallel) and move to arrays of their own; every
 * row must still be there.  A column empty at the start takes its type
 * late (after the second half started). */
Test(csv_parallel, rows_denser_than_the_start_foretold)
{
    static char path[64];
    strcpy(path, "/tmp/impact-data-big-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("id,note,late\n", f);
    for (size_t i = 1; i <= BIG_ROWS; i++) {
        if (i <= 2000)
            fprintf(f, "%zu,%0200zu,\n", i, i % 3);
        else
            fprintf(f, "%zu,n%zu,%zu\n", i, i % 3, i % 5);
    }
    fclose(f);
    Interp *I = two_threads();
    Value v;
    cr_assert(data_run(
        I, "let t = csv(\"%s\")\n[count(t), sum(t.id), sum(t.late), count(t where note == \"n1\")]",
        path, &v));
    ListObj *l = as_list(v);
    /* sum(1..600000) = 180000300000; i % 5 over 2001..600000: 119600 full
     * cycles of 0+1+2+3+4 (2001..600000 is 598000 numbers starting at
     * 2001 % 5 = 1) = 1196000; "n1": i % 3 == 1 among 2001..600000, i.e.
     * 2002, 2005, ..., 599998: (599998 - 2002) / 3 + 1 = 199333 */
    cr_expect_eq(data_num(l->items[0]), BIG_ROWS);
    cr_expect_eq(data_num(l->items[1]), 180000300000.0);
    cr_expect_eq(data_num(l->items[2]), 1196000);
    cr_expect_eq(data_num(l->items[3]), 199333);
    value_release(v);
    interp_free(I);
    unlink(path);
}

static void two_lines_late(FILE *f, size_t i, size_t rows)
{
    if (i == rows * 3 / 4)
        fputs("0,0,\"x\ny\"\n", f); /* one row on two lines, in the second half */
}

/* Row lines in a file read by two threads: the second half's are joined to
 * the first's.  Lines by hand: header 1, id i on line i + 1 before the
 * planted row (index 449999, lines 450001-450002), id i on line i + 3 after
 * it, at index i. */
Test(csv_parallel, row_lines)
{
    const char *path = big_file(BIG_ROWS, two_lines_late);
    Interp *I = two_threads();
    Value v;
    cr_assert(data_run(I, "csv(\"%s\")", path, &v));
    const TableObj *t = as_table(v);
    size_t planted = BIG_ROWS * 3 / 4 - 1;
    cr_expect_eq(csv_row_line(I, t, 0), 2);
    cr_expect_eq(csv_row_line(I, t, 300000), 300002); /* id 300001, first half or second */
    cr_expect_eq(csv_row_line(I, t, planted), (int)planted + 2);
    cr_expect_eq(csv_row_line(I, t, planted + 1), (int)planted + 4);
    cr_expect_eq(csv_row_line(I, t, BIG_ROWS), BIG_ROWS + 3);
    value_release(v);
    interp_free(I);
    unlink(path);
}

/* Rows of two lengths, long (about 70 bytes) where long_row(i) says so,
 * short (about 20) elsewhere: "i,NOTE,i % 5". */
static const char *mixed_file(bool (*long_row)(size_t))
{
    static char path[64];
    strcpy(path, "/tmp/impact-data-big-XXXXXX");
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("id,note,five\n", f);
    for (size_t i = 1; i <= BIG_ROWS; i++)
        fprintf(f, long_row(i) ? "%zu,%060zu,%zu\n" : "%zu,n%zu,%zu\n", i, i % 3, i % 5);
    fclose(f);
    return path;
}

static bool long_start_and_end(size_t i)
{
    return i <= 2000 || i > BIG_ROWS / 2;
}
static bool long_first_half(size_t i)
{
    return i <= BIG_ROWS / 2;
}

/* The first half finds more rows than its share of the block (long rows at
 * the start, short ones up to the middle) while the second half fits in its
 * own; then the reverse (the second half outgrows its part, the first does
 * not).  Either way every row comes back in order.  Expected by formula:
 * sum(1..600000) = 180000300000, i % 5 over 1..600000 = 120000 cycles of
 * 0+1+2+3+4 = 1200000, and the last id 600000. */
Test(csv_parallel, one_half_outgrows_its_block)
{
    bool (*shapes[])(size_t) = { long_start_and_end, long_first_half };
    for (int k = 0; k < 2; k++) {
        const char *path = mixed_file(shapes[k]);
        Interp *I = two_threads();
        Value v;
        cr_assert(data_run(I, "let t = csv(\"%s\")\n[count(t), sum(t.id), sum(t.five), max(t.id)]",
                           path, &v));
        ListObj *l = as_list(v);
        cr_expect_eq(data_num(l->items[0]), BIG_ROWS, "shape %d", k);
        cr_expect_eq(data_num(l->items[1]), 180000300000.0, "shape %d", k);
        cr_expect_eq(data_num(l->items[2]), 1200000, "shape %d", k);
        cr_expect_eq(data_num(l->items[3]), BIG_ROWS, "shape %d", k);
        value_release(v);
        interp_free(I);
        unlink(path);
    }
}

/* The loader's inlined reader gives csv_parse_number()'s result on every
 * text, and its plain fast path never accepts what the general reader
 * refuses (random texts over digits, marks, signs, spaces and €). */
Test(csv, inline_reader_agrees_with_the_general_one)
{
    static const char alphabet[] = "0123456789,.-+ e%\xe2\x82\xac()";
    unsigned seed = 12345;
    char s[20];
    for (int n = 0; n < 200000; n++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = 1 + (seed >> 16) % 18;
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        s[len] = 0;
        for (int k = 0; k < 2; k++) {
            char decimal = k ? ',' : '.';
            double a = NAN, b = NAN, c = NAN;
            bool ga = csv_parse_number(s, len, decimal, &a);
            bool gb = csv_parse_number_inline(s, len, decimal, &b);
            bool gc = csv_parse_number_plain(s, len, decimal, &c);
            cr_expect_eq(ga, gb, "\"%s\"", s);
            if (ga && gb) cr_expect_eq(a, b, "\"%s\"", s);
            if (gc) {
                cr_expect(ga, "\"%s\"", s);
                cr_expect_eq(a, c, "\"%s\"", s);
            }
        }
    }
}

/* Plain decimals, as exports write them, read as strtod (glibc, correctly
 * rounded) reads them: random texts of 1 to 17 digits, a sign or not, a
 * decimal mark or not, anywhere.  Both readers must accept every one
 * (csv_parse_number_plain() up to its 16 characters) and give strtod's
 * double to the last bit: with 16 digits and a fraction the mantissa passes
 * 2^53, where dividing the rounded mantissa by 10^k rounds twice. */
Test(csv, plain_decimals_read_as_strtod_reads_them)
{
    unsigned seed = 20261206;
    char s[24], dotted[24];
    for (int n = 0; n < 300000; n++) {
        seed = seed * 1103515245u + 12345u;
        size_t digits = 1 + (seed >> 16) % 17, len = 0;
        seed = seed * 1103515245u + 12345u;
        bool neg = (seed >> 16) % 2, with_mark = (seed >> 17) % 4 != 0 && digits >= 2;
        size_t at = with_mark ? 1 + (seed >> 19) % (digits - 1) : 0; /* digits before the mark */
        if (neg) s[len++] = '-';
        for (size_t i = 0; i < digits; i++) {
            if (with_mark && i == at) s[len++] = ',';
            seed = seed * 1103515245u + 12345u;
            s[len++] = (char)('0' + (seed >> 16) % 10);
        }
        s[len] = 0;
        memcpy(dotted, s, len + 1);
        char *comma = strchr(dotted, ',');
        if (comma) *comma = '.';
        double want = strtod(dotted, NULL), got = NAN, fast = NAN;
        cr_assert(csv_parse_number(s, len, ',', &got), "\"%s\"", s);
        cr_assert_eq(got, want, "\"%s\": %.17g, strtod %.17g", s, got, want);
        cr_assert(csv_parse_number(dotted, len, '.', &got), "\"%s\"", dotted);
        cr_assert_eq(got, want, "\"%s\": %.17g, strtod %.17g", dotted, got, want);
        if (len <= 16) {
            cr_assert(csv_parse_number_plain(dotted, len, '.', &fast), "\"%s\"", dotted);
            cr_assert_eq(fast, want, "\"%s\": %.17g, strtod %.17g", dotted, fast, want);
        }
    }
}

/* The loader's word reader (csv_parse_number_word(): up to 8 characters
 * read as one 64-bit word) against strtod (glibc, correctly rounded), which
 * computes each value independently: random texts of 1 to 8 digits with a
 * decimal mark or not, anywhere inside, each followed by random bytes (the
 * reader reads 8 bytes whatever the length and must ignore those past it).
 * Then on random texts of the bytes that matter (digits, both marks, signs,
 * spaces, letters), it accepts exactly what csv_parse_number_plain() accepts
 * among texts of up to 8 characters not starting with '-', with the same
 * double: the two readers are then interchangeable where the loader uses it. */
Test(csv, word_reader_reads_as_strtod_reads)
{
    unsigned seed = 8675309;
    char s[24], dotted[24];
    for (int n = 0; n < 300000; n++) {
        seed = seed * 1103515245u + 12345u;
        size_t digits = 1 + (seed >> 16) % 8, len = 0;
        seed = seed * 1103515245u + 12345u;
        bool with_mark = (seed >> 16) % 3 != 0 && digits >= 2 && digits <= 7;
        size_t at = with_mark ? 1 + (seed >> 19) % (digits - 1) : 0; /* digits before the mark */
        for (size_t i = 0; i < digits; i++) {
            if (with_mark && i == at) s[len++] = ',';
            seed = seed * 1103515245u + 12345u;
            s[len++] = (char)('0' + (seed >> 16) % 10);
        }
        for (size_t i = len; i < sizeof s; i++) { /* what follows the field in a chunk */
            seed = seed * 1103515245u + 12345u;
            s[i] = (char)(seed >> 16);
        }
        memcpy(dotted, s, sizeof s);
        dotted[len] = 0;
        char *comma = strchr(dotted, ',');
        if (comma) *comma = '.';
        double want = strtod(dotted, NULL), got = NAN;
        cr_assert(csv_parse_number_word(s, len, ',', &got), "\"%.*s\"", (int)len, s);
        cr_assert_eq(got, want, "\"%.*s\": %.17g, strtod %.17g", (int)len, s, got, want);
        memcpy(dotted + len, s + len, sizeof s - len); /* the same bytes after it */
        cr_assert(csv_parse_number_word(dotted, len, '.', &got), "\"%.*s\"", (int)len, dotted);
        cr_assert_eq(got, want, "\"%.*s\"", (int)len, dotted);
    }
    static const char alphabet[] = "0123456789,.-+ eE%a\t";
    for (int n = 0; n < 300000; n++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % 10; /* 0 to 9: the lengths around the word's */
        for (size_t i = 0; i < sizeof s; i++) {
            seed = seed * 1103515245u + 12345u;
            s[i] = alphabet[(seed >> 16) % (sizeof alphabet - 1)];
        }
        for (int k = 0; k < 2; k++) {
            char decimal = k ? ',' : '.';
            double a = NAN, b = NAN;
            bool plain = csv_parse_number_plain(s, len, decimal, &a);
            bool word = csv_parse_number_word(s, len, decimal, &b);
            bool in_reach = len >= 1 && len <= 8 && s[0] != '-';
            cr_assert_eq(word, plain && in_reach, "\"%.*s\"", (int)len, s);
            if (word) cr_assert_eq(a, b, "\"%.*s\"", (int)len, s);
        }
    }
}
