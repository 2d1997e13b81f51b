/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* i18n.c — choosing the language and finding its catalogue (see i18n.h).
 *
 * gettext picks a catalogue from $LANGUAGE only when LC_MESSAGES is not the
 * "C" locale, and most systems have no French locale generated: so the
 * language is chosen here, from --lang or the environment, then imposed on
 * gettext through $LANGUAGE with LC_MESSAGES set to the user's locale, or to
 * C.UTF-8 when that is "C".  Translations are always delivered in UTF-8.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang/i18n.h"

#ifndef IMPACT_BUILD_LOCALEDIR
#define IMPACT_BUILD_LOCALEDIR "build/locale"
#endif

bool i18n_parse_language(const char *name, Language *out)
{
    if (!name || strlen(name) < 2) return false;
    /* the language part of ll, ll_CC, ll_CC.codeset, ll@modifier */
    bool whole = name[2] == '\0' || name[2] == '_' || name[2] == '.' || name[2] == '@';
    if (!whole) return false;
    if (strncmp(name, "fr", 2) == 0) {
        *out = LANGUAGE_FR;
        return true;
    }
    if (strncmp(name, "en", 2) == 0) {
        *out = LANGUAGE_EN;
        return true;
    }
    return false;
}

Language i18n_environment_language(void)
{
    static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (!v || !*v) continue;
        Language lang = LANGUAGE_EN;
        i18n_parse_language(v, &lang);
        return lang; /* the first one set decides, as for setlocale */
    }
    return LANGUAGE_EN;
}

const char *i18n_code(Language lang)
{
    return lang == LANGUAGE_FR ? "fr" : "en";
}

static bool is_file(const char *path)
{
    return access(path, R_OK) == 0;
}

/* PREFIX/share/locale when the executable is installed in PREFIX/bin and
 * the French catalogue is there; else the build tree's folder. */
static void locale_folder(char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        char probe[PATH_MAX + 64];
        snprintf(probe, sizeof probe, "%s/../share/locale/fr/LC_MESSAGES/" I18N_CATALOG ".mo", exe);
        if (is_file(probe) && snprintf(out, size, "%s/../share/locale", exe) < (int)size) return;
    }
    snprintf(out, size, "%s", IMPACT_BUILD_LOCALEDIR);
}

static bool is_c_locale(const char *name)
{
    return !name || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

void i18n_use(Language lang)
{
    const char *messages = setlocale(LC_MESSAGES, "");
    if (is_c_locale(messages)) {
        /* gettext ignores $LANGUAGE under "C": any other locale will do */
        static const char *const fallbacks[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8",
                                                 "fr_FR.UTF-8" };
        for (size_t i = 0; i < sizeof fallbacks / sizeof *fallbacks; i++)
            if (setlocale(LC_MESSAGES, fallbacks[i])) break;
    }
    setenv("LANGUAGE", i18n_code(lang), 1);
    char folder[PATH_MAX + 32];
    locale_folder(folder, sizeof folder);
    bindtextdomain(I18N_CATALOG, folder);
    bind_textdomain_codeset(I18N_CATALOG, "UTF-8");
    textdomain(I18N_CATALOG); /* also tells gettext to forget what it looked up */
}

const char *i18n_context(const char *context, const char *msgid)
{
    /* gettext's key for a message in a context: CONTEXT \004 MSGID */
    char key[512];
    if (snprintf(key, sizeof key, "%s\004%s", context, msgid) >= (int)sizeof key) return msgid;
    const char *t = gettext(key);
    return t == key ? msgid : t;
}
