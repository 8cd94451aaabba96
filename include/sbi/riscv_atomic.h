/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Atomic operations on machine words, built on the compiler's __atomic
 * builtins (which emit the A extension's AMO and LR/SC instructions).
 */
#ifndef __RISCV_ATOMIC_H__
#define __RISCV_ATOMIC_H__

#include <sbi/sbi_types.h>

typedef struct {
	volatile long counter;
} atomic_t;

#define ATOMIC_INIT(v) { (v) }

static inline long atomic_read(atomic_t *a)
{
	return __atomic_load_n(&a->counter, __ATOMIC_ACQUIRE);
}

static inline void atomic_write(atomic_t *a, long v)
{
	__atomic_store_n(&a->counter, v, __ATOMIC_RELEASE);
}

static inline long atomic_xchg(atomic_t *a, long v)
{
	return __atomic_exchange_n(&a->counter, v, __ATOMIC_ACQ_REL);
}

/* Returns true when *a was @old and is now @new. */
static inline bool atomic_cmpxchg(atomic_t *a, long old, long new)
{
	return __atomic_compare_exchange_n(&a->counter, &old, new, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

static inline long atomic_or_return_old(atomic_t *a, long v)
{
	return __atomic_fetch_or(&a->counter, v, __ATOMIC_ACQ_REL);
}

#endif
