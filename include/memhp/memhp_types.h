/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Basic types for the memory-hotplug manager, so it builds inside the
 * firmware and on a host alike.
 */
#ifndef __MEMHP_TYPES_H__
#define __MEMHP_TYPES_H__

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#ifndef __SBI_TYPES_H__
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#endif

#endif
