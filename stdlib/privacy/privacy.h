/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
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
/* True when text holds a NIR anywhere: normalised first (spaces and no-break
 * spaces, dots, dashes, slashes, apostrophes dropped between digits;
 * full-width digits read as digits), then any run of whole digit groups of
 * 13 digits with a valid structure (sex, month, département, commune, order)
 * or 15 with a valid key.  "Dupont 1 84 12 76 451 089 46", "'184…",
 * "1841276451089/46" and a bare 13-digit NIR all count. */
bool privacy_find_nir(const char *s, size_t len);

#endif
