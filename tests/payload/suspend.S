/*
 * The payload's HSM non-retentive suspend: the call that saves the
 * callee-saved state in a context, and the resume entry that restores it.
 */
#include "payload.h"
#include "sbi.h"

	.text
/*
 * long hsm_suspend_nonret(unsigned long type, unsigned long resume_addr,
 *			   unsigned long *ctx)
 * Saves the callee-saved state in ctx and calls HSM hart_suspend with
 * opaque = ctx. Returns the SBI error if the call returns; after a
 * non-retentive suspend it "returns" 0 through nonret_resume_entry with
 * ctx[CTX_RESUMED] = 1.
 */
	.align	2
	.globl	hsm_suspend_nonret
hsm_suspend_nonret:
	li	t0, CTX_MAGIC_VALUE
	sd	t0, (CTX_MAGIC * 8)(a2)
	sd	ra, (CTX_RA * 8)(a2)
	sd	sp, (CTX_SP * 8)(a2)
	sd	gp, (CTX_GP * 8)(a2)
	sd	tp, (CTX_TP * 8)(a2)
	sd	s0, ((CTX_S0 + 0) * 8)(a2)
	sd	s1, ((CTX_S0 + 1) * 8)(a2)
	sd	s2, ((CTX_S0 + 2) * 8)(a2)
	sd	s3, ((CTX_S0 + 3) * 8)(a2)
	sd	s4, ((CTX_S0 + 4) * 8)(a2)
	sd	s5, ((CTX_S0 + 5) * 8)(a2)
	sd	s6, ((CTX_S0 + 6) * 8)(a2)
	sd	s7, ((CTX_S0 + 7) * 8)(a2)
	sd	s8, ((CTX_S0 + 8) * 8)(a2)
	sd	s9, ((CTX_S0 + 9) * 8)(a2)
	sd	s10, ((CTX_S0 + 10) * 8)(a2)
	sd	s11, ((CTX_S0 + 11) * 8)(a2)
	csrr	t0, stvec
	sd	t0, (CTX_STVEC * 8)(a2)
	csrr	t0, sie
	sd	t0, (CTX_SIE * 8)(a2)
	csrr	t0, sscratch
	sd	t0, (CTX_SSCRATCH * 8)(a2)
	sd	zero, (CTX_RESUMED * 8)(a2)
	fence	rw, rw
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_SUSPEND
	ecall
	ret

/* HSM non-retentive resume entry: a0 = hartid, a1 = opaque (the ctx) */
	.align	2
	.globl	nonret_resume_entry
nonret_resume_entry:
	csrr	t0, satp
	csrr	t1, sstatus
	la	t2, nonret_ctx
	li	t3, (MAX_HARTS * CTX_WORDS * 8)
	add	t3, t3, t2
	bltu	a1, t2, resume_bad
	bgeu	a1, t3, resume_bad
	andi	t3, a1, 7
	bnez	t3, resume_bad
	ld	t3, (CTX_MAGIC * 8)(a1)
	li	t4, CTX_MAGIC_VALUE
	bne	t3, t4, resume_bad
	sd	a0, (CTX_ENTRY_A0 * 8)(a1)
	sd	a1, (CTX_ENTRY_A1 * 8)(a1)
	sd	t0, (CTX_ENTRY_SATP * 8)(a1)
	sd	t1, (CTX_ENTRY_SSTATUS * 8)(a1)
	ld	t0, (CTX_STVEC * 8)(a1)
	csrw	stvec, t0
	ld	t0, (CTX_SIE * 8)(a1)
	csrw	sie, t0
	ld	t0, (CTX_SSCRATCH * 8)(a1)
	csrw	sscratch, t0
	ld	ra, (CTX_RA * 8)(a1)
	ld	sp, (CTX_SP * 8)(a1)
	ld	gp, (CTX_GP * 8)(a1)
	ld	tp, (CTX_TP * 8)(a1)
	ld	s0, ((CTX_S0 + 0) * 8)(a1)
	ld	s1, ((CTX_S0 + 1) * 8)(a1)
	ld	s2, ((CTX_S0 + 2) * 8)(a1)
	ld	s3, ((CTX_S0 + 3) * 8)(a1)
	ld	s4, ((CTX_S0 + 4) * 8)(a1)
	ld	s5, ((CTX_S0 + 5) * 8)(a1)
	ld	s6, ((CTX_S0 + 6) * 8)(a1)
	ld	s7, ((CTX_S0 + 7) * 8)(a1)
	ld	s8, ((CTX_S0 + 8) * 8)(a1)
	ld	s9, ((CTX_S0 + 9) * 8)(a1)
	ld	s10, ((CTX_S0 + 10) * 8)(a1)
	ld	s11, ((CTX_S0 + 11) * 8)(a1)
	li	t0, 1
	sd	t0, (CTX_RESUMED * 8)(a1)
	fence	rw, rw
	li	a0, 0
	ret
resume_bad:
	/* opaque is not one of our contexts: report and shut down */
	la	sp, emergency_stack_top
	mv	tp, zero
	call	resume_bad_c
	j	park


	.bss
	.align	4
emergency_stack:
	.space	4096
emergency_stack_top:
