/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device-tree reading and writing for the memory hotplug windows at
 * boot: libfdt's answers from single token scans.
 */

#ifndef __FDT_MEMHP_TREE_H__
#define __FDT_MEMHP_TREE_H__

#include <sbi/sbi_types.h>
#include <memhp/memhp_fdt.h>

/* libfdt-compatible tree operations for memhp_fdt_parse() */
extern const struct memhp_fdt_ro fdt_memhp_tree_ro;

#define FDT_MEMHP_TREE_MEMORY_MAX	8

/* What fdt_memhp_tree_scan() finds, as node offsets (-1: none) */
struct fdt_memhp_tree_scan {
	/* Children of the root with device_type "memory" */
	int memory[FDT_MEMHP_TREE_MEMORY_MAX];
	unsigned int nmemory;
	int chosen;
	/* The first node compatible with the string asked for */
	int window;
};

/**
 * Find the memory nodes, /chosen and the first node compatible with
 * @compat in one pass over the tree
 *
 * @return 0 on success and a negative libfdt error code on failure
 */
int fdt_memhp_tree_scan(const void *fdt, const char *compat,
			struct fdt_memhp_tree_scan *scan);

/**
 * Copy a device tree to @dst with @size bytes in all
 *
 * @return 0 on success and a negative libfdt error code on failure
 */
int fdt_memhp_tree_move(const void *fdt, void *dst, unsigned long size);

/**
 * Write the nodes @emit produces as the last children of the root
 *
 * Grows the tree in place when it lacks the room (as libfdt's
 * fdt_open_into() does for the other fixups).
 *
 * @return 0 on success and a negative libfdt error code on failure;
 * the tree is unchanged then
 */
int fdt_memhp_tree_append(void *fdt,
			  int (*emit)(const struct memhp_fdt_sink *sink,
				      unsigned long arg),
			  unsigned long arg);

#endif
