/* sroi.c — (being written) */
#include "stdlib.h"

const BuiltinReg sroi_builtins[] = {
    {0},
};

bool sroi_build_model(Interp *I, const ModelDecl *decl, Value *out)
{
    return rt_raise(I, decl->loc, "models are not available yet");
}
