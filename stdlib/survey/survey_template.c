/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* survey_template.c — survey_template(instrument, path, lang: "fr"|"en").
 *
 * Contract: writes PATH, a CSV holding only the header line the scorers of
 * std/wellbeing read (`id` then the item columns, in questionnaire order),
 * and, for public-domain instruments (WHO-5, life satisfaction, CBI), a
 * companion PATH-without-.csv + "_items.csv" listing each item column with its
 * wording and answer scale in the chosen language.  Wording is shipped only
 * where it is free to reproduce AND known verbatim (docs/METHOD.md §2.12); otherwise
 * the companion gives the item code and where the official wording is.
 * Licensed instruments (WEMWBS, SWEMWBS, Karasek) get the header only.
 * Existing files are never overwritten (a template over a file of answers
 * would destroy them) unless overwrite: true.  Returns {data, items, note}.
 * Files are written through runtime/safe_write.c, after file_access().
 */
#include "stdlib/survey/survey_template.h"
#include "runtime/safe_write.h"
#include "stdlib/survey/survey_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One questionnaire item whose wording is shipped: the instrument it belongs
 * to, its column, and its wording in English and in French (NULL: no French
 * wording shipped; the companion file says where the official one is). */
typedef struct TemplateItem {
    const char *instrument;
    const char *column;
    const char *en, *fr;
} TemplateItem;

/* Every shipped item, instrument by instrument, in questionnaire order. */
static const TemplateItem ITEMS[] = {
    /* WHO-5: official English items (Psychiatric Centre North Zealand), "over the last two weeks" */
    { "who5", "who5_1", "I have felt cheerful and in good spirits", NULL },
    { "who5", "who5_2", "I have felt calm and relaxed", NULL },
    { "who5", "who5_3", "I have felt active and vigorous", NULL },
    { "who5", "who5_4", "I woke up feeling fresh and rested", NULL },
    { "who5", "who5_5", "My daily life has been filled with things that interest me", NULL },
    { "life_satisfaction", "life_satisfaction",
      "Overall, how satisfied are you with your life nowadays? (ONS personal well-being)",
      "Sur une échelle allant de 0 à 10, indiquez votre satisfaction concernant la vie que vous "
      "menez actuellement" },
    /* CBI, English version of the PUMA study (Kristensen et al. 2005) */
    { "cbi", "cbi_p1", "How often do you feel tired?", NULL },
    { "cbi", "cbi_p2", "How often are you physically exhausted?", NULL },
    { "cbi", "cbi_p3", "How often are you emotionally exhausted?", NULL },
    { "cbi", "cbi_p4", "How often do you think: \"I can't take it anymore\"?", NULL },
    { "cbi", "cbi_p5", "How often do you feel worn out?", NULL },
    { "cbi", "cbi_p6", "How often do you feel weak and susceptible to illness?", NULL },
    { "cbi", "cbi_w1", "Is your work emotionally exhausting?", NULL },
    { "cbi", "cbi_w2", "Do you feel burnt out because of your work?", NULL },
    { "cbi", "cbi_w3", "Does your work frustrate you?", NULL },
    { "cbi", "cbi_w4", "Do you feel worn out at the end of the working day?", NULL },
    { "cbi", "cbi_w5", "Are you exhausted in the morning at the thought of another day at work?",
      NULL },
    { "cbi", "cbi_w6", "Do you feel that every working hour is tiring for you?", NULL },
    { "cbi", "cbi_w7",
      "Do you have enough energy for family and friends during leisure time? (reversed)", NULL },
    { "cbi", "cbi_c1", "Do you find it hard to work with clients?", NULL },
    { "cbi", "cbi_c2", "Do you find it frustrating to work with clients?", NULL },
    { "cbi", "cbi_c3", "Does it drain your energy to work with clients?", NULL },
    { "cbi", "cbi_c4",
      "Do you feel that you give more than you get back when you work with clients?", NULL },
    { "cbi", "cbi_c5", "Are you tired of working with clients?", NULL },
    { "cbi", "cbi_c6",
      "Do you sometimes wonder how long you will be able to continue working with clients?", NULL },
};

typedef struct Instrument {
    const char *name;
    const char *prefix; /* columns prefix1 .. prefixK; NULL: its items' (ITEMS) */
    int k;
    const char *answers_en, *answers_fr;
    const char *fr_missing; /* in place of an item's French wording that is not shipped */
    const char *source;
    const char *note; /* why wording is or is not shipped */
} Instrument;

/* The notes are messages to the user, in the session's language (N_() here,
 * _() where the record is made); the wording files follow lang: instead. */
#define WARWICK_LICENCE                                                                            \
    N_("licensed (© NHS Health Scotland, Univ. Warwick, Univ. Edinburgh): header only; obtain "   \
       "the "                                                                                      \
       "wording with a licence from Warwick")

static const Instrument INSTRUMENTS[] = {
    { "who5", NULL, 0,
      "5 All of the time; 4 Most of the time; 3 More than half of the time; 2 Less than half of "
      "the time; 1 Some of the time; 0 At no time",
      "5 (tout le temps) à 0 (jamais) : libellés du questionnaire officiel",
      "(texte officiel français : "
      "https://www.psykiatri-regionh.dk/who-5/who-5-questionnaires/Pages/default.aspx ; le copier "
      "mot pour mot, ne pas retraduire)",
      "WHO-5, Psychiatric Centre North Zealand; public domain, mention the source",
      N_("public domain: English wording shipped; French wording: copy it from the official PDF") },
    { "life_satisfaction", NULL, 0, "0 (not at all) to 10 (completely)", "0 à 10", NULL,
      "INSEE SRCV (fr); ONS personal well-being (en)",
      N_("national-statistics question: wording shipped") },
    { "cbi", NULL, 0,
      "Always 100; Often 75; Sometimes 50; Seldom 25; Never/almost never 0 (work items 1-3 and "
      "client items: To a very high degree 100 ... To a very low degree 0)",
      "100 / 75 / 50 / 25 / 0 (voir le NFA)",
      "(pas de version française validée connue : voir le NFA, "
      "http://nfa.dk/da/Vaerktoejer/Sporgeskemaer/Sporgeskema-til-maaling-af-udbraendthed/"
      "Copenhagen-Burnout-Inventory-CBI)",
      "Copenhagen Burnout Inventory, Kristensen et al. 2005, NFA (Denmark)",
      N_("free from the NFA: English wording shipped; no validated French version known") },
    { "wemwbs", "wemwbs_", 14, NULL, NULL, NULL, NULL, WARWICK_LICENCE },
    { "swemwbs", "swemwbs_", 7, NULL, NULL, NULL, NULL, WARWICK_LICENCE },
    { "karasek", "karasek_", 26, NULL, NULL, NULL, NULL,
      N_("© R. Karasek / JCQ Center: header only; French SUMER version in Niedhammer et al. 2006 "
         "(Santé Publique 18(3))") },
};

/* The wording is shipped (in ITEMS), and with it the companion file. */
static bool has_items(const Instrument *ins)
{
    return !ins->prefix;
}

static bool item_of(const TemplateItem *it, const Instrument *ins)
{
    return strcmp(it->instrument, ins->name) == 0;
}

static const Instrument *find_instrument(const char *name)
{
    for (size_t i = 0; i < sizeof INSTRUMENTS / sizeof INSTRUMENTS[0]; i++)
        if (strcmp(INSTRUMENTS[i].name, name) == 0) return &INSTRUMENTS[i];
    return NULL;
}

/* A CSV field, quoted when it holds a separator, a quote or a newline (RFC 4180). */
static void csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void write_header(FILE *f, const Instrument *ins)
{
    fputs("id", f);
    for (int j = 0; j < ins->k; j++) fprintf(f, ",%s%d", ins->prefix, j + 1);
    for (size_t j = 0; has_items(ins) && j < sizeof ITEMS / sizeof ITEMS[0]; j++)
        if (item_of(&ITEMS[j], ins)) fprintf(f, ",%s", ITEMS[j].column);
    fputc('\n', f);
}

static void write_items(FILE *f, const Instrument *ins, bool french)
{
    fputs("item,wording,answers,source\n", f);
    for (size_t j = 0; j < sizeof ITEMS / sizeof ITEMS[0]; j++) {
        const TemplateItem *it = &ITEMS[j];
        if (!item_of(it, ins)) continue;
        csv_field(f, it->column);
        fputc(',', f);
        csv_field(f, french ? (it->fr ? it->fr : ins->fr_missing) : it->en);
        fputc(',', f);
        csv_field(f, french ? ins->answers_fr : ins->answers_en);
        fputc(',', f);
        csv_field(f, ins->source);
        fputc('\n', f);
    }
}

/* PATH resolved against the directory of the running file. */
static char *resolve(Interp *I, const char *path)
{
    const char *dir = interp_current_dir(I);
    if (path[0] == '/' || !dir || !*dir) return strdup(path);
    size_t n = strlen(dir) + strlen(path) + 2;
    char *full = malloc(n);
    if (full) snprintf(full, n, "%s/%s", dir, path);
    return full;
}

static char *companion_path(const char *data_path)
{
    size_t n = strlen(data_path);
    size_t stem = n >= 4 && strcmp(data_path + n - 4, ".csv") == 0 ? n - 4 : n;
    char *p = malloc(stem + sizeof "_items.csv");
    if (p) {
        memcpy(p, data_path, stem);
        strcpy(p + stem, "_items.csv");
    }
    return p;
}

static bool refuse_existing(Interp *I, const CallArgs *a, const char *path, const char *shown,
                            bool overwrite)
{
    if (overwrite || access(path, F_OK) != 0) return true;
    rt_raise(I, arg_loc(a, 1), _("survey_template(): %s already exists; a template would erase it"),
             shown);
    return rt_hint(I,
                   _("choose another path, or pass overwrite: true if the file holds no answers"));
}

static bool write_file(Interp *I, const CallArgs *a, const char *path, const char *shown,
                       const Instrument *ins, bool items, bool french)
{
    SafeWrite w;
    if (!safe_write_open(I, &w, path, shown, arg_loc(a, 1))) return false;
    if (items)
        write_items(w.stream, ins, french);
    else
        write_header(w.stream, ins);
    return safe_write_commit(I, &w, arg_loc(a, 1));
}

static bool read_options(Interp *I, const CallArgs *a, bool *french, bool *overwrite)
{
    Value v;
    SrcLoc loc;
    const char *lang = "fr";
    *overwrite = false;
    if (a->npos > 2) {
        if (!arg_string(I, a, 2, "lang", &lang)) return false;
    } else if (arg_named(a, "lang", &v, &loc)) {
        if (v.kind != V_STR)
            return rt_raise(I, loc, _("survey_template(): lang must be \"fr\" or \"en\""));
        lang = as_str(v)->data;
    }
    if (strcmp(lang, "fr") != 0 && strcmp(lang, "en") != 0)
        return rt_raise(I, a->loc,
                        _("survey_template(): lang must be \"fr\" or \"en\", got \"%s\""), lang);
    *french = lang[0] == 'f';
    if (arg_named(a, "overwrite", &v, &loc) && v.kind == V_BOOL) *overwrite = v.as.boolean;
    return true;
}

static bool unknown_instrument(Interp *I, const CallArgs *a, const char *name)
{
    rt_raise(I, arg_loc(a, 0), _("survey_template(): no template for \"%s\""), name);
    return rt_hint(I,
                   _("known instruments: who5, life_satisfaction, cbi, wemwbs, swemwbs, karasek"));
}

bool survey_template_builtin(Interp *I, const CallArgs *a, Value *out)
{
    const char *name, *path;
    bool french = true, overwrite = false;
    if (!arg_string(I, a, 0, "instrument", &name) || !arg_string(I, a, 1, "path", &path) ||
        !read_options(I, a, &french, &overwrite))
        return false;
    const Instrument *ins = find_instrument(name);
    if (!ins) return unknown_instrument(I, a, name);
    char *target; /* where to write, checked by file_access; `data` is what we show */
    if (!file_access(I, a, 1, FILE_WRITE, &target)) return false;
    char *data = resolve(I, path);
    char *items = has_items(ins) && data ? companion_path(data) : NULL;
    char *items_target = has_items(ins) ? companion_path(target) : NULL;
    bool ok = data && (!has_items(ins) || (items && items_target));
    if (!ok) rt_out_of_memory();
    ok = refuse_existing(I, a, target, data, overwrite) &&
        (!items || refuse_existing(I, a, items_target, items, overwrite));
    ok = ok && write_file(I, a, target, data, ins, false, french) &&
        (!items || write_file(I, a, items_target, items, ins, true, french));
    if (ok) {
        Value rec = value_record_new();
        record_set_take(rec, "data", value_str(data), a->loc);
        record_set_take(rec, "items", items ? value_str(items) : value_nil(), a->loc);
        record_set_take(rec, "note", value_str(_(ins->note)), a->loc);
        *out = rec;
    }
    free(data);
    free(items);
    free(target);
    free(items_target);
    return ok;
}
