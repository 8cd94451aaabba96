/*
 * HotSBI bench payload: the timed ecall loops and the idle loops of the
 * harts the timed calls involve.  (The runtime's entry, built with
 * SRT_BOOT_INSTRET, reads instret as its first instruction: the boot
 * figure is the number of instructions the hart retired from reset up to
 * payload entry.)  Each timed loop returns the raw instret delta of n
 * iterations of its loop body; the body includes its few S-mode instructions (argument set-up, the ecall,
 * loop counter and branch) and nothing is subtracted.  The SBI calling
 * convention preserves every register but a0/a1, so t2-t4 survive the ecall.
 */

#include "srt.h"
#include "sbi.h"
#include "rtc.h"

	.text
	/*
	 * Idle loop of the first hart (vCPU 0) while the second one times
	 * remote fences at it: re-arm the goldfish RTC alarm rtc_slice ns
	 * ahead, forever.
	 *
	 * QEMU 7.2 runs -icount vCPUs round-robin on one thread.  A turn lasts
	 * until the next QEMU_CLOCK_VIRTUAL deadline, and a vCPU whose turn
	 * starts at that deadline gets no instructions, so vCPU 1 only runs
	 * when vCPU 0 halts or is kicked before the deadline.  An IPI does
	 * neither, and the 100 ms kick timer is not even armed until every
	 * vCPU has been idle once: a firmware on hart 0 spinning for hart 1
	 * hangs, and one on hart 1 spinning for a halted hart 0 spins until the
	 * next deadline.  Arming a virtual timer (the RTC, -rtc clock=vm)
	 * kicks vCPU 0 at once and ends vCPU 1's turn after rtc_slice
	 * instructions; then this loop runs again and first takes any IPI
	 * pending for hart 0 (M-mode interrupts are always on in S-mode).  Its
	 * 8 instructions per turn count in instret, which QEMU keeps
	 * machine-wide, not per hart.
	 */
	.globl	rtc_ticker
rtc_ticker:
	li	t0, RTC_BASE
	la	t5, rtc_slice
	lwu	t1, RTC_TIME_LOW(t0)	/* latches TIME_HIGH */
	lwu	t2, RTC_TIME_HIGH(t0)
	csrr	t3, instret
	slli	t2, t2, 32
	or	t1, t1, t2
	sub	t4, t1, t3		/* RTC time - instret: both virtual ns */
1:	csrr	t1, instret
	ld	t3, 0(t5)
	add	t1, t1, t4
	add	t1, t1, t3
	srli	t2, t1, 32
	sw	t2, RTC_ALARM_HIGH(t0)
	sw	t1, RTC_ALARM_LOW(t0)	/* timer_mod: QEMU kicks this vCPU */
	j	1b

	/*
	 * MEMHP bench (memhp.c).  Idle harts (a0 = hartid) sit in wfi with
	 * S-level interrupts off (secondary_main cleared sie); the firmware's
	 * IPI (an M-mode interrupt) still wakes them, runs in M-mode and returns after the wfi.  Each
	 * wake stores instret in memhp_wake[hartid]; after that store the
	 * loop retires 3 instructions (sd, j, wfi) before the hart halts.
	 */
	.globl	memhp_idle
memhp_idle:
	slli	t0, a0, 3
	la	t1, memhp_ready
	add	t1, t1, t0
	li	t2, 1
	sd	t2, 0(t1)
	la	t1, memhp_wake
	add	t1, t1, t0
1:	wfi
	csrr	t0, instret
	sd	t0, 0(t1)
	j	1b

/* unsigned long loop_spec_version(unsigned long n) */
	.globl	loop_spec_version
loop_spec_version:
	mv	t2, a0
	csrr	t3, instret
1:	li	a7, SBI_EXT_BASE
	li	a6, SBI_BASE_GET_SPEC_VERSION
	ecall
	addi	t2, t2, -1
	bnez	t2, 1b
	csrr	a0, instret
	sub	a0, a0, t3
	ret

/* unsigned long loop_probe_ext(unsigned long n, unsigned long eid) */
	.globl	loop_probe_ext
loop_probe_ext:
	mv	t2, a0
	mv	t4, a1
	csrr	t3, instret
1:	mv	a0, t4
	li	a7, SBI_EXT_BASE
	li	a6, SBI_BASE_PROBE_EXT
	ecall
	addi	t2, t2, -1
	bnez	t2, 1b
	csrr	a0, instret
	sub	a0, a0, t3
	ret

/* unsigned long loop_ipi_self(unsigned long n, unsigned long mask) */
	.globl	loop_ipi_self
loop_ipi_self:
	mv	t2, a0
	mv	t4, a1
	csrr	t3, instret
1:	mv	a0, t4
	li	a1, 0
	li	a7, SBI_EXT_IPI
	li	a6, SBI_IPI_SEND_IPI
	ecall
	csrci	sip, SIP_SSIP
	addi	t2, t2, -1
	bnez	t2, 1b
	csrr	a0, instret
	sub	a0, a0, t3
	ret

/* unsigned long loop_remote_sfence(unsigned long n, unsigned long mask) */
	.globl	loop_remote_sfence
loop_remote_sfence:
	mv	t2, a0
	mv	t4, a1
	csrr	t3, instret
1:	mv	a0, t4
	li	a1, 0
	li	a2, 0
	li	a3, -1
	li	a7, SBI_EXT_RFENCE
	li	a6, SBI_RFENCE_SFENCE_VMA
	ecall
	addi	t2, t2, -1
	bnez	t2, 1b
	csrr	a0, instret
	sub	a0, a0, t3
	ret

/*
 * long memhp_rtc_offset(void): goldfish RTC time minus instret, both in
 * virtual ns (TIME_LOW, read right after instret, latches TIME_HIGH).  No
 * correction for the one instruction between them: with it as it is, an
 * alarm at instret value D + offset ends the caller's turn exactly at D,
 * as the idle harts' wake times show (memhp.c, IDLE_TAIL).
 */
	.globl	memhp_rtc_offset
memhp_rtc_offset:
	li	t0, RTC_BASE
	csrr	t3, instret
	lwu	t1, RTC_TIME_LOW(t0)
	lwu	t2, RTC_TIME_HIGH(t0)
	slli	t2, t2, 32
	or	t1, t1, t2
	sub	a0, t1, t3
	ret

/*
 * unsigned long memhp_timed_ecall(a0, a1, a2, fid, unsigned long *t0,
 *				   long *error, eid): one MEMHP call; returns
 * the instret delta across it (the ecall and the firmware), *t0 its start.
 */
	.globl	memhp_timed_ecall
memhp_timed_ecall:
	mv	a7, a6
	mv	a6, a3
	mv	t5, a4
	mv	t6, a5
	csrr	t3, instret
	ecall
	csrr	t4, instret
	sd	t3, 0(t5)
	sd	a0, 0(t6)
	sub	a0, t4, t3
	ret

	.data
	.balign	8
	.globl	rtc_slice
rtc_slice:
	.dword	RTC_SLICE_START

	.balign	8
	.globl	memhp_wake
memhp_wake:
	.dword	0, 0, 0, 0, 0, 0, 0, 0
	.globl	memhp_ready
memhp_ready:
	.dword	0, 0, 0, 0, 0, 0, 0, 0
