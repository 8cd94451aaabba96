/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * PMP CSRs chosen at run time: one 8-byte stub per CSR number from
 * pmpcfg0 (0x3a0) to pmpaddr63 (0x3ef), so csr_read_num() and
 * csr_write_num() reach entry n with one indirect call. The odd pmpcfg
 * numbers do not exist on RV64: they read 0 and ignore writes.
 */
#include <sbi/riscv_encoding.h>

#define CSR_PMP_STUBS	(CSR_PMPADDR0 + 64 - CSR_PMPCFG0)

	.section .text.csr_pmp_read_stubs, "ax", %progbits
	.balign 8
	.globl csr_pmp_read_stubs
csr_pmp_read_stubs:
	.set	csr, CSR_PMPCFG0
	.rept	CSR_PMP_STUBS
	.if	csr < CSR_PMPADDR0 && (csr & 1)
	li	a0, 0
	.else
	csrr	a0, csr
	.endif
	ret
	.balign	8
	.set	csr, csr + 1
	.endr

	.section .text.csr_pmp_write_stubs, "ax", %progbits
	.balign 8
	.globl csr_pmp_write_stubs
csr_pmp_write_stubs:
	.set	csr, CSR_PMPCFG0
	.rept	CSR_PMP_STUBS
	.if	!(csr < CSR_PMPADDR0 && (csr & 1))
	csrw	csr, a0
	.endif
	ret
	.balign	8
	.set	csr, csr + 1
	.endr
