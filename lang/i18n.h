/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* i18n.h — the language impact speaks: GNU gettext for words, and the
 * number, money, percentage and date conventions that go with each language.
 *
 * Every layer may include this header (lang/ needs nothing else).
 *
 *   _("text")    the translation of "text" in the chosen language; the English
 *                text is the msgid, so an untranslated message stays readable
 *   N_("text")   marks "text" for po/impact.pot without translating it here
 *                (tables of static strings; translate with _() where shown)
 *
 * The catalogue is po/fr.po; `make pot` gathers every _() and N_() of the
 * C sources into po/impact.pot and merges it into po/fr.po, and `make
 * check-i18n` fails while a message has no French translation or a fuzzy one.
 *
 * Only LC_MESSAGES is ever set (setlocale(LC_ALL, "") is never called):
 * LC_NUMERIC stays "C", so model files and data keep a decimal point whatever
 * the user's locale; French figures are formatted by impact itself, never
 * by printf under a French locale.  The language a run speaks is kept in its
 * Settings (runtime/interp.h), so that reports follow it.
 */
#ifndef IMPACT_I18N_H
#define IMPACT_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#define _(msgid)  gettext(msgid)
#define N_(msgid) msgid
/* The same word may need two translations ("Inputs": a heading, and the SVI
 * value map's column): C_("column", "Inputs") is translated in that context
 * (msgctxt in po/fr.po); NC_() marks one for a table, translated where shown
 * with i18n_context(). */
#define C_(context, msgid)  i18n_context(context, msgid)
#define NC_(context, msgid) msgid

/* The text domain: the catalogue is LOCALEDIR/LL/LC_MESSAGES/impact.mo. */
#define I18N_CATALOG "impact"

typedef enum Language { LANGUAGE_EN, LANGUAGE_FR } Language;

/* "fr", "fr_FR", "fr_FR.UTF-8", "en", "en_GB"... into a Language; false for
 * anything else ("de", "", NULL). */
bool i18n_parse_language(const char *name, Language *out);

/* The language of the environment: the first set of LC_ALL, LC_MESSAGES and
 * LANG, in that order (POSIX precedence); French when it names French,
 * English otherwise (C, POSIX, unset, or a language impact does not speak). */
Language i18n_environment_language(void);

/* Makes `lang` the language of every _() from now on: binds the text domain to
 * the catalogue folder (the installed PREFIX/share/locale next to the
 * executable, else the build tree's), and selects the catalogue whatever
 * locales the system has generated.  May be called again to switch. */
void i18n_use(Language lang);

/* The translation of msgid in context (msgctxt), or msgid itself. */
const char *i18n_context(const char *context, const char *msgid);

/* "fr" or "en". */
const char *i18n_code(Language lang);

#endif
