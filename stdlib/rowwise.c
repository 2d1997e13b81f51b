/* rowwise.c — (being written) */
#include "stdlib.h"

const BuiltinReg rowwise_builtins[] = {
    {0},
};
