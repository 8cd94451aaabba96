// SPDX-License-Identifier: BSD-2-Clause
/*
 * RFENCE extension: fences run on a set of harts before the call returns.
 */
#include <sbi/sbi_ecall.h>
#include <sbi/sbi_ecall_interface.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_tlb.h>

struct sbiret sbi_ecall_rfence(unsigned long fid, unsigned long *args)
{
	struct sbi_tlb_request req = { .start = args[2], .size = args[3],
				       .id = args[4] };
	sbi_hartmask_t targets;
	int rc;

	switch (fid) {
	case SBI_EXT_RFENCE_REMOTE_FENCE_I:
		req.type = SBI_TLB_FENCE_I;
		break;
	case SBI_EXT_RFENCE_REMOTE_SFENCE_VMA:
		req.type = SBI_TLB_SFENCE_VMA;
		break;
	case SBI_EXT_RFENCE_REMOTE_SFENCE_VMA_ASID:
		req.type = SBI_TLB_SFENCE_VMA_ASID;
		break;
	case SBI_EXT_RFENCE_REMOTE_HFENCE_GVMA_VMID:
		req.type = SBI_TLB_HFENCE_GVMA_VMID;
		break;
	case SBI_EXT_RFENCE_REMOTE_HFENCE_GVMA:
		req.type = SBI_TLB_HFENCE_GVMA;
		break;
	case SBI_EXT_RFENCE_REMOTE_HFENCE_VVMA_ASID:
		req.type = SBI_TLB_HFENCE_VVMA_ASID;
		break;
	case SBI_EXT_RFENCE_REMOTE_HFENCE_VVMA:
		req.type = SBI_TLB_HFENCE_VVMA;
		break;
	default:
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	}
	/* The targets first: NOT_SUPPORTED speaks of the target harts. */
	rc = sbi_hartmask_from_sbi(args[0], args[1], &targets);
	if (rc)
		return (struct sbiret){ rc, 0 };
	if (fid >= SBI_EXT_RFENCE_REMOTE_HFENCE_GVMA_VMID &&
	    !sbi_hart_self()->has_h)
		return (struct sbiret){ SBI_ERR_NOT_SUPPORTED, 0 };
	sbi_ipi_call(targets & sbi_ipi_live_harts(), sbi_tlb_local, &req);
	return (struct sbiret){ SBI_SUCCESS, 0 };
}
