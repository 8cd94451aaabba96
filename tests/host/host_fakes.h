/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fakes the host tests link instead of hardware: readable-memory
 * registry for sbi_probe_load32, a recording console, and stubs for the
 * MMIO drivers (UART, CLINT) that record how the platform set them up.
 */
#ifndef __HOST_FAKES_H__
#define __HOST_FAKES_H__

#include <sbi/sbi_types.h>
#include <sbi/riscv_asm.h>
#include <sbi/sbi_console.h>

/* Memory that sbi_probe_load32 may read. */
void host_mem_add(const void *base, size_t len);
void host_mem_clear(void);

/* Reset the CSR file, missing-CSR map, fence log and wait counters. */
void host_csr_reset(void);
/* Abort after this many wfi/cpu_relax calls in a row (default 1000000). */
extern unsigned long host_spin_limit;

/* Recording console: every putc lands in host_console_out. */
#define HOST_CONSOLE_MAX	65536
extern char host_console_out[HOST_CONSOLE_MAX + 1];
extern size_t host_console_len;
extern const struct sbi_console_device host_console;
/* Echo console output to stdout as well (debugging). */
extern bool host_console_echo;
void host_console_reset(void);
/* Queue bytes that getc will return. */
void host_console_feed(const char *s, size_t len);

/* What the platform code passed to the UART and CLINT drivers. */
struct host_uart_setup {
	unsigned int calls;
	unsigned long base;
	u32 reg_shift, reg_width, clock, baud;
	bool sifive;		/* sifive_uart_init(), not uart8250_init() */
};
extern struct host_uart_setup host_uart;

/*
 * What the platform registered: the MSWIs (IPIs) and the MTIMERs, by hart
 * index the address of its MSIP word and its mtimecmp (0: none).
 */
struct host_clint_setup {
	unsigned int calls;
	unsigned int count;
	unsigned long msip[HARTS_MAX];
};
extern struct host_clint_setup host_clint;

struct host_mtimer_setup {
	unsigned int calls;
	unsigned long mtime;
	unsigned long mtimecmp[HARTS_MAX];
};
extern struct host_mtimer_setup host_mtimer;
void host_drivers_reset(void);

/* Clear lib/utils/reset.c's state (host_reset_wrap.c). */
void host_reset_state(void);

/* Calls of sbi_hart_enter_smode (which the tests never expect). */
extern unsigned int host_enter_smode_calls;

/*
 * A hand-made hart table: hart i has id ids[i], S-mode capability
 * s_capable[i] (NULL: all capable), HSM state STARTED; the calling hart
 * (mscratch) is hart 0.
 */
void host_harts_setup(const unsigned long *ids, const bool *s_capable,
		      unsigned int n);
/* Empty platform, hart table, console, CSR file and driver records. */
void host_platform_reset(void);

/* When non-zero, a hang in wfi ends the process with this exit code. */
extern int host_hang_exit;

/* Read a whole file (test data); NULL on error. Caller frees. */
void *host_read_file(const char *path, size_t *len);

#endif
