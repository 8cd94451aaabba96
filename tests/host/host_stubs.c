// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host stand-ins for what the firmware gets from hardware or assembly:
 * the UART and CLINT drivers (recorded, no MMIO), a recording console,
 * linker symbols and the S-mode entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sbi/sbi_hart.h>
#include <sbi/sbi_string.h>
#include <sbi/sbi_platform.h>
#include <sbi/sbi_system.h>
#include <sbi/sbi_timer.h>
#include <sbi/sbi_ipi.h>
#include <sbi_utils/clint.h>
#include <sbi_utils/serial_uart8250.h>
#include <sbi_utils/serial_sifive.h>
#include <sbi_utils/gpio_sifive.h>
#include "host_fakes.h"

/* Linker and assembly symbols the C code refers to. */
char _trap_entry[4];
char _fw_start[4096] __aligned(4096);
char _fw_end[1];

unsigned int host_enter_smode_calls;

void sbi_hart_enter_smode(unsigned long arg0, unsigned long arg1,
			  unsigned long addr)
{
	host_enter_smode_calls++;
	fprintf(stderr, "host: sbi_hart_enter_smode(0x%lx, 0x%lx, 0x%lx) cannot run on the host\n",
		arg0, arg1, addr);
	abort();
}

/* ------------------------------------------------------------ console */

char host_console_out[HOST_CONSOLE_MAX + 1];
size_t host_console_len;
bool host_console_echo;
static char console_in[4096];
static size_t console_in_len, console_in_pos;

static void host_console_putc(char ch)
{
	if (host_console_echo)
		fputc(ch, stdout);
	if (host_console_len < HOST_CONSOLE_MAX) {
		host_console_out[host_console_len++] = ch;
		host_console_out[host_console_len] = '\0';
	}
}

static int host_console_getc(void)
{
	if (console_in_pos < console_in_len)
		return (unsigned char)console_in[console_in_pos++];
	return -1;
}

const struct sbi_console_device host_console = {
	.name = "host",
	.putc = host_console_putc,
	.getc = host_console_getc,
};

void host_console_reset(void)
{
	host_console_len = 0;
	host_console_out[0] = '\0';
	console_in_len = 0;
	console_in_pos = 0;
}

void host_console_feed(const char *s, size_t len)
{
	if (len > sizeof(console_in) - console_in_len)
		len = sizeof(console_in) - console_in_len;
	memcpy(console_in + console_in_len, s, len);
	console_in_len += len;
}

/* ------------------------------------------------------------ drivers */

struct host_uart_setup host_uart;
struct host_clint_setup host_clint;
struct host_mtimer_setup host_mtimer;

void host_drivers_reset(void)
{
	memset(&host_uart, 0, sizeof(host_uart));
	memset(&host_clint, 0, sizeof(host_clint));
	memset(&host_mtimer, 0, sizeof(host_mtimer));
}

void uart8250_init(unsigned long base, u32 reg_shift, u32 reg_width,
		   u32 clock, u32 baud)
{
	host_uart.calls++;
	host_uart.base = base;
	host_uart.reg_shift = reg_shift;
	host_uart.reg_width = reg_width;
	host_uart.clock = clock;
	host_uart.baud = baud;
	host_uart.sifive = false;
	sbi_console_set_device(&host_console);
}

/* gpio-restart's pin: a reboot in a host test would end here. */
void sifive_gpio_output(unsigned long base, unsigned int pin, bool level)
{
	printf("# sifive_gpio_output(0x%lx, %u, %d)\n", base, pin, level);
}

void sifive_uart_init(unsigned long base, u32 clock, u32 baud)
{
	uart8250_init(base, 0, 4, clock, baud);
	host_uart.sifive = true;
}

void aclint_mswi_init(const unsigned long *msip, unsigned int count)
{
	unsigned int i;

	host_clint.calls++;
	host_clint.count = count;
	for (i = 0; i < HARTS_MAX; i++)
		host_clint.msip[i] = i < count ? msip[i] : 0;
}

void aclint_mtimer_init(unsigned long mtime, const unsigned long *mtimecmp,
			unsigned int count)
{
	unsigned int i;

	host_mtimer.calls++;
	host_mtimer.mtime = mtime;
	for (i = 0; i < HARTS_MAX; i++)
		host_mtimer.mtimecmp[i] = i < count ? mtimecmp[i] : 0;
}

/* ------------------------------------------------------------ tables */

void host_harts_setup(const unsigned long *ids, const bool *s_capable,
		      unsigned int n)
{
	unsigned int i;

	memset(sbi_harts, 0, sizeof(sbi_harts));
	memset(sbi_hart_ids, 0, sizeof(sbi_hart_ids));
	for (i = 0; i < n && i < HARTS_MAX; i++) {
		sbi_harts[i].hartid = ids[i];
		sbi_harts[i].index = i;
		sbi_harts[i].s_capable = s_capable ? s_capable[i] : true;
		sbi_hart_ids[i] = ids[i];
	}
	sbi_hart_count = i;
	host_csr[CSR_MSCRATCH] = (unsigned long)&sbi_harts[0];
}

void host_platform_reset(void)
{
	memset(&sbi_platform, 0, sizeof(sbi_platform));
	memset(sbi_harts, 0, sizeof(sbi_harts));
	memset(sbi_hart_ids, 0, sizeof(sbi_hart_ids));
	sbi_hart_count = 0;
	host_csr_reset();
	host_csr[CSR_MSCRATCH] = (unsigned long)&sbi_harts[0];
	host_console_reset();
	sbi_console_set_device(NULL);
	sbi_ipi_set_device(NULL);
	sbi_timer_set_device(NULL);
	sbi_system_reset_set_device(NULL);
	host_drivers_reset();
	host_reset_state();
	host_mem_clear();
}

/* ------------------------------------------------------------ files */

void *host_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	/* 8-byte aligned, as the firmware requires of a device tree. */
	buf = aligned_alloc(8, ((size_t)n + 8) & ~7UL);
	if (!buf || fread(buf, 1, n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* ------------------------------------------------------------ libc */

/*
 * glibc before 2.38 has no strlcpy; the firmware's callers get this one
 * (same contract as lib/sbi/sbi_string.c, which host-string tests).
 */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
