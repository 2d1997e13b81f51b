/* privacy.h — refusal of French social security numbers (NIR).
 *
 * Why: the décret n° 2019-341 restricts who may process the NIR, and an
 * impact study has no need of it, so the interpreter refuses to read it.
 * Small groups (statistical secrecy) are runtime/disclosure.h's concern.
 */
#ifndef IMPACT_PRIVACY_H
#define IMPACT_PRIVACY_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/interp.h"

/* ---- NIR (numéro d'inscription au répertoire, "numéro de sécu") --------- */

/* True when a column name says it holds NIRs: nir, secu, sécu, ssn,
 * "numéro de sécurité sociale", "n° ss", insee... (case and accents ignored). */
bool privacy_name_is_nir(const char *name);
/* True when text (spaces ignored) is 13 digits starting with 1 or 2 (sex)
 * — Corsica's 2A/2B accepted as département, counted as 19/18 for the key —
 * followed by a 2-digit key equal to 97 − (first 13 digits mod 97). */
bool privacy_text_is_nir(const char *s, size_t len);

#endif
