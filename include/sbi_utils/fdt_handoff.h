/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The device tree handed to the next stage: rebuilt with the firmware's
 * edits and placed where the next stage can use it.
 */
#ifndef __FDT_HANDOFF_H__
#define __FDT_HANDOFF_H__

struct fdt_out;

/*
 * Rebuild the tree at *@fdt (fdt_fixup_rebuild(): nodes compatible with
 * @drop_compat and root children named @root_node are replaced by what
 * @emit writes) and put it where it was when it still fits there
 * inside boot RAM, else just below the top of the highest RAM bank, clear
 * of the firmware, the initrd and @next_addr. *@fdt becomes its address.
 * Returns 0, or prints the line the boot stops on and returns an error.
 */
int fdt_handoff(unsigned long *fdt, unsigned long next_addr,
		const char *drop_compat, const char *root_node,
		int (*emit)(struct fdt_out *o));

#endif
