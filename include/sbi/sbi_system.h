/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * System reset (SRST) and the clean stop used on fatal errors.
 */
#ifndef __SBI_SYSTEM_H__
#define __SBI_SYSTEM_H__

#include <sbi/sbi_types.h>

int sbi_system_reset(unsigned long type, unsigned long reason);
/* Power off reporting failure when the platform can, else park. */
void __noreturn sbi_system_stop(void);

#endif
