/* stdlib.c — the one table through which every built-in is registered. */
#include "stdlib/stdlib.h"
#include "stdlib/uncertainty/dist.h"

bool sroi_build_model(Interp *I, const ModelDecl *decl, Value *out); /* sroi.c */

static const BuiltinReg *const module_tables[] = {
    core_builtins,       csv_builtins,    table_builtins,       aggregate_builtins,
    dates_builtins,      dist_builtins,   sensitivity_builtins, sroi_builtins,
    report_builtins,     survey_builtins, rowwise_builtins,     labels_builtins,
    vocabulary_builtins,
};

void stdlib_open(Interp *I)
{
    for (size_t i = 0; i < sizeof module_tables / sizeof module_tables[0]; i++)
        interp_register(I, module_tables[i]);
    interp_set_model_builder(I, sroi_build_model);
    dist_open(I); /* the distribution display of the REPL and print */
}
