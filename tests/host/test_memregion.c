// SPDX-License-Identifier: BSD-2-Clause
/*
 * lib/sbi/sbi_memregion.c: sbi_memregion_smode_ok, which validates every
 * physical range a supervisor passes in: RAM banks minus the firmware,
 * ranges straddling a bank end or the firmware, size 0, wrap-around.
 */
#include <limits.h>
#include "harness.h"
#include "host_fakes.h"
#include <sbi/sbi_memregion.h>
#include <sbi/sbi_platform.h>

#define GiB (1ULL << 30)

#define OK(addr, size) \
	CHECK_MSG(sbi_memregion_smode_ok(addr, size), \
		  "[%s, +%s) allowed", #addr, #size)
#define NOT_OK(addr, size) \
	CHECK_MSG(!sbi_memregion_smode_ok(addr, size), \
		  "[%s, +%s) refused", #addr, #size)

static void set_banks(const u64 (*banks)[2], unsigned int n)
{
	unsigned int i;

	memset(&sbi_platform, 0, sizeof(sbi_platform));
	for (i = 0; i < n; i++) {
		sbi_platform.mem[i].base = banks[i][0];
		sbi_platform.mem[i].size = banks[i][1];
	}
	sbi_platform.mem_count = n;
}

/* QEMU virt: 1 GiB at 0x80000000 (firmware at its start), 1 GiB at 4 GiB. */
static void test_typical(void)
{
	static const u64 banks[][2] = { { 0x80000000, GiB },
					{ 0x100000000, GiB } };

	host_section("firmware at the start of bank 0");
	set_banks(banks, 2);
	sbi_fw_base = 0x80000000;
	sbi_fw_size = 0x40000;

	OK(0x80200000, 0x1000);
	OK(0x80040000, 1);			/* first byte after firmware */
	OK(0x80040000, GiB - 0x40000);		/* rest of bank 0 exactly */
	OK(0xbffffff8, 8);			/* last bytes of bank 0 */
	OK(0x100000000, GiB);			/* all of bank 1 */
	OK(0x13ffffff0, 0x10);
	NOT_OK(0x80000000, 1);			/* firmware */
	NOT_OK(0x8003ffff, 1);			/* last firmware byte */
	NOT_OK(0x80010000, 0x100);
	NOT_OK(0x8003fff8, 0x10);		/* straddles the firmware end */
	NOT_OK(0x7ffffff0, 0x20);		/* straddles the bank start */
	NOT_OK(0x7ffffff0, 0x10);		/* just below RAM */
	NOT_OK(0xbffffff8, 0x10);		/* straddles bank 0's end */
	NOT_OK(0xc0000000, 1);			/* the hole */
	NOT_OK(0xbfffffff, 0x40000002);		/* bank 0 to bank 1 across the hole */
	NOT_OK(0x13ffffff0, 0x11);		/* past bank 1's end */
	NOT_OK(0, 0x1000);
	NOT_OK(0x10000000, 8);			/* MMIO */
	/* Covering the firmware entirely from outside. */
	NOT_OK(0x7ff00000, 0x200000);
	NOT_OK(0x80000000, 2 * GiB);

	host_section("size 0 counts as one byte");
	OK(0x80200000, 0);
	OK(0xbfffffff, 0);
	NOT_OK(0xc0000000, 0);
	NOT_OK(0x80000000, 0);
	NOT_OK(0x8003ffff, 0);
	OK(0x80040000, 0);

	host_section("wrap-around past 2^64");
	NOT_OK(0x80200000, ULLONG_MAX);
	NOT_OK(0x80200000, ULLONG_MAX - 0x80200000 + 1);	/* end == 2^64 */
	NOT_OK(0xfffffffffffffff0ULL, 0x20);
	NOT_OK(ULLONG_MAX, 0);
	NOT_OK(ULLONG_MAX, 2);
	/* A wrapping range that would "end" inside bank 0. */
	NOT_OK(0xbfffffff, 0xffffffffc0000000ULL);
	NOT_OK(0x80200000, 0xffffffff80000000ULL);

	host_section("access type does not widen anything");
	CHECK(sbi_memregion_smode_ok(0x80200000, 4));
	CHECK(sbi_memregion_smode_ok(0x80200000, 4));
	CHECK(!sbi_memregion_smode_ok(0x80000000, 4));
	CHECK(!sbi_memregion_smode_ok(0x80000000, 4));
}

static void test_fw_in_middle(void)
{
	static const u64 banks[][2] = { { 0x40000000, GiB } };

	host_section("firmware in the middle of a bank");
	set_banks(banks, 1);
	sbi_fw_base = 0x60000000;
	sbi_fw_size = 0x80000;

	OK(0x40000000, 0x20000000);		/* ends right at the firmware */
	OK(0x60080000, 0x1000);			/* starts right after it */
	NOT_OK(0x40000000, 0x20000001);
	NOT_OK(0x5ffffff0, 0x20);		/* straddles the firmware start */
	NOT_OK(0x6007fff0, 0x20);		/* straddles its end */
	NOT_OK(0x40000000, GiB);		/* the whole bank */
}

static void test_edges(void)
{
	static const u64 top[][2] = { { 0xffffffff00000000ULL, 0xfffff000 } };
	static const u64 zero[][2] = { { 0, 0x10000 } };

	host_section("no banks");
	set_banks(top, 0);
	sbi_fw_base = 0x80000000;
	sbi_fw_size = 0x40000;
	NOT_OK(0x80200000, 1);
	NOT_OK(0, 0);

	host_section("bank near the top of the address space");
	set_banks(top, 1);
	OK(0xffffffff00000000ULL, 0x1000);
	OK(0xfffffffffffff000ULL - 0x10, 0x10);
	NOT_OK(0xfffffffffffff000ULL, 0x1000);
	NOT_OK(0xfffffffffffff000ULL - 0x10, 0x11);

	host_section("bank at address 0");
	set_banks(zero, 1);
	OK(0, 0x10000);
	OK(0, 0);
	NOT_OK(0xfff0, 0x11);
}

int main(void)
{
	host_platform_reset();
	test_typical();
	test_fw_in_middle();
	test_edges();
	return host_summary("memregion");
}
