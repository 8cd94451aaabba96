/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * 8250/16550 UART console driver.
 */
#ifndef __SERIAL_UART8250_H__
#define __SERIAL_UART8250_H__

#include <sbi/sbi_types.h>

/* Set up the UART and make it the firmware console. */
void uart8250_init(unsigned long base, u32 reg_shift, u32 reg_width,
		   u32 clock, u32 baud);

#endif
