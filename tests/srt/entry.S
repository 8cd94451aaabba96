/*
 * Entry points of the S-mode test programs: the boot entry (the first hart
 * to arrive; later ones park), the HSM hart_start entry, the park loop and
 * the S-mode trap vector. They call the program's boot_main(),
 * secondary_main() and trap_handler() (srt.h).
 */
#include "srt.h"
#include "sbi.h"

/* x0-x31, then sepc (slot 32) and sstatus (slot 33): struct trap_frame */
#define TRAP_FRAME_SIZE	(34 * 8)

/* tp = a0 (the hartid), its stack, the trap vector */
.macro hart_setup
	mv	tp, a0
	la	sp, hart_stacks
	addi	t0, a0, 1
	li	t1, STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
	la	t0, trap_vector
	csrw	stvec, t0
	csrw	sscratch, zero
.endm

	.section .text.entry, "ax", %progbits
	.globl	_start
_start:
#ifdef SRT_BOOT_INSTRET
	/* first instruction: what the hart retired from reset up to here */
	csrr	s1, instret
#else
	li	s1, 0
#endif
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
	la	t0, boot_instret
	sd	s1, 0(t0)
	hart_setup
	call	boot_main
	/* fall through */

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
	la	t0, entry_csrs
	slli	t1, a0, 4
	add	t0, t0, t1
	sd	a2, 0(t0)
	sd	a3, 8(t0)
	hart_setup
	call	secondary_main
	j	park
bad_entry:
	la	t0, bad_entries
	li	t1, 1
	amoadd.d zero, t1, (t0)
	j	park

/* S-mode trap vector (direct mode): saves everything, calls trap_handler */
	.align	4
	.globl	trap_vector
trap_vector:
	addi	sp, sp, -TRAP_FRAME_SIZE
	.irp	n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd	x\n, (\n * 8)(sp)
	.endr
	addi	t0, sp, TRAP_FRAME_SIZE
	sd	t0, (2 * 8)(sp)
	csrr	t0, sepc
	sd	t0, (32 * 8)(sp)
	csrr	t0, sstatus
	sd	t0, (33 * 8)(sp)
	mv	a0, sp
	call	trap_handler
	ld	t0, (32 * 8)(sp)
	csrw	sepc, t0
	ld	t0, (33 * 8)(sp)
	csrw	sstatus, t0
	.irp	n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, (\n * 8)(sp)
	.endr
	addi	sp, sp, TRAP_FRAME_SIZE
	sret

	.data
	.align	3
boot_claim:
	.dword	0
	.globl	boot_instret
boot_instret:
	.dword	0
	.globl	bad_entries
bad_entries:
	.dword	0

	.bss
	.align	4
	.globl	hart_stacks
hart_stacks:
	.space	(MAX_HARTS * STACK_SIZE)
	.globl	entry_csrs
entry_csrs:
	.space	(MAX_HARTS * 16)
