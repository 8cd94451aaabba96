/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Power-off and reboot devices: sifive,test, syscon poweroff/reboot and
 * gpio-restart on a SiFive GPIO pin.
 */
#ifndef __RESET_H__
#define __RESET_H__

#include <sbi/sbi_types.h>

/* A sifive,test device at @base: power-off (with a failure code), reboot. */
void reset_init_sifive_test(unsigned long base);

/* A syscon write of @value to @addr for power-off or reboot. */
void reset_init_syscon(bool poweroff, unsigned long addr, u32 value);

/*
 * A gpio-restart node on pin @pin of the sifive,gpio0 controller at @base
 * (reboot only; @active_low from the node's GPIO flags). sifive,test and
 * syscon-reboot, when present, reboot instead.
 */
void reset_init_gpio_restart(unsigned long base, unsigned int pin,
			     bool active_low);

#endif
