// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_ipi.c: sbi_hartmask_from_sbi, which turns the SBI
 * (hart_mask, hart_mask_base) pair into hart indices, on a hand-made
 * table with sparse hart ids, and sbi_ipi_live_harts.
 */
#include <limits.h>
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
	test_live();
	return host_summary("hartmask");
}
