/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* safe_write.c — writing a file by a temporary file, fsync and rename; see
 * safe_write.h for the contract.
 *
 * The only mutable state outside the Interp is here, and must be: a signal
 * handler can reach nothing else.  It is a small table of temporary paths
 * being written (fixed buffers, filled with the signals blocked), which the
 * handler unlinks — unlink() is async-signal-safe — before passing the signal
 * on to the handler that was there before (the REPL's, which stops the
 * evaluation) or, when there was none, ending the process as the signal would
 * have.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "runtime/safe_write.h"
#include "runtime/internal.h"
#include "lang/i18n.h"

/* ---- the signal handler and its table --------------------------------------------- */

#define SLOTS 8 /* files written at once: one in practice */

enum { SLOT_FREE = 0, SLOT_WRITING = 1, SLOT_REMOVED = 2 };

static const int caught_signals[] = { SIGINT, SIGTERM, SIGHUP };
#define N_CAUGHT (sizeof caught_signals / sizeof caught_signals[0])

static char slot_path[SLOTS][PATH_MAX];
static volatile sig_atomic_t slot_state[SLOTS];
static struct sigaction previous[N_CAUGHT];
static int slots_in_use; /* changed only with the signals blocked */

static void on_signal(int sig)
{
    int saved_errno = errno;
    for (int i = 0; i < SLOTS; i++)
        if (slot_state[i] == SLOT_WRITING) {
            unlink(slot_path[i]);
            slot_state[i] = SLOT_REMOVED;
        }
    for (size_t k = 0; k < N_CAUGHT; k++) {
        if (caught_signals[k] != sig) continue;
        const struct sigaction *old = &previous[k];
        if (old->sa_flags & SA_SIGINFO) {
            if (old->sa_sigaction) old->sa_sigaction(sig, NULL, NULL);
        } else if (old->sa_handler == SIG_DFL) {
            /* as if we had never been here: the process ends by this signal */
            signal(sig, SIG_DFL);
            raise(sig);
        } else if (old->sa_handler != SIG_IGN) {
            old->sa_handler(sig);
        }
    }
    errno = saved_errno;
}

static void block_signals(sigset_t *saved)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t k = 0; k < N_CAUGHT; k++) sigaddset(&set, caught_signals[k]);
    pthread_sigmask(SIG_BLOCK, &set, saved);
}

static int register_temp(const char *path)
{
    if (strlen(path) >= PATH_MAX) return -1;
    sigset_t saved;
    block_signals(&saved);
    int slot = -1;
    for (int i = 0; i < SLOTS && slot < 0; i++)
        if (slot_state[i] == SLOT_FREE) slot = i;
    if (slot >= 0) {
        strcpy(slot_path[slot], path);
        slot_state[slot] = SLOT_WRITING;
        if (slots_in_use++ == 0) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            for (size_t k = 0; k < N_CAUGHT; k++) sigaction(caught_signals[k], &sa, &previous[k]);
        }
    }
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    return slot;
}

/* Frees the slot; true when a signal removed the file meanwhile. */
static bool unregister_temp(int slot)
{
    if (slot < 0) return false;
    sigset_t saved;
    block_signals(&saved);
    bool removed = slot_state[slot] == SLOT_REMOVED;
    slot_state[slot] = SLOT_FREE;
    if (--slots_in_use == 0)
        for (size_t k = 0; k < N_CAUGHT; k++) sigaction(caught_signals[k], &previous[k], NULL);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
    return removed;
}

int safe_temp_register(const char *path)
{
    return register_temp(path);
}

void safe_temp_forget(int handle)
{
    unregister_temp(handle);
}

/* ---- refusing a target ------------------------------------------------------------- */

/* *mode receives the mode of an existing target, 0 when there is none. */
static bool check_target(Interp *I, const char *target, const char *shown, SrcLoc loc, mode_t *mode)
{
    struct stat st;
    *mode = 0;
    if (lstat(target, &st) != 0) {
        if (errno == ENOENT) return true;
        return rt_raise(I, loc, _("cannot write '%s': %s"), shown, strerror(errno));
    }
    if (S_ISLNK(st.st_mode)) {
        rt_raise(I, loc,
                 _("refused to write '%s': it is a symbolic link, and writing would "
                   "replace the file it points to elsewhere"),
                 shown);
        return rt_hint(I, _("write to another name, or remove the link first if it is yours"));
    }
    if (S_ISDIR(st.st_mode)) {
        rt_raise(I, loc, _("cannot write '%s': it is a folder"), shown);
        return rt_hint(I, _("give the name of a file inside it, for example \"%s/result.csv\""),
                       shown);
    }
    if (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) {
        rt_raise(I, loc, _("refused to write '%s': it is a pipe (FIFO) or a socket, not a file"),
                 shown);
        return rt_hint(I,
                       _("write to a file name; to see the table, write it to \"-\" (the "
                         "standard output)"));
    }
    if (!S_ISREG(st.st_mode)) {
        rt_raise(I, loc, _("refused to write '%s': it is a device, not a file"), shown);
        return rt_hint(I,
                       _("write to a file name; to see the table, write it to \"-\" (the "
                         "standard output)"));
    }
    if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || access(target, W_OK) != 0) {
        rt_raise(I, loc, _("refused to write '%s': the file is read-only"), shown);
        return rt_hint(I,
                       _("someone protected it on purpose: write to another name, or make it "
                         "writable first (chmod u+w) if it may be replaced"));
    }
    *mode = st.st_mode & 07777;
    return true;
}

/* ---- the temporary file ------------------------------------------------------------ */

/* Opens a new file beside the target, named .NAME.tmpXXXXXX (hidden, so a
 * folder listing during the write shows no half file under a usable name). */
static int create_temp(const char *target, mode_t existing, char **out)
{
    const char *slash = strrchr(target, '/');
    size_t dir_len = slash ? (size_t)(slash - target) + 1 : 0;
    const char *base = target + dir_len;
    size_t n = strlen(target) + 16;
    char *path = malloc(n);
    if (!path) rt_out_of_memory();
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    unsigned long seed = (unsigned long)ts.tv_nsec ^ ((unsigned long)getpid() << 16);
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        for (int k = 0; k < 6; k++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            suffix[k] = letters[(seed >> 33) % (sizeof letters - 1)];
        }
        suffix[6] = '\0';
        snprintf(path, n, "%.*s.%s.tmp%s", (int)dir_len, target, base, suffix);
        /* 0666 minus the umask for a new file; an existing file's own mode */
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                      existing ? existing & 0777 : 0666);
        if (fd >= 0) {
            if (existing) fchmod(fd, existing);
            *out = path;
            return fd;
        }
        if (errno != EEXIST) break;
    }
    int err = errno;
    free(path);
    errno = err;
    return -1;
}

bool safe_write_open(Interp *I, SafeWrite *w, const char *target, const char *shown, SrcLoc loc)
{
    memset(w, 0, sizeof *w);
    w->slot = -1;
    w->shown = shown;
    mode_t existing;
    if (!check_target(I, target, shown, loc, &existing)) return false;
    char *temp = NULL;
    int fd = create_temp(target, existing, &temp);
    if (fd < 0) {
        int err = errno;
        rt_raise(I, loc, _("cannot write '%s': %s"), shown, strerror(err));
        return rt_hint(I, _("check that the folder exists and that you may write in it"));
    }
    w->slot = register_temp(temp);
    w->stream = fdopen(fd, "w");
    w->temp_path = temp;
    w->target = strdup(target);
    if (!w->stream || !w->target) {
        if (!w->stream) close(fd);
        safe_write_abort(w);
        rt_out_of_memory();
    }
    return true;
}

static void release(SafeWrite *w)
{
    free(w->temp_path);
    free(w->target);
    w->temp_path = w->target = NULL;
}

void safe_write_abort(SafeWrite *w)
{
    if (w->stream) fclose(w->stream);
    w->stream = NULL;
    if (w->temp_path) unlink(w->temp_path);
    unregister_temp(w->slot);
    w->slot = -1;
    release(w);
}

/* Flushes the temporary file to the disk; errno tells why not. */
static bool flush_to_disk(SafeWrite *w)
{
    bool ok = true;
    if (w->stream) {
        ok = fflush(w->stream) == 0 && !ferror(w->stream) && fsync(fileno(w->stream)) == 0;
        int err = errno;
        ok = fclose(w->stream) == 0 && ok;
        w->stream = NULL;
        if (!ok) errno = err ? err : EIO;
        return ok;
    }
    int fd = open(w->temp_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return false;
    ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* The folder's entry is on the disk too (best effort: some file systems
 * refuse fsync on a folder). */
static void sync_folder(const char *target)
{
    const char *slash = strrchr(target, '/');
    char *dir =
        slash ? strndup(target, slash == target ? 1 : (size_t)(slash - target)) : strdup(".");
    if (!dir) return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

bool safe_write_commit(Interp *I, SafeWrite *w, SrcLoc loc)
{
    bool ok = flush_to_disk(w);
    int err = errno;
    bool interrupted = w->slot >= 0 && slot_state[w->slot] == SLOT_REMOVED;
    if (ok && !interrupted && rename(w->temp_path, w->target) != 0) {
        ok = false;
        err = errno;
    }
    if (ok && !interrupted) {
        sync_folder(w->target);
        unregister_temp(w->slot);
        release(w);
        return true;
    }
    const char *shown = w->shown;
    safe_write_abort(w);
    if (interrupted) {
        I->interrupted = 0; /* this Ctrl-C is told here, not again at the next statement */
        return rt_raise(I, loc,
                        _("interrupted: '%s' was not written; the previous file, if any, "
                          "is untouched"),
                        shown);
    }
    return rt_raise(I, loc, _("writing '%s' failed: %s; the previous file, if any, is untouched"),
                    shown, strerror(err));
}

bool interp_replace_file(Interp *I, const char *path, const char *text, size_t len)
{
    SafeWrite w;
    SrcLoc nowhere = { 0 };
    if (!safe_write_open(I, &w, path, path, nowhere)) return false;
    if (len && fwrite(text, 1, len, w.stream) != len) {
        int err = errno;
        safe_write_abort(&w);
        return rt_raise(I, nowhere,
                        _("writing '%s' failed: %s; the previous file, if any, is untouched"), path,
                        strerror(err));
    }
    return safe_write_commit(I, &w, nowhere);
}
