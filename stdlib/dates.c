/* dates.c — (being written) */
#include "stdlib.h"

const BuiltinReg dates_builtins[] = {
    {0},
};
