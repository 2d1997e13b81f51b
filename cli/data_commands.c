/* data_commands.c — impact check-data EXPORT (see data_commands.h).
 *
 * The command is a short program in the language, run as a string: the
 * check itself is models/cae's check_data(), so the command line and a
 * model see exactly the same reading and the same category lists.
 */
#include "cli/data_commands.h"

#include <stdio.h>
#include <string.h>

#include "lang/i18n.h"
#include "runtime/value.h"

/* The path as a string literal of the language: quotes and backslashes
 * escaped, control characters refused (no file name holds one). */
static bool quote_path(const char *path, StrBuf *out)
{
    sb_append(out, "\"");
    for (const char *p = path; *p; p++) {
        if ((unsigned char)*p < 0x20) return false;
        if (*p == '"' || *p == '\\') sb_append(out, "\\");
        sb_appendn(out, p, 1);
    }
    sb_append(out, "\"");
    return true;
}

int command_check_data(Interp *I, const char *path)
{
    StrBuf prog;
    sb_init(&prog);
    sb_append(&prog, "use \"models/cae\" as cae\ncae.check_data(");
    if (!quote_path(path, &prog)) {
        sb_free(&prog);
        fprintf(stderr,
                _("error: the file name '%s' holds a control character\n"
                  "hint: rename the file with letters, digits, '-', '_' and '.'\n"),
                path);
        return 1;
    }
    sb_append(&prog, ")\n");
    Value v = value_nil();
    bool ok = interp_run_string(I, "<check-data>", prog.data, &v);
    value_release(v);
    sb_free(&prog);
    if (!ok) {
        fflush(stdout);
        interp_print_error(I, stderr);
        return 1;
    }
    return 0;
}
