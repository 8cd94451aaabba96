/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-hart state: the table of harts found in the device tree, the
 * scratch area the trap entry uses, probed features and HSM state.
 */
#ifndef __SBI_HART_H__
#define __SBI_HART_H__

#define SBI_HART_STACK_SIZE	8192

/* Offsets into struct sbi_hart used by firmware/fw_base.S. */
#define SBI_HART_OFF_TMP0	0
#define SBI_HART_OFF_STACK_TOP	8

#ifndef __ASSEMBLY__
#include <sbi/sbi_types.h>
#include <sbi/riscv_asm.h>
#include <sbi/riscv_atomic.h>

/* A call one hart asks another to run (see sbi_ipi.c). */
struct sbi_xcall {
	void (*fn)(void *arg);
	void *arg;
	volatile unsigned long done;
};

/* Bit 0 of ipi_pending: raise the S-mode software interrupt. */
#define SBI_IPI_SSIP		BIT(0)
/* Bit 1 + i: a call from the hart with index i waits in inbox[i]. */
#define SBI_IPI_CALL(i)		BIT(1 + (i))

struct sbi_hart {
	/* Used by the trap entry: keep first, see SBI_HART_OFF_*. */
	unsigned long tmp0;
	unsigned long stack_top;

	unsigned long hartid;
	unsigned int index;
	bool s_capable;

	/* Probed at warm boot. */
	bool has_h;
	bool has_sstc;
	bool has_menvcfg;
	unsigned int pmp_count;
	unsigned long pmp_grain_log2;
	char isa[32];
	/* From the device tree: cbo.zero block size, 0 without Zicboz. */
	unsigned long cboz_block_size;

	/* HSM */
	atomic_t hsm_state;
	unsigned long start_addr;
	unsigned long start_arg1;

	/* Cross-hart requests. */
	atomic_t ipi_pending;
	struct sbi_xcall inbox[HARTS_MAX];
} __aligned(64);

extern struct sbi_hart sbi_harts[HARTS_MAX];
extern unsigned long sbi_hart_ids[HARTS_MAX];
extern unsigned long sbi_hart_count;

static inline struct sbi_hart *sbi_hart_self(void)
{
	return (struct sbi_hart *)csr_read(CSR_MSCRATCH);
}

/* The hart with this hart id, or NULL when the device tree has none. */
struct sbi_hart *sbi_hart_by_id(unsigned long hartid);

/* Per-hart CSR setup: delegation, counters, menvcfg, PMP, mtvec. */
void sbi_hart_init(struct sbi_hart *h);

/* Switch to S-mode at @addr with a0 = @arg0, a1 = @arg1; never returns. */
void __noreturn sbi_hart_enter_smode(unsigned long arg0, unsigned long arg1,
				     unsigned long addr);

/* Park this hart forever (fatal errors, harts without a table entry). */
void __noreturn sbi_hart_hang(void);

#endif /* !__ASSEMBLY__ */
#endif
