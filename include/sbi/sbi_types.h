/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Basic fixed-width types for the firmware (freestanding: no libc).
 */
#ifndef __SBI_TYPES_H__
#define __SBI_TYPES_H__

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
typedef unsigned long ulong;
typedef uintptr_t physical_addr_t;

#define __packed __attribute__((packed))
#define __noreturn __attribute__((noreturn))
#define __aligned(x) __attribute__((aligned(x)))
#define __unused __attribute__((unused))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define array_size(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(n) (1UL << (n))
#define ROUNDUP(x, a) ((((x) + (a) - 1) / (a)) * (a))
#define ROUNDDOWN(x, a) (((x) / (a)) * (a))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#endif /* !__ASSEMBLY__ */
#endif
