/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Edits to the device tree handed to the next stage.
 */
#ifndef __FDT_FIXUP_H__
#define __FDT_FIXUP_H__

#include <sbi/sbi_types.h>

/* Room added to the tree for the firmware's edits. */
#define FDT_FIXUP_EXTRA_SPACE	4096

/* Add a no-map /reserved-memory child covering [base, base + size). */
int fdt_fixup_reserve_firmware(void *fdt, u64 base, u64 size);

/* Mark harts S-mode cannot run as disabled in /cpus. */
int fdt_fixup_cpus(void *fdt);

#endif
