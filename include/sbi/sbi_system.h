/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System reset (SRST) and the clean stop used on fatal errors.
 */
#ifndef __SBI_SYSTEM_H__
#define __SBI_SYSTEM_H__

#include <sbi/sbi_types.h>

/* The system reset device a driver registers. */
struct sbi_system_reset_device {
	const char *name;
	/* 0 when @type (SBI SRST type) with @reason is supported. */
	int (*reset_check)(u32 type, u32 reason);
	void (*reset)(u32 type, u32 reason);
};

/* Cold boot: the reset device (NULL: none, SRST not supported). */
void sbi_system_reset_set_device(const struct sbi_system_reset_device *dev);
/* The registered reset device, or NULL. */
const struct sbi_system_reset_device *sbi_system_reset_get_device(void);

int sbi_system_reset(unsigned long type, unsigned long reason);
/* Power off reporting failure when the platform can, else park. */
void __noreturn sbi_system_stop(void);

#endif
