/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory-hotplug manager's device-tree side in the firmware: how it
 * reads the tree (the fast walker) and how it writes its node into the
 * tree handed to the next stage (the rebuild's output).
 */
#ifndef __FDT_MEMHP_H__
#define __FDT_MEMHP_H__

struct fdt_out;
struct memhp_fdt_ro;

/* The walker's read-only tree access, for sbi_memhp_cold_init(). */
extern const struct memhp_fdt_ro fdt_memhp_tree;

/* Write the hotplug-memory node into the tree being rebuilt for S-mode. */
int fdt_memhp_emit(struct fdt_out *o);

#endif
