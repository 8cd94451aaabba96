/*
 * Entry points of the HotSBI test payload: the boot entry, the HSM start and
 * non-retentive resume entries, the S-mode trap vector and a helper that
 * checks which registers an ecall preserved.
 */
#include "payload.h"
#include "sbi.h"
#include "trap_vector.h"

#define REG_PATTERN	0x5a5a5a5a00000000

/* sp = hart_stacks + (\hart + 1) * STACK_SIZE */
.macro set_stack hart
	la	sp, hart_stacks
	addi	t0, \hart, 1
	li	t1, STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
.endm

	.section .text.entry, "ax", %progbits
	.globl	_start
_start:
	/* a0 = hartid, a1 = FDT; only the first hart becomes the boot hart */
	la	t0, boot_claim
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, park
	li	t0, MAX_HARTS
	bgeu	a0, t0, park
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	fence	rw, rw
	mv	tp, a0
	set_stack a0
	la	t0, trap_vector
	csrw	stvec, t0
	csrw	sscratch, zero
	call	payload_main
	/* fall through: payload_main does not return */

	.globl	park
park:
	csrci	sstatus, SSTATUS_SIE
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
3:	wfi
	j	3b

	.text
	/* HSM hart_start entry: a0 = hartid, a1 = opaque */
	.align	2
	.globl	secondary_entry
secondary_entry:
	csrr	a2, satp
	csrr	a3, sstatus
	li	t0, MAX_HARTS
	bgeu	a0, t0, bad_entry
	mv	tp, a0
	set_stack a0
	la	t0, trap_vector
	csrw	stvec, t0
	csrw	sscratch, zero
	call	secondary_main
	j	park
bad_entry:
	la	t0, bad_entries
	li	t1, 1
	amoadd.d zero, t1, (t0)
	j	park

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

/* S-mode trap vector (direct mode): saves everything, calls trap_handler */
	.align	4
	.globl	trap_vector
trap_vector:
	trap_vector_body trap_handler

/*
 * unsigned long ecall_preserve_check(eid, fid, arg0, arg1)
 * Loads a pattern into every register but a0/a1, does the ecall and returns
 * a bit mask of the registers that changed, in the order of preserve_order
 * in tests.c (first register = most significant bit). The SBI error is
 * stored in preserve_last_error.
 */
.macro chk reg, val
	slli	a0, a0, 1
	li	a1, \val
	beq	\reg, a1, .Lchk\@
	ori	a0, a0, 1
.Lchk\@:
.endm

	.align	2
	.globl	ecall_preserve_check
ecall_preserve_check:
	addi	sp, sp, -144
	sd	ra, 0(sp)
	sd	s0, 8(sp)
	sd	s1, 16(sp)
	sd	s2, 24(sp)
	sd	s3, 32(sp)
	sd	s4, 40(sp)
	sd	s5, 48(sp)
	sd	s6, 56(sp)
	sd	s7, 64(sp)
	sd	s8, 72(sp)
	sd	s9, 80(sp)
	sd	s10, 88(sp)
	sd	s11, 96(sp)
	sd	gp, 104(sp)
	sd	tp, 112(sp)
	csrr	t0, sstatus
	sd	t0, 120(sp)
	csrci	sstatus, SSTATUS_SIE
	csrw	sscratch, sp
	mv	a7, a0
	mv	a6, a1
	mv	a0, a2
	mv	a1, a3
	.irp	n, 1,3,4,5,6,7,8,9,12,13,14,15,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li	x\n, (REG_PATTERN + \n)
	.endr
	ecall
	la	a1, preserve_last_error
	sd	a0, 0(a1)
	li	a0, 0
	csrr	a1, sscratch
	beq	sp, a1, 1f
	ori	a0, a0, 1
	mv	sp, a1
1:
	.irp	n, 1,3,4,5,6,7,8,9,12,13,14,15,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	chk	x\n, (REG_PATTERN + \n)
	.endr
	/* a6 = fid, a7 = eid: compare with the caller's a1, a0 (saved below) */
	csrw	sscratch, zero
	ld	ra, 0(sp)
	ld	s0, 8(sp)
	ld	s1, 16(sp)
	ld	s2, 24(sp)
	ld	s3, 32(sp)
	ld	s4, 40(sp)
	ld	s5, 48(sp)
	ld	s6, 56(sp)
	ld	s7, 64(sp)
	ld	s8, 72(sp)
	ld	s9, 80(sp)
	ld	s10, 88(sp)
	ld	s11, 96(sp)
	ld	gp, 104(sp)
	ld	tp, 112(sp)
	la	t0, preserve_last_a6
	sd	a6, 0(t0)
	la	t0, preserve_last_a7
	sd	a7, 0(t0)
	ld	t0, 120(sp)
	andi	t0, t0, SSTATUS_SIE
	csrs	sstatus, t0
	addi	sp, sp, 144
	ret

/* Counter CSR reads; a trap (if expected) skips the csrr and leaves -1. */
	.align	2
	.globl	probe_csr_cycle
probe_csr_cycle:
	li	a0, -1
	csrr	a0, cycle
	ret
	.globl	probe_csr_instret
probe_csr_instret:
	li	a0, -1
	csrr	a0, instret
	ret
	.globl	probe_csr_time
probe_csr_time:
	li	a0, -1
	csrr	a0, time
	ret

/* unsigned long probe_load(addr): a 4-byte ld; a trap leaves -1. */
	.globl	probe_load
probe_load:
	mv	t0, a0
	li	a0, -1
	.option	push
	.option	norvc
	ld	a0, 0(t0)
	.option	pop
	ret

/* stimecmp (Sstc) read and write; a trap leaves -1 / skips the write. */
	.globl	probe_stimecmp_read
probe_stimecmp_read:
	li	a0, -1
	csrr	a0, 0x14d
	ret
	.globl	probe_stimecmp_write
probe_stimecmp_write:
	csrw	0x14d, a0
	ret

	.data
	.align	3
	.globl	boot_claim
boot_claim:
	.word	0
	.word	0
	.globl	preserve_last_error
preserve_last_error:
	.dword	0
	.globl	preserve_last_a6
preserve_last_a6:
	.dword	0
	.globl	preserve_last_a7
preserve_last_a7:
	.dword	0

	.bss
	.align	4
emergency_stack:
	.space	4096
emergency_stack_top:
