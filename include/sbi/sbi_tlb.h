/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Remote fences for the RFENCE extension.
 */
#ifndef __SBI_TLB_H__
#define __SBI_TLB_H__

#include <sbi/sbi_ipi.h>

enum sbi_tlb_type {
	SBI_TLB_FENCE_I,
	SBI_TLB_SFENCE_VMA,
	SBI_TLB_SFENCE_VMA_ASID,
	SBI_TLB_HFENCE_GVMA_VMID,
	SBI_TLB_HFENCE_GVMA,
	SBI_TLB_HFENCE_VVMA_ASID,
	SBI_TLB_HFENCE_VVMA,
};

struct sbi_tlb_request {
	enum sbi_tlb_type type;
	unsigned long start;
	unsigned long size;
	unsigned long id; /* ASID or VMID */
};

/* Run the fence on this hart. */
void sbi_tlb_local(void *request);

#endif
