/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Firmware console: a registered character device, formatted printing
 * serialized across harts.
 */
#ifndef __SBI_CONSOLE_H__
#define __SBI_CONSOLE_H__

#include <sbi/sbi_types.h>

struct sbi_console_device {
	const char *name;
	void (*putc)(char ch);
	int (*getc)(void); /* -1 when no byte is waiting */
};

void sbi_console_set_device(const struct sbi_console_device *dev);
const struct sbi_console_device *sbi_console_get_device(void);

void sbi_putc(char ch);
void sbi_puts(const char *str);
/* Write @len raw bytes (no newline translation); returns bytes written. */
unsigned long sbi_console_write(const char *buf, unsigned long len);
/* Read up to @len bytes that are waiting; never blocks. */
unsigned long sbi_console_read(char *buf, unsigned long len);

int sbi_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int sbi_snprintf(char *out, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Silence ordinary boot prints (fw_dynamic option bit 0). */
void sbi_console_set_quiet(bool quiet);
bool sbi_console_quiet(void);
/* Boot-time print that honours the quiet flag. */
#define sbi_boot_printf(...)                         \
	do {                                         \
		if (!sbi_console_quiet())            \
			sbi_printf(__VA_ARGS__);     \
	} while (0)

/* From now on print without taking the console lock (fatal paths). */
void sbi_console_panic_mode(void);

/* Print a message and stop the whole system cleanly. */
void __noreturn sbi_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
