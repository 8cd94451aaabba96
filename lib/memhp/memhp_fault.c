// SPDX-License-Identifier: BSD-2-Clause
/*
 * The line both hosts print when S/U-mode faults on a window: the faulting
 * virtual address translated through S-mode's satp, the window and block
 * it falls in, rate limited so that a guest hammering an unplugged block
 * cannot flood the console.
 */

#include <memhp/memhp.h>
#include <memhp/memhp_port.h>

/* At most this many lines per timer second, then one per new block. */
#define MEMHP_FAULT_BURST	8

#define MEMHP_FAULT_FMT \
	"memhp: hart %lu: %s access fault at 0x%lx (va 0x%lx), window %u block %lu (%s), epc 0x%lx\n"

#define PTE_V			0x1UL
#define PTE_RWX			0xeUL
#define PTE_PPN_SHIFT		10
#define PPN_MASK		((1UL << 44) - 1)
#define SATP_MODE_SHIFT		60
#define PAGE_BITS		12
#define LEVEL_BITS		9

bool memhp_va_to_pa(unsigned long satp, unsigned long va,
		    bool (*read_pte)(u64 addr, unsigned long *pte),
		    unsigned long *pa)
{
	unsigned long table, pte, mask, slot;
	int level, levels;

	if (sizeof(long) != 8) {
		/* RV32: only bare translation is understood */
		if (satp >> 31)
			return false;
		*pa = va;
		return true;
	}
	switch (satp >> SATP_MODE_SHIFT) {
	case 0:
		*pa = va;
		return true;
	case 8:
		levels = 3;
		break;
	case 9:
		levels = 4;
		break;
	case 10:
		levels = 5;
		break;
	default:
		return false;
	}

	table = (satp & PPN_MASK) << PAGE_BITS;
	for (level = levels - 1; level >= 0; level--) {
		slot = table + ((va >> (PAGE_BITS + LEVEL_BITS * level)) & 0x1ff) *
			       sizeof(pte);
		if (!read_pte(slot, &pte) || !(pte & PTE_V))
			return false;
		table = ((pte >> PTE_PPN_SHIFT) & PPN_MASK) << PAGE_BITS;
		if (pte & PTE_RWX) {
			mask = (1UL << (PAGE_BITS + LEVEL_BITS * level)) - 1;
			*pa = (table & ~mask) | (va & mask);
			return true;
		}
	}

	return false;
}

/*
 * The rate limit's state. Harts update it without a lock: two faults at
 * the same instant may at worst print one line more or one less.
 */
static struct {
	unsigned long second, lines;
	unsigned int win;
	u64 block;
} limit;

static bool fault_line_allowed(unsigned long second, unsigned int win,
			       u64 block)
{
	if (second != limit.second) {
		limit.second = second;
		limit.lines = 0;
	}
	if (limit.lines >= 4 * MEMHP_FAULT_BURST ||
	    (limit.lines >= MEMHP_FAULT_BURST && win == limit.win &&
	     block == limit.block))
		return false;
	limit.lines++;
	limit.win = win;
	limit.block = block;
	return true;
}

void memhp_fault_report(const struct memhp_port *port,
			const struct memhp_fault *f)
{
	unsigned long pa, state;
	unsigned int win;
	u64 block;

	/* No window: nothing to walk the page tables for */
	if (!memhp_window_count() || !port->log || !port->read_pte ||
	    !memhp_va_to_pa(f->satp, f->va, port->read_pte, &pa) ||
	    !memhp_locate(pa, &win, &block, &state) ||
	    !fault_line_allowed(f->second, win, block))
		return;

	port->log(MEMHP_FAULT_FMT, f->hartid, f->access, pa, f->va, win,
		  (unsigned long)block,
		  state == MEMHP_BLOCK_PLUGGED ? "plugged" :
		  state == MEMHP_BLOCK_UNPLUGGED ? "unplugged" : "unavailable",
		  f->epc);
}
