/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* sheet_xls.c — one sheet of a legacy Excel 97-2003 workbook (.xls, enDI's
 * "export XLS") into a Grid (sheet.h), with freexl, which reads the BIFF
 * format and gives each cell typed: integers, doubles, texts, dates as
 * 'YYYY-MM-DD' and date-times as 'YYYY-MM-DD HH:MM:SS'.
 *
 * Contract: a damaged or hostile .xls never harms the interpreter.  libfreexl
 * (1.0.6, Debian 12) reads past its buffers and leaks on malformed files
 * (tests/fuzz/corpus/sheet/xls-*), so the workbook is read in a child
 * process made by fork() (no exec: the child runs only freexl_* and the
 * writing below, then _exit()), with limits on its memory, processor time
 * and clock, no core file and no file writes.  It streams the cells back over
 * a pipe in length-prefixed messages; the parent checks every one (kind,
 * sizes, row and column within the sheet, UTF-8 text) and turns a child that
 * crashes, overruns a limit or sends anything malformed into the located
 * error "FILE: this .xls could not be read (...)", with the conversion step
 * as hint.  This is the one file of the sources allowed to call fork()
 * (tests/files/run.sh, check 8).
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <freexl.h>

#include "runtime/asan.h"
#ifdef UNDER_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

#include "lang/i18n.h"
#include "lang/utf8.h"
#include "runtime/mem.h"
#include "runtime/value.h"
#include "stdlib/data/sheet_grid.h"

/* ---- the messages between the child and the parent ------------------------------------
 *
 * Each message is a header {kind, a, b, len} of four uint32 (this machine's
 * byte order: both ends are the same program) followed by len bytes. */

enum {
    MSG_SHEET = 1, /* a: index, bytes: the sheet's name */
    MSG_SIZE,      /* a: rows, b: columns of the chosen sheet */
    MSG_CELL,      /* a: row, b: column, bytes: the cell as text */
    MSG_FAIL,      /* a: one of XLS_* below */
    MSG_DONE
};

enum { XLS_OPEN = 1, XLS_NO_SHEETS, XLS_NO_SUCH_SHEET, XLS_SELECT, XLS_SIZE };

/* BIFF8's own limits: 65,536 rows and 256 columns; a cell's text is at most
 * 32,767 characters (up to 4 bytes each in UTF-8), a sheet name 31. */
enum {
    XLS_MAX_ROWS = 65536,
    XLS_MAX_COLS = 256,
    XLS_MAX_TEXT = 4 * 32767,
    XLS_MAX_SHEETS = 65536,
    XLS_MAX_NAME = 4 * 255
};

/* The child's limits: processor seconds, clock seconds, memory beyond what
 * the process already holds. */
enum { CHILD_CPU_SECONDS = 15, CHILD_CLOCK_SECONDS = 60 };
#define CHILD_EXTRA_MEMORY ((rlim_t)1 << 30)

typedef struct MsgHead {
    uint32_t kind, a, b, len;
} MsgHead;

/* ---- the child ------------------------------------------------------------------------- */

static void child_write(int fd, const void *p, size_t n)
{
    const char *s = p;
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) _exit(3); /* the parent went away */
        s += w;
        n -= (size_t)w;
    }
}

static void child_send(int fd, uint32_t kind, uint32_t a, uint32_t b, const char *s, size_t len)
{
    MsgHead h = { kind, a, b, (uint32_t)len };
    child_write(fd, &h, sizeof h);
    if (len) child_write(fd, s, len);
}

static void child_fail(int fd, uint32_t code)
{
    child_send(fd, MSG_FAIL, code, 0, NULL, 0);
    _exit(0);
}

static void child_send_cell(int fd, unsigned r, unsigned c, const FreeXL_CellValue *v)
{
    char buf[40];
    switch (v->type) {
    case FREEXL_CELL_INT: snprintf(buf, sizeof buf, "%d", v->value.int_value); break;
    case FREEXL_CELL_DOUBLE:
        /* the shortest text that reads back as the same double */
        for (int digits = 15; digits <= 17; digits++) {
            snprintf(buf, sizeof buf, "%.*g", digits, v->value.double_value);
            if (strtod(buf, NULL) == v->value.double_value) break;
        }
        break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
    case FREEXL_CELL_TIME: {
        const char *t = v->value.text_value;
        size_t len = t ? strnlen(t, XLS_MAX_TEXT + 1) : 0;
        if (len) child_send(fd, MSG_CELL, r, c, t, len);
        return;
    }
    default: return;
    }
    child_send(fd, MSG_CELL, r, c, buf, strlen(buf));
}

/* Sends the sheet names, then picks the sheet the caller chose. */
static void child_pick_sheet(int fd, const void *h, const SheetChoice *choice)
{
    unsigned count = 0;
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK || count == 0)
        child_fail(fd, XLS_NO_SHEETS);
    if (count > XLS_MAX_SHEETS) count = XLS_MAX_SHEETS;
    int k = -1;
    for (unsigned i = 0; i < count; i++) {
        const char *name = NULL;
        freexl_get_worksheet_name(h, (unsigned short)i, &name);
        size_t len = name ? strnlen(name, XLS_MAX_NAME + 1) : 0;
        child_send(fd, MSG_SHEET, i, 0, name, len);
        if (choice->name && name && strcmp(name, choice->name) == 0 && k < 0) k = (int)i;
    }
    if (!choice->name) {
        int n = choice->number > 0 ? choice->number : 1;
        if ((unsigned)n <= count) k = n - 1;
    }
    if (k < 0) child_fail(fd, XLS_NO_SUCH_SHEET);
    if (freexl_select_active_worksheet(h, (unsigned short)k) != FREEXL_OK)
        child_fail(fd, XLS_SELECT);
}

static void child_limit(rlim_t value, int resource)
{
    struct rlimit lim = { value, value };
    setrlimit(resource, &lim);
}

#ifndef UNDER_ASAN
/* What the process holds now, in bytes (0 when /proc cannot say). */
static rlim_t address_space_now(void)
{
    unsigned long pages = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    if (fscanf(f, "%lu", &pages) != 1) pages = 0;
    fclose(f);
    return (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
}
#endif

/* The limits, then the whole reading; never returns. */
static _Noreturn void child_main(int fd, const char *path, const SheetChoice *choice)
{
    /* A fault ends the child at once (no handler of the parent's runs); Ctrl-C
     * ends it too; a deadlock or a loop meets the clock or the processor
     * limit; the child writes into no file (a sanitizer's or a fuzzer's
     * report file included: it is killed instead) and leaves no core. */
    static const int fatal[] = { SIGSEGV, SIGBUS,  SIGFPE,  SIGILL,  SIGABRT, SIGINT,
                                 SIGTERM, SIGPIPE, SIGALRM, SIGXCPU, SIGXFSZ };
    for (size_t i = 0; i < sizeof fatal / sizeof fatal[0]; i++) signal(fatal[i], SIG_DFL);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        if (null > STDERR_FILENO) close(null);
    }
#ifdef UNDER_ASAN
    /* a sanitizer's report about freexl goes there too, never into a file
     * ".PID" of the current folder (libFuzzer's -close_fd_mask redirects
     * the reports so) */
    __sanitizer_set_report_fd((void *)(uintptr_t)STDERR_FILENO);
#endif
#ifndef UNDER_ASAN
    /* AddressSanitizer reserves terabytes of address space for its shadow:
     * under it the memory limit would stop everything. */
    rlim_t now = address_space_now();
    if (now) child_limit(now + CHILD_EXTRA_MEMORY, RLIMIT_AS);
#endif
    child_limit(CHILD_CPU_SECONDS, RLIMIT_CPU);
    child_limit(0, RLIMIT_CORE);
    child_limit(0, RLIMIT_FSIZE);
    alarm(CHILD_CLOCK_SECONDS);

    const void *h = NULL;
    if (freexl_open(path, &h) != FREEXL_OK) child_fail(fd, XLS_OPEN);
    child_pick_sheet(fd, h, choice);
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) child_fail(fd, XLS_SIZE);
    child_send(fd, MSG_SIZE, rows, cols, NULL, 0);
    for (unsigned r = 0; r < rows && r < XLS_MAX_ROWS; r++)
        for (unsigned short c = 0; c < cols && c < XLS_MAX_COLS; c++) {
            FreeXL_CellValue v;
            if (freexl_get_cell_value(h, r, c, &v) == FREEXL_OK) child_send_cell(fd, r, c, &v);
        }
    child_send(fd, MSG_DONE, 0, 0, NULL, 0);
    _exit(0); /* freexl_close() skipped: the process ends, and with it its memory */
}

/* ---- the parent ------------------------------------------------------------------------ */

/* A failure of the reading, told to the user. */
static bool xls_unreadable(Interp *I, const SheetChoice *choice, const char *shown, const char *why)
{
    rt_raise(I, choice->call, _("%s: this .xls could not be read (%s)"), shown, why);
    return rt_hint(I,
                   _("open it in LibreOffice or Excel and save it as .xlsx (Excel workbook) "
                     "or as .csv, then read that file"));
}

typedef struct Reader {
    int fd;
    bool eof; /* the child's end closed before a whole message */
} Reader;

static bool read_full(Reader *rd, void *p, size_t n)
{
    char *s = p;
    while (n > 0) {
        ssize_t got = read(rd->fd, s, n);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) {
            rd->eof = true;
            return false;
        }
        s += got;
        n -= (size_t)got;
    }
    return true;
}

/* The outcome the child reported, or the reason the parent stopped. */
typedef enum { GOT_DONE, GOT_FAIL, GOT_BAD, GOT_CUT } Outcome;

typedef struct Received {
    Outcome outcome;
    uint32_t fail; /* XLS_* with GOT_FAIL */
    uint32_t rows, cols;
    bool have_size;
    StrBuf names; /* "'A', 'B'" */
} Received;

static bool valid_text(const char *s, size_t len)
{
    return memchr(s, 0, len) == NULL && utf8_valid_prefix(s, len, false) == len;
}

/* One message into g or rc; false at the last one (or at a malformed one). */
static bool receive_one(Reader *rd, Received *rc, Grid *g, char *buf)
{
    MsgHead h;
    if (!read_full(rd, &h, sizeof h)) {
        rc->outcome = GOT_CUT;
        return false;
    }
    size_t max = h.kind == MSG_CELL ? XLS_MAX_TEXT : h.kind == MSG_SHEET ? XLS_MAX_NAME : 0;
    if (h.len > max) return rc->outcome = GOT_BAD, false;
    if (h.len && !read_full(rd, buf, h.len)) return rc->outcome = GOT_CUT, false;
    switch (h.kind) {
    case MSG_SHEET:
        if (!valid_text(buf, h.len) || h.a >= XLS_MAX_SHEETS) break;
        sb_printf(&rc->names, "%s'%.*s'", rc->names.len ? ", " : "", (int)h.len, buf);
        return true;
    case MSG_SIZE:
        if (rc->have_size || h.a > XLS_MAX_ROWS || h.b > XLS_MAX_COLS) break;
        rc->have_size = true;
        rc->rows = h.a;
        rc->cols = h.b;
        for (uint32_t r = 0; r < rc->rows; r++) grid_touch_row(g, r);
        return true;
    case MSG_CELL:
        if (!rc->have_size || h.a >= rc->rows || h.b >= rc->cols || !valid_text(buf, h.len)) break;
        grid_set(g, h.a, h.b, buf, h.len);
        return true;
    case MSG_FAIL: rc->outcome = GOT_FAIL, rc->fail = h.a; return false;
    case MSG_DONE: rc->outcome = rc->have_size ? GOT_DONE : GOT_BAD; return false;
    }
    rc->outcome = GOT_BAD;
    return false;
}

/* What a damaged file gives, whether freexl refuses it or fails on it (the
 * same words either way: a build with AddressSanitizer stops on an overread
 * that a plain build lets freexl survive). */
static const char *damaged_reason(void)
{
    return _("it is damaged, protected by a password, or in a form that the .xls reader does "
             "not know");
}

/* Why the child ended without its last message, as the user reads it. */
static const char *child_end_reason(int status)
{
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGXCPU || sig == SIGALRM)
            return _("reading it took longer than impact allows, which a damaged file can cause");
        if (sig == SIGINT) return _("the reading was interrupted");
    }
    return damaged_reason();
}

/* The user's message for what the child said or did. */
static bool report_failure(Interp *I, const char *shown, const SheetChoice *choice,
                           const Received *rc, int status)
{
    if (rc->outcome == GOT_BAD)
        return xls_unreadable(I, choice, shown,
                              _("the .xls reader gave data that make no sense, which a damaged "
                                "file can cause"));
    if (rc->outcome == GOT_CUT) return xls_unreadable(I, choice, shown, child_end_reason(status));
    switch (rc->fail) {
    case XLS_NO_SHEETS:
        return xls_unreadable(I, choice, shown, _("it holds no sheet that can be read"));
    case XLS_NO_SUCH_SHEET:
        return sheet_no_such(I, shown, choice, rc->names.data ? rc->names.data : "");
    case XLS_SELECT: return xls_unreadable(I, choice, shown, _("its sheet cannot be selected"));
    case XLS_SIZE:
        return xls_unreadable(I, choice, shown, _("the size of its sheet cannot be read"));
    default: return xls_unreadable(I, choice, shown, damaged_reason());
    }
}

bool sheet_read_xls(Interp *I, const char *path, const char *shown, const SheetChoice *choice,
                    Grid *g)
{
    int fds[2];
    if (pipe(fds) != 0)
        return xls_unreadable(I, choice, shown, _("no pipe could be made to read it apart"));
    fflush(NULL); /* nothing buffered is written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return xls_unreadable(I, choice, shown, _("no process could be started to read it apart"));
    }
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], path, choice);
    }
    close(fds[1]);
    Reader rd = { fds[0], false };
    Received rc = { 0 };
    sb_init(&rc.names);
    char *buf = xmalloc(XLS_MAX_TEXT + 1);
    while (receive_one(&rd, &rc, g, buf)) {}
    free(buf);
    if (rc.outcome != GOT_DONE && rc.outcome != GOT_FAIL) kill(pid, SIGKILL);
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    bool ok = rc.outcome == GOT_DONE;
    if (!ok) report_failure(I, shown, choice, &rc, status);
    sb_free(&rc.names);
    return ok;
}
