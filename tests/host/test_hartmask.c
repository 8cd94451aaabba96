// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_ipi.c: sbi_hartmask_from_sbi, which turns the SBI
 * (hart_mask, hart_mask_base) pair into hart indices, on a hand-made
 * table with sparse hart ids, on random tables and masks against a model
 * written from the SBI spec's definition, and sbi_ipi_live_harts.
 */
#include <limits.h>
#include <stdint.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_ecall_interface.h>

/* Index 0..4: hart ids 0, 3, 17, 1000, 5; hart 5 is not S-mode capable. */
static const unsigned long ids[] = { 0, 3, 17, 1000, 5 };
static const bool s_capable[] = { true, true, true, true, false };

#define MASK_IS(mask, base, want)                                          \
	do {                                                               \
		sbi_hartmask_t __m = 0xdead;                               \
		int __rc = sbi_hartmask_from_sbi(mask, base, &__m);        \
		host_result(__rc == 0 && __m == (want), __FILE__, __LINE__, \
			    "mask %s base %s -> 0x%lx (got rc %d, 0x%lx)", \
			    #mask, #base, (unsigned long)(want), __rc,     \
			    (unsigned long)__m);                           \
	} while (0)

#define MASK_ERR(mask, base)                                               \
	do {                                                               \
		sbi_hartmask_t __m = 0;                                    \
		int __rc = sbi_hartmask_from_sbi(mask, base, &__m);        \
		host_result(__rc == SBI_ERR_INVALID_PARAM, __FILE__,       \
			    __LINE__, "mask %s base %s -> -3 (got %d)",    \
			    #mask, #base, __rc);                           \
	} while (0)

static void test_valid(void)
{
	host_section("valid masks");
	MASK_IS(0UL, 0UL, 0UL);
	MASK_IS(0UL, 12345UL, 0UL);
	MASK_IS(0UL, ULONG_MAX - 1, 0UL);
	MASK_IS(1UL, 0UL, BIT(0));
	MASK_IS(0x9UL, 0UL, BIT(0) | BIT(1));
	MASK_IS(1UL, 3UL, BIT(1));
	MASK_IS(1UL << 14, 3UL, BIT(2));
	MASK_IS((1UL << 14) | 1UL, 3UL, BIT(1) | BIT(2));
	MASK_IS(1UL, 1000UL, BIT(3));
	MASK_IS(1UL << 63, 1000UL - 63, BIT(3));
	MASK_IS((1UL << 17) | (1UL << 3) | 1UL, 0UL, BIT(0) | BIT(1) | BIT(2));
}

static void test_all_harts(void)
{
	host_section("hart_mask_base = -1");
	/* Every S-mode capable hart; hart_mask is ignored. */
	MASK_IS(0UL, -1UL, BIT(0) | BIT(1) | BIT(2) | BIT(3));
	MASK_IS(0xdeadbeefUL, -1UL, BIT(0) | BIT(1) | BIT(2) | BIT(3));
	MASK_IS(~0UL, -1UL, BIT(0) | BIT(1) | BIT(2) | BIT(3));
}

static void test_invalid(void)
{
	host_section("invalid hart ids");
	MASK_ERR(0x3UL, 0UL);		/* hart 1 does not exist */
	MASK_ERR(1UL, 2UL);
	MASK_ERR(1UL, 999UL);
	MASK_ERR(1UL << 63, 0UL);
	MASK_ERR(1UL, 5UL);		/* hart 5 cannot run S-mode */
	MASK_ERR(0x21UL, 0UL);		/* hart 0 fine, hart 5 not */
	MASK_ERR(1UL, ULONG_MAX - 1);

	host_section("base + bit overflow");
	/* -2 + 2 wraps to hart id 0, which exists: must still be refused. */
	MASK_ERR(1UL << 2, ULONG_MAX - 1);
	/* -63 + 63 wraps to hart 0. */
	MASK_ERR(1UL << 63, -63UL);
	/* -60 + 63 wraps to hart 3. */
	MASK_ERR(1UL << 63, -60UL);
	/* -7 + 10 wraps to hart 3. */
	MASK_ERR(1UL << 10, -7UL);
}

static void test_top_id(void)
{
	unsigned long top_ids[] = { 0, ULONG_MAX, ULONG_MAX - 1 };

	host_section("hart ids near 2^64");
	host_harts_setup(top_ids, NULL, 3);
	MASK_IS(1UL << 1, ULONG_MAX - 1, BIT(1));
	MASK_IS(1UL, ULONG_MAX - 1, BIT(2));
	MASK_IS(3UL, ULONG_MAX - 1, BIT(1) | BIT(2));
	MASK_ERR(7UL, ULONG_MAX - 1);
	/* base -1 always means "all harts", never hart id 2^64 - 1. */
	MASK_IS(1UL, -1UL, BIT(0) | BIT(1) | BIT(2));
	host_harts_setup(ids, s_capable, 5);
}

static void test_empty_table(void)
{
	host_section("no harts");
	host_harts_setup(ids, s_capable, 0);
	MASK_IS(0UL, -1UL, 0UL);
	MASK_IS(0UL, 0UL, 0UL);
	MASK_ERR(1UL, 0UL);
	host_harts_setup(ids, s_capable, 5);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/*
 * The SBI spec's hart mask: with base -1 every hart (here: every S-mode
 * capable one); otherwise bit b of the mask names hart id base + b, and
 * the call fails when such an id does not exist as a whole number below
 * 2^64, names no hart or one that cannot run S-mode.
 */
static int model_mask(const unsigned long *tab, const bool *cap, unsigned int n,
		      unsigned long mask, unsigned long base, unsigned long *out)
{
	unsigned long m = 0;
	unsigned int b, j;

	if (base == ULONG_MAX) {
		for (j = 0; j < n; j++)
			if (cap[j])
				m |= 1UL << j;
		*out = m;
		return 0;
	}
	for (b = 0; b < 64; b++) {
		unsigned __int128 id = (unsigned __int128)base + b;

		if (!(mask >> b & 1))
			continue;
		if (id > ULONG_MAX)
			return SBI_ERR_INVALID_PARAM;
		for (j = 0; j < n; j++)
			if (tab[j] == (unsigned long)id)
				break;
		if (j == n || !cap[j])
			return SBI_ERR_INVALID_PARAM;
		m |= 1UL << j;
	}
	*out = m;
	return 0;
}

/* A random hart id: small, clustered, or near 2^64. */
static unsigned long rnd_id(void)
{
	switch (rnd() % 4) {
	case 0:
		return rnd() % 16;
	case 1:
		return rnd() % 200;
	case 2:
		return ULONG_MAX - rnd() % 100;
	default:
		return rnd();
	}
}

#define RANDOM_TABLES	2000
#define RANDOM_MASKS	200

static void test_random(void)
{
	unsigned long tab[HARTS_MAX], mask, base, got, want;
	unsigned int t, k, i, j, n, calls = 0, bad = 0, ok = 0;
	bool cap[HARTS_MAX];
	int rc, wrc;

	host_section("random tables and masks against the spec's model");
	for (t = 0; t < RANDOM_TABLES; t++) {
		n = rnd() % (HARTS_MAX + 1);
		for (i = 0; i < n; i++) {
			do {
				tab[i] = rnd_id();
				for (j = 0; j < i && tab[j] != tab[i]; j++)
					;
			} while (j < i);
			cap[i] = rnd() % 5 != 0;
		}
		host_harts_setup(tab, cap, n);
		for (k = 0; k < RANDOM_MASKS; k++) {
			/* a base at, below or far from a hart id, or -1 */
			switch (rnd() % 5) {
			case 0:
				base = ULONG_MAX;
				break;
			case 1:
				base = rnd();
				break;
			default:
				base = n ? tab[rnd() % n] - rnd() % 64 : rnd_id();
				break;
			}
			/* mostly bits that name harts, sometimes random ones */
			mask = 0;
			for (i = 0; i < n; i++)
				if (tab[i] - base < 64 && rnd() % 3)
					mask |= 1UL << (tab[i] - base);
			if (rnd() % 4 == 0)
				mask |= 1UL << (rnd() % 64);
			if (rnd() % 8 == 0)
				mask = rnd();
			got = 0xdead;
			want = 0;
			rc = sbi_hartmask_from_sbi(mask, base, &got);
			wrc = model_mask(tab, cap, n, mask, base, &want);
			calls++;
			if (!wrc)
				ok++;
			if (rc != wrc || (!rc && got != want)) {
				if (!bad++)
					CHECK_MSG(false, "%u harts, mask 0x%lx base 0x%lx: rc %d mask 0x%lx, model rc %d mask 0x%lx",
						  n, mask, base, rc, got, wrc, want);
			}
		}
	}
	CHECK_MSG(!bad, "%u random calls, %u disagree with the model", calls, bad);
	CHECK_MSG(ok > calls / 4 && calls - ok > calls / 4,
		  "%u of %u random calls valid: both outcomes must be exercised", ok, calls);
	host_harts_setup(ids, s_capable, 5);
}

static void test_live(void)
{
	host_section("sbi_ipi_live_harts");
	atomic_write(&sbi_harts[0].hsm_state, SBI_HSM_STATE_STARTED);
	atomic_write(&sbi_harts[1].hsm_state, SBI_HSM_STATE_STOPPED);
	atomic_write(&sbi_harts[2].hsm_state, SBI_HSM_STATE_SUSPENDED);
	atomic_write(&sbi_harts[3].hsm_state, SBI_HSM_STATE_START_PENDING);
	atomic_write(&sbi_harts[4].hsm_state, SBI_HSM_STATE_STOP_PENDING);
	CHECK_EQ(sbi_ipi_live_harts(), BIT(0) | BIT(2));
	atomic_write(&sbi_harts[1].hsm_state, SBI_HSM_STATE_RESUME_PENDING);
	atomic_write(&sbi_harts[3].hsm_state, SBI_HSM_STATE_SUSPEND_PENDING);
	CHECK_EQ(sbi_ipi_live_harts(), BIT(0) | BIT(1) | BIT(2) | BIT(3));
}

int main(void)
{
	host_platform_reset();
	host_harts_setup(ids, s_capable, 5);
	test_valid();
	test_all_harts();
	test_invalid();
	test_top_id();
	test_empty_table();
	test_random();
	test_live();
	return host_summary("hartmask");
}
