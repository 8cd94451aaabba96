/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The firmware's side of the memory-hotplug manager: the port it gives
 * lib/memhp (lock, cross-hart PMP update, scrub, console), boot-time
 * setup from the device tree, and the per-hart PMP sync.
 */
#ifndef __SBI_MEMHP_H__
#define __SBI_MEMHP_H__

#include <sbi/sbi_types.h>

struct sbi_hart;
struct sbi_ecall_extension;

/*
 * Cold boot: read windows and the emulated card from @fdt, carve the card
 * out of the RAM banks in sbi_platform, build the boot plan. Returns 0 or
 * prints why and returns an error (the boot stops).
 */
int sbi_memhp_cold_init(void *fdt, struct sbi_hart *boot);

struct fdt_out;
/* Write the hotplug-memory node into the tree being rebuilt for S-mode. */
int sbi_memhp_fdt_emit(struct fdt_out *o);

/* Program the current plan on this hart (start, resume, boot). */
void sbi_memhp_sync_self(struct sbi_hart *self);

/* The MEMHP extension ID: 0x09000000 | (mvendorid & 0xffffff). */
unsigned long sbi_memhp_eid(void);

/* The extension's entry (sbi_ecall_memhp.c), registered at cold boot. */
extern struct sbi_ecall_extension sbi_ecall_memhp_ext;

/* The manager's lock, for callers reading window memory (DBCN). */
void sbi_memhp_lock(void);
void sbi_memhp_unlock(void);

/* An S/U access fault at @addr: log it (rate-limited) when in a window. */
void sbi_memhp_fault(unsigned long cause, unsigned long addr,
		     unsigned long epc);

/* Boot banner lines for the windows. */
void sbi_memhp_print(void);

#endif
