/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware's side of the memory-hotplug manager: the port it gives
 * lib/memhp (lock, cross-hart PMP update, scrub, console), boot-time
 * setup from the device tree, and the protection provider it registers
 * with sbi_pmp (per-hart sync, S-mode ranges, fault reports).
 */
#ifndef __SBI_MEMHP_H__
#define __SBI_MEMHP_H__

#include <sbi/sbi_types.h>

struct sbi_ecall_extension;
struct memhp_fdt_ro;

/*
 * Cold boot, after sbi_pmp_init(): register the MEMHP extension and the
 * protection provider, read windows and the emulated card from @fdt
 * through @tree (those the PMP budget cannot enforce are refused), carve
 * the card out of the RAM banks in sbi_platform (never over the initrd or
 * the next stage's entry @next_addr), build the boot plan.
 * Returns 0, or prints why and returns an error if the plan does not fit
 * after all (the boot stops).
 */
int sbi_memhp_cold_init(void *fdt, const struct memhp_fdt_ro *tree,
			u64 next_addr);

/* The MEMHP extension ID: 0x09000000 | (mvendorid & 0xffffff). */
unsigned long sbi_memhp_eid(void);

/* The extension's entry (sbi_ecall_memhp.c), registered at cold boot. */
extern struct sbi_ecall_extension sbi_ecall_memhp_ext;

/* Boot banner lines for the windows. */
void sbi_memhp_print(void);

#endif
