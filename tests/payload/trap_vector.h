/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The S-mode trap vector the payload and the soak program share, as an
 * assembler macro: it saves x1-x31 (x2 as it was before the trap), sepc
 * and sstatus in a frame on the stack, calls handler(frame), restores
 * them (with any changes the handler made) and returns with sret.
 */
#ifndef PAYLOAD_TRAP_VECTOR_H
#define PAYLOAD_TRAP_VECTOR_H

/* x0-x31, then sepc (slot 32) and sstatus (slot 33) */
#define TRAP_FRAME_SIZE	(34 * 8)

.macro trap_vector_body handler
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
	call	\handler
	ld	t0, (32 * 8)(sp)
	csrw	sepc, t0
	ld	t0, (33 * 8)(sp)
	csrw	sstatus, t0
	.irp	n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld	x\n, (\n * 8)(sp)
	.endr
	addi	sp, sp, TRAP_FRAME_SIZE
	sret
.endm

#endif
