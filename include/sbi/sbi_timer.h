/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Supervisor timer: Sstc's stimecmp when the hart has it, else the
 * machine timer forwarded as the S-mode timer interrupt.
 */
#ifndef __SBI_TIMER_H__
#define __SBI_TIMER_H__

#include <sbi/sbi_types.h>

/* The machine timer device a driver registers. */
struct sbi_timer_device {
	const char *name;
	/* The time counter (mtime). */
	u64 (*timer_value)(void);
	/* Raise the machine timer interrupt of hart @hart_index at @next. */
	void (*timer_event_start)(unsigned int hart_index, u64 next);
};

/* Cold boot: the timer (NULL: none; the time then reads 0). */
void sbi_timer_set_device(const struct sbi_timer_device *dev);

void sbi_timer_set(u64 next_event);
/* Machine timer interrupt: forward it to S-mode. */
void sbi_timer_process(void);
u64 sbi_timer_value(void);

#endif
