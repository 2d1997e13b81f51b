/* csv.c — (being written) */
#include "stdlib.h"

const BuiltinReg csv_builtins[] = {
    {0},
};
