/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* pseudonym_key.h — the pseudonymisation key of an organisation and the
 * keyed hash of an id (pseudonym_key.c says why it is made so). */
#ifndef IMPACT_PSEUDONYM_KEY_H
#define IMPACT_PSEUDONYM_KEY_H

#include "runtime/interp.h"

#define PSEUDONYM_KEY_BYTES 32
#define PSEUDONYM_CHARS     16 /* hexadecimal digits of a pseudonym (64 bits) */

/* ~/.config/impact/pseudonym.key (malloc'ed). */
char *pseudonym_default_key_path(void);
/* Reads the key of `path`, or creates it (mode 0600) when the file does not
 * exist (*created); false after rt_raise. */
bool pseudonym_key_load(Interp *I, const char *path, unsigned char key[PSEUDONYM_KEY_BYTES],
                        bool *created);
/* The pseudonym of id[0..len): HMAC-SHA256 under key, its first
 * PSEUDONYM_CHARS hexadecimal digits. */
void pseudonym_of(const unsigned char key[PSEUDONYM_KEY_BYTES], const char *id, size_t len,
                  char out[PSEUDONYM_CHARS + 1]);

#endif
