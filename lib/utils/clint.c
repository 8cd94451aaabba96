// SPDX-License-Identifier: BSD-2-Clause
/*
 * The M-mode timer and IPI device: a SiFive/RISC-V CLINT, or its ACLINT
 * successor split in two (MSWI: per-hart MSIP words for IPIs; MTIMER: the
 * shared mtime counter and per-hart mtimecmp registers). A CLINT is an
 * MSWI at its base with an MTIMER at base + 0x4000.
 */
#include <sbi/riscv_asm.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_timer.h>
#include <sbi_utils/clint.h>

static unsigned long mswi_base;
static int mswi_ctx[HARTS_MAX];
static unsigned long mtime_addr, mtimecmp_base;
static int mtimer_ctx[HARTS_MAX];

static void mswi_ipi_send(unsigned int hart_index)
{
	int ctx = mswi_ctx[hart_index];

	if (ctx == CLINT_CTX_NONE)
		return;
	wmb();
	*(volatile u32 *)(mswi_base + 4 * ctx) = 1;
}

static void mswi_ipi_clear(unsigned int hart_index)
{
	int ctx = mswi_ctx[hart_index];

	if (ctx == CLINT_CTX_NONE)
		return;
	*(volatile u32 *)(mswi_base + 4 * ctx) = 0;
	mb();
}

static u64 mtimer_value(void)
{
	return *(volatile u64 *)mtime_addr;
}

static void mtimer_set(unsigned int hart_index, u64 next)
{
	int ctx = mtimer_ctx[hart_index];

	if (ctx == CLINT_CTX_NONE)
		return;
	*(volatile u64 *)(mtimecmp_base + 8 * ctx) = next;
}

static const struct sbi_ipi_device mswi_device = {
	.name = "aclint-mswi",
	.ipi_send = mswi_ipi_send,
	.ipi_clear = mswi_ipi_clear,
};

static const struct sbi_timer_device mtimer_device = {
	.name = "aclint-mtimer",
	.timer_value = mtimer_value,
	.timer_event_start = mtimer_set,
};

static void copy_ctx(int *dst, const int *ctx, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < HARTS_MAX; i++)
		dst[i] = i < count ? ctx[i] : CLINT_CTX_NONE;
}

void aclint_mswi_init(unsigned long base, const int *ctx, unsigned int count)
{
	mswi_base = base;
	copy_ctx(mswi_ctx, ctx, count);
	sbi_ipi_set_device(&mswi_device);
}

void aclint_mtimer_init(unsigned long mtime, unsigned long mtimecmp,
			const int *ctx, unsigned int count)
{
	mtime_addr = mtime;
	mtimecmp_base = mtimecmp;
	copy_ctx(mtimer_ctx, ctx, count);
	sbi_timer_set_device(&mtimer_device);
}
