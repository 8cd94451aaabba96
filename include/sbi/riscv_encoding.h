/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * RISC-V privileged architecture constants: CSR numbers, status bits,
 * interrupt and exception causes, PMP encodings.
 */
#ifndef __RISCV_ENCODING_H__
#define __RISCV_ENCODING_H__

#define _UL(x) (x##UL)

#define MSTATUS_SIE		_UL(0x00000002)
#define MSTATUS_MIE		_UL(0x00000008)
#define MSTATUS_SPIE		_UL(0x00000020)
#define MSTATUS_MPIE		_UL(0x00000080)
#define MSTATUS_SPP		_UL(0x00000100)
#define MSTATUS_MPP_SHIFT	11
#define MSTATUS_MPP		_UL(0x00001800)
#define MSTATUS_FS		_UL(0x00006000)
#define MSTATUS_MPRV		_UL(0x00020000)
#define MSTATUS_MPV		(_UL(1) << 39)
#define MSTATUS_GVA		(_UL(1) << 38)

#define HSTATUS_GVA		_UL(0x00000040)
#define HSTATUS_SPV		_UL(0x00000080)
#define HSTATUS_SPVP		_UL(0x00000100)

#define PRV_U			0
#define PRV_S			1
#define PRV_M			3

#define IRQ_S_SOFT		1
#define IRQ_M_SOFT		3
#define IRQ_S_TIMER		5
#define IRQ_M_TIMER		7
#define IRQ_S_EXT		9
#define IRQ_M_EXT		11
#define IRQ_S_GEXT		12

#define MIP_SSIP		(_UL(1) << IRQ_S_SOFT)
#define MIP_MSIP		(_UL(1) << IRQ_M_SOFT)
#define MIP_STIP		(_UL(1) << IRQ_S_TIMER)
#define MIP_MTIP		(_UL(1) << IRQ_M_TIMER)
#define MIP_SEIP		(_UL(1) << IRQ_S_EXT)
#define MIP_MEIP		(_UL(1) << IRQ_M_EXT)
#define MIP_VSSIP		(_UL(1) << 2)
#define MIP_VSTIP		(_UL(1) << 6)
#define MIP_VSEIP		(_UL(1) << 10)
#define MIP_SGEIP		(_UL(1) << IRQ_S_GEXT)

#define MCAUSE_IRQ		(_UL(1) << 63)

#define CAUSE_MISALIGNED_FETCH		0x0
#define CAUSE_FETCH_ACCESS		0x1
#define CAUSE_ILLEGAL_INSTRUCTION	0x2
#define CAUSE_BREAKPOINT		0x3
#define CAUSE_MISALIGNED_LOAD		0x4
#define CAUSE_LOAD_ACCESS		0x5
#define CAUSE_MISALIGNED_STORE		0x6
#define CAUSE_STORE_ACCESS		0x7
#define CAUSE_USER_ECALL		0x8
#define CAUSE_SUPERVISOR_ECALL		0x9
#define CAUSE_VIRTUAL_SUPERVISOR_ECALL	0xa
#define CAUSE_MACHINE_ECALL		0xb
#define CAUSE_FETCH_PAGE_FAULT		0xc
#define CAUSE_LOAD_PAGE_FAULT		0xd
#define CAUSE_STORE_PAGE_FAULT		0xf
#define CAUSE_FETCH_GUEST_PAGE_FAULT	0x14
#define CAUSE_LOAD_GUEST_PAGE_FAULT	0x15
#define CAUSE_VIRTUAL_INST_FAULT	0x16
#define CAUSE_STORE_GUEST_PAGE_FAULT	0x17

#define MENVCFG_CBIE_FLUSH	(_UL(1) << 4)
#define MENVCFG_CBCFE		(_UL(1) << 6)
#define MENVCFG_CBZE		(_UL(1) << 7)
#define MENVCFG_PBMTE		(_UL(1) << 62)
#define MENVCFG_STCE		(_UL(1) << 63)

#define PMP_R			_UL(0x01)
#define PMP_W			_UL(0x02)
#define PMP_X			_UL(0x04)
#define PMP_A			_UL(0x18)
#define PMP_A_OFF		_UL(0x00)
#define PMP_A_TOR		_UL(0x08)
#define PMP_A_NA4		_UL(0x10)
#define PMP_A_NAPOT		_UL(0x18)
#define PMP_L			_UL(0x80)
#define PMP_SHIFT		2
#define PMP_COUNT_MAX		64

/* CSR numbers */
#define CSR_SSTATUS		0x100
#define CSR_SIE			0x104
#define CSR_STVEC		0x105
#define CSR_SCOUNTEREN		0x106
#define CSR_SSCRATCH		0x140
#define CSR_SEPC		0x141
#define CSR_SCAUSE		0x142
#define CSR_STVAL		0x143
#define CSR_SIP			0x144
#define CSR_STIMECMP		0x14d
#define CSR_SATP		0x180
#define CSR_HSTATUS		0x600
#define CSR_HTVAL		0x643
#define CSR_HTINST		0x64a
#define CSR_HGATP		0x680
#define CSR_VSATP		0x280
#define CSR_MSTATUS		0x300
#define CSR_MISA		0x301
#define CSR_MEDELEG		0x302
#define CSR_MIDELEG		0x303
#define CSR_MIE			0x304
#define CSR_MTVEC		0x305
#define CSR_MCOUNTEREN		0x306
#define CSR_MENVCFG		0x30a
#define CSR_MCOUNTINHIBIT	0x320
#define CSR_MSCRATCH		0x340
#define CSR_MEPC		0x341
#define CSR_MCAUSE		0x342
#define CSR_MTVAL		0x343
#define CSR_MIP			0x344
#define CSR_MTINST		0x34a
#define CSR_MTVAL2		0x34b
#define CSR_PMPCFG0		0x3a0
#define CSR_PMPADDR0		0x3b0
#define CSR_MVENDORID		0xf11
#define CSR_MARCHID		0xf12
#define CSR_MIMPID		0xf13
#define CSR_MHARTID		0xf14
#define CSR_CYCLE		0xc00
#define CSR_TIME		0xc01
#define CSR_INSTRET		0xc02
#define CSR_MCYCLE		0xb00
#define CSR_MINSTRET		0xb02

#endif
