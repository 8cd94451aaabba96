/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Supervisor timer: Sstc's stimecmp when the hart has it, else the
 * machine timer forwarded as the S-mode timer interrupt.
 */
#ifndef __SBI_TIMER_H__
#define __SBI_TIMER_H__

#include <sbi/sbi_types.h>

void sbi_timer_set(u64 next_event);
/* Machine timer interrupt: forward it to S-mode. */
void sbi_timer_process(void);
u64 sbi_timer_value(void);

#endif
