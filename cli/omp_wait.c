/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* omp_wait.c — the program's OpenMP threads sleep as soon as they are idle.
 *
 * Contract: before the OpenMP runtime reads its environment, sets
 * OMP_WAIT_POLICY=passive unless the user set OMP_WAIT_POLICY.
 *
 * Why: by default gcc's OpenMP runtime (libgomp) keeps the threads of a
 * parallel loop spinning after it ends, 300,000 rounds of a pause
 * instruction (about 14 ms on the bench machine), in case another loop
 * follows.  impact runs its parallel loops between serial work, so the
 * spinning mostly burns a core that the rest of the statement, the REPL's
 * user or another program would have had: `impact run bench/mc.impact
 * --samples 1000000` took 1.1 s of CPU with two threads against 0.65 s
 * passive or on one thread, and twice the wall time on a busy machine
 * (bench/README.md).  A passive thread sleeps at once and the next loop
 * wakes it, in microseconds.
 *
 * When: libgomp reads its environment in its own initialiser, which runs
 * before main() and, as a shared library, before any initialiser of the
 * program (and glibc sets the environment back after the program's
 * pre-initialisers).  So the gcc build links libgomp into the program
 * (Makefile, OMP_STATIC), and this initialiser, of priority 101, runs before
 * the runtime's default-priority one.  clang's runtime (libomp) reads the
 * environment at its first use, after any initialiser.  A test in
 * tests/cli/run.sh checks the runtime's spin count.
 */
#include <stdlib.h>

__attribute__((constructor(101))) static void omp_threads_sleep_when_idle(void)
{
    setenv("OMP_WAIT_POLICY", "passive", 0);
}
