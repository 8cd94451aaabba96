// SPDX-License-Identifier: BSD-2-Clause
/*
 * Trap handling other than S-mode ecalls: machine interrupts, faults
 * redirected to S-mode, and the register dump for faults in M-mode.
 */
#include <sbi/sbi_trap.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_ipi.h>
#include <sbi/sbi_timer.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_system.h>
#include <sbi/sbi_pmp.h>

/* Names in place, not pointers to them: 128 bytes instead of 378. */
static const char reg_names[32][4] = {
	"", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static void __noreturn trap_fatal(struct sbi_trap_regs *regs,
				  unsigned long cause, unsigned long tval,
				  const char *why)
{
	int i;

	sbi_console_panic_mode();
	sbi_printf("\nhotsbi: %s on hart %lu: mcause 0x%lx mepc 0x%016lx mtval 0x%016lx\n",
		   why, csr_read(CSR_MHARTID), cause, regs->mepc, tval);
	sbi_printf("hotsbi: mstatus 0x%016lx\n", regs->mstatus);
	for (i = 1; i < 32; i++)
		sbi_printf("%4s 0x%016lx%s", reg_names[i], regs->x[i],
			   i % 3 == 0 ? "\n" : "  ");
	sbi_printf("\nhotsbi: system stopped\n");
	sbi_system_stop();
}

void sbi_trap_redirect(struct sbi_trap_regs *regs, unsigned long cause,
		       unsigned long tval)
{
	unsigned long prev = (regs->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	unsigned long st = regs->mstatus;

	if (sbi_hart_self()->has_h) {
		unsigned long hst = csr_read(CSR_HSTATUS);

		hst &= ~(HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_GVA);
		if (st & MSTATUS_MPV) {
			hst |= HSTATUS_SPV;
			if (prev == PRV_S)
				hst |= HSTATUS_SPVP;
			csr_write(CSR_HTVAL, 0);
			csr_write(CSR_HTINST, 0);
		}
		csr_write(CSR_HSTATUS, hst);
		st &= ~(MSTATUS_MPV | MSTATUS_GVA);
	}

	csr_write(CSR_STVAL, tval);
	csr_write(CSR_SEPC, regs->mepc);
	csr_write(CSR_SCAUSE, cause);

	st &= ~(MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_MPP);
	if (prev == PRV_S)
		st |= MSTATUS_SPP;
	if (regs->mstatus & MSTATUS_SIE)
		st |= MSTATUS_SPIE;
	st |= (unsigned long)PRV_S << MSTATUS_MPP_SHIFT;
	regs->mstatus = st;
	regs->mepc = csr_read(CSR_STVEC) & ~3UL;
}

void sbi_trap_handler(struct sbi_trap_regs *regs)
{
	unsigned long cause = csr_read(CSR_MCAUSE);
	unsigned long tval = csr_read(CSR_MTVAL);
	unsigned long prev;

	if (cause & MCAUSE_IRQ) {
		switch (cause & ~MCAUSE_IRQ) {
		case IRQ_M_SOFT:
			sbi_ipi_process();
			return;
		case IRQ_M_TIMER:
			sbi_timer_process();
			return;
		default:
			/* Nothing else is enabled in mie. */
			csr_clear(CSR_MIE, BIT(cause & ~MCAUSE_IRQ));
			return;
		}
	}

	prev = (regs->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
	if (prev == PRV_M)
		trap_fatal(regs, cause, tval, "trap in M-mode");

	if (cause == CAUSE_ILLEGAL_INSTRUCTION &&
	    sbi_emulate_csr_read(regs, tval))
		return;
	if (cause == CAUSE_FETCH_ACCESS || cause == CAUSE_LOAD_ACCESS ||
	    cause == CAUSE_STORE_ACCESS)
		sbi_pmp_access_fault(cause, tval, regs->mepc);

	/*
	 * Anything not delegated (access faults, ecalls from modes the
	 * firmware does not serve) goes back to S-mode as it is.
	 */
	sbi_trap_redirect(regs, cause, tval);
}
