/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Device-tree helpers: structural validation of a blob before anything
 * reads it, and reading big-endian cells.
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

#endif
