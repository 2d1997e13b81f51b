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

/* Makes the C locale strtod_l needs; call before starting threads. */
void csv_values_init(void);

/* A number written with decimal mark `decimal` ('.' or ','): an optional
 * sign, digits, optional decimal part, optional exponent, spaces or
 * no-break spaces as thousands separators, an optional trailing % (divides
 * by 100).  Up to 16 digits take an exact fast path (mantissa / 10^k). */
bool csv_parse_number(const char *s, size_t len, char decimal, double *out);
/* true/false, vrai/faux, oui/non, yes/no in any case. */
bool csv_parse_bool(const char *s, size_t len, int8_t *out);
/* Length of the valid UTF-8 prefix of s; a sequence cut at the end counts as
 * valid when allow_cut (the end of a chunk). */
size_t csv_utf8_valid_prefix(const unsigned char *s, size_t len, bool allow_cut);
/* At most about 40 bytes of s for a message, line breaks and bytes that
 * are not UTF-8 escaped (\n, \xE9). */
void csv_excerpt(const char *s, size_t len, char *buf, size_t size);
/* The most frequent of ';', ',' and tab outside quotes on the first line
 * (',' when none). */
char csv_detect_separator(const unsigned char *s, size_t len);

#endif
