// SPDX-License-Identifier: BSD-2-Clause
/*
 * Emulation of counter CSR reads (cycle, time, instret) that trap as
 * illegal instructions when S-mode has not enabled them for U-mode in
 * scounteren, or when the hart has no time CSR. Everything else that is
 * illegal goes back to S-mode.
 */
#include <sbi/sbi_trap.h>
#include <sbi/sbi_timer.h>
#include <sbi/riscv_asm.h>

#define INSN_OPCODE_SYSTEM	0x73
#define INSN_FUNCT3_CSRRS	2

bool sbi_emulate_csr_read(struct sbi_trap_regs *regs, unsigned long insn)
{
	unsigned long csr = insn >> 20;
	unsigned long rd = (insn >> 7) & 0x1f;
	unsigned long rs1 = (insn >> 15) & 0x1f;
	unsigned long val;

	/* Only "csrr rd, csr" (csrrs rd, csr, x0) of the three counters. */
	if ((insn & 0x7f) != INSN_OPCODE_SYSTEM ||
	    ((insn >> 12) & 7) != INSN_FUNCT3_CSRRS || rs1 != 0)
		return false;
	switch (csr) {
	case CSR_CYCLE:
		val = csr_read(CSR_MCYCLE);
		break;
	case CSR_TIME:
		val = sbi_timer_value();
		break;
	case CSR_INSTRET:
		val = csr_read(CSR_MINSTRET);
		break;
	default:
		return false;
	}
	if (rd)
		regs->x[rd] = val;
	regs->mepc += 4;
	return true;
}
