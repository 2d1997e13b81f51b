/* privacy.c — suppressed figures and NIR detection (see privacy.h). */
#include "stdlib/privacy/privacy.h"
#include "runtime/mem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- NIR -------------------------------------------------------------------- */

/* Folds a column name for comparison: ASCII letters lower-cased, the
 * accented letters of French (UTF-8 Latin-1 supplement) folded to their base
 * letter, everything else (spaces, "°", "_", "'") dropped:
 * "Numéro de Sécurité Sociale" -> "numerodesecuritesociale". */
static void fold_name(const char *name, char *out, size_t size)
{
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && k + 1 < size; p++) {
        if (p[0] == 0xC3 && p[1]) {
            unsigned char c = p[1] | 0x20; /* upper to lower within the block */
            p++;
            if (c >= 0xA8 && c <= 0xAB)
                out[k++] = 'e';
            else if (c >= 0xA0 && c <= 0xA5)
                out[k++] = 'a';
            else if (c >= 0xB2 && c <= 0xB6)
                out[k++] = 'o';
            else if (c >= 0xB9 && c <= 0xBC)
                out[k++] = 'u';
            else if (c >= 0xAC && c <= 0xAF)
                out[k++] = 'i';
            else if (c == 0xA7)
                out[k++] = 'c';
            continue;
        }
        if (isalnum(*p)) out[k++] = (char)tolower(*p);
    }
    out[k] = 0;
}

bool privacy_name_is_nir(const char *name)
{
    char f[256];
    fold_name(name, f, sizeof f);
    /* whole names that mean "social security number" */
    static const char *const whole[] = {
        "nir",     "nirpp",           "nss",     "ssn",        "secu",
        "nsecu",   "nosecu",          "numsecu", "numerosecu", "nirsalarie",
        "codenir", "nirentrepreneur", NULL,
    };
    for (size_t i = 0; whole[i]; i++)
        if (strcmp(f, whole[i]) == 0) return true;
    /* longer names that contain an unambiguous phrase */
    static const char *const phrases[] = {
        "securitesociale", "secusociale", "numerosecu",  "numsecu", "coordonneessecu",
        "socialsecurity",  "numeronir",   "numeroinsee", NULL,
    };
    for (size_t i = 0; phrases[i]; i++)
        if (strstr(f, phrases[i])) return true;
    return false;
}

bool privacy_text_is_nir(const char *s, size_t len)
{
    char d[16];
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ' || c == '.' || c == '-') continue;
        if (k >= 15) return false;
        d[k++] = c;
    }
    if (k != 15 || (d[0] != '1' && d[0] != '2')) return false;
    /* Corsica: département 2A / 2B stands for 19 / 18 in the key computation
     * (the INSEE rule replaces the letter and subtracts 1 000 000 / 2 000 000). */
    long long body = 0;
    for (int i = 0; i < 13; i++) {
        char c = d[i];
        if (i == 6 && d[5] == '2' && (c == 'A' || c == 'a' || c == 'B' || c == 'b')) {
            body = body * 10; /* placeholder digit, corrected below */
            continue;
        }
        if (!isdigit((unsigned char)c)) return false;
        body = body * 10 + (c - '0');
    }
    if (d[6] == 'A' || d[6] == 'a')
        body -= 1000000LL; /* "2A" counts as 19: 2A... = 20... − 1 000 000 */
    else if (d[6] == 'B' || d[6] == 'b')
        body -= 2000000LL; /* "2B" counts as 18 */
    if (!isdigit((unsigned char)d[13]) || !isdigit((unsigned char)d[14])) return false;
    int key = (d[13] - '0') * 10 + (d[14] - '0');
    return key == 97 - (int)(body % 97);
}
