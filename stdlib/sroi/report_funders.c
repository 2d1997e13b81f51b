/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* report_funders.c — the funders in the text report (and their figures for
 * the JSON of `impact run`): each funder's inputs, the present value per unit of them
 * (what sroi(M, funder: ...) divides), and under the model's funder_share
 * the value attributed to it, with in words what each figure divides and
 * which convention is used (docs/METHOD.md §1.11).
 *
 * The JSON is written by report.c (sroi_funders_json), from the same arrays.
 *
 * Contract: the section is shown when the model sets funder_share, or when
 * its inputs come from two funders or more, one named at least (one funder's
 * ratio is the model's own);
 * figures come from sroi_funders.c, uncertain ones as their median and 90%
 * interval (text) or their summary (JSON).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lang/utf8.h"

#include "runtime/mem.h"
#include "stdlib/core/text_grid.h"
#include "stdlib/sroi/report.h"

bool sroi_has_funders(const SroiModel *m)
{
    if (m->funder_share != FUNDER_SHARE_NONE) return true;
    if (m->n_funders < 2) return false; /* one funder: its ratio is the model's */
    for (size_t k = 0; k < m->n_funders; k++)
        if (m->funders[k].name) return true;
    return false;
}

void sroi_funder_arrays_free(SroiFunderArrays *a)
{
    free(a->inputs);
    free(a->per_unit);
    free(a->value);
    free(a->ratio);
}

bool sroi_funder_arrays(Interp *I, const SroiModel *m, size_t k, SroiFunderArrays *a)
{
    a->n = m->n_samples ? m->n_samples : 1;
    a->inputs = xmalloc(sizeof(double) * a->n);
    a->per_unit = xmalloc(sizeof(double) * a->n);
    a->value = xmalloc(sizeof(double) * a->n);
    a->ratio = xmalloc(sizeof(double) * a->n);
    if (sroi_funder_samples(I, m, k, a->inputs, a->per_unit, a->value, a->ratio)) return true;
    sroi_funder_arrays_free(a);
    return false;
}

static char *figure(Interp *I, const SroiModel *m, const double *v, size_t n, char kind)
{
    StrBuf b;
    sb_init(&b);
    sroi_format_figure(I, m, v, n, kind, &b);
    return b.data ? sb_take(&b) : xstrdup("");
}

/* text, wrapped between words at about 100 columns, lines after the first
 * indented by `indent` spaces. */
static void wrapped(const char *text, size_t first_col, size_t indent, StrBuf *out)
{
    size_t col = first_col;
    const char *p = text;
    while (*p) {
        size_t len = strcspn(p, " ");
        size_t w = utf8_width(p, len);
        if (p != text && col + 1 + w > 100) {
            sb_append(out, "\n");
            for (size_t i = 0; i < indent; i++) sb_append(out, " ");
            col = indent;
        } else if (p != text) {
            sb_append(out, " ");
            col++;
        }
        sb_appendn(out, p, len);
        col += w;
        p += len;
        while (*p == ' ') p++;
    }
    sb_append(out, "\n");
}

void sroi_report_funders(Interp *I, const SroiModel *m, StrBuf *out)
{
    if (!sroi_has_funders(m)) return;
    bool shared = m->funder_share != FUNDER_SHARE_NONE;
    sb_printf(out, "\n%s\n", _("Value by funder"));
    static const bool right[] = { 0, 1, 1, 1, 1, 1 };
    TextGrid g = { .ncols = shared ? 6 : 4, .right = right };
    grid_add_str(&g, _("funder"));
    grid_add_str(&g, _("inputs"));
    grid_add_str(&g, _("share of the inputs"));
    grid_add_str(&g, _("value per unit invested"));
    if (shared) {
        grid_add_str(&g, _("attributed value"));
        grid_add_str(&g, _("attributed ratio"));
    }
    StrBuf words;
    sb_init(&words);
    for (size_t k = 0; k < m->n_funders; k++) {
        SroiFunderArrays a;
        if (!sroi_funder_arrays(I, m, k, &a)) {
            interp_clear_error(I); /* a report shows what it can */
            continue;
        }
        SroiFunderPoint p;
        sroi_funder_point(m, m->central, k, &p);
        grid_add_str(&g, sroi_funder_name(m, k));
        grid_add(&g, figure(I, m, a.inputs, a.n, 'm'));
        grid_add(&g, figure(I, m, &p.input_share, 1, '%'));
        grid_add(&g, figure(I, m, a.per_unit, a.n, 'r'));
        if (shared) {
            grid_add(&g, figure(I, m, a.value, a.n, 'm'));
            grid_add(&g, figure(I, m, a.ratio, a.n, 'r'));
        }
        char *in_share = figure(I, m, &p.input_share, 1, '%');
        char *value_share = figure(I, m, &p.value_share, 1, '%');
        StrBuf sentence, line;
        sb_init(&sentence);
        sb_init(&line);
        sroi_funder_sentence(m, k, in_share, value_share, &sentence);
        /* TRANSLATORS: a funder's name, then what its figure divides */
        sb_printf(&line, _("%s: %s"), sroi_funder_name(m, k), sentence.data);
        sb_free(&sentence);
        sb_append(&words, "  ");
        wrapped(line.data, 2, 4, &words);
        sb_free(&line);
        free(in_share);
        free(value_share);
        sroi_funder_arrays_free(&a);
    }
    grid_render(&g, "  ", out);
    wrapped(sroi_funder_convention_text(m), 0, 0, out);
    if (words.data) sb_append(out, words.data);
    sb_free(&words);
}
