// SPDX-License-Identifier: BSD-2-Clause
/*
 * Ticket spinlocks.
 */
#include <sbi/sbi_lock.h>
#include <sbi/riscv_asm.h>

void spin_lock(spinlock_t *lock)
{
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
}

void spin_unlock(spinlock_t *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
}

void spin_lock_serving(spinlock_t *lock, void (*serve)(void))
{
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket) {
		serve();
		cpu_relax();
	}
}
