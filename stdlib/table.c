/* table.c — (being written) */
#include "stdlib.h"

const BuiltinReg table_builtins[] = {
    {0},
};
