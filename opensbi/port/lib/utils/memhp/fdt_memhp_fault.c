// SPDX-License-Identifier: BSD-2-Clause
/*
 * Logging of S/U-mode load and store access faults on the blocks of a
 * memory hotplug window, through the platform's emulate_load and
 * emulate_store operations: OpenSBI asks them about every such fault
 * before it redirects the fault to S-mode. They only log, rate limited,
 * and fail, so the fault is redirected as it would be without them.
 * Instruction fetch faults have no such operation and are not logged.
 */

#include <sbi/riscv_asm.h>
#include <sbi/riscv_encoding.h>
#include <sbi/riscv_locks.h>
#include <sbi/sbi_console.h>
#include <sbi/sbi_domain.h>
#include <sbi/sbi_error.h>
#include <sbi/sbi_hart_protection.h>
#include <sbi/sbi_timer.h>
#include <sbi/sbi_trap.h>
#include <sbi_utils/memhp/fdt_memhp_fault.h>
#include <memhp/memhp.h>

/* At most this many lines per timer second, then one per new block. */
#define MEMHP_FAULT_BURST	8

/* The line HotSBI prints for the same fault */
#define MEMHP_FAULT_FMT \
	"memhp: hart %u: %s access fault at 0x%lx (va 0x%lx), window %u block %lu (%s), epc 0x%lx\n"

#define MEMHP_PTE_V		0x1UL
#define MEMHP_PTE_RWX		0xeUL
#define MEMHP_PTE_PPN_SHIFT	10
#define MEMHP_PPN_MASK		((1ULL << 44) - 1)

static spinlock_t memhp_fault_lock = SPIN_LOCK_INITIALIZER;
static unsigned long memhp_fault_second = -1UL;
static unsigned long memhp_fault_lines;
static unsigned int memhp_fault_win = -1U;
static u64 memhp_fault_block = -1ULL;

/* Read a page-table entry at @addr when S-mode may read it now. */
static bool memhp_fault_read_pte(unsigned long addr, unsigned long *pte)
{
	bool ok;

	sbi_hart_protection_map_range(addr, sizeof(*pte));
	ok = sbi_domain_check_addr_range(sbi_domain_thishart_ptr(), addr,
					 sizeof(*pte), PRV_S, SBI_DOMAIN_READ);
	if (ok)
		*pte = *(const unsigned long *)addr;
	sbi_hart_protection_unmap_range(addr, sizeof(*pte));

	return ok;
}

/*
 * The physical address behind the S/U-mode virtual address @va under the
 * current satp: bare, Sv39, Sv48 or Sv57. False when it cannot be
 * translated.
 */
static bool memhp_fault_va_to_pa(unsigned long va, unsigned long *pa)
{
	unsigned long satp = csr_read(CSR_SATP), table, pte, mask, slot;
	int level, levels;

#if __riscv_xlen == 64
	switch (satp >> 60) {
	case SATP_MODE_OFF:
		*pa = va;
		return true;
	case SATP_MODE_SV39:
		levels = 3;
		break;
	case SATP_MODE_SV48:
		levels = 4;
		break;
	case SATP_MODE_SV57:
		levels = 5;
		break;
	default:
		return false;
	}
#else
	levels = 0;
#endif
	if (!levels) {
		if (satp & SATP_MODE)
			return false;
		*pa = va;
		return true;
	}

	table = (satp & SATP64_PPN) << PAGE_SHIFT;
	for (level = levels - 1; level >= 0; level--) {
		slot = table + ((va >> (PAGE_SHIFT + 9 * level)) & 0x1ff) * 8;
		if (!memhp_fault_read_pte(slot, &pte) || !(pte & MEMHP_PTE_V))
			return false;
		table = ((pte >> MEMHP_PTE_PPN_SHIFT) & MEMHP_PPN_MASK)
			<< PAGE_SHIFT;
		if (pte & MEMHP_PTE_RWX) {
			mask = (1UL << (PAGE_SHIFT + 9 * level)) - 1;
			*pa = (table & ~mask) | (va & mask);
			return true;
		}
	}

	return false;
}

/* Whether a fault on block @block of window @win gets a line now. */
static bool memhp_fault_ratelimit(unsigned int win, u64 block)
{
	const struct sbi_timer_device *timer = sbi_timer_get_device();
	unsigned long second = 0;
	bool log = true;

	if (timer && timer->timer_freq)
		second = sbi_timer_value() / timer->timer_freq;

	spin_lock(&memhp_fault_lock);
	if (second != memhp_fault_second) {
		memhp_fault_second = second;
		memhp_fault_lines = 0;
	}
	if (memhp_fault_lines >= 4 * MEMHP_FAULT_BURST ||
	    (memhp_fault_lines >= MEMHP_FAULT_BURST &&
	     win == memhp_fault_win && block == memhp_fault_block))
		log = false;
	if (log) {
		memhp_fault_lines++;
		memhp_fault_win = win;
		memhp_fault_block = block;
	}
	spin_unlock(&memhp_fault_lock);

	return log;
}

static void memhp_fault_log(struct sbi_trap_context *tcntx, bool store)
{
	unsigned long va = tcntx->trap.tval, pa, state;
	unsigned int win;
	u64 block;

	/* A guest's tval is not an address under satp */
	if (!memhp_window_count() || sbi_regs_from_virt(&tcntx->regs))
		return;
	if (!memhp_fault_va_to_pa(va, &pa) ||
	    !memhp_locate(pa, &win, &block, &state) ||
	    !memhp_fault_ratelimit(win, block))
		return;

	sbi_printf(MEMHP_FAULT_FMT, current_hartid(), store ? "store" : "load",
		   pa, va, win, (unsigned long)block,
		   state == MEMHP_BLOCK_PLUGGED ? "plugged" :
		   state == MEMHP_BLOCK_UNPLUGGED ? "unplugged" : "unavailable",
		   tcntx->regs.mepc);
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
