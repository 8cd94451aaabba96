/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Firmware entry shared by every variant: choose the cold-boot hart,
 * clear BSS, run cold init, release the other harts onto their own
 * stacks, and the trap vector with its fast path for S-mode ecalls.
 */
#include <sbi/riscv_encoding.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_trap.h>

#define REGOFF(n)	SBI_TRAP_REG(n)

	.section .entry, "ax", %progbits
	.align 3
	.globl _start
_start:
	/* a0 = hart id, a1 = FDT, a2 = variant-specific (fw_dynamic info) */
	csrw	mie, zero
	csrw	mip, zero
	csrr	s0, mhartid
	mv	s1, a1
	mv	s2, a2

	/* The variant may name the cold-boot hart; -1 means any. */
	mv	a0, s2
	jal	ra, fw_boot_hart
	li	t0, -1
	beq	a0, t0, .Llottery
	bne	a0, s0, .Lwait_coldboot
	j	.Lcoldboot
.Llottery:
	la	t0, boot_lottery
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, .Lwait_coldboot

.Lcoldboot:
	/* BSS is 16-byte aligned at both ends: 64 bytes a turn, then 16. */
	la	t0, _bss_start
	la	t1, _bss_end
	addi	t2, t1, -64
1:	bgtu	t0, t2, 2f
	sd	zero, 0(t0)
	sd	zero, 8(t0)
	sd	zero, 16(t0)
	sd	zero, 24(t0)
	sd	zero, 32(t0)
	sd	zero, 40(t0)
	sd	zero, 48(t0)
	sd	zero, 56(t0)
	addi	t0, t0, 64
	j	1b
2:	bgeu	t0, t1, 3f
	sd	zero, 0(t0)
	sd	zero, 8(t0)
	addi	t0, t0, 16
	j	2b
3:
	/* Traps during cold boot are fatal and use the boot scratch area. */
	la	t0, sbi_boot_scratch
	la	sp, _boot_stack_top
	sd	sp, SBI_HART_OFF_STACK_TOP(t0)
	csrw	mscratch, t0
	la	t0, _trap_entry
	csrw	mtvec, t0

	mv	a0, s0
	mv	a1, s1
	mv	a2, s2
	la	a3, platform_ops
	call	sbi_cold_boot

	fence	rw, rw
	la	t0, coldboot_done
	li	t1, 1
	sw	t1, 0(t0)
	fence	rw, rw
	j	.Lwarmboot

.Lwait_coldboot:
	/* Sleep until the cold-boot hart has built the hart table. */
	li	t0, MIP_MSIP
	csrw	mie, t0
	la	t0, coldboot_done
3:	lw	t1, 0(t0)
	bnez	t1, .Lwarmboot
	wfi
	j	3b

.Lwarmboot:
	fence	r, rw
	la	t0, _trap_entry
	csrw	mtvec, t0
	/* Find this hart's index in sbi_hart_ids[]. */
	la	t0, sbi_hart_ids
	la	t1, sbi_hart_count
	ld	t1, 0(t1)
	li	t2, 0
4:	bgeu	t2, t1, .Lpark
	ld	t3, 0(t0)
	beq	t3, s0, 5f
	addi	t0, t0, 8
	addi	t2, t2, 1
	j	4b
5:	la	t3, sbi_harts
	la	t4, sbi_hart_struct_size
	ld	t4, 0(t4)
	mul	t4, t4, t2
	add	t3, t3, t4
	csrw	mscratch, t3
	ld	sp, SBI_HART_OFF_STACK_TOP(t3)
	call	sbi_warm_boot

.Lpark:
	/* A hart the device tree does not list never leaves M-mode. */
	csrw	mie, zero
6:	wfi
	j	6b

	.section .text, "ax", %progbits
/*
 * void sbi_hart_enter_smode(arg0, arg1, addr): mret to S-mode at addr
 * with satp = 0 and sstatus.SIE = 0.
 */
	.align 2
	.globl sbi_hart_enter_smode
sbi_hart_enter_smode:
	csrw	mepc, a2
	li	t0, MSTATUS_MPP | MSTATUS_MPIE
	csrc	mstatus, t0
	li	t0, (PRV_S << MSTATUS_MPP_SHIFT)
	csrs	mstatus, t0
	li	t0, MSTATUS_SIE
	csrc	sstatus, t0
	csrw	satp, zero
	li	t0, 0
	li	t1, 0
	li	t2, 0
	mret

/*
 * Trap vector. S-mode ecalls take the fast path: only the registers a C
 * call may clobber are saved, and a0..a7 go straight to
 * sbi_ecall_handler(), whose struct sbiret comes back in a0/a1.
 * Everything else saves the whole frame for sbi_trap_handler().
 */
	.align 4
	.globl _trap_entry
_trap_entry:
	csrrw	tp, mscratch, tp
	sd	sp, SBI_HART_OFF_TMP0(tp)
	ld	sp, SBI_HART_OFF_STACK_TOP(tp)
	addi	sp, sp, -SBI_TRAP_FRAME_SIZE
	sd	t0, REGOFF(5)(sp)
	sd	t1, REGOFF(6)(sp)
	csrrw	t1, mscratch, tp
	sd	t1, REGOFF(4)(sp)
	ld	t1, SBI_HART_OFF_TMP0(tp)
	sd	t1, REGOFF(2)(sp)
	csrr	t0, mcause
	addi	t0, t0, -CAUSE_SUPERVISOR_ECALL
	bnez	t0, .Ltrap_full

	sd	ra, REGOFF(1)(sp)
	sd	t2, REGOFF(7)(sp)
	sd	a2, REGOFF(12)(sp)
	sd	a3, REGOFF(13)(sp)
	sd	a4, REGOFF(14)(sp)
	sd	a5, REGOFF(15)(sp)
	sd	a6, REGOFF(16)(sp)
	sd	a7, REGOFF(17)(sp)
	sd	t3, REGOFF(28)(sp)
	sd	t4, REGOFF(29)(sp)
	sd	t5, REGOFF(30)(sp)
	sd	t6, REGOFF(31)(sp)
	call	sbi_ecall_handler
	csrr	t0, mepc
	addi	t0, t0, 4
	csrw	mepc, t0
	ld	ra, REGOFF(1)(sp)
	ld	t0, REGOFF(5)(sp)
	ld	t1, REGOFF(6)(sp)
	ld	t2, REGOFF(7)(sp)
	ld	a2, REGOFF(12)(sp)
	ld	a3, REGOFF(13)(sp)
	ld	a4, REGOFF(14)(sp)
	ld	a5, REGOFF(15)(sp)
	ld	a6, REGOFF(16)(sp)
	ld	a7, REGOFF(17)(sp)
	ld	t3, REGOFF(28)(sp)
	ld	t4, REGOFF(29)(sp)
	ld	t5, REGOFF(30)(sp)
	ld	t6, REGOFF(31)(sp)
	ld	tp, REGOFF(4)(sp)
	ld	sp, REGOFF(2)(sp)
	mret

.Ltrap_full:
	sd	zero, REGOFF(0)(sp)
	sd	ra, REGOFF(1)(sp)
	sd	gp, REGOFF(3)(sp)
	sd	t2, REGOFF(7)(sp)
	sd	s0, REGOFF(8)(sp)
	sd	s1, REGOFF(9)(sp)
	sd	a0, REGOFF(10)(sp)
	sd	a1, REGOFF(11)(sp)
	sd	a2, REGOFF(12)(sp)
	sd	a3, REGOFF(13)(sp)
	sd	a4, REGOFF(14)(sp)
	sd	a5, REGOFF(15)(sp)
	sd	a6, REGOFF(16)(sp)
	sd	a7, REGOFF(17)(sp)
	sd	s2, REGOFF(18)(sp)
	sd	s3, REGOFF(19)(sp)
	sd	s4, REGOFF(20)(sp)
	sd	s5, REGOFF(21)(sp)
	sd	s6, REGOFF(22)(sp)
	sd	s7, REGOFF(23)(sp)
	sd	s8, REGOFF(24)(sp)
	sd	s9, REGOFF(25)(sp)
	sd	s10, REGOFF(26)(sp)
	sd	s11, REGOFF(27)(sp)
	sd	t3, REGOFF(28)(sp)
	sd	t4, REGOFF(29)(sp)
	sd	t5, REGOFF(30)(sp)
	sd	t6, REGOFF(31)(sp)
	csrr	t0, mepc
	sd	t0, SBI_TRAP_MEPC(sp)
	csrr	t0, mstatus
	sd	t0, SBI_TRAP_MSTATUS(sp)

	mv	a0, sp
	call	sbi_trap_handler

	ld	t0, SBI_TRAP_MEPC(sp)
	csrw	mepc, t0
	ld	t0, SBI_TRAP_MSTATUS(sp)
	csrw	mstatus, t0
	ld	ra, REGOFF(1)(sp)
	ld	gp, REGOFF(3)(sp)
	ld	t0, REGOFF(5)(sp)
	ld	t1, REGOFF(6)(sp)
	ld	t2, REGOFF(7)(sp)
	ld	s0, REGOFF(8)(sp)
	ld	s1, REGOFF(9)(sp)
	ld	a0, REGOFF(10)(sp)
	ld	a1, REGOFF(11)(sp)
	ld	a2, REGOFF(12)(sp)
	ld	a3, REGOFF(13)(sp)
	ld	a4, REGOFF(14)(sp)
	ld	a5, REGOFF(15)(sp)
	ld	a6, REGOFF(16)(sp)
	ld	a7, REGOFF(17)(sp)
	ld	s2, REGOFF(18)(sp)
	ld	s3, REGOFF(19)(sp)
	ld	s4, REGOFF(20)(sp)
	ld	s5, REGOFF(21)(sp)
	ld	s6, REGOFF(22)(sp)
	ld	s7, REGOFF(23)(sp)
	ld	s8, REGOFF(24)(sp)
	ld	s9, REGOFF(25)(sp)
	ld	s10, REGOFF(26)(sp)
	ld	s11, REGOFF(27)(sp)
	ld	t3, REGOFF(28)(sp)
	ld	t4, REGOFF(29)(sp)
	ld	t5, REGOFF(30)(sp)
	ld	t6, REGOFF(31)(sp)
	ld	tp, REGOFF(4)(sp)
	ld	sp, REGOFF(2)(sp)
	mret

/*
 * Trap vector used while probing a CSR: skip the faulting instruction.
 * The prober reads mcause to learn whether it trapped.
 */
	.align 4
	.globl _probe_trap
_probe_trap:
	/* Probing runs in M-mode C code, so sp is a valid stack. */
	addi	sp, sp, -16
	sd	t0, 0(sp)
	csrr	t0, mepc
	addi	t0, t0, 4
	csrw	mepc, t0
	ld	t0, 0(sp)
	addi	sp, sp, 16
	mret

	.section .data, "aw", %progbits
	.align 3
boot_lottery:
	.word	0
coldboot_done:
	.word	0

	.section .bss, "aw", %nobits
	.align 4
_boot_stack:
	.skip	8192
_boot_stack_top:
