/*
 * HotSBI bench payload output: "@@ key value" lines written straight to
 * the ns16550 UART, and the exit through the sifive_test device, so that
 * neither depends on the firmware under test.
 */
#include "bench.h"

static void uart_putc(char c)
{
	volatile unsigned char *uart = (volatile unsigned char *)UART_BASE;

	while (!(uart[UART_LSR] & UART_LSR_THRE))
		;
	uart[UART_THR] = c;
}

void out(const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	char *s;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (s = buf; *s; s++) {
		if (*s == '\n')
			uart_putc('\r');
		uart_putc(*s);
	}
}

void kv_dec(const char *key, long v)
{
	out("@@ %s %ld\n", key, v);
}

void kv_hex(const char *key, ulong v)
{
	out("@@ %s %#lx\n", key, v);
}

void bench_exit(int fail)
{
	volatile u32 *test = (volatile u32 *)TEST_BASE;

	out(fail ? "@@ result FAIL\n" : "@@ result done\n");
	*test = fail ? (TEST_FAIL | (1 << 16)) : TEST_PASS;
	for (;;)
		wfi();
}

void fail(const char *what, long v)
{
	out("@@ error %s %ld\n", what, v);
	bench_exit(1);
}
