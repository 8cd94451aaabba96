// SPDX-License-Identifier: BSD-2-Clause
/*
 * CLINT driver: per-hart MSIP words for IPIs, the shared mtime counter
 * and per-hart mtimecmp registers.
 */
#include <sbi/sbi_platform.h>
#include <sbi/riscv_asm.h>
#include <sbi_utils/clint.h>

#define CLINT_MSIP_OFF		0x0000
#define CLINT_MTIMECMP_OFF	0x4000
#define CLINT_MTIME_OFF		0xbff8

static unsigned long clint_base;
static int clint_ctx[HARTS_MAX];

static void clint_ipi_send(unsigned int hart_index)
{
	int ctx = clint_ctx[hart_index];

	if (ctx == CLINT_CTX_NONE)
		return;
	wmb();
	*(volatile u32 *)(clint_base + CLINT_MSIP_OFF + 4 * ctx) = 1;
}

static void clint_ipi_clear(unsigned int hart_index)
{
	int ctx = clint_ctx[hart_index];

	if (ctx == CLINT_CTX_NONE)
		return;
	*(volatile u32 *)(clint_base + CLINT_MSIP_OFF + 4 * ctx) = 0;
	mb();
}

static u64 clint_timer_value(void)
{
	return *(volatile u64 *)(clint_base + CLINT_MTIME_OFF);
}

static void clint_timer_set(unsigned int hart_index, u64 next)
{
	int ctx = clint_ctx[hart_index];

	if (ctx == CLINT_CTX_NONE)
		return;
	*(volatile u64 *)(clint_base + CLINT_MTIMECMP_OFF + 8 * ctx) = next;
}

void clint_init(unsigned long base, const int *ctx, unsigned int count)
{
	unsigned int i;

	clint_base = base;
	for (i = 0; i < HARTS_MAX; i++)
		clint_ctx[i] = i < count ? ctx[i] : CLINT_CTX_NONE;
	sbi_platform.ipi_send = clint_ipi_send;
	sbi_platform.ipi_clear = clint_ipi_clear;
	sbi_platform.timer_value = clint_timer_value;
	sbi_platform.timer_set = clint_timer_set;
}
