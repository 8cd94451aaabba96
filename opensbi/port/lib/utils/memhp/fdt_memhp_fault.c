// SPDX-License-Identifier: BSD-2-Clause
/*
 * Logging of S/U-mode load and store access faults on the blocks of a
 * memory hotplug window, through the platform's emulate_load and
 * emulate_store operations: OpenSBI asks them about every such fault
 * before it redirects the fault to S-mode. They only have the library
 * print its line (memhp_fault_report(): translated through satp, rate
 * limited) and fail, so the fault is redirected as it would be without
 * them.
 * Instruction fetch faults have no such operation and are not logged.
 */

#include <sbi/riscv_asm.h>
#include <sbi/riscv_encoding.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_domain.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_hart_protection.h>
#include <sbi/sbi_timer.h>
#include <sbi/sbi_trap.h>
#include <sbi_utils/memhp/fdt_memhp_fault.h>
#include <memhp/memhp.h>

/* Read a page-table entry at @addr when S-mode may read it now */
static bool memhp_fault_read_pte(u64 addr, unsigned long *pte)
{
	bool ok;

	sbi_hart_protection_map_range(addr, sizeof(*pte));
	ok = sbi_domain_check_addr_range(sbi_domain_thishart_ptr(), addr,
					 sizeof(*pte), PRV_S, SBI_DOMAIN_READ);
	if (ok)
		*pte = *(const unsigned long *)(unsigned long)addr;
	sbi_hart_protection_unmap_range(addr, sizeof(*pte));

	return ok;
}

/* All the library's fault report uses of a port */
static const struct memhp_port memhp_fault_port = {
	.log = sbi_printf,
	.read_pte = memhp_fault_read_pte,
};

static void memhp_fault_log(struct sbi_trap_context *tcntx, bool store)
{
	const struct sbi_timer_device *timer = sbi_timer_get_device();
	struct memhp_fault f = {
		.hartid = current_hartid(),
		.access = store ? "store" : "load",
		.satp = csr_read(CSR_SATP),
		.va = tcntx->trap.tval,
		.epc = tcntx->regs.mepc,
	};

	/* A guest's tval is not an address under satp */
	if (sbi_regs_from_virt(&tcntx->regs))
		return;
	if (timer && timer->timer_freq)
		f.second = sbi_timer_value() / timer->timer_freq;
	memhp_fault_report(&memhp_fault_port, &f);
}

int fdt_memhp_emulate_load(ulong insn, int rlen, ulong raddr,
			   union sbi_ldst_data *out_val,
			   struct sbi_trap_context *tcntx)
{
	memhp_fault_log(tcntx, false);

	return SBI_ENOTSUPP;
}

int fdt_memhp_emulate_store(ulong insn, int wlen, ulong waddr,
			    union sbi_ldst_data in_val,
			    struct sbi_trap_context *tcntx)
{
	memhp_fault_log(tcntx, true);

	return SBI_ENOTSUPP;
}
