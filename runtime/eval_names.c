/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* eval_names.c — the error for a name after a dot that its value does not
 * have (`r.x`, `T.col`, `mod.f`): a "did you mean" when a name is close,
 * else the names there are.
 *
 * Contract: rt_raise_no_field() in internal.h.  Each kind of owner has its
 * own whole sentences, so that a translation never pastes "record" and
 * "field" into a sentence of another language.
 */
#include "lang/i18n.h"
#include "runtime/internal.h"

static void list_names(const char *const *names, size_t n, StrBuf *out)
{
    for (size_t i = 0; i < n && i < 12; i++) {
        if (i) sb_append(out, ", ");
        sb_append(out, names[i]);
    }
    if (n > 12) sb_printf(out, _(", \xE2\x80\xA6 (%zu in all)"), n);
    if (n == 0) sb_append(out, _("(none)"));
}

/* What a name after a dot was looked for in, and its two whole sentences
 * (a translation cannot be pasted from "record" and "field"). A module's
 * sentences also name the module, so they are written at their call. */
static const struct {
    const char *did_you_mean, *listing;
} no_field_text[] = {
    [FIELD_OF_RECORD] = { N_("record has no field '%s' \xE2\x80\x94 did you mean '%s'?"),
                          N_("record has no field '%s'; its fields are %s") },
    [COLUMN_OF_TABLE] = { N_("table has no column '%s' \xE2\x80\x94 did you mean '%s'?"),
                          N_("table has no column '%s'; its columns are %s") },
};

bool rt_raise_no_field(Interp *I, FieldOwner owner, const char *module, const char *name,
                       const char *const *names, size_t n, SrcLoc loc)
{
    const char *best = rt_suggest(name, names, n);
    StrBuf list;
    sb_init(&list);
    list_names(names, n, &list);
    if (owner == NAME_OF_MODULE && best)
        rt_raise(I, loc, _("module '%s' has no name '%s' \xE2\x80\x94 did you mean '%s'?"), module,
                 name, best);
    else if (owner == NAME_OF_MODULE)
        rt_raise(I, loc, _("module '%s' has no name '%s'; its names are %s"), module, name,
                 list.data);
    else
        rt_raise(I, loc, _(best ? no_field_text[owner].did_you_mean : no_field_text[owner].listing),
                 name, best ? best : list.data);
    sb_free(&list);
    return false;
}
