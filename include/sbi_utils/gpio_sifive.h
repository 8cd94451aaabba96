/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SiFive GPIO controller (sifive,gpio0): one pin driven as an output.
 */
#ifndef __GPIO_SIFIVE_H__
#define __GPIO_SIFIVE_H__

#include <sbi/sbi_types.h>

/* Pins of one controller. */
#define SIFIVE_GPIO_PINS	32

/* Drive @pin of the controller at @base to @level, as a plain output. */
void sifive_gpio_output(unsigned long base, unsigned int pin, bool level);

#endif
