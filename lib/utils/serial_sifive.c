// SPDX-License-Identifier: BSD-2-Clause
/*
 * SiFive UART (sifive,uart0) driver for the firmware console, as on the
 * HiFive Unleashed and QEMU's sifive_u.
 */
#include <sbi/sbi_console.h>
#include <sbi_utils/serial_sifive.h>

#define UART_TXDATA	0x00
#define UART_RXDATA	0x04
#define UART_TXCTRL	0x08
#define UART_RXCTRL	0x0c
#define UART_IE		0x10
#define UART_DIV	0x18

#define UART_TXDATA_FULL	0x80000000U
#define UART_RXDATA_EMPTY	0x80000000U
#define UART_CTRL_EN		0x1U

static volatile u32 *uart;

static void sifive_uart_putc(char ch)
{
	while (uart[UART_TXDATA / 4] & UART_TXDATA_FULL)
		;
	uart[UART_TXDATA / 4] = (u8)ch;
}

static int sifive_uart_getc(void)
{
	u32 v = uart[UART_RXDATA / 4];

	return (v & UART_RXDATA_EMPTY) ? -1 : (int)(v & 0xff);
}

static const struct sbi_console_device sifive_uart_console = {
	.name = "sifive-uart",
	.putc = sifive_uart_putc,
	.getc = sifive_uart_getc,
};

void sifive_uart_init(unsigned long base, u32 clock, u32 baud)
{
	uart = (volatile u32 *)base;
	/* div = clock / baud - 1, when the tree gives both. */
	if (clock && baud && clock / baud > 0)
		uart[UART_DIV / 4] = clock / baud - 1;
	uart[UART_IE / 4] = 0;
	uart[UART_TXCTRL / 4] = UART_CTRL_EN;
	uart[UART_RXCTRL / 4] = UART_CTRL_EN;
	sbi_console_set_device(&sifive_uart_console);
}
