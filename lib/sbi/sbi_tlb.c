// SPDX-License-Identifier: BSD-2-Clause
/*
 * Local execution of the fences RFENCE asks for on each target hart.
 */
#include <sbi/sbi_tlb.h>
#include <sbi/riscv_asm.h>

#define TLB_PAGE_SIZE		4096UL
/* Beyond this many pages one full flush is cheaper than page flushes. */
#define TLB_FLUSH_PAGES_MAX	64UL

static bool tlb_full(const struct sbi_tlb_request *r)
{
	/* A range ending in the last page: stepping through it would wrap. */
	return r->size == -1UL || r->size > TLB_FLUSH_PAGES_MAX * TLB_PAGE_SIZE ||
	       r->start + r->size < r->start ||
	       r->start + r->size > -TLB_PAGE_SIZE ||
	       (r->start == 0 && r->size == 0);
}

void sbi_tlb_local(void *request)
{
	const struct sbi_tlb_request *r = request;
	unsigned long a, end = r->start + r->size;
	bool full = tlb_full(r);

	switch (r->type) {
	case SBI_TLB_FENCE_I:
		fence_i();
		break;
	case SBI_TLB_SFENCE_VMA:
		if (full) {
			sfence_vma_all();
			break;
		}
		for (a = r->start; a < end; a += TLB_PAGE_SIZE)
			sfence_vma_addr(a);
		break;
	case SBI_TLB_SFENCE_VMA_ASID:
		if (full) {
			sfence_vma_asid(r->id);
			break;
		}
		for (a = r->start; a < end; a += TLB_PAGE_SIZE)
			sfence_vma_addr_asid(a, r->id);
		break;
	case SBI_TLB_HFENCE_GVMA_VMID:
		if (full) {
			hfence_gvma(0, r->id, false, true);
			break;
		}
		for (a = r->start; a < end; a += TLB_PAGE_SIZE)
			hfence_gvma(a >> 2, r->id, true, true);
		break;
	case SBI_TLB_HFENCE_GVMA:
		if (full) {
			hfence_gvma(0, 0, false, false);
			break;
		}
		for (a = r->start; a < end; a += TLB_PAGE_SIZE)
			hfence_gvma(a >> 2, 0, true, false);
		break;
	case SBI_TLB_HFENCE_VVMA_ASID:
		if (full) {
			hfence_vvma(0, r->id, false, true);
			break;
		}
		for (a = r->start; a < end; a += TLB_PAGE_SIZE)
			hfence_vvma(a, r->id, true, true);
		break;
	case SBI_TLB_HFENCE_VVMA:
		if (full) {
			hfence_vvma(0, 0, false, false);
			break;
		}
		for (a = r->start; a < end; a += TLB_PAGE_SIZE)
			hfence_vvma(a, 0, true, false);
		break;
	}
}
