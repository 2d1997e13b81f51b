/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_judgements.c — the columns a reviewer asks of an outcome besides its
 * figures (docs/METHOD.md §1.12): whether it is material, the grade of the
 * evidence behind its proxy and its quantity, and distance travelled.
 *
 * Contract: sroi_decode_judgement() reads one such field of an outcome
 * (SROI_OUTCOME_JUDGEMENTS in sroi_fields.h) and refuses, located, what it
 * cannot mean: material is true or false; a grade is one of SROI_GRADES
 * (did-you-mean otherwise); distance is { before: B, after: A, scale: [LO,
 * HI] } with plain numbers, LO < HI and B, A within the scale.  An outcome
 * judged not material is kept and listed but left out of every total
 * (sroi_calc.c); sroi_check_judgements() asks for the reason of that
 * judgement.  A figure about too few people never enters (disclosure).
 */
#include <math.h>
#include <string.h>

#include "runtime/disclosure.h"
#include "stdlib/sroi/sroi_internal.h"

/* GRADE's four levels of certainty (Balshem et al. 2011), docs/METHOD.md §1.12 */
const char *const SROI_GRADES[SROI_N_GRADES] = { "high", "moderate", "low", "very_low" };

static bool decode_flag(Interp *I, const SroiOutcome *o, const DeclField *f, SroiJudgement *j)
{
    if (f->value.kind != V_BOOL)
        return rt_raise(I, f->loc, _("%s of outcome '%s' must be true or false"), f->name,
                        o->name) ||
            rt_hint(I,
                    _("write material = false, with material_reason = \"...\", for an outcome "
                      "judged not material: it is listed but left out of the totals"));
    j->choice = f->value.as.boolean ? 1 : 0;
    return true;
}

static bool decode_grade(Interp *I, const SroiOutcome *o, const DeclField *f, SroiJudgement *j)
{
    const char *word = f->value.kind == V_STR ? as_str(f->value)->data : NULL;
    for (int g = 0; word && g < SROI_N_GRADES; g++)
        if (strcmp(word, SROI_GRADES[g]) == 0) {
            j->choice = g;
            return true;
        }
    const char *guess = word ? suggest_name(word, SROI_GRADES, SROI_N_GRADES) : NULL;
    if (guess)
        rt_raise(I, f->loc,
                 _("%s of outcome '%s' is \"%s\": a grade of evidence is \"high\", \"moderate\", "
                   "\"low\" or \"very_low\" — did you mean '%s'?"),
                 f->name, o->name, word, guess);
    else
        rt_raise(I, f->loc,
                 _("%s of outcome '%s' is not a grade of evidence: it is \"high\", \"moderate\", "
                   "\"low\" or \"very_low\""),
                 f->name, o->name);
    return rt_hint(I, _("write %s = \"moderate\" (the GRADE scale, docs/METHOD.md §1.12)"),
                   f->name);
}

/* One plain number of a distance record; false with an error raised. */
static bool distance_number(Interp *I, const SroiOutcome *o, const DeclField *f, const char *key,
                            Value v, double *out)
{
    if (disclosure_is_suppressed(v)) return disclosure_refuse(I, v, f->loc);
    if (v.kind == V_NUM && dim_is_none(v.dim) && isfinite(v.as.num)) {
        *out = v.as.num;
        return true;
    }
    return rt_raise(I, f->loc,
                    _("the %s of the distance travelled of outcome '%s' must be a plain number "
                      "(a score on the scale)"),
                    key, o->name) ||
        rt_hint(I, _("write distance = { before: 2.1, after: 3.4, scale: [1, 5] }"));
}

static bool distance_scale(Interp *I, const SroiOutcome *o, const DeclField *f, Value v, double *lo,
                           double *hi)
{
    if (v.kind == V_LIST && as_list(v)->n == 2 &&
        distance_number(I, o, f, "scale", as_list(v)->items[0], lo) &&
        distance_number(I, o, f, "scale", as_list(v)->items[1], hi) && *lo < *hi)
        return true;
    interp_clear_error(I);
    return rt_raise(I, f->loc,
                    _("the scale of the distance travelled of outcome '%s' must be a list of its "
                      "lowest and highest scores, lowest first"),
                    o->name) ||
        rt_hint(I, _("write scale: [1, 5] for answers from 1 to 5"));
}

static bool decode_distance(Interp *I, const SroiOutcome *o, const DeclField *f, SroiJudgement *j)
{
    static const char *const KEYS[] = { "before", "after", "scale" };
    if (f->value.kind != V_RECORD)
        return rt_raise(I, f->loc,
                        _("distance of outcome '%s' must give the scores before and after and "
                          "the scale"),
                        o->name) ||
            rt_hint(I, _("write distance = { before: 2.1, after: 3.4, scale: [1, 5] }"));
    const RecordObj *r = as_record(f->value);
    bool seen[3] = { false, false, false };
    for (size_t i = 0; i < r->n; i++) {
        int k = -1;
        for (int c = 0; c < 3; c++)
            if (strcmp(r->keys[i], KEYS[c]) == 0) k = c;
        if (k < 0) {
            const char *guess = suggest_name(r->keys[i], KEYS, 3);
            if (guess)
                rt_raise(I, f->loc,
                         _("unknown field '%s' in the distance travelled of outcome '%s' — did "
                           "you mean '%s'?"),
                         r->keys[i], o->name, guess);
            else
                rt_raise(I, f->loc,
                         _("unknown field '%s' in the distance travelled of outcome '%s'"),
                         r->keys[i], o->name);
            return rt_hint(I, _("its fields are before, after and scale"));
        }
        seen[k] = true;
        bool ok = k == 2 ? distance_scale(I, o, f, r->vals[i], &j->distance[2], &j->distance[3])
                         : distance_number(I, o, f, KEYS[k], r->vals[i], &j->distance[k]);
        if (!ok) return false;
    }
    for (int c = 0; c < 3; c++)
        if (!seen[c])
            return rt_raise(I, f->loc, _("the distance travelled of outcome '%s' has no %s"),
                            o->name, KEYS[c]) ||
                rt_hint(I, _("write distance = { before: 2.1, after: 3.4, scale: [1, 5] }"));
    for (int c = 0; c < 2; c++)
        if (j->distance[c] < j->distance[2] || j->distance[c] > j->distance[3])
            return rt_raise(I, f->loc,
                            _("the score %s (%g) of the distance travelled of outcome '%s' lies "
                              "outside its scale, %g to %g"),
                            KEYS[c], j->distance[c], o->name, j->distance[2], j->distance[3]) ||
                rt_hint(I, _("check the scale: the scores are means of answers on it"));
    return true;
}

bool sroi_decode_judgement(Interp *I, SroiOutcome *o, const DeclField *f, int k)
{
    SroiJudgement *j = &o->judgement[k];
    j->given = true;
    j->loc = f->loc;
    switch (SROI_JUDGEMENTS[k].kind) {
    case SROI_FLAG: return decode_flag(I, o, f, j);
    case SROI_GRADE: return decode_grade(I, o, f, j);
    default: return decode_distance(I, o, f, j);
    }
}

void sroi_judgement_defaults(SroiOutcome *o)
{
    for (int k = 0; k < OJ_COUNT; k++)
        o->judgement[k] = (SroiJudgement){ .choice = SROI_JUDGEMENTS[k].fallback,
                                           .distance = { NAN, NAN, NAN, NAN } };
}

bool sroi_check_judgements(Interp *I, const SroiOutcome *o)
{
    const SroiJudgement *j = &o->judgement[OJ_MATERIAL];
    if (j->choice || o->text[OT_MATERIAL_REASON]) return true;
    return rt_raise(I, j->loc, _("outcome '%s' is judged not material but gives no reason"),
                    o->name) ||
        rt_hint(I,
                _("write material_reason = \"...\": why leaving it out of the totals does not "
                  "change the decisions a reader takes (SVI principle 4)"));
}

bool sroi_is_material(const SroiOutcome *o)
{
    return o->judgement[OJ_MATERIAL].choice != 0;
}

const char *sroi_grade_text(const SroiOutcome *o, int k)
{
    int g = o->judgement[k].choice;
    return g >= 0 && g < SROI_N_GRADES ? SROI_GRADES[g] : "";
}

/* ---- inputs per stakeholder ------------------------------------------------ */

bool sroi_input_stakeholder(Interp *I, const SroiModel *m, SroiInput *in, const DeclField *f)
{
    const char *want = f->value.kind == V_STR ? as_str(f->value)->data : NULL;
    const char *names[m->n_stakeholders + 1];
    for (size_t k = 0; k < m->n_stakeholders; k++) {
        names[k] = m->stakeholders[k].name;
        if (want && strcmp(names[k], want) == 0) {
            in->stakeholder = (int)k;
            return true;
        }
    }
    if (!want)
        return rt_raise(I, f->loc,
                        _("stakeholder of input '%s' must be the name of a stakeholder, as text"),
                        in->name) ||
            rt_hint(I, _("write stakeholder = \"%s\""),
                    m->n_stakeholders ? names[0] : "volunteers");
    const char *guess = suggest_name(want, names, m->n_stakeholders);
    if (guess)
        rt_raise(
            I, f->loc,
            _("input '%s' is given by '%s', which is not a stakeholder of model '%s' — did you "
              "mean '%s'?"),
            in->name, want, m->decl.name, guess);
    else
        rt_raise(I, f->loc,
                 _("input '%s' is given by '%s', which is not a stakeholder of model '%s'"),
                 in->name, want, m->decl.name);
    return rt_hint(I, _("declare it with stakeholder %s \"Label\", or name a declared one"), want);
}

bool sroi_input_hours(Interp *I, SroiInput *in, const DeclField *f)
{
    Value v = f->value;
    if (disclosure_is_suppressed(v)) return disclosure_refuse(I, v, f->loc);
    if (v.kind == V_NUM && dim_is_none(v.dim) && v.as.num >= 0 && isfinite(v.as.num)) {
        in->hours = v.as.num;
        return true;
    }
    return rt_raise(I, f->loc,
                    _("hours of input '%s' must be a number of hours, 0 or more, without unit"),
                    in->name) ||
        rt_hint(I, _("write hours = 900 (its value in money, if any, is the input's amount)"));
}

Value sroi_judgement_value(const SroiOutcome *o, int k)
{
    const SroiJudgement *j = &o->judgement[k];
    switch (SROI_JUDGEMENTS[k].kind) {
    case SROI_FLAG: return value_bool(j->choice != 0);
    case SROI_GRADE: return value_str(sroi_grade_text(o, k));
    default: break;
    }
    if (!j->given) return value_nil();
    Value rec = value_record_new();
    const double *d = j->distance;
    record_set_take(rec, "before", value_num(d[0]), j->loc);
    record_set_take(rec, "after", value_num(d[1]), j->loc);
    record_set_take(rec, "scale_min", value_num(d[2]), j->loc);
    record_set_take(rec, "scale_max", value_num(d[3]), j->loc);
    record_set_take(rec, "change", value_num(d[1] - d[0]), j->loc);
    record_set_take(rec, "share_of_scale", value_percent((d[1] - d[0]) / (d[3] - d[2])), j->loc);
    return rec;
}
