/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* pseudonymise.h — a copy of an export for someone outside the
 * organisation (impact pseudonymise EXPORT -o COPY), without its direct
 * identifiers.
 *
 * Contract: pseudonymise_file() reads the export as raw CSV fields (its
 * bytes, separator, quoting style, line ends, byte-order mark and Excel
 * "sep=" line kept), and writes the copy atomically (a temporary file of the
 * same folder, renamed once complete), never over its input.  Each column
 * is, by its title:
 *   - emptied: direct identifiers (names, e-mails, phones, addresses, bank
 *     accounts, emergency contacts, free-text comments) — the title stays,
 *     so the copy keeps the shape of the export and a model reads it
 *     unchanged;
 *   - removed: social security numbers (NIR);
 *   - reduced: birth dates to their year, postal codes to their département
 *     (2A/2B for Corsica, three digits overseas);
 *   - replaced by a keyed hash: internal ids (HMAC-SHA256 under the
 *     organisation's key, nettle; 16 hexadecimal digits), the same for the
 *     same id in every file pseudonymised with the same key, so copies still
 *     join;
 *   - kept as exported, every other column (a cell that holds a NIR stops
 *     the copy, located, the number never shown).
 * For an enDI export (its id column) the titles are the lists
 * `pseudonymisation` of models/cae/endi.impact; otherwise the titles
 * recognised below, and those given with --drop.  The key file is created
 * when absent (32 random bytes, hexadecimal, mode 0600).  What was done is
 * printed, one line per kind of change.
 */
#ifndef IMPACT_PSEUDONYMISE_H
#define IMPACT_PSEUDONYMISE_H

#include "runtime/interp.h"

typedef struct PseudonymiseRequest {
    const char *input, *output;
    const char *key_file;    /* NULL: ~/.config/impact/pseudonym.key */
    const char *const *drop; /* more titles to empty (--drop) */
    size_t n_drop;
} PseudonymiseRequest;

/* false after rt_raise; nothing is left at the output path then. */
bool pseudonymise_file(Interp *I, const PseudonymiseRequest *r);

#endif
