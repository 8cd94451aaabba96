// SPDX-License-Identifier: BSD-2-Clause
/*
 * The M-mode timer and IPI device: a SiFive/RISC-V CLINT, or its ACLINT
 * successor split in two (MSWI: per-hart MSIP words for IPIs; MTIMER: the
 * shared mtime counter and per-hart mtimecmp registers). A CLINT is an
 * MSWI at its base with an MTIMER at base + 0x4000. A machine may have one
 * per socket (QEMU virt with NUMA nodes): each hart is given the address of
 * its own MSIP word and mtimecmp register, wherever they are.
 */
#include <sbi/riscv_asm.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_timer.h>
#include <sbi_utils/clint.h>

static volatile u32 *mswi_msip[HARTS_MAX];
static volatile u64 *mtimer_cmp[HARTS_MAX];
static volatile u64 *mtimer_time;

static void mswi_ipi_send(unsigned int hart_index)
{
	volatile u32 *msip = mswi_msip[hart_index];

	if (!msip)
		return;
	wmb();
	*msip = 1;
}

static void mswi_ipi_clear(unsigned int hart_index)
{
	volatile u32 *msip = mswi_msip[hart_index];

	if (!msip)
		return;
	*msip = 0;
	mb();
}

static u64 mtimer_value(void)
{
	return *mtimer_time;
}

static void mtimer_set(unsigned int hart_index, u64 next)
{
	volatile u64 *cmp = mtimer_cmp[hart_index];

	if (cmp)
		*cmp = next;
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

void aclint_mswi_init(const unsigned long *msip, unsigned int count)
{
	unsigned int i;

	for (i = 0; i < HARTS_MAX; i++)
		mswi_msip[i] = i < count ? (volatile u32 *)msip[i] : NULL;
	sbi_ipi_set_device(&mswi_device);
}

void aclint_mtimer_init(unsigned long mtime, const unsigned long *mtimecmp,
			unsigned int count)
{
	unsigned int i;

	mtimer_time = (volatile u64 *)mtime;
	for (i = 0; i < HARTS_MAX; i++)
		mtimer_cmp[i] = i < count ? (volatile u64 *)mtimecmp[i] : NULL;
	sbi_timer_set_device(&mtimer_device);
}
