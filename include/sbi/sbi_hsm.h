/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Hart state management: start, stop, status and suspend.
 */
#ifndef __SBI_HSM_H__
#define __SBI_HSM_H__

#include <sbi/sbi_hart.h>

long sbi_hsm_state(struct sbi_hart *h);
/* Wait as a stopped hart until another hart starts this one; enter S-mode. */
void __noreturn sbi_hsm_wait_for_start(struct sbi_hart *self);

int sbi_hsm_hart_start(unsigned long hartid, unsigned long addr,
		       unsigned long arg1);
int sbi_hsm_hart_stop(void);
int sbi_hsm_hart_get_status(unsigned long hartid, long *state);
int sbi_hsm_hart_suspend(unsigned long type, unsigned long addr,
			 unsigned long arg1);

/* Hook run by a hart when it (re)enters S-mode after start or resume. */
void sbi_hsm_on_smode_entry(struct sbi_hart *self);

#endif
