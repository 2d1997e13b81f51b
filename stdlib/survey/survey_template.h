/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* survey_template.h — survey_template(instrument, path, lang: "fr"|"en"),
 * registered in survey.c's table (see survey_template.c for the contract). */
#ifndef IMPACT_SURVEY_TEMPLATE_H
#define IMPACT_SURVEY_TEMPLATE_H

#include "runtime/interp.h"

bool survey_template_builtin(Interp *I, const CallArgs *a, Value *out);

#endif
