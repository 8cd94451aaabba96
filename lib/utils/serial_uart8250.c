// SPDX-License-Identifier: BSD-2-Clause
/*
 * 8250/16550 UART driver for the firmware console.
 */
#include <sbi/sbi_console.h>
#include <sbi_utils/serial_uart8250.h>

#define UART_RBR	0 /* receive buffer (read) */
#define UART_THR	0 /* transmit holding (write) */
#define UART_DLL	0 /* divisor latch low (DLAB = 1) */
#define UART_IER	1
#define UART_DLM	1 /* divisor latch high (DLAB = 1) */
#define UART_FCR	2
#define UART_LCR	3
#define UART_MCR	4
#define UART_LSR	5

#define UART_LSR_DR	0x01
#define UART_LSR_THRE	0x20
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03

static volatile char *uart_base;
static u32 uart_shift;
static u32 uart_width;

static u32 uart_read(int reg)
{
	volatile char *p = uart_base + (reg << uart_shift);

	if (uart_width == 4)
		return *(volatile u32 *)p;
	return *(volatile u8 *)p;
}

static void uart_write(int reg, u32 val)
{
	volatile char *p = uart_base + (reg << uart_shift);

	if (uart_width == 4)
		*(volatile u32 *)p = val;
	else
		*(volatile u8 *)p = val;
}

static void uart8250_putc(char ch)
{
	while (!(uart_read(UART_LSR) & UART_LSR_THRE))
		;
	uart_write(UART_THR, (u8)ch);
}

static int uart8250_getc(void)
{
	if (uart_read(UART_LSR) & UART_LSR_DR)
		return (int)(uart_read(UART_RBR) & 0xff);
	return -1;
}

static const struct sbi_console_device uart8250_console = {
	.name = "uart8250",
	.putc = uart8250_putc,
	.getc = uart8250_getc,
};

void uart8250_init(unsigned long base, u32 reg_shift, u32 reg_width,
		   u32 clock, u32 baud)
{
	uart_base = (volatile char *)base;
	uart_shift = reg_shift;
	uart_width = reg_width == 4 ? 4 : 1;

	uart_write(UART_IER, 0);
	if (clock && baud) {
		u32 div = clock / (16 * baud);

		uart_write(UART_LCR, UART_LCR_DLAB);
		uart_write(UART_DLL, div & 0xff);
		uart_write(UART_DLM, (div >> 8) & 0xff);
	}
	uart_write(UART_LCR, UART_LCR_8N1);
	uart_write(UART_FCR, 0x07);
	uart_write(UART_MCR, 0x03);
	sbi_console_set_device(&uart8250_console);
}
