/* survey.c — (being written) */
#include "stdlib.h"

const BuiltinReg survey_builtins[] = {
    {0},
};
