/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* safe_write.h — the one way impact writes a file (CSV, reports, templates,
 * any output a built-in writes by name).
 *
 * A write never damages what was there before: the text goes into a
 * temporary file created beside the target (same folder, so the final
 * rename is atomic), with the mode the file will keep (an existing file's
 * mode, else 0666 minus the umask: 0644 under umask 022); it is flushed to
 * disk (fsync) and only then renamed over the target.  The target is refused
 * when it is a symbolic link, a FIFO, a device, a folder or any other
 * non-regular file, or a read-only file.  On an error, on safe_write_abort(),
 * and on Ctrl-C (SIGINT, also SIGTERM/SIGHUP) the temporary file is removed
 * and the target is untouched: a signal handler that only unlinks the
 * temporary paths registered here.
 *
 * Use — check the path first with file_access(I, a, i, FILE_WRITE, &full):
 *
 *     SafeWrite w;
 *     if (!safe_write_open(I, &w, full, shown, loc)) return false;   // raised
 *     fputs("...", w.stream);          // or write by name to w.temp_path
 *     return safe_write_commit(I, &w, loc);  // raises on failure; frees w
 *
 * or safe_write_abort(&w) to give up (frees w; the target is untouched).
 * A library that writes by file name (libxlsxwriter) may fclose(w.stream),
 * set w.stream = NULL and write w.temp_path itself before the commit.
 */
#ifndef IMPACT_SAFE_WRITE_H
#define IMPACT_SAFE_WRITE_H

#include <stdio.h>

#include "runtime/interp.h"

typedef struct SafeWrite {
    FILE *stream;      /* open on the temporary file, for writing */
    char *temp_path;   /* the temporary file, beside the target */
    char *target;      /* the file replaced at the commit */
    const char *shown; /* the path as the user wrote it, for messages */
    int slot;          /* registration for the signal handler, -1 if none */
} SafeWrite;

/* Refuses a target that is not a regular writable file (or absent), creates
 * the temporary file and registers it for removal on a signal.  `shown` is
 * the path as written in the model (messages), `loc` where.  Returns false
 * after rt_raise (nothing left behind). */
bool safe_write_open(Interp *I, SafeWrite *w, const char *target, const char *shown, SrcLoc loc);

/* Flushes, fsyncs and renames the temporary file over the target.  On any
 * failure (a full disk, Ctrl-C during the write in the REPL) removes the
 * temporary file, keeps the target as it was, and raises. */
bool safe_write_commit(Interp *I, SafeWrite *w, SrcLoc loc);

/* Removes the temporary file; the target is untouched. */
void safe_write_abort(SafeWrite *w);

/* For any other temporary file holding data (a spreadsheet's sheet copied
 * to CSV): registers `path` to be removed on Ctrl-C, SIGTERM or SIGHUP, by
 * the same handler.  Returns a handle for safe_temp_forget() (-1 when the
 * table is full or the path too long: nothing registered).  Forget it
 * before or right after removing the file yourself. */
int safe_temp_register(const char *path);
void safe_temp_forget(int handle);

#endif
