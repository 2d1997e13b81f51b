/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright (C) 2026 The impact authors */
/* asan.h — UNDER_ASAN is defined when the build runs under AddressSanitizer
 * (gcc says so by __SANITIZE_ADDRESS__, clang by __has_feature): the few
 * places that must behave otherwise there (a forked reader's memory limit,
 * tests whose size would take minutes) test this one macro. */
#ifndef IMPACT_RUNTIME_ASAN_H
#define IMPACT_RUNTIME_ASAN_H

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#endif
