// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the access-fault line (lib/memhp/memhp_fault.c): the
 * page-table walk for bare, Sv39, Sv48 and Sv57 against page tables laid
 * out in host memory, and the report: which faults get a line, what it
 * says, and the rate limit.
 */
#include <stdarg.h>
#include <string.h>
#include <memhp/memhp.h>
#include "harness.h"

/* Page tables live at fake physical pages PT_BASE + n * 4 KiB. */
#define PT_BASE		0x90000000UL
#define PT_PAGES	8
#define PAGE		4096UL
#define SATP_MODE(m)	((unsigned long)(m) << 60)
#define PTE_V		0x1UL
#define PTE_R		0x2UL
#define PTE_W		0x4UL

static unsigned long pt[PT_PAGES][512];
static unsigned int pte_reads;
static bool pte_readable = true;

static bool fake_read_pte(u64 addr, unsigned long *pte)
{
	u64 off = addr - PT_BASE;

	pte_reads++;
	if (!pte_readable || addr < PT_BASE || off >= sizeof(pt) || off % 8)
		return false;
	*pte = pt[off / PAGE][(off % PAGE) / 8];
	return true;
}

static unsigned long table_pte(unsigned int page)
{
	return ((PT_BASE + page * PAGE) >> 12) << 10 | PTE_V;
}

static unsigned long leaf_pte(unsigned long pa)
{
	return (pa >> 12) << 10 | PTE_V | PTE_R | PTE_W;
}

static unsigned long vpn(unsigned long va, int level)
{
	return (va >> (12 + 9 * level)) & 0x1ff;
}

static unsigned long satp_for(unsigned int mode)
{
	return SATP_MODE(mode) | (PT_BASE >> 12);
}

static void test_walk(void)
{
	const unsigned long va = 0x3fc0123456UL;	/* Sv39: VPN 255, 0, 0x123 */
	unsigned long pa = 0;

	host_section("page-table walk");
	memset(pt, 0, sizeof(pt));

	CHECK(memhp_va_to_pa(0, 0xb0001234UL, fake_read_pte, &pa));
	CHECK_EQ(pa, 0xb0001234UL);
	CHECK(!memhp_va_to_pa(SATP_MODE(1), va, fake_read_pte, &pa));

	/* Sv39, 4 KiB page: root (page 0) -> page 1 -> page 2 -> leaf */
	pt[0][vpn(va, 2)] = table_pte(1);
	pt[1][vpn(va, 1)] = table_pte(2);
	pt[2][vpn(va, 0)] = leaf_pte(0xb0042000UL);
	CHECK(memhp_va_to_pa(satp_for(8), va, fake_read_pte, &pa));
	CHECK_EQ(pa, 0xb0042456UL);

	/* A 2 MiB leaf one level up keeps 21 bits of the address */
	pt[1][vpn(va, 1)] = leaf_pte(0xb0200000UL);
	CHECK(memhp_va_to_pa(satp_for(8), va, fake_read_pte, &pa));
	CHECK_EQ(pa, 0xb0200000UL | (va & 0x1fffff));

	/* An invalid entry, an unreadable table */
	pt[1][vpn(va, 1)] = 0;
	CHECK(!memhp_va_to_pa(satp_for(8), va, fake_read_pte, &pa));
	pt[1][vpn(va, 1)] = table_pte(2);
	pte_readable = false;
	CHECK(!memhp_va_to_pa(satp_for(8), va, fake_read_pte, &pa));
	pte_readable = true;

	/* Sv48: one more level above; a 1 GiB leaf at level 2 */
	memset(pt, 0, sizeof(pt));
	pt[0][vpn(va, 3)] = table_pte(3);
	pt[3][vpn(va, 2)] = leaf_pte(0x80000000UL);
	CHECK(memhp_va_to_pa(satp_for(9), va, fake_read_pte, &pa));
	CHECK_EQ(pa, 0x80000000UL | (va & 0x3fffffff));

	/* Sv57: five levels down to a 4 KiB page */
	memset(pt, 0, sizeof(pt));
	pt[0][vpn(va, 4)] = table_pte(1);
	pt[1][vpn(va, 3)] = table_pte(2);
	pt[2][vpn(va, 2)] = table_pte(3);
	pt[3][vpn(va, 1)] = table_pte(4);
	pt[4][vpn(va, 0)] = leaf_pte(0xb0001000UL);
	pte_reads = 0;
	CHECK(memhp_va_to_pa(satp_for(10), va, fake_read_pte, &pa));
	CHECK_EQ(pa, 0xb0001456UL);
	CHECK_EQ(pte_reads, 5);
}

static char lines[64][200];
static unsigned int nlines;

static int capture_log(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(lines[nlines % 64], sizeof(lines[0]), fmt, ap);
	va_end(ap);
	nlines++;
	return n;
}

static void fake_lock(void)
{
}

static void fake_apply(const struct memhp_plan *plan __unused)
{
}

static void fake_scrub(u64 base __unused, u64 size __unused)
{
}

static const struct memhp_port port = {
	.lock = fake_lock,
	.unlock = fake_lock,
	.apply_plan = fake_apply,
	.scrub = fake_scrub,
	.log = capture_log,
	.read_pte = fake_read_pte,
};

static const struct memhp_port port_no_pte = {
	.log = capture_log,
};

static void fault(unsigned long pa, unsigned long second)
{
	struct memhp_fault f = {
		.hartid = 3, .access = "load", .satp = 0, .va = pa,
		.epc = 0x80200000UL, .second = second,
	};

	memhp_fault_report(&port, &f);
}

static void test_report(void)
{
	struct memhp_config cfg = { .pmp_budget = 8, .ram_end = 0xa0000000ULL };
	struct memhp_fault f = { .access = "store", .va = 0xa8000000UL };
	const char *why = "";
	unsigned int i;

	host_section("fault report");
	memhp_init(&port, &cfg);
	CHECK_MSG(memhp_add_window(0xa0000000ULL, 0x20000000ULL, 0x8000000ULL,
				   0, 0, &why) == MEMHP_OK, "add window: %s", why);
	CHECK(memhp_boot_plan() == MEMHP_OK);

	nlines = 0;
	fault(0xa8000010UL, 1);
	CHECK_EQ(nlines, 1);
	CHECK_STR(lines[0], "memhp: hart 3: load access fault at 0xa8000010 (va 0xa8000010), window 0 block 1 (unplugged), epc 0x80200000\n");

	/* Outside every window, or no way to read page tables: no line */
	fault(0x90000000UL, 1);
	memhp_fault_report(&port_no_pte, &f);
	CHECK_EQ(nlines, 1);

	/* One block: a burst of 8 lines a second; other blocks: up to 32 */
	for (i = 0; i < 20; i++)
		fault(0xa0000000UL, 2);
	CHECK_EQ(nlines, 1 + 8);
	for (i = 0; i < 40; i++)
		fault(0xa0000000UL + (i % 4) * 0x8000000UL, 2);
	CHECK_EQ(nlines, 1 + 32);
	/* The next second starts again */
	fault(0xa0000000UL, 3);
	CHECK_EQ(nlines, 1 + 32 + 1);
}

int main(void)
{
	test_walk();
	test_report();
	return host_summary("memhp fault");
}
