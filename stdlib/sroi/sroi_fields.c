/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sroi_fields.c — the tables that sroi_fields.h's X-macros expand into, and
 * the lookups by name (see sroi_fields.h). */
#include "stdlib/sroi/sroi_fields.h"
#include "stdlib/stdlib.h"

#include <string.h>

#define SROI_FIELD_INFO(ID, NAME, KIND, LO, HI, DEFAULT, EXAMPLE, REPORT, PHRASE)                  \
    [OF_##ID] = { NAME, KIND, LO, HI, DEFAULT, EXAMPLE, REPORT, PHRASE },
const SroiFieldInfo SROI_FIELDS[OF_COUNT] = { SROI_OUTCOME_NUMBERS(SROI_FIELD_INFO) };
#undef SROI_FIELD_INFO

#define SROI_TEXT_NAME(ID, NAME) [OT_##ID] = NAME,
const char *const SROI_TEXT_FIELDS[OT_COUNT] = { SROI_OUTCOME_TEXTS(SROI_TEXT_NAME) };
#undef SROI_TEXT_NAME

#define SROI_JUDGEMENT_INFO(ID, NAME, KIND, DEFAULT, EXAMPLE, REPORT)                              \
    [OJ_##ID] = { NAME, KIND, DEFAULT, EXAMPLE, REPORT },
const SroiJudgementInfo SROI_JUDGEMENTS[OJ_COUNT] = { SROI_OUTCOME_JUDGEMENTS(
    SROI_JUDGEMENT_INFO) };
#undef SROI_JUDGEMENT_INFO

#define SROI_FIELD_NAME(ID, NAME, ...) NAME,
#define SROI_TEXT_NAME(ID, NAME)       NAME,
const char *const SROI_OUTCOME_FIELD_NAMES[] = { SROI_OUTCOME_NUMBERS(SROI_FIELD_NAME) "start",
                                                 "profile",
                                                 SROI_OUTCOME_TEXTS(SROI_TEXT_NAME)
                                                     SROI_OUTCOME_JUDGEMENTS(SROI_FIELD_NAME) };
#undef SROI_FIELD_NAME
#undef SROI_TEXT_NAME
const size_t SROI_N_OUTCOME_FIELDS =
    sizeof SROI_OUTCOME_FIELD_NAMES / sizeof SROI_OUTCOME_FIELD_NAMES[0];

size_t stdlib_outcome_fields(const char *const **names)
{
    *names = SROI_OUTCOME_FIELD_NAMES;
    return SROI_N_OUTCOME_FIELDS;
}

int sroi_number_field(const char *name)
{
    for (int k = 0; k < OF_COUNT; k++)
        if (strcmp(SROI_FIELDS[k].name, name) == 0) return k;
    return -1;
}

int sroi_judgement_field(const char *name)
{
    for (int k = 0; k < OJ_COUNT; k++)
        if (strcmp(SROI_JUDGEMENTS[k].name, name) == 0) return k;
    return -1;
}

int sroi_text_field(const char *name)
{
    for (int k = 0; k < OT_COUNT; k++)
        if (strcmp(SROI_TEXT_FIELDS[k], name) == 0) return k;
    return -1;
}

/* The shares of an outcome (from the table), its start, and the model's
 * discount rate: what `impact check` can refuse before anything runs. */
#define SROI_SHARE_CHECK(ID, NAME, KIND, LO, HI, DEFAULT, EXAMPLE, REPORT, PHRASE)                 \
    { KIND == SROI_SHARE ? "outcome" : NULL, KIND == SROI_SHARE ? NAME : NULL, PHRASE,             \
      CHECK_SHARE, NULL },
static const CheckField ALL_CHECKS[] = {
    SROI_OUTCOME_NUMBERS(SROI_SHARE_CHECK){ "outcome", "start",
                                            N_("1 (the outcome begins in the year of the "
                                               "activity) or 2 (the year after)"),
                                            CHECK_ONE_OR_TWO, NULL },
    { NULL, "discount", N_("a discount rate"), CHECK_SHARE, N_("the discount rate") },
};
#undef SROI_SHARE_CHECK
enum { N_ALL_CHECKS = sizeof ALL_CHECKS / sizeof ALL_CHECKS[0] };

const CheckField *sroi_check_fields(size_t *n)
{
    *n = N_ALL_CHECKS; /* the rows of fields that are not shares have no name: ignored */
    return ALL_CHECKS;
}
