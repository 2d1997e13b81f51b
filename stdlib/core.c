/* core.c — (being written) */
#include "stdlib.h"

const BuiltinReg core_builtins[] = {
    {0},
};
