/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Power-off and reboot devices: sifive,test and syscon poweroff/reboot.
 */
#ifndef __RESET_H__
#define __RESET_H__

#include <sbi/sbi_types.h>

/* Find the reset devices in the tree and register them. */
void reset_fdt_init(const void *fdt);

#endif
