/* dist.c — (being written) */
#include "stdlib.h"

const BuiltinReg dist_builtins[] = {
    {0},
};
