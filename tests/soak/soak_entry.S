/*
 * Entry points of the HotSBI soak program: the boot entry (first hart
 * only), the HSM start entry of the other harts, and the S-mode trap
 * vector, which saves the interrupted context and calls soak_trap().
 */
#include "payload.h"
#include "sbi.h"
#include "trap_vector.h"

#define SOAK_STACK_SIZE	16384

/* sp = soak_stacks + (hartid + 1) * SOAK_STACK_SIZE */
.macro stack_for hart
	la	sp, soak_stacks
	addi	t0, \hart, 1
	li	t1, SOAK_STACK_SIZE
	mul	t0, t0, t1
	add	sp, sp, t0
.endm

	.section .text.entry, "ax", %progbits
	.globl	_start
_start:
	/* a0 = hartid, a1 = FDT */
	la	t0, soak_boot_claim
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, soak_park
	li	t0, MAX_HARTS
	bgeu	a0, t0, soak_park
	la	t0, __bss_start
	la	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	fence	rw, rw
	mv	tp, a0
	stack_for a0
	la	t0, soak_trap_vector
	csrw	stvec, t0
	call	soak_main
	j	soak_park

	.text
	.align	2
	.globl	soak_secondary_entry
soak_secondary_entry:
	/* a0 = hartid, a1 = opaque */
	li	t0, MAX_HARTS
	bgeu	a0, t0, soak_park
	mv	tp, a0
	stack_for a0
	la	t0, soak_trap_vector
	csrw	stvec, t0
	call	soak_secondary
	/* fall through */

	.globl	soak_park
soak_park:
	csrci	sstatus, SSTATUS_SIE
	li	a7, SBI_EXT_HSM
	li	a6, SBI_HSM_HART_STOP
	ecall
3:	wfi
	j	3b

	.align	4
	.globl	soak_trap_vector
soak_trap_vector:
	trap_vector_body soak_trap

	.data
	.align	3
soak_boot_claim:
	.dword	0

	.bss
	.align	4
	.globl	soak_stacks
soak_stacks:
	.space	(MAX_HARTS * SOAK_STACK_SIZE)
