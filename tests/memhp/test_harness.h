/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A minimal host test harness: CHECK() counts and prints failures, and
 * test_summary() prints the "N passed, M failed" line CI reads.
 */
#ifndef __TEST_HARNESS_H__
#define __TEST_HARNESS_H__

#include <stdint.h>
#include <stdio.h>

extern unsigned long test_passed, test_failed;

/* A parameter a callback's signature has and this fake does not use. */
#ifndef __unused
#define __unused __attribute__((unused))
#endif

#define CHECK(cond, ...)                                              \
	do {                                                          \
		if (cond) {                                           \
			test_passed++;                                \
		} else {                                              \
			test_failed++;                                \
			if (test_failed <= 50) {                      \
				printf("not ok %s:%d: ", __FILE__,    \
				       __LINE__);                     \
				printf(__VA_ARGS__);                  \
				printf("\n");                         \
			}                                             \
		}                                                     \
	} while (0)

/* xorshift64: a reproducible sequence from the seed in *@state (not 0). */
static inline uint64_t test_rng(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static inline int test_summary(const char *name)
{
	printf("%s: %lu passed, %lu failed\n", name, test_passed, test_failed);
	return test_failed ? 1 : 0;
}

#endif
