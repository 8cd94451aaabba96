/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Ticket spinlocks: fair, so a hart in a tight loop cannot starve others.
 */
#ifndef __SBI_LOCK_H__
#define __SBI_LOCK_H__

#include <sbi/sbi_types.h>

typedef struct {
	volatile u32 next;
	volatile u32 owner;
} spinlock_t;

#define SPIN_LOCK_INIT { 0, 0 }

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
/* Take the lock in turn, calling @serve while waiting for it. */
void spin_lock_serving(spinlock_t *lock, void (*serve)(void));

#endif
