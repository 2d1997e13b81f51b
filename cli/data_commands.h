/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* data_commands.h — the commands of the command line that look at an
 * export rather than run a model (data_commands.c). */
#ifndef IMPACT_DATA_COMMANDS_H
#define IMPACT_DATA_COMMANDS_H

#include "runtime/interp.h"

/* impact check-data EXPORT: reads an enDI export as models/cae reads it and
 * prints which of its labels the category lists of models/cae/endi.impact
 * map, without running the model.  Returns the exit status. */
int command_check_data(Interp *I, const char *path);

/* impact pseudonymise EXPORT -o COPY [--key FILE] [--drop TITLE]... (the
 * words after "pseudonymise"): a copy of an export without its direct
 * identifiers (stdlib/privacy/pseudonymise.h).  Returns the exit status:
 * 0, 1 (the export or the copy), 2 (the command). */
int pseudonymise_main(int argc, char **argv);

/* True when path is named as a data file (.csv, .tsv, .txt, .xlsx, .xls,
 * .ods): `impact run` and the REPL's :load refuse it rather than parse it as
 * a model, whose syntax error would quote a line of it — a person's row. */
bool is_data_file(const char *path);

#endif
