/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The host tests' harness (tests/host and tests/memhp): CHECK macros that
 * print one "ok"/"not ok" line per check (failures only when
 * host_verbose is false) and a final "host-<name>: N passed, M failed"
 * summary.
 */
#ifndef __HOST_HARNESS_H__
#define __HOST_HARNESS_H__

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* A parameter a callback's signature has and a fake does not use. */
#ifndef __unused
#define __unused __attribute__((unused))
#endif

extern unsigned int host_passed, host_failed;
extern bool host_verbose;
/* UBSan reports so far. Each one fails the test binary at host_summary(). */
extern unsigned int host_ubsan_reports;
/*
 * Reports from source files whose path contains @file_part, of UBSan
 * check @kind ("signed-integer-overflow", ...; NULL: any).
 */
unsigned int host_ubsan_count(const char *file_part, const char *kind);

#define UB_LIBFDT_OVERFLOW	"libfdt/fdt.c", "signed-integer-overflow"
#define UB_PLATFORM_STACK	"platform/generic/platform.c", "out-of-bounds-index"

void host_result(bool ok, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Print the summary line; returns the process exit status. */
int host_summary(const char *name);
/* Start a named group of checks (printed as a comment line). */
void host_section(const char *name);

/* xorshift64: a reproducible sequence from the seed in *@state (not 0). */
static inline uint64_t host_rng(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

#define CHECK(cond) \
	host_result(!!(cond), __FILE__, __LINE__, "%s", #cond)

#define CHECK_MSG(cond, ...) \
	host_result(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define CHECK_EQ(a, b)                                                     \
	do {                                                               \
		long long __a = (long long)(a), __b = (long long)(b);      \
		host_result(__a == __b, __FILE__, __LINE__,                \
			    "%s == %s (got %lld / 0x%llx, want %lld / 0x%llx)", \
			    #a, #b, __a, (unsigned long long)__a, __b,     \
			    (unsigned long long)__b);                      \
	} while (0)

#define CHECK_STR(a, b)                                                    \
	do {                                                               \
		const char *__a = (a), *__b = (b);                         \
		host_result(__a && __b && !strcmp(__a, __b), __FILE__,     \
			    __LINE__, "%s == \"%s\" (got \"%s\")", #a,     \
			    __b ? __b : "(null)", __a ? __a : "(null)");   \
	} while (0)

#endif
