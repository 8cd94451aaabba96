/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * SiFive UART (sifive,uart0) console driver.
 */
#ifndef __SERIAL_SIFIVE_H__
#define __SERIAL_SIFIVE_H__

#include <sbi/sbi_types.h>

/* Set up the UART and make it the firmware console. */
void sifive_uart_init(unsigned long base, u32 clock, u32 baud);

#endif
