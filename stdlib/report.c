/* report.c — (being written) */
#include "stdlib.h"

const BuiltinReg report_builtins[] = {
    {0},
};

#include "sroi.h"
/* Placeholders until the report module lands. */
void sroi_report_text(Interp *I, Value model, StrBuf *out) { sb_append(out, "(report not available yet)\n"); }
struct json_object *sroi_model_json(Interp *I, Value model) { return NULL; }
