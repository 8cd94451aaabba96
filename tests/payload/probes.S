/*
 * The payload's probes: an ecall that reports which registers the
 * firmware changed, and counter CSR, stimecmp and memory accesses whose
 * traps the payload's handler catches.
 */
#include "payload.h"

#define REG_PATTERN	0x5a5a5a5a00000000

	.text
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
	.globl	preserve_last_error
preserve_last_error:
	.dword	0
	.globl	preserve_last_a6
preserve_last_a6:
	.dword	0
	.globl	preserve_last_a7
preserve_last_a7:
	.dword	0
