/* aggregate.c — (being written) */
#include "stdlib.h"

const BuiltinReg aggregate_builtins[] = {
    {0},
};
