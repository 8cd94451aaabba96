// SPDX-License-Identifier: BSD-2-Clause
/*
 * SiFive GPIO controller (sifive,gpio0, as on the FU540 of the HiFive
 * Unleashed and QEMU's sifive_u): just enough to drive one pin as an
 * output, which is what a gpio-restart node needs.
 */
#include <sbi_utils/gpio_sifive.h>

#define GPIO_OUTPUT_EN	0x08
#define GPIO_PORT	0x0c
#define GPIO_IOF_EN	0x38
#define GPIO_OUT_XOR	0x40

static void gpio_update(unsigned long base, unsigned long reg, u32 bit,
			bool set)
{
	volatile u32 *r = (volatile u32 *)(base + reg);
	u32 v = *r;

	*r = set ? v | bit : v & ~bit;
}

void sifive_gpio_output(unsigned long base, unsigned int pin, bool level)
{
	u32 bit = 1U << (pin % SIFIVE_GPIO_PINS);

	/* the pin, not a hardware function, and not inverted */
	gpio_update(base, GPIO_IOF_EN, bit, false);
	gpio_update(base, GPIO_OUT_XOR, bit, false);
	/* the level first, so that enabling the output drives it */
	gpio_update(base, GPIO_PORT, bit, level);
	gpio_update(base, GPIO_OUTPUT_EN, bit, true);
}
