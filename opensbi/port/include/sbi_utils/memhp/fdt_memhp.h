/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory hotplug windows (MEMHP vendor extension) for device-tree
 * platforms.
 */

#ifndef __FDT_MEMHP_H__
#define __FDT_MEMHP_H__

#include <sbi/sbi_types.h>

#ifdef CONFIG_FDT_MEMHP

/**
 * Set up the memory hotplug windows from the device tree
 *
 * Call once, on the cold boot HART, from the platform's final_init
 * before the device tree fixups: it adopts the windows the board
 * describes, carves the emulated card, moves the device tree out of a
 * window when it lies in one (read fdt_get_address_rw() afterwards),
 * registers the MEMHP extension, the "memhp" hart protection mechanism
 * and the fixup that publishes the windows. Problems that only cost the
 * windows are reported with one line and the boot goes on.
 *
 * @return 0 on success and negative error code on failure
 */
int fdt_memhp_init(void);

#else

static inline int fdt_memhp_init(void)
{
	return 0;
}

#endif

#endif
