/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* fmt_command.h — `impact fmt` (cli/fmt_command.c): argc/argv are the words
 * after "fmt"; returns the exit status. */
#ifndef IMPACT_FMT_COMMAND_H
#define IMPACT_FMT_COMMAND_H

int fmt_main(int argc, char **argv);

#endif
