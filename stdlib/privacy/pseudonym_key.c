/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* pseudonym_key.c — the organisation's pseudonymisation key and the keyed
 * hash of an id (pseudonym_key.h).
 *
 * The key is 32 random bytes (getrandom), kept as 64 hexadecimal digits in
 * a file only its owner may read (created with mode 0600, its folder 0700).
 * The same key gives the same pseudonym to the same id in every file, so a
 * pseudonymised export and a pseudonymised survey still join; without the
 * key, an id cannot be found back from its pseudonym, nor tried (HMAC).
 */
#include "stdlib/privacy/pseudonym_key.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/hmac.h>

#include "lang/i18n.h"
#include "runtime/mem.h"

static bool hex_value(char c, unsigned *v)
{
    if (c >= '0' && c <= '9')
        *v = (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
        *v = (unsigned)(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
        *v = (unsigned)(c - 'A' + 10);
    else
        return false;
    return true;
}

char *pseudonym_default_key_path(void)
{
    const char *home = getenv("HOME");
    if (!home || !*home) return xstrdup("pseudonym.key");
    size_t n = strlen(home) + 40;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/.config/impact/pseudonym.key", home);
    return p;
}

/* mkdir -p of the folder of path, each new folder 0700. */
static void make_folders(const char *path)
{
    char *dir = xstrdup(path);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        mkdir(dir, 0700);
        *p = '/';
    }
    free(dir);
}

static bool create_key(Interp *I, const char *path, unsigned char key[PSEUDONYM_KEY_BYTES])
{
    if (getrandom(key, PSEUDONYM_KEY_BYTES, 0) != PSEUDONYM_KEY_BYTES) {
        rt_raise(I, (SrcLoc){ 0 }, _("no random bytes could be drawn to make the key %s"), path);
        return rt_hint(I,
                       _("try again; if it fails again, make the key yourself: 64 hexadecimal "
                         "digits in that file"));
    }
    make_folders(path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        if (fd >= 0) close(fd);
        rt_raise(I, (SrcLoc){ 0 }, _("cannot create the key file %s: %s"), path, strerror(errno));
        return rt_hint(I, _("give a key file in a folder you can write: --key FILE"));
    }
    for (size_t i = 0; i < PSEUDONYM_KEY_BYTES; i++) fprintf(f, "%02x", key[i]);
    fputc('\n', f);
    if (fclose(f) != 0) {
        unlink(path);
        return rt_raise(I, (SrcLoc){ 0 }, _("cannot write the key file %s"), path);
    }
    return true;
}

static bool read_key(Interp *I, const char *path, unsigned char key[PSEUDONYM_KEY_BYTES])
{
    FILE *f = fopen(path, "r");
    if (!f) {
        rt_raise(I, (SrcLoc){ 0 }, _("cannot read the key file %s: %s"), path, strerror(errno));
        return rt_hint(I, _("check that the file is yours and readable (chmod 600 %s)"), path);
    }
    char text[2 * PSEUDONYM_KEY_BYTES + 2] = { 0 };
    size_t n = fread(text, 1, sizeof text - 1, f);
    fclose(f);
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r' || text[n - 1] == ' ')) n--;
    bool ok = n == 2 * PSEUDONYM_KEY_BYTES;
    for (size_t i = 0; ok && i < PSEUDONYM_KEY_BYTES; i++) {
        unsigned hi = 0, lo = 0;
        ok = hex_value(text[2 * i], &hi) && hex_value(text[2 * i + 1], &lo);
        key[i] = (unsigned char)(hi << 4 | lo);
    }
    if (!ok) {
        rt_raise(I, (SrcLoc){ 0 },
                 _("the key file %s does not hold a key (64 hexadecimal digits on one line)"),
                 path);
        return rt_hint(I,
                       _("give the key file impact created the first time (--key FILE); with "
                         "another key the pseudonyms change and copies no longer join"));
    }
    return true;
}

bool pseudonym_key_load(Interp *I, const char *path, unsigned char key[PSEUDONYM_KEY_BYTES],
                        bool *created)
{
    struct stat st;
    *created = false;
    if (stat(path, &st) != 0) {
        if (errno != ENOENT) return read_key(I, path, key); /* says why */
        *created = true;
        return create_key(I, path, key);
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO))
        rt_warn(I, (SrcLoc){ 0 },
                _("the key file %s may be read by other users of this computer; keep it private: "
                  "chmod 600 %s"),
                path, path);
    return read_key(I, path, key);
}

void pseudonym_of(const unsigned char key[PSEUDONYM_KEY_BYTES], const char *id, size_t len,
                  char out[PSEUDONYM_CHARS + 1])
{
    struct hmac_sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    hmac_sha256_set_key(&ctx, PSEUDONYM_KEY_BYTES, key);
    hmac_sha256_update(&ctx, len, (const uint8_t *)id);
    hmac_sha256_digest(&ctx, SHA256_DIGEST_SIZE, digest);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < PSEUDONYM_CHARS / 2; i++) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 15];
    }
    out[PSEUDONYM_CHARS] = 0;
}
