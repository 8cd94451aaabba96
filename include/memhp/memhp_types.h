/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Basic types for the memory-hotplug manager, so it builds inside any
 * SBI firmware and on a host alike. The typedefs name the <stdint.h>
 * types; a host that has its own u8..u64 for the same types may include
 * its header before or after this one (C11 allows the repetition).
 */
#ifndef __MEMHP_TYPES_H__
#define __MEMHP_TYPES_H__

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

/* A physical address range [base, base + size). */
struct memhp_range {
	u64 base;
	u64 size;
};

#endif
