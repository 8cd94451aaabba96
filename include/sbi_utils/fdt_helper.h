/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device-tree reading helpers on top of libfdt: structural validation,
 * addresses and sizes, compatible lookups.
 */
#ifndef __FDT_HELPER_H__
#define __FDT_HELPER_H__

#include <sbi/sbi_types.h>

/* Largest device tree the firmware accepts. */
#define FDT_HELPER_MAX_SIZE	(1UL << 20)

/*
 * Check the header and walk every tag, so later lookups cannot run off
 * a truncated or corrupt tree. Returns 0 or a message.
 */
const char *fdt_helper_validate(const void *fdt);

/* Read a big-endian number of @cells 32-bit cells (1 or 2). */
u64 fdt_helper_read_cells(const void *p, int cells);

/* Entry @index of node's "reg", using the parent's cell counts. */
int fdt_helper_get_reg(const void *fdt, int node, int index, u64 *addr,
		       u64 *size);

/* First enabled node compatible with one of @compats (NULL-terminated). */
int fdt_helper_find_compatible(const void *fdt, int start,
			       const char *const *compats);

/* True when a node's status is absent, "okay" or "ok". */
bool fdt_helper_node_enabled(const void *fdt, int node);

/* Read a u32 or u64 property; returns 0 or -1 when absent/short. */
int fdt_helper_get_u32(const void *fdt, int node, const char *name, u32 *v);
int fdt_helper_get_u64(const void *fdt, int node, const char *name, u64 *v);

#endif
