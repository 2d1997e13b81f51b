/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_build.h — what the files that build a model share (stdlib/sroi/
 * sroi_build*.c, sroi_decl.c, sroi_warn.c); not for the rest of the library.
 *
 * sroi_build.c decodes the settings, stakeholders and inputs and drives the
 * build; sroi_build_outcome.c decodes one outcome; sroi_build_value.c holds
 * the checks on one value that both use; sroi_decl.c copies and frees the
 * declaration; sroi_warn.c emits the plausibility warnings of a valid model.
 */
#ifndef IMPACT_SROI_BUILD_H
#define IMPACT_SROI_BUILD_H

#include "stdlib/sroi/sroi_internal.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The scans of every sample of a field are split across threads for large
 * distributions (counts and maxima do not depend on the split). */
#define SCAN_PARALLEL 200000

/* The names a model's settings and an input's options may take. */
extern const char *const SROI_SETTING_NAMES[6];
extern const char *const SROI_INPUT_OPTIONS[5];

/* The decoding context of one model. */
typedef struct Builder {
    Interp *I;
    SroiModel *m;
    const SroiModel *base;    /* the model a scenario copy is made from, or NULL */
    const char **entry_names; /* every declared name, for duplicates and suggestions */
    size_t n_names;
    bool have_money;
} Builder;

/* " — did you mean 'x'?" or "" */
void sroi_did_you_mean(StrBuf *b, const char *wrong, const char *const *cands, size_t n);

void sroi_join_names(StrBuf *b, const char *const *names, size_t n);

bool sroi_unknown_field(Builder *B, const DeclField *f, const char *where, const char *const *names,
                        size_t n);

bool sroi_no_repeat(Builder *B, const DeclField *fields, size_t i, const char *where);

/* Decodes one field of an entry into target (an SroiInput, an SroiOutcome...). */
typedef bool (*SroiFieldDecoder)(Builder *B, void *target, const DeclField *f, const char *where);

/* Each field of e in turn, a field set twice refused, decoded by decode into
 * target; where names the entry in messages ("input 'x'"). */
bool sroi_decode_fields(Builder *B, const DeclEntry *e, const char *where, SroiFieldDecoder decode,
                        void *target);

void sroi_copy_decl(ModelDecl *dst, const ModelDecl *src);

void sroi_warn_model(Interp *I, const SroiModel *m, const SroiWarnScope *scope);

bool sroi_decode_outcome(Builder *B, const DeclEntry *e, SroiOutcome *o);

/* Describes a value for messages: "9000 (a plain number)", "3 year (in year)". */
void sroi_describe_value(Interp *I, Value v, StrBuf *b);
/* Raises at loc the message fmt, whose two %s are `what` and v described:
 * _("%s is %s: a duration is a time") gives "duration of outcome 'a' is 3
 * (a plain number): a duration is a time". */
void sroi_raise_described(Interp *I, SrcLoc loc, const char *fmt, const char *what, Value v);

bool sroi_is_numeric(Value v);

bool sroi_has_missing(Value v);

size_t sroi_samples_outside(Value v, double lo, double hi, bool lo_open);

/* A share between 0% and 100%, without unit.  what: "deadweight of outcome
 * 'x'"; field: the name to write; phrase: one value in prose, with its
 * article, in English (N_(): "a deadweight"), translated here.  scan: false
 * when the samples were checked already (the base model's own, in the same
 * place): only the kind and unit are checked then. */
bool sroi_check_percent(Interp *I, Value v, SrcLoc loc, const char *what, const char *field,
                        const char *phrase, const char *example, bool scan);

/* Money per unit and per year: EUR, or EUR/year (the same thing here). */
bool sroi_is_money_per_year(Interp *I, Dim d, Dim money);

bool sroi_money_dim(Interp *I, Dim d);

/* The currency of the model: the first money seen; every other must match. */
bool sroi_check_currency(Builder *B, Dim d, SrcLoc loc, const char *what);

bool sroi_check_sample_count(Builder *B, Value v, SrcLoc loc);

bool sroi_whole_number(Value v, double *out);

#endif
