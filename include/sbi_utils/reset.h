/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Power-off and reboot devices: sifive,test and syscon poweroff/reboot.
 */
#ifndef __RESET_H__
#define __RESET_H__

#include <sbi/sbi_types.h>

/* A sifive,test device at @base: power-off (with a failure code), reboot. */
void reset_init_sifive_test(unsigned long base);

/* A syscon write of @value to @addr for power-off or reboot. */
void reset_init_syscon(bool poweroff, unsigned long addr, u32 value);

#endif
