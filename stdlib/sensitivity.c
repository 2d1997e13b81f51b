/* sensitivity.c — (being written) */
#include "stdlib.h"

const BuiltinReg sensitivity_builtins[] = {
    {0},
};
