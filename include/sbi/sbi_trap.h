/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The register frame saved on trap entry and the trap handlers.
 */
#ifndef __SBI_TRAP_H__
#define __SBI_TRAP_H__

/* Frame layout: x0..x31 at 8 * n, then mepc and mstatus. */
#define SBI_TRAP_REG(n)		((n) * 8)
#define SBI_TRAP_MEPC		(32 * 8)
#define SBI_TRAP_MSTATUS	(33 * 8)
#define SBI_TRAP_FRAME_SIZE	(34 * 8)

#ifndef __ASSEMBLY__
#include <sbi/sbi_types.h>

struct sbi_trap_regs {
	unsigned long x[32];
	unsigned long mepc;
	unsigned long mstatus;
};

#define REG_RA 1
#define REG_SP 2
#define REG_A0 10
#define REG_A1 11

struct sbiret {
	long error;
	long value;
};

/* Every trap but an ecall from S-mode. */
void sbi_trap_handler(struct sbi_trap_regs *regs);
/* Ecall from S-mode: arguments in a0-a5, FID in a6, EID in a7. */
struct sbiret sbi_ecall_handler(unsigned long a0, unsigned long a1,
				unsigned long a2, unsigned long a3,
				unsigned long a4, unsigned long a5,
				unsigned long fid, unsigned long eid);

/*
 * Emulate a counter CSR read that trapped as illegal instruction @insn;
 * false when the instruction is something else.
 */
bool sbi_emulate_csr_read(struct sbi_trap_regs *regs, unsigned long insn);

/* Deliver a trap taken in M-mode to the S-mode trap handler. */
void sbi_trap_redirect(struct sbi_trap_regs *regs, unsigned long cause,
		       unsigned long tval);

#endif
#endif
